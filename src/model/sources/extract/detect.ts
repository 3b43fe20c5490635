/**
 * What a file really is, from its first bytes (magic numbers) rather than its name, and
 * whether that is what its name says. A PDF renamed `.html`, a web page saved as `.pdf` or
 * an image named `.docx` is refused with a message that says what the file is.
 */
import { unzipSync } from 'fflate';
import { SourceError } from '../errors.ts';
import type { SourceKind } from '../../types.ts';

/** File-name endings of each kind of source. */
const KIND_BY_EXTENSION: Record<string, SourceKind> = {
  pdf: 'pdf',
  docx: 'docx', docm: 'docx',
  html: 'html', htm: 'html', xhtml: 'html', shtml: 'html',
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  txt: 'text', text: 'text',
};

/** Endings of files that cannot be sources, with what to do instead. */
const UNSUPPORTED_EXTENSIONS: Record<string, string> = {
  doc: 'an old Word document (.doc): save it as .docx or PDF',
  rtf: 'a Rich Text file (.rtf): save it as .docx or PDF',
  odt: 'an OpenDocument text (.odt): save it as .docx or PDF',
  pages: 'a Pages document: export it as .docx or PDF',
  xls: 'a spreadsheet: sources are documents (PDF, web page, Word, Markdown, text)',
  xlsx: 'a spreadsheet: sources are documents (PDF, web page, Word, Markdown, text)',
  csv: 'a table (.csv): sources are documents (PDF, web page, Word, Markdown, text)',
  ppt: 'a presentation: save it as PDF',
  pptx: 'a presentation: save it as PDF',
  epub: 'an e-book (.epub): save it as PDF',
  mht: 'a web archive (.mht): save the page as "Web page, HTML only"',
  mhtml: 'a web archive (.mhtml): save the page as "Web page, HTML only"',
  zip: 'a ZIP archive: unpack it and add the documents inside',
};

/** The kind a file name says, `undefined` for an unknown ending, or `unsupported` with a reason. */
export function kindFromName(fileName: string): SourceKind | { unsupported: string } | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  if (!match) return undefined;
  const ext = match[1].toLowerCase();
  if (ext in KIND_BY_EXTENSION) return KIND_BY_EXTENSION[ext];
  if (ext in UNSUPPORTED_EXTENSIONS) return { unsupported: UNSUPPORTED_EXTENSIONS[ext] };
  return undefined;
}

/** What the bytes are: a kind of source, or something else, described for a message. */
export interface Sniffed {
  kind?: SourceKind;
  /** What the content is, for a message: "a PDF", "a PNG image", … */
  what: string;
  /** Why it cannot be a source, when it cannot (an image, a spreadsheet, …). */
  unsupported?: string;
  /** Text of some kind (web page, Markdown or plain text are told apart by name then). */
  textual?: boolean;
}

const WHAT: Record<SourceKind, string> = {
  pdf: 'a PDF', docx: 'a Word document (DOCX)', html: 'a web page (HTML)', markdown: 'Markdown text', text: 'plain text',
};

/** How a kind is named in a message. */
export function describeKind(kind: SourceKind): string {
  return WHAT[kind];
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, length: number) => {
  let s = '';
  const n = Math.min(length, bytes.length);
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i]);
  return s;
};

