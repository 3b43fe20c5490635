import { parseCsv, type CsvRecord, type ParsedCsv } from './csv/parse-csv.ts';
import type { TableDef } from './schema.ts';
import type { Extra, Problem, Severity } from './types.ts';

/** Where a loaded object came from, so later checks can point at its row. */
export interface RowLocator {
  file: string;
  locate(column: string): { line: number; column: number };
}

/**
 * A row of a table, read by column name, that can point problems at its own fields.
 * One small object per row (no closures): tables run to hundreds of thousands of rows.
 */
export class TableRow implements RowLocator {
  constructor(
    private readonly table: TableContext,
    private readonly record: CsvRecord,
    readonly extra: Extra | undefined,
  ) {}

  get file(): string {
    return this.table.def.file;
  }

  get(column: string): string {
    const i = this.table.index.get(column);
    return i === undefined ? '' : (this.record.fields[i] ?? '');
  }

  /** The field at a column index from `Table.column` (-1: a missing column, read as empty). */
  at(index: number): string {
    return index < 0 ? '' : (this.record.fields[index] ?? '');
  }

  /** Line and column where one of this row's fields starts. */
  locate(column: string): { line: number; column: number } {
    const i = this.table.index.get(column);
    const at = this.table.csv.locate(this.record, i ?? 0);
    return { line: at.line, column: i === undefined ? 0 : at.column };
  }

  /** The parsed file this row was read from, its position among the file's rows, and the columns by name. */
  get origin(): { csv: ParsedCsv; row: number; columns: ReadonlyMap<string, number> } {
    return { csv: this.table.csv, row: this.record.row, columns: this.table.index };
  }

  /** The parsed file this row was read from (as `origin`, without making an object). */
  get csv(): ParsedCsv {
    return this.table.csv;
  }

  /** Position of this row among its file's rows (0 = the header). */
  get row(): number {
    return this.record.row;
  }

  /** Line where the row starts (worked out on demand). */
  get line(): number {
    return this.table.csv.locate(this.record, 0).line;
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
}

export interface Table {
  rows: TableRow[];
  extraColumns: string[];
  /** Index of a column for `TableRow.at`, -1 when the file has none (large tables: one look-up per column, not per row). */
  column(name: string): number;
}

/**
 * Read one table file into rows addressed by column name. Header problems (missing,
 * duplicate, unknown columns) are reported once; rows are always kept.
 */
export function readTable(def: TableDef, text: string | undefined, problems: Problem[]): Table {
  if (text === undefined) {
    problems.push({ severity: 'error', file: def.file, line: 0, column: 0, message: `missing file ${def.file}: a matrix folder needs it (${def.description})` });
    return { rows: [], extraColumns: [], column: () => -1 };
  }
  const csv = parseCsv(text, def.file);
  problems.push(...csv.problems);
  const index = new Map<string, number>();
  csv.header.forEach((name, i) => {
    const at = () => csv.locate('header', i);
    if (name === '') {
      problems.push({ severity: 'error', file: def.file, ...at(), message: `column ${i + 1} has an empty name in the header` });
    } else if (index.has(name)) {
      problems.push({ severity: 'error', file: def.file, ...at(), field: name, message: `duplicate column "${name}" in the header (also column ${index.get(name)! + 1}); the first one is used` });
    } else index.set(name, i);
  });

  if (csv.header.length > 0 || csv.records.length > 0) {
    for (const c of def.columns) {
      if (!index.has(c.name) && !c.optional) {
        const { line } = csv.locate('header', 0);
        problems.push({ severity: 'error', file: def.file, line, column: 0, field: c.name, message: `missing column "${c.name}" in the header: every row reads it as empty` });
      }
    }
  } else {
    problems.push({ severity: 'error', file: def.file, line: 0, column: 0, message: `empty file: ${def.file} needs a header row (${def.columns.map((c) => c.name).join(',')})` });
  }

  const known = new Set(def.columns.map((c) => c.name));
  const extraColumns = [...index.keys()].filter((name) => !known.has(name));
  for (const name of extraColumns) {
    const { line, column } = csv.locate('header', index.get(name)!);
    problems.push({ severity: 'warning', file: def.file, line, column, field: name, message: `column "${name}" is not part of the format; it is kept and written back` });
  }

  const context: TableContext = { def, csv, index, problems };
  const rows = csv.records.map((record) => {
    let extra: Extra | undefined;
    if (extraColumns.length > 0) {
      extra = {};
      for (const name of extraColumns) extra[name] = record.fields[index.get(name)!] ?? '';
    }
    return new TableRow(context, record, extra);
  });
  return { rows, extraColumns, column: (name) => index.get(name) ?? -1 };
}
