/**
 * Look-ups an editor needs on every keystroke, kept up to date by patches instead of being
 * rebuilt: the cell of a (dimension, jurisdiction) pair, dimensions and jurisdictions by id,
 * and the levels of each scale.
 */
import { cellKey, type Cell, type Dimension, type Jurisdiction, type Level, type Matrix } from '../types.ts';
import { LayeredMap } from '../collections/layered-map.ts';
import { touched, type MatrixPatch } from './patch.ts';

export interface MatrixIndex {
  /** The first row of cells.csv for each pair (as the checker and the grid use it). */
  readonly cells: LayeredMap<string, Cell>;
  /** Whether cells.csv has several rows for one pair (then removals rebuild the index). */
  readonly duplicateCells: boolean;
  readonly dimensions: ReadonlyMap<string, Dimension>;
  readonly jurisdictions: ReadonlyMap<string, Jurisdiction>;
  /** Levels of each scale, lowest rank first. */
  readonly scales: ReadonlyMap<string, readonly Level[]>;
}

function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(item.id)) out.set(item.id, item);
  return out;
}

function scalesOf(levels: readonly Level[]): Map<string, Level[]> {
  const out = new Map<string, Level[]>();
  for (const level of levels) {
    let list = out.get(level.scale);
    if (!list) out.set(level.scale, (list = []));
    list.push(level);
  }
  for (const list of out.values()) list.sort((a, b) => a.rank - b.rank);
  return out;
}

/**
 * The first cell of each pair, by cellKey: built in one go, or as cells arrive (a load in a
 * worker). Each key is built here: no other map of a load is keyed by cellKey (the check
 * tells cells apart by pair id), so a table of shared key strings cost more than it saved
 * (100,000 cells: 30 ms with it, 17 ms without, in Node).
 */
export class CellMapBuilder {
  readonly cells = new Map<string, Cell>();
  duplicate = false;

  add(cells: Iterable<Cell>): void {
    for (const cell of cells) {
      const key = cellKey(cell.dimension, cell.jurisdiction);
      if (this.cells.has(key)) this.duplicate = true;
      else this.cells.set(key, cell);
    }
  }
}

/** The first cell of each pair by cellKey, and whether some pair has more than one (a CellMapBuilder, or `CheckBuilder.cellsByKey()`). */
export interface CellsOfPairs {
  readonly cells: ReadonlyMap<string, Cell>;
  readonly duplicate: boolean;
}

/** Build the index of a matrix (O(cells)); `cells`: its cells by key, found already. */
export function indexMatrix(matrix: Matrix, cells?: CellsOfPairs): MatrixIndex {
  let built = cells;
  if (!built) {
    const builder = new CellMapBuilder();
    builder.add(matrix.cells);
    built = builder;
  }
  return {
    cells: LayeredMap.from(built.cells),
    duplicateCells: built.duplicate,
    dimensions: firstById(matrix.dimensions),
    jurisdictions: firstById(matrix.jurisdictions),
    scales: scalesOf(matrix.levels),
  };
}

/**
 * The index of `next` = `patch` applied to the matrix indexed by `index`: O(cells changed)
 * for cell edits; dimensions and jurisdictions (small tables) are re-indexed when touched.
 */
export function updateIndex(index: MatrixIndex, patch: MatrixPatch, next: Matrix): MatrixIndex {
  const { before, after } = touched(patch.cells);
  if (index.duplicateCells && before.length > 0) return indexMatrix(next);
  const changes: [string, Cell | undefined][] = [];
  const gone = new Set<string>();
  for (const cell of before) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    if (index.cells.get(key) === cell) gone.add(key);
  }
  const added = new Map<string, Cell>();
  for (const cell of after) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    if (!added.has(key) && (gone.has(key) || !index.cells.has(key))) added.set(key, cell);
  }
  for (const key of gone) if (!added.has(key)) changes.push([key, undefined]);
  for (const [key, cell] of added) changes.push([key, cell]);
  return {
    ...index,
    cells: changes.length ? index.cells.with(changes) : index.cells,
    dimensions: patch.dimensions ? firstById(next.dimensions) : index.dimensions,
    jurisdictions: patch.jurisdictions ? firstById(next.jurisdictions) : index.jurisdictions,
  };
}
