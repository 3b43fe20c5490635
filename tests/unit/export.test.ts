import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportLayout } from '../../src/model/export/layout.ts';
import { isSafeEntryName, normalizePath, joinPath } from '../../src/model/export/paths.ts';
import { wideTable, writeWideCsv } from '../../src/model/export/wide-csv.ts';
import { expandZips, readMatrixZip, unzipFiles, writeMatrixZip, zipFiles } from '../../src/model/export/zip.ts';
import { NoMatrixError, openFileSet, type FileEntry } from '../../src/model/format/file-set.ts';
import { problemTarget } from '../../src/model/format/problem-target.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { withFoundPositions } from '../../src/model/check/positions.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { folderReader } from '../../src/cli/node-reader.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');

const entries = (files: Record<string, string | undefined>): FileEntry[] =>
  Object.entries(files).filter(([, t]) => t !== undefined).map(([path, text]) => ({ path, read: async () => strToU8(text!) }));

const small = () => readMatrix(textsReader(smallMatrixTexts()), 'small');

describe('wide CSV', () => {
  it('has a row per dimension and a column per jurisdiction, in order, as the grid shows them', async () => {
    const { matrix } = await small();
    expect(writeWideCsv(matrix)).toBe(
      [
        'Dimension,North,South',
        'Safe third country,Yes,Yes',
        'Detention,Rare [Rare],Common [Common]',
        'Year in force,Not in source,Not in source',
        '',
      ].join('\n'),
    );
  });

  it('follows a chosen view, shows units, a level without a value, and leaves a missing cell empty', async () => {
    const texts = smallMatrixTexts();
    const bundle = await readMatrix(textsReader({
      ...texts,
      'dimensions.csv': texts['dimensions.csv']!.replace('year,Year in force,Year the agreement entered into force,Asylum,date,,,3', 'year,Share,Share detained,Asylum,number,,%,3'),
      'cells.csv': texts['cells.csv']!.replace('year,north,,,,not_in_source,', 'year,north,12.5,,,draft,').replace('detention,north,Rare,rare', 'detention,north,,rare').replace('year,south,,,,not_in_source,\n', ''),
    }), 'small');
    const { header, rows } = wideTable(bundle.matrix, { dimensions: ['year', 'detention'], jurisdictions: ['south', 'north'] });
    expect(header).toEqual(['Dimension', 'South', 'North']);
    expect(rows).toEqual([['Share', '', '12.5%'], ['Detention', 'Common [Common]', '[Rare]']]);
  });

  it('shows the period the grid shows for a value that changed over time: the latest, or the one as of a date', async () => {
    const { matrix } = await small();
    const earlier = matrix.cells.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north')!;
    const cells = [
      ...matrix.cells.map((c) => (c === earlier ? { ...c, inForceFrom: '1999', inForceUntil: '2010' } : c)),
      { ...earlier, period: 2, value: 'Routine', level: 'common', inForceFrom: '2010', inForceUntil: '', status: 'draft' as const },
    ];
    const changed = { ...matrix, cells };
    expect(wideTable(changed).rows[1]).toEqual(['Detention', 'Routine [Common]', 'Common [Common]']);
    expect(wideTable(changed, { asOf: '2005' }).rows[1]).toEqual(['Detention', 'Rare [Rare]', 'Common [Common]']);
  });

  it('can start with a byte-order mark for spreadsheets', async () => {
    expect(writeWideCsv((await small()).matrix, {}, { bom: true }).startsWith('\uFEFFDimension,')).toBe(true);
  });
});

/** Two bundles hold the same matrix (same canonical files, same objects) and the same source texts. */
/** `b` read back from an export of `a`: the same matrix, with each found quote's position (see positions.ts). */
function expectSameMatrix(a: MatrixBundle, b: MatrixBundle) {
  const exported = withFoundPositions(a.matrix, a.sourceTexts);
  expect(exported.citations.every((c) => c.start !== undefined)).toBe(true);
  expect(b.matrix).toEqual(exported);
  expect(saveMatrix(b.matrix)).toEqual(saveMatrix(exported));
  expect([...b.sourceTexts]).toEqual([...a.sourceTexts]);
}

