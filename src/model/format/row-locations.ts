import type { RowLocator, Table } from './table.ts';

/** The tables of a matrix whose rows have locations. */
export type LocatedTable = 'jurisdictions' | 'dimensions' | 'levels' | 'sources' | 'cells' | 'citations' | 'computed';

interface LocatedItems {
  key: LocatedTable;
  items: readonly object[];
  rowAt: (index: number) => RowLocator | undefined;
  /** The table file the items were read from, item `i` from its data row `i` (when loaded from one). */
  file?: Table;
  /** The keys of the table's rows (a row of another shape is not one of its rows). */
  shape: string;
  /** Row index of each item, made on the first look-up by item in this table (or ahead of it: `indexSome`). */
  byItem?: WeakMap<object, number>;
  /** Whether a row has been located once (which makes the file's row and line starts: `indexSome`). */
  located?: boolean;
  /** `byItem` while it is made a slice at a time, and how many items it holds so far. */
  making?: { byItem: WeakMap<object, number>; at: number };
}

/** Make up to `n` more of a table's rows by item; how many were made. */
function makeSome(table: LocatedItems, n: number): number {
  if (table.byItem) return 0;
  const making = (table.making ??= { byItem: new WeakMap(), at: 0 });
  const end = Math.min(table.items.length, making.at + n);
  const start = making.at;
  for (let i = start; i < end; i++) making.byItem.set(table.items[i], i);
  making.at = end;
  if (end === table.items.length) {
    table.byItem = making.byItem;
    table.making = undefined;
  }
  return end - start;
}

/**
 * Where each loaded row came from, found on demand. A map entry per row, made while
 * loading, cost more than parsing the files (a WeakMap entry is slow to add and to collect,
 * and a large matrix has 300,000 rows), and most loads never need a location: only
 * problems do. Rows added later (edits) are set as in any WeakMap.
 */
export class RowLocations extends WeakMap<object, RowLocator> {
  private readonly tables: LocatedItems[] = [];

  /** Items of one table, and where item `index` came from. */
  addTable(key: LocatedTable, items: readonly object[], rowAt: (index: number) => RowLocator | undefined): void {
    if (items.length === 0) return;
    this.tables.push({ key, items, rowAt, shape: Object.keys(items[0]).join() });
  }

  /** Items read from a table file in its order: item `i` from data row `i`. */
  addFile(key: LocatedTable, items: readonly object[], file: Table): void {
    if (items.length === 0) return;
    this.tables.push({ key, items, rowAt: file.row, file, shape: Object.keys(items[0]).join() });
  }

  /** The table file a table's items were read from, in its order (undefined when not read from one). */
  fileOf(key: LocatedTable): Table | undefined {
    return this.tables.find((t) => t.key === key)?.file;
  }

  /** Where `item`, found at `index` of a table, came from: by position while it is still there, else by item. */
  rowOf(key: LocatedTable, index: number, item: object): RowLocator | undefined {
    const table = this.tables.find((t) => t.key === key);
    return table && table.items[index] === item ? table.rowAt(index) : this.get(item);
  }

  override get(key: object): RowLocator | undefined {
    const own = super.get(key);
    if (own !== undefined || this.tables.length === 0) return own;
    // Only a table whose rows have this row's shape is searched, and indexed once.
    const shape = Object.keys(key).join();
    for (const table of this.tables) {
      if (table.shape !== shape) continue;
      // (What `indexSome` began is finished here: nothing reads it half made.)
      if (!table.byItem) makeSome(table, table.items.length);
      const index = table.byItem!.get(key);
      if (index !== undefined) return table.rowAt(index);
    }
    return undefined;
  }

  /**
   * Make the rows by item of up to `n` rows ahead of the first look-up by item (which
   * otherwise makes a whole table's at once: 300,000 rows in one run on the largest
   * matrix); whether any are left. For a caller that can spare slices of its time (the
   * team server, after it opens a matrix).
   */
  indexSome(n: number): boolean {
    for (const table of this.tables) {
      if (n <= 0) break;
      n -= makeSome(table, n);
    }
    if (this.tables.some((t) => !t.byItem)) return true;
    // Then, one table a call, where its rows are in its file: the first row located scans
    // the file for its rows' and lines' starts (tens of milliseconds for the largest table),
    // which the first merge's check would otherwise do while edits wait.
    const table = this.tables.find((t) => !t.located);
    if (!table) return false;
    table.located = true;
    table.rowAt(0)?.locate('');
    return this.tables.some((t) => !t.located);
  }

  override has(key: object): boolean {
    return this.get(key) !== undefined;
  }
}
