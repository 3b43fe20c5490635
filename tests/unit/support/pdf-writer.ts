/**
 * Minimal PDFs written by hand, for what a printed web page cannot give: page labels
 * ("i", "ii", "iii", then 1, 2, …), password protection (the standard security handler,
 * revision 2: RC4 with a 40-bit key) and pages that are only images (a scan). Each is a
 * valid PDF 1.4 with a correct cross-reference table. No Node API: browser tests use it too.
 */
import { md5 as md5Of } from './md5.ts';

export interface HandPdfOptions {
  /** Lines of text of each page (Helvetica 12 pt, from the top). */
  pages: string[][];
  /** A /PageLabels number tree: [first page index (0-based), style ("D" | "r" | "R" | "a" | "A"), start?, prefix?]. */
  pageLabels?: [number, string, number?, string?][];
  /** Protect with these passwords (an empty user password opens without asking). */
  encrypt?: { user: string; owner: string };
  /** Each page shows an image and has no text at all. */
  imageOnly?: boolean;
  title?: string;
  author?: string;
}

/** Bytes of a string of characters U+0000–U+00FF, one byte each (how a PDF is written here). */
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const fromLatin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const PADDING = Uint8Array.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a'.match(/../g)!, (h) => parseInt(h, 16));

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => md5Of(concat(...parts));
const padded = (password: string) => concat(latin1(password), PADDING).subarray(0, 32);

/** The standard security handler, revision 2 (PDF 1.4 spec, algorithms 3.1–3.4). */
function security(user: string, owner: string, id: Uint8Array) {
  const ownerKey = md5(padded(owner)).subarray(0, 5);
  const o = rc4(ownerKey, padded(user));
  const permissions = -4; // every permission
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  const key = md5(padded(user), o, p, id).subarray(0, 5);
  const u = rc4(key, PADDING);
  const objectKey = (num: number) => {
    const suffix = Uint8Array.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
    return md5(key, suffix).subarray(0, 10);
  };
  return { o, u, permissions, encrypt: (num: number, data: Uint8Array) => rc4(objectKey(num), data) };
}

const hex = (bytes: Uint8Array) => `<${toHex(bytes)}>`;
const literal = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Write a PDF with the given pages; returns its bytes. */
export function handPdf(options: HandPdfOptions): Uint8Array {
  const id = md5(new TextEncoder().encode(JSON.stringify(options)));
  const sec = options.encrypt ? security(options.encrypt.user, options.encrypt.owner, id) : undefined;
  const objects: (string | ((num: number) => string))[] = [];
  const add = (body: string | ((num: number) => string)) => objects.push(body) as number;
  const stream = (content: string, extra = '') => (num: number) => {
    let data: Uint8Array = latin1(content);
    if (sec) data = sec.encrypt(num, data);
    return `<< /Length ${data.length}${extra} >>\nstream\n${fromLatin1(data)}\nendstream`;
  };
  const str = (text: string) => (num: number) => (sec ? hex(sec.encrypt(num, latin1(text))) : literal(text));

  const catalog = add('');
  const pagesNode = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = options.imageOnly ? add(stream('\u0000\u0080\u00ff\u0080'.repeat(16), ' /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8')) : 0;
  const pageIds: number[] = [];
  for (const lines of options.pages) {
    const content = options.imageOnly
      ? 'q 400 0 0 500 100 150 cm /Im1 Do Q'
      : `BT /F1 12 Tf 14 TL 72 740 Td ${lines.map((l) => `${literal(l)} Tj T*`).join(' ')} ET`;
    const contentId = add(stream(content));
    const resources = options.imageOnly ? `<< /XObject << /Im1 ${image} 0 R >> >>` : `<< /Font << /F1 ${font} 0 R >> >>`;
    pageIds.push(add(`<< /Type /Page /Parent ${pagesNode} 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${contentId} 0 R >>`));
  }
  objects[pagesNode - 1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const labels = options.pageLabels
    ? ` /PageLabels << /Nums [${options.pageLabels.map(([at, style, start, prefix]) => `${at} << /S /${style}${start ? ` /St ${start}` : ''}${prefix ? ` /P (${prefix})` : ''} >>`).join(' ')}] >>`
    : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesNode} 0 R${labels} >>`;
  const info = add((num) => `<< ${options.title ? `/Title ${str(options.title)(num)} ` : ''}${options.author ? `/Author ${str(options.author)(num)} ` : ''}/Producer ${str('policy-matrix test fixtures')(num)} /CreationDate ${str('D:20230415120000Z')(num)} >>`);
  const encryptId = sec ? add(`<< /Filter /Standard /V 1 /R 2 /O ${hex(sec.o)} /U ${hex(sec.u)} /P ${sec.permissions} >>`) : 0;

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${typeof body === 'function' ? body(i + 1) : body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R${sec ? ` /Encrypt ${encryptId} 0 R` : ''} /ID [${hex(id)} ${hex(id)}] >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}
