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
  /** Row index of each item, made on the first look-up by item in this table. */
  byItem?: WeakMap<object, number>;
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
      if (!table.byItem) {
        const byItem = new WeakMap<object, number>();
        table.items.forEach((item, i) => byItem.set(item, i));
        table.byItem = byItem;
      }
      const index = table.byItem.get(key);
      if (index !== undefined) return table.rowAt(index);
    }
    return undefined;
  }

  override has(key: object): boolean {
    return this.get(key) !== undefined;
  }
}
