/**
 * The sorted lists the problem views read (src/model/check/sorted-problems.ts), changed by
 * each edit without a copy of every problem, are those a stable sort of the edited list
 * gives: the same problems, in the same order, ties included, across the blocks they are
 * kept in; and the list an edit was made from is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { compareProblems } from '../../src/model/check/check-problems.ts';
import { SortedProblems } from '../../src/model/check/sorted-problems.ts';
import type { Problem } from '../../src/model/types.ts';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let made = 0;
/** A problem at one of few places: many sort the same (ties keep the order they came in). */
function problem(next: () => number): Problem {
  return {
    severity: next() < 0.2 ? 'error' : 'warning', file: next() < 0.5 ? 'cells.csv' : 'citations.csv',
    line: 1 + Math.floor(next() * 40), column: Math.floor(next() * 3), message: `problem ${made++}`,
  };
}

/** What the list must be: `list` without `taken`, then `put` after it, sorted stably. */
const expected = (list: readonly Problem[], taken: readonly Problem[], put: readonly Problem[]) =>
  [...list.filter((p) => !taken.includes(p)), ...put].sort(compareProblems);

describe('sorted problems', () => {
  it('after edits of a few problems at a time, read whole or in parts, are a stable sort of the edited list', () => {
    const next = random(7);
    // Over several blocks (512 problems each), with runs of ties longer than a block.
    let reference = Array.from({ length: 3000 }, () => problem(next)).sort(compareProblems);
    let list = SortedProblems.of(reference);
    for (let edit = 0; edit < 300; edit++) {
      const taken = Array.from({ length: Math.floor(next() * 4) }, () => reference[Math.floor(next() * reference.length)]).filter((p, i, all) => all.indexOf(p) === i);
      // Now and then many at once (a block split), or most of the list taken out (blocks emptied).
      const putCount = edit % 50 === 7 ? 1500 : Math.floor(next() * 4);
      const put = Array.from({ length: putCount }, () => problem(next)).sort(compareProblems);
      const wholeTaken = edit === 150 ? reference.slice(0, 2900) : taken;
      const before = list;
      const beforeItems = list.toArray().slice();
      list = list.edited(wholeTaken, put);
      reference = expected(reference, wholeTaken, put);
      expect(list.length).toBe(reference.length);
      expect(list.toArray()).toEqual(reference);
      for (let i = 0; i < reference.length; i++) if (list.toArray()[i] !== reference[i]) throw new Error(`not the same problem at ${i}`);
      const from = Math.floor(next() * reference.length);
      expect(list.slice(from, from + 200)).toEqual(reference.slice(from, from + 200));
      expect(list.slice(0, 200)).toEqual(reference.slice(0, 200));
      // The list it was made from is as it was.
      expect(before.toArray()).toEqual(beforeItems);
      expect(before.slice(0, 10)).toEqual(beforeItems.slice(0, 10));
    }
  });

  it('read in parts as an array is (ends past the list, negative ends, an empty list)', () => {
    const next = random(3);
    const items = Array.from({ length: 1200 }, () => problem(next)).sort(compareProblems);
    const list = SortedProblems.of(items);
    for (const [from, to] of [[0, 200], [500, 530], [1100, 5000], [-10, undefined], [0, -1195], [700, 600], [undefined, undefined]] as const) {
      expect(list.slice(from, to)).toEqual(items.slice(from, to));
    }
    const emptied = list.edited(items, []);
    expect(emptied.length).toBe(0);
    expect(emptied.slice(0, 200)).toEqual([]);
    const one = problem(next);
    expect(emptied.edited([], [one]).toArray()).toEqual([one]);
  });
});
