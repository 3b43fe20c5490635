import type { Problem } from '../model/types.ts';

/** A problem as compilers print it: `file:line:column: message` (line/column left out when unknown). */
export function formatProblem(problem: Problem): string {
  let where = problem.file;
  if (problem.line > 0) {
    where += `:${problem.line}`;
    if (problem.column > 0) where += `:${problem.column}`;
  }
  return `${where}: ${problem.message}`;
}

/** Errors first, then warnings; within each, by file, line and column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return [...problems].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}
