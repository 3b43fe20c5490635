import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { changesBetween } from '../../src/model/time/changes.ts';
import { periodCovered, viewAsOf } from '../../src/model/time/as-of.ts';
import type { Matrix } from '../../src/model/types.ts';

/**
 * A small matrix in time with a known answer: NEXUS at one site (observed June 2000), then 11
 * (observed 2003); detention strict from 1999 until 2004, then lenient; a visa rule with no
 * dates in two periods; a pair not begun until 2005.
 */
const SOURCE = 'NEXUS began at one site in June 2000. By 2003 it ran at 11 sites. Detention was strict from 1999 to 2004 and lenient after. Visas: first rule, then second rule. A new rule began in 2005.';
const FILES: Record<string, string> = {
  'datapackage.json': JSON.stringify({ name: 'time', title: 'In time', policyMatrixFormat: 2 }),
  'jurisdictions.csv': 'id,label,group,order\nca,Canada,NA,1\n',
  'dimensions.csv': [
    'id,label,definition,theme,value_type,scale,unit,order,basis,coding_rules,direction',
    'nexus,NEXUS sites,Sites,Borders,number,,sites,1,de_facto,Count the sites the source names,integrated',
    'detention,Detention,How strict,Asylum,ordinal,strictness,,2,de_facto,,restrictive',
    'visa,Visa rule,Which rule,Visas,text,,,3,de_jure,,',
    'newrule,New rule,Rule,Asylum,text,,,4,de_jure,,',
    '',
  ].join('\n'),
  'scales.csv': 'scale,rank,level,label,definition,needs_absolute\nstrictness,1,lenient,Lenient,,no\nstrictness,2,strict,Strict,,yes\n',
  'cells.csv': [
    'dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note',
    'nexus,ca,1,1,,,,2000-06,supported,high,no,',
    'nexus,ca,2,11,,,,2003,supported,high,no,',
    'detention,ca,1,Strict,strict,1999,2004,,supported,high,no,',
    'detention,ca,2,Lenient,lenient,2004,,,supported,medium,no,',
    'visa,ca,1,First rule,,,,,supported,,no,',
    'visa,ca,2,Second rule,,,,,supported,,no,',
    'newrule,ca,1,Begun,,2005,,,supported,low,no,',
    '',
  ].join('\n'),
  'citations.csv': [
    'dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution',
    'nexus,ca,1,1,src,NEXUS began at one site in June 2000,,,,states,',
    'nexus,ca,2,1,src,By 2003 it ran at 11 sites,,,,states,',
    'detention,ca,1,1,src,Detention was strict from 1999 to 2004,,,,states,',
    'detention,ca,2,1,src,lenient after,,,,states,',
    'visa,ca,1,1,src,first rule,,,,states,',
    'visa,ca,2,1,src,then second rule,,,,states,',
    'newrule,ca,1,1,src,A new rule began in 2005,,,,states,',
    '',
  ].join('\n'),
  'sources.csv': 'id,title,authors,year,path\nsrc,Source,,2006,source.txt\n',
};

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
