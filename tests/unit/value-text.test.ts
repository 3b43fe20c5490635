/**
 * A number's unit reads as a reader would say it — "1 site", "11 sites", "1 person per year" —
 * wherever a value is shown: the grid and Compare (displayValue), briefings, the wide CSV and
 * `policy-matrix compare`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayValue } from '../../src/components/policy-matrix/rows.ts';
import { briefingValue } from '../../src/model/briefing/index.ts';
import { wideCellText } from '../../src/model/export/wide-csv.ts';
import { makeCell, makeDimension } from '../../src/model/make.ts';
import type { Matrix } from '../../src/model/types.ts';
import { unitFor, withUnit } from '../../src/model/value-text.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const BUNDLED = join(root, 'matrices', 'eu-north-america');

const sites = makeDimension({ id: 'nexus', label: 'NEXUS sites', valueType: 'number', unit: 'sites' });

describe('a number with its unit', () => {
  it('is singular after 1, plural otherwise, in every view', () => {
    for (const shown of [displayValue, briefingValue]) {
      expect(shown(sites, '1')).toBe('1 site');
      expect(shown(sites, '11')).toBe('11 sites');
      expect(shown(sites, '0')).toBe('0 sites');
      expect(shown(sites, '1.5')).toBe('1.5 sites');
    }
    const matrix = { citations: [] } as unknown as Matrix;
    expect(wideCellText(matrix, sites, makeCell({ dimension: 'nexus', jurisdiction: 'us', value: '1', status: 'supported' }))).toBe('1 site');
  });

  it('makes the unit\'s head noun singular, and leaves alone what is not a plural', () => {
    expect(unitFor('1', 'countries')).toBe('country');
    expect(unitFor('1', 'people per year')).toBe('person per year');
    expect(unitFor('-1', 'asylum claims')).toBe('asylum claim');
    expect(unitFor('1', 'cases in court')).toBe('case in court');
    expect(unitFor('1', 'processes')).toBe('process');
    expect(unitFor('1', 'boxes')).toBe('box');
    expect(unitFor('1', 'days')).toBe('day');
    for (const unit of ['km', 'EUR', 'status', 'per cent', 'analysis', 'US$']) expect(unitFor('1', unit)).toBe(unit);
    expect(unitFor('2', 'people per year')).toBe('people per year');
    expect(withUnit('1', '%')).toBe('1%');
    expect(withUnit('1', '')).toBe('1');
  });

  it('reads "1 site" in a briefing and in `policy-matrix compare` of the bundled matrix as of mid-2000', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'policy-matrix-units-')), 'brief.md');
    const brief = spawnSync(process.execPath, [bin, 'brief', BUNDLED, '--format', 'md', '--as-of', '2000-07', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(brief.status, brief.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/\| 1 site\[\^\d+\]/);
    expect(md).not.toContain('1 sites');
    const compare = spawnSync(process.execPath, [bin, 'compare', BUNDLED, '--as-of', '2000-07'], { cwd: root, encoding: 'utf8' });
    expect(compare.status, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/Trusted-traveller lane sites .* 1 site /);
    expect(compare.stdout).not.toContain('1 sites');
  });
});
