/**
 * The check's problems kept by entry (src/model/check/check-problems.ts): after any edit, the
 * counts and the sorted lists the problem views show are those of a check of the whole
 * edited matrix, and an edit on a matrix with a very large number of problems replaces only
 * those of what it touched (timed against a small matrix in the same run: it once filtered
 * every problem at every edit).
 */
import { describe, expect, it } from 'vitest';
import { checkMatrix, compareProblems, type MatrixCheck } from '../../src/model/check/check.ts';
import { categoryOf, type ProblemCategory } from '../../src/model/check/check-problems.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../../src/model/make.ts';
import type { Matrix, Problem } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';

const SOURCE = 'The agreement was signed in 2002 and entered into force in 2004. Detention is rare. Visas are harmonized.\n';

/**
 * A matrix of `d` dimensions × `j` jurisdictions coded as format 1 left them: every cell has
 * a level, no confidence and no date (two codebook warnings each), no dimension has a basis
 * (a warning each); one cell in seven has no citation (flagged: a finding), one citation in
 * eleven quotes what the source does not say (orphaned: a finding).
 */
function manyProblems(d: number, j: number): { files: Record<string, string>; source: string } {
  const levels = ['rare', 'common'].map((id, i) => makeLevel({ scale: 'freq', rank: i + 1, id, label: id }));
  const dimensions = Array.from({ length: d }, (_, i) => makeDimension({ id: `d${i}`, label: `D${i}`, valueType: 'ordinal', scale: 'freq', order: i + 1 }));
  const jurisdictions = Array.from({ length: j }, (_, i) => ({ id: `j${i}`, label: `J${i}`, group: '', order: i + 1 }));
  const cells = [];
  const citations = [];
  let n = 0;
  for (const dim of dimensions) {
    for (const jur of jurisdictions) {
      n++;
      cells.push(makeCell({ dimension: dim.id, jurisdiction: jur.id, value: n % 2 ? 'Rare' : 'Common', level: n % 2 ? 'rare' : 'common', status: 'supported' }));
      if (n % 7 === 0) continue;
      const quote = n % 11 === 0 ? `not in the source ${n}` : 'Detention is rare.';
      citations.push(makeCitation({ dimension: dim.id, jurisdiction: jur.id, seq: 1, source: 'src', quote }));
    }
  }
  const matrix: Matrix = {
    name: 'many', title: 'Many problems', description: '', jurisdictions, dimensions, levels, cells, citations,
    sources: [{ id: 'src', title: 'Source', authors: '', year: '2005', path: 'source.txt' }], extraColumns: {}, descriptorExtras: {},
  };
  return { files: saveMatrix(matrix), source: SOURCE };
}

function loadedStore(d: number, j: number): MatrixStore {
  const { files, source } = manyProblems(d, j);
  const loaded = loadMatrix('many', files);
  const store = new MatrixStore();
  store.load({ ...loaded, sourceTexts: new Map([['src', source]]) }, 'many/');
  return store;
}

const words = (problems: readonly Problem[]) => problems.map((p) => `${p.severity} ${p.file} ${p.message}`).sort();

/** What the problem views show of a check, against a check of the whole matrix. */
function expectAsFreshCheck(check: MatrixCheck, matrix: Matrix, sourceTexts: ReadonlyMap<string, string>): void {
  const fresh = checkMatrix(matrix, sourceTexts);
  const set = check.problemSet;
  for (const category of ['findings', 'codebook'] as ProblemCategory[]) {
    const expected = fresh.problems.filter((p) => categoryOf(p) === category);
    expect(set.count(category), category).toBe(expected.length);
    // The same problems (rows re-checked have no file line: compared without lines).
    expect(words(set.sorted(category)), category).toEqual(words(expected));
    // In the order the views list them: errors first, then by file, line and column, ties in the order found.
    expect(set.sorted(category)).toEqual(check.problems.filter((p) => categoryOf(p) === category).sort(compareProblems));
  }
  expect(set.errors).toBe(fresh.problems.filter((p) => p.severity === 'error').length);
  expect(set.size).toBe(check.problems.length);
}

