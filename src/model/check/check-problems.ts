/**
 * The problems of a matrix check, kept by what each is about, so that an edit replaces only
 * the problems of the entries (cells in time) and dimensions it touched: O(touched), not
 * O(problems). A large matrix with no confidence anywhere has one codebook warning or two
 * per coded cell (112,382 problems in the 100,000-cell bench matrix): filtering them all at
 * every edit cost more than the edit itself.
 *
 * Immutable: `replace` gives a new set and leaves this one as it was (old snapshots keep
 * theirs). Counts are kept as problems come and go; the whole list (`list`) and the lists a
 * view shows (`sortedList`, errors first then by file, line and column) are made only when
 * asked for, and then from the nearest earlier set that has them, changed by what the edits
 * since took out and put in (for a few, the blocks they fall in copied and the rest shared:
 * see sorted-problems.ts; not a sort, nor a copy, of every problem).
 */
import { entryKey, type Problem } from '../types.ts';
import { SortedProblems } from './sorted-problems.ts';

/** The two kinds of check problems a view lists apart: codebook warnings, and the rest (citations not found, flagged cells). */
export type ProblemCategory = 'codebook' | 'findings';

export const categoryOf = (p: Problem): ProblemCategory => (p.category === 'codebook' ? 'codebook' : 'findings');