describe('zip export', () => {
  it('writes <matrix>/ with the canonical files and the source text at its path, and reads back equal', async () => {
    const original = await small();
    const { bytes, layout } = writeMatrixZip(original.matrix, original.sourceTexts);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual([
      'small/cells.csv', 'small/citations.csv', 'small/datapackage.json', 'small/dimensions.csv',
      'small/jurisdictions.csv', 'small/scales.csv', 'small/source.txt', 'small/sources.csv',
    ]);
    expect(layout.notes).toEqual([]);
    const back = await readMatrixZip(bytes, 'small.zip');
    expect(back.bundle.problems).toEqual([]);
    expect(back.missingSources).toEqual([]);
    expectSameMatrix(original, back.bundle);
  });

  it('round-trips the bundled matrix, with its text under sources/, byte for byte and reproducibly', async () => {
    const folder = join(root, 'matrices', 'eu-north-america');
    const original = await readMatrix(folderReader(folder), 'eu-north-america');
    const { bytes } = writeMatrixZip(original.matrix, original.sourceTexts);
    const files = unzipFiles(bytes);
    expect(files.has('sources/security-in-the-americas.txt')).toBe(true);
    for (const name of ['cells.csv', 'citations.csv', 'datapackage.json']) {
      expect(strFromU8(files.get(`eu-north-america/${name}`)!)).toBe(readFileSync(join(folder, name), 'utf8'));
    }
    const back = await readMatrixZip(bytes);
    expect(back.bundle.problems).toEqual([]);
    expectSameMatrix(original, back.bundle);
    expect(writeMatrixZip(back.bundle.matrix, back.bundle.sourceTexts).bytes).toEqual(bytes);
  });

  it('puts a source whose path leaves the export under sources/ and says so', async () => {
    // Such a path is never read (see tests/unit/hostile/), but a matrix can hold one: typed in the app, say.
    const texts = smallMatrixTexts();
    const loaded = await small();
    const bundle = { ...loaded, matrix: { ...loaded.matrix, sources: loaded.matrix.sources.map((s) => ({ ...s, path: '../../far/away/source.txt' })) } };
    const layout = exportLayout(bundle.matrix, bundle.sourceTexts);
    expect([...layout.sources.keys()]).toEqual(['sources/source.txt']);
    expect(layout.matrix.sources[0].path).toBe('../sources/source.txt');
    expect(layout.notes.join('\n')).toContain('leads outside the export');
    const back = await readMatrixZip(writeMatrixZip(bundle.matrix, bundle.sourceTexts).bytes);
    expect(back.bundle.problems).toEqual([]);
    expect(back.bundle.sourceTexts.get('src')).toBe(texts['source.txt']);
  });

  it('never names an entry after an unsafe path: a URL, a drive, control characters', async () => {
    const loaded = await small();
    for (const path of ['http://elsewhere.example/evil.txt', 'C:\\texts\\evil.txt', 'a:b/evil.txt', 'odd\u0007name.txt', 'sub//./x.txt?y']) {
      const bundle = { ...loaded, matrix: { ...loaded.matrix, sources: loaded.matrix.sources.map((s) => ({ ...s, path })) } };
      const layout = exportLayout(bundle.matrix, bundle.sourceTexts);
      const names = [...layout.sources.keys()];
      expect(names.every(isSafeEntryName), `${path}: ${names}`).toBe(true);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^sources\/[^/]+$/);
      expect(layout.matrix.sources[0].path).toBe(`../${names[0]}`);
      const zipped = [...unzipFiles(writeMatrixZip(bundle.matrix, bundle.sourceTexts).bytes).keys()];
      expect(zipped.every(isSafeEntryName), zipped.join(', ')).toBe(true);
    }
    expect(isSafeEntryName('m/http:/x.txt')).toBe(false);
    expect(isSafeEntryName('small/../x.txt')).toBe(false);
    expect(isSafeEntryName('sources/x.txt')).toBe(true);
  });

  it('refuses bytes that are not a zip with a readable message', async () => {
    expect(() => unzipFiles(strToU8('id,label\n'))).toThrow(/not a readable zip/);
    await expect(expandZips([{ path: 'x.zip', read: async () => strToU8('nope') }])).rejects.toThrow(/^x\.zip: not a readable zip/);
  });
});

