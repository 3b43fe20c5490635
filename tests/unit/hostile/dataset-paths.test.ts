/**
 * Dataset sources are confined as text sources are (docs/security.md, "Confinement"; "Limits"):
 * a dataset's path (or the data file its Frictionless descriptor names) out of the matrix
 * folder and ../sources/, a link out, a device, a file over the dataset limits — each is one
 * located error at the source's `path` in sources.csv (or at the data file's line), nothing
 * outside is read (no canary row reaches any output, JSON report or export zip), nothing
 * outside is written, the good dataset and every good row are kept, and no command hangs,
 * crashes or grows without bound.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipFiles } from '../../../src/model/export/zip.ts';
import { MAX_DATASET_BYTES, MAX_DATASET_ROWS, MAX_DATASET_VALUES } from '../../../src/model/dataset/limits.ts';
import { CANARY, CRASH, buildCli, cli, digest, hostileTree, removeTemporaryFolders, type Run, type Tree } from './support.ts';

const MAX_MS = 20_000;
const MAX_MIB = 400;

beforeAll(buildCli);
afterAll(removeTemporaryFolders);

function bounded(r: Run, maxMiB = MAX_MIB): void {
  expect(r.ms, `took ${Math.round(r.ms)} ms`).toBeLessThan(MAX_MS);
  expect(r.peakMiB, `peak memory ${Math.round(r.peakMiB)} MiB`).toBeLessThan(maxMiB);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(CRASH);
  expect(`${r.stdout}\n${r.stderr}`).not.toContain(CANARY);
}

/** A tidy dataset: were the canary read in place of the good one, its cited rows would be "found". */
const GOOD_DATA = 'Passport,Destination,Requirement\nNorthland,Southland,visa free\nSouthland,Northland,visa required\n';
const CANARY_DATA = `Passport,Destination,Requirement\nNorthland,Southland,visa free\n${CANARY},x,y\n`;

/**
 * The small matrix with two dataset sources: `evil` at `evilPath` and `good` at
 * ../sources/good.csv, each cited by one row citation (the good one found).
 */
function datasetTree(evilPath: string): Tree {
  const tree = hostileTree('../sources/source.txt', {
    'sources.csv': [
      'id,title,authors,year,path,kind',
      `evil,Evil data,X,2020,"${evilPath.replaceAll('"', '""')}",dataset`,
      'src,Small source,A. Author,2020,../sources/source.txt,',
      'good,Good data,Y,2025,../sources/good.csv,dataset',
      '',
    ].join('\n'),
    'citations.csv': [
      'dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,row_key',
      'stc,north,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one,',
      'stc,south,1,src,The two states signed a safe third country agreement in 2002,,,Chapter one,',
      'detention,north,1,src,Detention of claimants is rare in the north,,,,',
      'detention,south,1,src,"but common in the south",,,,',
      'stc,north,2,good,Requirement=visa free,,,,Passport=Northland; Destination=Southland',
      'stc,south,2,evil,Requirement=visa free,,,,Passport=Northland; Destination=Southland',
      '',
    ].join('\n'),
  });
  writeFileSync(join(tree.sources, 'good.csv'), GOOD_DATA);
  writeFileSync(join(tree.outside, 'canary.csv'), CANARY_DATA);
  writeFileSync(join(tree.outside, 'canary.json'), JSON.stringify({ path: 'canary.csv', title: CANARY }));
  return tree;
}

