/** The words and short codes the comparison shows: figures as text, pair sentences, legend help. Pure. */
import { CONVERGENCES, type PairFigures } from '../../model/compare/index.ts';

export const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
export const decimal = (x: number | null) => (x === null ? '—' : x.toFixed(2));
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What each convergence class means, in the legend. */
export const CONVERGENCE_HELP: Record<(typeof CONVERGENCES)[number], string> = {
  same: 'every side with evidence is at the same level',
  adjacent: 'the largest gap between sides is one step on the scale',
  far: 'two or more steps apart on the scale',
  not_comparable: 'fewer than two sides have evidence, or the dimension has no scale',
};

/** Short codes for cells of the level overview that do not count (explained in the legend). */
export const EVIDENCE_CODE: Record<string, string> = { not_in_source: '–', draft: 'D', flagged: '⚑', missing: '∅' };

/** A pair's figures in one sentence (heatmap tooltips, screen readers, group lines). */
export function pairSentence(aLabel: string, bLabel: string, p: PairFigures | undefined): string {
  if (!p || p.n === 0) return `${aLabel} and ${bLabel}: no dimension on a scale where both have evidence.`;
  return (
    `${aLabel} and ${bLabel}: same level on ${p.same} of ${plural(p.n, 'dimension')} (${percent(p.sameShare)}); ` +
    `one step apart on ${p.adjacent}, far apart on ${p.far}; mean distance ${decimal(p.meanDistance)} steps ` +
    `(${decimal(p.meanNormalisedDistance)} of the scale).`
  );
}
