import Papa from 'papaparse';
import type { Problem } from '../../types.ts';
import { excerpt } from '../../excerpt.ts';
import { isMostlyNuls } from '../decode.ts';
import { LineIndex } from './line-index.ts';
import { quotedFieldEnd, scanCsv, type StrayQuote } from './scan-csv.ts';

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
  return (row, fieldIndex) => lines.locate(fieldStart(text, row < rowOffsets.length ? rowOffsets[row] : text.length, fieldIndex, row + 1 < rowOffsets.length ? rowOffsets[row + 1] : text.length));
}

const isLineBreak = (c: number) => c === 10 || c === 13;

/**
 * Offset where field `index` of the row starting at `rowStart` begins (quote-aware, as the
 * readers split fields); the row ends before `rowEnd` (where the next row starts).
 */
function fieldStart(text: string, rowStart: number, index: number, rowEnd: number): number {
  let i = rowStart;
  for (let f = 0; f < index && i < text.length; f++) {
    // A quoted field to its closing quote; a stray quote is text (see scan-csv.ts): one that
    // does not close, or closes past the row's end.
    if (text.charCodeAt(i) === 34) {
      const end = quotedFieldEnd(text, i);
      if (end !== -1 && end <= rowEnd) i = end;
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

/** What a stray quote's problem says (see scan-csv.ts): where it opened is the problem's place. */
function strayQuoteMessage(why: StrayQuote, next: { line: number; column: number } | undefined): string {
  const read = 'the field is read as written, the " kept, up to the next comma; the rows after it are read as usual';
  switch (why) {
    case 'closes before text':
      return `malformed quote: the " that opens this field closes at column ${next!.column} with text after it (a " inside a quoted value is written ""); ${read}`;
    case 'never closes':
      return `unclosed quote: the " that opens this field never closes; ${read}`;
    default:
      return `unclosed quote: the " that opens this field is not closed on its line${next ? ` (the next quote, on line ${next.line}, is another field's)` : ''}; ${read}`;
  }
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
 * How the lines of `text` end: one kind throughout (papaparse reads the file, told which), or
 * a mix (scanCsv reads it: papaparse splits rows at one kind only, and a file with a line
 * edited on another system kept an invisible "\r" on a field, or merged rows). A line break
 * inside a quoted value counts: a spreadsheet's CRLF file with LF in its cells is a mix.
 */
function lineEndings(text: string): '\n' | '\r\n' | '\r' | 'mixed' {
  if (text.indexOf('\r') < 0) return '\n';
  if (text.indexOf('\n') < 0) return '\r';
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) return 'mixed';
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) if (text.charCodeAt(at - 1) !== 13) return 'mixed';
  return '\r\n';
}

/** Whether a data row has not the header's number of fields and has a value over several lines. */
function mayHaveSwallowedRows(rows: string[][]): boolean {
  const width = rows[0]?.length;
  for (let r = 1; r < rows.length; r++) {
    if (rows[r].length !== width && rows[r].some((f) => f.includes('\n') || f.includes('\r'))) return true;
  }
  return false;
}

/** At most this many NUL characters of a file are reported one by one. */
const NULS_LISTED = 10;

/**
 * Parse a CSV file, keeping every row (even a bad one) and reporting each problem with its
 * file, line and column. Separator is always a comma; a BOM and any line endings (LF, CRLF,
 * bare CR, and any mix of them) are accepted. Fields are formula-unguarded (see
 * formula-guard.ts). papaparse reads the file; a file it cannot read as meant (a stray
 * quote, mixed line endings) is read by scanCsv, which recovers (see scan-csv.ts).
 */
export function parseCsv(input: string, file: string): ParsedCsv {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: Problem[] = [];
  let lines: LineIndex | undefined;
  const locateAt = (offset: number) => (lines ??= new LineIndex(text)).locate(offset);
  const problem = (offset: number, message: string) => {
    problems.push({ severity: 'error', file, ...locateAt(offset), message });
  };

  if (text.includes('\u0000')) {
    if (isMostlyNuls(text)) {
      problems.push({
        severity: 'error', file, line: 0, column: 0,
        message: 'file is not UTF-8 text (it holds NUL bytes: binary data or UTF-16); save it as UTF-8 CSV',
      });
      return {
        file, header: [], rows: [], problems, locate: () => ({ line: 0, column: 0 }),
        location: () => ({ text: '', rowOffsets: new Int32Array(0), lineStarts: new Int32Array(1) }),
      };
    }
    // A few stray NUL bytes (a damaged file): each is located and read as U+FFFD, the
    // replacement character (one code unit for one, so every position holds), and the rest
    // of the file is read as usual.
    let count = 0;
    for (let at = text.indexOf('\u0000'); at >= 0; at = text.indexOf('\u0000', at + 1)) {
      if (++count <= NULS_LISTED) problem(at, 'a NUL character (byte 0) is not text: it is read as \u201c\uFFFD\u201d; remove it');
    }
    if (count > NULS_LISTED) problems.push({ severity: 'error', file, line: 0, column: 0, message: `${count - NULS_LISTED} more NUL characters (byte 0) are read as \u201c\uFFFD\u201d` });
    text = text.replaceAll('\u0000', '\uFFFD');
  }

  // Fast path: one plain parse, told the line break (papaparse otherwise guesses it from the
  // first megabyte, a pass of its own). Row offsets are found later, and only if a problem
  // needs one.
  const newline = lineEndings(text);
  let rows: string[][] | undefined;
  let offsets: number[] | undefined;
  if (newline !== 'mixed') {
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true, newline });
    // With a fixed delimiter and no header, papaparse's only errors are quotes. A row of the
    // wrong width with a value over several lines may be a stray quote that met a value
    // starting with a comma (papaparse sees no error): scanCsv tells.
    if (parsed.errors.length === 0 && !mayHaveSwallowedRows(parsed.data)) rows = parsed.data;
  }
  if (!rows) {
    ({ rows, offsets } = scanCsv(text, { stray: (at, why, closesAt) => problem(at, strayQuoteMessage(why, closesAt < 0 ? undefined : locateAt(closesAt))) }));
  }
  const offsetOf = (row: number) => {
    if (!offsets) {
      offsets = rowStarts(text);
      // Our scan and papaparse must agree on rows (a quote inside an unquoted field, or a
      // line of `""`, makes them differ): if not, the reader that reads as papaparse does.
      if (offsets.length !== rows!.length) offsets = scanCsv(text, { strayByShape: false }).offsets;
    }
    return offsets[row] ?? text.length;
  };

  const header = (rows[0] ?? []).map((h) => unguardRow([h])[0].trim());
  const data = rows.slice(1);
  if (mayHaveGuardedFields(text)) for (const fields of data) unguardRow(fields);

  const locate = (row: number, fieldIndex: number) => locateAt(fieldStart(text, offsetOf(row), fieldIndex, offsetOf(row + 1)));

  if (rows.length > 0) {
    const sep = ['\t', ';', '|'].find((s) => header.length === 1 && header[0].includes(s));
    if (sep) problem(offsetOf(0), `the header has one column; the file seems separated by ${JSON.stringify(sep)} — policy-matrix files use commas`);
  }

  for (let i = 0; i < data.length; i++) {
    const fields = data[i];
    if (fields.length !== header.length) {
      const surplus = fields.slice(header.length);
      const has = `row has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
      problems.push({
        severity: 'error', file, ...locate(i + 1, Math.min(fields.length, header.length)),
        message:
          fields.length < header.length
            ? `${has}, the header has ${header.length}: missing fields read as empty`
            : `${has}, the header has ${header.length}: surplus fields ${JSON.stringify(surplus.slice(0, 5).map((f) => excerpt(f)))}${surplus.length > 5 ? ` and ${surplus.length - 5} more` : ''} are not loaded`,
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

/**
 * The fields of one CSV record (a line as `csvLine` writes it: no line break but inside quotes),
 * formula-unguarded, exactly as `parseCsv` reads it as the one row of a file whose header has
 * as many columns. The shared document keeps rows as such records, and a join after a day's
 * edits reads thousands of them one at a time (src/sync/doc/doc-rows.ts): a parse of a file
 * for each, papaparse's set-up included, was half of reading the document after 4,000 edits.
 * Records of a plain shape are read here at once; any other (a quote inside an unquoted field,
 * text after a closing quote, a quote that never closes, a line break outside quotes, a NUL
 * byte) is read by parseCsv itself, as before.
 */
export function parseCsvRecord(record: string): string[] {
  const fields = plainRecord(record);
  if (!fields) return parseCsv('h\n' + record, 'record').rows[0] ?? [''];
  // (As parseCsv decides it for the record after a header line.)
  if (mayHaveGuardedFields('\n' + record)) unguardRow(fields);
  return fields;
}

/** A record's fields when it has a plain shape (see parseCsvRecord), else undefined. */
function plainRecord(record: string): string[] | undefined {
  const n = record.length;
  // (parseCsv reads NUL bytes its own way.)
  if (record.includes('\u0000')) return undefined;
  if (record.indexOf('"') < 0) return record.includes('\n') || record.includes('\r') ? undefined : record.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      // Quoted: up to the quote not doubled; "" inside is one ".
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = record.indexOf('"', from);
        if (q < 0) return undefined;
        value += record.slice(from, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      if (i === n) return out;
      if (record.charCodeAt(i) !== 44) return undefined;
    } else {
      const comma = record.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = record.slice(i, end);
      if (value.includes('"') || value.includes('\n') || value.includes('\r')) return undefined;
      out.push(value);
      if (comma < 0) return out;
      i = comma;
    }
    // At a comma: the next field starts after it (an empty one when the record ends there).
    i++;
    if (i === n) {
      out.push('');
      return out;
    }
  }
}
