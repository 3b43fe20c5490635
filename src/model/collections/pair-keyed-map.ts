import { LazyMap } from './lazy-map.ts';
import { entryKeyOf, type Cell } from '../types.ts';

/**
 * A `Map` by entry key (`cellKey` for period 1) whose values are kept by pair id (see pair-ids.ts), as a check keeps them:
 * code typed for a `Map` reads it unchanged, and no map of 100,000 keys is built at a load.
 * Its keys are those of the cells at `order` (indexes in `cells`, in the map's order).
 */
export abstract class PairKeyedMap<V> extends LazyMap<string, V> {
  constructor(
    protected readonly cells: readonly Cell[],
    private readonly pairOf: (key: string) => number,
    private readonly order: Int32Array,
  ) {
    super();
  }

  /** The value kept for pair `p` (any number: -1 or past the pairs for an unknown key), or undefined. */
  protected abstract valueOfPair(p: number): V | undefined;

  protected override find(key: string): V | undefined {
    return this.valueOfPair(this.pairOf(key));
  }

  protected override holds(key: string): boolean {
    return this.find(key) !== undefined;
  }

  protected override count(): number {
    return this.order.length;
  }

  protected override *all(): IterableIterator<[string, V]> {
    for (const i of this.order) {
      const cell = this.cells[i];
      const key = entryKeyOf(cell);
      yield [key, this.find(key)!];
    }
  }
}
