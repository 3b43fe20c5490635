/**
 * A dataset's CSV file as a `Dataset` (see dataset.ts), parsed with papaparse: the first row
 * names the columns, every value is kept as the string it is (no types guessed, no formula
 * guard undone: the file is a third party's, not one this tool wrote). Bounded (limits.ts);
 * every problem names the file and its line.
 */
import Papa from 'papaparse';
import { LineIndex } from '../format/csv/line-index.ts';
import { rowStarts } from '../format/csv/parse-csv.ts';
import { HASH_START, hashStep, SpanCodes } from '../collections/span-codes.ts';
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
 * The data rows read so far, by column: each value as a code into the column's distinct values
 * (dictionary encoding). A value is most often the one of the row above (a tidy file lists
 * each passport's 199 destinations in a row): compared first, looked up only when not.
 *
 * A class, not closures of `parseDataset`: closures made anew for each file are compiled
 * anew for each file (and once their file is collected, so is the code made for them); the
 * methods of a class are compiled once for every file read.
 */
class ColumnCodes {
  /** One kept for the life of the page, for its layout (see SpanCodes.kept): read into once, as a file is. */
  static readonly kept = new ColumnCodes(1, 1).takeSpans('a', Int32Array.of(0, 1), Int32Array.of(0), 1);

  readonly values: SpanCodes[];
  codes: Int32Array[];
  readonly last: (string | undefined)[];
  readonly lastCode: Int32Array;
  readonly lastHash: Int32Array;
  count = 0;
  /** Rows with another number of fields than the header (the first 20 are in `malformed`). */
  ragged = 0;
  readonly malformed: { row: number; message: string }[] = [];

  constructor(readonly width: number, readonly rowLimit: number) {
    this.values = [];
    this.codes = [];
    for (let c = 0; c < width; c++) {
      this.values.push(new SpanCodes());
      this.codes.push(new Int32Array(0));
    }
    this.last = new Array<string | undefined>(width).fill(undefined);
    this.lastCode = new Int32Array(width);
    this.lastHash = new Int32Array(width);
  }

  private grow(): void {
    const size = Math.min(this.rowLimit, Math.max(1024, this.codes[0].length * 2));
    this.codes = this.codes.map((old) => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    });
  }

  /** Room for row `r`, and a ragged row noted (0-based data row, `fields` read). */
  private start(r: number, fields: number): void {
    if (r >= this.codes[0].length) this.grow();
    const { width } = this;
    if (fields === width || this.ragged++ >= 20) return;
    // A count of one in the singular, as the tables' reader says it (parse-csv.ts).
    const has = `row has ${fields} field${fields === 1 ? '' : 's'}`;
    this.malformed.push({
      row: r + 1,
      message: fields < width ? `${has}, the header has ${width}: missing fields read as empty` : `${has}, the header has ${width}: the surplus is not loaded`,
    });
  }

  /** The code of `value` in column c (added to its values when new). */
  private encode(c: number, value: string): number {
    const column = this.values[c];
    let code = column.code(value);
    if (code < 0) code = column.add(value);
    this.last[c] = value;
    this.lastCode[c] = code;
    this.lastHash[c] = column.hashOf(code);
    return code;
  }

  /** A row given as strings (the general reader's). */
  take(fields: string[]): void {
    const r = this.count;
    this.start(r, fields.length);
    const { codes, last, lastCode } = this;
    for (let c = 0; c < this.width; c++) {
      const value = fields[c] ?? '';
      codes[c][r] = value === last[c] ? lastCode[c] : this.encode(c, value);
    }
    this.count++;
  }

  /** A row given by the spans of its fields in `text` and their hashes (see scanPlain). */
  takeSpans(text: string, spans: Int32Array, hashes: Int32Array, n: number): this {
    const r = this.count;
    this.start(r, n);
    const { codes, last, lastCode, lastHash, values } = this;
    for (let c = 0; c < this.width; c++) {
      if (c >= n) {
        codes[c][r] = last[c] === '' ? lastCode[c] : this.encode(c, '');
        continue;
      }
      const from = spans[2 * c];
      const to = spans[2 * c + 1];
      const h = hashes[c];
      const before = last[c];
      // Most often the value of the row above (compared in place), else looked up by its span.
      if (before !== undefined && lastHash[c] === h && before.length === to - from && text.startsWith(before, from)) {
        codes[c][r] = lastCode[c];
        continue;
      }
      const column = values[c];
      let code = column.find(text, from, to, h);
      if (code < 0) code = column.add(text.slice(from, to), h);
      codes[c][r] = code;
      last[c] = column.strings[code];
      lastCode[c] = code;
      lastHash[c] = h;
    }
    this.count++;
    return this;
  }
}

