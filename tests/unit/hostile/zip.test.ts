/**
 * Zips someone sent (docs/security.md, "Limits"): `validate` reads the zip `export` writes;
 * a zip is held to its limits (entries, declared and actual expansion, total) before and while
 * it is inflated; only the entries the matrix uses are ever inflated; no hang, no crash.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandZips, readMatrixZip, unzipFiles, writeMatrixZip, zipFiles } from '../../../src/model/export/zip.ts';
import { openFileSet } from '../../../src/model/format/file-set.ts';
import { readMatrix } from '../../../src/model/format/read.ts';
import { CRASH, GOOD, buildCli, cli, hostileTree } from './support.ts';
import { smallMatrixTexts, textsReader } from '../support/small-matrix.ts';

beforeAll(buildCli);

const tmp = () => mkdtempSync(join(tmpdir(), 'policy-matrix-zip-'));

/** The small matrix as `export` zips it. */
async function smallZip(): Promise<Uint8Array> {
  const bundle = await readMatrix(textsReader(smallMatrixTexts()), 'small');
  return writeMatrixZip(bundle.matrix, bundle.sourceTexts).bytes;
}

/** Offsets of every header (local and central) of the entry `name` in a zip. */
function headersOf(zip: Uint8Array, name: string): { local: number; central: number } {
  const text = new TextDecoder('latin1').decode(zip);
  const at = (sig: string) => {
    for (let i = text.indexOf(sig); i >= 0; i = text.indexOf(sig, i + 1)) {
      const n = sig === 'PK\u0003\u0004' ? 30 : 46;
      const nameLength = zip[i + (n === 30 ? 26 : 28)] | (zip[i + (n === 30 ? 27 : 29)] << 8);
      if (new TextDecoder().decode(zip.subarray(i + n, i + n + nameLength)) === name) return i;
    }
    throw new Error(`no ${name}`);
  };
  return { local: at('PK\u0003\u0004'), central: at('PK\u0001\u0002') };
}

/** Say in the zip's headers that `name` inflates to `size` bytes (a lie). */
function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const { local, central } = headersOf(out, name);
  view.setUint32(local + 22, size, true);
  view.setUint32(central + 24, size, true);
  return out;
}

/**
 * Raw deflate of `bytes` bytes of "a", written by hand: one fixed-Huffman block of a literal
 * then matches of 258 bytes at distance 1 (13 bits each), so 200 MiB take 1.3 MB.
 */
function deflatedRun(bytes: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(((bytes / 258) * 13) / 8) + 64);
  let bit = 0;
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  // Huffman codes go most significant bit first.
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  put(1, 1); // the last block
  put(1, 2); // fixed Huffman codes
  code(0x30 + 0x61, 8); // literal "a"
  let left = bytes - 1;
  for (; left >= 258; left -= 258) {
    code(0b11000101, 8); // length 258 (code 285)
    code(0, 5); // distance 1
  }
  for (; left > 0; left--) code(0x30 + 0x61, 8);
  code(0, 7); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}

/** A zip entry (method 8) of given raw deflate data and declared size, with a local and a central header. */
function rawZip(entries: { name: string; data: Uint8Array; declared: number; crc?: number }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, e.crc ?? 0, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.declared, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const c = new Uint8Array(46 + name.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, e.crc ?? 0, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    c.set(name, 46);
    chunks.push(local, e.data);
    central.push(c);
    offset += local.length + e.data.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) (out.set(c, at), (at += c.length));
  return out;
}

/** The small matrix's zip with its cells.csv replaced by `cells`. */
async function withCells(cells: { data: Uint8Array; declared: number }): Promise<Uint8Array> {
  const files = unzipFiles(await smallZip());
  files.delete('small/cells.csv');
  return rawZipWith(files, { name: 'small/cells.csv', ...cells });
}

/** A zip of `files` (stored, via fflate) plus one raw deflated entry. */
function rawZipWith(files: Map<string, Uint8Array>, extra: { name: string; data: Uint8Array; declared: number }): Uint8Array {
  const entries = [...files].map(([name, bytes]) => {
    // Deflate each properly (fflate), with its true size and CRC.
    const zipped = zipSync({ [name]: [bytes, { level: 6 }] } as Zippable);
    const { local } = headersOf(zipped, name);
    const view = new DataView(zipped.buffer, zipped.byteOffset);
    const compressed = view.getUint32(local + 18, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    return { name, data: zipped.slice(start, start + compressed), declared: bytes.length, crc: view.getUint32(local + 14, true) };
  });
  return rawZip([...entries, extra]);
}

describe('validate reads the zip that export writes', () => {
  it('the same report as the folder, problems located inside the zip', () => {
    const tree = hostileTree('../sources/source.txt');
    const out = join(tmp(), 'small.zip');
    expect(cli(['export', tree.folder, '--format', 'canonical', '--out', out]).status).toBe(0);
    const folder = cli(['validate', tree.folder]);
    const zipped = cli(['validate', out]);
    expect(zipped.status).toBe(0);
    expect(zipped.stdout.split('\n').slice(1)).toEqual(folder.stdout.split('\n').slice(1));
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
    expect(r.stdout).toContain(`${join(path, 'small', 'cells.csv')}:0:0: error: the file is 3.5 GiB, over the limit of 128 MiB for one file; it was not read`);
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
    expect(r.stdout).toMatch(/small\/cells\.csv:0:0: error: the entry is damaged or crafted: it inflates to more than the 1 KiB it declares; it was not read/);
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
