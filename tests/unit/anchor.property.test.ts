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
        else if (!anchor.candidates!.some((c) => c.start === truth.start && c.end === truth.end)) {
          // The first few places are listed: the true one is later in the text.
          expect(anchor.candidates).toHaveLength(5);
          expect(anchor.candidates![4].start).toBeLessThan(truth.start);
        }
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
        // The first few places are listed (positions only), and all of them counted.
        expect(places.map((p) => p.start)).toEqual(truth.slice(0, 5));
        expect(anchor.status).toBe(truth.length === 1 ? 'found' : 'ambiguous');
        if (truth.length > 1) expect(anchor.occurrences).toBe(truth.length);
      }),
      { numRuns: 400 },
    );
  });

  /** A quote cut from random print-like text, and where it truly is. */
  const cut = (pieces: Parameters<typeof print>[0], at: number, len: number) => {
    const printed = print(pieces);
    const i = at % printed.words.length;
    const j = Math.min(printed.words.length - 1, i + len);
    return { printed, quote: printed.words.slice(i, j + 1).join(' '), truth: { start: printed.starts[i], end: printed.ends[j] } };
  };

  it('finds a quote typed decomposed (NFD) exactly where its composed form (NFC) is found', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 8, maxLength: 60 }), fc.nat(), fc.integer({ min: 1, max: 8 }), (pieces, at, len) => {
        const { printed, quote } = cut(pieces, at, len);
        const index = new SourceIndex(printed.text);
        expect(index.anchor({ quote: quote.normalize('NFD') })).toEqual(index.anchor({ quote }));
        // And the source decomposed: the same places, each taking its accents in.
        const nfd = new SourceIndex(printed.text.normalize('NFD')).anchor({ quote });
        expect(nfd.status).toBe(index.anchor({ quote }).status);
        if (nfd.status === 'found') expect(printed.text.normalize('NFD').slice(nfd.range!.start, nfd.range!.end).normalize('NFC')).toBe(printed.text.slice(index.anchor({ quote }).range!.start, index.anchor({ quote }).range!.end));
      }),
      { numRuns: 200 },
    );
  });

  it('never finds a quote with one letter replaced by a fullwidth or mathematical look-alike', () => {
    const lookAlike = (c: string, kind: number) => {
      const code = c.charCodeAt(0);
      if (kind === 0) return String.fromCharCode(code + 0xfee0); // fullwidth
      const upper = code < 97;
      return String.fromCodePoint((upper ? 0x1d400 : 0x1d41a) + code - (upper ? 65 : 97)); // mathematical bold
    };
    fc.assert(
      fc.property(fc.array(piece, { minLength: 8, maxLength: 60 }), fc.nat(), fc.integer({ min: 1, max: 8 }), fc.nat(), fc.nat({ max: 1 }), (pieces, at, len, which, kind) => {
        const { printed, quote } = cut(pieces, at, len);
        const letters = [...quote.matchAll(/[A-Za-z]/g)];
        fc.pre(letters.length > 0);
        const k = letters[which % letters.length].index!;
        const disguised = quote.slice(0, k) + lookAlike(quote[k], kind) + quote.slice(k + 1);
        const anchor = new SourceIndex(printed.text).anchor({ quote: disguised });
        expect(anchor.status).toBe('orphaned');
        expect(anchor.range).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a quote whose dash between digits was dropped (the digits would join)', () => {
    const year = fc.integer({ min: 1900, max: 2099 });
    const dash = fc.constantFrom('-', '–', '—', ' - ', '-\n', ' – ');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, year, dash, year), { minLength: 4, maxLength: 40 }), fc.nat(), (rows, at) => {
        const text = rows.map(([w, a, d, b]) => `${w} ${a}${d}${b}`).join('\n');
        const [w, a, d, b] = rows[at % rows.length];
        const joined = `${w} ${a}${b}`;
        const index = new SourceIndex(text);
        const anchor = index.anchor({ quote: joined });
        fc.pre(!text.replace(/\s+/g, ' ').includes(joined));
        expect(anchor.status).toBe('orphaned');
        // The same quote with any dash is found (or ambiguous, when the row repeats).
        expect(index.anchor({ quote: `${w} ${a}–${b}` }).status).not.toBe('orphaned');
        expect(d).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});