/** Errors first, then warnings; within each, by file, line and column (stable: ties keep their order). */
export function compareProblems(a: Problem, b: Problem): number {
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

/** The entry a problem is about (`entryKey`), for problems about a cell, one of its citations or its computed rule. */
export function problemEntry(p: Problem): string | undefined {
  const t = p.target;
  return t && (t.kind === 'cell' || t.kind === 'citation' || t.kind === 'computed') ? entryKey(t.dimension, t.jurisdiction, t.period ?? 1) : undefined;
}

/** The dimension a problem is about, for problems about a dimension as a whole. */
export const problemDimension = (p: Problem): string | undefined => (p.target?.kind === 'dimension' ? p.target.id : undefined);

/**
 * The problems of a check as it was made (a whole matrix checked at once): the list in the
 * order found, and for each problem the group it belongs to (an entry's pair id, see
 * pair-ids.ts; -1 for a problem about a dimension or about nothing the edits replace).
 */
export interface ProblemBase {
  readonly list: readonly Problem[];
  /** Each problem's entry (pair id), or -1. Same length as `list`; undefined: found from the problems' targets. */
  readonly groups?: ArrayLike<number>;
  /** The pair id of an entry key (`entryKey`), or -1 when the check knows none. Needed with `groups`. */
  readonly entryId?: (key: string) => number;
  /**
   * Problems of `list` made without their line, column and message (see unplaced-warnings.ts),
   * all of `category`: each is filled in (`fill(i)`, or `fillAll()`) before it is handed out.
   */
  readonly unplaced?: { fill(i: number): void; fillAll(): void; readonly category: ProblemCategory };
}

type Counts = { readonly codebook: number; readonly findings: number; readonly errors: number };

const countOf = (problems: Iterable<Problem>): Counts => {
  let codebook = 0;
  let errors = 0;
  let all = 0;
  for (const p of problems) {
    all++;
    if (p.category === 'codebook') codebook++;
    if (p.severity === 'error') errors++;
  }
  return { codebook, findings: all - codebook, errors };
};

/** Where a set's problems came from: the base, or an earlier set changed by one replace. */
interface Change {
  readonly from: CheckProblems;
  /** Problems taken out (by identity) and put in (in order). */
  readonly removed: ReadonlySet<Problem>;
  readonly added: readonly Problem[];
}

/** Look-ups into the base, made on first use: each entry's problems as a chain over the list. */
class BaseIndex {
  private heads: Map<number, number> | undefined;
  private next: Int32Array | undefined;
  private byKey: Map<string, number[]> | undefined;
  private byDimension: Map<string, number[]> | undefined;

  constructor(private readonly base: ProblemBase) {}

  /** The base's problems about entry `key`. */
  entry(key: string): Problem[] {
    const { list, groups, entryId } = this.base;
    if (groups && entryId) {
      const id = entryId(key);
      if (id < 0) return [];
      if (!this.heads) {
        // One pass over the groups, no strings: a chain through each entry's problems.
        const heads = new Map<number, number>();
        const next = new Int32Array(list.length).fill(-1);
        for (let i = list.length - 1; i >= 0; i--) {
          const g = groups[i];
          if (g < 0) continue;
          const head = heads.get(g);
          if (head !== undefined) next[i] = head;
          heads.set(g, i);
        }
        this.heads = heads;
        this.next = next;
      }
      const out: Problem[] = [];
      const { unplaced } = this.base;
      for (let i = this.heads.get(id) ?? -1; i >= 0; i = this.next![i]) {
        unplaced?.fill(i);
        out.push(list[i]);
      }
      return out;
    }
    if (!this.byKey) {
      // Found from the problems' targets: every one filled in first.
      this.base.unplaced?.fillAll();
      this.byKey = new Map();
      list.forEach((p, i) => {
        const k = problemEntry(p);
        if (k !== undefined) this.byKey!.set(k, [...(this.byKey!.get(k) ?? []), i]);
      });
    }
    return (this.byKey.get(key) ?? []).map((i) => this.placed(i));
  }

  /** The base's problems about dimension `id` as a whole. */
  dimension(id: string): Problem[] {
    if (!this.byDimension) {
      this.byDimension = new Map();
      this.base.list.forEach((p, i) => {
        const d = problemDimension(p);
        if (d !== undefined) this.byDimension!.set(d, [...(this.byDimension!.get(d) ?? []), i]);
      });
    }
    return (this.byDimension.get(id) ?? []).map((i) => this.placed(i));
  }

  /** Problem `i` of the base, filled in if it was made unplaced. */
  private placed(i: number): Problem {
    this.base.unplaced?.fill(i);
    return this.base.list[i];
  }

  /** Every problem of the base (of `category`, when given) filled in, before they are handed out. */
  placeAll(category?: ProblemCategory): void {
    const { unplaced } = this.base;
    if (unplaced && (category === undefined || category === unplaced.category)) unplaced.fillAll();
  }
}

/** Replacements are told apart from entry keys by a prefix no entry key starts with. */
const DIMENSION = '\u0001';

/** Past this many problems taken out and put in, a sorted list is made by a merge rather than changed in place (see sorted-problems.ts). */
const FEW = 64;

export class CheckProblems {
  private listed: readonly Problem[] | undefined;
  private readonly sortedBy = new Map<ProblemCategory, SortedProblems>();

  private constructor(
    private readonly index: BaseIndex,
    /** The current problems of the entries and dimensions replaced since the base. */
    private readonly replaced: ReadonlyMap<string, readonly Problem[]>,
    private readonly counts: Counts,
    private readonly change: Change | undefined,
    base?: readonly Problem[],
  ) {
    this.listed = base;
  }

  /** The problems of a whole check. `base.list` must not be changed afterwards. */
  static from(base: ProblemBase): CheckProblems {
    return new CheckProblems(new BaseIndex(base), new Map(), countOf(base.list), undefined, base.list);
  }

  /** How many problems there are (of a category). */
  count(category?: ProblemCategory): number {
    return category ? this.counts[category] : this.counts.codebook + this.counts.findings;
  }

  get size(): number {
    return this.count();
  }

  /** How many are errors. */
  get errors(): number {
    return this.counts.errors;
  }

  /** The problems of entry `key` (`entryKey`): about the cell or one of its citations. */
  ofEntry(key: string): readonly Problem[] {
    return this.replaced.get(key) ?? this.index.entry(key);
  }

  /** The problems about dimension `id` as a whole. */
  ofDimension(id: string): readonly Problem[] {
    return this.replaced.get(DIMENSION + id) ?? this.index.dimension(id);
  }

  /**
   * A set in which the problems of each entry of `entries` and each dimension of `dimensions`
   * are the ones given (an empty list: none). Problems given that were there already (the
   * same objects) stay where they were in `list`; the others come last, in the order given.
   */
  replace(entries: Iterable<readonly [string, readonly Problem[]]>, dimensions: Iterable<readonly [string, readonly Problem[]]> = []): CheckProblems {
    const removed = new Set<Problem>();
    const added: Problem[] = [];
    const replaced = new Map(this.replaced);
    const swap = (key: string, old: readonly Problem[], now: readonly Problem[]) => {
      const keep = new Set(now);
      for (const p of old) if (!keep.has(p)) removed.add(p);
      const had = new Set(old);
      for (const p of now) if (!had.has(p)) added.push(p);
      replaced.set(key, now);
    };
    for (const [key, now] of entries) swap(key, this.ofEntry(key), now);
    for (const [id, now] of dimensions) swap(DIMENSION + id, this.ofDimension(id), now);
    if (removed.size === 0 && added.length === 0) return this;
    const out = countOf(removed);
    const into = countOf(added);
    const counts: Counts = {
      codebook: this.counts.codebook - out.codebook + into.codebook,
      findings: this.counts.findings - out.findings + into.findings,
      errors: this.counts.errors - out.errors + into.errors,
    };
    return new CheckProblems(this.index, replaced, counts, { from: this, removed, added });
  }

  /**
   * The changes from the nearest earlier set that has what `has` asks for (or the base) to
   * this one: everything taken out, and what was put in and is still there, in order.
   */
  private changesSince(has: (set: CheckProblems) => boolean): { from: CheckProblems; removed: Set<Problem>; added: Problem[] } {
    const chain: Change[] = [];
    let at: CheckProblems = this;
    while (!has(at) && at.change) {
      chain.push(at.change);
      at = at.change.from;
    }
    const removed = new Set<Problem>();
    for (const c of chain) for (const p of c.removed) removed.add(p);
    const added: Problem[] = [];
    for (let i = chain.length - 1; i >= 0; i--) for (const p of chain[i].added) if (!removed.has(p)) added.push(p);
    return { from: at, removed, added };
  }

  /** Every problem: as the check found them, then those of entries re-checked since, in the order they came. */
  list(): readonly Problem[] {
    // Every list is the base's changed by edits: its problems are filled in first (once).
    this.index.placeAll();
    return this.listAsIs();
  }

  /** `list`, with the base's problems not yet filled in left so (to count or filter by category). */
  private listAsIs(): readonly Problem[] {
    if (this.listed) return this.listed;
    const { from, removed, added } = this.changesSince((s) => s.listed !== undefined);
    const before = from.listed ?? from.listAsIs();
    const out = removed.size ? before.filter((p) => !removed.has(p)) : before.slice();
    for (const p of added) out.push(p);
    this.listed = out;
    from.release(undefined);
    return out;
  }

  /** The problems of a category, errors first, then by file, line and column (`compareProblems`), as one array. */
  sorted(category: ProblemCategory): readonly Problem[] {
    return this.sortedList(category).toArray();
  }

  /**
   * The same list as `sorted`, to read a part of (`length`, `slice`): what the views show. An
   * edit changes the one of the set before it by what it took out and put in, sharing the rest
   * (see sorted-problems.ts), rather than copying every problem.
   */
  sortedList(category: ProblemCategory): SortedProblems {
    const cached = this.sortedBy.get(category);
    if (cached) return cached;
    const { from, removed, added } = this.changesSince((s) => s.sortedBy.has(category));
    const before = from.sortedBy.get(category);
    let out: SortedProblems;
    if (!before) {
      // Only the category's problems are filled in (the findings, listed at every load, need none).
      this.index.placeAll(category);
      out = SortedProblems.of(this.listAsIs().filter((p) => categoryOf(p) === category).sort(compareProblems));
    } else {
      const put = added.filter((p) => categoryOf(p) === category).sort(compareProblems);
      const taken = [...removed].filter((p) => categoryOf(p) === category);
      if (taken.length + put.length <= FEW) out = before.edited(taken, put);
      else {
        const all = before.toArray();
        out = SortedProblems.of(merged(removed.size ? all.filter((p) => !removed.has(p)) : all, put));
      }
    }
    this.sortedBy.set(category, out);
    from.release(category);
    return out;
  }

  /**
   * An earlier set's list (undefined: the whole list) was used to make a later one's: it is
   * not kept any more (the earlier snapshots are gone; were it asked for again, it would be
   * made again). The base's list is kept: everything else is made from it.
   */
  private release(category: ProblemCategory | undefined): void {
    if (!this.change) return;
    if (category) this.sortedBy.delete(category);
    else this.listed = undefined;
  }
}

/** Two sorted lists as one (ties: `a`'s first). */
function merged(a: readonly Problem[], b: readonly Problem[]): Problem[] {
  const out: Problem[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareProblems(b[j], a[i]) < 0 ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
