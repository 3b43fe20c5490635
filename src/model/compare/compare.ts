/**
 * Side-by-side comparison of jurisdictions (or groups) over the dimensions of a matrix:
 * per dimension a convergence class from the levels, and per pair of sides the summary
 * figures defined in docs/compare.md. Pure functions, no DOM.
 *
 * Only cells with evidence count: a cell whose check is `supported` (a value backed by at
 * least one citation found in the source, not flagged) and, on an ordinal dimension, whose
 * level is on the dimension's scale. Draft, not-in-source, flagged and missing cells are
 * shown but never compared.
 */
import type { MatrixCheck } from '../check/check.ts';
import { ABSENCE_WORDS, viewAsOf, type Absence } from '../time/as-of.ts';
import { cellKey, entryKeyOf, type Cell, type CellCheck, type Dimension, type Jurisdiction, type Level, type Matrix } from '../types.ts';
import type { Side } from './sides.ts';

/** How the sides' levels on a dimension relate. */
export type Convergence = 'same' | 'adjacent' | 'far' | 'not_comparable';

export const CONVERGENCES: readonly Convergence[] = ['same', 'adjacent', 'far', 'not_comparable'];

/** The evidence status of a cell as the comparison sees it (`missing`: no row in cells.csv). */
export type Evidence = CellCheck | 'missing';

/** Why a dimension is not comparable. */
export type NotComparableReason = 'no_scale' | 'no_evidence';

/** One jurisdiction's cell on one dimension. */
export interface Position {
  key: string;
  jurisdiction: Jurisdiction;
  cell: Cell | undefined;
  evidence: Evidence;
  /** The cell's level on the dimension's scale, if it names one. */
  level: Level | undefined;
  /** 0-based step of the level on the scale (rank order), when the cell counts in the comparison. */
  step: number | undefined;
  /** Whether the cell has evidence (check `supported`). */
  supported: boolean;
  /** With no cell shown although the pair has entries: why none is in force as of the date. */
  absence?: Absence;
}

/** One side's cells on one dimension. */
export interface SidePositions {
  side: Side;
  positions: Position[];
  /** Distinct steps of the side's compared cells, ascending (a group may hold several). */
  steps: number[];
}

export interface DimensionComparison {
  dimension: Dimension;
  /** The dimension's scale, lowest first (empty when the dimension is not ordinal). */
  scale: Level[];
  sides: SidePositions[];
  convergence: Convergence;
  /** Largest level distance, in steps, between sides (null when not comparable). */
  gap: number | null;
  /** gap / (levels − 1), in [0, 1] (0 on a scale of one level; null when not comparable). */
  normalisedGap: number | null;
  /** How many sides have at least one compared cell. */
  comparedSides: number;
  reason?: NotComparableReason;
}

/** The summary figures of one pair of sides (or of jurisdictions) over the dimensions in scope. */
export interface PairFigures {
  /** Side keys (`jurisdiction:eu`, `group:EU`). */
  a: string;
  b: string;
  /** Dimensions both have evidence for, on a scale: what the figures rest on. */
  n: number;
  same: number;
  adjacent: number;
  far: number;
  /** same / n (null when n = 0). */
  sameShare: number | null;
  /** Mean level distance in steps (null when n = 0). */
  meanDistance: number | null;
  /** Mean of distance / (levels − 1), in [0, 1] (null when n = 0). */
  meanNormalisedDistance: number | null;
  /** Ids of the n dimensions, in matrix order. */
  dimensions: string[];
}

export interface Comparison {
  sides: Side[];
  /** Every jurisdiction on some side, in side order then matrix order. */
  jurisdictions: Jurisdiction[];
  /** The dimension's theme the comparison is limited to ('' = every theme). */
  theme: string;
  /** The dimensions in scope, in matrix order. */
  dimensions: DimensionComparison[];
  /** Figures for each pair of sides (side order). */
  sidePairs: PairFigures[];
  /** Figures for each pair of jurisdictions on the sides (the pairwise heatmap). */
  jurisdictionPairs: PairFigures[];
}

export const CONVERGENCE_LABELS: Record<Convergence, string> = {
  same: 'Same level',
  adjacent: 'One step apart',
  far: 'Far apart',
  not_comparable: 'Not comparable',
};

export const EVIDENCE_LABELS: Record<Evidence, string> = {
  supported: 'Supported',
  not_in_source: 'Not in source',
  draft: 'Draft',
  flagged: 'Flagged',
  missing: 'No entry',
};

