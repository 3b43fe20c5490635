/**
 * What a problem is about, for a UI to select it: the problem's own target, or else the
 * row of the file it points at (a dimension, jurisdiction, cell or citation), found from
 * where each loaded object came from. Pure.
 */
import type { RowLocator } from './table.ts';
import { TABLES } from './schema.ts';
import type { Matrix, Problem, ProblemTarget } from '../types.ts';

/**
 * The object whose row starts last at or before `line`. Rows are kept in file order, so it is
 * found by halving (a file of 20,000 damaged rows lists 20,000 problems: a scan for each made
 * listing them quadratic); a row with no place found falls back to a scan.
 */
function rowAt<T extends object>(items: readonly T[], locations: WeakMap<object, RowLocator>, column: string, line: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = locations.get(items[mid])?.locate(column).line ?? 0;
    if (at === 0) return scanRowAt(items, locations, column, line);
    if (at <= line) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found < 0 ? undefined : items[found];
}

function scanRowAt<T extends object>(items: readonly T[], locations: WeakMap<object, RowLocator>, column: string, line: number): T | undefined {
  let best: T | undefined;
  let bestLine = 0;
  for (const item of items) {
    const at = locations.get(item)?.locate(column).line ?? 0;
    if (at > 0 && at <= line && at >= bestLine) {
      best = item;
      bestLine = at;
    }
  }
  return best;
}

export function problemTarget(problem: Problem, matrix: Matrix | undefined, locations: WeakMap<object, RowLocator>): ProblemTarget | undefined {
  if (problem.target) return problem.target;
  if (!matrix || problem.line < 1) return undefined;
  switch (problem.file) {
    case TABLES.dimensions.file: {
      const d = rowAt(matrix.dimensions, locations, 'id', problem.line);
      return d && { kind: 'dimension', id: d.id };
    }
    case TABLES.jurisdictions.file: {
      const j = rowAt(matrix.jurisdictions, locations, 'id', problem.line);
      return j && { kind: 'jurisdiction', id: j.id };
    }
    case TABLES.cells.file: {
      const c = rowAt(matrix.cells, locations, 'dimension', problem.line);
      return c && { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction };
    }
    case TABLES.citations.file: {
      const c = rowAt(matrix.citations, locations, 'dimension', problem.line);
      return c && { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq };
    }
    case TABLES.sources.file: {
      const s = rowAt(matrix.sources, locations, 'id', problem.line);
      return s && { kind: 'source', id: s.id };
    }
    default:
      return undefined;
  }
}
