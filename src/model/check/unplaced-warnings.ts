/**
 * The cells' codebook warnings a check made unplaced (line and column 0, no message and no
 * target: see `ownCellCodebookProblems`), and how to fill each in when it is first read. A
 * matrix coded before the codebook has one or two per coded cell (112,382 in the bench's
 * largest matrix): locating each in cells.csv (its row's fields scanned to the field, its
 * line looked up) and wording it took 8 % of a large load's CPU profile in Node, besides its
 * garbage, and most loads show none of them, or a page of them.
 *
 * The check's problem set (check-problems.ts) fills in a problem before it hands it out: all
 * of them before the whole list (`list`, the sorted lists the views show, the command line's
 * output), those of one entry before that entry's (an edit re-checking it). A problem once
 * filled in is a plain problem, the same object, as it would have been made at once.
 */
import type { Cell, Problem } from '../types.ts';
import { ownCellCodebookProblems, placeCellWarning, type CodebookLookup } from './codebook-rules.ts';

type At = { line: number; column: number };

export class UnplacedWarnings {
  /** Every one is a codebook warning (what the views list apart, see check-problems.ts). */
  readonly category = 'codebook';

  /** For each unplaced warning, its index in the check's list, and its cell's index in `cells`. */
  private problemIndexes: number[] = [];
  private cellIndexes: number[] = [];
  /** Each problem's cell (index), -1 once placed or when not one of these; made on the first `fill`. */
  private cellOf: Int32Array | undefined;
  private list: readonly Problem[] | undefined;
  private left = 0;

  /**
   * `at(index, column)`: where a field of cell `index` is (as the check locates it). Holds the
   * cells, the look-up and what `at` holds until every warning is placed, nothing more.
   */
  constructor(private cells: readonly Cell[] | undefined, private lookup: CodebookLookup | undefined, private at: ((index: number, column: string) => At) | undefined) {}

  /** The warnings of cell `cellIndex` are the list's `from` to `to` - 1, unplaced. */
  add(cellIndex: number, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      this.problemIndexes.push(k);
      this.cellIndexes.push(cellIndex);
    }
    this.left += to - from;
  }

  get size(): number {
    return this.left;
  }

  /** The list the indexes are of (the check's, final). */
  of(list: readonly Problem[]): this {
    this.list = list;
    return this;
  }

  /** Fill in problem `i` of the list, if it is one still unplaced. */
  fill(i: number): void {
    if (this.left === 0) return;
    if (!this.cellOf) {
      const cellOf = new Int32Array(this.list!.length).fill(-1);
      for (let k = 0; k < this.problemIndexes.length; k++) cellOf[this.problemIndexes[k]] = this.cellIndexes[k];
      this.cellOf = cellOf;
    }
    const cell = this.cellOf[i];
    if (cell < 0) return;
    this.cellOf[i] = -1;
    this.place(this.list![i], cell);
    if (--this.left === 0) this.release();
  }

  /** Fill in every problem still unplaced. */
  fillAll(): void {
    if (this.left === 0) return;
    const { problemIndexes, cellIndexes, list, cellOf } = this;
    const at = this.at!;
    const lookup = this.lookup!;
    for (let k = 0; k < problemIndexes.length;) {
      // A cell's warnings (one to three, together) from one making of them, placed.
      const cell = cellIndexes[k];
      let end = k + 1;
      while (end < problemIndexes.length && cellIndexes[end] === cell && problemIndexes[end] === problemIndexes[end - 1] + 1) end++;
      const placed = ownCellCodebookProblems(this.cells![cell], lookup, (column) => at(cell, column));
      for (; k < end; k++) {
        const i = problemIndexes[k];
        // Those filled in one by one before are left as they are.
        if (cellOf && cellOf[i] < 0) continue;
        copyPlace(list![i], placed);
      }
    }
    this.left = 0;
    this.release();
  }

  private place(problem: Problem, cellIndex: number): void {
    const at = this.at!;
    placeCellWarning(problem, this.cells![cellIndex], this.lookup!, (column) => at(cellIndex, column));
  }

  /** Once every warning is placed, nothing of the load is held for them. */
  private release(): void {
    this.problemIndexes = [];
    this.cellIndexes = [];
    this.cellOf = undefined;
    this.cells = undefined;
    this.lookup = undefined;
    this.at = undefined;
  }
}

/** Fill in `problem` from the one of `placed` about the same field (each rule's has a field of its own). */
function copyPlace(problem: Problem, placed: readonly Problem[]): void {
  for (const p of placed) {
    if (p.field !== problem.field) continue;
    problem.line = p.line;
    problem.column = p.column;
    problem.message = p.message;
    problem.target = p.target;
    return;
  }
}