/**
 * Read a text with no quote and no carriage return from `pos` (after the header): each line a
 * row, split at the delimiter, empty lines skipped — what papaparse gives for such a text (a
 * tidy dataset most often is one). Each row goes to `into` as the spans of its fields in the
 * text (`spans[2i]` to `spans[2i + 1]`, `n` fields; the array grows as needed) with the hash
 * of each field (`hashes[i]`, spanHash), so that a value is told or looked up without making
 * a string. Stops after `into.rowLimit` rows: `more` says whether a row was left unread;
 * `skipped` whether an empty line was skipped (then rows are not simply lines).
 */
function scanPlain(text: string, pos: number, delimiter: number, into: ColumnCodes): { more: boolean; skipped: boolean } {
  let spans = new Int32Array(64);
  let hashes = new Int32Array(32);
  const len = text.length;
  let skipped = false;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    if (end > pos) {
      // One row more than the limit is found, to tell that there are more.
      if (into.count === into.rowLimit) return { more: true, skipped };
      let n = 0;
      let start = pos;
      let h = HASH_START;
      for (let i = pos; i <= end; i++) {
        const code = i < end ? text.charCodeAt(i) : delimiter;
        if (code !== delimiter) {
          h = hashStep(h, code);
          continue;
        }
        if (n + 1 > hashes.length) {
          const more = new Int32Array(spans.length * 2);
          more.set(spans);
          spans = more;
          const moreHashes = new Int32Array(hashes.length * 2);
          moreHashes.set(hashes);
          hashes = moreHashes;
        }
        spans[2 * n] = start;
        spans[2 * n + 1] = i;
        hashes[n] = h;
        n++;
        start = i + 1;
        h = HASH_START;
      }
      into.takeSpans(text, spans, hashes, n);
    } else skipped = true;
    pos = end + 1;
  }
  return { more: false, skipped };
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
  let rows = new ColumnCodes(0, 0);
  let failed = false;
  let tooMany = false;
  // The rows read: the limit of rows, or fewer for a wide file (the limit of values).
  let rowLimit = MAX_DATASET_ROWS;
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
    // (Problems the general reader met before the header was taken are kept.)
    const before = rows.malformed;
    rows = new ColumnCodes(width, rowLimit);
    rows.malformed.push(...before);
    return true;
  };
  /** One row read (the header first); false: stop reading. */
  const row = (fields: string[]): boolean => {
    if (!header) {
      if (takeHeader(fields)) return true;
      failed = true;
      return false;
    }
    // One row more than the limit is read, to tell that there are more.
    if (rows.count === rowLimit) {
      tooMany = true;
      return false;
    }
    rows.take(fields);
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
        for (const e of results.errors) if (rows.malformed.length < 20) rows.malformed.push({ row: base + (e.row ?? 0), message: `malformed CSV: ${e.message.toLowerCase()}` });
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
    // The header: the first line that is not empty.
    let pos = 0;
    while (text.charCodeAt(pos) === 10) pos++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    parsedRows = 1;
    if (end > pos && row(text.slice(pos, end).split(delimiter))) {
      const read = scanPlain(text, end + 1, delimiter.charCodeAt(0), rows);
      tooMany = read.more;
      // No empty line skipped: row r is line r + 1, with no need to look (rowLines).
      if (!read.skipped && pos === 0) lines = null;
    }
    parsedRows = rows.count + 1 + (tooMany ? 1 : 0);
  } else parseInPieces(delimiter);
  if (failed) return undefined;
  if (!header) {
    error(0, 'the dataset is empty: its first row should name the columns');
    return undefined;
  }
  const { malformed, ragged, count, values, codes } = rows;
  for (const m of malformed.sort((a, b) => a.row - b.row).slice(0, 20)) error(lineOfRow(m.row), m.message);
  if (ragged > 20) error(0, `${ragged} rows have another number of fields than the header (the first 20 are listed)`);
  if (tooMany) {
    const why = rowLimit < MAX_DATASET_ROWS ? ` (with its ${width} columns, the ${MAX_DATASET_VALUES.toLocaleString('en-US')} values allowed)` : '';
    error(lineOfRow(rowLimit + 1), `the dataset has more than ${rowLimit.toLocaleString('en-US')} rows, the most read${why}: the rest is not loaded`);
  }
  const columns: DatasetColumn[] = header.map((name, c) => ({ name, strings: values[c].strings, codes: codes[c].length === count ? codes[c] : codes[c].slice(0, count) }));
  const all = lineTable();
  return {
    source: at.source, file, columns, rowCount: count, sha256: at.sha256, texts: { [file]: input },
    ...(all ? { lines: all.slice(1, count + 1) } : {}),
  };
}
