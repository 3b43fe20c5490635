import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';

const SOURCE = 'It has been argued that the rule is strict. The rule is strict. Detention is more common than in the south.';

/** A matrix that breaks each codebook rule once, on its own cell. */
function files(): Record<string, string> {
  return {
    'datapackage.json': JSON.stringify({ name: 'cb', title: 'Codebook rules', policyMatrixFormat: 2 }),
    'jurisdictions.csv': 'id,label,group,order\nnorth,North,,1\nsouth,South,,2\n',
    'dimensions.csv': [
      'id,label,definition,theme,value_type,scale,unit,order,basis,coding_rules,direction',
      'rule,Rule,What the law says,Asylum,ordinal,strictness,,1,de_jure,strict: the law says so,restrictive',
      'practice,Practice,Observed practice,Asylum,ordinal,strictness,,2,,,',
      '',
    ].join('\n'),
    'scales.csv': 'scale,rank,level,label,definition,needs_absolute\nstrictness,1,lenient,Lenient,,no\nstrictness,2,strict,Strict,,yes\n',
    'cells.csv': [
      'dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note',
      // Only a reported claim on a de jure dimension.
      'rule,north,1,Strict,strict,,,2005,supported,high,no,',
      // Fine: a statement, dated, with confidence.
      'rule,south,1,Strict,strict,,,2005,supported,high,no,',
      // Relative, on a level that needs an absolute statement; no confidence; no date.
      'practice,north,1,Strict,strict,,,,supported,,yes,',
      'practice,south,1,,,,,,not_in_source,,no,',
      '',
    ].join('\n'),
    'citations.csv': [
      'dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution',
      'rule,north,1,1,src,It has been argued that the rule is strict,,,,reports,',
      'rule,south,1,1,src,The rule is strict,,,,states,',
      'practice,north,1,1,src,Detention is more common than in the south,,,,states,',
      '',
    ].join('\n'),
    'sources.csv': 'id,title,authors,year,path\nsrc,Source,,2006,source.txt\n',
  };
}

describe('codebook rules', () => {
  it('warn, in the codebook category, at the cell, column or dimension that breaks each', () => {
    const { matrix, problems, locations } = loadMatrix('cb', files());
    expect(problems).toEqual([]);
    const check = checkMatrix(matrix, new Map([['src', SOURCE]]), { locations });
    expect(check.coverage).toMatchObject({ flagged: 0, found: 3 });
    const codebook = check.problems.filter((p) => p.category === 'codebook');
    expect(codebook.every((p) => p.severity === 'warning')).toBe(true);
    expect(codebook.map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`).sort()).toEqual([
      'cells.csv:4 confidence: cell (practice, north) has a level but no confidence: say how sure the coding is (high, medium or low)',
      'cells.csv:4 observed: supported cell (practice, north) has no date: give the date the source describes (observed) or when the policy began to apply (in_force_from)',
      'cells.csv:4 relative: cell (practice, north) is graded only by comparison (relative), but its level "Strict" needs an absolute statement in the source',
      'citations.csv:2 attribution: citation 1 of cell (rule, north) reports a claim but does not say whose (attribution): a briefing shows it as "according to …"',
      'citations.csv:2 support: cell (rule, north) of de jure dimension "Rule" rests only on reported claims (support: reports): cite what the law or agreement says, or code the dimension de facto',
      'dimensions.csv:3 basis: dimension "Practice" has coded cells but no coding basis: say whether it is coded de jure (what law or agreement says) or de facto (observed practice)',
    ]);
    // Nothing else is wrong with the matrix.
    expect(check.problems.filter((p) => p.category !== 'codebook')).toEqual([]);
  });

  it('are silent once the coding follows the codebook', () => {
    const fixed = files();
    fixed['dimensions.csv'] = fixed['dimensions.csv'].replace('2,,,', '2,de_facto,,');
    fixed['cells.csv'] = fixed['cells.csv'].replace('practice,north,1,Strict,strict,,,,supported,,yes,', 'practice,north,1,Strict,strict,,,2006,supported,low,no,');
    fixed['citations.csv'] = fixed['citations.csv'].replace(',,,,reports,', ',,,,reports,an unnamed author').replace('rule,south', 'rule,north,1,2,src,The rule is strict,,,,states,\nrule,south');
    const { matrix, problems, locations } = loadMatrix('cb', fixed);
    expect(problems).toEqual([]);
    expect(checkMatrix(matrix, new Map([['src', SOURCE]]), { locations }).problems).toEqual([]);
  });
});
