/**
 * The matrix as of a date: one entry per (dimension, jurisdiction) pair, chosen among the
 * pair's periods by their dates (docs/format.md, "Cells in time"). Pure.
 *
 * A period has begun by a date D when its start — `in_force_from`, else `observed` — is on
 * or before D (a period with neither starts when the period before it started: it is later
 * than that one, and no date says more); it has ended by D when its `in_force_until` is on or
 * before D. The entry shown as of D is the latest period that has begun and not ended by D:
 * - a period whose [in_force_from, in_force_until) holds D is shown (the latest, if several);
 * - lacking in-force dates, the latest period observed on or before D is;
 * - when no date says (no period dated), the latest period is.
 * A pair none of whose periods has begun by D (all start later) has no entry as of D: it is
 * "not yet in force" then when its first period's start is an `in_force_from` date, "not yet
 * observed" when it is an `observed` date (the source describes it later, which says nothing
 * of when it began); one whose periods begun by D have all ended is "no longer in force".
 * With no date: the latest period (the highest `period`). Dates of lower precision compare
 * by their first day where they start a period and by their last day where they end one;
 * D itself stands for its last day ("as of 2003": at the end of 2003). See dates.ts.
 */
import { firstDay, lastDay } from './dates.ts';
import { cellKey, entryKeyOf, type Cell, type Citation, type Matrix } from '../types.ts';

/** The day a period starts (-Infinity: from the start of time), given the start of the period before. */
function startOf(cell: Cell, before: number): number {
  if (cell.inForceFrom !== '') return firstDay(cell.inForceFrom) ?? before;
  if (cell.observed !== '') return firstDay(cell.observed) ?? before;
  return before;
}

/** The day an as-of date stands for (its last day), or undefined when it is not a date. */
export const asOfDay = (date: string): number | undefined => lastDay(date.trim());

/**
 * The entry of a pair shown as of `day` (a day number: see asOfDay; undefined = no date, the
 * latest), given the pair's entries in period order. Undefined when none has begun by then.
 */
export function entryAsOf(entries: readonly Cell[], day?: number): Cell | undefined {
  if (entries.length === 0) return undefined;
  if (day === undefined) return entries[entries.length - 1];
  let shown: Cell | undefined;
  let start = -Infinity;
  for (const cell of entries) {
    start = startOf(cell, start);
    if (start > day) continue;
    const until = cell.inForceUntil === '' ? undefined : lastDay(cell.inForceUntil);
    if (until !== undefined && until <= day) continue;
    shown = cell;
  }
  return shown;
}

/**
 * Why a pair that has entries shows none as of a date. None of its periods has begun by then
 * (the date is before its first period): `not-yet` when the first period starts with an
 * `in_force_from` date, `not-observed` when only with an `observed` one. Or the periods begun
 * have all ended (`in_force_until`): `ended`.
 */
export type Absence = 'not-yet' | 'not-observed' | 'ended';

/** What a view shows for a pair without an entry as of the date, by why (see Absence). */
export const ABSENCE_WORDS: Record<Absence, string> = {
  'not-yet': 'Not yet in force',
  'not-observed': 'Not yet observed',
  ended: 'No longer in force',
};

/** The same, said in full (a screen reader's name for the cell, a tooltip). */
export const ABSENCE_EXPLAINED: Record<Absence, string> = {
  'not-yet': 'Not yet in force (its first value comes into force after the date shown)',
  'not-observed': 'Not yet observed (its first value is observed after the date shown)',
  ended: 'No longer in force (its values ended by the date shown)',
};

/**
 * Why a pair shows no entry as of `day` (see Absence), given its entries in period order;
 * undefined when one is shown, when it has none, or with no date (its latest is shown).
 */
export function absenceAsOf(entries: readonly Cell[], day: number | undefined): Absence | undefined {
  if (day === undefined || entries.length === 0 || entryAsOf(entries, day)) return undefined;
  let start = -Infinity;
  for (const cell of entries) {
    start = startOf(cell, start);
    if (start <= day) return 'ended';
  }
  return entries[0].inForceFrom !== '' ? 'not-yet' : 'not-observed';
}

