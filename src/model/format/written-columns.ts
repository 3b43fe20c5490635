/**
 * Which tables and columns a matrix's files have when saved: every column, but an optional
 * one that only some matrices use (`writtenWhenUsed`: a citation's row key, a source's
 * licence) when no row has a value in it; every table, but an optional one (computed.csv)
 * with no rows. A matrix of text sources keeps its files, and its descriptor, as they were
 * before datasets.
 */
import { TABLES } from './schema.ts';
import type { Matrix, TableName } from '../types.ts';

/** For each column written only when used: whether some row of the matrix uses it. */
const USED: Record<string, (matrix: Matrix) => boolean> = {
  'citations.row_key': (m) => m.citations.some((c) => !!c.rowKey),
  'sources.licence': (m) => m.sources.some((s) => s.licence !== undefined),
};

/** Which of a table's columns (in TABLES order) are written. */
export function writtenColumns(matrix: Matrix, name: TableName): boolean[] {
  return TABLES[name].columns.map((c) => !c.writtenWhenUsed || (USED[`${name}.${c.name}`]?.(matrix) ?? true));
}

/** The fields of the written columns. */
export const written = (fields: string[], columns: readonly boolean[]): string[] => (columns.every(Boolean) ? fields : fields.filter((_, i) => columns[i]));

/** Whether a table is written: every table but an optional one with no rows. */
export const isWritten = (matrix: Matrix, name: TableName): boolean => !TABLES[name].optionalFile || (matrix.computed?.length ?? 0) > 0;
