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
import { MAX_DATASET_COLUMNS, MAX_DATASET_ROWS, MAX_DATASET_VALUES } from './limits.ts';

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

/** Rows of text parsed at a time: only one piece's rows are held as arrays of strings, the rest as codes. */
const PIECE_CHARS = 1 << 20;

/**
 * Read a text with no quote and no carriage return: each line a row, split at the delimiter,
 * empty lines skipped — what papaparse gives for such a text (a tidy dataset most often is
 * one). A row is handed over as the spans of its fields in the text (`spans[2i]` to
 * `spans[2i + 1]`, `n` fields; the array grows as needed), so that a value that repeats the
 * one above it is told without making a string. `row` returns false to stop.
 */
function scanPlain(text: string, delimiter: number, row: (spans: Int32Array, n: number) => boolean): void {
  let spans = new Int32Array(64);
  const len = text.length;
  let pos = 0;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    if (end > pos) {
      let n = 0;
      let start = pos;
      for (let i = pos; i <= end; i++) {
        if (i < end && text.charCodeAt(i) !== delimiter) continue;
        if (2 * n + 2 > spans.length) {
          const more = new Int32Array(spans.length * 2);
          more.set(spans);
          spans = more;
        }
        spans[2 * n] = start;
        spans[2 * n + 1] = i;
        n++;
        start = i + 1;
      }
      if (!row(spans, n)) return;
    }
    pos = end + 1;
  }
}

