import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import {
  citationKeys, cslJsonText, escapeBibtex, evidenceType, parseAuthors, parseName, referenceType, toBibtex, toCslJson, type ReferenceInput,
} from '../../src/model/sources/references.ts';

const LAW: ReferenceInput = {
  id: 'stca', title: 'Agreement between Canada and the United States for Cooperation in the Examination of Refugee Status Claims',
  authors: 'Government of Canada; {United States Department of State}', year: '2002-12-05', evidence_type: 'law-or-treaty',
  url: 'https://example.org/stca?lang=en&x={1}', retrieved: '2024-05-01T09:30:00Z', archive_url: 'https://archive.example/2024/stca',
};
const REPORT: ReferenceInput = { id: 'gao-2019', title: 'Immigration Detention: Care of Pregnant Women', authors: 'GAO', year: '2019', evidence_type: 'government-document', publisher: 'U.S. Government Accountability Office' };
const STATS: ReferenceInput = { id: 'ircc_stats', title: 'Asylum claimants processed, 2017–2023', authors: '', year: '2024', evidence_type: 'official statistics', url: 'https://example.org/data.csv', retrieved: '2024-06-02' };
const STUDY: ReferenceInput = { id: 'smith 2020', title: 'Borders & Security: 100% of the $ and #1_rank ~ ^', authors: 'Smith, Jane; Charles de Gaulle; Martin Luther King Jr.', year: '2020', evidence_type: 'secondary-analysis', publisher: 'Polity' };
const PRESS: ReferenceInput = { id: 'globe', title: 'Ottawa "tightens" rules', authors: 'Doe, John', year: '2023-04', evidence_type: 'press', publisher: 'The Globe and Mail', url: 'https://example.org/a' };
const PAGE: ReferenceInput = { id: 'page', title: 'A web page', authors: '', year: 'n.d.', kind: 'html', extra: { url: 'https://example.org/p', retrieved: '2025-01-31' } };

