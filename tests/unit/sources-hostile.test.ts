/**
 * Hostile and damaged source files: each gets a clear error (or, where the reader can make
 * sense of it, its text) in bounded time and memory; none hangs or crashes the process.
 * The time bounds are generous protective ones, not measurements.
 */
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { isSourceError } from '../../src/model/sources/errors.ts';
import { handPdf } from './support/pdf-writer.ts';
import { docxFixture } from './support/source-fixtures.ts';
import { random } from './support/random.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The outcome of an extraction: its text, or the code of its error (any other error fails the test). */
async function outcome(bytes: Uint8Array, name: string): Promise<{ code?: string; text?: string; ms: number }> {
  const started = performance.now();
  try {
    const source = await extractSource(bytes, name);
    return { text: source.text, ms: performance.now() - started };
  } catch (error) {
    if (!isSourceError(error)) throw error;
    expect(error.message).toContain(`"${name}"`);
    return { code: error.code, ms: performance.now() - started };
  }
}

/**
 * Raw DEFLATE data for `size` zero bytes, written directly (one fixed-Huffman block: a zero,
 * then "258 more like the last" again and again): about 1 byte per 160, made in an instant.
 */
function deflatedZeros(size: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((11 + Math.ceil(size / 258) * 13 + 258 * 8 + 7) / 8) + 8);
  let bit = 0;
  /** A Huffman code, most significant bit first (DEFLATE packs codes that way into its LSB-first stream). */
  const code = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  out[0] = 0b011; // last block, fixed Huffman codes
  bit = 3;
  code(0x30, 8); // literal 0
  let left = size - 1;
  for (; left >= 258; left -= 258) {
    code(0xc5, 8); // length 258
    code(0, 5); // distance 1
  }
  for (; left > 0; left--) code(0x30, 8);
  code(0, 7); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}

/** A zip of one deflated part of `size` zero bytes, whose headers state `declared` as its size: a "zip bomb". */
function zipBomb(name: string, size: number, declared: number): Uint8Array {
  const data = deflatedZeros(size);
  let at = 0;
  const fileName = utf8(name);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint16(8, 8, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, declared, true);
  local.setUint16(26, fileName.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint16(10, 8, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, declared, true);
  central.setUint16(28, fileName.length, true);
  const centralAt = 30 + fileName.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + fileName.length, true);
  end.setUint32(16, centralAt, true);
  const parts = [new Uint8Array(local.buffer), fileName, data, new Uint8Array(central.buffer), fileName, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('hostile and damaged files', () => {
  const pdf = handPdf({ pages: Array.from({ length: 6 }, (_, i) => [`Page ${i + 1} of the agreement`, 'with a second line']) });

  it('a PDF cut short: the pages that can be read, or corrupt', async () => {
    for (const share of [0.3, 0.6, 0.9]) {
      const result = await outcome(pdf.slice(0, Math.floor(pdf.length * share)), 'cut.pdf');
      expect(result.ms).toBeLessThan(20_000);
      if (result.code) expect(result.code).toMatch(/corrupt|scanned-pdf/);
      else expect(result.text).toContain('Page 1 of the agreement');
    }
  });

  it('random bytes named .pdf, and a PDF header followed by random bytes', async () => {
    const next = random(7);
    const noise = Uint8Array.from({ length: 20_000 }, () => Math.floor(next() * 256));
    expect((await outcome(noise, 'random.pdf')).code).toBe('not-what-name-says');
    const fake = new Uint8Array([...utf8('%PDF-1.7\n'), ...noise]);
    const result = await outcome(fake, 'fake.pdf');
    expect(result.code).toMatch(/corrupt|scanned-pdf/);
    expect(result.ms).toBeLessThan(20_000);
  });

  it('PDFs with bytes flipped here and there: text or an error, never a hang or a crash', async () => {
    const next = random(11);
    for (let round = 0; round < 12; round++) {
      const damaged = pdf.slice();
      for (let k = 0; k < 20; k++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const result = await outcome(damaged, `flipped-${round}.pdf`);
      expect(result.ms).toBeLessThan(20_000);
      if (result.code) expect(['corrupt', 'scanned-pdf', 'not-what-name-says', 'encrypted-pdf']).toContain(result.code);
    }
  });

  it('a zip bomb named .docx that declares its size is refused before anything is unpacked', async () => {
    const bomb = zipBomb('word/document.xml', 300 << 20, 300 << 20);
    expect(bomb.length).toBeLessThan(3 << 20);
    const result = await outcome(bomb, 'bomb.docx');
    expect(result.code).toBe('too-large');
    expect(result.ms).toBeLessThan(5_000);
  });

  it('a zip bomb named .docx that lies about its size is stopped while it unpacks', async () => {
    const bomb = zipBomb('word/document.xml', 300 << 20, 1000);
    const result = await outcome(bomb, 'liar.docx');
    expect(result.code).toBe('too-large');
    expect(result.ms).toBeLessThan(30_000);
  }, 60_000);

  it('a DOCX with damaged bytes: text or an error', async () => {
    const { bytes } = docxFixture();
    const next = random(5);
    for (let round = 0; round < 8; round++) {
      const damaged = bytes.slice();
      for (let k = 0; k < 10; k++) damaged[Math.floor(next() * damaged.length)] = Math.floor(next() * 256);
      const result = await outcome(damaged, `damaged-${round}.docx`);
      if (result.code) expect(['corrupt', 'not-what-name-says', 'unsupported', 'empty']).toContain(result.code);
    }
  });

  it('a web page nested 100,000 elements deep is refused before it is parsed; one 2,000 deep, and one with 200,000 elements, are read', async () => {
    const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}<p>Deep text at the bottom.</p>${'</div>'.repeat(depth)}</body></html>`;
    const deep = await outcome(utf8(nested(100_000)), 'deep.html');
    expect(deep.code).toBe('too-large');
    expect(deep.ms).toBeLessThan(5_000);
    const deepish = await outcome(utf8(nested(2_000)), 'deepish.html');
    expect(deepish.text).toBe('Deep text at the bottom.');
    const wide = `<html><body>${'<p>A short paragraph of policy text. </p>'.repeat(200_000)}</body></html>`;
    const many = await outcome(utf8(wide), 'wide.html');
    expect(many.text).toContain('A short paragraph of policy text.');
    expect(many.ms).toBeLessThan(60_000);
  }, 120_000);

  it('Markdown nested deep (quotes, lists, brackets)', async () => {
    const quotes = `${'>'.repeat(5000)} quoted`;
    const lists = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const brackets = `${'['.repeat(20_000)}text${']'.repeat(20_000)}`;
    for (const [text, name] of [[quotes, 'quotes.md'], [lists, 'lists.md'], [brackets, 'brackets.md']]) {
      const result = await outcome(utf8(text), name);
      expect(result.ms, name).toBeLessThan(20_000);
      if (name !== 'brackets.md') expect(result.code, name).toBe('too-large');
    }
  }, 90_000);
});
