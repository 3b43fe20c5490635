/**
 * A sorted list of problems (see `compareProblems`) that an edit changes without copying it:
 * kept in blocks of a few hundred, an edit copies the list of blocks and the blocks it
 * touches, and every other block is shared with the list it was made from (which stays as
 * it was). The views read a count and the first few hundred (`length`, `slice`); the whole
 * list as one array is made only when asked for (`toArray`). Copying the whole list at every
 * edit, with the garbage of a list of 200,000 problems each time, took 3–16 ms an edit.
 */
import type { Problem } from '../types.ts';
import { compareProblems } from './check-problems.ts';

/** Problems per block (a block that grows to twice this is split). */
const BLOCK = 512;

/** First index in `list` (sorted) whose problem sorts after `p` (`strict`) or not before it. */
export function bound(list: readonly Problem[], p: Problem, strict: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareProblems(list[mid], p);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First block (none empty) whose last problem sorts after `p` (`strict`) or not before it; `blocks.length` when none. */
function blockOf(blocks: readonly (readonly Problem[])[], p: Problem, strict: boolean): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const block = blocks[mid];
    const c = compareProblems(block[block.length - 1], p);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedProblems {
  private flat: readonly Problem[] | undefined;

  private constructor(private readonly blocks: readonly (readonly Problem[])[], readonly length: number) {}

  /** The list of problems already sorted by `compareProblems` (not changed afterwards). */
  static of(sorted: readonly Problem[]): SortedProblems {
    const blocks: Problem[][] = [];
    for (let i = 0; i < sorted.length; i += BLOCK) blocks.push(sorted.slice(i, i + BLOCK));
    const list = new SortedProblems(blocks, sorted.length);
    list.flat = sorted;
    return list;
  }

  /** Problems `from` to `to` (excluded), as `Array.prototype.slice` gives them. */
  slice(from = 0, to = this.length): Problem[] {
    const start = from < 0 ? Math.max(0, this.length + from) : Math.min(from, this.length);
    const end = to < 0 ? Math.max(0, this.length + to) : Math.min(to, this.length);
    const out: Problem[] = [];
    let base = 0;
    for (const block of this.blocks) {
      if (base >= end) break;
      if (base + block.length > start) {
        for (let i = Math.max(0, start - base); i < block.length && base + i < end; i++) out.push(block[i]);
      }
      base += block.length;
    }
    return out;
  }

  /** Every problem, in order, as one array (made once). */
  toArray(): readonly Problem[] {
    return (this.flat ??= this.blocks.flat());
  }

  /**
   * This list without `taken` (by identity; each at most once) and with `put` (sorted), each
   * put after the problems that sort the same, as a stable sort of a list where they come
   * last puts them. This list is left as it was.
   */
  edited(taken: readonly Problem[], put: readonly Problem[]): SortedProblems {
    const blocks = this.blocks.slice() as Problem[][];
    // Blocks copied for this edit: changed in place from then on.
    const own = new Set<Problem[]>();
    const ownAt = (b: number): Problem[] => {
      if (!own.has(blocks[b])) {
        blocks[b] = blocks[b].slice();
        own.add(blocks[b]);
      }
      return blocks[b];
    };
    let length = this.length;
    for (const p of taken) {
      // Problems that sort the same may run on over several blocks.
      search: for (let b = blockOf(blocks, p, false), first = true; b < blocks.length; b++, first = false) {
        const block = blocks[b];
        for (let i = first ? bound(block, p, false) : 0; i < block.length; i++) {
          if (block[i] === p) {
            const changed = ownAt(b);
            changed.splice(i, 1);
            if (changed.length === 0) blocks.splice(b, 1);
            length--;
            break search;
          }
          if (compareProblems(block[i], p) > 0) break search;
        }
      }
    }
    for (const p of put) {
      if (blocks.length === 0) {
        const block = [p];
        own.add(block);
        blocks.push(block);
        length++;
        continue;
      }
      // After every problem that does not sort after it: in the first block with one that does (else at the end).
      const b = Math.min(blockOf(blocks, p, true), blocks.length - 1);
      const block = ownAt(b);
      block.splice(bound(block, p, true), 0, p);
      length++;
      if (block.length >= 2 * BLOCK) {
        const halves = [block.slice(0, BLOCK), block.slice(BLOCK)];
        for (const half of halves) own.add(half);
        blocks.splice(b, 1, ...halves);
      }
    }
    return new SortedProblems(blocks, length);
  }
}
