/**
 * A comparison as plain JSON-ready data (what `policy-matrix compare --json` prints).
 * Pure, no DOM.
 */
import {
  CONVERGENCE_LABELS, notComparableText, positionNote,
  type Comparison, type Convergence, type DimensionComparison, type Evidence, type PairFigures,
} from './compare.ts';
import type { Side } from './sides.ts';
import { displayedDimensions, type DisplayFilters } from './view.ts';

export interface CellReport {
  jurisdiction: string;
  side: string;
  value: string;
  level: string | null;
  levelLabel: string | null;
  /** 1-based position of the level on the scale. */
  rank: number | null;
  evidence: Evidence;
  /** Whether the cell counts in the comparison. */
  compared: boolean;
  note: string | null;
}

export interface DimensionReport {
  id: string;
  label: string;
  theme: string;
  valueType: string;
  scale: string;
  levels: number;
  convergence: Convergence;
  convergenceLabel: string;
  gap: number | null;
  normalisedGap: number | null;
  comparedSides: number;
  reason: string | null;
  cells: CellReport[];
}

export interface PairReport extends Omit<PairFigures, 'a' | 'b'> {
  a: string;
  b: string;
  aLabel: string;
  bLabel: string;
}

export interface ComparisonReport {
  matrix: { name: string; title: string };
  sides: { kind: Side['kind']; id: string; label: string; members: string[]; memberLabels: string[] }[];
  theme: string;
  filters: DisplayFilters;
  /** Shown dimensions (after filters and sort). */
  dimensions: DimensionReport[];
  /** How many dimensions are in scope (the theme's, or all); the figures rest on these. */
  dimensionsInScope: number;
  counts: Record<Convergence, number>;
  /** Figures per pair of sides; ids are side ids (jurisdiction ids or group names). */
  sidePairs: PairReport[];
  /** Figures per pair of jurisdictions on the sides. */
  jurisdictionPairs: PairReport[];
}

function dimensionReport(d: DimensionComparison): DimensionReport {
  return {
    id: d.dimension.id,
    label: d.dimension.label,
    theme: d.dimension.theme,
    valueType: d.dimension.valueType,
    scale: d.dimension.scale,
    levels: d.scale.length,
    convergence: d.convergence,
    convergenceLabel: CONVERGENCE_LABELS[d.convergence],
    gap: d.gap,
    normalisedGap: d.normalisedGap,
    comparedSides: d.comparedSides,
    reason: notComparableText(d) ?? null,
    cells: d.sides.flatMap((s) =>
      s.positions.map((p) => ({
        jurisdiction: p.jurisdiction.id,
        side: s.side.id,
        value: p.cell?.value ?? '',
        level: p.level?.id ?? (p.cell?.level || null),
        levelLabel: p.level?.label ?? null,
        rank: p.level ? d.scale.indexOf(p.level) + 1 : null,
        evidence: p.evidence,
        compared: p.step !== undefined,
        note: positionNote(p, d) ?? null,
      })),
    ),
  };
}

export function comparisonReport(
  comparison: Comparison,
  matrix: { name: string; title: string },
  filters: DisplayFilters,
): ComparisonReport {
  const sideByKey = new Map(comparison.sides.map((s) => [s.key, s]));
  const labelOf = (key: string) => {
    const side = sideByKey.get(key);
    if (side) return { id: side.id, label: side.label };
    const id = key.replace(/^jurisdiction:/, '');
    const j = comparison.jurisdictions.find((x) => x.id === id);
    return { id, label: j?.label || id };
  };
  const pair = (p: PairFigures): PairReport => {
    const a = labelOf(p.a);
    const b = labelOf(p.b);
    return { ...p, a: a.id, b: b.id, aLabel: a.label, bLabel: b.label };
  };
  const counts: Record<Convergence, number> = { same: 0, adjacent: 0, far: 0, not_comparable: 0 };
  for (const d of comparison.dimensions) counts[d.convergence]++;
  return {
    matrix,
    sides: comparison.sides.map((s) => ({
      kind: s.kind, id: s.id, label: s.label, members: s.members.map((m) => m.id), memberLabels: s.members.map((m) => m.label || m.id),
    })),
    theme: comparison.theme,
    filters,
    dimensions: displayedDimensions(comparison.dimensions, filters).map(dimensionReport),
    dimensionsInScope: comparison.dimensions.length,
    counts,
    sidePairs: comparison.sidePairs.map(pair),
    jurisdictionPairs: comparison.jurisdictionPairs.map(pair),
  };
}
