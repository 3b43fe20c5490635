/**
 * Recomputing a matrix's computed cells and re-checking its row citations after a dataset is
 * replaced (a newer release): the same fixity and re-anchoring report as for a text source.
 *
 * For each dataset: whether its data file is the one whose SHA-256 sources.csv records
 * (`unchanged`), another (`replaced`), or none is recorded (`unrecorded`).
 *
 * For each computed cell (a rule of computed.csv):
 * - `unchanged`: the data gives the value (and level) the cell stores;
 * - `changed`: the data gives another: the old (stored) and new (computed) values;
 * - `orphaned`: the rule cannot be computed on the data any more (an entity or a column gone,
 *   a value in no category): the cell keeps its old value, and the reason is given;
 * - `unchecked`: the dataset is not loaded, or a limit was reached.
 *
 * For each row citation: `unchanged` (its row is there and holds the cited values),
 * `changed` (the row of its key holds other values now: old and new values), `ambiguous`
 * (several rows have its key), `orphaned` (no row has its key), `unchecked`.
 *
 * `applyRecompute` gives the matrix with the new values written in: changed cells take the
 * computed value and level, changed row citations the row's values now, and each replaced
 * dataset's source its new SHA-256 (once none of its cells and row citations is orphaned).
 * Orphaned and ambiguous ones are left as they are, for the analyst to decide.
 */
import type { RowLocator } from '../format/table.ts';
import { entryKeyOf, type Citation, type Matrix } from '../types.ts';
import { checkComputed, contextOf } from './computed-checks.ts';
import type { Dataset } from './dataset.ts';
import { parseRowValues } from './pairs.ts';
import { anchorRow, rowQuote } from './row-citation.ts';
import { isDatasetSource } from './read-dataset.ts';

export type RecomputeStatus = 'unchanged' | 'changed' | 'orphaned' | 'unchecked';
export type RowRecheckStatus = 'unchanged' | 'changed' | 'ambiguous' | 'orphaned' | 'unchecked';
export type FixityStatus = 'unchanged' | 'replaced' | 'unrecorded';

export const RECOMPUTE_STATUSES: readonly RecomputeStatus[] = ['unchanged', 'changed', 'orphaned', 'unchecked'];
export const ROW_RECHECK_STATUSES: readonly RowRecheckStatus[] = ['unchanged', 'changed', 'ambiguous', 'orphaned', 'unchecked'];

export interface ValueAndLevel {
  value: string;
  level: string;
}

export interface DatasetFixity {
  source: string;
  file: string;
  status: FixityStatus;
  /** SHA-256 recorded in sources.csv (undefined when none is). */
  recorded?: string;
  /** SHA-256 of the data file as it is now. */
  now: string;
  rows: number;
}

export interface RecomputedCell {
  dimension: string;
  jurisdiction: string;
  period: number;
  source: string;
  status: RecomputeStatus;
  /** What the cell stores (empty when it has no row in cells.csv). */
  old: ValueAndLevel;
  /** What the data gives now (unchanged, changed). */
  new?: ValueAndLevel;
  /** How many rows decide the new value. */
  rows?: number;
  /** Why orphaned or unchecked. */
  reason?: string;
}

export interface RecheckedRowCitation {
  dimension: string;
  jurisdiction: string;
  /** The period of the cell it supports (1 = the earliest). */
  period: number;
  seq: number;
  source: string;
  rowKey: string;
  status: RowRecheckStatus;
  /** The cited values (the citation's quote). */
  old: string;
  /** The values of the key's row now (changed). */
  new?: string;
  reason?: string;
}

