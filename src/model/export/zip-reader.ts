/**
 * Reading a zip someone sent, at a bounded cost (docs/security.md, "Limits"). Pure: bytes in,
 * bytes out, no I/O.
 *
 * The central directory is read first (names and declared sizes, nothing inflated): a zip
 * with more entries than the limit is refused before any is looked at. Each entry is then
 * inflated only when asked for (a matrix asks for its 7 files and its source texts, never
 * for the rest), after its declared size is checked against the limit of one file, through
 * fflate's streaming inflater fed a little at a time with a running count: an entry that
 * inflates to more than it declared is stopped there (a zip bomb lies about its sizes), and
 * one that inflates to less, or whose CRC does not match, is refused as damaged.
 */
import { Inflate } from 'fflate';
import { LIMITS, RefusedFile, sizeWords, type Limits } from '../format/limits.ts';

export interface ZipEntry {
  /** Its path in the zip, as stored (forward slashes). */
  name: string;
  /** What the zip says it inflates to. */
  declaredSize: number;
  compressedSize: number;
  /** 0 stored, 8 deflated (any other is refused when read). */
  method: number;
  flags: number;
  crc: number;
  /** Offset of its local header. */
  offset: number;
}

/** The bytes are not a zip, or its directory is damaged: nothing of it can be read. */
export class NotAZip extends Error {
  constructor(reason: string) {
    super(`not a readable zip file (${reason})`);
    this.name = 'NotAZip';
  }
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: !utf8 }).decode(bytes);
  } catch {
    // Neither flagged nor valid UTF-8: the old DOS code page; Latin-1 keeps ASCII names right.
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** The entries of a zip's central directory (folders left out). Throws NotAZip, or RefusedFile over the limit of entries. */
export function zipEntries(bytes: Uint8Array, limits: Limits = LIMITS): ZipEntry[] {
  const n = bytes.length;
  let end = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new NotAZip(n === 0 ? 'the file is empty' : 'no zip directory at its end');
  let count = u16(bytes, end + 10);
  let size = u32(bytes, end + 12);
  let start = u32(bytes, end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) throw new NotAZip('a zip64 directory without its locator');
    const at = u64(bytes, locator + 8);
    if (at + 56 > n || u32(bytes, at) !== ZIP64_EOCD) throw new NotAZip('a damaged zip64 directory');
    count = u64(bytes, at + 32);
    size = u64(bytes, at + 40);
    start = u64(bytes, at + 48);
  }
  if (count > limits.zipEntries) {
    throw new RefusedFile(`the zip has ${count.toLocaleString('en')} entries, over the limit of ${limits.zipEntries.toLocaleString('en')}; it was not opened`);
  }
  if (start + size > n) throw new NotAZip('its directory lies past its end');
  const entries: ZipEntry[] = [];
  let p = start;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== CENTRAL) throw new NotAZip(`entry ${k + 1} of its directory is damaged`);
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    if (p + 46 + nameLength + extraLength > n) throw new NotAZip(`entry ${k + 1} of its directory is damaged`);
    const entry: ZipEntry = {
      name: decodeName(bytes.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0),
      declaredSize: u32(bytes, p + 24),
      compressedSize: u32(bytes, p + 20),
      method: u16(bytes, p + 10),
      flags,
      crc: u32(bytes, p + 16),
      offset: u32(bytes, p + 42),
    };
    // Zip64 sizes and offset, in the order the format gives, for the fields that overflowed.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = u16(bytes, e);
      const length = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (entry.declaredSize === 0xffffffff && q + 8 <= e + 4 + length) (entry.declaredSize = u64(bytes, q)), (q += 8);
        if (entry.compressedSize === 0xffffffff && q + 8 <= e + 4 + length) (entry.compressedSize = u64(bytes, q)), (q += 8);
        if (entry.offset === 0xffffffff && q + 8 <= e + 4 + length) entry.offset = u64(bytes, q);
      }
      e += 4 + length;
    }
    if (!entry.name.endsWith('/')) entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

let crcTable: Int32Array | undefined;

function crc32(data: Uint8Array, crc = 0): number {
  const table = (crcTable ??= (() => {
    const t = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[i] = c;
    }
    return t;
  })());
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Compressed bytes fed to the inflater at a time: one push yields at most about a thousand times as much. */
const CHUNK = 16 * 1024;

/**
 * Inflate one entry, yielding between chunks (so that a caller can give the page a turn).
 * Throws RefusedFile when the entry is over the limits, damaged, or not a kind read here.
 */
export function* inflateSteps(bytes: Uint8Array, entry: ZipEntry, limits: Limits = LIMITS): Generator<void, Uint8Array> {
  const declared = entry.declaredSize;
  if (declared > limits.fileBytes) {
    throw new RefusedFile(`the zip says this entry inflates to ${sizeWords(declared)}, over the limit of ${sizeWords(limits.fileBytes)} for one file; it was not inflated`);
  }
  if (entry.flags & 0x1) throw new RefusedFile('the entry is encrypted; it cannot be read');
  if (entry.method !== 0 && entry.method !== 8) throw new RefusedFile(`the entry is compressed with method ${entry.method}; only stored and deflated entries are read`);
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) throw new RefusedFile('the entry is damaged (no local header where the directory says)');
  const from = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const to = from + entry.compressedSize;
  if (to > bytes.length) throw new RefusedFile('the entry is damaged (its data runs past the end of the zip)');
  const damaged = (why: string) => new RefusedFile(`the entry is damaged or crafted: ${why}; it was not read`);
  let out: Uint8Array;
  // The CRC is counted as the bytes come (a step at a time, like the inflating).
  let crc = 0;
  if (entry.method === 0) {
    if (entry.compressedSize !== declared) throw damaged('its stored size differs from its declared size');
    out = bytes.slice(from, to);
    for (let p = 0; p < out.length; p += 64 * CHUNK) {
      crc = crc32(out.subarray(p, Math.min(out.length, p + 64 * CHUNK)), crc);
      yield;
    }
  } else {
    out = new Uint8Array(declared);
    let length = 0;
    let over = false;
    const inflater = new Inflate((data) => {
      if (over) return;
      if (length + data.length > declared) {
        over = true;
        return;
      }
      out.set(data, length);
      length += data.length;
      crc = crc32(data, crc);
    });
    for (let p = from; p < to || p === from; p += CHUNK) {
      const end = Math.min(to, p + CHUNK);
      try {
        inflater.push(bytes.subarray(p, end), end === to);
      } catch (e) {
        throw damaged(`its data does not inflate (${(e as Error).message})`);
      }
      if (over) throw damaged(`it inflates to more than the ${sizeWords(declared)} it declares`);
      if (end === to) break;
      yield;
    }
    if (length !== declared) throw damaged(`it inflates to ${sizeWords(length)}, not the ${sizeWords(declared)} it declares`);
  }
  if (crc !== entry.crc) throw damaged('its CRC does not match');
  return out;
}

/** Inflate one entry at once (see inflateSteps). */
export function readEntrySync(bytes: Uint8Array, entry: ZipEntry, limits: Limits = LIMITS): Uint8Array {
  const steps = inflateSteps(bytes, entry, limits);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Inflate one entry, giving the event loop a turn every `slice` ms (see inflateSteps). */
export async function readEntry(bytes: Uint8Array, entry: ZipEntry, limits: Limits = LIMITS, slice = 8): Promise<Uint8Array> {
  const steps = inflateSteps(bytes, entry, limits);
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started > slice) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      started = performance.now();
    }
  }
}
