/** A small hand-made matrix, as the text of its files, for tests that need a known answer. */

export const SMALL_SOURCE = [
  'Chapter one. The two states signed a safe third country agreement in 2002, which',
  'entered into force in December 2004. Claimants must ask for protection in the first',
  'safe country they reach. Detention of claimants is rare in the north but com-',
  'mon in the south. Detention is rare. Visa policy is harmonized across the union;',
  'visa policy is harmonized across the union. The “shared perimeter” remains a goal.',
  '',
].join('\n');

export function smallMatrixTexts(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'datapackage.json': JSON.stringify({ name: 'small', title: 'Small test matrix', description: 'For tests.', policyMatrixFormat: 1 }),
    'jurisdictions.csv': 'id,label,group,order\nnorth,North,Group A,1\nsouth,South,Group B,2\n',
    'dimensions.csv': [
      'id,label,definition,theme,value_type,scale,unit,order',
      'stc,Safe third country,Whether a safe third country rule applies,Asylum,boolean,,,1',
      'detention,Detention,How often claimants are detained,Asylum,ordinal,frequency,,2',
      'year,Year in force,Year the agreement entered into force,Asylum,date,,,3',
      '',
    ].join('\n'),
    'scales.csv': 'scale,rank,level,label,definition\nfrequency,1,rare,Rare,Seldom used\nfrequency,2,common,Common,Routinely used\n',
    'cells.csv': [
      'dimension,jurisdiction,value,level,as_of,status,note',
      'stc,north,yes,,2004-12,supported,',
      'stc,south,yes,,2004-12,supported,',
      'detention,north,Rare,rare,,supported,',
      'detention,south,Common,common,,supported,"Note, with a comma"',
      'year,north,,,,not_in_source,',
      'year,south,,,,not_in_source,',
      '',
    ].join('\n'),
    'citations.csv': [
      'dimension,jurisdiction,seq,source,quote,prefix,suffix,locator',
      'stc,north,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one',
      'stc,south,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one',
      'detention,north,1,src,Detention of claimants is rare in the north,,,',
      'detention,south,1,src,"but common in the south",,,',
      '',
    ].join('\n'),
    'sources.csv': 'id,title,authors,year,path\nsrc,Small source,A. Author,2020,source.txt\n',
    'source.txt': SMALL_SOURCE,
    ...overrides,
  };
}

/** A second source: "Detention is rare" is in it too, but not where it is in SMALL_SOURCE. */
export const ALT_SOURCE = 'A second volume. Officers said that detention is common here; elsewhere Detention is rare, they wrote.\n';

/**
 * The small matrix with two sources whose citations alternate, two of them with the same
 * quote at the same saved position (which reads the quote in the first source only).
 */
export function twoSourceTexts(): Record<string, string | undefined> {
  return smallMatrixTexts({
    'sources.csv': 'id,title,authors,year,path\nsrc,Small source,A. Author,2020,source.txt\nalt,Second source,B. Author,2021,alt.txt\n',
    'alt.txt': ALT_SOURCE,
    'citations.csv': [
      'dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,start,end',
      'detention,north,1,src,Detention is rare,,,,261,278',
      'detention,north,2,alt,Detention is rare,,,,261,278',
      'detention,south,1,src,but common in the south,,,,,',
      'detention,south,2,alt,detention is common here,,,,,',
      '',
    ].join('\n'),
  });
}

/** A reader over the texts above, as readMatrix expects. */
export const textsReader = (texts: Record<string, string | undefined>) => async (path: string) => texts[path];
