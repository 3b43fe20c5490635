/**
 * A dataset source as loaded: a table of strings kept by column, each column as codes into
 * its distinct values (dictionary encoding). A dataset's columns repeat a few values over
 * tens of thousands of rows (199 passports, 60 requirements in the Passport Index): codes
 * compare as numbers, an index of a column is a few arrays, and the whole table travels from
 * the load worker as typed arrays. Every value stays the string it was in the file: no
 * number or date is ever guessed (identifiers such as `007` or `-1` stay as written).
 *
 * Plain data (no class, no methods), so that it can be sent to and from a worker; the look-ups
 * below keep their indexes beside it, made on first use.
 */
import { SpanCodes } from '../collections/span-codes.ts';

export interface DatasetColumn {
  name: string;
  /** The column's distinct values, in the order they first occur. */
  strings: string[];
  /** For each data row, the index of its value in `strings`. */
  codes: Int32Array;
}

export interface Dataset {
  /** The source's id (sources.csv). */
  source: string;
  /** Path of the CSV data file, relative to the matrix folder. */
  file: string;
  /** Path of the Frictionless resource descriptor it was read through, if any. */
  descriptor?: string;
  columns: DatasetColumn[];
  rowCount: number;
  /** 1-based line of `file` where each data row starts; undefined when it is simply row + 2 (no blank line, no quoted line break). */
  lines?: Int32Array;
  /** SHA-256 of the data file's bytes, 64 lower-case hex digits. */
  sha256: string;
  /** Key columns declared by the descriptor's table schema (`primaryKey`), if any. */
  primaryKey?: string[];
  /** Licence named by the descriptor (`licenses[0].name`), if any. */
  licence?: string;
  /** Title named by the descriptor, if any. */
  title?: string;
  /** The files read (data file, descriptor) as text, by path relative to the matrix folder: an export writes them back. */
  texts: Record<string, string>;
}

/** Index of a column by name, -1 when the dataset has none. */
export function columnIndex(dataset: Dataset, name: string): number {
  const { columns } = dataset;
  for (let i = 0; i < columns.length; i++) if (columns[i].name === name) return i;
  return -1;
}

/** The value of column `column` (an index) of data row `row`. */
export const valueAt = (dataset: Dataset, row: number, column: number): string => {
  const c = dataset.columns[column];
  return c.strings[c.codes[row]];
};

/** Every value of a data row, in column order. */
export const rowValues = (dataset: Dataset, row: number): string[] => dataset.columns.map((c) => c.strings[c.codes[row]]);

/** 1-based line of the data file where data row `row` (0-based) starts. */
export const lineOf = (dataset: Dataset, row: number): number => dataset.lines?.[row] ?? row + 2;

interface ColumnIndexes {
  /** Code of each value, by value. */
  codeOf?: Map<string, number>;
  /** Code of each value, looked up by a span of a text. */
  bySpan?: SpanCodes;
  /** Rows of each code: the rows of code c are `rows[start[c]]` … `rows[start[c + 1] - 1]`, in file order. */
  byCode?: { start: Int32Array; rows: Int32Array };
}

const indexes = new WeakMap<Dataset, ColumnIndexes[]>();

function indexesOf(dataset: Dataset, column: number): ColumnIndexes {
  let all = indexes.get(dataset);
  if (!all) indexes.set(dataset, (all = []));
  // Every field from the start (see readCategories in rule.ts): the code that reads them stays compiled.
  return (all[column] ??= { codeOf: undefined, byCode: undefined, bySpan: undefined });
}

/** The code of each value of a column, by value (made once). */
export function codeMap(dataset: Dataset, column: number): Map<string, number> {
  const index = indexesOf(dataset, column);
  if (!index.codeOf) {
    const map = new Map<string, number>();
    dataset.columns[column].strings.forEach((s, i) => map.set(s, i));
    index.codeOf = map;
  }
  return index.codeOf;
}

/** The code of each value of a column, looked up by a span of a text without slicing it out (made once). */
export function spanCodes(dataset: Dataset, column: number): SpanCodes {
  const index = indexesOf(dataset, column);
  // The strings are distinct (a column's dictionary), so each one's code is its index.
  return (index.bySpan ??= new SpanCodes(dataset.columns[column].strings));
}

/** The code of `value` in a column (-1 when no row has it). */
export const codeOf = (dataset: Dataset, column: number, value: string): number => codeMap(dataset, column).get(value) ?? -1;

/** The rows whose value in a column has code `code`, in file order (a counting sort of the column, made once). */
export function rowsWithCode(dataset: Dataset, column: number, code: number): Int32Array {
  const index = indexesOf(dataset, column);
  if (!index.byCode) {
    const { codes, strings } = dataset.columns[column];
    const start = new Int32Array(strings.length + 1);
    for (let r = 0; r < dataset.rowCount; r++) start[codes[r] + 1]++;
    for (let c = 0; c < strings.length; c++) start[c + 1] += start[c];
    const next = start.slice(0, strings.length);
    const rows = new Int32Array(dataset.rowCount);
    for (let r = 0; r < dataset.rowCount; r++) rows[next[codes[r]]++] = r;
    index.byCode = { start, rows };
  }
  const { start, rows } = index.byCode;
  return code < 0 || code + 1 >= start.length ? new Int32Array(0) : rows.subarray(start[code], start[code + 1]);
}

/** How many rows have `code` in a column (their number, without listing them). */
export function countWithCode(dataset: Dataset, column: number, code: number): number {
  return rowsWithCode(dataset, column, code).length;
}

/** The rows whose value in a column is `value`. */
export const rowsWith = (dataset: Dataset, column: number, value: string): Int32Array => rowsWithCode(dataset, column, codeOf(dataset, column, value));

/** A dataset made from rows of strings (for tests and previews): `header` then the rows. */
export function datasetFromRows(source: string, file: string, header: readonly string[], rows: readonly (readonly string[])[]): Dataset {
  const columns: DatasetColumn[] = header.map((name, c) => {
    const strings: string[] = [];
    const seen = new Map<string, number>();
    const codes = new Int32Array(rows.length);
    rows.forEach((row, r) => {
      const value = row[c] ?? '';
      let code = seen.get(value);
      if (code === undefined) {
        code = strings.length;
        strings.push(value);
        seen.set(value, code);
      }
      codes[r] = code;
    });
    return { name, strings, codes };
  });
  return { source, file, columns, rowCount: rows.length, sha256: '', texts: {} };
}
