import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldQuery, foldsTo, readsAt } from '../../src/model/anchor/normalize.ts';
import { anchorAtPosition } from '../../src/model/anchor/position.ts';
import { readsAsPrintedLines } from '../../src/model/anchor/printed-lines.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { checkMatrix, SourceIndexCache } from '../../src/model/check/check.ts';
import { captureQuote } from '../../src/model/edit/cite.ts';
import { exportLayout } from '../../src/model/export/layout.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { withFoundPositions } from '../../src/model/check/positions.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore, apply, emptySnapshot } from '../../src/state/store.ts';
import { SMALL_SOURCE, smallMatrixTexts, textsReader } from './support/small-matrix.ts';

/**
 * Saved positions (citations.csv start, end): a quote that reads at its position is found
 * there without a look-up; anything else is looked up exactly as a citation without one.
 */

// Characters that folding treats differently: white space, dashes, dropped, mapped, expanded, surrogates.
const unit = fc.constantFrom(
  'a', 'b', 'é', 'Z', '1', ' ', ' ', '\n', '\t', '\u00a0', '-', '\u00ad', '\u2014', '\u200b', '\u2019', '\u201c',
  '\ufb01', '\u00a8', '\uff46', '\u2460', '😀', '\ud800', 'x-\ny', ' - ',
  // Digits and dashes between them (kept as one "-"), combining characters (composed, NFC),
  // conjoining Hangul, look-alikes kept apart, an astral combining mark (Kaithi nukta).
  '2', '0', '1-\n2', '3 \u2013 4', '\u0301', '\u0323', 'e\u0301', '\u00e9', '\u1100', '\u1161', '\u11a8',
  '\ud835\udc0c', '\u2026', '\u0958', '\ud804\udc99', '\ud804\udcba', '\u00b2',
  // Minus signs: a dash before a digit with no letter or digit just before it (kept as "-").
  '(', '\u2212', '(-\n5', ' -3', '\u2212 7',
);
const text = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));

/** Ways a quote is copied from printed text: as it is, white space read as spaces, line-end hyphens dropped or kept, only the line breaks touched, line breaks taken out. */
const copiedFromPrint = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.replace(/\s+/g, ' '),
  (s) => s.replace(/-\s+/g, '').replace(/\s+/g, ' '),
  (s) => s.replace(/-\s+/g, '-').replace(/\s+/g, ' '),
  // Only the line breaks touched: other white space (a no-break space) stays as it is.
  (s) => s.replace(/[ \t\r]*\n[ \t\r]*/g, ' '),
  (s) => s.replace(/-[ \t\r]*\n[ \t\r]*/g, '').replace(/[ \t\r]*\n[ \t\r]*/g, ' '),
  (s) => s.replace(/-[ \t\r]*\n[ \t\r]*/g, '-').replace(/[ \t\r]*\n[ \t\r]*/g, ' '),
  (s) => s.replace(/\n/g, ''),
);

/** Sometimes one character of a copied quote changed, added or taken away. */
const typo = (chars: string[]) => fc.option(fc.tuple(fc.nat(), fc.constantFrom(...chars)));

/** A range of `t` from two numbers, and a copy of it with the typo, if any. */
function copyOfRange(t: string, a: number, b: number, how: (s: string) => string, edit: [number, string] | null) {
  const start = t.length ? a % (t.length + 1) : 0;
  const end = start + (t.length - start ? b % (t.length - start + 1) : 0);
  let quote = how(t.slice(start, end));
  if (edit) {
    const at = edit[0] % (quote.length + 1);
    quote = quote.slice(0, at) + edit[1] + quote.slice(at + (edit[1] === '' || edit[0] % 2 ? 1 : 0));
  }
  // What readsAt says: both fold to the same non-empty text.
  const foldsAlike = foldQuery(quote) !== '' && foldQuery(t.slice(start, end)) === foldQuery(quote);
  return { start, end, quote, foldsAlike };
}

