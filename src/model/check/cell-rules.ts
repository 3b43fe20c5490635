import { excerpt } from '../excerpt.ts';
import { firstDay, isFormatDate, lastDay } from '../time/dates.ts';
import type { Cell, Dimension, Level } from '../types.ts';

/**
 * Rules a cell's value must satisfy for its dimension. Shared by the loader (which reports
 * broken files) and by editors (which refuse invalid input before it reaches the store).
 */

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A date of the format: YYYY, YYYY-MM or YYYY-MM-DD, a day that exists. */
export const isDate = isFormatDate;
export const isNumber = (s: string): boolean => NUMBER.test(s);

/** The date columns of a cell, by field name in the model. */
export const CELL_DATES = { inForceFrom: 'in_force_from', inForceUntil: 'in_force_until', observed: 'observed' } as const;

export interface RuleViolation {
  field: 'value' | 'level' | 'status' | 'in_force_from' | 'in_force_until' | 'observed';
  message: string;
}

/** Why a cell's dates do not hold together: an unreadable date, or the end before the start. */
export function datesProblems(cell: Pick<Cell, 'inForceFrom' | 'inForceUntil' | 'observed'>): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const [field, column] of Object.entries(CELL_DATES) as [keyof typeof CELL_DATES, RuleViolation['field']][]) {
    const date = cell[field];
    if (date !== '' && !isDate(date)) out.push({ field: column, message: `${column} "${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` });
  }
  if (out.length === 0 && cell.inForceFrom !== '' && cell.inForceUntil !== '' && lastDay(cell.inForceUntil)! < firstDay(cell.inForceFrom)!) {
    out.push({ field: 'in_force_until', message: `in_force_until ${cell.inForceUntil} is before in_force_from ${cell.inForceFrom}` });
  }
  return out;
}

/** Why a value is not valid for a dimension, or undefined when it is. */
export function valueProblem(dimension: Dimension, value: string): string | undefined {
  if (value === '') return undefined;
  switch (dimension.valueType) {
    case 'number':
      return isNumber(value) ? undefined : `"${excerpt(value)}" is not a number (write digits with a "." for decimals, e.g. 12 or -3.5${dimension.unit ? `; the unit ${dimension.unit} goes in dimensions.csv` : ''})`;
    case 'date':
      return isDate(value) ? undefined : `"${excerpt(value)}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`;
    case 'boolean':
      return value === 'yes' || value === 'no' ? undefined : `"${excerpt(value)}" is not yes or no`;
    default:
      return undefined;
  }
}

/** Every rule a cell breaks, given its dimension and the dimension's scale levels. */
export function cellViolations(cell: Cell, dimension: Dimension, scale: readonly Level[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  const valueMsg = valueProblem(dimension, cell.value);
  if (valueMsg) out.push({ field: 'value', message: valueMsg });
  if (cell.level !== '') {
    if (dimension.valueType !== 'ordinal') {
      out.push({ field: 'level', message: `level "${cell.level}" given, but dimension "${dimension.id}" is ${dimension.valueType}, not ordinal` });
    } else if (!scale.some((l) => l.id === cell.level)) {
      const names = scale.map((l) => l.id).join(', ');
      out.push({ field: 'level', message: `level "${cell.level}" is not on scale "${dimension.scale}" of dimension "${dimension.id}" (levels: ${names || 'none'})` });
    }
  } else if (dimension.valueType === 'ordinal' && cell.status === 'supported' && scale.length > 0) {
    out.push({ field: 'level', message: `supported cell of ordinal dimension "${dimension.id}" needs a level on scale "${dimension.scale}"` });
  }
  // Most cells have no dates: nothing to look at.
  if (cell.inForceFrom !== '' || cell.inForceUntil !== '' || cell.observed !== '') out.push(...datesProblems(cell));
  if (cell.status === 'not_in_source' && (cell.value !== '' || cell.level !== '')) {
    out.push({ field: 'status', message: 'status is not_in_source but the cell has a value or level: clear them, or set the status to supported or draft' });
  }
  if (cell.status === 'supported' && cell.value === '') {
    out.push({ field: 'value', message: 'status is supported but the value is empty' });
  }
  return out;
}
