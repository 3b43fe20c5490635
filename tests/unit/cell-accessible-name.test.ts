/**
 * What a screen reader says for a grid cell (rows.ts `cellAccessibleName`): the cell's visible
 * words first, in the order shown (WCAG 2.5.3 Label in Name), then its counts and markers
 * spelled out.
 */
import { describe, expect, it } from 'vitest';
import { cellAccessibleName, cellViewOf, shownValue } from '../../src/components/policy-matrix/rows.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { textsReader } from './support/small-matrix.ts';
import { timeFolderFiles } from './support/time-matrix.ts';
import { fixtureStore } from './support/fixture-store.ts';

const small = () => fixtureStore('small');

const nameOf = (s: MatrixStore, dimension: string, jurisdiction: string) =>
  cellAccessibleName(cellViewOf(s.snapshot, cellKey(dimension, jurisdiction))!);

describe('a grid cell’s accessible name', () => {
  it('says the value, the count and the level as shown, then the citations in words', async () => {
    const s = await small();
    expect(nameOf(s, 'border-checks', 'north')).toBe('Abolished in 1995, 1, Full, 3 of 3. 1 citation');
    expect(nameOf(s, 'common-visa', 'north')).toMatch(/^Yes, (\d+)\. \1 citations?$/);
  });

  it('spells out a flag with its reason and every citation warning', async () => {
    const s = await small();
    const name = nameOf(s, 'border-checks', 'south');
    expect(name).toMatch(/^Abolished in 2001, 2, Flagged, Partial, 2 of 3\. 2 citations; flagged: .+; citation warning: 2 orphaned citations$/);
    expect(nameOf(s, 'claimant-work', 'north')).toContain('citation warning: 1 ambiguous citation');
    expect(nameOf(s, 'claimant-work', 'north')).not.toMatch(/flagged/i);
  });

  it('says why a cell whose source text is missing is flagged, and that its citations are unchecked', async () => {
    const s = await fixtureStore('sourceless');
    expect(nameOf(s, 'border-checks', 'north')).toBe(
      'Abolished in 1995, 1, Flagged, Full, 3 of 3. 1 citation; flagged: has a value but its citations cannot be checked: the text of their source is not available; ' +
        'citation warning: 1 unchecked citation (source text not loaded)',
    );
  });

  it('says "Not in source" for a cell the source does not address, and names a missing row', async () => {
    const s = await small();
    expect(nameOf(s, 'common-visa', 'south')).toBe('Not in source');
    const view = cellViewOf(s.snapshot, cellKey('common-visa', 'south'))!;
    expect(cellAccessibleName({ ...view, cell: undefined })).toBe('No entry (no row in cells.csv)');
    expect(cellAccessibleName({ ...view, cell: { ...view.cell!, status: 'supported' } })).toBe('No value');
  });

  it('says why a cell shows no value as of a date: not yet in force, not yet observed (its first value is later)', async () => {
    const store = new MatrixStore();
    store.load(await readMatrix(textsReader(timeFolderFiles()), 'time'), 'time');
    expect(store.setAsOf('1998')).toEqual({ ok: true });
    const newRule = cellViewOf(store.snapshot, cellKey('newrule', 'ca'))!;
    expect(newRule.cell).toBeUndefined();
    expect(shownValue(newRule)).toBe('Not yet in force');
    expect(cellAccessibleName(newRule)).toBe('Not yet in force (its first value comes into force after the date shown)');
    const nexus = cellViewOf(store.snapshot, cellKey('nexus', 'ca'))!;
    expect(shownValue(nexus)).toBe('Not yet observed');
    expect(cellAccessibleName(nexus)).toBe('Not yet observed (its first value is observed after the date shown)');
    // As of 2005 the rule is in force; with no date, each pair's latest value is shown.
    store.setAsOf('2005');
    expect(shownValue(cellViewOf(store.snapshot, cellKey('newrule', 'ca'))!)).toBe('Begun');
  });

  it('says "Draft" for a draft cell, and the data is kept as it was typed', async () => {
    const s = await small();
    const view = cellViewOf(s.snapshot, cellKey('claimant-work', 'north'))!;
    expect(cellAccessibleName({ ...view, check: 'draft', ambiguous: 0 })).toBe('After six months <b>(or later)</b>, 2, Draft. 2 citations');
  });
});
