import type { Anchor, Citation } from './types.ts';

/** A citation with where it anchored in its source. */
export interface CitationCheck {
  citation: Citation;
  anchor: Anchor;
}

/**
 * The anchors of a matrix's citations by index, as columns: a citation found at a plain range
 * (most of them) is two numbers, not an object; any other anchor is kept whole in `others`.
 */
export class AnchorColumns {
  /** 0: found at [start, end); 1: the anchor is in `others`. */
  status: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  readonly others = new Map<number, Anchor>();

  constructor(capacity = 0) {
    this.status = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  /** Room for index `i` (the columns grow as citations arrive). */
  reserve(i: number): void {
    if (i < this.status.length) return;
    const size = Math.max(i + 1, this.status.length * 2, 1024);
    const grow = <T extends Uint8Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
    this.status = grow(this.status, new Uint8Array(size));
    this.start = grow(this.start, new Int32Array(size));
    this.end = grow(this.end, new Int32Array(size));
  }

  /** Citation `i` found at [start, end) of its source. */
  found(i: number, start: number, end: number): void {
    this.status[i] = 0;
    this.start[i] = start;
    this.end[i] = end;
  }

  /** Citation `i`'s anchor, as anchoring gave it. */
  set(i: number, anchor: Anchor): void {
    if (anchor.status === 'found' && anchor.range && anchor.candidates === undefined && anchor.suggestion === undefined && anchor.reason === undefined) {
      this.found(i, anchor.range.start, anchor.range.end);
    } else {
      this.status[i] = 1;
      this.others.set(i, anchor);
    }
  }

  /** Whether citation `i` was found (at one place). */
  isFound(i: number): boolean {
    return this.status[i] === 0 || this.others.get(i)!.status === 'found';
  }

  /** Citation `i`'s anchor (a new object for a plain range, as anchoring would give). */
  get(i: number): Anchor {
    return this.status[i] === 0 ? { status: 'found', range: { start: this.start[i], end: this.end[i] } } : this.others.get(i)!;
  }
}

/**
 * Each cell's citations (by cellKey), in seq order, with where each anchored: a `Map`, as
 * code that reads a check expects, whose lists are made when a cell is first asked for. A
 * load checks 200,000 citations, but a view shows a few hundred cells: making an object for
 * every citation, its anchor and its range, and a list for every cell, had cost as much as
 * checking the quotes themselves. Like the check it belongs to, it is not changed after it is
 * made (an edit makes a new check over it, see recheck.ts).
 */
export class CitationChecks extends Map<string, CitationCheck[]> {
  private sealed = false;
  private readonly made = new Map<string, CitationCheck[]>();

  /**
   * `groups`: each cell's group; the citations of group g are `order[groupStart[g]]` …
   * `order[groupStart[g + 1] - 1]` (indices into `citations`, in seq order), or those
   * indices themselves when `order` is undefined (each cell's citations on consecutive rows).
   */
  constructor(
    private readonly citations: readonly Citation[],
    private readonly anchors: AnchorColumns,
    private readonly groups: ReadonlyMap<string, number>,
    private readonly groupStart: Int32Array,
    private readonly order: Int32Array | undefined,
  ) {
    super();
    this.sealed = true;
  }

  override get(key: string): CitationCheck[] | undefined {
    if (!this.sealed) return super.get(key);
    let list = this.made.get(key);
    if (list) return list;
    const g = this.groups.get(key);
    if (g === undefined) return undefined;
    const { citations, anchors, order } = this;
    list = [];
    for (let k = this.groupStart[g]; k < this.groupStart[g + 1]; k++) {
      const i = order ? order[k] : k;
      list.push({ citation: citations[i], anchor: anchors.get(i) });
    }
    this.made.set(key, list);
    return list;
  }

  override has(key: string): boolean {
    return this.sealed ? this.groups.has(key) : super.has(key);
  }

  override get size(): number {
    return this.sealed ? this.groups.size : super.size;
  }

  private *listed(): Generator<[string, CitationCheck[]]> {
    for (const key of this.groups.keys()) yield [key, this.get(key)!];
  }

  override entries(): MapIterator<[string, CitationCheck[]]> {
    return (this.sealed ? this.listed() : super.entries()) as MapIterator<[string, CitationCheck[]]>;
  }

  override keys(): MapIterator<string> {
    return (this.sealed ? this.groups.keys() : super.keys()) as MapIterator<string>;
  }

  override values(): MapIterator<CitationCheck[]> {
    const entries = this.entries();
    return (function* () {
      for (const [, list] of entries) yield list;
    })() as MapIterator<CitationCheck[]>;
  }

  override [Symbol.iterator](): MapIterator<[string, CitationCheck[]]> {
    return this.entries();
  }

  override forEach(callback: (value: CitationCheck[], key: string, map: Map<string, CitationCheck[]>) => void, thisArg?: unknown): void {
    for (const [key, list] of this.entries()) callback.call(thisArg, list, key, this);
  }

  override set(key: string, value: CitationCheck[]): this {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    return super.delete(key);
  }

  override clear(): void {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    super.clear();
  }
}
