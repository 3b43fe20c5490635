/**
 * A dataset with no quote is read without papaparse (a tidy file most often has none, and
 * reading it line by line makes no array per row): whatever its fields, empty lines and
 * ragged rows, it reads to the same rows, the same problems and the same lines as papaparse
 * gives for it — the reader papaparse stands for when a field is quoted.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rowValues } from '../../src/model/dataset/dataset.ts';
import { SpanCodes, spanHash } from '../../src/model/collections/span-codes.ts';
import { parseDataset } from '../../src/model/dataset/parse-dataset.ts';
import { anchorRow, findRows } from '../../src/model/dataset/row-citation.ts';
import type { Problem } from '../../src/model/types.ts';

const at = { source: 's', file: 'data.csv', sha256: 'x' };

/** What papaparse reads: the header, then each row padded or cut to its width. */
function papaRows(text: string, delimiter: string): { header: string[]; rows: string[][] } {
  const data = Papa.parse<string[]>(text, { delimiter, newline: '\n', skipEmptyLines: true }).data;
  const header = data[0].map((h) => h.trim());
  return { header, rows: data.slice(1).map((r) => header.map((_, c) => r[c] ?? '')) };
}

const field = fc.stringMatching(/^[a-c ;,\t]{0,4}$/);
const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));

describe('a dataset without quotes', () => {
  it('reads as papaparse does: rows, ragged rows and empty lines', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom(',', ';', '\t'), fc.boolean(), (lines, delimiter, trailing) => {
        const header = ['A', 'B', 'C'].join(delimiter);
        const text = `${header}\n${lines.map((l) => l.replaceAll(',', delimiter === ',' ? ',' : delimiter)).join('\n')}${trailing ? '\n' : ''}`;
        const problems: Problem[] = [];
        const dataset = parseDataset(text, { ...at, delimiter }, problems);
        const expected = papaRows(text, delimiter);
        expect(dataset).toBeDefined();
        expect(dataset!.columns.map((c) => c.name)).toEqual(expected.header);
        expect(Array.from({ length: dataset!.rowCount }, (_, r) => rowValues(dataset!, r))).toEqual(expected.rows);
        // Ragged rows are reported at their lines (an empty line is no row, but counts as a line).
        const raggedLines = text.split('\n').map((l, i) => [l, i + 1] as const).slice(1).filter(([l]) => l !== '' && l.split(delimiter).length !== 3).map(([, n]) => n);
        expect(problems.filter((p) => / fields?, the header has/.test(p.message)).map((p) => p.line)).toEqual(raggedLines.slice(0, 20));
      }),
      { numRuns: 300 },
    );
  });
});

describe('rows found by key', () => {
  /** A dataset whose key columns have `n` values each, every pair once, and one key twice. */
  function keyed(n: number, rows: number) {
    const lines = ['A,B,V'];
    for (let r = 0; r < rows; r++) lines.push(`a${r % n},b${Math.floor(r / n) % n},${r}`);
    lines.push(`a0,b0,again`);
    return parseDataset(`${lines.join('\n')}\n`, at, [])!;
  }

  // A few keys per row are held in an array, many (a sparse key space) in a map: both answer alike.
  for (const [form, n, rows] of [['an array', 10, 100], ['a map', 60, 120]] as const) {
    it(`finds one row, several or none, the same with its keys in ${form}`, () => {
      const dataset = keyed(n, rows);
      expect(anchorRow({ source: 's', rowKey: 'A=a3; B=b1', quote: `V=${n + 3}` }, dataset)).toEqual({ status: 'found', row: n + 3 });
      expect(anchorRow({ source: 's', rowKey: 'A=a0; B=b0', quote: 'V=0' }, dataset)).toMatchObject({ status: 'ambiguous', rows: [0, rows], occurrences: 2 });
      expect(anchorRow({ source: 's', rowKey: 'A=a1; B=b1', quote: 'V=0' }, dataset)).toMatchObject({ status: 'orphaned', row: n + 1 });
      expect(anchorRow({ source: 's', rowKey: 'A=zz; B=b0', quote: 'V=0' }, dataset)).toMatchObject({ status: 'orphaned', reason: 'no row of the dataset has A=zz; B=b0' });
      expect(findRows(dataset, ['A', 'B'], ['a0', 'b0'])).toEqual([0, rows]);
      expect(findRows(dataset, ['A', 'B'], ['a2', 'b0'])).toEqual([2]);
      expect(findRows(dataset, ['B', 'A'], ['b0', 'a2'])).toEqual([2]);
      expect(findRows(dataset, ['A', 'B'], ['a2', 'b59'])).toEqual([]);
    });
  }
});

