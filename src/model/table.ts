import { parseCsv } from './csv/parse-csv.ts';
import type { TableDef } from './schema.ts';
import type { Extra, Problem, Severity } from './types.ts';

/** A row of a table, read by column name, that can point problems at its own fields. */
export interface TableRow {
  get(column: string): string;
  extra: Extra | undefined;
  /** Report a problem located at one of this row's fields. */
  report(column: string, message: string, severity?: Severity, target?: Problem['target']): void;
  line: number;
  /** Line and column where one of this row's fields starts. */
  locate(column: string): { line: number; column: number };
}

/** Where a loaded object came from, so later checks can point at its row. */
export interface RowLocator {
  file: string;
  locate(column: string): { line: number; column: number };
}

export interface Table {
  rows: TableRow[];
  extraColumns: string[];
}

/**
 * Read one table file into rows addressed by column name. Header problems (missing,
 * duplicate, unknown columns) are reported once; rows are always kept.
 */
export function readTable(def: TableDef, text: string | undefined, problems: Problem[]): Table {
  if (text === undefined) {
    problems.push({ severity: 'error', file: def.file, line: 0, column: 0, message: `missing file ${def.file}: a matrix folder needs it (${def.description})` });
    return { rows: [], extraColumns: [] };
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
      if (!index.has(c.name)) {
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

  const rows = csv.records.map((record): TableRow => {
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    let extra: Extra | undefined;
    if (extraColumns.length > 0) {
      extra = {};
      for (const name of extraColumns) extra[name] = get(name);
    }
    const report = (column: string, message: string, severity: Severity = 'error', target?: Problem['target']) => {
      const i = index.get(column);
      const { line, column: col } = csv.locate(record, i ?? 0);
      problems.push({ severity, file: def.file, line, column: i === undefined ? 0 : col, field: column, message, target });
    };
    const locate = (column: string) => {
      const i = index.get(column);
      const at = csv.locate(record, i ?? 0);
      return { line: at.line, column: i === undefined ? 0 : at.column };
    };
    return { get, extra, report, locate, line: csv.locate(record, 0).line };
  });
  return { rows, extraColumns };
}
