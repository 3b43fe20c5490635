import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordStarts } from '../../src/model/anchor/kgram-table.ts';
import { foldWithOrigin, foldWithOriginByClass } from '../../src/model/anchor/normalize.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';

/**
 * Anchoring's fast paths give exactly what the general code gives: folding that copies
 * printable ASCII without looking up its class, a range mapped back without reading the
 * original when every unit of it is below U+0100, and the word starts found from space to
 * space. Each is compared with the general path on random texts, ASCII and not.
 */

// Units that folding treats differently, ASCII and beyond (see position.test.ts), with more
// printable ASCII, where the fast path is taken, and the dash cases around it.
const unit = fc.constantFrom(
  'a', 'b', 'Z', 'q', '.', ',', '"', "'", '~', '1', '2', '0', ' ', ' ', '  ', '\n', '\t', '\r', '\u000b', '\u0001', '\u007f',
  '-', '--', ' - ', '-\n', 'x-\ny', '1-\n2', '3 \u2013 4', '(-\n5', ' -3', '(', '\u2212', '\u2212 7',
  'é', '\u00a0', '\u00ad', '\u00b2', '\u00e9', '\u00ff', '\u2014', '\u200b', '\u2019', '\u201c', '\ufb01', '\u2026',
  '\u0301', '\u0323', 'e\u0301', '\uff46', '\ud835\udc0c', '\u1100', '\u1161', '\u0958', '\ud804\udc99', '😀', '\ud800',
);
const text = fc.array(unit, { maxLength: 60 }).map((units) => units.join(''));
/** Text of printable ASCII, white space and hyphens only: what the fast path reads most of. */
const asciiText = fc.array(fc.constantFrom('a', 'B', '7', '0', '.', ' ', ' ', '\n', '\t', '-', ' - ', '-\n', '(', ')', '\u0000'), { maxLength: 80 }).map((units) => units.join(''));
/** Text below U+0100 (folded a byte a unit): ASCII with accented letters, no-break spaces, soft hyphens, superscripts, C1 controls. */
const latin1Text = fc
  .array(fc.constantFrom('a', '7', ' ', '\n', '-', ' - ', '-\n', '(', '\u00e9', '\u00c5', '\u00a0', '\u00ad', ' \u00ad\n', '\u00b2', '\u00bd', '\u00d7', '\u00ff', '\u0085', '\u0080', '\u009f'), { maxLength: 80 })
  .map((units) => units.join(''));

const folded = (t: string) => {
  const f = foldWithOrigin(t);
  return { text: f.text, origin: Array.from(f.origin), narrow: f.narrow };
};
const foldedByClass = (t: string) => {
  const f = foldWithOriginByClass(t);
  return { text: f.text, origin: Array.from(f.origin), narrow: f.narrow };
};

describe('folding: the fast paths for printable ASCII and for texts below U+0100', () => {
  it('gives the text, the map back and the width of the general path on random texts', () => {
    fc.assert(fc.property(text, (t) => {
      expect(folded(t)).toEqual(foldedByClass(t));
    }), { numRuns: 2000 });
  });

  it('does so on random ASCII texts (white space, dashes, digits, minus signs)', () => {
    fc.assert(fc.property(asciiText, (t) => {
      expect(folded(t)).toEqual(foldedByClass(t));
    }), { numRuns: 2000 });
  });

  it('does so on random texts below U+0100, folded a byte a unit', () => {
    fc.assert(fc.property(latin1Text, (t) => {
      expect(folded(t)).toEqual(foldedByClass(t));
    }), { numRuns: 2000 });
  });

  it('does so on long texts, which are decoded natively (over 4,096 units)', () => {
    fc.assert(
      fc.property(fc.oneof(text, asciiText, latin1Text), fc.integer({ min: 1, max: 400 }), (t, times) => {
        const long = `${t}${'word '.repeat(900)}${t}`.repeat(times > 200 ? 2 : 1);
        expect(folded(long)).toEqual(foldedByClass(long));
      }),
      { numRuns: 60 },
    );
    // A long text that folding leaves as it is comes back unchanged.
    const plain = 'safe third country (2001) agreement, "visa"; '.repeat(200).trim();
    expect(foldWithOrigin(plain).text).toBe(plain);
  });

  it('says a text is narrow exactly when every unit of it is below U+0100', () => {
    fc.assert(
      fc.property(fc.oneof(text, asciiText, latin1Text), (t) => {
        expect(foldWithOrigin(t).narrow).toBe(![...t].some((ch) => ch.charCodeAt(0) > 0xff));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('anchoring: a range mapped back without reading the original', () => {
  const word = fc.array(unit, { minLength: 1, maxLength: 4 }).map((units) => units.join(''));
  it('gives the anchors an index that reads the original gives, for quotes cut from random texts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.constantFrom('policy', 'visa ', ' border', 'asylum\n', 'safe-\nthird'))), fc.nat(), fc.nat({ max: 40 }), (pieces, a, len) => {
        const source = pieces.join(' ');
        const index = new SourceIndex(source);
        // The same index told that its original may hold any unit: every range read the general way.
        const general = SourceIndex.fromParts({ ...index.parts(), narrow: false });
        const start = source.length ? a % source.length : 0;
        const quote = source.slice(start, start + len);
        expect(index.anchor({ quote })).toEqual(general.anchor({ quote }));
        expect(index.anchor({ quote: quote.toUpperCase() })).toEqual(general.anchor({ quote: quote.toUpperCase() }));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a range from splitting a character from its accents when the original is not narrow', () => {
    const index = new SourceIndex('the cafe\u0301 opened, the 𝐌 stayed');
    expect(index.parts().narrow).toBe(false);
    expect(index.anchor({ quote: 'the café' }).range).toEqual({ start: 0, end: 9 });
    expect(index.anchor({ quote: 'the 𝐌' }).range).toEqual({ start: 18, end: 24 });
  });
});

describe('word starts: native scans from space to space', () => {
  it('are every offset after a space (and 0) with a full k-gram after it, as a scan of every unit finds', () => {
    const words = fc.array(fc.constantFrom('a', 'bb', 'ccc', ' ', '  ', 'policy', 'x'), { maxLength: 200 }).map((w) => w.join(''));
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 14 }), (t, k) => {
        const expected: number[] = [];
        for (let p = 0; p + k <= t.length; p++) if (p === 0 || t[p - 1] === ' ') expected.push(p);
        expect(Array.from(wordStarts(t, k))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
