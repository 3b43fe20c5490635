import { writeCsv } from './csv/write-csv.ts';
import { writeDescriptor } from './descriptor.ts';
import { DESCRIPTOR_FILE, TABLES } from './schema.ts';
import { isWritten, written, writtenColumns } from './written-columns.ts';

export { isWritten, written, writtenColumns } from './written-columns.ts';
import type { Cell, Citation, ComputedRule, Dimension, Extra, Level, Matrix, Source, TableName } from '../types.ts';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The header of a table as saved: its (written) columns, then the matrix's extra columns for it. */
export function tableHeader(matrix: Matrix, name: TableName, columns: readonly boolean[] = writtenColumns(matrix, name)): string[] {
  return [...written(TABLES[name].columns.map((c) => c.name), columns), ...(matrix.extraColumns[name] ?? [])];
}

/** The fields of a row as saved: its columns, then its values of the extra columns. */
export function rowFields<T extends { extra?: Extra }>(matrix: Matrix, name: TableName, row: T, fields: (row: T) => string[]): string[] {
  const extra = matrix.extraColumns[name] ?? [];
  return extra.length ? [...fields(row), ...extra.map((c) => row.extra?.[c] ?? '')] : fields(row);
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export const cellFields = (c: Cell): string[] => [
  c.dimension, c.jurisdiction, String(c.period), c.value, c.level, c.inForceFrom, c.inForceUntil, c.observed,
  c.status, c.confidence, yesNo(c.relative), c.note,
];
/** A source's fields in the canonical column order; an optional column not recorded is an empty field. */
export const sourceFields = (s: Source): string[] => [
  s.id, s.title, s.authors, s.year, s.path, s.kind ?? '', s.original ?? '', s.map ?? '', s.sha256 ?? '', s.textSha256 ?? '',
  s.url ?? '', s.archiveUrl ?? '', s.retrieved ?? '', s.evidenceType ?? '', s.publisher ?? '', s.licence ?? '',
];
export const citationFields = (c: Citation): string[] => [
  c.dimension, c.jurisdiction, String(c.period), String(c.seq), c.source, c.quote, c.prefix, c.suffix, c.locator, c.support, c.attribution,
  c.start === undefined ? '' : String(c.start), c.end === undefined ? '' : String(c.end), c.rowKey ?? '',
];
export const computedFields = (r: ComputedRule): string[] => [
  r.dimension, r.jurisdiction, String(r.period), r.source, r.rule, r.column, r.categories, r.filter, r.category,
  r.entityColumn, r.a, r.b, r.over, r.levels, r.decimals, r.note,
];
export const dimensionFields = (d: Dimension): string[] => [
  d.id, d.label, d.definition, d.theme, d.valueType, d.scale, d.unit, String(d.order), d.basis, d.codingRules, d.direction,
];
export const levelFields = (l: Level): string[] => [l.scale, String(l.rank), l.id, l.label, l.definition, yesNo(l.needsAbsolute)];

function table<T extends { extra?: Extra }>(matrix: Matrix, name: TableName, rows: readonly T[], fields: (row: T) => string[]): string {
  const columns = writtenColumns(matrix, name);
  return writeCsv(tableHeader(matrix, name, columns), rows.map((r) => rowFields(matrix, name, r, (x) => written(fields(x), columns))));
}

/**
 * Order of the rows of cells.csv or citations.csv as saved: by (dimension order, jurisdiction
 * order, period[, seq]), stably; rows of unknown dimensions or jurisdictions after the known
 * ones. Gives, for each position in the file, the index of its row.
 */
export function cellOrder<T extends { dimension: string; jurisdiction: string; period: number }>(matrix: Matrix, rows: readonly T[], seq?: (row: T) => number): number[] {
  const dimRank = new Map<string, number>();
  [...matrix.dimensions].sort(byOrder).forEach((d, i) => { if (!dimRank.has(d.id)) dimRank.set(d.id, i); });
  const jurRank = new Map<string, number>();
  [...matrix.jurisdictions].sort(byOrder).forEach((j, i) => { if (!jurRank.has(j.id)) jurRank.set(j.id, i); });
  const LAST = Number.MAX_SAFE_INTEGER;
  const n = rows.length;
  const d = new Float64Array(n);
  const j = new Float64Array(n);
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  rows.forEach((r, i) => {
    d[i] = dimRank.get(r.dimension) ?? LAST;
    j[i] = jurRank.get(r.jurisdiction) ?? LAST;
    p[i] = r.period;
    s[i] = seq ? seq(r) : 0;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  // Rows read from a canonical file are in order already: no sort then.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (d[i - 1] - d[i] || j[i - 1] - j[i] || p[i - 1] - p[i] || s[i - 1] - s[i]) <= 0;
  if (!sorted) order.sort((a, b) => d[a] - d[b] || j[a] - j[b] || p[a] - p[b] || s[a] - s[b] || a - b);
  return order;
}

/**
 * Write a matrix in the canonical form of docs/format.md: file name → text.
 * Rows are sorted so that the same matrix always gives the same bytes (clean git diffs).
 */
export function saveMatrix(matrix: Matrix): Record<string, string> {
  const dims = [...matrix.dimensions].sort(byOrder);
  const jurs = [...matrix.jurisdictions].sort(byOrder);
  const stable = <T>(rows: readonly T[], cmp: (a: T, b: T) => number) =>
    rows.map((r, i) => [r, i] as const).sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1]).map(([r]) => r);
  /** Stable sort by (dimension order, jurisdiction order, period[, seq]): keys computed once per row, not per comparison. */
  const byCell = <T extends { dimension: string; jurisdiction: string; period: number }>(rows: readonly T[], seq?: (row: T) => number): T[] =>
    cellOrder(matrix, rows, seq).map((i) => rows[i]);
  const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const files: Record<string, string> = {
    [DESCRIPTOR_FILE]: writeDescriptor(matrix),
    [TABLES.jurisdictions.file]: table(matrix, 'jurisdictions', jurs, (j) => [j.id, j.label, j.group, String(j.order)]),
    [TABLES.dimensions.file]: table(matrix, 'dimensions', dims, dimensionFields),
    [TABLES.scales.file]: table(matrix, 'scales', stable(matrix.levels, (a, b) => cmpStr(a.scale, b.scale) || a.rank - b.rank), levelFields),
    [TABLES.cells.file]: table(matrix, 'cells', byCell(matrix.cells), cellFields),
    [TABLES.citations.file]: table(matrix, 'citations', byCell(matrix.citations, (c) => c.seq), citationFields),
    [TABLES.sources.file]: table(matrix, 'sources', stable(matrix.sources, (a, b) => cmpStr(a.id, b.id)), sourceFields),
  };
  // computed.csv only when the matrix has computed cells (a matrix without it is saved as before).
  if (isWritten(matrix, 'computed')) {
    files[TABLES.computed.file] = table(matrix, 'computed', byCell(matrix.computed ?? [], (r) => r.period), computedFields);
  }
  return files;
}
