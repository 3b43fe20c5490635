import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { timeFolderFiles } from './support/time-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let folder = '';

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-')), 'in-time');
  mkdirSync(folder);
  // A second jurisdiction (the source says nothing of it), so that there is something to compare.
  const files = timeFolderFiles();
  files['jurisdictions.csv'] += 'us,United States,NA,2\n';
  files['cells.csv'] += ['nexus', 'detention', 'visa', 'newrule'].map((d) => `${d},us,1,,,,,,not_in_source,,no,\n`).join('');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
});

describe('cells in time on the command line', () => {
  it('changes lists what changed between two dates, with its direction', () => {
    const r = cli('changes', folder, '--from', '2000', '--to', '2005');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('changes from 2000 to 2005: 3 cells');
    expect(r.stdout).toContain('NEXUS sites — Canada: more integrated\n  2000: 1 (as of 2000-06)\n  2005: 11 (as of 2003)');
    expect(r.stdout).toContain('Detention — Canada: less restrictive\n  2000: Strict [Strict] (as of 1999)\n  2005: Lenient [Lenient] (as of 2004)');
    expect(r.stdout).toContain('New rule — Canada: new value\n  2000: (Not yet in force)');
    const json = JSON.parse(cli('changes', folder, '--from', '2000', '--to', '2005', '--json').stdout);
    expect(json.changes.map((c: { dimension: string; direction: string }) => `${c.dimension} ${c.direction}`)).toEqual(['nexus more', 'detention less', 'newrule none']);
    expect(cli('changes', folder, '--from', '2000').status).toBe(2);
    expect(cli('changes', folder, '--from', '2000-13', '--to', '2001').stderr).toContain('--from "2000-13" is not a date');
  });

  it('brief --as-of shows the values of that date, states the period and dates each value', () => {
    const r = cli('brief', folder, '--format', 'md', '--out', '-', '--as-of', '2000', '--date', '2006-01-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Values as of 2000; they describe 1999 to 2000-06.');
    expect(r.stdout).toMatch(/\| \*\*NEXUS sites\*\* \| 1 site\[\^1\] · as of 2000-06 \|/);
    expect(r.stdout).toContain('Strict');
    expect(r.stdout).not.toContain('Lenient');
    // The new rule comes into force in 2005: as of 2000 it is not yet in force, not missing.
    expect(r.stdout).toContain('| **New rule** | *Not yet in force* |');
    expect(r.stdout).not.toContain('No entry');
    const latest = cli('brief', folder, '--format', 'md', '--out', '-', '--date', '2006-01-01').stdout;
    expect(latest).toContain('Latest values; they describe 2003 to 2005. 1 value is undated.');
    expect(latest).toContain('Lenient');
    expect(cli('brief', folder, '--format', 'md', '--out', '-', '--as-of', 'soon').status).toBe(2);
  });

  it('compare --as-of compares the values of that date', () => {
    const asOf = JSON.parse(cli('compare', folder, '--as-of', '2000', '--json').stdout);
    const latest = JSON.parse(cli('compare', folder, '--json').stdout);
    const value = (report: { dimensions: { id: string; cells: { value: string }[] }[] }, id: string) => report.dimensions.find((d) => d.id === id)?.cells[0].value;
    expect(value(asOf, 'detention')).toBe('Strict');
    const note = (report: { dimensions: { id: string; cells: { note: string | null }[] }[] }, id: string) => report.dimensions.find((d) => d.id === id)?.cells[0].note;
    expect(note(asOf, 'newrule')).toBe('Not yet in force');
    expect(cli('compare', folder, '--as-of', '1998').stdout).toMatch(/NEXUS sites\s+\(not yet observed\)/);
    expect(value(latest, 'detention')).toBe('Lenient');
  });

  it('codebook writes each dimension\'s basis, rules and levels', () => {
    const md = cli('codebook', folder, '--format', 'md');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('### Detention');
    expect(md.stdout).toContain('- **Coding basis:** De facto — observed practice');
    expect(md.stdout).toContain('Count the sites the source names');
    expect(md.stdout).toContain('| 2 | Strict |   | yes |');
    const html = cli('codebook', folder, '--format', 'html').stdout;
    expect(html).toContain('<h3 id="dim-detention">Detention</h3>');
    expect(cli('codebook', folder, '--format', 'pdf').stderr).toContain('a PDF needs a file: give --out <file>.pdf');
  });
});
