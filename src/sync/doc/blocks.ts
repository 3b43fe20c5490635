/**
 * A block: rows of one table that share the first column of their key, as one string: a
 * JSON line (each row's key, id, places in a list, and record length), then the records
 * (each a canonical CSV line of the row's fields in the document's column order).
 */
import { csvLine } from '../../model/format/csv/write-csv.ts';

export interface BlockRow {
  readonly rowKey: string;
  readonly rowId: string;
  /** Values of the key's place columns (a citation's seq), in the layout's order. */
  readonly positions: readonly string[];
  /** The CSV line of the row's fields. */
  readonly record: string;
}

interface Head {
  k: string[];
  r: string[];
  p: string[][];
  n: number[];
}

/** The string of a block of rows, given each row's fields. */
export function writeBlock(rows: readonly { rowKey: string; rowId: string; positions: readonly string[]; fields: readonly string[] }[]): string {
  const head: Head = { k: [], r: [], p: [], n: [] };
  const records: string[] = [];
  for (const row of rows) {
    const record = csvLine(row.fields);
    head.k.push(row.rowKey);
    head.r.push(row.rowId);
    head.p.push([...row.positions]);
    head.n.push(record.length);
    records.push(record);
  }
  return JSON.stringify(head) + '\n' + records.join('\n');
}

/** A block's head and where its records start; throws, saying so, for a head our writer does not make. */
function headOf(block: string): { head: Head; at: number } {
  const at = block.indexOf('\n');
  let head: Head;
  try {
    head = JSON.parse(at < 0 ? block : block.slice(0, at)) as Head;
  } catch {
    throw new Error('not a block of rows: its first line is not JSON');
  }
  if (!head || typeof head !== 'object' || !Array.isArray(head.k) || !Array.isArray(head.r) || !Array.isArray(head.n) || (head.p !== undefined && !Array.isArray(head.p))) {
    throw new Error('not a block of rows: its first line does not list its rows');
  }
  const count = head.k.length;
  if (head.r.length !== count || head.n.length !== count || (head.p && head.p.length !== count)) throw new Error('not a block of rows: its lists of keys, ids, places and lengths differ in length');
  return { head, at };
}

/** What is wrong with row `i` of a head (its key, id, places, record length), or undefined. */
function rowProblem(head: Head, i: number): string | undefined {
  if (typeof head.k[i] !== 'string' || typeof head.r[i] !== 'string') return `not a block of rows: row ${i + 1}: a key or id that is not text`;
  const places = head.p?.[i];
  if (places !== undefined && !(Array.isArray(places) && places.every((x) => typeof x === 'string'))) return `not a block of rows: row ${i + 1}: places that are not a list of texts`;
  const n = head.n[i];
  if (!Number.isSafeInteger(n) || n < 0) return `not a block of rows: row ${i + 1}: a record length that is not a count`;
  return undefined;
}

const checkRow = (head: Head, i: number): void => {
  const problem = rowProblem(head, i);
  if (problem) throw new Error(problem);
};

/**
 * What is wrong with a block as a client could send it, or undefined for one our writer could
 * make: its head lists each row's key, id, places and record length, and those lengths cut
 * its records exactly. (The team server refuses any other: message-check.ts.)
 */
export function blockProblem(block: string): string | undefined {
  let head: Head;
  let at: number;
  try {
    ({ head, at } = headOf(block));
  } catch (e) {
    return (e as Error).message;
  }
  const count = head.k.length;
  let offset = at + 1;
  for (let i = 0; i < count; i++) {
    const problem = rowProblem(head, i);
    if (problem) return problem;
    const end = offset + head.n[i];
    if (at < 0 || (i === count - 1 ? end !== block.length : !(end < block.length && block.charCodeAt(end) === 10))) return `not a block of rows: row ${i + 1}: its length does not end at the end of a record`;
    offset = end + 1;
  }
  if (count === 0 && at >= 0 && at !== block.length - 1) return 'not a block of rows: records that its first line does not list';
  return undefined;
}

/** The rows of a block string (records are cut by their lengths, not parsed). */
export function readBlock(block: string): BlockRow[] {
  const { head, at } = headOf(block);
  const rows: BlockRow[] = new Array(head.k.length);
  let offset = at + 1;
  for (let i = 0; i < head.k.length; i++) {
    checkRow(head, i);
    const n = head.n[i];
    rows[i] = { rowKey: head.k[i], rowId: head.r[i], positions: head.p?.[i] ?? [], record: block.slice(offset, offset + n) };
    offset += n + 1;
  }
  return rows;
}

/**
 * Visit a block's rows as readBlock reads them, without an object per row (a join reads
 * 300,000). Returns the block's records as one string when they are exactly its records
 * joined with line breaks (every length in range, a line break after each but the last),
 * so that a reader can take the block's text whole; otherwise undefined.
 */
export function eachBlockRow(block: string, visit: (rowKey: string, rowId: string, positions: readonly string[], record: string) => void): string | undefined {
  const { head, at } = headOf(block);
  const count = head.k.length;
  let whole = at >= 0 && count > 0;
  let offset = at + 1;
  for (let i = 0; i < count; i++) {
    checkRow(head, i);
    const n = head.n[i];
    const end = offset + n;
    visit(head.k[i], head.r[i], head.p?.[i] ?? [], block.slice(offset, end));
    if (whole && !(i === count - 1 ? end === block.length : end < block.length && block.charCodeAt(end) === 10)) whole = false;
    offset = end + 1;
  }
  return whole ? block.slice(at + 1) : undefined;
}
