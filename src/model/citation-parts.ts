/**
 * Reading citations.csv in two parts at once (in two workers: see src/worker/part-job.ts).
 * The file is by far the largest of a matrix, and parsing and validating it is most of a
 * load; a second core halves that.
 *
 * Each part is read as a file of its own: the file's header, then its rows. The parts are
 * joined only when neither has a problem beyond the header's and no (cell, seq) repeats: the
 * whole file then gives the same citations and the same problems. Otherwise the file is read
 * whole, so that every problem is found, with its line and column, as without parts.
 */
import { citationKey } from './citation-keys.ts';
import { readCitations, type CitationLookup } from './load.ts';
import { TABLES } from './schema.ts';
import { readTable, type Table } from './table.ts';
import type { Citation, Problem } from './types.ts';

/** Where to cut citations.csv (bytes): the header ends at `headerEnd`, the second part's rows start at `split`. */
export interface SplitPlan {
  headerEnd: number;
  split: number;
}

/** Share of the rows the first part gets: the worker reading it has more to do besides (the other tables, handing over). */
export const FIRST_PART_SHARE = 0.45;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Where to cut the bytes of citations.csv into two parts (at a row's start, about
 * `FIRST_PART_SHARE` of the way), or undefined when the file is not to be read in parts:
 * shorter than `minBytes`; with a NUL byte (binary, or UTF-16: decodeText decides); with a
 * carriage return (papaparse would guess each part's line break on its own: see parseCsv);
 * with a quote in the header, or no header.
 *
 * A line break with an even number of quotes before it is taken as outside quotes. A quote
 * inside an unquoted field can mislead that count; the first part then ends inside a quoted
 * field, papaparse reports the quote unclosed, the part is not clean and the file is read whole.
 * The bytes are UTF-8 (or the parts are not clean): a line break or a quote is one byte, never
 * part of a longer character.
 */
export function splitPlan(bytes: Uint8Array, minBytes: number): SplitPlan | undefined {
  if (bytes.length < minBytes || bytes.indexOf(0) >= 0 || bytes.indexOf(CR) >= 0) return undefined;
  const headerEnd = bytes.indexOf(LF) + 1;
  if (headerEnd === 0) return undefined;
  const header = bytes.subarray(0, headerEnd);
  if (header.indexOf(QUOTE) >= 0 || !header.some((b) => b > 32 && b < 127)) return undefined;
  let quotes = 0;
  let quote = bytes.indexOf(QUOTE, headerEnd);
  let lineEnd = bytes.indexOf(LF, headerEnd + Math.floor((bytes.length - headerEnd) * FIRST_PART_SHARE));
  while (lineEnd >= 0) {
    while (quote >= 0 && quote < lineEnd) {
      quotes++;
      quote = bytes.indexOf(QUOTE, quote + 1);
    }
    if ((quotes & 1) === 0) break;
    lineEnd = bytes.indexOf(LF, lineEnd + 1);
  }
  if (lineEnd < 0 || lineEnd + 1 >= bytes.length) return undefined;
  return { headerEnd, split: lineEnd + 1 };
}

/** The bytes of each part: the first part's rows, after the header (a view), and the header and then the second part's rows (a copy). */
export function partBytes(bytes: Uint8Array, { headerEnd, split }: SplitPlan): [Uint8Array, Uint8Array] {
  const second = new Uint8Array(headerEnd + bytes.length - split);
  second.set(bytes.subarray(0, headerEnd));
  second.set(bytes.subarray(split), headerEnd);
  return [bytes.subarray(0, split), second];
}

/** A part's text, as decodeText reads valid UTF-8 (a byte-order mark dropped), or undefined when it is not valid UTF-8 (the file is then read whole). */
export function partText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export interface CitationsPart {
  table: Table;
  citations: Citation[];
  /** Every problem of the part (when clean: the header's, as the whole file has them). */
  problems: Problem[];
  /** Each citation's (cell, seq) as a number (`citationKey`; -1: none, and the parts are then not joined). */
  keys: Float64Array;
  /** No problem beyond the header's. */
  clean: boolean;
}

const sameProblem = (a: Problem, b: Problem) => a.line === b.line && a.column === b.column && a.message === b.message && a.severity === b.severity;

/** Read and validate one part (`text`: the header, then rows; `header`: the header's text). */
export function readCitationsPart(text: string, header: string, lookup: CitationLookup): CitationsPart {
  const headerProblems: Problem[] = [];
  readTable(TABLES.citations, header, headerProblems);
  const problems: Problem[] = [];
  const table = readTable(TABLES.citations, text, problems);
  const { citations, pairs } = readCitations(table, lookup);
  const keys = new Float64Array(citations.length);
  for (let i = 0; i < citations.length; i++) keys[i] = citationKey(pairs[i], citations[i].seq);
  const clean = problems.length === headerProblems.length && problems.every((p, i) => sameProblem(p, headerProblems[i]));
  return { table, citations, problems, keys, clean };
}
