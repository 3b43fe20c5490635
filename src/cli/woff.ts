import { inflateSync } from 'node:zlib';

/**
 * A WOFF 1.0 font as the TrueType/OpenType (sfnt) font it wraps (W3C WOFF 1.0, section 5):
 * each table inflated once, with Node's zlib. PDFKit's font engine reads WOFF too, but
 * inflates a table, in JavaScript, each time it reads it: a codebook took seconds per page.
 * Throws on a file that is not a whole WOFF 1.0 font.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  const bad = (why: string) => new Error(`not a usable WOFF font: ${why}`);
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) throw bad('no wOFF signature');
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  if (44 + count * 20 > woff.byteLength) throw bad('its table directory runs past the end');
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const [tag, offset, compressed, original, checksum] = [0, 4, 8, 12, 16].map((o) => view.getUint32(at + o));
    if (offset + compressed > woff.byteLength) throw bad('a table runs past the end');
    const stored = woff.subarray(offset, offset + compressed);
    // Inflated no further than the length the directory gives (a font file is read whole, so it must be bounded).
    const data = compressed < original ? new Uint8Array(inflateSync(stored, { maxOutputLength: Math.max(1, original) })) : stored;
    if (data.byteLength !== original) throw bad('a table inflates to the wrong length');
    tables.push({ tag, checksum, data });
  }
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 12 + count * 16;
  const size = tables.reduce((n, t) => n + pad4(t.data.byteLength), headerSize);
  const out = new Uint8Array(size);
  const sfnt = new DataView(out.buffer);
  const power = count ? 2 ** Math.floor(Math.log2(count)) : 0;
  sfnt.setUint32(0, flavor);
  sfnt.setUint16(4, count);
  sfnt.setUint16(6, power * 16);
  sfnt.setUint16(8, power ? Math.log2(power) : 0);
  sfnt.setUint16(10, count * 16 - power * 16);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    sfnt.setUint32(at, t.tag);
    sfnt.setUint32(at + 4, t.checksum);
    sfnt.setUint32(at + 8, offset);
    sfnt.setUint32(at + 12, t.data.byteLength);
    out.set(t.data, offset);
    offset += pad4(t.data.byteLength);
  });
  return out;
}
