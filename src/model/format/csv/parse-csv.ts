import Papa from 'papaparse';
import type { Problem } from '../../types.ts';
import { LineIndex } from './line-index.ts';

export interface ParsedCsv {
  file: string;
  header: string[];
  /**
   * The data rows' fields, in file order: data row `i` is row `i + 1` of the file (0 = the
   * header). Plain arrays, not an object per row: a file runs to hundreds of thousands of
   * rows, and each object more per row was paid for again by the garbage collector.
   */
  rows: string[][];
  problems: Problem[];
  /** 1-based line and column where a field of a row starts (row of the file, 0 = header; field index may be past the end). */
  locate(row: number, fieldIndex: number): { line: number; column: number };
  /** What `locate` works from, as plain data: to locate fields in another thread (see `csvLocator`). */
  location(): CsvLocation;
}

/** The text of a parsed file with the start offset of each row and of each line. */
export interface CsvLocation {
  text: string;
  rowOffsets: Int32Array;
  lineStarts: Int32Array;
}

/** `ParsedCsv.locate` from its `location()`: line and column of field `fieldIndex` of row `row` (0 = header). */
export function csvLocator(location: CsvLocation): (row: number, fieldIndex: number) => { line: number; column: number } {
  const { text, rowOffsets } = location;
  const lines = LineIndex.fromStarts(location.lineStarts);
  return (row, fieldIndex) => lines.locate(fieldStart(text, row < rowOffsets.length ? rowOffsets[row] : text.length, fieldIndex));
}

const isLineBreak = (c: number) => c === 10 || c === 13;

