/**
 * PDF sources as an analyst has them: a report printed from the web by Chromium (running
 * heads and page numbers in the margins, soft hyphens, a footnote, forced page breaks, a
 * paragraph across page breaks), a PDF with page labels, a protected one and a scan.
 * Extracted text, page map with printed labels, locators, and quotes anchored with the same
 * SourceIndex citations use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { assemblePages, extractPdf, mayNeedMarkedContent, placedItems } from '../../src/model/sources/extract/pdf/pdf-extract.ts';
import { linesOf } from '../../src/model/sources/extract/pdf/layout.ts';
import { loadPdfJs } from '../../src/model/sources/extract/pdf/pdfjs.ts';
import { isSourceError, type SourceErrorCode } from '../../src/model/sources/errors.ts';
import { locatorFor, pagesOf } from '../../src/model/sources/text-map.ts';
import type { ExtractedSource } from '../../src/model/sources/extract/types.ts';
import { handPdf } from './support/pdf-writer.ts';
import { printHtmlToPdf } from './support/print-pdf.ts';
import { longReportHtml, reportHtml, type ReportFixture } from './support/source-fixtures.ts';

/** Every run of `size` consecutive words of a passage. */
function windows(text: string, size: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i + size <= words.length; i++) out.push(words.slice(i, i + size).join(' '));
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function expectCode(promise: Promise<unknown>, code: SourceErrorCode, fileName: string): Promise<void> {
  const error = await rejection(promise);
  expect(isSourceError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as Error).message).toContain(`"${fileName}"`);
}

describe('a report printed to PDF by Chromium', () => {
  let fixture: ReportFixture;
  let pdf: Uint8Array;
  let source: ExtractedSource;
  let index: SourceIndex;

  beforeAll(async () => {
    fixture = reportHtml();
    pdf = await printHtmlToPdf(fixture.html);
    source = await extractSource(pdf, 'working-paper-7.pdf');
    index = new SourceIndex(source.text);
  }, 60_000);

  const anchor = (quote: string) => {
    const result = index.anchor({ quote });
    expect(result.status, quote).toBe('found');
    return (result as { range: { start: number; end: number } }).range;
  };

  it('is read as a PDF, with its title from the document', () => {
    expect(source.kind).toBe('pdf');
    expect(source.title).toBe(fixture.title);
    expect(source.warnings).toBeUndefined();
  });

  it('maps each page in order, with the page numbers its running head prints', () => {
    const { pages } = source.map;
    expect(pages.length).toBeGreaterThanOrEqual(6);
    pages.forEach((p, i) => {
      expect(p.index).toBe(i + 1);
      expect(p.label).toBe(String(i + 1));
      expect(p.end).toBeGreaterThan(p.start);
      if (i > 0) expect(p.start).toBeGreaterThan(pages[i - 1].end);
    });
    expect(pages[pages.length - 1].end).toBe(source.text.length);
  });

  it('leaves the running heads, page numbers and footers out of the text', () => {
    expect(source.text).not.toContain(fixture.runningHead);
    expect(source.text).not.toContain(fixture.footer);
    expect(source.text).not.toContain('Working Paper');
    // No line is a page number alone.
    expect(source.text.split('\n').filter((line) => /^\d+$/.test(line.trim()))).toEqual([]);
    // The title, a heading of the text, is kept.
    expect(source.text.startsWith(`${fixture.title}\n\n${fixture.headings[0]}\n\n`)).toBe(true);
  });

  it('keeps lines as printed, an end-of-line soft hyphen as Chromium prints it (U+2010), and no word split where a soft hyphen was not used', () => {
    expect(source.text).toMatch(/\p{L}\u2010\n\p{Ll}/u);
    // Unused soft hyphens come out of pdf.js as a space (the glyph behind Chromium's ActualText): none is left.
    for (const word of ['intergovernmental', 'coordination', 'harmonization']) {
      expect(source.text.replace(/\u2010\n/g, '')).toContain(word);
    }
    expect(source.text).not.toMatch(/\bcoordin ation\b/);
  });

  it('anchors every passage of every paragraph, across line ends, hyphenated line ends and page breaks', () => {
    let hyphenated = 0;
    let acrossPages = 0;
    for (const paragraph of fixture.paragraphs) {
      for (const quote of windows(paragraph, 12)) {
        const range = anchor(quote);
        const printed = source.text.slice(range.start, range.end);
        if (printed.includes('\u2010\n')) hyphenated++;
        if (pagesOf(source.map, range).length === 2) acrossPages++;
      }
    }
    expect(hyphenated).toBeGreaterThan(20);
    expect(acrossPages).toBeGreaterThan(10);
  });

  it('gives the locator of a quote on page 2 as "p. 2", and of one across the break to page 2 as "pp. 1–2"', () => {
    const footnote = anchor('Smart Border Declaration signed in Ottawa on 12 December 2001');
    expect(locatorFor(source.map, footnote)).toBe('p. 2');
    // The second paragraph of the introduction runs from page 1 on to page 2.
    const spill = fixture.paragraphs[1];
    const across = windows(spill, 12).map(anchor).filter((r) => pagesOf(source.map, r).length === 2);
    expect(across.length).toBeGreaterThan(0);
    for (const range of across) expect(locatorFor(source.map, range)).toBe('pp. 1\u20132');
  });

  it('anchors long quotes (150 words, near the format\'s 2,000-character limit) across the 700-word paragraph\'s page breaks', () => {
    const words = fixture.longParagraph.split(' ');
    let across = 0;
    for (let at = 0; at + 150 <= words.length; at += 50) {
      const range = anchor(words.slice(at, at + 150).join(' '));
      const pages = pagesOf(source.map, range);
      if (pages.length > 1) {
        across++;
        expect(locatorFor(source.map, range)).toBe(`pp. ${pages[0].label}\u2013${pages[pages.length - 1].label}`);
      }
    }
    expect(across).toBeGreaterThan(0);
  });

  it('keeps the footnote, in a paragraph of its own', () => {
    expect(source.text).toContain(`\n\n${fixture.footnotes[0].slice(0, 40)}`);
  });
});

