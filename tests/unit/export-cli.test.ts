import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMatrixZip } from '../../src/model/export/zip.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { folderReader } from '../../src/cli/node-reader.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const bundled = join(root, 'matrices', 'eu-north-america');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'policy-matrix-export-'));

function writeMatrix(texts: Record<string, string | undefined>): string {
  const folder = join(tmp(), 'small');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(texts)) if (text !== undefined) writeFileSync(join(folder, name), text);
  return folder;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix export --format canonical', () => {
  it('writes a self-contained zip that reads back as the same matrix', async () => {
    const out = join(tmp(), 'eu.zip');
    const r = cli('export', bundled, '--format', 'canonical', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('zip of eu-north-america/ (7 files) and 1 source text');
    const original = await readMatrix(folderReader(bundled), 'eu-north-america');
    const back = await readMatrixZip(new Uint8Array(readFileSync(out)), 'eu.zip');
    expect(back.bundle.problems).toEqual([]);
    expect(saveMatrix(back.bundle.matrix)).toEqual(saveMatrix(original.matrix));
    expect([...back.bundle.sourceTexts]).toEqual([...original.sourceTexts]);
  });

  it('writes the canonical files into a folder and the source text at its path beside it; the copy validates', () => {
    const out = join(tmp(), 'copy');
    const r = cli('export', bundled, '--format', 'canonical', '--out', out);
    expect(r.status).toBe(0);
    for (const name of ['datapackage.json', 'cells.csv', 'citations.csv', 'sources.csv']) {
      expect(readFileSync(join(out, name), 'utf8')).toBe(readFileSync(join(bundled, name), 'utf8'));
    }
    expect(existsSync(join(out, '..', 'sources', 'security-in-the-americas.txt'))).toBe(true);
    const v = cli('validate', out);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('348 found');
  });

  it('reads a zip as input too', () => {
    const zip = join(tmp(), 'm.zip');
    expect(cli('export', bundled, '--format', 'canonical', '--out', zip).status).toBe(0);
    const r = cli('export', zip, '--format', 'wide-csv', '--out', '-');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Dimension,European Union,Canada,United States,Mexico');
  });

  it('does not overwrite a different file where a source text goes', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sources'));
    writeFileSync(join(dir, 'sources', 'security-in-the-americas.txt'), 'something else');
    const r = cli('export', bundled, '--format', 'canonical', '--out', join(dir, 'copy'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a different file is already there');
    expect(readFileSync(join(dir, 'sources', 'security-in-the-americas.txt'), 'utf8')).toBe('something else');
  });
});

describe('policy-matrix export --format wide-csv', () => {
  it('prints the view to standard output', () => {
    const r = cli('export', writeMatrix(smallMatrixTexts()), '--format', 'wide-csv', '--out', '-');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Dimension,North,South\nSafe third country,Yes,Yes\nDetention,Rare [Rare],Common [Common]\nYear in force,Not in source,Not in source\n');
    expect(r.stderr).toContain('standard output: wide CSV, 3 dimensions × 2 jurisdictions');
  });

  it('writes a file (with a byte-order mark for spreadsheets) whose fields are inert', () => {
    const texts = smallMatrixTexts();
    const folder = writeMatrix({ ...texts, 'cells.csv': texts['cells.csv']!.replace('Rare,rare', '"=HYPERLINK(""http://x"")",rare') });
    const out = join(tmp(), 'wide.csv');
    const r = cli('export', folder, '--format', 'wide-csv', '--out', out);
    expect(r.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFDimension,North,South\n')).toBe(true);
    expect(text).toContain(`Detention,"'=HYPERLINK(""http://x"") [Rare]",Common [Common]`);
  });
});

describe('policy-matrix export: errors', () => {
  it('refuses a matrix with load errors (exit 1), and with --force exports it and says what was kept', () => {
    const texts = smallMatrixTexts();
    const folder = writeMatrix({ ...texts, 'cells.csv': texts['cells.csv']!.replace('stc,south,yes,,2004-12,supported,', 'stc,south,yes,,2004-12,maybe,') });
    const out = join(tmp(), 'x.csv');
    const refused = cli('export', folder, '--format', 'wide-csv', '--out', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${join(folder, 'cells.csv')}:3:`);
    expect(refused.stderr).toContain('not exported: 1 load error');
    expect(existsSync(out)).toBe(false);

    const forced = cli('export', folder, '--format', 'canonical', '--out', join(tmp(), 'x.zip'), '--force');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('exporting despite 1 load error (--force): every row was kept as read — 3 dimensions, 2 jurisdictions, 2 scale levels, 6 cells, 4 citations, 1 source (1 with text)');
  });

  it.each([
    [[], 'export needs a matrix folder'],
    [['m'], '--format is needed'],
    [['m', '--format', 'pdf', '--out', 'x'], '--format "pdf" is not one of canonical, wide-csv'],
    [['m', '--format', 'wide-csv'], '--out is needed'],
    [['m', '--format', 'canonical', '--out', '-'], 'canonical export writes several files'],
    [['m', '--format', 'canonical', '--out', 'x', '--zip'], 'unknown option --zip'],
    [['a', 'b', '--format', 'canonical', '--out', 'x'], 'one matrix folder, please'],
  ])('exits 2 on a wrong call %j', (args, message) => {
    const r = cli('export', ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: policy-matrix export');
  });

  it('says so when there is no matrix (exit 1)', () => {
    const r = cli('export', join(tmpdir(), 'no-such-matrix'), '--format', 'wide-csv', '--out', '-');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no matrix folder (or zip of one) here');
  });
});
