/** `policy-matrix replace-source`: a new version of a source, every citation re-anchored and reported; changes suggested, never made silently. */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const OLD = [
  'Section one. Families are not detained in the north.',
  'Section two. Detention of families ended in 2019 after a court ruling.',
  'Section three. Visa policy is harmonized across the union.',
  'Section four. Claimants may work after six months.',
  '',
].join('\n\n');
const NEW = [
  'Section one. Families are not detained in the north.',
  'A paragraph added in the revised edition.',
  'Section two. Detention of families ended in 2020 after a court ruling.',
  'Renumbered as section five: Visa policy is harmonized across the union, the revised edition says.',
  '',
].join('\n\n');

function matrixWithReport(): { folder: string; newFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-matrix-'));
  const folder = join(dir, 'small');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(smallMatrixTexts())) if (text !== undefined) writeFileSync(join(folder, name), text);
  writeFileSync(join(dir, 'report.txt'), OLD);
  writeFileSync(join(dir, 'report-revised.txt'), NEW);
  expect(cli('add-source', folder, join(dir, 'report.txt'), '--title', 'Report').status).toBe(0);
  appendFileSync(join(folder, 'citations.csv'), [
    'detention,north,2,report,Families are not detained in the north,,,',
    'stc,north,2,report,Visa policy is harmonized across the union,,,',
    'detention,south,2,report,Detention of families ended in 2019 after a court ruling,,,',
    'year,south,1,report,Claimants may work after six months,,,',
    '',
  ].join('\n'));
  expect(cli('validate', folder).status).toBe(0);
  return { folder, newFile: join(dir, 'report-revised.txt') };
}

const citation = (folder: string, key: string) => readFileSync(join(folder, 'citations.csv'), 'utf8').split('\n').find((l) => l.startsWith(key)) ?? '';

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix replace-source', () => {
  it('reports each citation as unchanged, moved, changed (old and new, similarity) or orphaned, and attaches no change unasked', () => {
    const { folder, newFile } = matrixWithReport();
    const r = cli('replace-source', folder, 'report', newFile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('4 citations — 1 unchanged, 1 moved, 1 changed, 0 ambiguous, 1 orphaned');
    expect(r.stdout).toMatch(/unchanged +detention\/north\/2/);
    expect(r.stdout).toMatch(/moved +stc\/north\/2/);
    expect(r.stdout).toMatch(/changed +detention\/south\/2: a close passage, similarity 0\.\d\d — suggested, not attached \(--accept detention\/south\/2 takes it\)\n +old: “Detention of families ended in 2019 after a court ruling”\n +new: “Detention of families ended in 2020 after a court ruling”/);
    expect(r.stdout).toMatch(/orphaned +year\/south\/1: .*; kept as it is/);
    expect(r.stdout).toContain("the earlier version's files are kept (sources/report.txt)");
    // The new version is the source's text now; the earlier one is still there.
    expect(readFileSync(join(folder, 'sources', 'report-revised.txt'), 'utf8')).toBe(NEW);
    expect(readFileSync(join(folder, 'sources', 'report.txt'), 'utf8')).toBe(OLD);
    // Not accepted: the changed citation keeps its old quote; validate says it is not found.
    expect(citation(folder, 'detention,south,2')).toContain('ended in 2019');
    const v = cli('validate', folder);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('2 errors');
  });

  it('takes a suggestion when accepted; --dry-run writes nothing', () => {
    const { folder, newFile } = matrixWithReport();
    const before = readFileSync(join(folder, 'sources.csv'), 'utf8');
    const dry = cli('replace-source', folder, 'report', newFile, '--accept', 'detention/south/2', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    expect(readFileSync(join(folder, 'sources.csv'), 'utf8')).toBe(before);
    expect(existsSync(join(folder, 'sources', 'report-revised.txt'))).toBe(false);

    const r = cli('replace-source', folder, 'report', newFile, '--accept', 'detention/south/2');
    expect(r.stdout).toMatch(/changed +detention\/south\/2: a close passage, similarity 0\.\d\d — accepted/);
    expect(citation(folder, 'detention,south,1,2')).toContain('ended in 2020');
    const v = cli('validate', folder);
    expect(v.stdout).toContain('1 error');
  });

  it('is a wrong call for a source or a citation that is not there', () => {
    const { folder, newFile } = matrixWithReport();
    expect(cli('replace-source', folder, 'nope', newFile).stderr).toContain('there is no source "nope"');
    expect(cli('replace-source', folder, 'report', newFile, '--accept', 'x/y/9').status).toBe(2);
  });
});