/** Offset where field `index` of the row starting at `rowStart` begins (quote-aware). */
function fieldStart(text: string, rowStart: number, index: number): number {
  let i = rowStart;
  for (let f = 0; f < index && i < text.length; f++) {
    if (text.charCodeAt(i) === 34) {
      i++;
      while (i < text.length) {
        if (text.charCodeAt(i) === 34) {
          if (text.charCodeAt(i + 1) === 34) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < text.length && text.charCodeAt(i) !== 44 && !isLineBreak(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 44) break;
    i++;
  }
  return i;
}

/**
 * Start offset of every non-empty row, scanning as papaparse splits rows: a line break
 * outside quotes ends a row; empty lines are skipped. Only run when a problem is located.
 */
export function rowStarts(text: string): number[] {
  const starts: number[] = [];
  let i = 0;
  const n = text.length;
  // The next quote and line break, found by native scans (files run to tens of megabytes);
  // each is looked for again only once passed.
  let quote = -2;
  let lf = -2;
  let cr = text.indexOf('\r') < 0 ? -1 : -2;
  const next = (found: number, c: string) => (found === -1 || found >= i ? found : text.indexOf(c, i));
  while (i < n) {
    while (i < n && isLineBreak(text.charCodeAt(i))) i++;
    if (i >= n) break;
    starts.push(i);
    // To the first line break outside quotes (a quote opens or closes quoting).
    for (;;) {
      quote = next(quote, '"');
      lf = next(lf, '\n');
      cr = next(cr, '\r');
      const lineBreak = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (quote !== -1 && (lineBreak === -1 || quote < lineBreak)) {
        // Quoted: to the closing quote ("" closes and opens again).
        const close = text.indexOf('"', quote + 1);
        i = close === -1 ? n : close + 1;
        if (close === -1) break;
        continue;
      }
      i = lineBreak === -1 ? n : lineBreak;
      break;
    }
  }
  return starts;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) return i + 2;
  return i < text.length ? i + 1 : i;
}

/** Undo formula guarding (see formula-guard.ts) in place: drop one leading apostrophe. */
function unguardRow(fields: string[]): string[] {
  for (let i = 0; i < fields.length; i++) if (fields[i].charCodeAt(0) === 39) fields[i] = fields[i].slice(1);
  return fields;
}

/**
 * Whether some data field of `text` may start with an apostrophe: one after a comma, a line
 * break or a quote (a quoted field's value starts after its opening quote; the header, at the
 * start of the text, is unguarded apart). Apostrophes inside values (an "EU's") do not count.
 * When none may, no field needs unguarding: one native scan for the character instead of a
 * look at each of two million fields (about 15 ms for a 28 MB citations.csv, in Node).
 */
function mayHaveGuardedFields(text: string): boolean {
  for (let at = text.indexOf("'"); at >= 0; at = text.indexOf("'", at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before === 44 || before === 10 || before === 13 || before === 34) return true;
  }
  return false;
}

/**
 * Rows with their start offsets, recovering from unclosed quotes: the line with the stray
 * quote is read on its own and parsing goes on from the next line, so one stray quote
 * cannot swallow the rest of the file. Slower than a plain parse; used only when needed.
 */
function parseRecovering(text: string, problem: (offset: number, message: string) => void): { rows: string[][]; offsets: number[] } {
  const rows: string[][] = [];
  const offsets: number[] = [];
  let start = 0;
  while (start < text.length) {
    let cursor = start;
    let restartAt = -1;
    const base = start;
    Papa.parse<string[]>(text.slice(start), {
      delimiter: ',',
      skipEmptyLines: true,
      step: (result, parser) => {
        let rowStart = cursor;
        while (isLineBreak(text.charCodeAt(rowStart))) rowStart++;
        cursor = base + result.meta.cursor;
        if (result.errors.some((e) => e.code === 'MissingQuotes')) {
          const lineEnd = endOfLine(text, rowStart);
          const raw = text.slice(rowStart, lineEnd).replace(/[\r\n]+$/, '');
          problem(rowStart + Math.max(0, raw.indexOf('"')), 'unclosed quote: a field opens with " but never closes; this line was read on its own and the rest of the file after it');
          rows.push(raw.split(','));
          offsets.push(rowStart);
          restartAt = lineEnd;
          parser.abort();
          return;
        }
        for (const e of result.errors) problem(rowStart, `malformed CSV: ${e.message.toLowerCase()}`);
        rows.push(result.data);
        offsets.push(rowStart);
      },
    });
    if (restartAt < 0) break;
    start = restartAt;
  }
  return { rows, offsets };
}

/**
 * Parse a CSV file with papaparse, keeping every row (even a bad one) and reporting each
 * problem with its file, line and column. Separator is always a comma; a BOM and any line
 * ending (LF, CRLF, bare CR) are accepted. Fields are formula-unguarded (see formula-guard.ts).
 */
export function parseCsv(input: string, file: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: Problem[] = [];
  let lines: LineIndex | undefined;
  const locateAt = (offset: number) => (lines ??= new LineIndex(text)).locate(offset);
  const problem = (offset: number, message: string) => {
    problems.push({ severity: 'error', file, ...locateAt(offset), message });
  };

  if (text.includes('\u0000')) {
    problems.push({
      severity: 'error', file, line: 0, column: 0,
      message: 'file is not UTF-8 text (it holds NUL bytes: binary data or UTF-16); save it as UTF-8 CSV',
    });
    return {
      file, header: [], rows: [], problems, locate: () => ({ line: 0, column: 0 }),
      location: () => ({ text: '', rowOffsets: new Int32Array(0), lineStarts: new Int32Array(1) }),
    };
  }

  // Fast path: one plain parse. Row offsets are found later, and only if a problem needs one.
  // Without a carriage return anywhere, papaparse's guess of the line break (a pass over the
  // first megabyte) can only be "\n": it is given, not guessed.
  const newline = text.indexOf('\r') < 0 ? '\n' : undefined;
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true, ...(newline ? { newline } : {}) });
  let rows = parsed.data;
  let offsets: number[] | undefined;
  if (parsed.errors.some((e) => e.code === 'MissingQuotes')) {
    ({ rows, offsets } = parseRecovering(text, problem));
  } else {
    for (const e of parsed.errors) {
      offsets ??= rowStarts(text);
      problem(offsets[e.row ?? 0] ?? 0, `malformed CSV: ${e.message.toLowerCase()}`);
    }
  }
  const offsetOf = (row: number) => {
    if (!offsets) {
      offsets = rowStarts(text);
      // Our scan and papaparse must agree on rows; if not, ask papaparse for each row's start.
      if (offsets.length !== rows.length) offsets = parseRecovering(text, () => {}).offsets;
    }
    return offsets[row] ?? text.length;
  };

  const header = (rows[0] ?? []).map((h) => unguardRow([h])[0].trim());
  const data = rows.slice(1);
  if (mayHaveGuardedFields(text)) for (const fields of data) unguardRow(fields);

  const locate = (row: number, fieldIndex: number) => locateAt(fieldStart(text, offsetOf(row), fieldIndex));

  if (rows.length > 0) {
    const sep = ['\t', ';', '|'].find((s) => header.length === 1 && header[0].includes(s));
    if (sep) problem(offsetOf(0), `the header has one column; the file seems separated by ${JSON.stringify(sep)} — policy-matrix files use commas`);
  }

  for (let i = 0; i < data.length; i++) {
    const fields = data[i];
    if (fields.length !== header.length) {
      const surplus = fields.slice(header.length);
      problems.push({
        severity: 'error', file, ...locate(i + 1, Math.min(fields.length, header.length)),
        message:
          fields.length < header.length
            ? `row has ${fields.length} fields, the header has ${header.length}: missing fields read as empty`
            : `row has ${fields.length} fields, the header has ${header.length}: surplus fields ${JSON.stringify(surplus)} are not loaded`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const location = (): CsvLocation => {
    offsetOf(0);
    return { text, rowOffsets: Int32Array.from(offsets!), lineStarts: (lines ??= new LineIndex(text)).lineStarts() };
  };
  return { file, header, rows: data, problems, locate, location };
}