describe('a plain row citation checked by the shortcut', () => {
  // (A value with a ";" in it, which a key cannot name unescaped: a shortcut must not find it.)
  const text = 'Passport,Destination,Requirement,Note\nAland,Bland,visa free, spaced \nAland,Cland,eta,\nBland,Aland,visa required,x\nBland,Aland,e-visa,twice\nAland,"Bland;x",visa free;x,\n';
  const fresh = () => parseDataset(text, at, [])!;
  const piece = fc.constantFrom('Passport', 'Destination', 'Requirement', 'Note', 'Other', 'Aland', 'Bland', 'Cland', 'visa free', 'eta', 'visa required', 'spaced', ' spaced ', '', ' ', '=', ';', '|', '\\;', 'x');
  const notation = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const plausible = fc.tuple(fc.constantFrom('Aland', 'Bland', 'Cland', 'Dland'), fc.constantFrom('Aland', 'Bland', 'Cland', 'Bland;x'), fc.constantFrom(' ', '', '  '))
    .map(([p, d, s]) => `Passport=${s}${p}; Destination=${d}${s}`);
  const plausibleQuote = fc.constantFrom('Requirement=visa free', 'Requirement = eta', 'Requirement=eta; Note=', 'Note=spaced', 'Requirement=visa free; Requirement=visa free', 'Requirement=visa free;', 'Passport=Aland', 'Note= spaced', 'Requirement=visa free;x');

  it('gives what the general reader gives, for any key and quote', () => {
    fc.assert(
      fc.property(fc.oneof(plausible, notation), fc.oneof(plausibleQuote, notation), (rowKey, quote) => {
        const citation = { source: 's', rowKey, quote };
        // A fresh dataset: no key columns looked up before, so the general reader answers.
        const general = anchorRow(citation, fresh());
        const primed = fresh();
        anchorRow({ source: 's', rowKey: 'Passport=Aland; Destination=Bland', quote: 'Requirement=visa free' }, primed);
        expect(anchorRow(citation, primed)).toEqual(general);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives what the general reader gives for each of a run of citations (each read from where the one before left off)', () => {
    const citation = fc.record({ rowKey: fc.oneof(plausible, plausible, notation), quote: fc.oneof(plausibleQuote, plausibleQuote, notation) });
    fc.assert(
      fc.property(fc.array(citation, { minLength: 1, maxLength: 12 }), (run) => {
        // Primed twice: the first looks its key columns up, the second leaves the start of its key and values for the next.
        const primed = fresh();
        for (let i = 0; i < 2; i++) anchorRow({ source: 's', rowKey: 'Passport=Aland; Destination=Bland', quote: 'Requirement=visa free' }, primed);
        for (const c of run) expect(anchorRow({ source: 's', ...c }, primed)).toEqual(anchorRow({ source: 's', ...c }, fresh()));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('values looked up by their span (SpanCodes)', () => {
  // Few letters, so that values repeat and share hashes' low bits; many values, so that the table grows.
  const value = fc.stringMatching(/^[ab ;=é\u0000]{0,6}$/);

  it('gives the code a map of the sliced values gives, for any values and spans', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.array(value, { maxLength: 20 }), fc.string({ maxLength: 3 }), (added, asked, around) => {
        const codes = new SpanCodes();
        const map = new Map<string, number>();
        for (const v of added) {
          const text = `${around}${v}${around}`;
          const from = around.length;
          const to = from + v.length;
          let code = codes.find(text, from, to, spanHash(text, from, to));
          if (code < 0) code = codes.add(text.slice(from, to), spanHash(text, from, to));
          if (!map.has(v)) map.set(v, map.size);
          expect(code).toBe(map.get(v));
        }
        for (const v of [...asked, ...added]) {
          const text = `${around}${v}${around}`;
          expect(codes.find(text, around.length, around.length + v.length, spanHash(text, around.length, around.length + v.length))).toBe(map.get(v) ?? -1);
          expect(codes.code(v)).toBe(map.get(v) ?? -1);
        }
        expect(codes.strings).toEqual([...map.keys()]);
        expect(new SpanCodes(added).strings).toEqual([...map.keys()]);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells apart values whose hashes are the same', () => {
    // A hash of 0 for every value: each look-up then goes by comparing the values themselves.
    const codes = new SpanCodes();
    const words = ['a', 'b', 'ab', 'ba', '', 'aa'];
    for (const w of words) codes.add(w, 0);
    words.forEach((w, i) => expect(codes.find(` ${w} `, 1, 1 + w.length, 0)).toBe(i));
    expect(codes.find('bb', 0, 2, 0)).toBe(-1);
  });
});
