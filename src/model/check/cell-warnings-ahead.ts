/**
 * The codebook warnings of cells that need none of their citations (`ownCellCodebookProblems`),
 * made ahead of the check, a few at a time: a load in a worker makes those of a large matrix
 * on the page while the worker still anchors the citations (see LoadAssembler), rather than
 * after its last message, and the check (CheckBuilder) takes each cell's as it checks the
 * cell, in the order and at the places it would have made them itself. A matrix coded before
 * the codebook has one or two per coded cell: 112,382 in the 100,000-cell bench matrix.
 */
import type { Cell, Problem } from '../types.ts';
import { ownCellCodebookProblems, type CodebookLookup } from './codebook-rules.ts';

type At = { line: number; column: number };

export class CellWarningsAhead {
  /** Every cell's warnings, cell after cell; cell i's end at `ends[i]` (no array per cell: 100,000 of them). */
  private readonly problems: Problem[] = [];
  private readonly ends: Int32Array;
  private next = 0;

  /**
   * `at(index, column)`: where a field of cell `index` is, as the check's row locations say;
   * without it, the warnings are made unplaced, and the check places them when they are
   * first read (see unplaced-warnings.ts), with its own locations.
   */
  constructor(private readonly cells: readonly Cell[], private readonly lookup: CodebookLookup, private readonly at?: (index: number, column: string) => At) {
    this.ends = new Int32Array(cells.length);
  }

  /** Whether the warnings are made unplaced (no `at`). */
  get unplaced(): boolean {
    return this.at === undefined;
  }

  /** Make the warnings of up to `limit` more cells (in order); true when every cell's are made. */
  step(limit: number): boolean {
    const { cells, lookup, problems, ends } = this;
    const to = Math.min(cells.length, this.next + limit);
    for (let i = this.next; i < to; i++) {
      const { at } = this;
      ownCellCodebookProblems(cells[i], lookup, at && ((column) => at(i, column)), problems);
      ends[i] = problems.length;
    }
    this.next = to;
    return to === cells.length;
  }

  /** How many cells' warnings are made (cells 0 to `made` - 1). */
  get made(): number {
    return this.next;
  }

  /** Where the warnings of cell `index` (`matrix.cells[index]`, made) start and end among `problem(k)`. */
  start(index: number): number {
    return index === 0 ? 0 : this.ends[index - 1];
  }

  end(index: number): number {
    return this.ends[index];
  }

  problem(k: number): Problem {
    return this.problems[k];
  }
}
