/**
 * One CSV record read on its own (parseCsvRecord: the shared document's rows are such records,
 * read one at a time) must read exactly as parseCsv reads it as the one row of a file, whatever
 * the record holds; and every record csvLine writes reads back as its fields.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecord } from '../../src/model/format/csv/parse-csv.ts';
import { csvLine } from '../../src/model/format/csv/write-csv.ts';
import { random } from './support/random.ts';

/**
 * How parseCsv reads a record as the one row of a file with a header of `width` columns (the
 * width matters: a quoted line break in a row of the header's width is a value, in a row of
 * another width it may be taken for a quote that strays, as `"CR\r\nLF",x` behind a header
 * of one column is).
 */
const asFileRow = (record: string, width: number): string[] =>
  parseCsv(Array.from({ length: width }, (_, i) => `h${i}`).join(',') + '\n' + record, 'record').rows[0] ?? [''];

describe('a CSV record read on its own', () => {
  it('reads back every record csvLine writes, formulas guarded and all', () => {
    const next = random(11);
    const bits = ['plain', 'a, comma', 'a "quote"', '"', '""', 'two\nlines', 'CR\r\nLF', 'lone\rCR', ' edge ', '=1+1', '+1', '-x', '@home', "'quoted", "EU's", 'é😀', '', '\t'];
    for (let i = 0; i < 3000; i++) {
      const fields = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        Array.from({ length: Math.floor(next() * 3) }, () => bits[Math.floor(next() * bits.length)]).join(''));
      const record = csvLine(fields);
      expect(parseCsvRecord(record), record).toEqual(fields);
      expect(parseCsvRecord(record), record).toEqual(asFileRow(record, fields.length));
    }
  });

  it('reads any text as parseCsv reads it: stray and unclosed quotes, line breaks, apostrophes, NUL bytes', () => {
    const next = random(12);
    const alphabet = ['"', '"', ',', ',', 'a', 'b', ' ', '\n', '\r', "'", '=', '😀'];
    const same = (record: string) => {
      const fields = parseCsvRecord(record);
      expect(fields, JSON.stringify(record)).toEqual(asFileRow(record, fields.length));
    };
    for (let i = 0; i < 20000; i++) same(Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    for (const record of ['', ',', ',,', '"",""', '"a"b', 'a"b"', '"a', '"a""', "'=1,'x", '"\'x",y', 'x,"', '"a" ,b', ' "a"', '"CR\r\nLF",x']) same(record);
    // NUL bytes are parseCsv's to read (as the replacement character, or not at all when most of the text is NULs).
    for (const record of ['a\u0000,b', '\u0000\u0000\u0000,"x"']) expect(parseCsvRecord(record)).toEqual(parseCsv('h\n' + record, 'record').rows[0] ?? ['']);
  });
});
