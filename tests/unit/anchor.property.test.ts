import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';

/**
 * Random print-like text: words joined by spaces or hard line breaks, some words hyphenated
 * across a line break as print extraction leaves them. Quotes are cut from the words as a
 * reader would type them; each must be found at its true place (or, when the same words
 * occur twice by chance, be ambiguous with its true place among the candidates).
 */
const word = fc.stringMatching(/^[A-Za-zéàç]{2,10}$/);
const piece = fc.record({
  word,
  compound: fc.option(word, { freq: 6 }),
  joiner: fc.constantFrom(' ', ' ', ' ', '\n', '  ', ' \n'),
  hyphenAt: fc.option(fc.nat({ max: 8 }), { freq: 4 }),
});

interface Printed { text: string; starts: number[]; ends: number[]; words: string[] }

function print(pieces: { word: string; compound: string | null; joiner: string; hyphenAt: number | null }[]): Printed {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  for (const p of pieces) {
    const logical = p.compound ? `${p.word}-${p.compound}` : p.word;
    let printed = logical;
    if (p.compound && p.hyphenAt !== null) printed = `${p.word}-\n${p.compound}`;
    else if (p.hyphenAt !== null && p.hyphenAt > 0 && p.hyphenAt < p.word.length) printed = `${p.word.slice(0, p.hyphenAt)}-\n${p.word.slice(p.hyphenAt)}`;
    starts.push(text.length);
    text += printed;
    ends.push(text.length);
    words.push(logical);
    text += p.joiner;
  }
  return { text, starts, ends, words };
}

describe('anchoring quotes cut from random print-like text (property-based)', () => {
  it('finds every quote at its true place', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 8, maxLength: 120 }), fc.nat(), fc.integer({ min: 1, max: 12 }), fc.boolean(), (pieces, at, len, curly) => {
        const printed = print(pieces);
        const i = at % printed.words.length;
        const j = Math.min(printed.words.length - 1, i + len);
        let quote = printed.words.slice(i, j + 1).join(' ');
        if (curly) quote = quote.replaceAll("'", '’');
        const truth = { start: printed.starts[i], end: printed.ends[j] };
        const anchor = new SourceIndex(printed.text).anchor({ quote });
        expect(anchor.status).not.toBe('orphaned');
        if (anchor.status === 'found') expect(anchor.range).toEqual(truth);
        else expect(anchor.candidates).toContainEqual(truth);
      }),
      { numRuns: 400 },
    );
  });

  it('finds a quote typed with the print hyphen kept ("neces- sary")', () => {
    fc.assert(
      fc.property(word.filter((w) => w.length > 4), word, word, (a, b, c) => {
        const text = `${b} ${a.slice(0, 3)}-\n${a.slice(3)} ${c}.\n`;
        const anchor = new SourceIndex(text).anchor({ quote: `${b} ${a.slice(0, 3)}- ${a.slice(3)} ${c}` });
        expect(anchor.status).toBe('found');
        expect(anchor.range).toEqual({ start: 0, end: text.length - 2 });
      }),
    );
  });

  it('finds every occurrence of quotes without spaces (one long token), as a plain scan would', () => {
    const token = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.array(token, { minLength: 3, maxLength: 6 }), { minLength: 5, maxLength: 80 }), fc.nat(), fc.nat(), fc.integer({ min: 4, max: 40 }), (rows, r, at, len) => {
        const lines = rows.map((cols) => cols.join(','));
        const text = lines.join('\n') + '\n';
        const line = lines[r % lines.length];
        const start = at % line.length;
        const quote = line.slice(start, start + len);
        fc.pre(!quote.includes(',,') && quote.trim() === quote);
        const truth: number[] = [];
        for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) truth.push(i);
        const anchor = new SourceIndex(text).anchor({ quote });
        const places = anchor.status === 'found' ? [anchor.range!] : (anchor.candidates ?? []);
        expect(places.map((p) => p.start)).toEqual(truth.slice(0, 20));
        expect(anchor.status).toBe(truth.length === 1 ? 'found' : 'ambiguous');
      }),
      { numRuns: 400 },
    );
  });
});
