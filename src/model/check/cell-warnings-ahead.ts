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

const NONE: readonly Problem[] = Object.freeze([]);

export class CellWarningsAhead {
  private readonly lists: (readonly Problem[])[] = [];

  /** `at(index, column)`: where a field of cell `index` is, as the check's row locations say. */
  constructor(private readonly cells: readonly Cell[], private readonly lookup: CodebookLookup, private readonly at: (index: number, column: string) => At) {}

  /** Make the warnings of up to `limit` more cells (in order); true when every cell's are made. */
  step(limit: number): boolean {
    const { cells, lists, lookup } = this;
    const to = Math.min(cells.length, lists.length + limit);
    for (let i = lists.length; i < to; i++) {
      const list = ownCellCodebookProblems(cells[i], lookup, (column) => this.at(i, column));
      lists.push(list.length ? list : NONE);
    }
    return lists.length === cells.length;
  }

  /** How many cells' warnings are made (cells 0 to `made` - 1). */
  get made(): number {
    return this.lists.length;
  }

  /** The warnings of cell `index` (`matrix.cells[index]`), or undefined while they are not made. */
  of(index: number): readonly Problem[] | undefined {
    return this.lists[index];
  }
}
