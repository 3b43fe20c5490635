/**
 * Zips someone sent (docs/security.md, "Limits"): `validate` reads the zip `export` writes;
 * a zip is held to its limits (entries, declared and actual expansion, total) before and while
 * it is inflated; only the entries the matrix uses are ever inflated; no hang, no crash.
 */
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandZips, readMatrixZip, unzipFiles, writeMatrixZip, zipFiles } from '../../../src/model/export/zip.ts';
import { openFileSet } from '../../../src/model/format/file-set.ts';
import { readMatrix } from '../../../src/model/format/read.ts';
import { CRASH, GOOD, buildCli, cli, hostileTree, removeTemporaryFolders, temporaryFolder } from './support.ts';
import { declare, deflatedRun, rawZipWith } from './zip-craft.ts';
import { smallMatrixTexts, textsReader } from '../support/small-matrix.ts';

beforeAll(buildCli);
afterAll(removeTemporaryFolders);

const tmp = () => temporaryFolder('policy-matrix-zip-');

/** The small matrix as `export` zips it. */
async function smallZip(): Promise<Uint8Array> {
  const bundle = await readMatrix(textsReader(smallMatrixTexts()), 'small');
  return writeMatrixZip(bundle.matrix, bundle.sourceTexts).bytes;
}

/** The small matrix's zip with its cells.csv replaced by `cells`. */
async function withCells(cells: { data: Uint8Array; declared: number }): Promise<Uint8Array> {
  const files = unzipFiles(await smallZip());
  files.delete('small/cells.csv');
  return rawZipWith(files, { name: 'small/cells.csv', ...cells });
}

