/**
 * What an editor shows of a matrix in time: for each (dimension, jurisdiction) pair, the one
 * entry as of a date (see as-of.ts), kept up to date by edits in O(pairs touched).
 *
 * Only the exceptions are kept: pairs whose entry shown is not their period-1 row (a later
 * period, or none as of the date). A matrix whose pairs have one period each, with no date
 * chosen, has none: its views are the index's and the check's own maps, at no cost.
 */
import { LayeredMap } from '../collections/layered-map.ts';
import { LazyMap } from '../collections/lazy-map.ts';
import type { CitationCheck, MatrixCheck } from '../check/check.ts';
import type { MatrixIndex } from '../edit/matrix-index.ts';
import { entryKeyOf, splitEntryKey, type Cell, type CellCheck } from '../types.ts';
import { absenceAsOf, asOfDay, entryAsOf, type Absence } from './as-of.ts';

export interface ShownEntries {
  /** The date the entries are shown as of (undefined: the latest period of each pair). */
  readonly asOf: string | undefined;
  /** Its day (see asOfDay). */
  readonly day: number | undefined;
  /**
   * For each pair whose entry shown is not its period-1 row, by pair key: the entry key shown,
   * or null when none is shown (no period has begun by the date).
   */
  readonly redirects: LayeredMap<string, string | null>;
}

/** The entries of a pair (period order) as the index holds them. */
function entriesOf(index: MatrixIndex, pair: string): readonly Cell[] {
  const periods = index.periods.get(pair);
  if (periods) return periods;
  const cell = index.cells.get(pair);
  return cell ? [cell] : [];
}

/** The redirect of one pair (see ShownEntries.redirects): undefined when its period-1 row is shown, or it has no row. */
function redirectOf(index: MatrixIndex, pair: string, day: number | undefined): string | null | undefined {
  const entries = entriesOf(index, pair);
  if (entries.length === 0) return undefined;
  const cell = entryAsOf(entries, day);
  if (!cell) return null;
  const key = entryKeyOf(cell);
  return key === pair ? undefined : key;
}

/**
 * The entries shown as of `asOf` (undefined: the latest). O(pairs with several periods)
 * without a date; with one, every pair is looked at (a date is chosen rarely, edits after
 * that are O(pairs touched): see updateShown). Throws a RangeError for a date not of the format.
 */
export function shownEntries(index: MatrixIndex, asOf?: string): ShownEntries {
  const day = asOf === undefined ? undefined : asOfDay(asOf);
  if (asOf !== undefined && day === undefined) throw new RangeError(`"${asOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const redirects = new Map<string, string | null>();
  const add = (pair: string) => {
    const r = redirectOf(index, pair, day);
    if (r !== undefined) redirects.set(pair, r);
  };
  for (const pair of index.periods.keys()) add(pair);
  if (day !== undefined) {
    for (const [key, cell] of index.cells) {
      // Pairs with several periods were looked at above; later periods' keys are not pairs.
      if (cell.period !== 1 || index.periods.has(key)) continue;
      add(key);
    }
  }
  return { asOf, day, redirects: LayeredMap.from(redirects) };
}

/** `shown` after an edit that touched `pairs` (pair keys), with `index` the index after it. */
export function updateShown(shown: ShownEntries, index: MatrixIndex, pairs: Iterable<string>): ShownEntries {
  const changes: [string, string | null | undefined][] = [];
  for (const pair of pairs) {
    const r = redirectOf(index, pair, shown.day);
    if (r !== shown.redirects.get(pair)) changes.push([pair, r]);
  }
  return changes.length ? { ...shown, redirects: shown.redirects.with(changes) } : shown;
}

/** The entry key shown for a pair (pair key), or undefined when none is shown. */
export function shownKey(shown: ShownEntries, pair: string): string | undefined {
  const r = shown.redirects.get(pair);
  return r === null ? undefined : (r ?? pair);
}

/**
 * A map by pair key of what a map by entry key holds for each pair's entry shown: the index's
 * cells, or the check's statuses and citation lists, as the grid reads them.
 */
class ShownMap<V> extends LazyMap<string, V> {
  protected override readonly refusal = 'a view is not changed: the store makes a new one';

  constructor(private readonly base: ReadonlyMap<string, V>, private readonly redirects: ReadonlyMap<string, string | null>) {
    super();
    this.seal();
  }

  protected find(pair: string): V | undefined {
    const r = this.redirects.get(pair);
    if (r === null) return undefined;
    return this.base.get(r ?? pair);
  }

  protected holds(pair: string): boolean {
    return this.find(pair) !== undefined;
  }

  protected count(): number {
    let n = 0;
    for (const _ of this.all()) n++;
    return n;
  }

  protected *all(): IterableIterator<[string, V]> {
    for (const [key, value] of this.base) {
      if (splitEntryKey(key).period !== 1) continue;
      const r = this.redirects.get(key);
      if (r === null) continue;
      if (r === undefined) yield [key, value];
      else {
        const shown = this.base.get(r);
        if (shown !== undefined) yield [key, shown];
      }
    }
    // Pairs with no period-1 row.
    for (const [pair, r] of this.redirects) {
      if (r === null || this.base.has(pair)) continue;
      const shown = this.base.get(r);
      if (shown !== undefined) yield [pair, shown];
    }
  }
}

/** What the grid, the evidence panel and the other views read, by pair key: the entry shown of each pair. */
export interface ShownView extends ShownEntries {
  /** The cell shown for each pair. */
  readonly cells: ReadonlyMap<string, Cell>;
  /** The evidence status of the cell shown. */
  readonly checks: ReadonlyMap<string, CellCheck>;
  /** The citations of the cell shown (seq order, with their anchors). */
  readonly citations: ReadonlyMap<string, CitationCheck[]>;
  /** Every entry of a pair, in period order (pair key; [] when it has none). */
  entries(pair: string): readonly Cell[];
  /** The entry key shown for a pair, or undefined when none is shown. */
  keyOf(pair: string): string | undefined;
  /** For a pair that has entries but shows none as of the date: why (see Absence). */
  absence(pair: string): Absence | undefined;
}

/** The view of `shown` over an index and a check (the maps themselves when nothing is redirected). */
export function shownView(shown: ShownEntries, index: MatrixIndex, check: MatrixCheck): ShownView {
  const { redirects } = shown;
  const plain = redirects.size === 0;
  return {
    ...shown,
    cells: plain ? index.cells : new ShownMap(index.cells, redirects),
    checks: plain ? check.cells : new ShownMap(check.cells, redirects),
    citations: plain ? check.citations : new ShownMap(check.citations, redirects),
    entries: (pair) => entriesOf(index, pair),
    keyOf: (pair) => shownKey(shown, pair),
    absence: (pair) => (shown.redirects.get(pair) === null ? absenceAsOf(entriesOf(index, pair), shown.day) : undefined),
  };
}

/** The pair keys of entry keys (what an edit touched). */
export function pairsOf(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const key of keys) out.add(splitEntryKey(key).pair);
  return out;
}
