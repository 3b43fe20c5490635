import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestApproximateMatch } from '../../src/model/anchor/similarity.ts';

/** Edit distance with a free start and end in the text: the plain table (Sellers), as the oracle. */
function sellers(pattern: string, text: string): number {
  const m = pattern.length;
  let prev = Array.from({ length: m + 1 }, (_, i) => i);
  let best = m;
  for (let j = 1; j <= text.length; j++) {
    const cur = [0];
    for (let i = 1; i <= m; i++) {
      cur[i] = Math.min(prev[i - 1] + (pattern[i - 1] === text[j - 1] ? 0 : 1), prev[i] + 1, cur[i - 1] + 1);
    }
    best = Math.min(best, cur[m]);
    prev = cur;
  }
  return best;
}

/** Plain edit distance of two strings. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[b.length];
}

describe('bestApproximateMatch (bit-parallel)', () => {
  const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀'), maxLength: 90 });
  it('finds the fewest edits the plain table finds, at a range with that many edits', () => {
    fc.assert(
      fc.property(letters.filter((s) => s.length > 0), letters, (pattern, window) => {
        const m = bestApproximateMatch(pattern, window);
        const expected = Math.min(pattern.length, sellers(pattern, window));
        expect(m.distance).toBe(expected);
        if (m.distance < pattern.length) expect(levenshtein(pattern, window.slice(m.start, m.end))).toBe(m.distance);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles patterns longer than one machine word (several blocks)', () => {
    const pattern = 'the visa policy is harmonized across the union and its members, '.repeat(3);
    const window = `xx ${pattern.replace('union', 'onion').replace('members', 'member')} yy`;
    const m = bestApproximateMatch(pattern, window);
    expect(m.distance).toBe(sellers(pattern, window));
    expect(m.distance).toBe(2);
    expect(window.slice(m.start, m.end)).toContain('onion');
  });
});
