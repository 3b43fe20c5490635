/**
 * A table's rows as fields (CSV columns → text) and back, through the format's own writer
 * and reader (save.ts, load.ts): whatever columns the format has, a row reads and writes
 * here exactly as it does in a file, with no list of fields of our own.
 */
import { parseCsv } from '../../model/format/csv/parse-csv.ts';
import { writeCsv } from '../../model/format/csv/write-csv.ts';
import { loadMatrix } from '../../model/format/load.ts';
import { saveMatrix, tableHeader } from '../../model/format/save.ts';
import { TABLES } from '../../model/format/schema.ts';
import type { Matrix, Problem, TableName } from '../../model/types.ts';

/** The property of a matrix that holds each table's rows. */
export const MATRIX_ARRAY = {
  jurisdictions: 'jurisdictions',
  dimensions: 'dimensions',
  scales: 'levels',
  cells: 'cells',
  citations: 'citations',
  sources: 'sources',
  computed: 'computed',
} as const satisfies Record<TableName, keyof Matrix>;

export type RowObject = NonNullable<Matrix[(typeof MATRIX_ARRAY)[TableName]]>[number];

/** A matrix with no rows, carrying `from`'s extra columns (so rows keep theirs). */
export function emptyMatrix(from: Pick<Matrix, 'extraColumns'>): Matrix {
  return {
    name: 'row', title: '', description: '', jurisdictions: [], dimensions: [], levels: [], cells: [], citations: [], sources: [],
    extraColumns: from.extraColumns, descriptorExtras: {},
  };
}

/** The columns a table is saved with (the format's, then the matrix's extra ones). */
export const headerOf = (matrix: Pick<Matrix, 'extraColumns'>, table: TableName): string[] => tableHeader(emptyMatrix(matrix), table);

/** A row object's fields as saved (in `headerOf` order). */
export function fieldsOf(matrix: Pick<Matrix, 'extraColumns'>, table: TableName, row: RowObject): string[] {
  const one = { ...emptyMatrix(matrix), [MATRIX_ARRAY[table]]: [row] } as Matrix;
  const file = TABLES[table].file;
  const parsed = parseCsv(saveMatrix(one)[file], file);
  return parsed.rows[0] ?? [];
}

/**
 * Row objects from fields (one per row, in order), read as the loader reads a file with
 * `header`; the problems the loader finds in the rows themselves come with them.
 */
export function objectsOf(table: TableName, header: readonly string[], rows: readonly (readonly string[])[]): { objects: RowObject[]; problems: Problem[] } {
  const file = TABLES[table].file;
  const { matrix, problems } = loadMatrix('row', { [file]: writeCsv(header, rows) });
  return { objects: (matrix[MATRIX_ARRAY[table]] ?? []) as RowObject[], problems: problems.filter((p) => p.file === file && p.line > 0) };
}
