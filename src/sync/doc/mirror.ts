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
  /** The keys its table's mirror indexed it under (TableMirror's own). */
  indexedFull?: string;
  indexedList?: string;
}

/** A row's value of a key column, from its identity and places. */
export function keyValue(layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>, column: string): string {
  const i = layout.identity.indexOf(column);
  if (i >= 0) return row.identity[i] ?? '';
  return row.positions[layout.positions.indexOf(column)] ?? '';
}

/**
 * Where each key column's value is, per layout (in the identity or in the places, at which
 * index): a table's mirror keys every row, so these look-ups are made once, not per row.
 */
const KEY_PLAN = new WeakMap<TableLayout, { full: [boolean, number][]; list: [boolean, number][] }>();
function keyPlan(layout: TableLayout) {
  let plan = KEY_PLAN.get(layout);
  if (!plan) {
    const at = (c: string): [boolean, number] => (layout.identity.includes(c) ? [true, layout.identity.indexOf(c)] : [false, layout.positions.indexOf(c)]);
    const last = layout.positions[layout.positions.length - 1];
    plan = { full: layout.key.map(at), list: layout.key.filter((c) => c !== last).map(at) };
    KEY_PLAN.set(layout, plan);
  }
  return plan;
}
const keyString = (plan: readonly [boolean, number][], row: Pick<MirrorRow, 'identity' | 'positions'>): string => {
  const values: string[] = new Array(plan.length);
  for (let i = 0; i < plan.length; i++) {
    const [inIdentity, at] = plan[i];
    values[i] = (inIdentity ? row.identity[at] : row.positions[at]) ?? '';
  }
  return JSON.stringify(values);
};

/** The full primary key of a row, as one string. */
export const fullKey = (layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>): string => keyString(keyPlan(layout).full, row);

/** The list a row's last place is a place in: every other key column's value. */
export const listKey = (layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>): string => keyString(keyPlan(layout).list, row);

export class TableMirror {
  readonly rows = new Map<string, MirrorRow>();
  private readonly byFullKey = new Map<string, string>();
  /**
   * Rows by list: one row key (most lists: a cell's one period, its citations 1, 2, …), or a
   * set of them. Made on first use, then kept: joining a matrix of 300,000 rows needs none
   * of it unless two rows share a full key (see `collided`).
   */
  private lists: Map<string, string | Set<string>> | undefined;
  /** Full keys that more than one row has had (only such rows can need a new place). */
  private readonly collided = new Set<string>();

  constructor(readonly layout: TableLayout) {}

  add(row: MirrorRow): void {
    if (this.rows.size && this.rows.has(row.rowKey)) this.remove(row.rowKey);
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
    row.indexedFull = full;
    // The first row with a key keeps it (as the loader's "the first is used").
    if (!this.byFullKey.has(full)) this.byFullKey.set(full, row.rowKey);
    else if (this.layout.keyHasRowId) this.collided.add(full);
    if (this.lists) this.listAdd(this.lists, row);
  }

  private listAdd(lists: Map<string, string | Set<string>>, row: MirrorRow): void {
    if (!this.layout.keyHasRowId) return;
    const list = listKey(this.layout, row);
    row.indexedList = list;
    const there = lists.get(list);
    if (there === undefined) lists.set(list, row.rowKey);
    else if (typeof there === 'string') {
      if (there !== row.rowKey) lists.set(list, new Set([there, row.rowKey]));
    } else there.add(row.rowKey);
  }

  private listsNow(): Map<string, string | Set<string>> {
    if (!this.lists) {
      const lists = new Map<string, string | Set<string>>();
      for (const row of this.rows.values()) this.listAdd(lists, row);
      this.lists = lists;
    }
    return this.lists;
  }

  private unindex(row: MirrorRow): void {
    // The keys it was indexed under (its places may have changed since).
    const full = row.indexedFull ?? fullKey(this.layout, row);
    if (this.byFullKey.get(full) === row.rowKey) {
      this.byFullKey.delete(full);
      // Another row with the same key (a duplicate waiting to be resolved) takes it.
      if (this.layout.keyHasRowId && this.collided.has(full)) {
        for (const other of this.listRowKeys(row.indexedList ?? listKey(this.layout, row))) {
          const o = this.rows.get(other);
          if (o && other !== row.rowKey && o.indexedFull === full) {
            this.byFullKey.set(full, other);
            break;
          }
        }
      }
    }
    if (this.lists && this.layout.keyHasRowId) {
      const list = row.indexedList ?? listKey(this.layout, row);
      const there = this.lists.get(list);
      if (there === row.rowKey) this.lists.delete(list);
      else if (there instanceof Set) {
        there.delete(row.rowKey);
        if (there.size === 1) this.lists.set(list, there.values().next().value!);
        else if (there.size === 0) this.lists.delete(list);
      }
    }
  }

  private listRowKeys(list: string): Iterable<string> {
    const there = this.listsNow().get(list);
    return there === undefined ? [] : typeof there === 'string' ? [there] : there;
  }

  /** The row with this full primary key (the first one, when duplicated). */
  byKey(full: string): MirrorRow | undefined {
    const rowKey = this.byFullKey.get(full);
    return rowKey === undefined ? undefined : this.rows.get(rowKey);
  }

  /** The rows of a list (same key but the last place). */
  list(key: string): MirrorRow[] {
    return [...this.listRowKeys(key)].map((k) => this.rows.get(k)!).filter(Boolean);
  }

  /** Every list that has a row. */
  listKeys(): IterableIterator<string> {
    return this.listsNow().keys();
  }

  /** Every list that may hold a place twice: lists of more than one row, when two rows ever shared a full key. */
  *crowdedLists(): IterableIterator<string> {
    if (this.collided.size === 0) return;
    for (const [key, there] of this.listsNow()) if (typeof there !== 'string') yield key;
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
    return { rowKey, rowId, identity: identityOf(LAYOUTS[table], rowKey), positions, object: undefined, record: undefined, indexedFull: undefined, indexedList: undefined };
  }

  attach(row: MirrorRow, object: RowObject): void {
    row.object = object;
    this.byObject.set(object, row);
  }

  of(object: object): MirrorRow | undefined {
    return this.byObject.get(object);
  }
}
