/** A saved web page and a Word document as sources: the article's text, headings into the map, metadata from the file. */
import { describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { guardZip } from '../../src/model/sources/extract/docx/zip-guard.ts';
import { isSourceError } from '../../src/model/sources/errors.ts';
import { locatorFor } from '../../src/model/sources/text-map.ts';
import { docxFixture, prose, savedWebPage, zipOf } from './support/source-fixtures.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isSourceError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

describe('a saved web page', () => {
  const page = savedWebPage();

  it('gives the article\'s text, in order, and none of the menus, banner, scripts, sidebar and footer around it', async () => {
    const source = await extractSource(utf8(page.html), 'border-accord.html');
    expect(source.kind).toBe('html');
    for (const paragraph of page.paragraphs) expect(source.text).toContain(paragraph);
    for (const text of page.furniture) expect(source.text).not.toContain(text);
    expect(source.text).not.toContain('dataLayer');
    // Paragraphs and headings are separated by a blank line, in reading order.
    const order = [page.title, page.paragraphs[0], page.paragraphs[1], page.headings[0], page.paragraphs[2], page.headings[1], page.paragraphs[5]];
    const at = order.map((t) => source.text.indexOf(`${t}`));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(source.text).toContain(`${page.paragraphs[0]}\n\n${page.paragraphs[1]}\n\n${page.headings[0]}\n\n${page.paragraphs[2]}`);
  });

  it('maps its headings, so that a quote\'s locator is its section', async () => {
    const source = await extractSource(utf8(page.html), 'border-accord.html');
    expect(source.map.pages).toEqual([]);
    expect(source.map.headings.map((h) => h.text)).toEqual([page.title, ...page.headings]);
    for (const h of source.map.headings) expect(source.text.slice(h.start, h.start + h.text.length)).toBe(h.text);
    const index = new SourceIndex(source.text);
    const quote = (q: string) => (index.anchor({ quote: q }) as { range: { start: number; end: number } }).range;
    expect(locatorFor(source.map, quote('is returned to the country of first arrival'))).toBe(`\u00a7 ${page.headings[0]}`);
    expect(locatorFor(source.map, quote('push migrants toward more dangerous routes'))).toBe(`\u00a7 ${page.headings[1]}`);
    expect(locatorFor(source.map, quote('closing the irregular crossing at Roxham Road'))).toBe(`\u00a7 ${page.title}`);
  });

  it('reads its title, authors, date, publisher and address from its meta tags', async () => {
    const source = await extractSource(utf8(page.html), 'border-accord.html');
    expect(source.title).toBe(page.title);
    expect(source.metadata).toEqual({ authors: 'Marie Tremblay; John Okafor', year: '2023', publisher: 'The Example Ledger', url: page.url });
  });

  it('reads the encoding a page declares (a Windows-1252 page)', async () => {
    const html = `<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><article><h1>R\u00e9sum\u00e9</h1><p>${prose(31, 120)} d\u00e9tention \u00e0 la fronti\u00e8re.</p></article></body></html>`;
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
    const source = await extractSource(bytes, 'page.htm');
    expect(source.text).toContain('d\u00e9tention \u00e0 la fronti\u00e8re.');
  });

  it('keeps the text of a page with no article to tell apart, less its navigation and footer, and says so', async () => {
    const html = '<!doctype html><html><head><title>Notice</title></head><body><nav>Home Menu</nav><p>Short notice: the office is closed.</p><footer>Footer text</footer></body></html>';
    const source = await extractSource(utf8(html), 'notice.html');
    expect(source.text).toContain('Short notice: the office is closed.');
    expect(source.text).not.toContain('Home Menu');
    expect(source.text).not.toContain('Footer text');
    expect(source.warnings?.[0]).toContain('no article could be told apart');
  });

  it('refuses a page with no text, with empty', async () => {
    expect(await codeOf(extractSource(utf8('<!doctype html><html><head><script>x()</script></head><body><img src=a.png></body></html>'), 'blank.html'))).toBe('empty');
  });
});

describe('a Word document (DOCX)', () => {
  const docx = docxFixture();

  it('gives its text, headings (Title and Heading styles) into the map, and a word split across runs whole', async () => {
    const source = await extractSource(docx.bytes, 'agreement.docx');
    expect(source.kind).toBe('docx');
    for (const paragraph of docx.paragraphs) expect(source.text).toContain(paragraph);
    expect(source.map.headings.map((h) => [h.level, h.text])).toEqual(docx.headings.map((h) => [h.level, h.text]));
    for (const h of source.map.headings) expect(source.text.slice(h.start, h.start + h.text.length)).toBe(h.text);
    const index = new SourceIndex(source.text);
    const range = (index.anchor({ quote: 'shall examine the refugee status claim' }) as { range: { start: number; end: number } }).range;
    expect(locatorFor(source.map, range)).toBe('\u00a7 Article 3 Safe third country');
  });

  it('keeps its footnote after the text, without the back link', async () => {
    const source = await extractSource(docx.bytes, 'agreement.docx');
    expect(source.text).toContain('Signed at Washington on 5 December 2002.');
    expect(source.text).not.toContain('\u2191');
  });

  it('reads its title, authors, year and publisher from its document properties', async () => {
    const source = await extractSource(docx.bytes, 'agreement.docx');
    expect(source.title).toBe('Agreement on Border Cooperation & Refugee Claims');
    expect(source.metadata).toEqual({ authors: 'Treaty Section; Legal Affairs', year: '2002', publisher: 'Government of Canada' });
  });

  it('refuses a zip without a document as not a Word document, and a damaged one as corrupt', async () => {
    expect(await codeOf(extractSource(zipOf({ 'word/other.xml': '<x/>', 'word/document.xml.bak': '' }), 'archive.docx'))).toBe('not-what-name-says');
    const broken = docx.bytes.slice(0, Math.floor(docx.bytes.length * 0.7));
    expect(await codeOf(extractSource(broken, 'broken.docx'))).toMatch(/corrupt|not-what-name-says/);
    const garbled = zipOf({ 'word/document.xml': '<w:document><w:body><w:p>not closed' });
    expect(await codeOf(extractSource(garbled, 'garbled.docx'))).toBe('corrupt');
  });
});

describe('guardZip', () => {
  it('refuses a zip whose parts declare more than the limit, before unpacking any', () => {
    const zip = zipOf({ 'word/document.xml': new Uint8Array(2_000_000) });
    expect(() => guardZip(zip, 'big.docx', [], { unpacked: 1_000_000, entries: 100 })).toThrow(/unpacks to more than 976\.6 KB by its own account/);
  });

  it('refuses too many parts', () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`part${i}.xml`, '<x/>']));
    expect(() => guardZip(zipOf(files), 'many.docx', [], { unpacked: 1_000_000, entries: 10 })).toThrow(/more than 10 parts/);
  });

  it('gives back the parts asked for, unpacked', () => {
    const parts = guardZip(zipOf({ 'docProps/core.xml': '<core/>', 'word/document.xml': '<doc/>' }), 'a.docx', ['docProps/core.xml']);
    expect([...parts.keys()]).toEqual(['docProps/core.xml']);
    expect(new TextDecoder().decode(parts.get('docProps/core.xml'))).toBe('<core/>');
  });
});
