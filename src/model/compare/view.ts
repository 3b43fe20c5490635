/**
 * What a comparison view shows: display filters and the divergence sort. They change which
 * rows are shown and in what order, never the figures (see docs/compare.md).
 */
import type { Convergence, DimensionComparison } from './compare.ts';

export type SortOrder = 'order' | 'divergence';
export const SORT_ORDERS: readonly SortOrder[] = ['order', 'divergence'];

export interface DisplayFilters {
  /** Only dimensions whose sides differ: one step apart or far apart. */
  onlyDifferences: boolean;
  /** Only dimensions where every side has at least one cell with evidence. */
  onlyEvidence: boolean;
  sort: SortOrder;
}

export const DEFAULT_FILTERS: DisplayFilters = { onlyDifferences: false, onlyEvidence: false, sort: 'order' };

/** Divergence rank of a class: far apart first, not comparable last. */
const CLASS_RANK: Record<Convergence, number> = { far: 0, adjacent: 1, same: 2, not_comparable: 3 };

/**
 * Most divergent first: by class (far apart, one step apart, same level, not comparable),
 * then by normalised gap (larger first), then by the dimension's order (and id). Total and
 * deterministic.
 */
export function byDivergence(a: DimensionComparison, b: DimensionComparison): number {
  return (
    CLASS_RANK[a.convergence] - CLASS_RANK[b.convergence] ||
    (b.normalisedGap ?? 0) - (a.normalisedGap ?? 0) ||
    a.dimension.order - b.dimension.order ||
    (a.dimension.id < b.dimension.id ? -1 : a.dimension.id > b.dimension.id ? 1 : 0)
  );
}

export const hasEvidenceOnEverySide = (d: DimensionComparison): boolean =>
  d.sides.every((s) => s.positions.some((p) => p.supported));

export const differs = (d: DimensionComparison): boolean => d.convergence === 'adjacent' || d.convergence === 'far';

/** The dimensions to show, filtered and sorted (the input is not changed). */
export function displayedDimensions(dimensions: readonly DimensionComparison[], filters: DisplayFilters): DimensionComparison[] {
  const shown = dimensions.filter((d) => (!filters.onlyDifferences || differs(d)) && (!filters.onlyEvidence || hasEvidenceOnEverySide(d)));
  return filters.sort === 'divergence' ? shown.sort(byDivergence) : shown;
}

/** How many dimensions fall in each class. */
export function countByClass(dimensions: readonly DimensionComparison[]): Record<Convergence, number> {
  const counts: Record<Convergence, number> = { same: 0, adjacent: 0, far: 0, not_comparable: 0 };
  for (const d of dimensions) counts[d.convergence]++;
  return counts;
}
