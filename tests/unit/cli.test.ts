import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMALL_SOURCE, smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeMatrix(texts: Record<string, string | undefined>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-matrix-'));
  const folder = join(dir, 'small');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(texts)) if (text !== undefined) writeFileSync(join(folder, name), text);
  return folder;
}

beforeAll(() => {
  // The command line runs from its bundle; build it from the current sources.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix validate', () => {
  it('passes a good matrix with a coverage summary and exit status 0', () => {
    const r = cli('validate', writeMatrix(smallMatrixTexts()));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('cells: 6 — 4 supported, 2 not in source, 0 draft, 0 flagged');
    expect(r.stdout).toContain('citations: 4 — 4 found, 0 ambiguous, 0 orphaned');
    // A format 1 matrix: its coded cells have no confidence or date, its dimensions no basis.
    expect(r.stdout).toContain('0 errors, 6 warnings');
    expect(r.stdout).toContain('warning: dimension "Detention" has coded cells but no coding basis');
  });

  it('prints each problem as file:line:column: message and exits 1', () => {
    const texts = smallMatrixTexts();
    const folder = writeMatrix({
      ...texts,
      'cells.csv': texts['cells.csv']!.replace('Rare,rare', 'Rare,seldom'),
      'citations.csv': texts['citations.csv']!.replace('but common in the south', 'but frequent in the south'),
    });
    const r = cli('validate', folder);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`${join(folder, 'cells.csv')}:4:22: error: level "seldom" is not on scale "frequency" of dimension "detention" (levels: rare, common)`);
    expect(lines.some((l) => l.startsWith(`${join(folder, 'citations.csv')}:5:23: error: citation 1 of cell (detention, south) is orphaned`))).toBe(true);
    expect(r.stdout).toContain('citations: 4 — 3 found, 0 ambiguous, 1 orphaned');
  });

  it('reports as JSON every citation with its cell, source, status and range', () => {
    const r = cli('validate', '--json', writeMatrix(smallMatrixTexts()));
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout).matrices[0];
    expect(report.errors).toBe(0);
    expect(report.citations).toHaveLength(4);
    const c = report.citations.find((x: { dimension: string; jurisdiction: string }) => x.dimension === 'detention' && x.jurisdiction === 'south');
    expect(c).toMatchObject({ source: 'src', status: 'found', seq: 1 });
    const text = smallMatrixTexts()['source.txt']!;
    expect(text.slice(c.range.start, c.range.end)).toBe('but com-\nmon in the south');
  });

  it('says so when the folder does not exist, and exits 1', () => {
    const r = cli('validate', join(tmpdir(), 'no-such-matrix-folder'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no matrix folder here');
  });

  it('explains its usage on a wrong call (exit 2)', () => {
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});

describe('the bundled matrices', () => {
  const folders = readdirSync(join(root, 'matrices'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'matrices', d.name, 'cells.csv')))
    .map((d) => join('matrices', d.name));

  it('exist', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it.each(folders)('%s validates with 0 errors, no warning but its format 2 columns, every citation found and no cell flagged', (folder) => {
    const r = cli('validate', '--json', folder);
    const report = JSON.parse(r.stdout).matrices[0];
    // No problem at all: the codebook's warnings included.
    expect(report.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(report.coverage.citations).toBeGreaterThan(0);
    expect(report.coverage.found).toBe(report.coverage.citations);
    expect(report.coverage.flagged).toBe(0);
    expect(report.coverage.cells).toBe(report.coverage.supported + report.coverage.notInSource);
  });
});

describe('policy-matrix format', () => {
  it('writes the canonical files with each found quote\'s position, and then changes nothing', () => {
    const folder = writeMatrix(smallMatrixTexts());
    const first = cli('format', folder);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('rewritten in canonical form');
    const citations = readFileSync(join(folder, 'citations.csv'), 'utf8').split('\n');
    expect(citations[0]).toBe('dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution,start,end');
    const at = SMALL_SOURCE.indexOf('Detention of claimants is rare in the north');
    expect(citations).toContain(`detention,north,1,1,src,Detention of claimants is rare in the north,,,,states,,${at},${at + 43}`);
    // Every citation of the small matrix is found, so every one has a position.
    expect(citations.filter((l) => l !== '').slice(1).every((l) => /,\d+,\d+$/.test(l))).toBe(true);
    expect(cli('format', folder).stdout).toContain('0 files rewritten');
    expect(cli('validate', folder).stdout).toContain('citations: 4 — 4 found');
  });
});
