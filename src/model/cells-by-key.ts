import { LazyMap } from './lazy-map.ts';
import { cellKey, type Cell } from './types.ts';

/**
 * The first cell of each pair, by cellKey: a `Map`, as the store's look-ups expect, read from
 * what checking the cells found out (each pair's first cell, by pair id: see pair-ids.ts)
 * rather than a map of 100,000 keys built at every load (about 40 ms of the page's time for
 * the largest bench matrix, while the worker was still busy).
 */
export class CellsByKey extends LazyMap<string, Cell> {
  protected override readonly refusal = 'the loaded cells are not changed: an edit layers its changes over them (see edit/layered-map.ts)';

  /**
   * `first[p]`: the index in `cells` of pair p's first cell (-1 for none); `order`: those
   * indexes in file order (the map's order).
   */
  constructor(
    private readonly cells: readonly Cell[],
    private readonly pairOf: (key: string) => number,
    private readonly first: Int32Array,
    private readonly order: Int32Array,
  ) {
    super();
    this.seal();
  }

  protected find(key: string): Cell | undefined {
    const p = this.pairOf(key);
    const i = p >= 0 && p < this.first.length ? this.first[p] : -1;
    return i >= 0 ? this.cells[i] : undefined;
  }

  protected holds(key: string): boolean {
    return this.find(key) !== undefined;
  }

  protected count(): number {
    return this.order.length;
  }

  protected *all(): IterableIterator<[string, Cell]> {
    for (const i of this.order) {
      const cell = this.cells[i];
      yield [cellKey(cell.dimension, cell.jurisdiction), cell];
    }
  }
}