describe('authors', () => {
  it('reads "Family, Given" and "Given Family", particles and suffixes, and organisations as they are named', () => {
    expect(parseName('Smith, Jane')).toEqual({ family: 'Smith', given: 'Jane' });
    expect(parseName('Jane Q. Smith')).toEqual({ family: 'Smith', given: 'Jane Q.' });
    expect(parseName('Charles de Gaulle')).toEqual({ family: 'de Gaulle', given: 'Charles' });
    expect(parseName('Ludwig van der Berg')).toEqual({ family: 'van der Berg', given: 'Ludwig' });
    expect(parseName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    expect(parseName('King, Jr., Martin Luther')).toEqual({ family: 'King', given: 'Martin Luther', suffix: 'Jr.' });
    expect(parseName('European Commission')).toEqual({ literal: 'European Commission' });
    expect(parseName('Department of State')).toEqual({ literal: 'Department of State' });
    expect(parseName('UNHCR')).toEqual({ literal: 'UNHCR' });
    expect(parseName('{Amnesty International}')).toEqual({ literal: 'Amnesty International' });
    expect(parseAuthors('Smith, Jane;  Doe, John; ;')).toEqual([{ family: 'Smith', given: 'Jane' }, { family: 'Doe', given: 'John' }]);
  });
});

describe('reference types', () => {
  it('follows the type of evidence, read leniently', () => {
    expect([LAW, REPORT, STATS, STUDY, PRESS, PAGE].map((s) => referenceType(s))).toEqual([
      { csl: 'legislation', bibtex: 'misc' },
      { csl: 'report', bibtex: 'techreport' },
      { csl: 'dataset', bibtex: 'misc' },
      { csl: 'book', bibtex: 'book' },
      { csl: 'article-newspaper', bibtex: 'article' },
      { csl: 'webpage', bibtex: 'misc' },
    ]);
    expect(evidenceType('Primary law or treaty')).toBe('law-or-treaty');
    expect(evidenceType('NEWS')).toBe('press');
    expect(evidenceType('')).toBeUndefined();
    expect(referenceType({ ...STUDY, url: 'https://example.org/s' }).csl).toBe('article');
  });
});

describe('CSL-JSON', () => {
  it('writes each source as an item reference managers import', () => {
    const [law, report, stats, , press, page] = toCslJson([LAW, REPORT, STATS, STUDY, PRESS, PAGE]);
    expect(law).toEqual({
      id: 'stca', type: 'legislation', title: LAW.title,
      author: [{ literal: 'Government of Canada' }, { literal: 'United States Department of State' }],
      issued: { 'date-parts': [[2002, 12, 5]] }, URL: LAW.url, accessed: { 'date-parts': [[2024, 5, 1]] },
      note: 'Archived copy: https://archive.example/2024/stca',
    });
    expect(report).toMatchObject({ type: 'report', publisher: 'U.S. Government Accountability Office', author: [{ literal: 'GAO' }], issued: { 'date-parts': [[2019]] } });
    expect(stats).not.toHaveProperty('author');
    expect(press).toMatchObject({ 'container-title': 'The Globe and Mail', issued: { 'date-parts': [[2023, 4]] } });
    expect(page).toMatchObject({ type: 'webpage', URL: 'https://example.org/p', accessed: { 'date-parts': [[2025, 1, 31]] }, issued: { literal: 'n.d.' } });
    const text = cslJsonText([LAW]);
    expect(JSON.parse(text)).toEqual([law]);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('BibTeX', () => {
  it('escapes LaTeX special characters so every field reads as typed and braces balance', () => {
    expect(escapeBibtex('100% of the $ & #1_rank ~ ^ \\ {x}')).toBe('100\\% of the \\$ \\& \\#1\\_rank \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textbraceleft{}x\\textbraceright{}');
    expect(escapeBibtex(' two\nlines  ')).toBe('two lines');
  });

  it('writes entries with stable keys, names, protected titles, dates and URLs', () => {
    const bib = toBibtex([LAW, REPORT, STUDY, PRESS, PAGE]);
    expect(bib).toContain([
      '@misc{stca,',
      '  author = {{Government of Canada} and {United States Department of State}},',
      `  title = {{${LAW.title}}},`,
      '  year = {2002},',
      '  url = {https://example.org/stca?lang=en&x=%7B1%7D},',
      '  urldate = {2024-05-01},',
      '  note = {Archived copy: \\url{https://archive.example/2024/stca}}',
      '}',
    ].join('\n'));
    expect(bib).toContain('@techreport{gao-2019,\n  author = {{GAO}},');
    expect(bib).toContain('  institution = {U.S. Government Accountability Office}');
    expect(bib).toContain('@book{smith-2020,\n  author = {Smith, Jane and de Gaulle, Charles and King, Jr., Martin Luther},');
    expect(bib).toContain('  title = {{Borders \\& Security: 100\\% of the \\$ and \\#1\\_rank \\textasciitilde{} \\textasciicircum{}}},');
    expect(bib).toContain('@article{globe,');
    expect(bib).toContain('  journal = {The Globe and Mail}');
    expect(bib).toContain('  title = {{Ottawa "tightens" rules}},');
    expect(bib).toContain('@misc{page,\n  title = {{A web page}},\n  year = {n.d.},\n  url = {https://example.org/p},\n  urldate = {2025-01-31}\n}');
    // Every entry's braces balance (BibTeX counts them, escaped or not).
    for (const entry of bib.split('\n@')) {
      let depth = 0;
      for (const c of entry) {
        depth += c === '{' ? 1 : c === '}' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }
  });

  it('gives each source the same key in every export, and distinct keys to distinct sources', () => {
    const sources = [{ id: 'a b' }, { id: 'a,b' }, { id: '{}' }, { id: 'ok-1' }];
    expect([...citationKeys(sources).values()]).toEqual(['a-b', 'a-b-2', 'source', 'ok-1']);
    expect([...citationKeys([...sources].reverse()).get('ok-1')!]).toEqual([...'ok-1']);
  });
});

describe('references of sources as sources.csv loads them', () => {
  it('read the archived copy and the type of evidence from the loaded columns', () => {
    const header = 'id,title,authors,year,path,kind,original,map,sha256,text_sha256,url,archive_url,retrieved,evidence_type,publisher';
    const row = 'gao,Immigration Detention,GAO,2019,sources/gao.txt,pdf,sources/gao.pdf,,,,https://example.org/gao.pdf,https://archive.example/gao,2024-05-01,government-document,U.S. Government Accountability Office';
    const { matrix } = loadMatrix('small', smallMatrixTexts({ 'sources.csv': `${header}\n${row}\n` }));
    const [item] = toCslJson(matrix.sources);
    expect(item.type).toBe('report');
    expect(JSON.stringify(item)).toContain('https://archive.example/gao');
    expect(toBibtex(matrix.sources)).toContain('@techreport{gao,');
  });
});
