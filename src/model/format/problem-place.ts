import type { Problem } from '../types.ts';

/**
 * Where a problem is, as compilers print it: `file:line:column`, `file:line` when the column
 * is not known, and the file alone when the problem is about the whole file (line 0) — never
 * `file:0:0`. Shared by the command line and the app's problem list. `file` replaces the
 * problem's own (e.g. with the matrix folder in front).
 */
export function problemPlace(problem: Pick<Problem, 'file' | 'line' | 'column'>, file: string = problem.file): string {
  if (problem.line <= 0) return file;
  return problem.column > 0 ? `${file}:${problem.line}:${problem.column}` : `${file}:${problem.line}`;
}
