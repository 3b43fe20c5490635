import { join } from 'node:path';
import type { Coverage } from '../model/check/check.ts';
import type { Problem } from '../model/types.ts';

/** `folder/file:line:column: severity: message`, the form editors and CI logs link from. */
export function formatProblem(folder: string, p: Problem): string {
  return `${join(folder, p.file)}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

export function formatCoverage(c: Coverage): string {
  return [
    `cells: ${c.cells} — ${c.supported} supported, ${c.notInSource} not in source, ${c.draft} draft, ${c.flagged} flagged`,
    `citations: ${c.citations} — ${c.found} found, ${c.ambiguous} ambiguous, ${c.orphaned} orphaned`,
  ].join('\n');
}

/** Problems in file order, then line, then column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}
