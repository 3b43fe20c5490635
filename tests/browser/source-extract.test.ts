/**
 * The same extraction module in Chromium as in Node: a PDF (pdf.js's modern build, parsing in
 * its Web Worker), a saved web page (Readability on linkedom), a DOCX (mammoth's browser
 * build) and Markdown, with their maps, and a SHA-256 from WebCrypto.
 */
import { expect } from '@open-wc/testing';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { pdfWorkerUrl } from '../../src/model/sources/extract/pdf/pdfjs.ts';
import { isSourceError } from '../../src/model/sources/errors.ts';
import { sha256Hex } from '../../src/model/sources/fixity.ts';
import { locatorFor } from '../../src/model/sources/text-map.ts';
import { handPdf } from '../unit/support/pdf-writer.ts';
import { docxFixture, savedWebPage } from '../unit/support/source-fixtures.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const rangeOf = (text: string, quote: string) => {
  const anchor = new SourceIndex(text).anchor({ quote });
  expect(anchor.status, quote).to.equal('found');
  return (anchor as { range: { start: number; end: number } }).range;
};

describe('extractSource in the browser', () => {
  it('extracts a PDF with pdf.js in a Web Worker: text, page labels, locators', async () => {
    const workers: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => workers.push(e.name)));
    observer.observe({ type: 'resource', buffered: true });
    const bytes = handPdf({
      pages: [['Preface to the reader'], ['Contents'], ['Chapter 1 begins the argument that', 'cooperation grew out of crisis'], ['The second page of the chapter']],
      pageLabels: [[0, 'r'], [2, 'D']],
      title: 'Border Studies Reader',
    });
    const source = await extractSource(bytes, 'reader.pdf');
    expect(source.kind).to.equal('pdf');
    expect(source.title).to.equal('Border Studies Reader');
    expect(source.map.pages.map((p) => p.label)).to.deep.equal(['i', 'ii', '1', '2']);
    expect(locatorFor(source.map, rangeOf(source.text, 'the argument that cooperation grew'))).to.equal('p. 1');
    expect(locatorFor(source.map, rangeOf(source.text, 'out of crisis The second page'))).to.equal('pp. 1\u20132');
    // pdf.js parsed in the worker beside the extraction module, not on this thread.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(workers.some((name) => name.startsWith(pdfWorkerUrl().href))).to.equal(true);
  });

  it('refuses a protected PDF and a scan with their codes', async () => {
    const pages = [['Some text']];
    for (const [bytes, code] of [
      [handPdf({ pages, encrypt: { user: 'secret', owner: 'o' } }), 'encrypted-pdf'],
      [handPdf({ pages, imageOnly: true }), 'scanned-pdf'],
    ] as const) {
      let error: unknown;
      try {
        await extractSource(bytes, 'x.pdf');
      } catch (e) {
        error = e;
      }
      expect(isSourceError(error) && error.code).to.equal(code);
    }
  });

  it('extracts a saved web page\'s article with Readability on linkedom', async () => {
    const page = savedWebPage();
    const source = await extractSource(utf8(page.html), 'border-accord.html');
    expect(source.kind).to.equal('html');
    for (const paragraph of page.paragraphs) expect(source.text).to.contain(paragraph);
    for (const text of page.furniture) expect(source.text).not.to.contain(text);
    expect(source.map.headings.map((h) => h.text)).to.deep.equal([page.title, ...page.headings]);
    expect(source.metadata).to.deep.equal({ authors: 'Marie Tremblay; John Okafor', year: '2023', publisher: 'The Example Ledger', url: page.url });
    expect(locatorFor(source.map, rangeOf(source.text, 'push migrants toward more dangerous routes'))).to.equal(`\u00a7 ${page.headings[1]}`);
  });

  it('extracts a DOCX with mammoth\'s browser build, and Markdown with marked', async () => {
    const docx = docxFixture();
    const fromDocx = await extractSource(docx.bytes, 'agreement.docx');
    expect(fromDocx.map.headings.map((h) => h.text)).to.deep.equal(docx.headings.map((h) => h.text));
    for (const paragraph of docx.paragraphs) expect(fromDocx.text).to.contain(paragraph);
    const fromMarkdown = await extractSource(utf8('# Title\n\nSome *emphasis* here.\n'), 'notes.md');
    expect(fromMarkdown.text).to.equal('Title\n\nSome emphasis here.');
  });

  it('hashes with WebCrypto', async () => {
    expect(await sha256Hex('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