describe('a justified report, whose pages need no marked content', () => {
  it('is read as it reads with marked content on every page: same text, same page map', async () => {
    const pdf = await printHtmlToPdf(longReportHtml(3));
    const source = await extractPdf(pdf, 'annual-report.pdf');
    // The same pages read by pdf.js itself, with marked content on every page.
    const pdfjs = await loadPdfJs();
    const task = pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, verbosity: 0 });
    try {
      const doc = await task.promise;
      const pages = [];
      const frames = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        // The case of this test: no page of this report needs its marked content read.
        expect(mayNeedMarkedContent((await page.getTextContent()).items), `page ${n}`).toBe(false);
        pages.push(linesOf(placedItems((await page.getTextContent({ includeMarkedContent: true })).items)));
        const [, bottom, , top] = page.view;
        frames.push({ bottom: Math.min(bottom, top), top: Math.max(bottom, top) });
      }
      expect(doc.numPages).toBeGreaterThanOrEqual(3);
      const expected = assemblePages(pages, await doc.getPageLabels(), frames);
      expect(source.text).toBe(expected.text);
      expect(source.map.pages).toEqual(expected.pages);
      expect(source.text).not.toMatch(/[a-z]{3} (?:ation|ment|ity)\b/);
    } finally {
      await task.destroy();
    }
  }, 60_000);
});

describe('printed page numbers that are not the physical ones', () => {
  it('labels each page with the number its running head prints (a chapter printed from page 41)', async () => {
    const fixture = reportHtml({ firstPage: 41 });
    const source = await extractSource(await printHtmlToPdf(fixture.html), 'chapter.pdf');
    expect(source.map.pages.map((p) => p.label)).toEqual(source.map.pages.map((p) => String(p.index + 40)));
    const range = (new SourceIndex(source.text).anchor({ quote: 'Smart Border Declaration signed in Ottawa' }) as { range: { start: number; end: number } }).range;
    expect(locatorFor(source.map, range)).toBe('p. 42');
  }, 60_000);
});

