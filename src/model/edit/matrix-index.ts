/**
 * Look-ups an editor needs on every keystroke, kept up to date by patches instead of being
 * rebuilt: the cell of a (dimension, jurisdiction, period) entry, the periods of the pairs
 * that have several, dimensions and jurisdictions by id, and the levels of each scale.
 */
import { cellKey, entryKeyOf, type Cell, type Dimension, type Jurisdiction, type Level, type Matrix } from '../types.ts';
import { LayeredMap } from '../collections/layered-map.ts';
import { touched, type MatrixPatch } from './patch.ts';

export interface MatrixIndex {
  /**
   * The first row of cells.csv for each entry (as the checker uses it), by entry key: the
   * pair's key (`cellKey`) for period 1, `entryKey` for a later period.
   */
  readonly cells: LayeredMap<string, Cell>;
  /**
   * The entries of each pair that has a period other than 1 (a value over time), in period
   * order, by pair key. Most pairs have one period and are not here: this is the overflow
   * that keeps a matrix without periods as quick as before them.
   */
  readonly periods: LayeredMap<string, readonly Cell[]>;
  /** Whether cells.csv has several rows for one entry (then removals rebuild the index). */
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
 * The first cell of each entry, by entry key: built in one go, or as cells arrive (a load in
 * a worker). Each key is built here: no other map of a load is keyed by cellKey (the check
 * tells cells apart by pair id), so a table of shared key strings cost more than it saved
 * (100,000 cells: 30 ms with it, 17 ms without, in Node).
 */
export class CellMapBuilder {
  readonly cells = new Map<string, Cell>();
  readonly later: Cell[] = [];
  duplicate = false;

  add(cells: Iterable<Cell>): void {
    for (const cell of cells) {
      const key = entryKeyOf(cell);
      if (this.cells.has(key)) this.duplicate = true;
      else {
        this.cells.set(key, cell);
        if (cell.period !== 1) this.later.push(cell);
      }
    }
  }
}

/**
 * The first cell of each entry by entry key, whether some entry has more than one, and the
 * cells of a period other than 1 (a CellMapBuilder, or `CheckBuilder.cellsByKey()`).
 */
export interface CellsOfPairs {
  readonly cells: ReadonlyMap<string, Cell>;
  readonly duplicate: boolean;
  readonly later: readonly Cell[];
}

const byPeriod = (a: Cell, b: Cell) => a.period - b.period;

/** The entries of one pair as the index holds them (in period order), from candidates (any order, repeats allowed). */
function pairEntries(cells: ReadonlyMap<string, Cell>, pair: string, candidates: Iterable<Cell>): Cell[] {
  const out = new Set<Cell>();
  const first = cells.get(pair);
  if (first) out.add(first);
  for (const c of candidates) if (cells.get(entryKeyOf(c)) === c) out.add(c);
  return [...out].sort(byPeriod);
}

/** The periods of the pairs that have a period other than 1 (see MatrixIndex.periods). */
function periodsOf(cells: ReadonlyMap<string, Cell>, later: readonly Cell[]): Map<string, readonly Cell[]> {
  const byPair = new Map<string, Cell[]>();
  for (const c of later) {
    const pair = cellKey(c.dimension, c.jurisdiction);
    const list = byPair.get(pair);
    if (list) list.push(c);
    else byPair.set(pair, [c]);
  }
  const out = new Map<string, readonly Cell[]>();
  for (const [pair, list] of byPair) out.set(pair, pairEntries(cells, pair, list));
  return out;
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
    periods: LayeredMap.from(periodsOf(built.cells, built.later)),
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
    const key = entryKeyOf(cell);
    if (index.cells.get(key) === cell) gone.add(key);
  }
  const added = new Map<string, Cell>();
  for (const cell of after) {
    const key = entryKeyOf(cell);
    if (!added.has(key) && (gone.has(key) || !index.cells.has(key))) added.set(key, cell);
  }
  for (const key of gone) if (!added.has(key)) changes.push([key, undefined]);
  for (const [key, cell] of added) changes.push([key, cell]);
  const cells = changes.length ? index.cells.with(changes) : index.cells;
  // The periods of each pair touched that has (or had) a period other than 1.
  const periodChanges: [string, readonly Cell[] | undefined][] = [];
  const pairs = new Map<string, Cell[]>();
  for (const cell of [...before, ...after]) {
    const pair = cellKey(cell.dimension, cell.jurisdiction);
    if (cell.period === 1 && !index.periods.has(pair)) continue;
    const list = pairs.get(pair);
    if (list) list.push(cell);
    else pairs.set(pair, [cell]);
  }
  for (const [pair, touchedCells] of pairs) {
    const entries = pairEntries(cells, pair, [...(index.periods.get(pair) ?? []), ...touchedCells]);
    periodChanges.push([pair, entries.length === 0 || (entries.length === 1 && entries[0].period === 1) ? undefined : entries]);
  }
  return {
    ...index,
    cells,
    periods: periodChanges.length ? index.periods.with(periodChanges) : index.periods,
    dimensions: patch.dimensions ? firstById(next.dimensions) : index.dimensions,
    jurisdictions: patch.jurisdictions ? firstById(next.jurisdictions) : index.jurisdictions,
    scales: patch.levels ? scalesOf(next.levels) : index.scales,
  };
}