describe('validate reads the zip that export writes', () => {
  it('the same report as the folder, problems located inside the zip', () => {
    const tree = hostileTree('../sources/source.txt');
    const out = join(tmp(), 'small.zip');
    expect(cli(['export', tree.folder, '--format', 'canonical', '--out', out]).status).toBe(0);
    const folder = cli(['validate', tree.folder]);
    const zipped = cli(['validate', out]);
    expect(zipped.status).toBe(0);
    // Each problem located in its own copy (the folder's files, the zip's entries); export
    // writes the canonical form, whose columns may lie elsewhere than the folder's: the same
    // problems of the same files (listed by position, so compared as sets of lines).
    const report = (stdout: string, ...where: string[]) => stdout.split('\n').map((l) => {
      for (const w of where) l = l.replace(w, '<matrix>');
      return l.replace(/^(<matrix>\/[\w.]+):\d+(?::\d+)?: /, '$1: ');
    }).sort();
    expect(report(zipped.stdout, join(out, 'small'), out)).toEqual(report(folder.stdout, tree.folder));
    expect(zipped.stdout).toContain(`citations: ${GOOD.citations} — ${GOOD.citations} found, 0 ambiguous, 0 orphaned`);
    // With a problem: located as <zip>/<matrix folder>/<file>:line:column.
    const bad = join(tmp(), 'bad.zip');
    const texts = smallMatrixTexts({ 'cells.csv': smallMatrixTexts()['cells.csv']!.replace('Rare,rare', 'Rare,seldom') });
    writeFileSync(bad, zipFiles(Object.entries(texts).map(([name, text]) => [name === 'source.txt' ? name : `small/${name}`, text!] as [string, string]).map(([n, t]) => [n === 'source.txt' ? 'small/source.txt' : n, t])));
    const r = cli(['validate', bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${join(bad, 'small', 'cells.csv')}:4:22: error: level "seldom" is not on scale "frequency"`);
    const json = cli(['validate', '--json', bad]);
    expect(JSON.parse(json.stdout).matrices[0].errors).toBe(1);
  });

  it('a file that is not a zip, or no file at all, is said so', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.zip'), 'id,label\n');
    const r = cli(['validate', join(dir, 'x.zip'), join(dir, 'none.zip')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'x.zip')}: error: not a readable zip file (no zip directory at its end)`);
    expect(r.stderr).toContain(`${join(dir, 'none.zip')}: error: no zip file here`);
    expect(r.stderr).not.toMatch(CRASH);
  });
});

describe('a zip is held to its limits', () => {
  it('the hand-made bomb is what it says: 200 MiB of "a" in 1.3 MB', () => {
    const run = deflatedRun(3 * 258 + 5);
    expect(new TextDecoder().decode(inflateSync(run))).toBe('a'.repeat(3 * 258 + 5));
    expect(deflatedRun(200 * 1024 * 1024).length).toBeLessThan(1.4e6);
  });

  it('an entry declared to inflate to 3.5 GiB is refused by its declaration, at once', async () => {
    const zip = declare(await smallZip(), 'small/cells.csv', 3.5 * 1024 ** 3);
    const path = join(tmp(), 'declared.zip');
    writeFileSync(path, zip);
    const r = cli(['validate', path]);
    expect(r.stdout).not.toMatch(CRASH);
    expect(r.stdout).toContain(`${join(path, 'small', 'cells.csv')}: error: the file is 3.5 GiB, over the limit of 128 MiB for one file; it was not read`);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.peakMiB).toBeLessThan(250);
  });

  it('an entry that inflates to far more than it declares (a bomb) is stopped at its declared size', async () => {
    // 200 MiB of "a" declared as 1 KiB: inflating it whole would take 200 MiB, and passes the limit.
    const zip = await withCells({ data: deflatedRun(200 * 1024 * 1024), declared: 1024 });
    const path = join(tmp(), 'bomb.zip');
    writeFileSync(path, zip);
    const r = cli(['validate', path]);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(CRASH);
    expect(r.stdout).toMatch(/small\/cells\.csv: error: the entry is damaged or crafted: it inflates to more than the 1 KiB it declares; it was not read/);
    // The rest of the matrix is read as usual.
    expect(r.stdout).toMatch(/citations: 4 — /);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.peakMiB).toBeLessThan(250);
  });

  it('a zip of more entries than the limit is refused before any is read', () => {
    const files: Zippable = {};
    for (let i = 0; i < 10_001; i++) files[`junk/${i}.txt`] = strToU8('x');
    const path = join(tmp(), 'many.zip');
    writeFileSync(path, zipSync(files));
    const r = cli(['validate', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path}: error: the zip has 10,001 entries, over the limit of 10,000; it was not opened`);
  });

  it('only the entries the matrix uses are inflated: a damaged 3.5 GiB entry beside it is never touched', async () => {
    const zip = await smallZip();
    const files = unzipFiles(zip);
    const junk = { name: 'small/attachments/huge.bin', data: new Uint8Array(64).fill(0xff), declared: 3.5 * 1024 ** 3 };
    const bytes = rawZipWith(files, junk);
    const opened = await readMatrixZip(bytes, 'small.zip');
    expect(opened.bundle.problems).toEqual([]);
    expect(opened.bundle.matrix.citations).toHaveLength(4);
    // Asked for, it is refused (it would be were the matrix to use it).
    const path = join(tmp(), 'junk.zip');
    writeFileSync(path, bytes);
    const r = cli(['validate', path]);
    expect(r.status).toBe(0);
    expect(r.peakMiB).toBeLessThan(250);
  });

  it('the entries a matrix reads together over the total limit: refused past it, in a zip opened in the app too', async () => {
    const zip = await smallZip();
    const limits = { fileBytes: 100_000, totalBytes: 100_000, zipBytes: 100_000, zipEntries: 100 };
    const entries = await expandZips([{ path: 'small.zip', size: zip.length, read: async () => zip }], limits);
    expect(entries.every((e) => typeof e.size === 'number')).toBe(true);
    const tooSmall = await expandZips([{ path: 'small.zip', size: zip.length, read: async () => zip }], { ...limits, zipBytes: 100 })
      .then(() => 'opened', (e: Error) => e.message);
    expect(tooSmall).toMatch(/^small\.zip: the zip is \d+(\.\d)? KiB, over the limit of 100 bytes; it was not opened$/);
    const opened = await openFileSet(entries, 'small', { ...limits, totalBytes: 1200 });
    const refused = opened.bundle.problems.filter((p) => p.line === 0 && /together pass the limit of 1.2 KiB/.test(p.message));
    expect(refused.length).toBeGreaterThan(0);
    // The files read before the limit are loaded as usual.
    expect(opened.bundle.problems.filter((p) => p.line === 0 && p.severity === 'error').length).toBeLessThan(7);
    const whole = await readMatrixZip(zip, 'small.zip', limits);
    expect(whole.bundle.problems).toEqual([]);
    expect(whole.bundle.matrix.citations).toHaveLength(4);
  });
});

describe('references reads a zip within the limits too', () => {
  it('a zip of 600 MiB is refused by its size, unread', () => {
    const dir = tmp();
    const path = join(dir, 'big.zip');
    // A sparse file: 600 MiB long, no disk used.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const r = cli(['references', path, '--format', 'bibtex']);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(CRASH);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path}: error: the zip is 600 MiB, over the limit of 512 MiB; it was not opened`);
    expect(r.peakMiB, `peak memory ${Math.round(r.peakMiB)} MiB`).toBeLessThan(250);
  });
});
