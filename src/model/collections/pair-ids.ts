/**
 * Small integer ids for (dimension, jurisdiction) pairs, so that loading and checking a
 * matrix of 100,000 cells and 200,000 citations can test and group pairs without building a
 * `cellKey` string for every row. Two pairs get the same id exactly when their `cellKey`s are
 * equal: pairs of listed ids (without NUL) are numbered d · J + j, any other pair by its key.
 *
 * Entries of a pair in time (see Cell.period) have ids too: period 1 has the pair's own id, so
 * a matrix with one period per pair (the usual case) is numbered exactly as without periods;
 * a later period is numbered by its `entryKey` among the other keys (an overflow for the few
 * pairs that have several periods).
 */
import { cellKey, entryKey } from '../types.ts';

export class PairIds {
  private readonly dimensions = new Map<string, number>();
  private readonly jurisdictions = new Map<string, number>();
  private readonly others = new Map<string, number>();
  private readonly width: number;
  private next: number;

  constructor(dimensionIds: Iterable<string>, jurisdictionIds: Iterable<string>) {
    for (const id of dimensionIds) if (!this.dimensions.has(id) && !id.includes('\u0000')) this.dimensions.set(id, this.dimensions.size);
    for (const id of jurisdictionIds) if (!this.jurisdictions.has(id) && !id.includes('\u0000')) this.jurisdictions.set(id, this.jurisdictions.size);
    this.width = this.jurisdictions.size;
    this.next = this.dimensions.size * this.width;
  }

  /** The id of a pair, numbering a new one when it is not a pair of listed ids. */
  id(dimension: string, jurisdiction: string): number {
    const d = this.dimensions.get(dimension);
    const j = d === undefined ? undefined : this.jurisdictions.get(jurisdiction);
    if (j !== undefined) return d! * this.width + j;
    const key = cellKey(dimension, jurisdiction);
    let id = this.others.get(key);
    if (id === undefined) this.others.set(key, (id = this.next++));
    return id;
  }

  /** The id of a pair if it has one (listed ids, or numbered by `id` before), else -1. */
  find(dimension: string, jurisdiction: string): number {
    const d = this.dimensions.get(dimension);
    const j = d === undefined ? undefined : this.jurisdictions.get(jurisdiction);
    if (j !== undefined) return d! * this.width + j;
    return this.others.get(cellKey(dimension, jurisdiction)) ?? -1;
  }

  /** The id of an entry (a pair's period), numbering a new one when needed: the pair's own id for period 1. */
  entry(dimension: string, jurisdiction: string, period: number): number {
    if (period === 1) return this.id(dimension, jurisdiction);
    const key = entryKey(dimension, jurisdiction, period);
    let id = this.others.get(key);
    if (id === undefined) this.others.set(key, (id = this.next++));
    return id;
  }

  /** The id of an entry if it has one, else -1. */
  findEntry(dimension: string, jurisdiction: string, period: number): number {
    if (period === 1) return this.find(dimension, jurisdiction);
    return this.others.get(entryKey(dimension, jurisdiction, period)) ?? -1;
  }

  /** The id of the pair (or entry) whose `cellKey` (or `entryKey`) is `key` if it has one (as `find`), else -1. */
  ofKey(key: string): number {
    const other = this.others.get(key);
    if (other !== undefined) return other;
    // A listed dimension id has no NUL: the key's first NUL ends it.
    const cut = key.indexOf('\u0000');
    const d = cut < 0 ? undefined : this.dimensions.get(key.slice(0, cut));
    const j = d === undefined ? undefined : this.jurisdictions.get(key.slice(cut + 1));
    return j === undefined ? -1 : d! * this.width + j;
  }

  /** One more than the largest id given so far. */
  get size(): number {
    return this.next;
  }
}

/** A table from pair id to a whole number (default -1): a typed array, or a Map when ids run too far. */
export class PairTable {
  private readonly array: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;

  constructor(size: number) {
    if (size <= 1 << 24) this.array = new Int32Array(size).fill(-1);
    else this.map = new Map();
  }

  get(id: number): number {
    if (this.array) return id < this.array.length ? this.array[id] : -1;
    return this.map!.get(id) ?? -1;
  }

  set(id: number, value: number): void {
    if (this.array) this.array[id] = value;
    else this.map!.set(id, value);
  }
}
