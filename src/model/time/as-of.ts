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
 * A pair none of whose periods has begun by D (all start later) has no entry as of D.
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
  /** Pairs that have entries of which none has begun by the date, with their first entry, by pair key. */
  readonly notYet: ReadonlyMap<string, Cell>;
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
  const notYet = new Map<string, Cell>();
  for (const [pair, list] of entries) {
    const cell = entryAsOf(list, day);
    if (cell) shown.set(pair, cell);
    else notYet.set(pair, list[0]);
  }
  // The same matrix when it already has one entry per pair, each shown.
  const everyRow = shown.size === matrix.cells.length && matrix.cells.every((c) => shown.get(cellKey(c.dimension, c.jurisdiction)) === c);
  if (everyRow) return { asOf, matrix, shown, notYet, entries };
  const shownCells = new Set(shown.values());
  const shownKeys = new Set<string>();
  for (const c of shownCells) shownKeys.add(entryKeyOf(c));
  const cells = matrix.cells.filter((c) => shownCells.has(c));
  const citations = matrix.citations.filter((c: Citation) => shownKeys.has(entryKeyOf(c)));
  return { asOf, matrix: { ...matrix, cells, citations }, shown, notYet, entries };
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
