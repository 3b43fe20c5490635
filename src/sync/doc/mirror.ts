/**
 * What a client knows of the document's rows, kept beside the store: each row's key, id and
 * places (a citation's seq), the row object the store holds for it, and the look-ups that
 * translating between the two needs (row by object, by full primary key, rows of a list).
 */
import { TABLE_NAMES, type TableName } from '../../model/types.ts';
import { LAYOUTS, identityOf, type TableLayout } from './layout.ts';
import type { RowObject } from './table-rows.ts';

export interface MirrorRow {
  readonly rowKey: string;
  readonly rowId: string;
  readonly identity: readonly string[];
  /** Values of the key's place columns, in the layout's order. */
  positions: readonly string[];
  /** The store's object for this row (set once the store holds it). */
  object?: RowObject;
  /** The row's fields as the store has them, as a CSV line in the document's column order (tells a change at once). */
  record?: string;
}

/** A row's value of a key column, from its identity and places. */
export function keyValue(layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>, column: string): string {
  const i = layout.identity.indexOf(column);
  if (i >= 0) return row.identity[i] ?? '';
  return row.positions[layout.positions.indexOf(column)] ?? '';
}

/** The full primary key of a row, as one string. */
export const fullKey = (layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>): string =>
  JSON.stringify(layout.key.map((c) => keyValue(layout, row, c)));

/** The list a row's last place is a place in: every other key column's value. */
export function listKey(layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>): string {
  const last = layout.positions[layout.positions.length - 1];
  return JSON.stringify(layout.key.filter((c) => c !== last).map((c) => keyValue(layout, row, c)));
}

export class TableMirror {
  readonly rows = new Map<string, MirrorRow>();
  private readonly byFullKey = new Map<string, string>();
  private readonly lists = new Map<string, Set<string>>();

  constructor(readonly layout: TableLayout) {}

  add(row: MirrorRow): void {
    this.remove(row.rowKey);
    this.rows.set(row.rowKey, row);
    this.index(row);
  }

  remove(rowKey: string): MirrorRow | undefined {
    const row = this.rows.get(rowKey);
    if (!row) return undefined;
    this.rows.delete(rowKey);
    this.unindex(row);
    return row;
  }

  /** Give a row new places. */
  move(row: MirrorRow, positions: readonly string[]): void {
    this.unindex(row);
    row.positions = positions;
    this.index(row);
  }

  private index(row: MirrorRow): void {
    const full = fullKey(this.layout, row);
    // The first row with a key keeps it (as the loader's "the first is used").
    if (!this.byFullKey.has(full)) this.byFullKey.set(full, row.rowKey);
    if (this.layout.keyHasRowId) {
      const list = listKey(this.layout, row);
      let set = this.lists.get(list);
      if (!set) this.lists.set(list, (set = new Set()));
      set.add(row.rowKey);
    }
  }

  private unindex(row: MirrorRow): void {
    const full = fullKey(this.layout, row);
    if (this.byFullKey.get(full) === row.rowKey) {
      this.byFullKey.delete(full);
      // Another row with the same key (a duplicate waiting to be resolved) takes it.
      if (this.layout.keyHasRowId) {
        for (const other of this.lists.get(listKey(this.layout, row)) ?? []) {
          const o = this.rows.get(other);
          if (o && other !== row.rowKey && fullKey(this.layout, o) === full) {
            this.byFullKey.set(full, other);
            break;
          }
        }
      }
    }
    if (this.layout.keyHasRowId) {
      const list = listKey(this.layout, row);
      const set = this.lists.get(list);
      set?.delete(row.rowKey);
      if (set?.size === 0) this.lists.delete(list);
    }
  }

  /** The row with this full primary key (the first one, when duplicated). */
  byKey(full: string): MirrorRow | undefined {
    const rowKey = this.byFullKey.get(full);
    return rowKey === undefined ? undefined : this.rows.get(rowKey);
  }

  /** The rows of a list (same key but the last place). */
  list(key: string): MirrorRow[] {
    return [...(this.lists.get(key) ?? [])].map((k) => this.rows.get(k)!).filter(Boolean);
  }

  /** Every list that has a row. */
  listKeys(): IterableIterator<string> {
    return this.lists.keys();
  }
}

export class DocMirror {
  readonly tables: Readonly<Record<TableName, TableMirror>>;
  private readonly byObject = new WeakMap<object, MirrorRow>();

  constructor() {
    this.tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, new TableMirror(LAYOUTS[t])])) as Record<TableName, TableMirror>;
  }

  /** A mirror row for a row of the document. */
  static row(table: TableName, rowKey: string, rowId: string, positions: readonly string[]): MirrorRow {
    return { rowKey, rowId, identity: identityOf(LAYOUTS[table], rowKey), positions };
  }

  attach(row: MirrorRow, object: RowObject): void {
    row.object = object;
    this.byObject.set(object, row);
  }

  of(object: object): MirrorRow | undefined {
    return this.byObject.get(object);
  }
}
