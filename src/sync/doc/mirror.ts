/**
 * What a client knows of the document's rows, kept beside the store: each row's key, id and
 * places (a citation's seq), the row object the store holds for it, and the look-ups that
 * translating between the two needs (row by object, by full primary key, rows of a list).
 */
import { TABLE_NAMES, type TableName } from '../../model/types.ts';
import type { BlockFeed } from './block-feed.ts';
import { LAYOUTS, identityOf, type TableLayout } from './layout.ts';
import type { RowObject } from './table-rows.ts';

/**
 * A row of the document as this client knows it. Its identity (the key's values other than
 * places) is read from its row key when first asked for: a join makes one per row (300,000
 * for the largest matrix), and most are never asked.
 */
export class MirrorRow {
  /** The store's object for this row (set once the store holds it). */
  object: RowObject | undefined = undefined;
  /** The row's fields as the store has them, as a CSV line in the document's column order (tells a change at once). */
  record: string | undefined = undefined;
  /** The keys its table's mirror indexed it under (TableMirror's own). */
  indexedFull: string | undefined = undefined;
  indexedList: string | undefined = undefined;
  private identityValues: readonly string[] | undefined = undefined;

  constructor(
    readonly layout: TableLayout,
    readonly rowKey: string,
    readonly rowId: string,
    /** Values of the key's place columns, in the layout's order. */
    public positions: readonly string[],
  ) {}

