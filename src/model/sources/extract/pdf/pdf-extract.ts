/**
 * A PDF as a source: the text of every page from pdf.js (`getTextContent`), rebuilt into
 * lines and paragraphs by position (layout.ts), running heads and footers left out
 * (furniture.ts), pages joined so that a paragraph runs on across a page break; and the map
 * of pages, each with its printed label: the PDF's own page labels ("iii", "12"), else a
 * page number printed in its running head or footer, else its physical number.
 *
 * Lines are kept as printed, end-of-line hyphens too ("govern‐⏎ments": Chromium prints a
 * soft hyphen as U+2010): anchoring reads a quote across them, with or without the hyphen.
 */
import { SourceError, throwIfAborted } from '../../errors.ts';
import type { PageSpan } from '../../text-map.ts';
import { SOURCE_LIMITS } from '../limits.ts';
import type { ExtractedSource, SourceMetadata } from '../types.ts';
import { yearOf } from '../html/page-meta.ts';
import { findFurniture, type PageFrame } from './furniture.ts';
import { linesOf, pageSeparator, pageText, type PlacedText, type PrintedLine } from './layout.ts';
import { loadPdfJs, pdfDocumentOptions } from './pdfjs.ts';

export interface PdfOptions {
  signal?: AbortSignal;
  /** Most pages read (default `SOURCE_LIMITS.pdfPages`). */
  maxPages?: number;
}

interface RawItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  width?: number;
  height?: number;
  /** Marked content (`includeMarkedContent`): "beginMarkedContent", "beginMarkedContentProps", "endMarkedContent". */
  type?: string;
  tag?: string;
}

/**
 * pdf.js's text items as the layout reads them (marked-content items have no `str`).
 *
 * Chromium prints a soft hyphen where it did not break the line as a space glyph marked as
 * `/Span <</ActualText (U+00AD)>>`; pdf.js reads the glyph, not the actual text, and the word
 * comes out split ("coordin ation"). Such a span holds no text item, and the space it left
 * starts the next item: that space is dropped, so the word reads whole again. `dropped`, when
 * given, counts the spaces dropped so.
 */
export function placedItems(items: readonly RawItem[], dropped?: { spaces: number }): PlacedText[] {
  const out: PlacedText[] = [];
  const open: { span: boolean; text: boolean }[] = [];
  let afterEmptySpan = false;
  for (const item of items) {
    if (item.type !== undefined) {
      if (item.type === 'endMarkedContent') {
        const closed = open.pop();
        if (closed?.span && !closed.text) afterEmptySpan = true;
      } else if (item.type.startsWith('beginMarkedContent')) open.push({ span: item.tag === 'Span', text: false });
      continue;
    }
    if (typeof item.str !== 'string' || !item.transform) continue;
    let str = item.str;
    if (str !== '') {
      for (const mc of open) mc.text = true;
      if (afterEmptySpan && str.charCodeAt(0) === 32) {
        str = str.slice(1);
        if (dropped) dropped.spaces++;
      }
      afterEmptySpan = false;
    }
    const t = item.transform;
    out.push({ str, hasEOL: item.hasEOL === true, x: t[4], y: t[5], size: Math.hypot(t[2], t[3]) || item.height || 0, width: item.width ?? 0 });
  }
  return out;
}

/**
 * Whether a page's marked content could change what `placedItems` makes of its items, given
 * the items read without it. pdf.js ends an item at every marked-content boundary whether or
 * not it reports them, so the text items are the same either way, and marked content changes
 * only an item that starts with a space (the space after one of Chromium's empty soft-hyphen
 * spans). The spaces pdf.js adds itself for a wide gap (a lone space with no height, or no
 * width in vertical text) are no glyph of the page and do not count.
 */
export function mayNeedMarkedContent(items: readonly RawItem[]): boolean {
  for (const item of items) {
    const str = item.str;
    if (typeof str !== 'string' || str.charCodeAt(0) !== 32) continue;
    if (str === ' ' && (item.height === 0 || item.width === 0)) continue;
    return true;
  }
  return false;
}

/**
 * Pages that may need marked content but turned out not to (a space after a change of font)
 * read before the rest of the document is read with it: each costs a second reading.
 */
const MARKED_CONTENT_FALSE_ALARMS = 2;

/** The document's pages as text, with the map (pure: given each page's lines). */
export function assemblePages(
  pages: readonly (readonly PrintedLine[])[],
  pdfLabels: readonly string[] | null,
  frames: readonly (PageFrame | undefined)[] = [],
): { text: string; pages: PageSpan[] } {
  const furniture = findFurniture(pages, frames);
  const spans: PageSpan[] = [];
  // The text in parts, joined once: reading the end of a string built by `+=` flattens it,
  // which page after page costs time in the square of the document's length.
  const parts: string[] = [];
  let length = 0;
  /** The last page with text so far (the text ends with it). */
  let before = '';
  pages.forEach((lines, i) => {
    const body = furniture.lines[i].size ? lines.filter((_, j) => !furniture.lines[i].has(j)) : lines;
    const pageBody = pageText(body);
    if (pageBody !== '' && before !== '') {
      const separator = pageSeparator(before, pageBody);
      parts.push(separator);
      length += separator.length;
    }
    const start = length;
    if (pageBody !== '') {
      parts.push(pageBody);
      length += pageBody.length;
      before = pageBody;
    }
    const printed = furniture.printedNumbers[i];
    const label = pdfLabels?.[i]?.trim() || (printed !== undefined ? String(printed) : String(i + 1));
    spans.push({ start, end: length, index: i + 1, label });
  });
  return { text: parts.join(''), pages: spans };
}

