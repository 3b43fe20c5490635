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
import { citationKey, readCitations, type CitationLookup } from './load.ts';
import { TABLES } from './schema.ts';
import { readTable, type Table } from './table.ts';
import type { Citation, Problem } from './types.ts';

/** Where to cut the text of citations.csv: the header ends at `headerEnd`, the second part's rows start at `split`. */
export interface SplitPlan {
  headerEnd: number;
  split: number;
}

/**
 * A place near the middle of `text` where a row starts, or undefined when the file is not to
 * be read in parts: shorter than `minChars`; with a carriage return (papaparse would guess
 * each part's line break on its own: see parseCsv); with a quote in the header.
 *
 * A line break with an even number of quotes before it is taken as outside quotes. A quote
 * inside an unquoted field can mislead that count; the first part then ends inside a quoted
 * field, papaparse reports the quote unclosed, the part is not clean and the file is read whole.
 */
export function splitPlan(text: string, minChars: number): SplitPlan | undefined {
  if (text.length < minChars || text.indexOf('\r') >= 0) return undefined;
  const headerEnd = text.indexOf('\n') + 1;
  if (headerEnd === 0) return undefined;
  const header = text.slice(0, headerEnd);
  if (header.includes('"') || header.trim() === '') return undefined;
  let quotes = 0;
  let quote = text.indexOf('"', headerEnd);
  let lineEnd = text.indexOf('\n', headerEnd + ((text.length - headerEnd) >> 1));
  while (lineEnd >= 0) {
    while (quote >= 0 && quote < lineEnd) {
      quotes++;
      quote = text.indexOf('"', quote + 1);
    }
    if ((quotes & 1) === 0) break;
    lineEnd = text.indexOf('\n', lineEnd + 1);
  }
  if (lineEnd < 0 || lineEnd + 1 >= text.length) return undefined;
  return { headerEnd, split: lineEnd + 1 };
}

/** The text of each part (the header, then its rows). */
export function partTexts(text: string, { headerEnd, split }: SplitPlan): [string, string] {
  return [text.slice(0, split), text.slice(0, headerEnd) + text.slice(split)];
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

/** Read and validate one part (`text`: the header, ending at `headerEnd`, then rows). */
export function readCitationsPart(text: string, headerEnd: number, lookup: CitationLookup): CitationsPart {
  const headerProblems: Problem[] = [];
  readTable(TABLES.citations, text.slice(0, headerEnd), headerProblems);
  const problems: Problem[] = [];
  const table = readTable(TABLES.citations, text, problems);
  const { citations, pairs } = readCitations(table, lookup);
  const keys = new Float64Array(citations.length);
  for (let i = 0; i < citations.length; i++) keys[i] = citationKey(pairs[i], citations[i].seq);
  const clean = problems.length === headerProblems.length && problems.every((p, i) => sameProblem(p, headerProblems[i]));
  return { table, citations, problems, keys, clean };
}

/** Whether parts with these citation keys join: every key a number, and none twice. */
export function partsJoin(parts: readonly Float64Array[]): boolean {
  let largest = -1;
  for (const keys of parts) {
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] < 0) return false;
      if (keys[i] > largest) largest = keys[i];
    }
  }
  // A bit per possible key (a megabyte for 8 million keys), else a set.
  const bits = largest < 1 << 27 ? new Uint8Array((largest >> 3) + 1) : undefined;
  const seen = bits ? undefined : new Set<number>();
  for (const keys of parts) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (bits) {
        const mask = 1 << (key & 7);
        if (bits[key >> 3] & mask) return false;
        bits[key >> 3] |= mask;
      } else {
        if (seen!.has(key)) return false;
        seen!.add(key);
      }
    }
  }
  return true;
}
