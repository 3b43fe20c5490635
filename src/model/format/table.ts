import { parseCsv, type ParsedCsv } from './csv/parse-csv.ts';
import type { TableDef } from './schema.ts';
import type { Extra, Problem, Severity } from '../types.ts';

/** Where a loaded object came from, so later checks can point at its row. */
export interface RowLocator {
  file: string;
  locate(column: string): { line: number; column: number };
}

/**
 * A row of a table, read by column name, that can point problems at its own fields. Made
 * on demand (`Table.row`): the large tables are read by index (`Table.fields`), and a row
 * object is made only for a problem or a location asked for later.
 */
export class TableRow implements RowLocator {
  constructor(
    private readonly table: TableContext,
    /** Index of the row among the table's data rows (file row `index + 1`). */
    private readonly index: number,
  ) {}

  get file(): string {
    return this.table.def.file;
  }

  private get fields(): string[] {
    return this.table.csv.rows[this.index];
  }

  /** Values of the columns that are not part of the format, by name (undefined when the file has none). */
  get extra(): Extra | undefined {
    return extraOf(this.table, this.index);
  }

  get(column: string): string {
    const i = this.table.index.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  /** Line and column where one of this row's fields starts. */
  locate(column: string): { line: number; column: number } {
    const i = this.table.index.get(column);
    const at = this.table.csv.locate(this.row, i ?? 0);
    return { line: at.line, column: i === undefined ? 0 : at.column };
  }

  /** Position of this row among its file's rows (0 = the header). */
  get row(): number {
    return this.index + 1;
  }

  /** Line where the row starts (worked out on demand). */
  get line(): number {
    return this.table.csv.locate(this.row, 0).line;
  }

  /** Report a problem located at one of this row's fields. */
  report(column: string, message: string, severity: Severity = 'error', target?: Problem['target']): void {
    this.table.problems.push({ severity, file: this.table.def.file, ...this.locate(column), field: column, message, target });
  }
}

interface TableContext {
  def: TableDef;
  csv: ParsedCsv;
  index: Map<string, number>;
  problems: Problem[];
  extraColumns: string[];
}

function extraOf(table: TableContext, i: number): Extra | undefined {
  if (table.extraColumns.length === 0) return undefined;
  const extra: Extra = {};
  const fields = table.csv.rows[i];
  for (const name of table.extraColumns) extra[name] = fields[table.index.get(name)!] ?? '';
  return extra;
}

export interface Table {
  /** Every row as a `TableRow` (made on first use: for the small tables). */
  readonly rows: TableRow[];
  /** Number of data rows. */
  readonly size: number;
  /** The fields of data row `i` (may be fewer or more than the columns: read with `Table.column`'s index, `?? ''`). */
  fields(i: number): string[];
  /** Data row `i` as a `TableRow` (a new object: to report a problem, or to locate the row later). */
  row(i: number): TableRow;
  /** The values of the extra columns of data row `i` (undefined when the file has none). */
  extra(i: number): Extra | undefined;
  extraColumns: string[];
  /** Index of a column in `fields(i)`, -1 when the file has none (large tables: one look-up per column, not per row). */
  column(name: string): number;
  /** The parsed file (undefined when the file is missing), and its columns by name (the first of a repeated name). */
  csv?: ParsedCsv;
  columns?: ReadonlyMap<string, number>;
}

const EMPTY: Table = {
  rows: [], size: 0, fields: () => [], row: () => { throw new RangeError('no rows'); }, extra: () => undefined, extraColumns: [], column: () => -1,
};

/**
 * Read one table file into rows addressed by column name. Header problems (missing,
 * duplicate, unknown columns) are reported once; rows are always kept.
 */
export function readTable(def: TableDef, text: string | undefined, problems: Problem[]): Table {
  if (text === undefined) {
    // A table added to the format later (computed.csv) is not needed: a matrix without it is as before.
    if (!def.optionalFile) problems.push({ severity: 'error', file: def.file, line: 0, column: 0, message: `missing file ${def.file}: a matrix folder needs it (${def.description})` });
    return EMPTY;
  }
  const csv = parseCsv(text, def.file);
  problems.push(...csv.problems);
  const index = new Map<string, number>();
  csv.header.forEach((name, i) => {
    const at = () => csv.locate(0, i);
    if (name === '') {
      problems.push({ severity: 'error', file: def.file, ...at(), message: `column ${i + 1} has an empty name in the header` });
    } else if (index.has(name)) {
      problems.push({ severity: 'error', file: def.file, ...at(), field: name, message: `duplicate column "${name}" in the header (also column ${index.get(name)! + 1}); the first one is used` });
    } else index.set(name, i);
  });

  // A column of an earlier format version is read as the column it became (format 1's
  // as_of as observed), unless the file has both: then the old one is kept as an extra column.
  const renamed = new Set<string>();
  for (const [before, now] of Object.entries(def.renamed ?? {})) {
    const at = index.get(before);
    if (at === undefined || index.has(now)) continue;
    index.set(now, at);
    renamed.add(before);
  }

  if (csv.header.length > 0 || csv.rows.length > 0) {
    for (const c of def.columns) {
      if (!index.has(c.name) && !c.optional) {
        const { line } = csv.locate(0, 0);
        problems.push({ severity: 'error', file: def.file, line, column: 0, field: c.name, message: `missing column "${c.name}" in the header: every row reads it as empty` });
      }
    }
  } else {
    problems.push({ severity: 'error', file: def.file, line: 0, column: 0, message: `empty file: ${def.file} needs a header row (${def.columns.map((c) => c.name).join(',')})` });
  }

  const known = new Set([...def.columns.map((c) => c.name), ...renamed]);
  const extraColumns = [...index.keys()].filter((name) => !known.has(name));
  for (const name of extraColumns) {
    const { line, column } = csv.locate(0, index.get(name)!);
    problems.push({ severity: 'warning', file: def.file, line, column, field: name, message: `column "${name}" is not part of the format; it is kept and written back` });
  }

  const context: TableContext = { def, csv, index, problems, extraColumns };
  let rows: TableRow[] | undefined;
  return {
    get rows() {
      return (rows ??= csv.rows.map((_, i) => new TableRow(context, i)));
    },
    size: csv.rows.length,
    fields: (i) => csv.rows[i],
    row: (i) => new TableRow(context, i),
    extra: (i) => extraOf(context, i),
    extraColumns,
    column: (name) => index.get(name) ?? -1,
    csv,
    columns: index,
  };
}