describe('hand-written PDFs', () => {
  const pages = [
    ['Preface to the second edition', 'of the border studies reader'],
    ['Acknowledgements are due to many'],
    ['Contents and a list of abbreviations'],
    ['Chapter 1 begins the argument that', 'cooperation grew out of crisis'],
    ['The second page of the first chapter'],
  ];

  it('labels pages from the PDF\'s page labels: iii, then arabic from 1', async () => {
    const bytes = handPdf({ pages, pageLabels: [[0, 'r'], [3, 'D']], title: 'Border Studies Reader', author: 'Ana Díaz; Bo Li' });
    const source = await extractSource(bytes, 'reader.pdf');
    expect(source.map.pages.map((p) => [p.index, p.label])).toEqual([[1, 'i'], [2, 'ii'], [3, 'iii'], [4, '1'], [5, '2']]);
    const index = new SourceIndex(source.text);
    const at = (quote: string) => (index.anchor({ quote }) as { range: { start: number; end: number } }).range;
    expect(locatorFor(source.map, at('the argument that cooperation grew'))).toBe('p. 1');
    expect(locatorFor(source.map, at('list of abbreviations Chapter 1 begins'))).toBe('pp. iii\u20131');
    expect(source.title).toBe('Border Studies Reader');
    expect(source.metadata).toEqual({ authors: 'Ana Díaz; Bo Li', year: '2023' });
  });

  it('joins a paragraph that runs on to the next page with a line break, and separates pages otherwise', async () => {
    const source = await extractSource(handPdf({ pages }), 'reader.pdf');
    expect(source.text).toBe(
      'Preface to the second edition\nof the border studies reader\n\nAcknowledgements are due to many\n\n' +
        'Contents and a list of abbreviations\n\nChapter 1 begins the argument that\ncooperation grew out of crisis\n\n' +
        'The second page of the first chapter',
    );
    expect(source.map.pages.map((p) => p.label)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('refuses a PDF that needs a password, with encrypted-pdf', async () => {
    await expectCode(extractSource(handPdf({ pages, encrypt: { user: 'secret', owner: 'owner' } }), 'protected.pdf'), 'encrypted-pdf', 'protected.pdf');
  });

  it('reads a PDF protected only against changes (it opens without a password)', async () => {
    const source = await extractSource(handPdf({ pages, encrypt: { user: '', owner: 'owner' } }), 'restricted.pdf');
    expect(source.text).toContain('Chapter 1 begins the argument that');
  });

  it('refuses a scan (pages of images, no text layer), with scanned-pdf', async () => {
    await expectCode(extractSource(handPdf({ pages, imageOnly: true }), 'scan.pdf'), 'scanned-pdf', 'scan.pdf');
  });

  it('warns of the pages that have no text when others have', async () => {
    const source = await extractSource(handPdf({ pages: [['Only the first page has text'], [], ['And the third']] }), 'mixed.pdf');
    expect(source.warnings).toEqual(['page 2 has no text (images only, or blank): its content cannot be cited']);
    expect(source.map.pages[1]).toMatchObject({ index: 2, start: source.map.pages[1].end });
  });

  it('refuses more pages than allowed, and a file over the size limit, with too-large', async () => {
    await expectCode(extractPdf(handPdf({ pages }), 'long.pdf', { maxPages: 4 }), 'too-large', 'long.pdf');
    await expectCode(extractSource(handPdf({ pages }), 'big.pdf', { maxBytes: 100 }), 'too-large', 'big.pdf');
  });

  it('stops when its signal aborts, with the signal\'s reason', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(extractSource(handPdf({ pages }), 'x.pdf', { signal: controller.signal }));
    expect((error as Error).name).toBe('AbortError');
    const later = new AbortController();
    const running = extractSource(handPdf({ pages: Array.from({ length: 200 }, (_, i) => [`Page ${i} text`]) }), 'y.pdf', { signal: later.signal });
    later.abort();
    expect(((await rejection(running)) as Error).name).toBe('AbortError');
  });

  it('leaves the caller\'s bytes as they were (pdf.js takes over the buffer it is given)', async () => {
    const bytes = handPdf({ pages });
    const copy = bytes.slice();
    await extractSource(bytes, 'reader.pdf');
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(bytes).toEqual(copy);
  });
});