/** validate, validate --json, compute, export and format over the tree: the evil dataset refused at its path; nothing else lost or touched. */
function proveConfined(tree: Tree, refusal: RegExp): void {
  const outsideBefore = digest(tree.outside);
  const sourcesBefore = digest(tree.sources);

  const validate = cli(['validate', tree.folder]);
  bounded(validate);
  expect(validate.status).toBe(1);
  const located = validate.stdout.split('\n').filter((l) => l.startsWith(`${join(tree.folder, 'sources.csv')}:2:`));
  expect(located, validate.stdout).toHaveLength(1);
  expect(located[0]).toMatch(/^.*sources\.csv:2:\d+: error: the (data|descriptor) of dataset "evil" /);
  expect(located[0]).toMatch(refusal);
  // Every good row kept: the text citations and the good row citation found, the evil one unchecked.
  expect(validate.stdout).toContain('citations: 6 — 5 found, 0 ambiguous, 0 orphaned, 1 unchecked');

  const json = cli(['validate', '--json', tree.folder]);
  bounded(json);
  const report = JSON.parse(json.stdout).matrices[0];
  expect(report.citations).toHaveLength(6);
  expect(report.citations.filter((c: { source: string }) => c.source === 'evil')).toEqual([expect.objectContaining({ status: 'unchecked' })]);
  expect(report.citations.filter((c: { source: string }) => c.source === 'good')).toEqual([expect.objectContaining({ status: 'found' })]);

  const compute = cli(['compute', tree.folder]);
  bounded(compute);
  expect(compute.stdout).toContain('dataset good (../sources/good.csv, 2 rows)');
  expect(compute.stdout).not.toMatch(/dataset evil \(/);

  const zip = join(tree.root, 'export.zip');
  const exported = cli(['export', tree.folder, '--format', 'canonical', '--out', zip, '--force']);
  bounded(exported);
  expect(exported.status).toBe(0);
  for (const [name, bytes] of unzipFiles(new Uint8Array(readFileSync(zip)))) expect(strFromU8(bytes), name).not.toContain(CANARY);

  const format = cli(['format', tree.folder]);
  bounded(format);
  expect(format.status).toBe(0);

  expect(digest(tree.outside)).toEqual(outsideBefore);
  expect(digest(tree.sources)).toEqual(sourcesBefore);
}

const OUTSIDE = /leads outside the matrix folder and its sources folder/;

describe('a dataset path that leads out of the matrix is refused, located in sources.csv', () => {
  const cases: [string, (t: Tree) => string, RegExp][] = [
    ['../ up to a file beside matrices/', () => '../../outside/canary.csv', OUTSIDE],
    ['../sources/ then up again', () => '../sources/../../outside/canary.csv', OUTSIDE],
    ['percent-encoded dots', () => '%2e%2e/%2e%2e/outside/canary.csv', OUTSIDE],
    ['a descriptor out of the matrix', () => '../../outside/canary.json', OUTSIDE],
    ['a descriptor out, with a resource named', () => '../../outside/canary.json#canary', OUTSIDE],
    ['an absolute path', (t) => join(t.outside, 'canary.csv'), /is absolute/],
    ['/dev/zero', () => '/dev/zero', /is absolute/],
    ['a file: URL', (t) => `file://${join(t.outside, 'canary.csv')}`, /is a URL or a drive path/],
    ['an http: URL', () => 'http://127.0.0.1:9/canary.csv', /is a URL or a drive path/],
  ];
  for (const [name, path, refusal] of cases) {
    it(name, () => {
      const probe = datasetTree('x');
      proveConfined(datasetTree(path(probe)), refusal);
    });
  }
});

describe('a link or a special file where a dataset should be is refused, located in sources.csv', () => {
  it('a link in the sources folder to a data file outside', () => {
    const tree = datasetTree('../sources/link.csv');
    symlinkSync('../../outside/canary.csv', join(tree.sources, 'link.csv'));
    proveConfined(tree, /cannot be read at \.\.\/sources\/link\.csv: leads outside .* through a symbolic link/);
  });

  it('a descriptor in the sources folder whose data file is a link out', () => {
    const tree = datasetTree('../sources/evil.json');
    writeFileSync(join(tree.sources, 'evil.json'), JSON.stringify({ path: 'evil.csv' }));
    symlinkSync('../../outside/canary.csv', join(tree.sources, 'evil.csv'));
    proveConfined(tree, /cannot be read at \.\.\/sources\/evil\.csv: leads outside .* through a symbolic link/);
  });

  it('a descriptor that is a link out', () => {
    const tree = datasetTree('../sources/evil.json');
    symlinkSync('../../outside/canary.json', join(tree.sources, 'evil.json'));
    proveConfined(tree, /descriptor of dataset "evil" cannot be read at \.\.\/sources\/evil\.json: leads outside .* through a symbolic link/);
  });

  it('a link in the matrix folder to /dev/zero', () => {
    const tree = datasetTree('zero.csv');
    symlinkSync('/dev/zero', join(tree.folder, 'zero.csv'));
    proveConfined(tree, /through a symbolic link/);
  });

  it('a named pipe (which would wait for a writer for ever)', () => {
    const tree = datasetTree('pipe.csv');
    execFileSync('mkfifo', [join(tree.folder, 'pipe.csv')]);
    proveConfined(tree, /not a regular file/);
  });
});

describe('a dataset over its limits is refused before it is parsed', () => {
  it(`a data file of ${MAX_DATASET_BYTES + 1} bytes is refused by its size, unread (memory stays low)`, () => {
    const tree = datasetTree('../sources/huge.csv');
    // A sparse file: its size on disk says it all; reading it would cost 48 MiB and more.
    const fd = openSync(join(tree.sources, 'huge.csv'), 'w');
    writeSync(fd, 'Passport,Destination,Requirement\n');
    closeSync(fd);
    execFileSync('truncate', ['-s', String(MAX_DATASET_BYTES + 1), join(tree.sources, 'huge.csv')]);
    const r = cli(['validate', tree.folder]);
    // Far below what reading it would take (the file alone is 48 MiB, its text twice that).
    bounded(r, 150);
    expect(r.stdout).toMatch(/sources\.csv:2:\d+: error: the data of dataset "evil" cannot be read at \.\.\/sources\/huge\.csv: the file is 48 MiB, over the limit of 48 MiB for a dataset's data file; it was not read/);
    expect(r.stdout).toContain('citations: 6 — 5 found, 0 ambiguous, 0 orphaned, 1 unchecked');
  });

  it(`a data file of more than ${MAX_DATASET_ROWS.toLocaleString('en-US')} rows: the rest is not read, located at the first row past the limit`, () => {
    const tree = datasetTree('../sources/long.csv');
    const rows = ['Passport,Destination,Requirement', 'Northland,Southland,visa free'];
    for (let i = 0; i < MAX_DATASET_ROWS + 10; i++) rows.push(`p${i},d,x`);
    writeFileSync(join(tree.sources, 'long.csv'), `${rows.join('\n')}\n`);
    const r = cli(['validate', tree.folder]);
    bounded(r);
    expect(r.stdout).toContain(`${join(tree.folder, '../sources/long.csv')}:${MAX_DATASET_ROWS + 2}: error: the dataset has more than ${MAX_DATASET_ROWS.toLocaleString('en-US')} rows, the most read: the rest is not loaded`);
    // Its first rows are read: the evil source's citation is found there.
    expect(r.stdout).toContain('citations: 6 — 6 found, 0 ambiguous, 0 orphaned');
  });

  it(`a wide data file is held to ${MAX_DATASET_VALUES.toLocaleString('en-US')} values (rows times columns)`, () => {
    const tree = datasetTree('../sources/wide.csv');
    const width = 200;
    const extra = Array.from({ length: width - 3 }, (_, i) => `c${i}`);
    const rows = [['Passport', 'Destination', 'Requirement', ...extra].join(','), ['Northland', 'Southland', 'visa free', ...extra].join(',')];
    const limit = Math.floor(MAX_DATASET_VALUES / width);
    const filler = ['p', 'd', 'x', ...extra.map(() => '1')].join(',');
    for (let i = 0; i < limit + 5; i++) rows.push(filler);
    writeFileSync(join(tree.sources, 'wide.csv'), `${rows.join('\n')}\n`);
    const r = cli(['validate', tree.folder]);
    bounded(r);
    expect(r.stdout).toContain(`${join(tree.folder, '../sources/wide.csv')}:${limit + 2}: error: the dataset has more than ${limit.toLocaleString('en-US')} rows, the most read (with its 200 columns, the ${MAX_DATASET_VALUES.toLocaleString('en-US')} values allowed): the rest is not loaded`);
  });
});
