/**
 * Reading and writing a matrix's rows in its shared document (layout.ts): a row as it stands
 * is its block's record, or the record it was made with since, with its edited fields on top.
 */
import * as Y from 'yjs';
import { parseCsvRecord } from '../../model/format/csv/parse-csv.ts';
import { csvLine } from '../../model/format/csv/write-csv.ts';
import type { TableName } from '../../model/types.ts';
import { readBlock, type BlockRow } from './blocks.ts';
import { FILES, LAYOUTS, META, SEP, blockOf, blocksName, fieldKey, fieldsName, identityOf, rowsName, type TableLayout } from './layout.ts';

/** A row as it stands in the document. */
export interface DocRow {
  readonly rowKey: string;
  readonly rowId: string;
  /** Its fields, in the document's column order for the table. */
  readonly fields: string[];
}

/** The fields of a CSV line (formula-unguarded, as the loader reads them). */
export function parseRecord(record: string): string[] {
  return parseCsvRecord(record);
}

export const columnsKey = (table: TableName): string => `columns:${table}`;

const withIndex = (entry: { rows: BlockRow[]; index?: Map<string, number> }) => ({
  rows: entry.rows,
  get index(): Map<string, number> {
    return (entry.index ??= new Map(entry.rows.map((r, i) => [r.rowKey, i])));
  },
});

/** Block ids and rows of a table, read once per block string. */
class BlockCache {
  private readonly parsed = new Map<string, { text: string; rows: BlockRow[]; index?: Map<string, number> }>();

  /** A block's rows, and where each is by row key (made when first asked for: a join reads every block but looks up none). */
  get(blocks: Y.Map<string>, block: string): { rows: BlockRow[]; readonly index: Map<string, number> } | undefined {
    const text = blocks.get(block);
    if (text === undefined) {
      this.parsed.delete(block);
      return undefined;
    }
    const cached = this.parsed.get(block);
    if (cached && cached.text === text) return withIndex(cached);
    const entry: { text: string; rows: BlockRow[]; index?: Map<string, number> } = { text, rows: readBlock(text) };
    this.parsed.set(block, entry);
    return withIndex(entry);
  }

  forget(block: string): void {
    this.parsed.delete(block);
  }
}

export class DocRows {
  readonly meta: Y.Map<unknown>;
  readonly history: Y.Array<unknown>;
  private readonly caches = new Map<TableName, BlockCache>();

  constructor(readonly doc: Y.Doc) {
    this.meta = doc.getMap(META);
    this.history = doc.getArray('history');
  }

  /**
   * Files of sources added (or given a new version) since the folder was read: texts, originals
   * and maps, by their path relative to the matrix folder (text or bytes). The server writes
   * them into the folder; a client reads a source's files here before asking the server.
   */
  get files(): Y.Map<string | Uint8Array> {
    return this.doc.getMap<string | Uint8Array>(FILES);
  }

  blocks(table: TableName): Y.Map<string> {
    return this.doc.getMap<string>(blocksName(table));
  }

  rows(table: TableName): Y.Map<string> {
    return this.doc.getMap<string>(rowsName(table));
  }

  fields(table: TableName): Y.Map<string> {
    return this.doc.getMap<string>(fieldsName(table));
  }

  /** The table's columns in the document (the order of every record's fields). */
  header(table: TableName): string[] {
    const json = this.meta.get(columnsKey(table));
    return typeof json === 'string' ? (JSON.parse(json) as string[]) : [];
  }

  private cache(table: TableName): BlockCache {
    let cache = this.caches.get(table);
    if (!cache) this.caches.set(table, (cache = new BlockCache()));
    return cache;
  }

  /** The rows of one block (as written: without later edits). */
  blockRows(table: TableName, block: string): readonly BlockRow[] {
    return this.cache(table).get(this.blocks(table), block)?.rows ?? [];
  }

  /** A row as first written: its block's record or the record it was made with; undefined when removed or never there. */
  private baseRow(layout: TableLayout, rowKey: string): { rowId: string; fields: string[] } | undefined {
    const made = this.rows(layout.name).get(rowKey);
    if (made !== undefined) {
      if (made === '') return undefined;
      const [rowId, ...fields] = parseRecord(made);
      return { rowId, fields };
    }
    const block = this.cache(layout.name).get(this.blocks(layout.name), blockOf(identityOf(layout, rowKey)));
    const i = block?.index.get(rowKey);
    if (!block || i === undefined) return undefined;
    const row = block.rows[i];
    return { rowId: row.rowId, fields: parseRecord(row.record) };
  }

  /** A row as it stands (its edited fields applied), or undefined. */
  row(table: TableName, rowKey: string): DocRow | undefined {
    const layout = LAYOUTS[table];
    const base = this.baseRow(layout, rowKey);
    if (!base) return undefined;
    const header = this.header(table);
    const fields = header.map((_, i) => base.fields[i] ?? '');
    this.applyEdits(table, rowKey, base.rowId, header, fields);
    return { rowKey, rowId: base.rowId, fields };
  }

  /** Put the row's edited fields (made for this row id) over `fields`; whether any was. */
  applyEdits(table: TableName, rowKey: string, rowId: string, header: readonly string[], fields: string[]): boolean {
    const edits = this.fields(table);
    // (Y.Map's size counts its entries one by one: the raw map tells "none ever" at once.)
    if ((edits as unknown as { _map: Map<string, unknown> })._map.size === 0) return false;
    let any = false;
    header.forEach((column, i) => {
      const edit = edits.get(fieldKey(rowKey, column));
      if (edit === undefined) return;
      const at = edit.indexOf(SEP);
      if (edit.slice(0, at) !== rowId) return;
      fields[i] = edit.slice(at + 1);
      any = true;
    });
    return any;
  }

  /**
   * Whether a row made since the blocks was removed: marked removed, or made and then taken
   * back (an undo deletes the entry; Yjs keeps the deleted entry, so this tells it from a row
   * that was never there).
   */
  wasRemoved(table: TableName, rowKey: string): boolean {
    const rows = this.rows(table);
    if (rows.get(rowKey) === '') return true;
    const item = (rows as unknown as { _map: Map<string, { deleted: boolean }> })._map.get(rowKey);
    return item !== undefined && item.deleted;
  }

  /** Row keys of removed rows (see wasRemoved). */
  *removedKeys(table: TableName): IterableIterator<string> {
    for (const [key, item] of (this.rows(table) as unknown as { _map: Map<string, { deleted: boolean }> })._map) {
      if (item.deleted || this.rows(table).get(key) === '') yield key;
    }
  }

  /** Whether any row of the table was removed (see wasRemoved). */
  hasRemoved(table: TableName): boolean {
    for (const _ of this.removedKeys(table)) return true;
    return false;
  }

  /** Make a row (in a transaction of the caller's). */
  makeRow(table: TableName, rowKey: string, rowId: string, fields: readonly string[]): void {
    this.rows(table).set(rowKey, csvLine([rowId, ...fields]));
  }

  /** Remove a row and the edits of its fields. */
  removeRow(table: TableName, rowKey: string): void {
    this.rows(table).set(rowKey, '');
    const edits = this.fields(table);
    for (const column of this.header(table)) {
      const key = fieldKey(rowKey, column);
      if (edits.has(key)) edits.delete(key);
    }
  }

  /** Set one field of a row. */
  setField(table: TableName, rowKey: string, rowId: string, column: string, value: string): void {
    this.fields(table).set(fieldKey(rowKey, column), rowId + SEP + value);
  }
}
