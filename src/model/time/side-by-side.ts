/**
 * A matrix's values side by side at two or more dates ("then and now"): for each
 * (dimension, jurisdiction) pair with more than one period, the entry shown as of each date
 * (see as-of.ts), so that an analyst reads a value from the text around 2005 beside the value
 * measured from a dataset in 2025, each with its own evidence. Pure.
 */
import { cellKey, type Cell, type Dimension, type Jurisdiction, type Matrix } from '../types.ts';
import { absenceAsOf, asOfDay, describedDate, entriesByPair, entryAsOf, type Absence } from './as-of.ts';
import { firstDay } from './dates.ts';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface SideBySideRow {
  dimension: Dimension;
  jurisdiction: Jurisdiction;
  /** The pair's key (`cellKey`). */
  key: string;
  /** The entry shown as of each date, in the order of the dates (undefined: none had begun). */
  entries: (Cell | undefined)[];
  /** Where a date has no entry, why (not yet in force, not yet observed, no longer in force). */
  absences: (Absence | undefined)[];
  /** How many periods the pair has. */
  periods: number;
}

export interface SideBySide {
  dates: string[];
  rows: SideBySideRow[];
}

/**
 * The dates a side-by-side view opens at: the earliest and the latest date (`observed`, else
 * `in_force_from`) of the entries of pairs with several periods; undefined when no such pair
 * has two different dates.
 */
export function thenAndNow(matrix: Matrix): { then: string; now: string } | undefined {
  let then: { date: string; day: number } | undefined;
  let now: { date: string; day: number } | undefined;
  for (const list of entriesByPair(matrix.cells).values()) {
    if (list.length < 2) continue;
    for (const cell of list) {
      const date = describedDate(cell);
      const first = date === '' ? undefined : firstDay(date);
      if (first === undefined) continue;
      if (!then || first < then.day) then = { date, day: first };
      if (!now || first > now.day) now = { date, day: first };
    }
  }
  return then && now && then.date !== now.date ? { then: then.date, now: now.date } : undefined;
}

/**
 * The pairs with several periods, in matrix order (dimension order, then jurisdiction order),
 * each with its entry as of each of `dates` (`YYYY[-MM[-DD]]`; a year stands for its last
 * day). Throws a RangeError when a date is not one.
 */
export function sideBySide(matrix: Matrix, dates: readonly string[]): SideBySide {
  const days = dates.map((date) => {
    const day = asOfDay(date);
    if (day === undefined) throw new RangeError(`"${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    return day;
  });
  const entries = entriesByPair(matrix.cells);
  const rows: SideBySideRow[] = [];
  for (const dimension of [...matrix.dimensions].sort(byOrder)) {
    for (const jurisdiction of [...matrix.jurisdictions].sort(byOrder)) {
      const key = cellKey(dimension.id, jurisdiction.id);
      const list = entries.get(key);
      if (!list || list.length < 2) continue;
      rows.push({ dimension, jurisdiction, key, entries: days.map((day) => entryAsOf(list, day)), absences: days.map((day) => absenceAsOf(list, day)), periods: list.length });
    }
  }
  return { dates: [...dates], rows };
}