  get identity(): readonly string[] {
    return (this.identityValues ??= identityOf(this.layout, this.rowKey));
  }
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

/**
 * Per layout whose key is its identity, then its places (every table's with places is): the
 * identity part of a row key as JSON.stringify writes it when no value needs an escape,
 * `["a","b",` (see quickFullKey); null for other layouts.
 */
const PLAIN_PREFIX = new WeakMap<TableLayout, RegExp | null>();
function plainPrefix(layout: TableLayout): RegExp | null {
  let pattern = PLAIN_PREFIX.get(layout);
  if (pattern === undefined) {
    const ordered = layout.keyHasRowId && layout.key.every((c, i) => c === (i < layout.identity.length ? layout.identity[i] : layout.positions[i - layout.identity.length]));
    pattern = ordered ? new RegExp(`^\\[(?:"[^"\\\\\\u0000-\\u001f\\ud800-\\udfff]*",){${layout.identity.length}}$`) : null;
    PLAIN_PREFIX.set(layout, pattern);
  }
  return pattern;
}

/**
 * The full key of a row whose row key holds its id, cut from the row key instead of parsed:
 * `["d","j","id"]` with places `["1","3"]` is `["d","j","1","3"]`, what JSON.stringify of the
 * values gives, when the identity part is plain JSON of as many values as the layout's
 * identity (checked; anything else takes the general way).
 */
function quickFullKey(layout: TableLayout, row: Pick<MirrorRow, 'rowKey' | 'rowId' | 'positions'>): string | undefined {
  const pattern = plainPrefix(layout);
  if (!pattern || row.positions.length !== layout.positions.length) return undefined;
  const { rowKey, rowId } = row;
  // The row key ends with the row id as its last value: `"<id>"]`.
  const idAt = rowKey.length - rowId.length - 3;
  if (idAt < 1 || rowKey.charCodeAt(idAt) !== 34 || !rowKey.endsWith('"]') || rowKey.slice(idAt + 1, rowKey.length - 2) !== rowId || /["\\\u0000-\u001f]/.test(rowId)) return undefined;
  const prefix = rowKey.slice(0, idAt);
  if (!pattern.test(prefix)) return undefined;
  return prefix + JSON.stringify(row.positions).slice(1);
}

/** The full primary key of a row, as one string. */
export const fullKey = (layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'> & Partial<Pick<MirrorRow, 'rowKey' | 'rowId'>>): string =>
  (row.rowKey !== undefined && row.rowId !== undefined ? quickFullKey(layout, row as Pick<MirrorRow, 'rowKey' | 'rowId' | 'positions'>) : undefined) ?? keyString(keyPlan(layout).full, row);

/** The list a row's last place is a place in: every other key column's value. */
export const listKey = (layout: TableLayout, row: Pick<MirrorRow, 'identity' | 'positions'>): string => keyString(keyPlan(layout).list, row);

export class TableMirror {
  private readonly rowMap = new Map<string, MirrorRow>();
  /**
   * Rows taken in bulk (`addLater`: a join) and not indexed yet: indexed before anything
   * asks the table, or a slice at a time meanwhile (`indexSome`). A join shows the matrix
   * without waiting for 300,000 rows to be indexed twice.
   */
  private later: MirrorRow[] = [];
  private laterAt = 0;
  /**
   * The rows of a join, still to be made from the document's blocks (block-feed.ts):
   * made into `later` as they are needed, then indexed like rows taken in bulk.
   */
  private feed: BlockFeed | undefined;
  private indexing = false;
  private readonly byFullKey = new Map<string, string>();
  /**
   * Rows by list: one row key (most lists: a cell's one period, its citations 1, 2, …), or a
   * set of them. Made on first use, then kept: joining a matrix of 300,000 rows needs none
   * of it unless two rows share a full key (see `collided`).
   */
  private lists: Map<string, string | Set<string>> | undefined;
  /**
   * The lists being made a slice at a time (`indexSome`, after the rows taken in bulk), by
   * going through the rows in order: anything that reads or changes the table first makes
   * the rest at once, so nothing sees them half made.
   */
  private listing: { lists: Map<string, string | Set<string>>; rows: IterableIterator<MirrorRow> } | undefined;
  /** Full keys that more than one row has had (only such rows can need a new place). */
  private readonly collided = new Set<string>();

  constructor(readonly layout: TableLayout) {}

  /** The rows by row key. */
  get rows(): ReadonlyMap<string, MirrorRow> {
    this.indexAll();
    return this.rowMap;
  }

  add(row: MirrorRow): void {
    this.indexAll();
    this.addNow(row);
  }

  private addNow(row: MirrorRow): void {
    if (this.rowMap.size && this.rowMap.has(row.rowKey)) this.removeNow(row.rowKey);
    this.rowMap.set(row.rowKey, row);
    this.index(row);
  }

  /**
   * Add rows to an empty table, indexed later: rows whose row keys are all different and
   * whose full keys are all different (the caller has checked: see convert.ts), so that
   * indexing them finds no rows sharing a key and `crowdedLists` need not wait for it.
   */
  addLater(rows: MirrorRow[]): void {
    if (this.rowMap.size || this.later.length || this.feed) throw new Error('addLater: the table is not empty');
    this.later = rows;
    this.laterAt = 0;
  }

  /** Add the rows a feed will make, to an empty table, indexed later (as addLater; the feed checks what addLater's caller would). */
  addFed(feed: BlockFeed): void {
    if (this.rowMap.size || this.later.length || this.feed) throw new Error('addFed: the table is not empty');
    this.feed = feed;
  }

  /** Make rows from the feed until at least `n` wait to be indexed, or it has none left. */
  make(n: number): void {
    while (this.feed && this.later.length - this.laterAt < n) {
      const rows = this.feed.take();
      if (!rows) {
        this.feed = undefined;
        break;
      }
      if (this.laterAt > 0 && this.laterAt === this.later.length) {
        this.later = [];
        this.laterAt = 0;
      }
      for (const row of rows) this.later.push(row);
    }
  }

  /** Whether the rows by list are still to be made (and can be made a slice at a time). */
  get listsWaiting(): boolean {
    return this.layout.keyHasRowId && !this.lists;
  }

  /** Rows taken in bulk and not indexed yet. */
  get waiting(): number {
    // (A block still to be made counts as one row: it is at least that.)
    return this.later.length - this.laterAt + (this.feed?.left ?? 0);
  }

  /**
   * Index up to `n` rows taken in bulk; whether any are left. With `lists`, once they are
   * all indexed, the rows by list are made too, up to `n` rows a call (the server's first
   * merge asks for them: 300,000 rows in one run otherwise).
   */
  indexSome(n: number, lists = false): boolean {
    if (this.indexing) return true;
    this.make(n);
    if (!this.later.length) return lists && this.listSome(n);
    const end = Math.min(this.later.length, this.laterAt + n);
    this.indexing = true;
    try {
      // One at a time, so that what a row's indexing asks of the table sees the rows before it.
      while (this.laterAt < end) this.addNow(this.later[this.laterAt++]);
    } finally {
      this.indexing = false;
    }
    if (end < this.later.length || this.feed) return true;
    this.later = [];
    this.laterAt = 0;
    return lists && this.listsWaiting;
  }

  /** Make the rows by list of up to `n` rows; whether any are left. */
  private listSome(n: number): boolean {
    if (this.lists || !this.layout.keyHasRowId) return false;
    this.listing ??= { lists: new Map(), rows: this.rowMap.values() };
    const { lists, rows } = this.listing;
    for (; n > 0; n--) {
      const next = rows.next();
      if (next.done) {
        this.listing = undefined;
        this.lists = lists;
        return false;
      }
      this.listAdd(lists, next.value);
    }
    return true;
  }

  private indexAll(): void {
    if (this.later.length || this.feed) this.indexSome(Number.POSITIVE_INFINITY);
    if (this.listing) this.listSome(Number.POSITIVE_INFINITY);
  }

  remove(rowKey: string): MirrorRow | undefined {
    this.indexAll();
    return this.removeNow(rowKey);
  }

  private removeNow(rowKey: string): MirrorRow | undefined {
    const row = this.rowMap.get(rowKey);
    if (!row) return undefined;
    this.rowMap.delete(rowKey);
    this.unindex(row);
    return row;
  }

  /** Give a row new places. */
  move(row: MirrorRow, positions: readonly string[]): void {
    this.indexAll();
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
    this.indexAll();
    if (!this.lists) {
      const lists = new Map<string, string | Set<string>>();
      for (const row of this.rowMap.values()) this.listAdd(lists, row);
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
          const o = this.rowMap.get(other);
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
    this.indexAll();
    const rowKey = this.byFullKey.get(full);
    return rowKey === undefined ? undefined : this.rowMap.get(rowKey);
  }

  /** The rows of a list (same key but the last place). */
  list(key: string): MirrorRow[] {
    return [...this.listRowKeys(key)].map((k) => this.rowMap.get(k)!).filter(Boolean);
  }

  /** Every list that has a row. */
  listKeys(): IterableIterator<string> {
    return this.listsNow().keys();
  }

  /** Every list that may hold a place twice: lists of more than one row, when two rows ever shared a full key. */
  *crowdedLists(): IterableIterator<string> {
    // (Rows waiting to be indexed add no shared key: see addLater.)
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
    return new MirrorRow(LAYOUTS[table], rowKey, rowId, positions);
  }

  /** Rows given their objects in bulk (attachLater), not yet found by object. */
  private unfound: MirrorRow[][] = [];
  /** Tables whose rows a feed makes when needed (a join's big tables: feed). */
  private readonly feeds = new Map<TableName, BlockFeed>();
  private inconsistentListener: (() => void) | undefined = undefined;
  private inconsistent = false;

  /**
   * Called once when a feed's rows are not what the join assumed of them (block-feed.ts):
   * the matrix must be read again from the document. Set after that was found (rows made
   * while the document was read), it is called at once.
   */
  set onInconsistent(listener: (() => void) | undefined) {
    this.inconsistentListener = listener;
    if (this.inconsistent) listener?.();
  }

  /** Rows of a table to be made by a feed when first needed (readMatrixDoc's `defer`); the table must be empty. */
  feed(table: TableName, feed: BlockFeed): void {
    this.tables[table].addFed(feed);
    this.feeds.set(table, feed);
  }

  /** A feed made these rows (given their objects): found by object like rows attached in bulk. */
  madeRows(rows: MirrorRow[]): void {
    this.unfound.push(rows);
  }

  /** A feed's rows are not what the join assumed of them. */
  feedFailed(): void {
    if (this.inconsistent) return;
    this.inconsistent = true;
    this.inconsistentListener?.();
  }

  /** Give the rows a table's feed will make their objects (the i-th row the i-th object). */
  attachFed(table: TableName, objects: readonly RowObject[]): void {
    this.feeds.get(table)?.attach(objects);
  }

  attach(row: MirrorRow, object: RowObject): void {
    row.object = object;
    this.byObject.set(object, row);
  }

  /** Give rows their objects (the i-th row the i-th object), found by object later (see of, indexSome). */
  attachLater(rows: readonly MirrorRow[], objects: readonly RowObject[]): void {
    const list = rows.slice();
    list.forEach((row, i) => (row.object = objects[i]));
    this.unfound.push(list);
  }

  of(object: object): MirrorRow | undefined {
    if (this.feeds.size) {
      for (const table of this.feeds.keys()) this.tables[table].make(Number.POSITIVE_INFINITY);
      this.feeds.clear();
    }
    while (this.findSome(Number.POSITIVE_INFINITY));
    return this.byObject.get(object);
  }

  /** Rows by object for up to `n` rows given theirs in bulk; whether any are left. */
  private findSome(n: number): boolean {
    while (n > 0 && this.unfound.length) {
      const list = this.unfound[this.unfound.length - 1];
      for (; n > 0 && list.length; n--) {
        const row = list.pop()!;
        // Its object now (a merge may have given it another since).
        if (row.object) this.byObject.set(row.object, row);
      }
      if (!list.length) this.unfound.pop();
    }
    return this.unfound.length > 0;
  }

  /**
   * Index up to about `n` rows of what a join took in bulk (rows by key, rows by object);
   * whether any are left. Called a slice at a time after a join, so that the first edit
   * does not wait for it (anything that needs a table's index indexes the rest at once).
   * With `lists`, the tables' rows by list are made afterwards in the same slices (the
   * server: its first merge needs them; a client most often never does).
   */
  indexSome(n: number, lists = false): boolean {
    for (const table of TABLE_NAMES) {
      const tm = this.tables[table];
      const before = tm.waiting;
      if (before && tm.indexSome(n)) return true;
      n -= before;
      if (n <= 0) return this.waiting(lists);
    }
    if (this.findSome(n)) return true;
    if (!lists) return false;
    // The lists: one slice of `n` rows per call (the rows by key and object above take it first).
    for (const table of TABLE_NAMES) if (this.tables[table].indexSome(n, true)) return true;
    return false;
  }

  private waiting(lists = false): boolean {
    return this.unfound.length > 0 || TABLE_NAMES.some((t) => this.tables[t].waiting > 0) || (lists && TABLE_NAMES.some((t) => this.tables[t].listsWaiting));
  }
}