const GENERIC_TITLE = /^(?:untitled|untitled document|document\d*|microsoft word\b.*|slide \d+|title|\s*)$|\.(?:docx?|pdf|indd|rtf|odt|tex|qxp)$/i;

function string(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined;
  if (Array.isArray(value)) return value.map(string).filter(Boolean).join('; ') || undefined;
  return undefined;
}

/** Title, authors and year from the PDF's information dictionary and XMP metadata. */
export function pdfMetadata(info: Record<string, unknown> | undefined, xmp: { get(name: string): unknown } | null | undefined): { title?: string; metadata: SourceMetadata } {
  const get = (name: string) => {
    try {
      return string(xmp?.get(name));
    } catch {
      return undefined;
    }
  };
  const title = [get('dc:title'), string(info?.Title)].find((t) => t && !GENERIC_TITLE.test(t));
  const metadata: SourceMetadata = {};
  const authors = get('dc:creator') ?? string(info?.Author);
  if (authors) metadata.authors = authors.split(/\s*;\s*/).filter(Boolean).join('; ');
  const date = get('dc:date') ?? get('prism:publicationdate') ?? string(info?.CreationDate);
  // PDF dates are "D:YYYYMMDDHHmmSS…"; XMP dates are ISO 8601.
  const year = date ? (/^(?:D:)?((?:1[5-9]|20)\d\d)/.exec(date)?.[1] ?? yearOf(date)) : undefined;
  if (year) metadata.year = year;
  const publisher = get('dc:publisher');
  if (publisher) metadata.publisher = publisher;
  return { ...(title ? { title } : {}), metadata };
}

function pageList(indices: number[]): string {
  const shown = indices.slice(0, 10).join(', ');
  return indices.length > 10 ? `${shown} and ${indices.length - 10} more` : shown;
}

export async function extractPdf(bytes: Uint8Array, fileName: string, options: PdfOptions = {}): Promise<ExtractedSource> {
  const { signal } = options;
  const maxPages = options.maxPages ?? SOURCE_LIMITS.pdfPages;
  const pdfjs = await loadPdfJs();
  throwIfAborted(signal);
  const task = pdfjs.getDocument({
    // A copy: pdf.js takes the buffer over (the caller still hashes and saves the bytes).
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...pdfDocumentOptions(),
  });
  const abort = () => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throwIfAborted(signal);
      const name = (error as Error)?.name;
      if (name === 'PasswordException') {
        throw new SourceError('encrypted-pdf', fileName, 'is a PDF protected by a password: open it, save or print an unprotected copy, and add that', { cause: error });
      }
      throw new SourceError('corrupt', fileName, `is a damaged PDF that cannot be read (${(error as Error)?.message ?? error})`, { cause: error });
    }
    if (doc.numPages > maxPages) throw new SourceError('too-large', fileName, `has ${doc.numPages} pages, over the limit of ${maxPages}: split it into parts`);
    const pages: PrintedLine[][] = [];
    const frames: (PageFrame | undefined)[] = [];
    // Marked content costs pdf.js more items to make and pass over from its worker (2.7 times
    // as many in a report Chromium printed), and most pages do not need it: a page is read
    // without it first, and again with it only when it may need it (`mayNeedMarkedContent`).
    // Once a page did need it (Chromium's unused soft hyphens), or after a few false alarms,
    // the rest are read with it at once.
    let marked = false;
    let falseAlarms = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      throwIfAborted(signal);
      try {
        const page = await doc.getPage(n);
        let items = (await page.getTextContent({ includeMarkedContent: marked })).items as RawItem[];
        const reread = !marked && mayNeedMarkedContent(items);
        if (reread) items = (await page.getTextContent({ includeMarkedContent: true })).items as RawItem[];
        const dropped = { spaces: 0 };
        pages.push(linesOf(placedItems(items, dropped)));
        if (reread && (dropped.spaces > 0 || ++falseAlarms >= MARKED_CONTENT_FALSE_ALARMS)) marked = true;
        const [, bottom, , top] = page.view;
        frames.push({ bottom: Math.min(bottom, top), top: Math.max(bottom, top) });
        page.cleanup();
      } catch (error) {
        throwIfAborted(signal);
        // One unreadable page does not lose the others: it is reported.
        pages.push([]);
        frames.push(undefined);
        if (n === 1 && doc.numPages === 1) throw new SourceError('corrupt', fileName, `is a damaged PDF: its page cannot be read (${(error as Error)?.message ?? error})`, { cause: error });
      }
    }
    const labels = await doc.getPageLabels().catch(() => null);
    const meta = await doc.getMetadata().catch(() => undefined);
    throwIfAborted(signal);
    const { text, pages: spans } = assemblePages(pages, labels, frames);
    if (text.trim() === '') {
      throw new SourceError('scanned-pdf', fileName, 'is a PDF with no text layer (a scan, or pages of images): run text recognition (OCR) on it, e.g. with OCRmyPDF, and add the result');
    }
    const warnings: string[] = [];
    const blank = spans.filter((s) => s.start === s.end).map((s) => s.index);
    if (blank.length) warnings.push(`page${blank.length > 1 ? 's' : ''} ${pageList(blank)} ha${blank.length > 1 ? 've' : 's'} no text (images only, or blank): ${blank.length > 1 ? 'their' : 'its'} content cannot be cited`);
    const { title, metadata } = pdfMetadata(meta?.info as Record<string, unknown> | undefined, meta?.metadata);
    return { kind: 'pdf', text, map: { pages: spans, headings: [] }, ...(title ? { title } : {}), metadata, ...(warnings.length ? { warnings } : {}) };
  } finally {
    signal?.removeEventListener('abort', abort);
    await task.destroy();
  }
}
