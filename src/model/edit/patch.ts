/**
 * A patch: the exact change one edit makes to a matrix's tables, as data. Applying a patch
 * gives a new matrix (tables not touched are shared); its inverse undoes it exactly, back to
 * the same objects in the same places, so undo restores the matrix as it was.
 *
 * Per table, in this order: `replace` swaps objects in place (positions do not move),
 * `remove` drops objects (their positions are recorded in the inverse), `insert` puts
 * objects at positions of the resulting array (ascending). A patch never names one object
 * in two of these.
 */
import type { Cell, Citation, ComputedRule, Dimension, Jurisdiction, Level, Matrix, Source } from '../types.ts';
import type { SourceContentPatch } from './source-content.ts';

export interface TablePatch<T> {
  readonly replace?: readonly (readonly [T, T])[];
  readonly remove?: readonly T[];
  readonly insert?: readonly (readonly [number, T])[];
}

export interface MatrixPatch {
  readonly dimensions?: TablePatch<Dimension>;
  readonly jurisdictions?: TablePatch<Jurisdiction>;
  /** The levels of the scales (their codebook: label, definition, needs absolute). */
  readonly levels?: TablePatch<Level>;
  readonly cells?: TablePatch<Cell>;
  readonly citations?: TablePatch<Citation>;
  readonly sources?: TablePatch<Source>;
  /**
   * The sources' texts, maps and files this edit sets (adding a source, a new version of one):
   * not part of the matrix's tables, so `applyPatch` leaves it to the store (see source-content.ts).
   */
  readonly content?: SourceContentPatch;
  /** The rules of computed cells (computed.csv). */
  readonly computed?: TablePatch<ComputedRule>;
}

export const PATCHED_TABLES = ['dimensions', 'jurisdictions', 'levels', 'cells', 'citations', 'sources', 'computed'] as const;
type PatchedTable = (typeof PATCHED_TABLES)[number];

/**
 * Each big table's places, carried to the next version while patches only replace objects,
 * so a merge does not scan 100,000 cells. A hint: each place is checked before it is used.
 */
const places = new WeakMap<readonly unknown[], Map<unknown, number>>();
const PLACED = 4096;

/** Positions of `items` in `array` (each object once), by identity. */
function positionsOf<T>(array: readonly T[], items: readonly T[]): Map<T, number> {
  const out = new Map<T, number>();
  const placed = places.get(array) as Map<T, number> | undefined;
  let rest = items;
  if (placed) {
    const missing: T[] = [];
    for (const item of items) {
      const i = placed.get(item);
      if (i !== undefined && array[i] === item) out.set(item, i);
      else missing.push(item);
    }
    if (missing.length === 0) return out;
    rest = missing;
  }
  if (rest.length <= 8) {
    for (const item of rest) {
      const i = array.lastIndexOf(item);
      if (i < 0) throw new Error('patch does not fit the matrix: an object to change is not in its table');
      out.set(item, i);
    }
    return out;
  }
  const wanted = new Set(rest);
  let found = 0;
  if (array.length >= PLACED) {
    const all = new Map<unknown, number>();
    array.forEach((item, i) => {
      all.set(item, i);
      if (wanted.has(item)) {
        out.set(item, i);
        found++;
      }
    });
    places.set(array, all);
  } else {
    array.forEach((item, i) => {
      if (wanted.has(item)) {
        out.set(item, i);
        found++;
      }
    });
  }
  if (found !== wanted.size) throw new Error('patch does not fit the matrix: an object to change is not in its table');
  return out;
}

/**
 * Apply a table patch; returns the new array and the inverse patch. O(n) pointer copies for
 * the table touched (plain arrays cannot do better), no per-row work beyond that.
 */
export function applyTablePatch<T>(array: readonly T[], patch: TablePatch<T>): { array: T[]; inverse: TablePatch<T> } {
  const replace = patch.replace ?? [];
  const remove = patch.remove ?? [];
  const insert = patch.insert ?? [];
  let out: T[] = array.slice();
  if (replace.length) {
    const at = positionsOf(array, replace.map(([from]) => from));
    for (const [from, to] of replace) out[at.get(from)!] = to;
    const placed = places.get(array);
    if (placed) {
      for (const [from, to] of replace) {
        placed.delete(from);
        placed.set(to, at.get(from)!);
      }
      places.set(out, placed);
    }
  } else {
    const placed = places.get(array);
    if (placed) places.set(out, placed);
  }
  let removedAt: [number, T][] = [];
  if (remove.length) {
    const at = positionsOf(out, remove);
    removedAt = remove.map((item) => [at.get(item)!, item] as [number, T]).sort((a, b) => a[0] - b[0]);
    if (remove.length <= 8) {
      // A few rows: cut them out of the copy (a memmove each), from the back.
      for (let k = removedAt.length - 1; k >= 0; k--) out.splice(removedAt[k][0], 1);
    } else {
      const gone = new Set(remove);
      out = out.filter((item) => !gone.has(item));
    }
  }
  if (insert.length) {
    const sorted = [...insert].sort((a, b) => a[0] - b[0]);
    for (const [i, item] of sorted) {
      if (i < 0 || i > out.length) throw new Error(`patch does not fit the matrix: no position ${i} in a table of ${out.length}`);
      out.splice(i, 0, item);
    }
  }
  if (removedAt.length || insert.length) places.delete(out);
  const inverse: TablePatch<T> = {
    ...(replace.length ? { replace: replace.map(([from, to]) => [to, from] as const) } : {}),
    ...(insert.length ? { remove: insert.map(([, item]) => item) } : {}),
    ...(removedAt.length ? { insert: removedAt } : {}),
  };
  return { array: out, inverse };
}

/** Apply a patch to a matrix: a new matrix (untouched tables shared) and the inverse patch. */
export function applyPatch(matrix: Matrix, patch: MatrixPatch): { matrix: Matrix; inverse: MatrixPatch } {
  const next: Matrix = { ...matrix };
  const inverse: { -readonly [T in PatchedTable]?: MatrixPatch[T] } = {};
  for (const table of PATCHED_TABLES) {
    const p = patch[table] as TablePatch<unknown> | undefined;
    if (!p) continue;
    // A matrix without computed cells has no list of them (undefined): one is made for the first.
    const r = applyTablePatch((matrix[table] ?? []) as unknown[], p);
    (next as unknown as Record<string, unknown[] | undefined>)[table] = table === 'computed' && r.array.length === 0 ? undefined : r.array;
    (inverse as Record<string, TablePatch<unknown>>)[table] = r.inverse;
  }
  return { matrix: next, inverse };
}

/** Every object a patch puts in or takes out of a table (both sides of replacements). */
export function touched<T>(patch: TablePatch<T> | undefined): { before: T[]; after: T[] } {
  const before: T[] = [];
  const after: T[] = [];
  for (const [from, to] of patch?.replace ?? []) {
    before.push(from);
    after.push(to);
  }
  before.push(...(patch?.remove ?? []));
  for (const [, item] of patch?.insert ?? []) after.push(item);
  return { before, after };
}

/** Whether a patch changes the rows or columns of the matrix (not only cells and citations). */
export const isStructural = (patch: MatrixPatch): boolean => patch.dimensions !== undefined || patch.jurisdictions !== undefined;
