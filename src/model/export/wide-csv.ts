/**
 * The matrix as a wide CSV, as the grid shows it: a row per dimension (in order), a column
 * per jurisdiction (in order), each cell as text a reader of a spreadsheet understands.
 * Pure. Every field goes through writeCsv, so nothing in it runs as a formula in a
 * spreadsheet (docs/format.md, "Formula safety").
 */
import { writeCsv } from '../format/csv/write-csv.ts';
import { levelOf } from '../levels.ts';
import { viewAsOf } from '../time/as-of.ts';
import { cellKey, type Cell, type Dimension, type Jurisdiction, type Matrix } from '../types.ts';
import { shownValue } from '../value-text.ts';

export const NOT_IN_SOURCE_TEXT = 'Not in source';
export const DIMENSION_HEADER = 'Dimension';

/** Which rows and columns, in which order; by default every dimension and jurisdiction, by `order`. */
export interface WideView {
  dimensions?: readonly string[];
  jurisdictions?: readonly string[];
  /** The date the table is as of (`YYYY[-MM[-DD]]`); undefined: each cell's latest period, as the grid shows it. */
  asOf?: string;
}

export interface WideCsvOptions {
  /** Start with a UTF-8 byte-order mark, so spreadsheets read accents right (default false). */
  bom?: boolean;
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function pick<T extends { id: string; order: number }>(all: readonly T[], ids: readonly string[] | undefined): T[] {
  if (!ids) {
    const seen = new Set<string>();
    return [...all].sort(byOrder).filter((x) => !seen.has(x.id) && seen.add(x.id));
  }
  return ids.map((id) => all.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
}

/**
 * A cell as text: its value, then the level's label in brackets for ordinal dimensions
 * (`Abolished in 1995 [Full]`); `Not in source` for a not_in_source cell without a value;
 * empty when there is no cell.
 */
export function wideCellText(matrix: Matrix, dimension: Dimension, cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.status === 'not_in_source' && cell.value === '') return NOT_IN_SOURCE_TEXT;
  const value = shownValue(dimension, cell.value);
  if (dimension.valueType !== 'ordinal' || cell.level === '') return value;
  const label = `[${levelOf(matrix, dimension.id, cell.level)?.label || cell.level}]`;
  return value ? `${value} ${label}` : label;
}

/** Header and rows of the wide table (plain strings, not yet CSV). */
export function wideTable(matrix: Matrix, view: WideView = {}): { header: string[]; rows: string[][] } {
  const dimensions: Dimension[] = pick(matrix.dimensions, view.dimensions);
  const jurisdictions: Jurisdiction[] = pick(matrix.jurisdictions, view.jurisdictions);
  // One entry per cell, the one the grid shows (a value that changed over time has several).
  const cells = viewAsOf(matrix, view.asOf).shown;
  return {
    header: [DIMENSION_HEADER, ...jurisdictions.map((j) => j.label || j.id)],
    rows: dimensions.map((d) => [
      d.label || d.id,
      ...jurisdictions.map((j) => wideCellText(matrix, d, cells.get(cellKey(d.id, j.id)))),
    ]),
  };
}

/** The wide table as CSV text (LF, minimal quoting, every field formula-guarded). */
export function writeWideCsv(matrix: Matrix, view: WideView = {}, options: WideCsvOptions = {}): string {
  const { header, rows } = wideTable(matrix, view);
  return (options.bom ? '\uFEFF' : '') + writeCsv(header, rows);
}
