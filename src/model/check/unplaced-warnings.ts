/**
 * The cells' codebook warnings a check made unplaced (line and column 0, no message: see
 * `ownCellCodebookProblems`), and how to fill each in when it is first read. A matrix coded
 * before the codebook has one or two per coded cell (112,382 in the bench's largest matrix):
 * locating each in cells.csv (its row's fields scanned to the field, its line looked up) and
 * wording it was a tenth of a large load, and most loads show none of them, or a page of them.
 *
 * The check's problem set (check-problems.ts) fills in a problem before it hands it out: all
 * of them before the whole list (`list`, the sorted lists the views show, the command line's
 * output), those of one entry before that entry's (an edit re-checking it). A problem once
 * filled in is a plain problem, the same object, as it would have been made at once.
 */
import type { Cell, Problem } from '../types.ts';
import { placeCellWarning, type CodebookLookup } from './codebook-rules.ts';

type At = { line: number; column: number };

export class UnplacedWarnings {
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
    for (let k = 0; k < problemIndexes.length; k++) {
      const i = problemIndexes[k];
      // Those filled in one by one before are left as they are.
      if (cellOf && cellOf[i] < 0) continue;
      this.place(list![i], cellIndexes[k]);
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
