/**
 * The grid's view of a snapshot: one row per dimension (in order), one `CellView` per
 * jurisdiction. Pure functions, no DOM.
 */
import { isPastLimit, uncheckedWhy } from '../../model/anchor/limits.ts';
import { computedOf, flagReason } from '../../model/check/check.ts';
import { levelOf, scaleOf } from '../../model/levels.ts';
import {
  cellKey,
  type Cell,
  type CellCheck,
  type Dimension,
  type Jurisdiction,
  type Level,
  type Matrix,
} from '../../model/types.ts';
import type { Snapshot } from '../../state/store.ts';
import { ABSENCE_EXPLAINED, ABSENCE_WORDS, viewAsOf, type Absence } from '../../model/time/as-of.ts';
import { shownValue as shownValueText } from '../../model/value-text.ts';

export interface CellView {
  key: string;
  dimension: Dimension;
  jurisdiction: Jurisdiction;
  /** The row of cells.csv, or undefined when the file has none for this pair (or none in force as of the date shown). */
  cell: Cell | undefined;
  /** With no cell: why the pair's entries show none as of the date shown (undefined: it has none). */
  absence?: Absence;
  check: CellCheck | undefined;
  /** Why the cell is flagged, in words (when it is). */
  flag: string | undefined;
  level: Level | undefined;
  /** Number of levels on the dimension's scale (for "2 of 4"). */
  levels: number;
  citations: number;
  found: number;
  ambiguous: number;
  orphaned: number;
  /** Citations not looked for: their source text is not loaded, or they are past the limit of citations checked. */
  unchecked: number;
  /** Of the unchecked, those past the limit of citations checked. */
  pastLimit: number;
}

export interface MatrixRow {
  dimension: Dimension;
  /** Cell views by jurisdiction id. */
  cells: Record<string, CellView>;
}

export const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const orderedJurisdictions = (matrix: Matrix): Jurisdiction[] => [...matrix.jurisdictions].sort(byOrder);
export const orderedDimensions = (matrix: Matrix): Dimension[] => [...matrix.dimensions].sort(byOrder);

/** Each pair's cell shown (its latest period), by pair key: for a snapshot without an index. */
function firstCells(matrix: Matrix): ReadonlyMap<string, Cell> {
  return viewAsOf(matrix).shown;
}

/** Levels of a dimension's scale (from the snapshot's index when there is one). */
function levelsOf(snapshot: Snapshot, matrix: Matrix, dimension: Dimension): readonly Level[] {
  if (dimension.valueType !== 'ordinal') return [];
  return snapshot.index?.scales.get(dimension.scale) ?? scaleOf(matrix, dimension.scale);
}

/** The view of one cell (`cell`: its entry shown, if any: see Snapshot.view). */
export function buildView(snapshot: Snapshot, matrix: Matrix, dimension: Dimension, jurisdiction: Jurisdiction, cell: Cell | undefined): CellView {
  const key = cellKey(dimension.id, jurisdiction.id);
  const citations = (snapshot.view?.citations ?? snapshot.check?.citations)?.get(key) ?? [];
  const count = (status: string) => citations.filter((c) => c.anchor.status === status).length;
  const scale = levelsOf(snapshot, matrix, dimension);
  return {
    key,
    dimension,
    jurisdiction,
    cell,
    ...(!cell && snapshot.view ? { absence: snapshot.view.absence(key) } : {}),
    check: (snapshot.view?.checks ?? snapshot.check?.cells)?.get(key),
    flag: cell ? flagReason(cell.status, cell.value, citations, computedOf(snapshot.check, dimension.id, jurisdiction.id, cell.period)) : undefined,
    level: cell && cell.level !== '' ? (snapshot.index ? scale.find((l) => l.id === cell.level) : levelOf(matrix, dimension.id, cell.level)) : undefined,
    levels: scale.length,
    citations: citations.length,
    found: count('found'),
    ambiguous: count('ambiguous'),
    orphaned: count('orphaned'),
    unchecked: count('unchecked'),
    pastLimit: citations.filter((c) => isPastLimit(c.anchor)).length,
  };
}

/** Rows for the grid (empty before a matrix is loaded). */
export function matrixRows(snapshot: Snapshot): MatrixRow[] {
  const { matrix } = snapshot;
  if (!matrix) return [];
  const cellByKey: ReadonlyMap<string, Cell> = snapshot.view?.cells ?? firstCells(matrix);
  const jurisdictions = orderedJurisdictions(matrix);
  return orderedDimensions(matrix).map((dimension) => rowOf(snapshot, matrix, dimension, jurisdictions, cellByKey));
}

function rowOf(snapshot: Snapshot, matrix: Matrix, dimension: Dimension, jurisdictions: readonly Jurisdiction[], cellByKey: ReadonlyMap<string, Cell>): MatrixRow {
  const cells: Record<string, CellView> = {};
  for (const jurisdiction of jurisdictions) {
    const cell = cellByKey.get(cellKey(dimension.id, jurisdiction.id));
    cells[jurisdiction.id] = buildView(snapshot, matrix, dimension, jurisdiction, cell);
  }
  return { dimension, cells };
}