/** The class of a level distance in steps. */
export const convergenceOf = (gap: number): Convergence => (gap === 0 ? 'same' : gap === 1 ? 'adjacent' : 'far');

const dimensionOrder = (a: Dimension, b: Dimension) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Dimensions in row order, each id once. */
export function orderedDimensions(matrix: Matrix): Dimension[] {
  const seen = new Set<string>();
  return [...matrix.dimensions].sort(dimensionOrder).filter((d) => !seen.has(d.id) && (seen.add(d.id), true));
}

/** Themes in the order of their first dimension. */
export function themesOf(matrix: Matrix): string[] {
  const themes: string[] = [];
  for (const d of orderedDimensions(matrix)) if (d.theme !== '' && !themes.includes(d.theme)) themes.push(d.theme);
  return themes;
}

/** The scale of an ordinal dimension, lowest first; empty for other value types or an unknown scale. */
function scaleFor(matrix: Matrix, dimension: Dimension): Level[] {
  if (dimension.valueType !== 'ordinal' || dimension.scale === '') return [];
  const seen = new Set<string>();
  return matrix.levels
    .filter((l) => l.scale === dimension.scale)
    .sort((a, b) => a.rank - b.rank)
    .filter((l) => !seen.has(l.id) && (seen.add(l.id), true));
}

function position(dimension: Dimension, scale: Level[], jurisdiction: Jurisdiction, cell: Cell | undefined, check: MatrixCheck, absence: Absence | undefined): Position {
  const key = cellKey(dimension.id, jurisdiction.id);
  // A cell the check does not know (it cannot happen for a checked matrix) never counts.
  // The check is by entry: a later period's status is under its own key.
  const evidence: Evidence = cell ? (check.cells.get(entryKeyOf(cell)) ?? (cell.status === 'supported' ? 'flagged' : cell.status)) : 'missing';
  const index = cell && cell.level !== '' ? scale.findIndex((l) => l.id === cell.level) : -1;
  const level = index >= 0 ? scale[index] : undefined;
  const supported = evidence === 'supported';
  return { key, jurisdiction, cell, evidence, level, step: supported && level ? index : undefined, supported, ...(!cell && absence ? { absence } : {}) };
}

const stepsOf = (positions: Position[]) =>
  [...new Set(positions.map((p) => p.step).filter((s): s is number => s !== undefined))].sort((a, b) => a - b);

/** The largest distance in steps between a level of one side and a level of the other (undefined if either has none). */
export function sideGap(a: readonly number[], b: readonly number[]): number | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  // The largest |x − y| over x in a, y in b is reached at the ends of the sorted lists.
  return Math.max(Math.abs(a[a.length - 1] - b[0]), Math.abs(b[b.length - 1] - a[0]));
}

const normalise = (gap: number, levels: number) => (levels > 1 ? gap / (levels - 1) : 0);

function compareDimension(matrix: Matrix, check: MatrixCheck, dimension: Dimension, sides: Side[], cells: ReadonlyMap<string, Cell>, absent: ReadonlyMap<string, Absence>): DimensionComparison {
  const scale = scaleFor(matrix, dimension);
  const sidePositions: SidePositions[] = sides.map((side) => {
    const positions = side.members.map((j) => position(dimension, scale, j, cells.get(cellKey(dimension.id, j.id)), check, absent.get(cellKey(dimension.id, j.id))));
    return { side, positions, steps: stepsOf(positions) };
  });
  const compared = sidePositions.filter((s) => s.steps.length > 0);
  const base = { dimension, scale, sides: sidePositions, comparedSides: compared.length };
  if (scale.length === 0) return { ...base, convergence: 'not_comparable', gap: null, normalisedGap: null, reason: 'no_scale' };
  if (compared.length < 2) return { ...base, convergence: 'not_comparable', gap: null, normalisedGap: null, reason: 'no_evidence' };
  let gap = 0;
  for (let i = 0; i < compared.length; i++) {
    for (let k = i + 1; k < compared.length; k++) gap = Math.max(gap, sideGap(compared[i].steps, compared[k].steps)!);
  }
  return { ...base, convergence: convergenceOf(gap), gap, normalisedGap: normalise(gap, scale.length) };
}

