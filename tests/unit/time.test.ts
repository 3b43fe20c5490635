import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { changesBetween } from '../../src/model/time/changes.ts';
import { ABSENCE_WORDS, periodCovered, viewAsOf } from '../../src/model/time/as-of.ts';
import type { Matrix } from '../../src/model/types.ts';
import { TIME_FILES as FILES, TIME_SOURCE as SOURCE } from './support/time-matrix.ts';

const load = (): Matrix => {
  const { matrix, problems } = loadMatrix('time', FILES);
  expect(problems).toEqual([]);
  return matrix;
};

const shown = (matrix: Matrix, asOf?: string) =>
  Object.fromEntries([...viewAsOf(matrix, asOf).shown].map(([key, c]) => [key.split('\u0000')[0], c.value]));

describe('the matrix as of a date', () => {
  it('shows each pair\'s latest period with no date, and the period in force or last observed as of one', () => {
    const m = load();
    expect(shown(m)).toEqual({ nexus: '11', detention: 'Lenient', visa: 'Second rule', newrule: 'Begun' });
    // June 2000: NEXUS observed at 1 site; detention strict (1999–2004); the undated visa rule
    // shows its latest period; the new rule has not begun.
    expect(shown(m, '2000')).toEqual({ nexus: '1', detention: 'Strict', visa: 'Second rule' });
    expect(shown(m, '2002-12-31')).toEqual({ nexus: '1', detention: 'Strict', visa: 'Second rule' });
    // 2003 stands for its last day: NEXUS's 2003 observation is shown.
    expect(shown(m, '2003')).toEqual({ nexus: '11', detention: 'Strict', visa: 'Second rule' });
    // Strict until 2004, lenient from 2004: within 2004 both hold, and the later is shown.
    expect(shown(m, '2003-12-31')).toEqual({ nexus: '11', detention: 'Strict', visa: 'Second rule' });
    expect(shown(m, '2004-01-01')).toEqual({ nexus: '11', detention: 'Lenient', visa: 'Second rule' });
    expect(shown(m, '2004')).toEqual({ nexus: '11', detention: 'Lenient', visa: 'Second rule' });
    expect(shown(m, '2005')).toEqual({ nexus: '11', detention: 'Lenient', visa: 'Second rule', newrule: 'Begun' });
    expect(() => viewAsOf(m, '2004-13')).toThrow(RangeError);
  });

  it('says why a pair with entries shows none as of a date: not yet in force, not yet observed, no longer in force', () => {
    const m = load();
    // Before 1999 nothing has begun: NEXUS is first observed in 2000 (which says nothing of when
    // it began), detention is in force from 1999, the new rule from 2005.
    expect(Object.fromEntries(viewAsOf(m, '1998').absent)).toEqual({
      'nexus\u0000ca': 'not-observed', 'detention\u0000ca': 'not-yet', 'newrule\u0000ca': 'not-yet',
    });
    expect(Object.fromEntries(viewAsOf(m, '2000').absent)).toEqual({ 'newrule\u0000ca': 'not-yet' });
    expect(viewAsOf(m, '2005').absent.size).toBe(0);
    expect(viewAsOf(m).absent.size).toBe(0);
    // Strict 1999–2004 and nothing after: as of 2006 it has ended.
    const ended = { ...m, cells: m.cells.filter((c) => !(c.dimension === 'detention' && c.period === 2)) };
    expect(viewAsOf(ended, '2006').absent.get('detention\u0000ca')).toBe('ended');
    expect(ABSENCE_WORDS).toEqual({ 'not-yet': 'Not yet in force', 'not-observed': 'Not yet observed', ended: 'No longer in force' });
  });

  it('the view holds the shown entries\' citations only, and the span their dates cover', () => {
    const m = load();
    const view = viewAsOf(m, '2000');
    expect(view.matrix.citations.map((c) => c.quote)).toEqual(['NEXUS began at one site in June 2000', 'Detention was strict from 1999 to 2004', 'then second rule']);
    expect(periodCovered(view.shown.values())).toEqual({ from: '1999', to: '2000-06' });
    expect(checkMatrix(view.matrix, new Map([['src', SOURCE]])).coverage).toMatchObject({ cells: 3, flagged: 0, found: 3 });
  });
});

describe('changes between two dates', () => {
  it('lists each pair whose value differs, with the direction where the dimension has one', () => {
    const m = load();
    const c = changesBetween(m, '2000', '2005');
    expect(c.changes.map((x) => [x.dimension.id, x.before?.value, x.after?.value, x.words])).toEqual([
      ['nexus', '1', '11', 'more integrated'],
      ['detention', 'Strict', 'Lenient', 'less restrictive'],
      ['newrule', undefined, 'Begun', 'new value'],
    ]);
    expect(changesBetween(m, '2001', '2002-06').changes).toEqual([]);
    expect(changesBetween(m, '2005', '2000').changes.map((x) => x.words)).toEqual(['less integrated', 'more restrictive', 'no value yet']);
    expect(() => changesBetween(m, 'soon', '2005')).toThrow(RangeError);
  });
});
