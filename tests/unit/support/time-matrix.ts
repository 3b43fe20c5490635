/**
 * A small matrix in time with a known answer: NEXUS at one site (observed June 2000), then 11
 * (observed 2003); detention strict from 1999 until 2004, then lenient; a visa rule with no
 * dates in two periods; a pair not begun until 2005.
 */
export const TIME_SOURCE = 'NEXUS began at one site in June 2000. By 2003 it ran at 11 sites. Detention was strict from 1999 to 2004 and lenient after. Visas: first rule, then second rule. A new rule began in 2005.';
export const TIME_FILES: Record<string, string> = {
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

/** The files with the source text beside them, as a folder holds them. */
export const timeFolderFiles = (): Record<string, string> => ({ ...TIME_FILES, 'source.txt': TIME_SOURCE });