describe('foldsTo: folding a range of a text without slicing it', () => {
  it('agrees with foldQuery(text.slice(start, end)) === q on random texts, ranges and queries', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, fc.boolean(), (t, a, b, other, same) => {
        const start = t.length ? a % (t.length + 1) : 0;
        const end = start + (t.length - start ? b % (t.length - start + 1) : 0);
        const expected = foldQuery(t.slice(start, end));
        // Half the time the query is the range's own fold (so that equality is exercised).
        const q = same ? expected : foldQuery(other);
        expect(foldsTo(t, start, end, q)).toBe(expected === q);
      }),
      { numRuns: 3000 },
    );
  });

  it('readsAt: a quote as typed reads at a range exactly when both fold to the same non-empty text', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, fc.boolean(), (t, a, b, other, same) => {
        const start = t.length ? a % (t.length + 1) : 0;
        const end = start + (t.length - start ? b % (t.length - start + 1) : 0);
        // Half the time the quote is the range itself, as typed (so that equality is exercised).
        const quote = same ? ` ${t.slice(start, end)}` : other;
        const expected = foldQuery(quote) !== '' && foldQuery(t.slice(start, end)) === foldQuery(quote);
        expect(readsAt(t, start, end, quote)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('readsAt: a quote copied from print (line breaks as spaces, line-end hyphens kept or dropped) reads exactly when both fold alike', () => {
    // Texts of words, spaces, hyphens and line breaks, as a source extracted from print.
    const printedUnit = fc.constantFrom('a', 'b', 'Z', '7', 'é', ' ', '  ', '\n', ' \n', '\r\n', '\t', '-', '-\n', '- \n ', '\u2014', '\u00a0', '\u2003', '(', '(-\n5', '\u2212');
    const printed = fc.array(printedUnit, { maxLength: 40 }).map((units) => units.join(''));
    fc.assert(
      fc.property(printed, fc.nat(), fc.nat(), copiedFromPrint, typo(['', 'a', ' ', '-', 'Z']), (t, a, b, how, edit) => {
        const { start, end, quote, foldsAlike } = copyOfRange(t, a, b, how, edit);
        expect(readsAt(t, start, end, quote)).toBe(foldsAlike);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a quote typed without print line breaks at its printed place', () => {
    const printed = 'the safe third coun-\ntry agreement entered\ninto force';
    expect(foldsTo(printed, 4, printed.length, 'safe third country agreement entered into force')).toBe(true);
    expect(foldsTo(printed, 4, printed.length, 'safe third country agreement entered into forc')).toBe(false);
    expect(foldsTo(printed, 4, printed.length - 1, 'safe third country agreement entered into force')).toBe(false);
    expect(readsAt(printed, 4, printed.length, 'safe third country agreement entered into force')).toBe(true);
    expect(readsAt(printed, 4, printed.length, 'safe third coun-try agreement entered into force')).toBe(true);
    expect(readsAt(printed, 4, printed.length, 'safe third country agreement  entered into force')).toBe(true);
    expect(readsAt(printed, 4, printed.length, 'safe third country agreement enteredinto force')).toBe(false);
    expect(readsAt(printed, 4, printed.length, 'safe third country agreement entered into forc')).toBe(false);
    // A dash after white space drops that space too: "aa -⏎a" folds to "aaa", not "aa a".
    expect(readsAt('aa \n- \n a', 0, 9, 'aa a')).toBe(false);
    expect(readsAt('aa \n- \n a', 0, 9, 'aaa')).toBe(true);
    // So does a dash after white space other than blanks; after a line-end hyphen, any white
    // space is dropped with the line break.
    expect(readsAt('a\u00a0-\nb', 0, 5, 'a\u00a0b')).toBe(false);
    expect(readsAt('a\u00a0-\nb', 0, 5, 'ab')).toBe(true);
    expect(readsAt('a-\n\u2003b', 0, 5, 'a\u2003b')).toBe(false);
    expect(readsAt('a-\n\u2003b', 0, 5, 'ab')).toBe(true);
  });
});

describe('readsAsPrintedLines: a quote copied from print, compared a line at a time', () => {
  // Lines of words with line-end hyphens, and every character folding treats differently.
  const lineUnit = fc.constantFrom('ab', 'Z', 'é', ' ', '\n', '\r\n', '\t', '-', '\u00a0', '\u2014', '\u00ad', '\u200b', '\u2019', '(', '7', '(-\n5');
  const lines = fc.array(lineUnit, { maxLength: 40 }).map((units) => units.join(''));

  it('says yes only where readsAt does: both fold to the same non-empty text', () => {
    fc.assert(
      fc.property(lines, fc.nat(), fc.nat(), copiedFromPrint, typo(['', 'a', ' ', '-', 'Z', '\u00a0']), (t, a, b, how, edit) => {
        const { start, end, quote, foldsAlike } = copyOfRange(t, a, b, how, edit);
        if (readsAsPrintedLines(t, start, end, quote)) expect(foldsAlike).toBe(true);
      }),
      { numRuns: 10000 },
    );
  });

  it('decides a passage of printed words copied with its line breaks as spaces and its line-end hyphens kept or dropped', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const line = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    const lineEnd = fc.constantFrom('\n', ' \n', '\r\n', '-\n', '-\n  ', '\n   ');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, lineEnd), { minLength: 1, maxLength: 8 }), line, fc.boolean(), (body, last, keepHyphens) => {
        const t = body.map(([l, e]) => l + e).join('') + last;
        const quote = t.replace(/-[ \t\r]*\n\s*/g, keepHyphens ? '-' : '').replace(/\s+/g, ' ');
        expect(readsAsPrintedLines(t, 0, t.length, quote)).toBe(true);
        expect(readsAt(t, 0, t.length, quote)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to folding what it cannot decide by lines', () => {
    const printed = 'the safe third coun-\ntry agreement\u00a0\n entered into force';
    // Decided here: line breaks read as spaces, the hyphen kept or dropped.
    const plain = 'the safe third coun-\ntry agreement\nentered';
    expect(readsAsPrintedLines(plain, 4, plain.length, 'safe third country agreement entered')).toBe(true);
    expect(readsAsPrintedLines(plain, 4, plain.length, 'safe third coun-try agreement entered')).toBe(true);
    expect(readsAsPrintedLines(plain, 4, 4, '')).toBe(false);
    // Not decided here (a no-break space before the line break), but read by readsAt.
    expect(readsAsPrintedLines(printed, 4, printed.length, 'safe third country agreement entered into force')).toBe(false);
    expect(readsAt(printed, 4, printed.length, 'safe third country agreement entered into force')).toBe(true);
    // Never: a quote that differs, a quote that is only a dash.
    expect(readsAsPrintedLines('safe\nthird', 0, 10, 'safe third ')).toBe(false);
    expect(readsAsPrintedLines('safe\nthird', 0, 10, 'safethird')).toBe(false);
    expect(readsAsPrintedLines('-', 0, 1, '-')).toBe(false);
    // Never where folding reads otherwise: a hyphen after other white space drops that space
    // too; white space other than blanks after a line-end hyphen is dropped with it.
    expect(readsAsPrintedLines('a\u00a0-\nb', 0, 5, 'a\u00a0b')).toBe(false);
    expect(readsAsPrintedLines('a-\n\u00a0b', 0, 5, 'a\u00a0b')).toBe(false);
    expect(readsAt('a\u00a0-\nb', 0, 5, 'a\u00a0b')).toBe(false);
    expect(readsAt('a-\n\u00a0b', 0, 5, 'a\u00a0b')).toBe(false);
  });
});

describe('anchorAtPosition', () => {
  const quote = { quote: 'Detention is rare.', prefix: '', suffix: '' };
  const start = SMALL_SOURCE.indexOf('Detention is rare.');
  const end = start + quote.quote.length;

  it('finds a quote at its position', () => {
    expect(anchorAtPosition({ ...quote, start, end }, SMALL_SOURCE)).toEqual({ status: 'found', range: { start, end } });
  });

  it('leaves the decision to a look-up when the position cannot decide', () => {
    expect(anchorAtPosition(quote, SMALL_SOURCE)).toBeUndefined();
    expect(anchorAtPosition({ ...quote, start: start + 1, end }, SMALL_SOURCE)).toBeUndefined();
    expect(anchorAtPosition({ ...quote, start, end: end + 1 }, SMALL_SOURCE)).toBeUndefined();
    expect(anchorAtPosition({ ...quote, start: SMALL_SOURCE.length, end: SMALL_SOURCE.length + 18 }, SMALL_SOURCE)).toBeUndefined();
    expect(anchorAtPosition({ ...quote, prefix: 'south.', start, end }, SMALL_SOURCE)).toBeUndefined();
    // The source changed under the position.
    expect(anchorAtPosition({ ...quote, start, end }, `Preface. ${SMALL_SOURCE}`)).toBeUndefined();
  });

  it('tells the places of a repeated quote apart, where the quote alone is ambiguous', () => {
    const repeated = 'harmonized across the union';
    const second = SMALL_SOURCE.indexOf(repeated, SMALL_SOURCE.indexOf(repeated) + 1);
    const index = new SourceIndex(SMALL_SOURCE);
    expect(index.anchor({ quote: repeated }).status).toBe('ambiguous');
    expect(anchorAtPosition({ quote: repeated, prefix: '', suffix: '', start: second, end: second + repeated.length }, SMALL_SOURCE))
      .toEqual({ status: 'found', range: { start: second, end: second + repeated.length } });
  });
});

describe('positions in citations.csv', () => {
  const header = 'dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution,start,end';
  /** A row written as `dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,start,end` in format 2's columns (period 1, a statement). */
  const v2 = (row: string) => {
    const f = row.split(',');
    return [f[0], f[1], '1', ...f.slice(2, 8), 'states', '', ...f.slice(8)].join(',');
  };
  const withPositions = (rows: string[]) => smallMatrixTexts({ 'citations.csv': [header, ...rows.map(v2), ''].join('\n') });
  const q = 'Detention of claimants is rare in the north';
  const at = SMALL_SOURCE.indexOf('Detention of claimants');
  const rest = [
    'stc,north,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one,,',
    'stc,south,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one,,',
    'detention,south,1,src,but common in the south,,,,,',
  ];

  it('loads them, checks them, and writes them back byte for byte', async () => {
    const texts = withPositions([rest[0], rest[1], `detention,north,1,src,${q},,,,${at},${at + q.length}`, rest[2]]);
    const bundle = await readMatrix(textsReader(texts), 'small');
    expect(bundle.problems).toEqual([]);
    const citation = bundle.matrix.citations.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!;
    expect([citation.start, citation.end]).toEqual([at, at + q.length]);
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
    expect(check.citations.get(cellKey('detention', 'north'))![0].anchor).toEqual({ status: 'found', range: { start: at, end: at + q.length } });
    expect(saveMatrix(bundle.matrix)['citations.csv']).toBe(texts['citations.csv']);
  });

  it('reads files written before the columns existed, and saves them with the columns empty', () => {
    const loaded = loadMatrix('small', smallMatrixTexts());
    expect(loaded.problems).toEqual([]);
    expect(loaded.matrix.citations.every((c) => c.start === undefined && c.end === undefined)).toBe(true);
    expect(saveMatrix(loaded.matrix)['citations.csv'].split('\n')).toContain(
      'detention,north,1,1,src,Detention of claimants is rare in the north,,,,states,,,',
    );
  });

  it('reports a malformed position with file, line and column, and looks the quote up instead', async () => {
    const line = `detention,north,1,src,${q},,,,12,x`;
    const texts = withPositions([rest[0], rest[1], line, rest[2]]);
    const bundle = await readMatrix(textsReader(texts), 'small');
    expect(bundle.problems).toEqual([expect.objectContaining({
      severity: 'warning', file: 'citations.csv', line: 4, column: v2(line).length, field: 'end',
      message: expect.stringContaining('position start "12", end "x"'),
    })]);
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
    expect(check.citations.get(cellKey('detention', 'north'))![0].anchor.range).toEqual({ start: at, end: at + q.length });
  });

  it('takes a position only as two runs of 1 to 15 digits with start before end; reports any other on the right column', () => {
    const cases: [string, string, number[] | string][] = [
      [`${at}`, `${at + q.length}`, [at, at + q.length]],
      [`00${at}`, `${at + q.length}`, [at, at + q.length]],
      ['1e3', '2000', 'start'], ['-1', '5', 'start'], [' 12', '40', 'start'], ['12 ', '40', 'start'], ['0x10', '40', 'start'],
      ['1234567890123456', '1234567890123457', 'start'], ['', '40', 'end'], ['12', '', 'end'], ['12', '1e3', 'end'],
      ['40', '12', 'end'], ['12', '12', 'end'],
    ];
    for (const [start, end, expected] of cases) {
      const loaded = loadMatrix('small', withPositions([rest[0], rest[1], `detention,north,1,src,${q},,,,${start},${end}`, rest[2]]));
      const citation = loaded.matrix.citations.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!;
      if (Array.isArray(expected)) {
        expect(loaded.problems, `${start},${end}`).toEqual([]);
        expect([citation.start, citation.end]).toEqual(expected);
      } else {
        expect(loaded.problems.map((p) => p.field), `${start},${end}`).toEqual([expected]);
        expect([citation.start, citation.end]).toEqual([undefined, undefined]);
      }
    }
  });

  it('looks up a quote whose position went stale, and an export writes where it is found now', async () => {
    const texts = withPositions([rest[0], rest[1], `detention,north,1,src,${q},,,,3,40`, rest[2]]);
    const bundle = await readMatrix(textsReader(texts), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache() });
    expect(check.citations.get(cellKey('detention', 'north'))![0].anchor).toMatchObject({ status: 'found', range: { start: at } });
    const exported = exportLayout(bundle.matrix, bundle.sourceTexts).files['citations.csv'];
    expect(exported).toContain(v2(`detention,north,1,src,${q},,,,${at},${at + q.length}`));
    // Every found quote gets its position; the original matrix is not changed.
    expect(exported).toContain(v2(`stc,north,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one,${SMALL_SOURCE.indexOf('The two')},`));
    expect(bundle.matrix.citations.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!.start).toBe(3);
    expect(withFoundPositions(withFoundPositions(bundle.matrix, bundle.sourceTexts), bundle.sourceTexts).citations)
      .toEqual(withFoundPositions(bundle.matrix, bundle.sourceTexts).citations);
  });

  it('an edited quote drops its position; citing a repeated passage by selection keeps the selected place', async () => {
    const bundle = await readMatrix(textsReader(withPositions([rest[0], rest[1], `detention,north,1,src,${q},,,,${at},${at + q.length}`, rest[2]])), 'small');
    const store = new MatrixStore(apply(emptySnapshot, { type: 'load', bundle, origin: 'small/' }));
    expect(store.edit({ type: 'set-citation', dimension: 'detention', jurisdiction: 'north', seq: 1, set: { locator: 'p. 3' } }).ok).toBe(true);
    const kept = store.snapshot.matrix!.citations.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!;
    expect([kept.start, kept.end]).toEqual([at, at + q.length]);
    expect(store.edit({ type: 'set-citation', dimension: 'detention', jurisdiction: 'north', seq: 1, set: { quote: 'Detention of claimants is rare' } }).ok).toBe(true);
    const edited = store.snapshot.matrix!.citations.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!;
    expect([edited.start, edited.end]).toEqual([undefined, undefined]);
    expect(store.snapshot.check!.citations.get(cellKey('detention', 'north'))![0].anchor.status).toBe('found');

    // "Visa policy is harmonized across the union" occurs twice, once capitalized: the
    // folded texts are equal only from "policy" on, and no context short enough tells them apart
    // in a text this small; the selected place does.
    const repeated = 'policy is harmonized across the union';
    const second = SMALL_SOURCE.lastIndexOf(repeated);
    const capture = captureQuote(new SourceIndex(SMALL_SOURCE), second, second + repeated.length)!;
    expect(capture.anchor).toMatchObject({ status: 'found', range: { start: second } });
    expect(store.edit({
      type: 'add-citation', dimension: 'detention', jurisdiction: 'south',
      citation: { source: 'src', quote: capture.quote, prefix: capture.prefix, suffix: capture.suffix, start: capture.range.start, end: capture.range.end },
    }).ok).toBe(true);
    const added = store.snapshot.check!.citations.get(cellKey('detention', 'south'))!.at(-1)!;
    expect(added.anchor).toMatchObject({ status: 'found', range: { start: second } });
  });
});

describe('the bundled matrix', () => {
  it('has a position for every citation, and each quote reads at its position as a look-up finds it', () => {
    const dir = 'matrices/eu-north-america';
    const names = ['datapackage.json', 'jurisdictions.csv', 'dimensions.csv', 'scales.csv', 'cells.csv', 'citations.csv', 'sources.csv'];
    const loaded = loadMatrix('eu-north-america', Object.fromEntries(names.map((n) => [n, readFileSync(`${dir}/${n}`, 'utf8')])));
    const path = loaded.matrix.sources[0].path;
    const source = readFileSync(`${dir}/${path}`, 'utf8');
    const index = new SourceIndex(source);
    expect(loaded.matrix.citations.length).toBe(348);
    for (const c of loaded.matrix.citations) {
      const looked = index.anchor(c);
      expect(looked.status).toBe('found');
      expect(anchorAtPosition(c, source)).toEqual(looked);
    }
  });
});