/**
 * The row of one dimension (for updating the grid after an edit of its cells): O(jurisdictions)
 * with the snapshot's index. Undefined when the dimension is not in the matrix.
 */
export function matrixRow(snapshot: Snapshot, dimensionId: string): MatrixRow | undefined {
  const { matrix, index } = snapshot;
  const dimension = index?.dimensions.get(dimensionId) ?? matrix?.dimensions.find((d) => d.id === dimensionId);
  if (!matrix || !dimension) return undefined;
  return rowOf(snapshot, matrix, dimension, orderedJurisdictions(matrix), snapshot.view?.cells ?? firstCells(matrix));
}

/** The view of one cell by key (its entry shown), if the key names a cell of the matrix. */
export function cellViewOf(snapshot: Snapshot, key: string): CellView | undefined {
  const { matrix } = snapshot;
  if (!matrix) return undefined;
  const [dimensionId, jurisdictionId] = key.split('\u0000');
  const { index } = snapshot;
  const dimension = index ? index.dimensions.get(dimensionId) : matrix.dimensions.find((d) => d.id === dimensionId);
  const jurisdiction = index ? index.jurisdictions.get(jurisdictionId) : matrix.jurisdictions.find((j) => j.id === jurisdictionId);
  if (!dimension || !jurisdiction || cellKey(dimension.id, jurisdiction.id) !== key) return undefined;
  const cell = snapshot.view ? snapshot.view.cells.get(key) : firstCells(matrix).get(key);
  return buildView(snapshot, matrix, dimension, jurisdiction, cell);
}

/** The value as shown: with its unit for numbers ("1 site"), yes/no capitalised for booleans. */
export const displayValue = (dimension: Dimension, value: string): string => shownValueText(dimension, value);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Words for a cell's citation warnings, e.g. "1 orphaned citation, 2 ambiguous citations". */
export function citationWarning(view: Pick<CellView, 'ambiguous' | 'orphaned'> & Partial<Pick<CellView, 'unchecked' | 'pastLimit'>>): string | undefined {
  const parts: string[] = [];
  if (view.orphaned) parts.push(`${plural(view.orphaned, 'orphaned citation')}`);
  if (view.ambiguous) parts.push(`${plural(view.ambiguous, 'ambiguous citation')}`);
  if (view.unchecked) {
    const why = uncheckedWhy(view.unchecked, view.pastLimit ?? 0, 'source text not loaded', (n) => `with ${n === 1 ? 'its' : 'their'} source text not loaded`);
    parts.push(`${plural(view.unchecked, 'unchecked citation')} ${why}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

/** The cell's own text as the grid shows it: the value (with its unit), "Not in source", or "—" for no value. */
export function shownValue(view: CellView): string {
  const { cell } = view;
  if (!cell) return view.absence ? ABSENCE_WORDS[view.absence] : 'No entry';
  const value = displayValue(view.dimension, cell.value);
  if (value !== '') return value;
  return cell.status === 'not_in_source' ? 'Not in source' : '—';
}

/** The level line as the grid shows it, e.g. "Partial · 2 of 3" (undefined without a level). */
export function shownLevel(view: CellView): string | undefined {
  if (!view.level) return undefined;
  return view.levels ? `${view.level.label} · ${view.level.rank} of ${view.levels}` : view.level.label;
}

/**
 * What a screen reader says for a grid cell (its accessible name). It starts with what the
 * cell shows, word for word and in the same order (value, citation count, Flagged / Draft
 * markers, level), so that the visible words are part of the name (WCAG 2.5.3 Label in Name:
 * a speech-input user says what they see). Then what the marks mean, in words, e.g.
 * "Abolished in 2001, 2, Flagged, Partial, 2 of 3. 2 citations; flagged: has a value but none
 * of its citations is found in the source; citation warning: 2 orphaned citations".
 * The row and column headers are announced with it.
 */
export function cellAccessibleName(view: CellView): string {
  const { cell } = view;
  if (!cell && view.absence) return ABSENCE_EXPLAINED[view.absence];
  if (!cell) return 'No entry (no row in cells.csv)';
  const value = shownValue(view);
  const shown = [value === '—' ? 'No value' : value];
  if (view.citations) shown.push(String(view.citations));
  if (view.check === 'flagged') shown.push('Flagged');
  if (view.check === 'draft') shown.push('Draft');
  const level = shownLevel(view);
  if (level) shown.push(level.replace(' · ', ', '));
  const meaning: string[] = [];
  if (view.citations) meaning.push(plural(view.citations, 'citation'));
  if (view.check === 'flagged') meaning.push(`flagged: ${view.flag ?? 'needs review'}`);
  const warning = citationWarning(view);
  if (warning) meaning.push(`citation warning: ${warning}`);
  return meaning.length ? `${shown.join(', ')}. ${meaning.join('; ')}` : shown.join(', ');
}

export const CHECK_LABELS: Record<CellCheck, string> = {
  supported: 'Supported',
  not_in_source: 'Not in source',
  draft: 'Draft',
  flagged: 'Flagged',
};

export { plural };
