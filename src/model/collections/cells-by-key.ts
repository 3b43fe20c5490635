import { PairKeyedMap } from './pair-keyed-map.ts';
import type { Cell } from '../types.ts';

/**
 * The first cell of each pair, by cellKey: the store's look-ups read it as a `Map`. It is read
 * from what checking the cells found out (each pair's first cell, by pair id) rather than a
 * map of 100,000 keys built at every load (about 40 ms of the page's time for the largest
 * bench matrix, while the worker was still busy).
 */
export class CellsByKey extends PairKeyedMap<Cell> {
  protected override readonly refusal = 'the loaded cells are not changed: an edit layers its changes over them (see edit/layered-map.ts)';

  /** `first[p]`: the index in `cells` of pair p's first cell (-1 for none); `order`: those indexes in file order. */
  constructor(cells: readonly Cell[], pairOf: (key: string) => number, private readonly first: Int32Array, order: Int32Array) {
    super(cells, pairOf, order);
    this.seal();
  }

  protected valueOfPair(p: number): Cell | undefined {
    const i = p >= 0 && p < this.first.length ? this.first[p] : -1;
    return i >= 0 ? this.cells[i] : undefined;
  }
}
