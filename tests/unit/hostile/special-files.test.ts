/**
 * Table files that are not files, or too large to read (docs/security.md, "Limits"): every
 * command says so at the file (line 0 in a JSON report) and goes on with the rest — no Node stack trace, no V8 abort,
 * no hang — and none reads more than the limit.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderReader } from '../../../src/cli/node-reader.ts';
import { MATRIX_FILES, readMatrix } from '../../../src/model/format/read.ts';
import { CRASH, buildCli, cli, digest, hostileTree, removeTemporaryFolders, unprivilegedCanRun, type Tree } from './support.ts';

beforeAll(buildCli);
afterAll(removeTemporaryFolders);

const COMMANDS: [string, (folder: string) => string[]][] = [
  ['validate', (f) => ['validate', f]],
  ['validate --json', (f) => ['validate', '--json', f]],
  ['format', (f) => ['format', f]],
  ['brief', (f) => ['brief', f, '--format', 'md', '--out', '-']],
  ['compare', (f) => ['compare', f]],
  ['export', (f) => ['export', f, '--format', 'wide-csv', '--out', '-']],
];

/** Each command on `tree`: exit 1, the file's refusal said at the file (line 0 in the JSON report), bounded, no crash. */
function everyCommand(tree: Tree, file: string, refusal: RegExp, bounds = { ms: 20_000, mib: 400 }, unprivileged = false): void {
  const before = digest(tree.outside);
  for (const [name, args] of COMMANDS) {
    const r = cli(args(tree.folder), { unprivileged });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(output, name).not.toMatch(CRASH);
    expect(r.status, `${name}: ${output}`).toBe(1);
    expect(r.ms, `${name} took ${Math.round(r.ms)} ms`).toBeLessThan(bounds.ms);
    expect(r.peakMiB, `${name}: peak memory ${Math.round(r.peakMiB)} MiB`).toBeLessThan(bounds.mib);
    if (name === 'validate --json') {
      const problems = JSON.parse(r.stdout).matrices[0].problems as { file: string; line: number; column: number; message: string }[];
      expect(problems.find((p) => p.file === file && p.line === 0 && p.column === 0)?.message, name).toMatch(refusal);
    } else {
      const located = output.split('\n').find((l) => l.startsWith(`${join(tree.folder, file)}: error: `));
      expect(located, `${name}: ${output}`).toMatch(refusal);
    }
  }
  expect(digest(tree.outside)).toEqual(before);
}

describe('a table that is not a regular file', () => {
  it('cells.csv is a folder', () => {
    const tree = hostileTree('../sources/source.txt', { 'cells.csv': undefined });
    mkdirSync(join(tree.folder, 'cells.csv'));
    everyCommand(tree, 'cells.csv', /is a folder, not a file/);
  });

  it('citations.csv is a named pipe', () => {
    const tree = hostileTree('../sources/source.txt', { 'citations.csv': undefined });
    execFileSync('mkfifo', [join(tree.folder, 'citations.csv')]);
    everyCommand(tree, 'citations.csv', /not a regular file/);
  });

  it('sources.csv is a link to /dev/zero', () => {
    const tree = hostileTree('../sources/source.txt', { 'sources.csv': undefined });
    symlinkSync('/dev/zero', join(tree.folder, 'sources.csv'));
    everyCommand(tree, 'sources.csv', /through a symbolic link/);
  });

  it('dimensions.csv is a loop of links', () => {
    const tree = hostileTree('../sources/source.txt', { 'dimensions.csv': undefined });
    symlinkSync('dimensions.csv', join(tree.folder, 'dimensions.csv'));
    everyCommand(tree, 'dimensions.csv', /loop of symbolic links/);
  });
});

// Skipped only when the tests run as root inside a folder user nobody cannot enter (the
// unreadable file must be unreadable to the command, and root reads every file).
describe.skipIf(!unprivilegedCanRun())('a file the user may not read', () => {
  /** The tree readable by everyone but `locked`, which nobody but root may read. */
  function lock(tree: Tree, locked: string): void {
    execFileSync('chmod', ['-R', 'a+rX', tree.root]);
    chmodSync(locked, 0o000);
  }

  it('cells.csv without read permission: every command says so at cells.csv', () => {
    const tree = hostileTree('../sources/source.txt');
    lock(tree, join(tree.folder, 'cells.csv'));
    everyCommand(tree, 'cells.csv', /^.*permission denied: the file cannot be read$/, undefined, true);
  });

  it('a source text without read permission: located at its row of sources.csv', () => {
    const tree = hostileTree('../sources/source.txt');
    lock(tree, join(tree.sources, 'source.txt'));
    const r = cli(['validate', tree.folder], { unprivileged: true });
    expect(`${r.stdout}${r.stderr}`).not.toMatch(CRASH);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${join(tree.folder, 'sources.csv')}:2:`);
    expect(r.stdout).toMatch(/sources\.csv:3:\d+: error: the text of source "src" cannot be read at \.\.\/sources\/source\.txt: permission denied: the file cannot be read/);
  });
});

describe('a file over the size limit is refused by its size, before it is read', () => {
  it('a 600 MB cells.csv: refused at cells.csv in a fraction of the time and memory reading it would take', () => {
    const tree = hostileTree('../sources/source.txt', { 'cells.csv': undefined });
    // A sparse file: 600 MB long, no disk used.
    const fd = openSync(join(tree.folder, 'cells.csv'), 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    everyCommand(tree, 'cells.csv', /the file is 600 MiB, over the limit of 128 MiB for one file; it was not read/, { ms: 20_000, mib: 250 });
    rmSync(tree.root, { recursive: true, force: true });
  });

  it('the files of a matrix together over the total limit: the file that passes it is refused, the rest read', async () => {
    const tree = hostileTree('../sources/source.txt');
    const limits = { fileBytes: 1000, totalBytes: 1500, zipBytes: 1000, zipEntries: 10 };
    const bundle = await readMatrix(folderReader(tree.folder, limits), 'small');
    const refused = bundle.problems.filter((p) => /together pass the limit of 1.5 KiB/.test(p.message));
    expect(refused.length).toBeGreaterThan(0);
    // What fits is read: fewer files refused than there are.
    const refusedFiles = new Set(bundle.problems.filter((p) => p.line === 0 && p.severity === 'error').map((p) => p.file));
    expect(refusedFiles.size).toBeLessThan(7);
    // Together, the files read never pass the total.
    const read = MATRIX_FILES.filter((f) => !refusedFiles.has(f) && existsSync(join(tree.folder, f))).reduce((n, f) => n + statSync(join(tree.folder, f)).size, 0) +
      [...bundle.sourceTexts.values()].reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(1500);
    const over = await readMatrix(folderReader(tree.folder, { ...limits, fileBytes: 100 }), 'small');
    expect(over.problems.find((p) => p.file === 'cells.csv')?.message).toMatch(/^the file is \d+ bytes, over the limit of 100 bytes for one file; it was not read$/);
  });
});