describe('opening picked files', () => {
  it('finds a matrix folder among picked folders and a source text by its name', async () => {
    const texts = smallMatrixTexts({ 'sources.csv': 'id,title,authors,year,path\nsrc,Small source,A. Author,2020,../sources/source.txt\n' });
    const { 'source.txt': source, ...csvs } = texts;
    const picked = entries({
      ...Object.fromEntries(Object.entries(csvs).map(([k, v]) => [`small/${k}`, v])),
      'elsewhere/source.txt': source,
      'small/.DS_Store': 'junk',
    });
    const opened = await openFileSet(picked);
    expect(opened.folder).toBe('small');
    expect(opened.bundle.matrix.name).toBe('small');
    expect(opened.bundle.problems).toEqual([]);
    expect(opened.bundle.sourceTexts.get('src')).toBe(source);
    expect(opened.notes.join('\n')).toContain('../sources/source.txt is not among the files at that path; using elsewhere/source.txt');
  });

  it('reads files picked one by one, named by datapackage.json, and says which source text is missing', async () => {
    const { 'source.txt': _, ...csvs } = smallMatrixTexts();
    const opened = await openFileSet(entries(csvs));
    expect(opened.folder).toBe('');
    expect(opened.bundle.matrix.name).toBe('small');
    expect(opened.missingSources.map((s) => s.id)).toEqual(['src']);
    expect(opened.bundle.problems.map((p) => p.message)).toEqual(['the text of source "src" cannot be read at source.txt']);
  });

  it('loads the good rows of a malformed file and locates its problems', async () => {
    const texts = smallMatrixTexts();
    const opened = await openFileSet(entries({ ...texts, 'cells.csv': texts['cells.csv']!.replace('year,south,,,,not_in_source,', 'year,south,"oops,,,,not_in_source,') }));
    const { problems, matrix } = opened.bundle;
    expect(problems.some((p) => p.file === 'cells.csv' && p.line === 7 && /unclosed quote/.test(p.message))).toBe(true);
    expect(matrix.cells.length).toBe(6);
    expect(matrix.cells.filter((c) => c.status === 'supported').map((c) => c.value)).toEqual(['yes', 'yes', 'Rare', 'Common']);
    expect(matrix.dimensions.length).toBe(3);
    expect(matrix.citations.length).toBe(4);
  });

  it('opens a zip among the picked files, and says when nothing is a matrix', async () => {
    const original = await small();
    const zip = writeMatrixZip(original.matrix, original.sourceTexts).bytes;
    const opened = await openFileSet(await expandZips([{ path: 'downloads/small.zip', read: async () => zip }]));
    expect(opened.folder).toBe('downloads/small');
    expectSameMatrix(original, opened.bundle);
    await expect(openFileSet(entries({ 'notes.txt': 'hello' }))).rejects.toThrow(NoMatrixError);
  });

  it('points a problem without a target at the row of its file', async () => {
    const texts = smallMatrixTexts();
    const bundle = await readMatrix(textsReader({ ...texts, 'dimensions.csv': texts['dimensions.csv']!.replace('detention,Detention', 'detention,') }), 'small');
    const problem = bundle.problems.find((p) => p.file === 'dimensions.csv')!;
    expect(problem.target).toBeUndefined();
    expect(problemTarget(problem, bundle.matrix, bundle.locations)).toEqual({ kind: 'dimension', id: 'detention' });
  });

  it('normalises paths without leaving the root', () => {
    expect(joinPath('a/b', '../sources/x.txt')).toBe('a/sources/x.txt');
    expect(joinPath('', '../x.txt')).toBeUndefined();
    expect(normalizePath('./a\\b/../c')).toBe('a/c');
    expect(normalizePath('/etc/passwd')).toBeUndefined();
  });

  it('zips files deterministically', () => {
    expect(zipFiles([['a.txt', 'x']])).toEqual(zipFiles([['a.txt', 'x']]));
  });
});