/** Parse a dataset's text; undefined (with an error) when it cannot be read as a table at all. */
export function parseDataset(input: string, at: DatasetFile, problems: Problem[]): Dataset | undefined {
  const { file } = at;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const error = (line: number, message: string) => problems.push({ severity: 'error', file, line, column: 0, message, target: { kind: 'source', id: at.source } });
  const newline = text.indexOf('\r') < 0 ? '\n' : undefined;
  // Lines of rows (header included), found once asked for; null: row r is line r + 1.
  let lines: Int32Array | null | undefined;
  let parsedRows = 0;
  const lineTable = () => (lines === undefined ? (lines = rowLines(text, parsedRows) ?? null) : lines);
  const lineOfRow = (r: number) => lineTable()?.[r] ?? r + 1;

  // By column, each value as a code into the column's distinct values. A value is most often
  // the one of the row before (a tidy file lists each passport's 199 destinations in a row):
  // compared first, looked up only when not. The text is parsed a piece at a time, so that
  // only one piece's rows are ever held as arrays of strings (a file of many short fields
  // would otherwise take many times its size).
  let header: string[] | undefined;
  let width = 0;
  let maps: Map<string, number>[] = [];
  let strings: string[][] = [];
  let codes: Int32Array[] = [];
  let last: (string | undefined)[] = [];
  let lastCode = new Int32Array(0);
  let count = 0;
  let ragged = 0;
  let failed = false;
  let tooMany = false;
  // The rows read: the limit of rows, or fewer for a wide file (the limit of values).
  let rowLimit = MAX_DATASET_ROWS;
  const malformed: { row: number; message: string }[] = [];
  const grow = () => {
    const size = Math.min(rowLimit, Math.max(1024, codes[0].length * 2));
    codes = codes.map((old) => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    });
  };
  const takeHeader = (fields: string[]): boolean => {
    header = fields.map((h) => h.trim());
    if (header.length > MAX_DATASET_COLUMNS) {
      error(lineOfRow(0), `the dataset has ${header.length} columns, more than the ${MAX_DATASET_COLUMNS} allowed: it is not loaded`);
      return false;
    }
    const seen = new Set<string>();
    for (const [i, name] of header.entries()) {
      if (name === '') {
        error(lineOfRow(0), `column ${i + 1} of the header has no name: every column of a dataset needs one; the dataset is not loaded`);
        return false;
      }
      if (seen.has(name)) {
        error(lineOfRow(0), `column "${name}" is named twice in the header; the dataset is not loaded`);
        return false;
      }
      seen.add(name);
    }
    width = header.length;
    rowLimit = Math.min(MAX_DATASET_ROWS, Math.floor(MAX_DATASET_VALUES / width));
    maps = header.map(() => new Map<string, number>());
    strings = header.map(() => []);
    codes = header.map(() => new Int32Array(0));
    last = new Array(width).fill(undefined);
    lastCode = new Int32Array(width);
    return true;
  };
  const raggedRow = (r: number, fields: number) => {
    if (fields === width || ragged++ >= 20) return;
    // A count of one in the singular, as the tables' reader says it (parse-csv.ts).
    const has = `row has ${fields} field${fields === 1 ? '' : 's'}`;
    malformed.push({
      row: r + 1,
      message: fields < width ? `${has}, the header has ${width}: missing fields read as empty` : `${has}, the header has ${width}: the surplus is not loaded`,
    });
  };
  /** The code of `value` in column c (added to its values when new). */
  const encode = (c: number, value: string): number => {
    const map = maps[c];
    let code = map.get(value);
    if (code === undefined) {
      code = strings[c].length;
      strings[c].push(value);
      map.set(value, code);
    }
    last[c] = value;
    lastCode[c] = code;
    return code;
  };
  /** A row given by the spans of its fields in `text` (see scanPlain). */
  const takeSpans = (spans: Int32Array, n: number) => {
    const r = count;
    if (r >= codes[0].length) grow();
    raggedRow(r, n);
    for (let c = 0; c < width; c++) {
      if (c >= n) {
        codes[c][r] = last[c] === '' ? lastCode[c] : encode(c, '');
        continue;
      }
      const from = spans[2 * c];
      const to = spans[2 * c + 1];
      const before = last[c];
      codes[c][r] = before !== undefined && before.length === to - from && text.startsWith(before, from) ? lastCode[c] : encode(c, text.slice(from, to));
    }
    count++;
  };
  const take = (fields: string[]) => {
    const r = count;
    if (r >= codes[0].length) grow();
    raggedRow(r, fields.length);
    for (let c = 0; c < width; c++) {
      const value = fields[c] ?? '';
      codes[c][r] = value === last[c] ? lastCode[c] : encode(c, value);
    }
    count++;
  };
  /** One row read (the header first); false: stop reading. */
  const row = (fields: string[]): boolean => {
    if (!header) {
      if (takeHeader(fields)) return true;
      failed = true;
      return false;
    }
    // One row more than the limit is read, to tell that there are more.
    if (count === rowLimit) {
      tooMany = true;
      return false;
    }
    take(fields);
    return true;
  };
  const delimiter = at.delimiter ?? ',';
  /** The general reader (quotes, other line ends): papaparse, a piece at a time. */
  function parseInPieces(delimiter: string): void {
    // (papaparse's types give `chunk` to files only; a string is parsed in pieces the same way.)
    const pieces: Papa.ParseConfig<string[]> & { chunkSize: number; chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => void } = {
      delimiter, skipEmptyLines: true, preview: MAX_DATASET_ROWS + 2, ...(newline ? { newline } : {}),
      chunkSize: PIECE_CHARS,
      chunk: (results, parser) => {
        const base = parsedRows;
        parsedRows += results.data.length;
        const unclosed = results.errors.find((e) => e.code === 'MissingQuotes');
        if (unclosed) {
          error(lineOfRow(base + (unclosed.row ?? 0)), 'unclosed quote: a field opens with " but never closes; the dataset is not loaded (its rows after this one cannot be told apart)');
          failed = true;
          parser.abort();
          return;
        }
        for (const e of results.errors) if (malformed.length < 20) malformed.push({ row: base + (e.row ?? 0), message: `malformed CSV: ${e.message.toLowerCase()}` });
        for (const fields of results.data) {
          if (!row(fields)) {
            parser.abort();
            return;
          }
        }
      },
    };
    Papa.parse<string[]>(text, pieces);
  }
  if (newline && !text.includes('"') && delimiter.length === 1 && delimiter !== '\n') {
    // No quote: nothing papaparse would report but ragged rows (counted in take).
    scanPlain(text, delimiter.charCodeAt(0), (spans, n) => {
      parsedRows++;
      if (!header) {
        const fields: string[] = [];
        for (let i = 0; i < n; i++) fields.push(text.slice(spans[2 * i], spans[2 * i + 1]));
        return row(fields);
      }
      if (count === rowLimit) {
        tooMany = true;
        return false;
      }
      takeSpans(spans, n);
      return true;
    });
  } else parseInPieces(delimiter);
  if (failed) return undefined;
  if (!header) {
    error(0, 'the dataset is empty: its first row should name the columns');
    return undefined;
  }
  for (const m of malformed.sort((a, b) => a.row - b.row).slice(0, 20)) error(lineOfRow(m.row), m.message);
  if (ragged > 20) error(0, `${ragged} rows have another number of fields than the header (the first 20 are listed)`);
  if (tooMany) {
    const why = rowLimit < MAX_DATASET_ROWS ? ` (with its ${width} columns, the ${MAX_DATASET_VALUES.toLocaleString('en-US')} values allowed)` : '';
    error(lineOfRow(rowLimit + 1), `the dataset has more than ${rowLimit.toLocaleString('en-US')} rows, the most read${why}: the rest is not loaded`);
  }
  const columns: DatasetColumn[] = header.map((name, c) => ({ name, strings: strings[c], codes: codes[c].length === count ? codes[c] : codes[c].slice(0, count) }));
  const all = lineTable();
  return {
    source: at.source, file, columns, rowCount: count, sha256: at.sha256, texts: { [file]: input },
    ...(all ? { lines: all.slice(1, count + 1) } : {}),
  };
}
