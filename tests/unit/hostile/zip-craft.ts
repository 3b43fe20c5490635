/**
 * Zips made by hand for the hostile-input tests (Node and Chromium): entries whose declared
 * sizes lie, deflate streams far larger inflated than stored, and any mix of real entries.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** Offsets of every header (local and central) of the entry `name` in a zip. */
export function headersOf(zip: Uint8Array, name: string): { local: number; central: number } {
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
export function declare(zip: Uint8Array, name: string, size: number): Uint8Array {
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
export function deflatedRun(bytes: number): Uint8Array {
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
export function rawZip(entries: { name: string; data: Uint8Array; declared: number; crc?: number }[]): Uint8Array {
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

/** A zip of `files` (stored, via fflate) plus one raw deflated entry. */
export function rawZipWith(files: Map<string, Uint8Array>, extra: { name: string; data: Uint8Array; declared: number }): Uint8Array {
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
