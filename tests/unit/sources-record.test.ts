/** The map file, fixity hashes, and the record and files of a new source. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { sha256Hex } from '../../src/model/sources/fixity.ts';
import { parseTextMap, serializeTextMap } from '../../src/model/sources/map-file.ts';
import { safeStem, sourceFromExtraction } from '../../src/model/sources/source-record.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { TextMap } from '../../src/model/sources/text-map.ts';
import type { Source } from '../../src/model/types.ts';
import { handPdf } from './support/pdf-writer.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const nodeSha = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex', () => {
  it('is the SHA-256 of the bytes, or of a string\'s UTF-8 bytes, as 64 lower-case hex digits', async () => {
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251);
    expect(await sha256Hex(bytes)).toBe(nodeSha(bytes));
    expect(await sha256Hex('Détention — 中')).toBe(nodeSha(Buffer.from('Détention — 中', 'utf8')));
  });
});

describe('the map file', () => {
  const map: TextMap = {
    pages: [{ start: 0, end: 10, index: 1, label: 'iii' }, { start: 12, end: 30, index: 2, label: '1' }],
    headings: [{ start: 0, level: 1, text: 'Agreement' }, { start: 12, level: 2, text: 'Article 3' }],
  };

  it('round-trips, versioned, with the same bytes for the same map', () => {
    const json = serializeTextMap(map);
    expect(JSON.parse(json).version).toBe(1);
    expect(parseTextMap(json, 30)).toEqual(map);
    expect(serializeTextMap(parseTextMap(json, 30))).toBe(json);
  });

  it('refuses, naming the file and what is wrong, anything that is not a map of this text', () => {
    const bad = (json: string, length = 30) => {
      try {
        parseTextMap(json, length, 'sources/x.map.json');
      } catch (error) {
        expect((error as { code: string }).code).toBe('corrupt');
        return (error as Error).message;
      }
      throw new Error(`accepted ${json}`);
    };
    const json = serializeTextMap(map);
    expect(bad('{"version": 1, "pages": [')).toMatch(/^"sources\/x\.map\.json" is not a valid text map: it is not JSON/);
    expect(bad('[1, 2]')).toContain('it is not a JSON object');
    expect(bad('{"version": 2}')).toContain('its version is 2');
    expect(bad(json, 20)).toContain('page entry 2 ends at 30, past the end of the text (20 characters)');
    expect(bad('{"version":1,"pages":[{"start":5,"end":3,"index":1,"label":"1"}]}')).toContain('page entry 1 has no valid start and end');
    expect(bad('{"version":1,"pages":[{"start":0,"end":9,"index":1,"label":"1"},{"start":4,"end":9,"index":2,"label":"2"}]}')).toContain('before the page before it ends');
    expect(bad('{"version":1,"pages":[{"start":0,"end":9,"index":0,"label":"1"}]}')).toContain('no valid page number');
    expect(bad('{"version":1,"pages":[{"start":0.5,"end":9,"index":1,"label":"1"}]}')).toContain('no valid start and end');
    expect(bad('{"version":1,"pages":[{"start":0,"end":9,"index":1,"label":7}]}')).toContain('no valid label');
    expect(bad('{"version":1,"headings":[{"start":0,"level":9,"text":"x"}]}')).toContain('heading entry 1 has no valid level');
    expect(bad('{"version":1,"headings":[{"start":40,"level":1,"text":"x"}]}')).toContain('past the end of the text');
    expect(bad('{"version":1,"headings":[{"start":9,"level":1,"text":"x"},{"start":2,"level":1,"text":"y"}]}')).toContain('reading order');
    expect(bad('{"version":1,"headings":"none"}')).toContain('"headings" is not a list');
  });

  it('reads a map with only pages or only headings, and an empty one', () => {
    expect(parseTextMap('{"version":1,"pages":[]}', 0)).toEqual({ pages: [], headings: [] });
    expect(parseTextMap('{"version":1,"headings":[{"start":0,"level":1,"text":"T"}]}', 5).headings).toHaveLength(1);
  });
});

describe('safeStem', () => {
  it('makes a plain, safe file-name stem of any name', () => {
    expect(safeStem('Rapport Annuel 2023 (final).PDF')).toBe('rapport-annuel-2023-final');
    expect(safeStem('../../etc/passwd')).toBe('passwd');
    expect(safeStem('C:\\Users\\ana\\Détention à la frontière.docx')).toBe('detention-a-la-frontiere');
    expect(safeStem('...')).toBe('source');
    expect(safeStem('中文.pdf', 'src-7')).toBe('src-7');
    expect(safeStem('CON.txt')).toBe('con-source');
    expect(safeStem(`${'a'.repeat(200)}.pdf`)).toHaveLength(60);
  });
});

describe('sourceFromExtraction', () => {
  it('keeps a PDF as the original, its text and its map, with both hashes and the file\'s own title and authors', async () => {
    const bytes = handPdf({ pages: [['Preface'], ['Chapter one text']], pageLabels: [[0, 'r'], [1, 'D']], title: 'Border Studies', author: 'Ana Díaz' });
    const extracted = await extractSource(bytes, 'Border Studies.pdf');
    const { source, files } = await sourceFromExtraction({ id: 'studies', fileName: 'Border Studies.pdf', bytes, extracted, retrieved: '2024-05-01', evidenceType: 'secondary-analysis' });
    expect(source).toEqual({
      id: 'studies', title: 'Border Studies', authors: 'Ana Díaz', year: '2023', path: 'sources/border-studies.txt', kind: 'pdf',
      original: 'sources/border-studies.pdf', map: 'sources/border-studies.map.json',
      sha256: nodeSha(bytes), textSha256: nodeSha(Buffer.from(extracted.text, 'utf8')), retrieved: '2024-05-01', evidenceType: 'secondary-analysis',
    });
    expect([...files.keys()]).toEqual(['sources/border-studies.pdf', 'sources/border-studies.txt', 'sources/border-studies.map.json']);
    expect(files.get('sources/border-studies.pdf')).toBe(bytes);
    expect(files.get('sources/border-studies.txt')).toBe(extracted.text);
    expect(parseTextMap(files.get('sources/border-studies.map.json') as string, extracted.text.length)).toEqual(extracted.map);
  });

  it('lets the analyst\'s title, authors, year, URL and publisher win over the file\'s', async () => {
    const bytes = handPdf({ pages: [['Text']], title: 'Untitled-ish title', author: 'Scanner' });
    const extracted = await extractSource(bytes, 'x.pdf');
    const { source } = await sourceFromExtraction({
      id: 'x', fileName: 'x.pdf', bytes, extracted, title: 'Real title', authors: 'A. Author', year: '1999', url: 'https://example.org/x.pdf', publisher: 'Ministry',
    });
    expect(source).toMatchObject({ title: 'Real title', authors: 'A. Author', year: '1999', url: 'https://example.org/x.pdf', publisher: 'Ministry' });
  });

  it('keeps a UTF-8 text file once, as its own text, with one hash for both', async () => {
    const bytes = utf8('Article 1\nThe Parties agree.\n');
    const extracted = await extractSource(bytes, 'Treaty.txt');
    const { source, files } = await sourceFromExtraction({ id: 'treaty', fileName: 'Treaty.txt', bytes, extracted });
    expect(source).toEqual({ id: 'treaty', title: 'Treaty', authors: '', year: '', path: 'sources/treaty.txt', kind: 'text', sha256: nodeSha(bytes), textSha256: nodeSha(bytes) });
    expect([...files]).toEqual([['sources/treaty.txt', bytes]]);
  });

  it('keeps a text file that decoding changed (Windows-1252, CRLF) as the original beside its UTF-8 text', async () => {
    const bytes = Uint8Array.from('Détention\r\n', (c) => c.charCodeAt(0));
    const extracted = await extractSource(bytes, 'notes.txt');
    const { source, files } = await sourceFromExtraction({ id: 'n', fileName: 'notes.txt', bytes, extracted });
    expect(source).toMatchObject({ path: 'sources/notes.txt', original: 'sources/notes.original.txt', sha256: nodeSha(bytes), textSha256: nodeSha(Buffer.from('Détention\n')) });
    expect(files.get('sources/notes.txt')).toBe('Détention\n');
  });

  it('never takes a name another source uses (any case), nor one listed as taken', async () => {
    const bytes = utf8('<html><body><h1>Report</h1><p>Text of the page</p></body></html>');
    const extracted = await extractSource(bytes, 'Report.html');
    const existing: (Source | string)[] = [
      { id: 'a', title: 'A', authors: '', year: '', path: 'sources/report.txt' },
      { id: 'b', title: 'B', authors: '', year: '', path: 'sources/other.txt', original: 'SOURCES/REPORT-2.HTML' },
      'sources/report-3.map.json',
    ];
    const { source } = await sourceFromExtraction({ id: 'c', fileName: 'Report.html', bytes, extracted, existing });
    expect(source.path).toBe('sources/report-4.txt');
    expect(source.original).toBe('sources/report-4.html');
  });

  it('makes a record that sources.csv saves and loads back with no problem', async () => {
    const bytes = handPdf({ pages: [['Text, with "quotes"']], title: '=cmd|calc', author: 'A; B' });
    const extracted = await extractSource(bytes, 'weird name.pdf');
    const { source } = await sourceFromExtraction({ id: 'src', fileName: 'weird name.pdf', bytes, extracted, url: 'https://example.org/?a=1,b' });
    const { matrix } = loadMatrix('small', smallMatrixTexts());
    const saved = saveMatrix({ ...matrix, sources: [source] });
    const { matrix: loaded, problems } = loadMatrix('small', { ...smallMatrixTexts(), 'sources.csv': saved['sources.csv'] });
    expect(problems.filter((p) => p.file === 'sources.csv')).toEqual([]);
    expect(loaded.sources).toEqual([source]);
  });
});
