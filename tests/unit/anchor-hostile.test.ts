import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PLACES, MAX_QUOTE_LENGTH } from '../../src/model/anchor/limits.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';

/**
 * Hostile quotes and sources: a matrix is untrusted input, and no quote may take much longer
 * to look up than a normal one. The time limits are generous protections measured in this
 * process (each case took tens of seconds to minutes before the look-up had its limits), not
 * benchmarks: `npm run bench` measures speed.
 */
function timed<T>(run: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = run();
  return { value, ms: performance.now() - t0 };
}

/** 3 MB of one short word repeated: every k-gram of every quote made of it occurs a million times. */
const repeated = 'ab '.repeat(1_000_000);

describe('anchoring hostile input in bounded time', () => {
  it('a long quote of a phrase the source repeats a million times: ambiguous at once, its places counted up to a limit', () => {
    const index = new SourceIndex(repeated);
    const quote = 'ab '.repeat(600).trim();
    const { value: a, ms } = timed(() => index.anchor({ quote }));
    expect(a.status).toBe('ambiguous');
    expect(a.candidates).toHaveLength(MAX_LISTED_PLACES);
    expect(a.candidates![0]).toEqual({ start: 0, end: quote.length });
    expect(a.reason).toMatch(/more than 1,000 times/);
    expect(ms).toBeLessThan(2000);
  });

  it('ten such quotes of different lengths take no longer than a few normal look-ups each', () => {
    const index = new SourceIndex(repeated);
    const { ms } = timed(() => {
      for (let i = 0; i < 10; i++) expect(index.anchor({ quote: 'ab '.repeat(600 - i).trim() }).status).toBe('ambiguous');
    });
    expect(ms).toBeLessThan(3000);
  });

  it('refuses a quote, prefix or suffix over the length limit before any work, saying why', () => {
    const index = new SourceIndex(repeated);
    const long = 'ab '.repeat(3000).trim();
    for (const query of [{ quote: long }, { quote: 'ab', prefix: long }, { quote: 'ab', suffix: long }]) {
      const { value: a, ms } = timed(() => index.anchor(query));
      expect(a.status).toBe('orphaned');
      expect(a.reason).toMatch(new RegExp(`8,999 characters long, more than the ${MAX_QUOTE_LENGTH.toLocaleString('en-US')} allowed`));
      expect(ms).toBeLessThan(100);
    }
  });

  it('near-miss quotes (every word in the source, the whole nowhere) stop within their share of work', () => {
    // Blocks of "ab" and "ac" words: every 12-character piece of the quotes occurs thousands
    // of times, but no quote occurs, so every place of its rarest piece must be verified.
    let source = '';
    for (let i = 0; i < 60_000; i++) source += 'ab ab ab ab ab ab ab ac ac ac ';
    const index = new SourceIndex(source);
    const { ms } = timed(() => {
      for (let i = 0; i < 100; i++) {
        const quote = `${'ab ab ab ab ab ab ab ac ac ac '.repeat(60)}ab ab ab ab ab ac ac ac ac ac ac ab`;
        const a = index.anchor({ quote: quote.slice(i) });
        expect(a.status).toBe('orphaned');
      }
    });
    expect(ms).toBeLessThan(5000);
  });

  it('near-miss long quotes get their suggestion search in bounded time (100 of 2,000 characters)', () => {
    // 1.5 MB of random words, in lines as printed.
    let source = '';
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) >> 8;
    for (let i = 0; i < 250_000; i++) {
      let word = '';
      for (let n = 2 + (next() % 7); n > 0; n--) word += String.fromCharCode(97 + (next() % 26));
      source += word + (i % 17 === 16 ? '\n' : ' ');
    }
    const index = new SourceIndex(source);
    const { value: anchors, ms } = timed(() =>
      Array.from({ length: 100 }, (_, i) => {
        const start = 1000 + i * 9973;
        const passage = source.slice(start, start + 1990).replace(/\s+/g, ' ');
        // One word changed in the middle: the quote is nowhere, a passage close to it is.
        return index.anchor({ quote: passage.replace(/ (\w+) (\w+) /, ' $1 QQQQ ') });
      }),
    );
    for (const a of anchors) expect(a.status).toBe('orphaned');
    expect(anchors.filter((a) => a.suggestion && a.suggestion.similarity > 0.99).length).toBe(100);
    expect(ms).toBeLessThan(10000);
  });

  it('single-character quotes with a prefix that matches nowhere, in a source of that character', () => {
    const index = new SourceIndex('a'.repeat(3_000_000));
    const { value: anchors, ms } = timed(() => Array.from({ length: 50 }, () => index.anchor({ quote: 'a', prefix: 'b' })));
    for (const a of anchors) expect(a.status).toBe('orphaned');
    expect(ms).toBeLessThan(5000);
  });
});
