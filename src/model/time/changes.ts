/**
 * What changed between two dates: for each (dimension, jurisdiction) pair, the entry shown as
 * of the first date and as of the second (see as-of.ts), when they differ; with the direction
 * of the change where the dimension has one and both entries have a level (DEMIG POLICY codes
 * a change as more or less restrictive in the same way). Pure.
 */
import { levelOf } from '../levels.ts';
import { cellKey, type Cell, type Dimension, type Jurisdiction, type Matrix } from '../types.ts';
import { ABSENCE_WORDS, absenceAsOf, asOfDay, entriesByPair, entryAsOf, type Absence } from './as-of.ts';

/** Which way a change goes on its dimension's scale: up (`more <direction>`), down, or neither said. */
export type ChangeDirection = 'more' | 'less' | 'none';

export interface CellChange {
  dimension: Dimension;
  jurisdiction: Jurisdiction;
  /** The entry as of the first date (undefined: none had begun, or all had ended). */
  before: Cell | undefined;
  /** The entry as of the second date (undefined: none had begun, or all had ended). */
  after: Cell | undefined;
  /** Why there is no entry as of the first date, or the second (see Absence). */
  beforeAbsence?: Absence;
  afterAbsence?: Absence;
  /** `more` / `less` on the dimension's scale (or number), `none` when not comparable or the dimension has no direction. */
  direction: ChangeDirection;
  /** The change in words: "more restrictive", "less integrated", "new value", "changed". */
  words: string;
}

export interface Changes {
  from: string;
  to: string;
  changes: CellChange[];
}

/** The rank of an entry's level, or its number for a number dimension (undefined: nothing to compare). */
function magnitude(matrix: Matrix, dimension: Dimension, cell: Cell | undefined): number | undefined {
  if (!cell || cell.status === 'not_in_source') return undefined;
  if (dimension.valueType === 'ordinal') return levelOf(matrix, dimension.id, cell.level)?.rank;
  if (dimension.valueType === 'number' && cell.value.trim() !== '') {
    const n = Number(cell.value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Whether two entries say the same (value, level, status): a later period may repeat the value. */
const sameValue = (a: Cell | undefined, b: Cell | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.value === b.value && a.level === b.level && a.status === b.status);

/**
 * The changes between `from` and `to` (dates `YYYY[-MM[-DD]]`, `from` first), in matrix order
 * (dimension order, then jurisdiction order). Throws a RangeError when a date is not one.
 */
export function changesBetween(matrix: Matrix, from: string, to: string): Changes {
  const fromDay = asOfDay(from);
  const toDay = asOfDay(to);
  if (fromDay === undefined) throw new RangeError(`"${from}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  if (toDay === undefined) throw new RangeError(`"${to}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const entries = entriesByPair(matrix.cells);
  const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const dimensions = [...matrix.dimensions].sort(byOrder);
  const jurisdictions = [...matrix.jurisdictions].sort(byOrder);
  const changes: CellChange[] = [];
  for (const dimension of dimensions) {
    for (const jurisdiction of jurisdictions) {
      const list = entries.get(cellKey(dimension.id, jurisdiction.id));
      if (!list) continue;
      const before = entryAsOf(list, fromDay);
      const after = entryAsOf(list, toDay);
      if (sameValue(before, after)) continue;
      const a = magnitude(matrix, dimension, before);
      const b = magnitude(matrix, dimension, after);
      const direction: ChangeDirection = dimension.direction === '' || a === undefined || b === undefined || a === b ? 'none' : b > a ? 'more' : 'less';
      const words = direction !== 'none'
        ? `${direction} ${dimension.direction}`
        : before === undefined ? 'new value' : after === undefined ? 'no value yet' : 'changed';
      changes.push({ dimension, jurisdiction, before, after, direction, words, beforeAbsence: absenceAsOf(list, fromDay), afterAbsence: absenceAsOf(list, toDay) });
    }
  }
  return { from, to, changes };
}

/**
 * An entry as the Changes view and `policy-matrix changes` print it: its value, level and
 * date, or why there is none at that date ("(Not yet in force)", as the grid says it).
 */
export function entryWords(matrix: Matrix, cell: Cell | undefined, absence: Absence | undefined): string {
  if (!cell) return `(${absence ? ABSENCE_WORDS[absence] : 'none yet'})`;
  if (cell.status === 'not_in_source') return '(not in source)';
  const level = levelOf(matrix, cell.dimension, cell.level);
  const value = cell.value.replace(/\s+/g, ' ').trim() || '(no value)';
  const date = cell.observed || cell.inForceFrom;
  return `${value}${level ? ` [${level.label || level.id}]` : ''}${date ? ` (as of ${date})` : ''}`;
}
