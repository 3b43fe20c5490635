/**
 * A shared document's tables are read from their canonical lines without parsing their text
 * (csv/canonical-lines.ts): the result must be parseCsv's of the same text in every respect a
 * user can see — header, rows, problems, and the line and column of every field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCanonicalLines } from '../../src/model/format/csv/canonical-lines.ts';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';
import { csvLine } from '../../src/model/format/csv/write-csv.ts';

/** Characters that make the writer quote, guard or both, and some that make the text longer than its code points. */
const field = fc.array(fc.constantFrom('a', 'Z', ' ', ',', '"', '""', '\n', "'", '=', '-', '+', '@', '1', '\t', 'é', '😀', 'line\nbreak', ' x '), { maxLength: 6 }).map((parts) => parts.join(''));

function expectSameAsParsed(lines: string[]): boolean {
  const text = lines.join('\n') + '\n';
  const ours = parseCanonicalLines('t.csv', text, lines);
  if (!ours) return false;
  const parsed = parseCsv(text, 't.csv');
  expect(ours.header).toEqual(parsed.header);
  expect(ours.rows).toEqual(parsed.rows);
  expect(ours.problems).toEqual(parsed.problems);
  for (let row = 0; row <= lines.length; row++) {
    for (let i = 0; i <= parsed.header.length; i++) expect(ours.locate(row, i), `row ${row}, field ${i}`).toEqual(parsed.locate(row, i));
  }
  const a = ours.location();
  const b = parsed.location();
  expect([...a.rowOffsets]).toEqual([...b.rowOffsets]);
  expect([...a.lineStarts]).toEqual([...b.lineStarts]);
  return true;
}

describe('a table read from its canonical lines', () => {
  it('is parseCsv’s parse of its text: header, rows, problems, every field’s line and column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }).chain((width) => fc.tuple(fc.array(field, { minLength: width, maxLength: width }), fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 12 }))), ([header, rows]) => {
        const lines = [csvLine(header), ...rows.map(csvLine)];
        // No carriage return, NUL or BOM in the alphabet: every such table is read from its lines.
        expect(expectSameAsParsed(lines)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves to parseCsv what it cannot promise: rows of another width, a one-column header, a carriage return, a NUL, a line not canonical', () => {
    const cases: string[][] = [
      ['a,b', 'x,y,z'],
      ['a,b', 'x'],
      ['a', 'x'],
      ['a,b', '"x\r\ny",z'],
      ['a,b', 'x\u0000,y'],
      ['\uFEFFa,b', 'x,y'],
      ['a,b', 'x"y,z'],
      ['a,b', '"x"y,z'],
      ['a,b', '"x,z'],
    ];
    for (const lines of cases) expect(parseCanonicalLines('t.csv', lines.join('\n') + '\n', lines), JSON.stringify(lines)).toBeUndefined();
    // And what it reads, it reads as parseCsv: quotes doubled, guards off, a value over lines.
    expect(expectSameAsParsed(['a,b', `"He said ""no""",${csvLine(["'=1+1"])}`, '"over\ntwo lines",x', ',', '" lead",trail '])).toBe(true);
  });
});
