/** The optional columns of sources.csv: fixity hashes, where a source came from, what kind of evidence it is. */
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { TABLES } from '../../src/model/format/schema.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const HEADER = 'id,title,authors,year,path,kind,original,map,sha256,text_sha256,url,archive_url,retrieved,evidence_type,publisher';
const HASH = 'a'.repeat(64);
const TEXT_HASH = '0123456789abcdef'.repeat(4);

const load = (sources: string) => loadMatrix('small', smallMatrixTexts({ 'sources.csv': sources }));

describe('sources.csv columns', () => {
  it('are, in canonical order, the five every matrix has, then the ten that record a source\'s origin and fixity, then a dataset\'s licence', () => {
    expect(TABLES.sources.columns.map((c) => c.name).join(',')).toBe(`${HEADER},licence`);
    expect(TABLES.sources.columns.filter((c) => c.optional).map((c) => c.name)).toEqual([...HEADER.split(',').slice(5), 'licence']);
    // The licence column is written only when some source has one: a matrix of texts keeps its files as they were.
    expect(TABLES.sources.columns.filter((c) => c.writtenWhenUsed).map((c) => c.name)).toEqual(['licence']);
  });

  it('load a matrix without the new columns as before, with no problem, and save them as empty fields', () => {
    const { matrix, problems } = load('id,title,authors,year,path\nsrc,Small source,A. Author,2020,source.txt\n');
    expect(problems).toEqual([]);
    expect(matrix.sources[0]).toEqual({ id: 'src', title: 'Small source', authors: 'A. Author', year: '2020', path: 'source.txt' });
    expect(saveMatrix(matrix)['sources.csv']).toBe(`${HEADER}\nsrc,Small source,A. Author,2020,source.txt,,,,,,,,,,\n`);
  });

  it('load and save every column of a source extracted from a PDF', () => {
    const row = `src,Small source,A. Author,2020,sources/report.txt,pdf,sources/report.pdf,sources/report.map.json,${HASH},${TEXT_HASH},https://example.org/report.pdf,https://web.archive.org/web/2024/https://example.org/report.pdf,2024-05-01,government-document,Ministry of Borders`;
    const { matrix, problems } = load(`${HEADER}\n${row}\n`);
    expect(problems).toEqual([]);
    expect(matrix.sources[0]).toEqual({
      id: 'src', title: 'Small source', authors: 'A. Author', year: '2020', path: 'sources/report.txt',
      kind: 'pdf', original: 'sources/report.pdf', map: 'sources/report.map.json', sha256: HASH, textSha256: TEXT_HASH,
      url: 'https://example.org/report.pdf', archiveUrl: 'https://web.archive.org/web/2024/https://example.org/report.pdf',
      retrieved: '2024-05-01', evidenceType: 'government-document', publisher: 'Ministry of Borders',
    });
    expect(saveMatrix(matrix)['sources.csv']).toBe(`${HEADER}\n${row}\n`);
  });

  it('accept the columns in any order and a file with only some of them', () => {
    const { matrix, problems } = load(`id,path,sha256,year,title,authors,kind\nsrc,source.txt,${HASH},2020,Small source,,text\n`);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(matrix.sources[0]).toMatchObject({ id: 'src', kind: 'text', sha256: HASH, title: 'Small source' });
  });

  it('report a value that is not allowed, at its row and column, naming the source', () => {
    const row = 'src,Small source,,,source.txt,scan,,,ABC,,javascript:alert(1),,May 2024,blog,';
    const { matrix, problems } = load(`${HEADER}\n${row}\n`);
    const found = problems.map((p) => [p.severity, p.line, p.field, p.message.split(':')[0], p.target]);
    const target = { kind: 'source', id: 'src' };
    expect(found).toEqual([
      ['error', 2, 'kind', 'kind "scan" is not one of text, pdf, html, docx, markdown, dataset (it is ignored, and saved as empty)', target],
      ['error', 2, 'sha256', 'sha256 "ABC" is not a SHA-256 (64 lower-case hex digits)', target],
      ['warning', 2, 'url', 'url "javascript', target],
      ['warning', 2, 'retrieved', 'retrieved "May 2024" is not a date written YYYY-MM-DD', target],
      ['error', 2, 'evidence_type', 'evidence_type "blog" is not one of law-or-treaty, official-statistics, government-document, secondary-analysis, press, other (it is ignored, and saved as empty)', target],
    ]);
    expect(problems.find((p) => p.field === 'url')!.message).toContain('not a web address');
    // What can be kept is kept as typed; a value outside an enumeration cannot be.
    expect(matrix.sources[0]).toMatchObject({ sha256: 'ABC', url: 'javascript:alert(1)', retrieved: 'May 2024' });
    expect(matrix.sources[0].kind).toBeUndefined();
    expect(matrix.sources[0].evidenceType).toBeUndefined();
  });

  it('are described in the data package, with the kinds and evidence types as enumerations', () => {
    const descriptor = JSON.parse(saveMatrix(load(`${HEADER}\n`).matrix)['datapackage.json']);
    const fields = descriptor.resources.find((r: { name: string }) => r.name === 'sources').schema.fields;
    expect(fields.map((f: { name: string }) => f.name).join(',')).toBe(HEADER);
    expect(fields.find((f: { name: string }) => f.name === 'kind').constraints.enum).toEqual(['text', 'pdf', 'html', 'docx', 'markdown', 'dataset']);
    expect(fields.find((f: { name: string }) => f.name === 'retrieved').type).toBe('date');
  });
});