/** The cells of a matrix grouped by pair (first row of each entry kept), each pair's in period order. */
export function entriesByPair(cells: readonly Cell[]): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  let unsorted = false;
  for (const cell of cells) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    const list = out.get(key);
    if (!list) out.set(key, [cell]);
    else if (!list.some((c) => c.period === cell.period)) {
      if (list[list.length - 1].period > cell.period) unsorted = true;
      list.push(cell);
    }
  }
  if (unsorted) for (const list of out.values()) list.sort((a, b) => a.period - b.period);
  return out;
}

export interface MatrixView {
  /** The date the view is as of (undefined: the latest period of every pair). */
  readonly asOf: string | undefined;
  /**
   * The matrix as of the date: `cells` holds one entry per pair (the one shown, in file
   * order), `citations` the citations of those entries; the other tables as they are. The
   * matrix itself when every pair has one period and no date is given.
   */
  readonly matrix: Matrix;
  /** Each pair's entry shown, by pair key (`cellKey`). */
  readonly shown: ReadonlyMap<string, Cell>;
  /** Pairs that have entries but none in force as of the date, with why (see Absence), by pair key. */
  readonly absent: ReadonlyMap<string, Absence>;
  /** Every entry of each pair, in period order, by pair key. */
  readonly entries: ReadonlyMap<string, readonly Cell[]>;
}

/**
 * The matrix as of `asOf` (`YYYY[-MM[-DD]]`; undefined = the latest period of each pair).
 * Throws a RangeError when `asOf` is not a date of the format (callers check it first).
 */
export function viewAsOf(matrix: Matrix, asOf?: string): MatrixView {
  const day = asOf === undefined ? undefined : asOfDay(asOf);
  if (asOf !== undefined && day === undefined) throw new RangeError(`"${asOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const entries = entriesByPair(matrix.cells);
  const shown = new Map<string, Cell>();
  const absent = new Map<string, Absence>();
  for (const [pair, list] of entries) {
    const cell = entryAsOf(list, day);
    if (cell) shown.set(pair, cell);
    else absent.set(pair, absenceAsOf(list, day) ?? 'not-yet');
  }
  // The same matrix when it already has one entry per pair, each shown.
  const everyRow = shown.size === matrix.cells.length && matrix.cells.every((c) => shown.get(cellKey(c.dimension, c.jurisdiction)) === c);
  if (everyRow) return { asOf, matrix, shown, absent, entries };
  const shownCells = new Set(shown.values());
  const shownKeys = new Set<string>();
  for (const c of shownCells) shownKeys.add(entryKeyOf(c));
  const cells = matrix.cells.filter((c) => shownCells.has(c));
  const citations = matrix.citations.filter((c: Citation) => shownKeys.has(entryKeyOf(c)));
  return { asOf, matrix: { ...matrix, cells, citations }, shown, absent, entries };
}

/** The date an entry describes: `observed`, else `in_force_from` ('' when neither is given). */
export const describedDate = (cell: Cell): string => cell.observed || cell.inForceFrom;

/**
 * The span of time the entries cover, as their dates say: the earliest and the latest date
 * they describe (`observed`, else `in_force_from`), or undefined when none has one. A
 * briefing states it, so that a reader knows when its table holds.
 */
export function periodCovered(cells: Iterable<Cell>): { from: string; to: string } | undefined {
  let from: { date: string; day: number } | undefined;
  let to: { date: string; day: number } | undefined;
  for (const c of cells) {
    const date = describedDate(c);
    if (date === '') continue;
    const first = firstDay(date);
    const last = lastDay(date);
    if (first === undefined || last === undefined) continue;
    if (!from || first < from.day) from = { date, day: first };
    if (!to || last > to.day) to = { date, day: last };
  }
  return from && to ? { from: from.date, to: to.date } : undefined;
}
