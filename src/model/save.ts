import { writeCsv } from './csv/write-csv.ts';
import { writeDescriptor } from './descriptor.ts';
import { DESCRIPTOR_FILE, TABLES } from './schema.ts';
import type { Extra, Matrix, TableName } from './types.ts';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function table<T extends { extra?: Extra }>(matrix: Matrix, name: TableName, rows: readonly T[], fields: (row: T) => string[]): string {
  const extra = matrix.extraColumns[name] ?? [];
  const header = [...TABLES[name].columns.map((c) => c.name), ...extra];
  return writeCsv(header, rows.map((r) => [...fields(r), ...extra.map((c) => r.extra?.[c] ?? '')]));
}

/**
 * Write a matrix in the canonical form of docs/format.md: file name → text.
 * Rows are sorted so that the same matrix always gives the same bytes (clean git diffs).
 */
export function saveMatrix(matrix: Matrix): Record<string, string> {
  const dims = [...matrix.dimensions].sort(byOrder);
  const jurs = [...matrix.jurisdictions].sort(byOrder);
  const dimRank = new Map<string, number>();
  dims.forEach((d, i) => { if (!dimRank.has(d.id)) dimRank.set(d.id, i); });
  const jurRank = new Map<string, number>();
  jurs.forEach((j, i) => { if (!jurRank.has(j.id)) jurRank.set(j.id, i); });
  // Cells of unknown dimensions/jurisdictions are kept, after the known ones, in file order.
  const LAST = Number.MAX_SAFE_INTEGER;
  const cellOrder = (d: string, j: string) => [dimRank.get(d) ?? LAST, jurRank.get(j) ?? LAST] as const;
  const stable = <T>(rows: readonly T[], cmp: (a: T, b: T) => number) =>
    rows.map((r, i) => [r, i] as const).sort((a, b) => cmp(a[0], b[0]) || a[1] - b[1]).map(([r]) => r);
  /** Stable sort by (dimension order, jurisdiction order[, seq]): keys computed once per row, not per comparison. */
  const byCell = <T extends { dimension: string; jurisdiction: string }>(rows: readonly T[], seq?: (row: T) => number): T[] => {
    const n = rows.length;
    const d = new Float64Array(n);
    const j = new Float64Array(n);
    const s = new Float64Array(n);
    rows.forEach((r, i) => {
      [d[i], j[i]] = cellOrder(r.dimension, r.jurisdiction);
      s[i] = seq ? seq(r) : 0;
    });
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => d[a] - d[b] || j[a] - j[b] || s[a] - s[b] || a - b);
    return order.map((i) => rows[i]);
  };
  const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  return {
    [DESCRIPTOR_FILE]: writeDescriptor(matrix),
    [TABLES.jurisdictions.file]: table(matrix, 'jurisdictions', jurs, (j) => [j.id, j.label, j.group, String(j.order)]),
    [TABLES.dimensions.file]: table(matrix, 'dimensions', dims, (d) => [d.id, d.label, d.definition, d.theme, d.valueType, d.scale, d.unit, String(d.order)]),
    [TABLES.scales.file]: table(matrix, 'scales', stable(matrix.levels, (a, b) => cmpStr(a.scale, b.scale) || a.rank - b.rank), (l) => [l.scale, String(l.rank), l.id, l.label, l.definition]),
    [TABLES.cells.file]: table(matrix, 'cells', byCell(matrix.cells), (c) => [c.dimension, c.jurisdiction, c.value, c.level, c.asOf, c.status, c.note]),
    [TABLES.citations.file]: table(matrix, 'citations', byCell(matrix.citations, (c) => c.seq), (c) => [c.dimension, c.jurisdiction, String(c.seq), c.source, c.quote, c.prefix, c.suffix, c.locator]),
    [TABLES.sources.file]: table(matrix, 'sources', stable(matrix.sources, (a, b) => cmpStr(a.id, b.id)), (s) => [s.id, s.title, s.authors, s.year, s.path]),
  };
}