describe('check problems kept by entry', () => {
  it('after edits, undo and redo on a matrix with many problems: counts and listed problems as a check of the whole matrix', () => {
    const store = loadedStore(12, 10);
    const s = () => store.snapshot;
    const check = () => s().check!;
    const before = { codebook: check().problemSet.count('codebook'), findings: check().problemSet.count('findings') };
    // 120 cells × 2 + 12 dimensions; 17 cells without a citation, 9 citations orphaned (and their cells flagged).
    expect(before).toEqual({ codebook: 252, findings: 35 });
    // Views ask for the sorted lists at each change: the next ones are made from them.
    check().problemSet.sorted('findings');
    check().problemSet.sorted('codebook');
    const edits = [
      // A confidence and a date: two warnings fewer.
      { type: 'set-cell', dimension: 'd0', jurisdiction: 'j0', set: { confidence: 'high', observed: '2004' } },
      // A flagged cell (no citation) cited: a finding fewer.
      { type: 'add-citation', dimension: 'd0', jurisdiction: 'j6', citation: { source: 'src', quote: 'Visas are harmonized.' } },
      // A citation that is not in the source: a finding more.
      { type: 'add-citation', dimension: 'd1', jurisdiction: 'j1', citation: { source: 'src', quote: 'nowhere to be found' } },
      // A basis for a dimension: its warning gone.
      { type: 'set-dimension', id: 'd2', set: { basis: 'de_facto' } },
      // A structural edit: a dimension and its problems gone.
      { type: 'remove-dimension', id: 'd3' },
    ] as const;
    for (const edit of edits) {
      expect(store.edit(edit)).toEqual({ ok: true });
      expectAsFreshCheck(check(), s().matrix!, s().sourceTexts);
    }
    expect(check().problemSet.count('codebook')).toBe(252 - 2 - 1 - 21);
    for (let i = 0; i < edits.length; i++) {
      expect(store.undo()).toBe(true);
      expectAsFreshCheck(check(), s().matrix!, s().sourceTexts);
    }
    expect({ codebook: check().problemSet.count('codebook'), findings: check().problemSet.count('findings') }).toEqual(before);
    // Several changes with no view asking in between: the lists are made from the last ones made.
    for (let i = 0; i < edits.length; i++) expect(store.redo()).toBe(true);
    expectAsFreshCheck(check(), s().matrix!, s().sourceTexts);
  });

  it('an edit replaces only the problems of what it touched: the others are the same objects, where they were', () => {
    const store = loadedStore(6, 5);
    const old = store.snapshot.check!;
    const kept = old.problemSet.ofEntry('d5\u0000j4');
    expect(kept.length).toBeGreaterThan(0);
    store.edit({ type: 'set-cell', dimension: 'd0', jurisdiction: 'j0', set: { confidence: 'low' } });
    const now = store.snapshot.check!;
    expect(now.problemSet.ofEntry('d5\u0000j4')).toEqual(kept);
    expect(now.problemSet.ofEntry('d5\u0000j4')[0]).toBe(kept[0]);
    expect(now.problemSet.ofEntry('d0\u0000j0').map((p) => p.field)).toEqual(['observed']);
    // The earlier snapshot's check is as it was.
    expect(old.problemSet.ofEntry('d0\u0000j0').map((p) => p.field).sort()).toEqual(['confidence', 'observed']);
    expect(old.problemSet.count('codebook')).toBe(now.problemSet.count('codebook') + 1);
  });

  // How long an edit takes on a matrix of 100,000 problems is measured by `npm run bench`
  // ("edit", against bare AG Grid in the same run), not timed here: a timing in a test fails
  // on a busy machine. That an edit touches only its own entries is tested above.
});
