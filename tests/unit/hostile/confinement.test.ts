/**
 * Confinement on the command line (docs/security.md): a matrix reads its own folder and the
 * sources folder beside it, nothing else. Each hostile source path, link or special file gives
 * a located error in sources.csv; no canary text outside the matrix reaches any output, JSON
 * report, export zip or briefing; nothing outside is written; every good row is kept; and no
 * command hangs, crashes or grows without bound.
 */
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipFiles } from '../../../src/model/export/zip.ts';
import { isSafeEntryName } from '../../../src/model/export/paths.ts';
import { CANARY, CRASH, GOOD, buildCli, cli, digest, hostileTree, removeTemporaryFolders, type Run, type Tree } from './support.ts';

/** Generous protective bounds (measured in the test process; the normal run takes a fraction). */
const MAX_MS = 20_000;
const MAX_MIB = 400;

let server: Server;
let requests: string[] = [];
let port = 0;

beforeAll(async () => {
  buildCli();
  // "Another origin": a real server that must never be asked for anything.
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end(CANARY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterAll(removeTemporaryFolders);

function bounded(r: Run): void {
  expect(r.ms, `took ${Math.round(r.ms)} ms`).toBeLessThan(MAX_MS);
  expect(r.peakMiB, `peak memory ${Math.round(r.peakMiB)} MiB`).toBeLessThan(MAX_MIB);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(CRASH);
  expect(`${r.stdout}\n${r.stderr}`).not.toContain(CANARY);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/root:x:0:0/);
}

/** Every command over the tree: the evil source is refused where it is named; nothing else is lost or touched. */
function proveConfined(tree: Tree, refusal: RegExp, everyCommand = false): void {
  const outsideBefore = digest(tree.outside);
  const sourcesBefore = digest(tree.sources);

  const validate = cli(['validate', tree.folder]);
  bounded(validate);
  expect(validate.status).toBe(1);
  const located = validate.stdout.split('\n').filter((l) => l.startsWith(`${join(tree.folder, 'sources.csv')}:2:`));
  expect(located, validate.stdout).toHaveLength(1);
  expect(located[0]).toMatch(/^.*sources\.csv:2:\d+: error: the text of source "evil" /);
  expect(located[0]).toMatch(refusal);
  // Every good row kept, and the good source still read: its 4 citations found.
  expect(validate.stdout).toContain(`citations: ${GOOD.citations} — ${GOOD.found} found, 0 ambiguous, 0 orphaned, 1 unchecked (their source text is missing)`);
  expect(validate.stdout).toMatch(new RegExp(`cells: ${GOOD.cells} — `));

  const json = cli(['validate', '--json', tree.folder]);
  bounded(json);
  const report = JSON.parse(json.stdout).matrices[0];
  const evil = report.citations.filter((c: { source: string }) => c.source === 'evil');
  expect(evil).toEqual([expect.objectContaining({ status: 'unchecked', range: null })]);
  expect(evil[0].candidates).toBeUndefined();
  expect(report.citations).toHaveLength(GOOD.citations);

  const zip = join(tree.root, 'export.zip');
  const exported = cli(['export', tree.folder, '--format', 'canonical', '--out', zip, '--force']);
  bounded(exported);
  expect(exported.status).toBe(0);
  const files = unzipFiles(new Uint8Array(readFileSync(zip)));
  for (const [name, bytes] of files) {
    expect(isSafeEntryName(name), name).toBe(true);
    expect(strFromU8(bytes), name).not.toContain(CANARY);
  }
  expect([...files.keys()].sort()).toEqual([
    'small/cells.csv', 'small/citations.csv', 'small/datapackage.json', 'small/dimensions.csv',
    'small/jurisdictions.csv', 'small/scales.csv', 'small/sources.csv', 'sources/source.txt',
  ]);

  if (everyCommand) {
    const brief = cli(['brief', tree.folder, '--format', 'md', '--out', '-']);
    bounded(brief);
    expect(brief.stderr).toContain('no briefing');
    const compare = cli(['compare', tree.folder, '--json']);
    bounded(compare);
  }

  const format = cli(['format', tree.folder]);
  bounded(format);
  expect(format.status).toBe(0);

  expect(digest(tree.outside)).toEqual(outsideBefore);
  expect(digest(tree.sources)).toEqual(sourcesBefore);
  expect(requests).toEqual([]);
}

const OUTSIDE = /leads outside the matrix folder and its sources folder/;

describe('a source path that leads out of the matrix is refused, located in sources.csv', () => {
  const cases: [string, (t: Tree) => string, RegExp, boolean?][] = [
    ['../ up to a file beside matrices/', () => '../../outside/canary.txt', OUTSIDE, true],
    ['../ far up to /etc/passwd', () => '../../../../../../../../../../etc/passwd', OUTSIDE, true],
    ['../sources/ then up again', () => '../sources/../../outside/canary.txt', OUTSIDE],
    ['into the folder, then out', () => 'sub/../../../outside/canary.txt', OUTSIDE],
    ['backslashes', () => '..\\..\\outside\\canary.txt', OUTSIDE],
    ['percent-encoded dots', () => '%2e%2e/%2e%2e/outside/canary.txt', OUTSIDE],
    ['an absolute path', (t) => join(t.outside, 'canary.txt'), /is absolute/, true],
    ['/dev/zero', () => '/dev/zero', /is absolute/],
    ['a file: URL', (t) => `file://${join(t.outside, 'canary.txt')}`, /is a URL or a drive path/],
    ['an http: URL of another server', () => `http://127.0.0.1:${port}/canary.txt`, /is a URL or a drive path/],
    ['a protocol-relative URL', () => `//127.0.0.1:${port}/canary.txt`, /is absolute/],
    ['a drive path', () => 'C:\\Windows\\win.ini', /is a URL or a drive path/],
    ['a control character', () => '../sources/source.txt\u0007', /control character/],
  ];
  for (const [name, path, refusal, everyCommand] of cases) {
    it(name, () => {
      const probe = hostileTree('x');
      proveConfined(hostileTree(path(probe)), refusal, everyCommand);
    });
  }
});

describe('a link or a special file where a source should be is refused, located in sources.csv', () => {
  it('a link in the sources folder to a file outside', () => {
    const tree = hostileTree('../sources/link.txt');
    symlinkSync('../../outside/canary.txt', join(tree.sources, 'link.txt'));
    proveConfined(tree, /through a symbolic link/, true);
  });

  it('a link in the matrix folder to /dev/zero', () => {
    const tree = hostileTree('zero.txt');
    symlinkSync('/dev/zero', join(tree.folder, 'zero.txt'));
    proveConfined(tree, /through a symbolic link/);
  });

  it('a linked folder inside the sources folder that leads outside', () => {
    const tree = hostileTree('../sources/far/canary.txt');
    symlinkSync('../../outside', join(tree.sources, 'far'));
    proveConfined(tree, /through a symbolic link/);
  });

  it('a link to a file that does not exist (never followed)', () => {
    const tree = hostileTree('gone.txt');
    symlinkSync('../../outside/gone.txt', join(tree.folder, 'gone.txt'));
    proveConfined(tree, /a symbolic link to a file that does not exist/);
  });

  it('a loop of links', () => {
    const tree = hostileTree('loop.txt');
    symlinkSync('loop.txt', join(tree.folder, 'loop.txt'));
    proveConfined(tree, /a loop of symbolic links/);
  });

  it('a named pipe (which would wait for a writer for ever)', () => {
    const tree = hostileTree('pipe.txt');
    execFileSync('mkfifo', [join(tree.folder, 'pipe.txt')]);
    proveConfined(tree, /not a regular file/);
  });

  it('a folder', () => {
    const tree = hostileTree('../sources/folder.txt');
    mkdirSync(join(tree.sources, 'folder.txt'));
    proveConfined(tree, /is a folder, not a file/);
  });

  it('a sources folder that is itself a link out: its files are refused, every row kept', () => {
    const tree = hostileTree('../sources/canary.txt');
    // matrices/sources → outside: the good source (../sources/source.txt) is refused too.
    execFileSync('mv', [tree.sources, join(tree.root, 'moved-sources')]);
    symlinkSync('../outside', tree.sources);
    const before = digest(tree.outside);
    const r = cli(['validate', tree.folder]);
    bounded(r);
    const located = r.stdout.split('\n').filter((l) => /sources\.csv:[23]:\d+: error: the text of source/.test(l));
    expect(located).toHaveLength(2);
    // (The good source is simply not there: the sources folder's own link is not followed.)
    for (const line of located) expect(line).toMatch(/through a symbolic link|cannot be read at \.\.\/sources\/source\.txt$/);
    expect(r.stdout).toContain(`citations: ${GOOD.citations} — 0 found, 0 ambiguous, 0 orphaned, ${GOOD.citations} unchecked (their source text is missing)`);
    expect(digest(tree.outside)).toEqual(before);
  });
});

describe('a table file that is a link out of the matrix is neither read nor written through', () => {
  it('scales.csv linked to a file outside: refused at scales.csv, its first line never printed', () => {
    const tree = hostileTree('../sources/source.txt', { 'scales.csv': undefined });
    symlinkSync('../../outside/target.csv', join(tree.folder, 'scales.csv'));
    const before = digest(tree.outside);
    const r = cli(['validate', tree.folder]);
    bounded(r);
    expect(r.stdout).toContain(`${join(tree.folder, 'scales.csv')}: error: leads outside the matrix folder and its sources folder through a symbolic link`);
    const format = cli(['format', tree.folder]);
    bounded(format);
    expect(format.status).toBe(1);
    expect(format.stderr).toContain('not rewritten');
    expect(digest(tree.outside)).toEqual(before);
  });

  it('format never writes through a linked table, even when the link leads to a file it may read', () => {
    // jurisdictions.csv → a file outside: refused on reading, so format refuses and writes nothing.
    const tree = hostileTree('../sources/source.txt', { 'jurisdictions.csv': undefined });
    symlinkSync('../../outside/target.csv', join(tree.folder, 'jurisdictions.csv'));
    const before = digest(tree.outside);
    const r = cli(['format', tree.folder]);
    bounded(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(tree.folder, 'jurisdictions.csv')}: error: leads outside`);
    expect(digest(tree.outside)).toEqual(before);
  });

  it('a dangling datapackage.json link: format creates nothing outside, and refuses', () => {
    const tree = hostileTree('../sources/source.txt', { 'datapackage.json': undefined });
    symlinkSync('../../outside/created.json', join(tree.folder, 'datapackage.json'));
    const r = cli(['format', tree.folder]);
    bounded(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('datapackage.json: error: is a symbolic link to a file that does not exist');
    expect(readdirSync(tree.outside).sort()).toEqual(['canary.txt', 'target.csv']);
  });
});

describe("a source's original and map are confined as its text is", () => {
  it('an original or a map path out of the matrix is an error at its column; the text itself is still read', () => {
    const tree = hostileTree('../sources/source.txt', {
      'sources.csv': [
        'id,title,authors,year,path,kind,original,map',
        'evil,Evil source,X,2020,../sources/source.txt,pdf,../../outside/canary.txt,/etc/passwd',
        'src,Small source,A. Author,2020,../sources/source.txt,,,',
        '',
      ].join('\n'),
    });
    const before = digest(tree.outside);
    const r = cli(['validate', tree.folder]);
    bounded(r);
    expect(r.status).toBe(1);
    const at = join(tree.folder, 'sources.csv');
    expect(r.stdout).toContain(`${at}:2:51: error: original ../../outside/canary.txt leads outside the matrix folder and its sources folder`);
    expect(r.stdout).toContain(`${at}:2:76: error: map /etc/passwd is absolute`);
    // Both sources' texts are in the matrix: every citation found.
    expect(r.stdout).toContain(`citations: ${GOOD.citations} — ${GOOD.citations} found, 0 ambiguous, 0 orphaned`);
    expect(digest(tree.outside)).toEqual(before);
  });
});

describe('new --like --keep-sources never writes through a link', () => {
  it('a link where a kept source text would go: refused, nothing created outside', () => {
    const tree = hostileTree('../sources/source.txt', {
      'sources.csv': 'id,title,authors,year,path\nsrc,Small source,A. Author,2020,../sources/source.txt\n',
      'cells.csv': undefined,
      'citations.csv': undefined,
    });
    // The new matrix goes to <root>/other/fresh: its kept source text to <root>/other/sources/source.txt, a dangling link out.
    const other = join(tree.root, 'other');
    mkdirSync(join(other, 'sources'), { recursive: true });
    symlinkSync('../../outside/created.txt', join(other, 'sources', 'source.txt'));
    const r = cli(['new', join(other, 'fresh'), '--title', 'Fresh', '--like', tree.folder, '--keep-sources']);
    bounded(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(other, 'sources', 'source.txt')}: error: `);
    expect(readdirSync(tree.outside).sort()).toEqual(['canary.txt', 'target.csv']);
  });
});
