import { PairKeyedMap } from '../collections/pair-keyed-map.ts';
import type { Cell, CellCheck } from '../types.ts';

/** The statuses a cell's check can have, by code (0: the cell is not checked). */
export const CELL_CHECKS: readonly CellCheck[] = ['supported', 'not_in_source', 'draft', 'flagged'];

/**
 * The evidence status of each cell (by cellKey): a `Map`, as code that reads a check expects,
 * kept as one byte per cell, by pair id (see pair-ids.ts), rather than as a map of 100,000
 * keys built at every load.
 */
export class CellChecks extends PairKeyedMap<CellCheck> {
  /**
   * `codes[p]`: 1 + the index in CELL_CHECKS of pair p's status (0 for none); `checked`: the
   * index in `cells` of each checked cell, in the map's order.
   */
  constructor(cells: readonly Cell[], pairOf: (key: string) => number, private readonly codes: Uint8Array, checked: Int32Array) {
    super(cells, pairOf, checked);
    this.seal();
  }

  protected valueOfPair(p: number): CellCheck | undefined {
    const code = p >= 0 && p < this.codes.length ? this.codes[p] : 0;
    return code === 0 ? undefined : CELL_CHECKS[code - 1];
  }
}
