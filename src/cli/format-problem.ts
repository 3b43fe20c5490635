import { join } from 'node:path';
import { pastLimitOf, uncheckedWhy } from '../model/anchor/limits.ts';
import type { Coverage } from '../model/check/check.ts';
import { problemPlace } from '../model/format/problem-place.ts';
import type { Problem } from '../model/types.ts';
import { plain, severityWord, type Style } from './style.ts';

/**
 * `place: severity: message`, the form editors and CI logs link from; the place is
 * `file:line:column`, `file:line`, or the file alone when the whole file is at fault.
 */
export function diagnostic(place: string, severity: 'error' | 'warning' | 'note', message: string, style: Style = plain): string {
  return `${style.place(place)}: ${severityWord(style, severity)}: ${message}`;
}

/** `folder/file:line:column: severity: message` (see problemPlace: never `file:0:0`). */
export function formatProblem(folder: string, p: Problem, style: Style = plain): string {
  return diagnostic(problemPlace(p, join(folder, p.file)), p.severity, p.message, style);
}

export function formatCoverage(c: Coverage): string {
  return [
    `cells: ${c.cells} — ${c.supported} supported, ${c.notInSource} not in source, ${c.draft} draft, ${c.flagged} flagged`,
    `citations: ${c.citations} — ${c.found} found, ${c.ambiguous} ambiguous, ${c.orphaned} orphaned` +
      (c.unchecked
        ? `, ${c.unchecked} unchecked ${uncheckedWhy(c.unchecked, pastLimitOf(c.citations), 'their source text is missing', (n) => `with ${n === 1 ? 'its' : 'their'} source text missing`)}`
        : ''),
    ...(c.computed
      ? [`computed from data: ${c.computed} — ${c.computed - c.computedDiffering - c.computedFailed - c.computedUnchecked} match their data, ${c.computedDiffering} differ` +
          (c.computedFailed ? `, ${c.computedFailed} cannot be computed` : '') + (c.computedUnchecked ? `, ${c.computedUnchecked} not computed (their dataset is missing)` : '')]
      : []),
  ].join('\n');
}

/** `2 errors, 1 warning`, each count in its colour when not zero. */
export function formatCounts(errors: number, warnings: number, style: Style = plain): string {
  const e = `${errors} error${errors === 1 ? '' : 's'}`;
  const w = `${warnings} warning${warnings === 1 ? '' : 's'}`;
  return `${errors ? style.error(e) : e}, ${warnings ? style.warning(w) : w}`;
}

/** Problems in file order, then line, then column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}