export interface RecomputeReport {
  datasets: DatasetFixity[];
  cells: RecomputedCell[];
  citations: RecheckedRowCitation[];
  /** How many cells and row citations have each status. */
  counts: { cells: Record<RecomputeStatus, number>; citations: Record<RowRecheckStatus, number> };
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Recompute every computed cell and re-check every row citation of a matrix on its datasets as they are now. */
export function recompute(matrix: Matrix, datasets: ReadonlyMap<string, Dataset>, locations?: WeakMap<object, RowLocator>): RecomputeReport {
  const fixity: DatasetFixity[] = [];
  for (const source of matrix.sources) {
    const dataset = isDatasetSource(source) ? datasets.get(source.id) : undefined;
    if (!dataset) continue;
    const status: FixityStatus = source.sha256 === undefined ? 'unrecorded' : source.sha256 === dataset.sha256 ? 'unchanged' : 'replaced';
    fixity.push({ source: source.id, file: dataset.file, status, ...(source.sha256 !== undefined ? { recorded: source.sha256 } : {}), now: dataset.sha256, rows: dataset.rowCount });
  }

  const ctx = contextOf(matrix, datasets, locations);
  const checker = checkComputed(matrix, ctx);
  const cells: RecomputedCell[] = [];
  for (const check of checker.checks.values()) {
    const { rule } = check;
    const cell = ctx.cellOf(rule.dimension, rule.jurisdiction, rule.period);
    const old = { value: cell?.value ?? '', level: cell?.level ?? '' };
    const base = { dimension: rule.dimension, jurisdiction: rule.jurisdiction, period: rule.period, source: rule.source, old };
    const result = check.result;
    if (result?.ok && cell) {
      cells.push({ ...base, status: check.status === 'matches' ? 'unchanged' : 'changed', new: { ...result.value }, rows: result.rows.length });
    } else if (check.status === 'unchecked') {
      cells.push({ ...base, status: 'unchecked', reason: check.reason });
    } else {
      const reason = result && !result.ok ? result.message : (check.reason ?? 'the rule cannot be computed');
      cells.push({ ...base, status: 'orphaned', reason });
    }
  }

  const citations: RecheckedRowCitation[] = [];
  for (const c of matrix.citations) {
    if (!c.rowKey) continue;
    const dataset = datasets.get(c.source);
    const anchor = anchorRow(c, dataset);
    const base = { dimension: c.dimension, jurisdiction: c.jurisdiction, period: c.period, seq: c.seq, source: c.source, rowKey: c.rowKey, old: c.quote };
    if (anchor.status === 'found') citations.push({ ...base, status: 'unchanged' });
    else if (anchor.status === 'orphaned' && anchor.row !== undefined && dataset) {
      const cited = parseRowValues(c.quote);
      const columns = cited.ok ? cited.columns : [];
      const now = columns.length ? rowQuote(dataset, anchor.row, columns) : '';
      // A cited column gone from the data: the row is there, but what it said cannot be re-read.
      if (now === '' || /has no column/.test(anchor.reason ?? '')) citations.push({ ...base, status: 'orphaned', reason: anchor.reason });
      else citations.push({ ...base, status: 'changed', new: now, reason: anchor.reason });
    } else citations.push({ ...base, status: anchor.status, ...(anchor.reason ? { reason: anchor.reason } : {}) });
  }

  const counts = { cells: zero(RECOMPUTE_STATUSES), citations: zero(ROW_RECHECK_STATUSES) };
  for (const c of cells) counts.cells[c.status]++;
  for (const c of citations) counts.citations[c.status]++;
  return { datasets: fixity, cells, citations, counts };
}

/** Whether a report asks for nothing to be written (every cell and row citation unchanged, every dataset as recorded). */
export const nothingChanged = (report: RecomputeReport): boolean =>
  report.cells.every((c) => c.status === 'unchanged') && report.citations.every((c) => c.status === 'unchanged') && report.datasets.every((d) => d.status === 'unchanged');

/**
 * The matrix with a report's new values written in (see the top of this file): each computed
 * entry (dimension, jurisdiction, period) takes its new value; the other periods of the pair
 * (e.g. an earlier one from a text source) are left as they are.
 */
export function applyRecompute(matrix: Matrix, report: RecomputeReport): Matrix {
  const newValues = new Map(report.cells.filter((c) => c.status === 'changed' && c.new).map((c) => [entryKeyOf(c), c.new!]));
  const citationKey = (c: Pick<Citation, 'dimension' | 'jurisdiction' | 'period' | 'seq'>) => `${entryKeyOf(c)}\u0000${c.seq}`;
  const newQuotes = new Map(report.citations.filter((c) => c.status === 'changed' && c.new).map((c) => [citationKey(c), c.new!]));
  // A dataset's new hash is recorded only once every cell and row citation of it is re-read
  // (none orphaned): until then the recorded hash keeps saying which data the values came from.
  const settled = (source: string) => ![...report.cells, ...report.citations].some((c) => c.source === source && c.status !== 'unchanged' && c.status !== 'changed');
  const newHashes = new Map(report.datasets.filter((d) => d.status !== 'unchanged' && settled(d.source)).map((d) => [d.source, d.now]));
  const seen = new Set<string>();
  return {
    ...matrix,
    cells: matrix.cells.map((cell) => {
      const key = entryKeyOf(cell);
      const next = newValues.get(key);
      // Only the first row of an entry is the computed cell (contextOf reads the first).
      if (!next || seen.has(key)) return cell;
      seen.add(key);
      return { ...cell, value: next.value, level: next.level };
    }),
    citations: matrix.citations.map((c) => {
      const quote = c.rowKey ? newQuotes.get(citationKey(c)) : undefined;
      return quote === undefined ? c : { ...c, quote };
    }),
    sources: matrix.sources.map((s) => {
      const sha256 = newHashes.get(s.id);
      return sha256 === undefined ? s : { ...s, sha256 };
    }),
  };
}
