/**
 * `policy-matrix compare` on the hand-made fixture (figures worked out in compare.test.ts
 * and docs/compare.md), run as a user runs it: the built command in a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const FIXTURE = join('tests', 'fixtures', 'compare', 'matrix');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix compare', () => {
  it('prints each dimension side by side with its convergence, then the figures per pair', () => {
    const r = cli('compare', FIXTURE, '--jurisdictions', 'aa,bb,cc');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines[0]).toBe('Comparison test matrix: Alpha vs Beta vs Gamma');
    expect(lines[1]).toBe('6 dimensions: 3 far apart, 1 one step apart, 1 same level, 1 not comparable');
    expect(lines).toContain('dimension Alpha Beta Gamma convergence');
    expect(lines).toContain('Common visa Full 5/5 Full 5/5 Middle 3/5 far apart: 2 steps');
    expect(lines).toContain('Border checks removed High 4/5 Middle 3/5 High 4/5 one step apart');
    expect(lines).toContain('Detention Lenient 1/3 Strict 3/3 (not in source) far apart: 2 steps (2 of 3 sides)');
    expect(lines).toContain('Access to work Moderate 2/3 (draft) Moderate 2/3 same level (2 of 3 sides)');
    expect(lines).toContain('Removals 5 people 7 people 5 people not comparable: no scale (number values)');
    // pair, n, same, one step, far, same-level share, mean distance, mean normalised distance
    expect(lines).toContain('Alpha – Beta 4 2 1 1 50% 0.75 0.31');
    expect(lines).toContain('Alpha – Gamma 4 2 0 2 50% 1.00 0.38');
    expect(lines).toContain('Beta – Gamma 3 0 1 2 0% 1.67 0.58');
  });

  it('compares groups by name, and sorts by divergence', () => {
    const r = cli('compare', FIXTURE, '--jurisdictions', 'West,East', '--sort', 'divergence');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    const table = lines.slice(lines.findIndex((l) => l.startsWith('dimension')) + 1, lines.indexOf('', 4));
    expect(table.map((l) => l.split(/ (?:Lenient|Strict|Full|High|Moderate|5 people)/)[0])).toEqual([
      'Detention', 'Returns', 'Common visa', 'Border checks removed', 'Access to work', 'Removals',
    ]);
    expect(lines).toContain('West – East 5 1 1 3 20% 1.40 0.55');
    expect(lines).toContain('between jurisdictions:');
  });

  it('prints the same structure as JSON', () => {
    const r = cli('compare', FIXTURE, '--jurisdictions=West,East', '--json', '--theme', 'Asylum', '--only-differences');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sides).toEqual([
      { kind: 'group', id: 'West', label: 'West', members: ['aa'], memberLabels: ['Alpha'] },
      { kind: 'group', id: 'East', label: 'East', members: ['bb', 'cc'], memberLabels: ['Beta', 'Gamma'] },
    ]);
    expect(report.dimensionsInScope).toBe(4);
    expect(report.counts).toEqual({ same: 1, adjacent: 0, far: 2, not_comparable: 1 });
    expect(report.dimensions.map((d: { id: string }) => d.id)).toEqual(['detention', 'returns']);
    const detention = report.dimensions[0];
    expect(detention).toMatchObject({ convergence: 'far', gap: 2, normalisedGap: 1, levels: 3, comparedSides: 2 });
    expect(detention.cells.find((c: { jurisdiction: string }) => c.jurisdiction === 'cc')).toMatchObject({
      side: 'East', evidence: 'not_in_source', compared: false, rank: null, note: 'Not in source',
    });
    // Asylum only: detention 2 (1), work 0, returns 2 (1) → n 3, same 1, far 2, mean 4/3, normalised 2/3.
    const [pair] = report.sidePairs;
    expect(pair).toMatchObject({ a: 'West', b: 'East', n: 3, same: 1, adjacent: 0, far: 2, dimensions: ['detention', 'work', 'returns'] });
    expect(pair.meanDistance).toBeCloseTo(4 / 3, 12);
    expect(pair.meanNormalisedDistance).toBeCloseTo(2 / 3, 12);
  });

  it('exits 2 on a wrong call: unknown option, unknown side, overlapping sides, one side, unknown theme', () => {
    for (const [args, message] of [
      [['--frob'], 'unknown option --frob'],
      [['--jurisdictions', 'aa,zz'], 'unknown jurisdiction or group "zz" (jurisdictions: aa, bb, cc; groups: West, East)'],
      [['--jurisdictions', 'East,cc'], '"cc" overlaps "East": cc cannot be on two sides'],
      [['--jurisdictions', 'aa'], 'compare needs at least two jurisdictions or groups'],
      [['--theme', 'Nothing'], 'unknown theme "Nothing" (themes: Borders, Asylum)'],
      [['--sort', 'sideways'], '--sort "sideways" is not one of order, divergence'],
    ] as const) {
      const r = cli('compare', FIXTURE, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(cli('compare').status).toBe(2);
  });

  it('exits 1 when the matrix has errors: flagged cells are shown but not compared', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'policy-compare-')), 'm');
    cpSync(join(root, 'tests', 'fixtures', 'compare'), dir, { recursive: true });
    const citations = join(dir, 'matrix', 'citations.csv');
    writeFileSync(citations, readFileSync(citations, 'utf8').replace('Gamma keeps a visa list of its own', 'Gamma keeps no visa list'));
    const r = cli('compare', join(dir, 'matrix'), '--jurisdictions', 'aa,cc');
    expect(r.status).toBe(1);
    expect(r.stdout.replace(/ +/g, ' ')).toContain('Common visa Full 5/5 (flagged) not comparable: no evidence on both sides (Gamma: flagged)');
    expect(r.stderr).toContain('citations.csv:4:');
    expect(r.stderr).toContain('flagged cells are shown but not compared');
  });

  it('exits 1 when there is no matrix folder', () => {
    const r = cli('compare', join(tmpdir(), 'no-such-matrix-folder'), '--jurisdictions', 'a,b');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no matrix folder here');
  });

  it('runs on the bundled matrix, EU against North America', () => {
    const r = cli('compare', 'matrices/eu-north-america', '--jurisdictions', 'EU,North America', '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sides.map((s: { id: string }) => s.id)).toEqual(['EU', 'North America']);
    expect(report.sidePairs[0].n).toBeGreaterThan(0);
    expect(report.jurisdictionPairs.length).toBe(6);
  });
});
