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

/** The rows of a block string (records are cut by their lengths, not parsed). */
export function readBlock(block: string): BlockRow[] {
  const at = block.indexOf('\n');
  const head = JSON.parse(at < 0 ? block : block.slice(0, at)) as Head;
  const rows: BlockRow[] = new Array(head.k.length);
  let offset = at + 1;
  for (let i = 0; i < head.k.length; i++) {
    const n = head.n[i];
    rows[i] = { rowKey: head.k[i], rowId: head.r[i], positions: head.p[i] ?? [], record: block.slice(offset, offset + n) };
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
  const at = block.indexOf('\n');
  const head = JSON.parse(at < 0 ? block : block.slice(0, at)) as Head;
  const count = head.k.length;
  let whole = at >= 0 && count > 0;
  let offset = at + 1;
  for (let i = 0; i < count; i++) {
    const n = head.n[i];
    const end = offset + n;
    visit(head.k[i], head.r[i], head.p[i] ?? [], block.slice(offset, end));
    if (whole && !(Number.isSafeInteger(n) && n >= 0 && (i === count - 1 ? end === block.length : end < block.length && block.charCodeAt(end) === 10))) whole = false;
    offset = end + 1;
  }
  return whole ? block.slice(at + 1) : undefined;
}
