import { LazyMap } from '../collections/lazy-map.ts';
import { entryKey, type Anchor, type Citation, type TextRange } from '../types.ts';

/** A citation with where it anchored in its source. */
export interface CitationCheck {
  citation: Citation;
  anchor: Anchor;
}

/** The range of an anchor that says no more than "found there" (most do), else undefined: such an anchor can be kept as two numbers. */
export function plainRange(anchor: Anchor): TextRange | undefined {
  const plain = anchor.status === 'found' && anchor.candidates === undefined && anchor.suggestion === undefined && anchor.reason === undefined;
  return plain ? anchor.range : undefined;
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
    const range = plainRange(anchor);
    if (range) this.found(i, range.start, range.end);
    else {
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
 * checking the quotes themselves.
 */
export class CitationChecks extends LazyMap<string, CitationCheck[]> {
  private readonly made = new Map<number, CitationCheck[]>();

  /**
   * Cells are told by pair id (`pairOf(key)`, -1 for none; see pair-ids.ts). `groups`: the
   * pairs that have citations, in the order of their first citation. The citations of pair p
   * are `order[start[p]]` … `order[start[p] + counts[p] - 1]` (indices into `citations`, in
   * seq order), or those indices themselves when `order` is undefined (each cell's citations
   * on consecutive rows).
   */
  constructor(
    private readonly citations: readonly Citation[],
    private readonly anchors: AnchorColumns,
    private readonly pairOf: (key: string) => number,
    private readonly groups: Int32Array,
    private readonly start: Int32Array,
    private readonly counts: Int32Array,
    private readonly order: Int32Array | undefined,
  ) {
    super();
    this.seal();
  }

  private pair(key: string): number {
    const p = this.pairOf(key);
    return p >= 0 && p < this.counts.length && this.counts[p] > 0 ? p : -1;
  }

  private listOf(p: number): CitationCheck[] {
    let list = this.made.get(p);
    if (list) return list;
    const { citations, anchors, order } = this;
    list = [];
    for (let k = this.start[p]; k < this.start[p] + this.counts[p]; k++) {
      const i = order ? order[k] : k;
      list.push({ citation: citations[i], anchor: anchors.get(i) });
    }
    this.made.set(p, list);
    return list;
  }

  protected find(key: string): CitationCheck[] | undefined {
    const p = this.pair(key);
    return p < 0 ? undefined : this.listOf(p);
  }

  protected holds(key: string): boolean {
    return this.pair(key) >= 0;
  }

  protected count(): number {
    return this.groups.length;
  }

  protected *all(): IterableIterator<[string, CitationCheck[]]> {
    for (const p of this.groups) {
      const first = this.citations[this.order ? this.order[this.start[p]] : this.start[p]];
      yield [entryKey(first.dimension, first.jurisdiction, first.period), this.listOf(p)];
    }
  }
}