/** The names in a ZIP's central directory (no part is unpacked), or undefined when it is not a readable ZIP. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (file) => { names.push(file.name); return false; } });
  } catch {
    return undefined;
  }
  return names;
}

function sniffZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (!names) return { what: 'a damaged ZIP archive', unsupported: 'it is a damaged ZIP archive (a DOCX is one): the file is incomplete or corrupt' };
  const has = (name: string) => names.includes(name);
  if (has('word/document.xml')) return { kind: 'docx', what: WHAT.docx };
  if (has('xl/workbook.xml')) return { what: 'an Excel workbook (XLSX)', unsupported: UNSUPPORTED_EXTENSIONS.xlsx };
  if (has('ppt/presentation.xml')) return { what: 'a PowerPoint presentation (PPTX)', unsupported: UNSUPPORTED_EXTENSIONS.pptx };
  const mimetype = ascii(bytes, 100);
  if (mimetype.includes('application/epub+zip')) return { what: 'an e-book (EPUB)', unsupported: UNSUPPORTED_EXTENSIONS.epub };
  if (mimetype.includes('application/vnd.oasis.opendocument')) return { what: 'an OpenDocument file', unsupported: UNSUPPORTED_EXTENSIONS.odt };
  return { what: 'a ZIP archive', unsupported: UNSUPPORTED_EXTENSIONS.zip };
}

const IMAGES: [readonly number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
];

const HTML_MARKER = /^(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset/i;

/** Whether text (its first few kilobytes) reads as an HTML document. */
export function looksLikeHtml(start: string): boolean {
  return HTML_MARKER.test(start.replace(/^\ufeff/, ''));
}

/** Share of control characters (other than tab, line breaks, form feed) above which bytes are binary. */
const BINARY_SHARE = 0.02;

/** Whether bytes look like text: no NUL (outside UTF-16 with a BOM) and few control characters. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27) control++;
  }
  return control <= BINARY_SHARE * n;
}

/** Sniff the content's type from its bytes. */
export function sniff(bytes: Uint8Array): Sniffed {
  // "%PDF-" may follow a little junk (the format allows 1024 bytes of it).
  if (ascii(bytes, 1024).includes('%PDF-')) return { kind: 'pdf', what: WHAT.pdf };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { what: 'an old Office document (.doc, .xls or .ppt)', unsupported: UNSUPPORTED_EXTENSIONS.doc };
  }
  for (const [signature, what] of IMAGES) {
    if (startsWith(bytes, signature)) return { what, unsupported: `it is ${what}, with no text to cite: run text recognition (OCR) on it and add the resulting PDF` };
  }
  if (!looksLikeText(bytes)) return { what: 'binary data', unsupported: 'it holds binary data, not a document this tool reads (PDF, web page, Word, Markdown or text)' };
  const start = ascii(bytes, 4096);
  if (start.startsWith('{\\rtf')) return { what: 'a Rich Text file (RTF)', unsupported: UNSUPPORTED_EXTENSIONS.rtf };
  if (/^(?:From: <Saved by|MIME-Version:)/i.test(start) && /multipart\/related/i.test(start)) {
    return { what: 'a web archive (MHTML)', unsupported: UNSUPPORTED_EXTENSIONS.mhtml };
  }
  if (looksLikeHtml(start)) return { kind: 'html', what: WHAT.html, textual: true };
  return { kind: 'text', what: 'text', textual: true };
}

/**
 * The kind of source `bytes` are, checked against what `fileName` says. Throws a
 * `SourceError`: `empty` for no bytes, `not-what-name-says` when the content is another
 * kind than the name's, `unsupported` for a file that cannot be a source.
 */
export function detectKind(bytes: Uint8Array, fileName: string): SourceKind {
  if (bytes.length === 0) throw new SourceError('empty', fileName, 'is empty (0 bytes): there is no text to cite');
  const named = kindFromName(fileName);
  const content = sniff(bytes);
  if (named === undefined || typeof named === 'object') {
    if (content.kind) {
      if (typeof named === 'object') {
        throw new SourceError('not-what-name-says', fileName, `is named as ${named.unsupported.split(':')[0]}, but its content is ${content.what}: rename the file to say what it is`);
      }
      return content.kind;
    }
    throw new SourceError('unsupported', fileName, `cannot be a source: ${typeof named === 'object' ? named.unsupported : (content.unsupported ?? 'its kind is not known')}`);
  }
  // Text kinds: the name tells web page, Markdown and plain text apart (a .txt or .md file
  // that holds markup is read as its name says; a .html file without markers is a fragment).
  if (content.textual && (named === 'html' || named === 'markdown' || named === 'text')) return named;
  if (content.kind === named) return named;
  throw new SourceError('not-what-name-says', fileName, `is named as ${WHAT[named]}, but its content is ${content.what}: pick the right file, or rename it to say what it is`);
}
