/**
 * The grid's rows with cell views built on demand: `row.cells[jurisdictionId]` builds that
 * cell's view the first time it is read (then keeps it). AG Grid reads only the cells it
 * renders, so showing a 500 × 200 matrix builds a few hundred views, not 100,000. Otherwise
 * the same rows as `matrixRows` / `matrixRow` (rows.ts): same order, same views.
 */
import { cellKey, type Cell, type Dimension, type Jurisdiction, type Matrix } from '../../model/types.ts';
import type { Snapshot } from '../../state/store.ts';
import { viewAsOf } from '../../model/time/as-of.ts';
import { buildView, orderedDimensions, orderedJurisdictions, type CellView, type MatrixRow } from './rows.ts';

interface Columns {
  /** By id (the last of duplicate ids, as `matrixRows` keeps). */
  byId: ReadonlyMap<string, Jurisdiction>;
  /** Ids in column order, each once. */
  ids: readonly string[];
}

function columnsOf(matrix: Matrix): Columns {
  const byId = new Map<string, Jurisdiction>();
  for (const j of orderedJurisdictions(matrix)) byId.set(j.id, j);
  return { byId, ids: [...byId.keys()] };
}

/** Each pair's cell shown (its latest period), by pair key: for a snapshot without an index. */
function firstCells(matrix: Matrix): ReadonlyMap<string, Cell> {
  return viewAsOf(matrix).shown;
}

/** Cell views of one row, by jurisdiction id, each built when first read. */
function lazyCells(snapshot: Snapshot, matrix: Matrix, dimension: Dimension, columns: Columns, cells: ReadonlyMap<string, Cell>): Record<string, CellView> {
  const built = new Map<string, CellView>();
  const view = (id: string): CellView | undefined => {
    let v = built.get(id);
    if (v === undefined) {
      const jurisdiction = columns.byId.get(id);
      if (!jurisdiction) return undefined;
      v = buildView(snapshot, matrix, dimension, jurisdiction, cells.get(cellKey(dimension.id, id)));
      built.set(id, v);
    }
    return v;
  };
  return new Proxy({} as Record<string, CellView>, {
    get: (_, id) => (typeof id === 'string' ? view(id) : undefined),
    has: (_, id) => typeof id === 'string' && columns.byId.has(id),
    ownKeys: () => [...columns.ids],
    getOwnPropertyDescriptor: (_, id) =>
      typeof id === 'string' && columns.byId.has(id) ? { value: view(id), enumerable: true, configurable: true, writable: false } : undefined,
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

/** Rows for the grid (empty before a matrix is loaded), with cell views built on demand. */
export function lazyMatrixRows(snapshot: Snapshot): MatrixRow[] {
  const { matrix } = snapshot;
  if (!matrix) return [];
  const cells = snapshot.view?.cells ?? firstCells(matrix);
  const columns = columnsOf(matrix);
  return orderedDimensions(matrix).map((dimension) => ({ dimension, cells: lazyCells(snapshot, matrix, dimension, columns, cells) }));
}

/** The row of one dimension (after an edit of its cells), with cell views built on demand. */
export function lazyMatrixRow(snapshot: Snapshot, dimensionId: string): MatrixRow | undefined {
  const { matrix, index } = snapshot;
  const dimension = index?.dimensions.get(dimensionId) ?? matrix?.dimensions.find((d) => d.id === dimensionId);
  if (!matrix || !dimension) return undefined;
  return { dimension, cells: lazyCells(snapshot, matrix, dimension, columnsOf(matrix), snapshot.view?.cells ?? firstCells(matrix)) };
}