/** Figures for two lists of per-dimension steps (aligned with `dimensions`). */
function pairFigures(a: string, b: string, dimensions: DimensionComparison[], stepsA: number[][], stepsB: number[][]): PairFigures {
  let same = 0, adjacent = 0, far = 0, distance = 0, normalised = 0;
  const ids: string[] = [];
  dimensions.forEach((d, i) => {
    if (d.scale.length === 0) return;
    const gap = sideGap(stepsA[i], stepsB[i]);
    if (gap === undefined) return;
    ids.push(d.dimension.id);
    const c = convergenceOf(gap);
    if (c === 'same') same++;
    else if (c === 'adjacent') adjacent++;
    else far++;
    distance += gap;
    normalised += normalise(gap, d.scale.length);
  });
  const n = ids.length;
  return {
    a, b, n, same, adjacent, far,
    sameShare: n ? same / n : null,
    meanDistance: n ? distance / n : null,
    meanNormalisedDistance: n ? normalised / n : null,
    dimensions: ids,
  };
}

export interface CompareOptions {
  /** Limit the comparison (and its figures) to the dimensions of this theme ('' = all). */
  theme?: string;
  /** Compare the matrix as of this date (`YYYY[-MM[-DD]]`; undefined: each pair's latest period). */
  asOf?: string;
}

/**
 * Compare sides over the dimensions of a matrix; `check` (from checkMatrix) says which
 * cells have evidence.
 */
export function compareMatrix(matrix: Matrix, check: MatrixCheck, sides: readonly Side[], options: CompareOptions = {}): Comparison {
  const theme = options.theme ?? '';
  // One entry per pair: the one shown as of the date.
  const { shown: cells, absent } = viewAsOf(matrix, options.asOf);
  const list = [...sides];
  const dimensions = orderedDimensions(matrix)
    .filter((d) => theme === '' || d.theme === theme)
    .map((d) => compareDimension(matrix, check, d, list, cells, absent));

  const sidePairs: PairFigures[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let k = i + 1; k < list.length; k++) {
      sidePairs.push(pairFigures(list[i].key, list[k].key, dimensions, dimensions.map((d) => d.sides[i].steps), dimensions.map((d) => d.sides[k].steps)));
    }
  }

  // Jurisdictions in side order; their steps per dimension.
  const members: { j: Jurisdiction; side: number; index: number }[] = [];
  list.forEach((s, side) => s.members.forEach((j, index) => members.push({ j, side, index })));
  const stepsOfJurisdiction = (m: { side: number; index: number }) =>
    dimensions.map((d) => {
      const step = d.sides[m.side].positions[m.index].step;
      return step === undefined ? [] : [step];
    });
  const memberSteps = members.map(stepsOfJurisdiction);
  const jurisdictionPairs: PairFigures[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let k = i + 1; k < members.length; k++) {
      jurisdictionPairs.push(pairFigures(`jurisdiction:${members[i].j.id}`, `jurisdiction:${members[k].j.id}`, dimensions, memberSteps[i], memberSteps[k]));
    }
  }
  return { sides: list, jurisdictions: members.map((m) => m.j), theme, dimensions, sidePairs, jurisdictionPairs };
}

/** The figures of a pair, whichever way round it is asked for. */
export function figuresOf(pairs: readonly PairFigures[], a: string, b: string): PairFigures | undefined {
  return pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
}

/** Why a cell does not count, in words (undefined when it counts or is not on a scale). */
export function positionNote(p: Position, d: Pick<DimensionComparison, 'scale'>): string | undefined {
  if (p.absence) return ABSENCE_WORDS[p.absence];
  if (p.evidence !== 'supported') return EVIDENCE_LABELS[p.evidence];
  if (d.scale.length > 0 && p.step === undefined) return p.cell?.level ? `level "${p.cell.level}" is not on the scale` : 'no level';
  return undefined;
}

/** The reason a dimension is not comparable, in words (undefined when it is comparable). */
export function notComparableText(d: DimensionComparison): string | undefined {
  if (d.reason === 'no_scale') return `no scale (${d.dimension.valueType} values)`;
  if (d.reason === 'no_evidence') {
    const missing = d.sides.filter((s) => s.steps.length === 0).map((s) => {
      const notes = [...new Set(s.positions.map((p) => positionNote(p, d) ?? 'no level'))];
      return `${s.side.label}: ${notes.join(', ').toLowerCase()}`;
    });
    return missing.length ? `no evidence on both sides (${missing.join('; ')})` : 'no evidence on both sides';
  }
  return undefined;
}
