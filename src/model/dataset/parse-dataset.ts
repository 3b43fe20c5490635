/**
 * A dataset's CSV file as a `Dataset` (see dataset.ts), parsed with papaparse: the first row
 * names the columns, every value is kept as the string it is (no types guessed, no formula
 * guard undone: the file is a third party's, not one this tool wrote). Bounded (limits.ts);
 * every problem names the file and its line.
 */
import Papa from 'papaparse';
import { LineIndex } from '../format/csv/line-index.ts';
import { rowStarts } from '../format/csv/parse-csv.ts';
import type { Problem } from '../types.ts';
import type { Dataset, DatasetColumn } from './dataset.ts';
import { MAX_DATASET_COLUMNS, MAX_DATASET_ROWS } from './limits.ts';

export interface DatasetFile {
  source: string;
  /** Path of the data file, relative to the matrix folder (problems name it). */
  file: string;
  sha256: string;
  /** The separator (a Frictionless dialect's `delimiter`): a comma unless given. */
  delimiter?: string;
}

/** Line of each row (header included) when rows are not simply lines; undefined when row r is line r + 1. */
function rowLines(text: string, rows: number): Int32Array | undefined {
  const blankLine = /(\r?\n|\r)[ \t]*(\r?\n|\r)/.test(text) || /^[ \t]*(\r?\n|\r)/.test(text);
  if (!text.includes('"') && !blankLine) return undefined;
  const starts = rowStarts(text);
  const index = new LineIndex(text);
  const lines = new Int32Array(Math.min(rows, starts.length));
  for (let r = 0; r < lines.length; r++) lines[r] = index.locate(starts[r]).line;
  return lines;
}

/** Parse a dataset's text; undefined (with an error) when it cannot be read as a table at all. */
export function parseDataset(input: string, at: DatasetFile, problems: Problem[]): Dataset | undefined {
  const { file } = at;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const error = (line: number, message: string) => problems.push({ severity: 'error', file, line, column: 0, message, target: { kind: 'source', id: at.source } });
  const newline = text.indexOf('\r') < 0 ? '\n' : undefined;
  // One row more than the limit is read, to tell that there are more.
  const parsed = Papa.parse<string[]>(text, {
    delimiter: at.delimiter ?? ',', skipEmptyLines: true, preview: MAX_DATASET_ROWS + 2, ...(newline ? { newline } : {}),
  });
  const rows = parsed.data;
  // Lines of rows (header included), found once asked for; null: row r is line r + 1.
  let lines: Int32Array | null | undefined;
  const lineTable = () => (lines === undefined ? (lines = rowLines(text, rows.length) ?? null) : lines);
  const lineOfRow = (r: number) => lineTable()?.[r] ?? r + 1;
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    error(lineOfRow(unclosed.row ?? 0), 'unclosed quote: a field opens with " but never closes; the dataset is not loaded (its rows after this one cannot be told apart)');
    return undefined;
  }
  for (const e of parsed.errors.slice(0, 20)) error(lineOfRow(e.row ?? 0), `malformed CSV: ${e.message.toLowerCase()}`);
  if (rows.length === 0) {
    error(0, 'the dataset is empty: its first row should name the columns');
    return undefined;
  }
  const header = rows[0].map((h) => h.trim());
  if (header.length > MAX_DATASET_COLUMNS) {
    error(lineOfRow(0), `the dataset has ${header.length} columns, more than the ${MAX_DATASET_COLUMNS} allowed: it is not loaded`);
    return undefined;
  }
  const seen = new Set<string>();
  for (const [i, name] of header.entries()) {
    if (name === '') {
      error(lineOfRow(0), `column ${i + 1} of the header has no name: every column of a dataset needs one; the dataset is not loaded`);
      return undefined;
    }
    if (seen.has(name)) {
      error(lineOfRow(0), `column "${name}" is named twice in the header; the dataset is not loaded`);
      return undefined;
    }
    seen.add(name);
  }
  let count = rows.length - 1;
  if (count > MAX_DATASET_ROWS) {
    error(lineOfRow(MAX_DATASET_ROWS + 1), `the dataset has more than ${MAX_DATASET_ROWS.toLocaleString('en-US')} rows, the most read: the rest is not loaded`);
    count = MAX_DATASET_ROWS;
  }

  // By column, each value as a code into the column's distinct values. A value is most often
  // the one of the row before (a tidy file lists each passport's 199 destinations in a row):
  // compared first, looked up only when not.
  const width = header.length;
  const maps = header.map(() => new Map<string, number>());
  const strings: string[][] = header.map(() => []);
  const codes = header.map(() => new Int32Array(count));
  const last: (string | undefined)[] = new Array(width).fill(undefined);
  const lastCode = new Int32Array(width);
  let ragged = 0;
  for (let r = 0; r < count; r++) {
    const fields = rows[r + 1];
    if (fields.length !== width && ragged++ < 20) {
      error(lineOfRow(r + 1), fields.length < width
        ? `row has ${fields.length} fields, the header has ${width}: missing fields read as empty`
        : `row has ${fields.length} fields, the header has ${width}: the surplus is not loaded`);
    }
    for (let c = 0; c < width; c++) {
      const value = fields[c] ?? '';
      if (value === last[c]) {
        codes[c][r] = lastCode[c];
        continue;
      }
      const map = maps[c];
      let code = map.get(value);
      if (code === undefined) {
        code = strings[c].length;
        strings[c].push(value);
        map.set(value, code);
      }
      last[c] = value;
      lastCode[c] = code;
      codes[c][r] = code;
    }
  }
  if (ragged > 20) error(0, `${ragged} rows have another number of fields than the header (the first 20 are listed)`);
  const columns: DatasetColumn[] = header.map((name, c) => ({ name, strings: strings[c], codes: codes[c] }));
  const all = lineTable();
  return {
    source: at.source, file, columns, rowCount: count, sha256: at.sha256, texts: { [file]: input },
    ...(all ? { lines: all.slice(1, count + 1) } : {}),
  };
}
