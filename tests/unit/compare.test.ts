/**
 * The comparison model on a small hand-made matrix whose answer is worked out by hand
 * below (tests/fixtures/compare/matrix; the same worked example is in docs/compare.md).
 *
 * Jurisdictions: aa Alpha (group West), bb Beta (East), cc Gamma (East).
 * Scales: depth none < low < mid < high < full (5 levels, steps 0–4, normalised by 4);
 *         strictness lenient < moderate < strict (3 levels, steps 0–2, normalised by 2).
 *
 *   dimension (theme)      scale        aa           bb              cc
 *   visa (Borders)         depth        full  (4)    full  (4)       mid  (2)
 *   checks (Borders)       depth        high  (3)    mid   (2)       high (3)
 *   detention (Asylum)     strictness   lenient (0)  strict (2)      not in source
 *   work (Asylum)          strictness   moderate (1) draft (—)       moderate (1)
 *   removals (Asylum)      number       5            7               5           (no scale)
 *   returns (Asylum)       strictness   strict (2)   strict (2)      lenient (0)
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { checkMatrix, type MatrixCheck } from '../../src/model/check/check.ts';
import {
  byDivergence, compareMatrix, displayedDimensions, figuresOf, groupsOf, notComparableText, parseViewState, resolveSides,
  sideGap, writeViewState, DEFAULT_FILTERS, DEFAULT_VIEW_STATE, type Comparison, type CompareViewState,
} from '../../src/model/compare/index.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import type { Matrix } from '../../src/model/types.ts';
import { withoutCodebook } from './support/problems.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'compare', 'matrix');

let bundle: MatrixBundle;
let matrix: Matrix;
let check: MatrixCheck;

beforeAll(async () => {
  bundle = await readMatrix(folderReader(FIXTURE), 'compare-fixture');
  matrix = bundle.matrix;
  check = checkMatrix(matrix, bundle.sourceTexts, { locations: bundle.locations });
});

const compare = (tokens: string[], theme = ''): Comparison => compareMatrix(matrix, check, resolveSides(matrix, tokens).sides, { theme });
const dim = (c: Comparison, id: string) => c.dimensions.find((d) => d.dimension.id === id)!;

describe('the fixture', () => {
  it('loads and checks clean (every supported cell has a found citation)', () => {
    expect(withoutCodebook([...bundle.problems, ...check.problems])).toEqual([]);
    expect(check.coverage).toMatchObject({ cells: 18, supported: 16, notInSource: 1, draft: 1, flagged: 0 });
  });
});

describe('sides', () => {
  it('resolve jurisdiction ids and group names, exact first, then ignoring case', () => {
    const r = resolveSides(matrix, ['aa', 'East', 'nowhere']);
    expect(r.sides.map((s) => s.key)).toEqual(['jurisdiction:aa', 'group:East']);
    expect(r.sides[1].members.map((m) => m.id)).toEqual(['bb', 'cc']);
    expect(r.unknown).toEqual(['nowhere']);
    expect(resolveSides(matrix, ['AA', 'east']).sides.map((s) => s.key)).toEqual(['jurisdiction:aa', 'group:East']);
    expect(groupsOf(matrix).map((g) => g.name)).toEqual(['West', 'East']);
  });

  it('keep a repeated side once and leave out a side that overlaps an earlier one', () => {
    const r = resolveSides(matrix, ['East', 'bb', 'East', 'aa']);
    expect(r.sides.map((s) => s.key)).toEqual(['group:East', 'jurisdiction:aa']);
    expect(r.overlapping.map((o) => [o.side.key, o.jurisdiction.id, o.earlier.key])).toEqual([['jurisdiction:bb', 'bb', 'group:East']]);
  });
});

describe('convergence per dimension (aa, bb, cc)', () => {
  it('classes each dimension from the largest level distance between sides with evidence', () => {
    const c = compare(['aa', 'bb', 'cc']);
    const summary = c.dimensions.map((d) => [d.dimension.id, d.convergence, d.gap, d.normalisedGap, d.comparedSides]);
    expect(summary).toEqual([
      // visa: steps 4, 4, 2 → largest gap 2 → far; 2 / (5 − 1) = 0.5
      ['visa', 'far', 2, 0.5, 3],
      // checks: 3, 2, 3 → gap 1 → one step; 1 / 4 = 0.25
      ['checks', 'adjacent', 1, 0.25, 3],
      // detention: 0, 2, cc not in source → gap 2 over two sides → far; 2 / 2 = 1
      ['detention', 'far', 2, 1, 2],
      // work: 1, bb draft, 1 → gap 0 → same level (two sides compared)
      ['work', 'same', 0, 0, 2],
      // removals: number → no scale → not comparable
      ['removals', 'not_comparable', null, null, 0],
      // returns: 2, 2, 0 → gap 2 → far; 2 / 2 = 1
      ['returns', 'far', 2, 1, 3],
    ]);
    expect(dim(c, 'removals').reason).toBe('no_scale');
  });

  it('says a dimension is not comparable when one of two sides has no evidence, and why', () => {
    const c = compare(['aa', 'cc']);
    const d = dim(c, 'detention');
    expect(d.convergence).toBe('not_comparable');
    expect(d.reason).toBe('no_evidence');
    expect(notComparableText(d)).toBe('no evidence on both sides (Gamma: not in source)');
    expect(notComparableText(dim(compare(['bb', 'cc']), 'work'))).toBe('no evidence on both sides (Beta: draft)');
  });

  it('never compares a flagged cell', () => {
    // Orphan the citation of (visa, cc): the cell is flagged and leaves the comparison.
    const citations = matrix.citations.map((x) => (x.dimension === 'visa' && x.jurisdiction === 'cc' ? { ...x, quote: 'Gamma never said this' } : x));
    const m2 = { ...matrix, citations };
    const check2 = checkMatrix(m2, bundle.sourceTexts);
    expect(check2.cells.get('visa\u0000cc')).toBe('flagged');
    const c = compareMatrix(m2, check2, resolveSides(m2, ['aa', 'cc']).sides);
    expect(dim(c, 'visa').convergence).toBe('not_comparable');
    expect(notComparableText(dim(c, 'visa'))).toBe('no evidence on both sides (Gamma: flagged)');
    // aa–cc now rests on checks, work and returns only.
    expect(c.sidePairs[0]).toMatchObject({ n: 3, same: 2, far: 1 });
  });
});

describe('pairwise figures', () => {
  it('for each pair of jurisdictions, over the dimensions both have evidence for', () => {
    const c = compare(['aa', 'bb', 'cc']);
    const aaBb = figuresOf(c.jurisdictionPairs, 'jurisdiction:aa', 'jurisdiction:bb')!;
    // aa–bb: visa 0, checks 1 (0.25), detention 2 (1), returns 0; work (bb draft) and removals (no scale) do not count.
    // n = 4; same 2; one step 1; far 1; share 2/4 = 0.5; mean distance (0+1+2+0)/4 = 0.75;
    // mean normalised (0 + 0.25 + 1 + 0)/4 = 0.3125.
    expect(aaBb).toMatchObject({ n: 4, same: 2, adjacent: 1, far: 1, sameShare: 0.5, meanDistance: 0.75, meanNormalisedDistance: 0.3125 });
    expect(aaBb.dimensions).toEqual(['visa', 'checks', 'detention', 'returns']);

    // aa–cc: visa 2 (0.5), checks 0, work 0, returns 2 (1); detention (cc not in source) does not count.
    // n = 4; same 2; far 2; share 0.5; mean distance 4/4 = 1; mean normalised 1.5/4 = 0.375.
    expect(figuresOf(c.jurisdictionPairs, 'jurisdiction:cc', 'jurisdiction:aa')).toMatchObject({
      n: 4, same: 2, adjacent: 0, far: 2, sameShare: 0.5, meanDistance: 1, meanNormalisedDistance: 0.375,
      dimensions: ['visa', 'checks', 'work', 'returns'],
    });

    // bb–cc: visa 2 (0.5), checks 1 (0.25), returns 2 (1); detention and work do not count.
    // n = 3; same 0; one step 1; far 2; share 0; mean distance 5/3; mean normalised 1.75/3.
    const bbCc = figuresOf(c.jurisdictionPairs, 'jurisdiction:bb', 'jurisdiction:cc')!;
    expect(bbCc).toMatchObject({ n: 3, same: 0, adjacent: 1, far: 2, sameShare: 0 });
    expect(bbCc.meanDistance).toBeCloseTo(5 / 3, 12);
    expect(bbCc.meanNormalisedDistance).toBeCloseTo(1.75 / 3, 12);

    // With single-jurisdiction sides, side pairs are the jurisdiction pairs.
    expect(c.sidePairs).toEqual(c.jurisdictionPairs);
  });

  it('for groups: a group is the set of its members\' levels; the distance is the largest between the sets', () => {
    const c = compare(['West', 'East']);
    // West = {aa}; East = {bb, cc}.
    //   visa: {4} vs {4, 2} → 2 (far, 0.5)       checks: {3} vs {2, 3} → 1 (one step, 0.25)
    //   detention: {0} vs {2} (cc not in source) → 2 (far, 1)
    //   work: {1} vs {1} (bb draft) → 0 (same)   removals: no scale
    //   returns: {2} vs {2, 0} → 2 (far, 1)
    // n = 5; same 1; one step 1; far 3; share 0.2; mean distance 7/5 = 1.4; mean normalised 2.75/5 = 0.55.
    expect(c.dimensions.map((d) => d.convergence)).toEqual(['far', 'adjacent', 'far', 'same', 'not_comparable', 'far']);
    expect(c.sidePairs).toHaveLength(1);
    const p = c.sidePairs[0];
    expect(p).toMatchObject({ a: 'group:West', b: 'group:East', n: 5, same: 1, adjacent: 1, far: 3, sameShare: 0.2 });
    expect(p.meanDistance).toBeCloseTo(1.4, 12);
    expect(p.meanNormalisedDistance).toBeCloseTo(0.55, 12);
    // The heatmap still shows every pair of member jurisdictions, within groups too.
    expect(c.jurisdictionPairs.map((x) => `${x.a}|${x.b}`)).toEqual([
      'jurisdiction:aa|jurisdiction:bb', 'jurisdiction:aa|jurisdiction:cc', 'jurisdiction:bb|jurisdiction:cc',
    ]);
    // A side's distinct levels: East on visa holds full and mid.
    expect(dim(c, 'visa').sides[1].steps).toEqual([2, 4]);
  });

  it('limit the figures to a theme', () => {
    const c = compare(['aa', 'bb'], 'Borders');
    expect(c.dimensions.map((d) => d.dimension.id)).toEqual(['visa', 'checks']);
    // visa 0, checks 1 (0.25): n 2, same 1, share 0.5, mean 0.5, normalised 0.125.
    expect(c.sidePairs[0]).toMatchObject({ n: 2, same: 1, adjacent: 1, far: 0, sameShare: 0.5, meanDistance: 0.5, meanNormalisedDistance: 0.125 });
  });

  it('are null, resting on n = 0, when two sides share no evidence', () => {
    const c = compare(['bb', 'cc'], 'Asylum');
    // detention: cc not in source; work: bb draft; removals: no scale; returns: 2 → n = 1.
    expect(c.sidePairs[0]).toMatchObject({ n: 1, far: 1 });
    const none = compareMatrix(matrix, check, resolveSides(matrix, ['bb', 'cc']).sides, { theme: 'No such theme' });
    expect(none.sidePairs[0]).toMatchObject({ n: 0, sameShare: null, meanDistance: null, meanNormalisedDistance: null, dimensions: [] });
  });

  it('sideGap is the largest distance between the two sets', () => {
    expect(sideGap([4], [2, 4])).toBe(2);
    expect(sideGap([1, 3], [2])).toBe(1);
    expect(sideGap([0, 4], [0, 4])).toBe(4);
    expect(sideGap([], [1])).toBeUndefined();
  });
});

describe('display filters and sort', () => {
  it('sorts by divergence: class, then normalised gap, then dimension order', () => {
    const c = compare(['aa', 'bb', 'cc']);
    // far: detention (1, order 3), returns (1, order 6), visa (0.5); then checks (one step), work (same), removals (not comparable).
    const sorted = displayedDimensions(c.dimensions, { ...DEFAULT_FILTERS, sort: 'divergence' }).map((d) => d.dimension.id);
    expect(sorted).toEqual(['detention', 'returns', 'visa', 'checks', 'work', 'removals']);
    // Deterministic whatever the input order.
    expect([...c.dimensions].reverse().sort(byDivergence).map((d) => d.dimension.id)).toEqual(sorted);
  });

  it('only differences keeps one-step and far-apart dimensions; only evidence keeps dimensions with evidence on every side', () => {
    const c = compare(['aa', 'bb', 'cc']);
    expect(displayedDimensions(c.dimensions, { ...DEFAULT_FILTERS, onlyDifferences: true }).map((d) => d.dimension.id)).toEqual([
      'visa', 'checks', 'detention', 'returns',
    ]);
    // detention: cc not in source; work: bb draft → left out. removals has evidence everywhere (no scale, still shown).
    expect(displayedDimensions(c.dimensions, { ...DEFAULT_FILTERS, onlyEvidence: true }).map((d) => d.dimension.id)).toEqual([
      'visa', 'checks', 'removals', 'returns',
    ]);
    // Filters never change the figures.
    expect(c.sidePairs[0].n).toBe(4);
  });
});

describe('view state in the page address', () => {
  it('round-trips a full state and keeps parameters it does not own', () => {
    const state: CompareViewState = {
      sides: ['eu', 'North America', 'A, B & 100%'],
      theme: 'Asylum and refugees',
      onlyDifferences: true,
      onlyEvidence: true,
      sort: 'divergence',
      cell: { dimension: 'detention', jurisdiction: 'ca' },
    };
    const query = writeViewState(state, '?matrix=matrices%2Fx%2F');
    expect(query.startsWith('?matrix=matrices%2Fx%2F&')).toBe(true);
    expect(new URLSearchParams(query).get('compare')).toBe('eu,North America,A%2C B & 100%25');
    expect(new URLSearchParams(query).get('cell')).toBe('detention/ca');
    expect(parseViewState(query)).toEqual(state);
    expect(new URLSearchParams(query).get('matrix')).toBe('matrices/x/');
  });

  it('leaves defaults out, and reads a bare or hand-edited query without failing', () => {
    expect(writeViewState(DEFAULT_VIEW_STATE)).toBe('');
    expect(writeViewState(DEFAULT_VIEW_STATE, 'matrix=m&compare=eu&sort=divergence&only=evidence&cell=a/b')).toBe('?matrix=m');
    expect(parseViewState('')).toEqual(DEFAULT_VIEW_STATE);
    expect(parseViewState('?compare=,,&sort=sideways&only=nonsense&cell=nojurisdiction/')).toEqual(DEFAULT_VIEW_STATE);
    expect(parseViewState('compare=aa,%20bb%20&only=differences').sides).toEqual(['aa', 'bb']);
    expect(parseViewState('cell=a.b/c/d').cell).toEqual({ dimension: 'a.b/c', jurisdiction: 'd' });
  });
});
