import Papa from 'papaparse';
import type { Problem } from '../types.ts';
import { LineIndex } from './line-index.ts';
import { unguardFormula } from './formula-guard.ts';

/** One data row of a CSV file, with where it starts so problems can point at it. */
export interface CsvRecord {
  fields: string[];
  /** Character offset of the row's first character in the (BOM-stripped) text. */
  offset: number;
}

export interface ParsedCsv {
  file: string;
  header: string[];
  records: CsvRecord[];
  problems: Problem[];
  /** 1-based line and column where a field of a record starts (field index may be past the end). */
  locate(record: CsvRecord | 'header', fieldIndex: number): { line: number; column: number };
}

const isLineBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Offset where field `index` of the row starting at `rowStart` begins (quote-aware). */
function fieldStart(text: string, rowStart: number, index: number): number {
  let i = rowStart;
  for (let f = 0; f < index && i < text.length; f++) {
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < text.length && text[i] !== ',' && !isLineBreak(text[i])) i++;
    if (text[i] !== ',') break;
    i++;
  }
  return i;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineBreak(text[i])) i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

/**
 * Parse a CSV file with papaparse, keeping every row (even a bad one) and reporting each
 * problem with its file, line and column. Separator is always a comma; a BOM and any line
 * ending (LF, CRLF, bare CR) are accepted. Fields are formula-unguarded (see formula-guard.ts).
 */
export function parseCsv(input: string, file: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = new LineIndex(text);
  const problems: Problem[] = [];
  const rows: CsvRecord[] = [];

  const locateAt = (offset: number) => lines.locate(offset);
  const problem = (offset: number, message: string, field?: string) => {
    const { line, column } = locateAt(offset);
    problems.push({ severity: 'error', file, line, column, message, field });
  };

  if (text.includes('\u0000')) {
    problems.push({
      severity: 'error', file, line: 0, column: 0,
      message: 'file is not UTF-8 text (it holds NUL bytes: binary data or UTF-16); save it as UTF-8 CSV',
    });
    return { file, header: [], records: [], problems, locate: () => ({ line: 0, column: 0 }) };
  }

  // Parse from `start`; on an unclosed quote, keep that line as a row of its own and go on
  // from the next line, so one stray quote cannot swallow the rest of the file.
  let start = 0;
  while (start < text.length) {
    let cursor = start;
    let restartAt = -1;
    const chunk = text.slice(start);
    Papa.parse<string[]>(chunk, {
      delimiter: ',',
      skipEmptyLines: true,
      step: (result, parser) => {
        let rowStart = cursor;
        while (isLineBreak(text[rowStart])) rowStart++;
        cursor = start + result.meta.cursor;
        const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
        if (unclosed) {
          const lineEnd = endOfLine(text, rowStart);
          const raw = text.slice(rowStart, lineEnd).replace(/[\r\n]+$/, '');
          const quoteAt = rowStart + Math.max(0, raw.indexOf('"'));
          problem(quoteAt, 'unclosed quote: a field opens with " but never closes; this line was read on its own and the rest of the file after it');
          rows.push({ fields: raw.split(','), offset: rowStart });
          restartAt = lineEnd;
          parser.abort();
          return;
        }
        for (const e of result.errors) {
          problem(rowStart, `malformed CSV: ${e.message.toLowerCase()}`);
        }
        rows.push({ fields: result.data, offset: rowStart });
      },
    });
    if (restartAt < 0) break;
    start = restartAt;
  }

  const [headerRow, ...records] = rows;
  const header = (headerRow?.fields ?? []).map((h) => unguardFormula(h).trim());
  for (const r of records) r.fields = r.fields.map(unguardFormula);

  const locate = (record: CsvRecord | 'header', fieldIndex: number) => {
    const rowStart = record === 'header' ? (headerRow?.offset ?? 0) : record.offset;
    return locateAt(fieldStart(text, rowStart, fieldIndex));
  };

  if (headerRow) {
    const sep = ['\t', ';', '|'].find((s) => header.length === 1 && header[0].includes(s));
    if (sep) {
      problem(headerRow.offset, `the header has one column; the file seems separated by ${JSON.stringify(sep)} — policy-matrix files use commas`);
    }
  }

  for (const record of records) {
    if (record.fields.length !== header.length) {
      const { line, column } = locate(record, Math.min(record.fields.length, header.length));
      const surplus = record.fields.slice(header.length);
      problems.push({
        severity: 'error', file, line, column,
        message:
          record.fields.length < header.length
            ? `row has ${record.fields.length} fields, the header has ${header.length}: missing fields read as empty`
            : `row has ${record.fields.length} fields, the header has ${header.length}: surplus fields ${JSON.stringify(surplus)} are not loaded`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, header, records, problems, locate };
}
