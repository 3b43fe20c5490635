/** Markdown and plain-text sources, and telling what a file really is from its content. */
import { describe, expect, it } from 'vitest';
import { extractSource } from '../../src/model/sources/extract/extract.ts';
import { detectKind, kindFromName } from '../../src/model/sources/extract/detect.ts';
import { isSourceError, SourceError } from '../../src/model/sources/errors.ts';
import { docxFixture, savedWebPage, zipOf } from './support/source-fixtures.ts';
import { handPdf } from './support/pdf-writer.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function thrown(f: () => unknown): SourceError {
  try {
    f();
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

async function rejected(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (isSourceError(error)) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

const MARKDOWN = `---
title: "Notes on the Safe Third Country Agreement"
authors:
  - Ana Díaz
  - Bo Li
date: 2024-02-01
url: https://example.org/notes
---

Overview
========

The *Agreement* entered into force on **29 December 2004**; see [the text](https://example.org/stca)
and \`Article 4\`, which lists the exceptions.

## Exceptions & limits

- family members in Canada
- unaccompanied minors

| Year | Claims |
| ---- | ------ |
| 2019 | 16,503 |

### Article 4 \\*as amended\\*

Claims made <em>between</em> ports of entry are covered since 2023.
`;

describe('a Markdown source', () => {
  it('gives the text as a reader sees it, without markup, headings (setext and #) into the map', async () => {
    const source = await extractSource(utf8(MARKDOWN), 'notes.md');
    expect(source.kind).toBe('markdown');
    expect(source.text).toBe(
      'Overview\n\n' +
        // A line break inside a paragraph is a space, as a reader shows it.
        'The Agreement entered into force on 29 December 2004; see the text and Article 4, which lists the exceptions.\n\n' +
        'Exceptions & limits\n\nfamily members in Canada\n\nunaccompanied minors\n\nYear\tClaims\n\n2019\t16,503\n\n' +
        'Article 4 *as amended*\n\nClaims made between ports of entry are covered since 2023.',
    );
    expect(source.map.headings).toEqual([
      { start: 0, level: 1, text: 'Overview' },
      { start: source.text.indexOf('Exceptions & limits'), level: 2, text: 'Exceptions & limits' },
      { start: source.text.indexOf('Article 4 *as'), level: 3, text: 'Article 4 *as amended*' },
    ]);
  });

  it('reads its front matter for the title and bibliographic fields, and leaves it out of the text', async () => {
    const source = await extractSource(utf8(MARKDOWN), 'notes.md');
    expect(source.title).toBe('Notes on the Safe Third Country Agreement');
    expect(source.metadata).toEqual({ authors: 'Ana Díaz; Bo Li', year: '2024', url: 'https://example.org/notes' });
  });

  it('takes its first top-level heading as its title when it has no front matter', async () => {
    const source = await extractSource(utf8('# Border report\n\nText.\n'), 'r.markdown');
    expect(source.title).toBe('Border report');
  });
});

describe('a plain-text source', () => {
  it('is kept as it is, line breaks as \\n, a byte-order mark dropped', async () => {
    const source = await extractSource(utf8('\ufeffArticle 1\r\nThe Parties agree.\r\n\r\nArticle 2\r\n'), 'treaty.txt');
    expect(source).toEqual({ kind: 'text', text: 'Article 1\nThe Parties agree.\n\nArticle 2\n', map: { pages: [], headings: [] } });
  });

  it('reads UTF-16 with a byte-order mark, and Windows-1252 with a warning', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Détention', (c) => [c.charCodeAt(0), 0]).flat()]);
    expect((await extractSource(utf16, 'a.txt')).text).toBe('Détention');
    const latin1 = Uint8Array.from('Détention à la frontière', (c) => c.charCodeAt(0));
    const source = await extractSource(latin1, 'b.txt');
    expect(source.text).toBe('Détention à la frontière');
    expect(source.warnings?.[0]).toContain('Windows-1252');
  });

  it('refuses white space only, with empty, and binary data named .txt, as not what its name says', async () => {
    expect((await rejected(extractSource(utf8(' \n\t\n'), 'blank.txt'))).code).toBe('empty');
    expect((await rejected(extractSource(new Uint8Array([0, 1, 2, 3, 0, 200, 17]), 'data.txt'))).code).toBe('not-what-name-says');
  });
});

describe('detectKind', () => {
  const pdf = handPdf({ pages: [['text']] });
  const page = utf8(savedWebPage().html);
  const docx = docxFixture().bytes;

  it('reads the kind from the content, and accepts a name that agrees or says nothing', () => {
    expect(detectKind(pdf, 'a.pdf')).toBe('pdf');
    expect(detectKind(pdf, 'A.PDF')).toBe('pdf');
    expect(detectKind(pdf, 'download')).toBe('pdf');
    expect(detectKind(docx, 'a.docx')).toBe('docx');
    expect(detectKind(page, 'a.html')).toBe('html');
    expect(detectKind(page, 'saved page')).toBe('html');
    expect(detectKind(utf8('# Title'), 'a.md')).toBe('markdown');
    expect(detectKind(utf8('plain words'), 'a.txt')).toBe('text');
    expect(detectKind(utf8('plain words'), 'README')).toBe('text');
    // A .html fragment without markers is still read as HTML; a .txt holding markup stays text.
    expect(detectKind(utf8('<p>para</p>'), 'a.html')).toBe('html');
    expect(detectKind(page, 'page-source.txt')).toBe('text');
  });

  it('refuses a file whose content is not what its name says, saying what it is', () => {
    const cases: [Uint8Array, string, string][] = [
      [page, 'report.pdf', '"report.pdf" is named as a PDF, but its content is a web page (HTML)'],
      [pdf, 'report.docx', '"report.docx" is named as a Word document (DOCX), but its content is a PDF'],
      [docx, 'page.html', '"page.html" is named as a web page (HTML), but its content is a Word document (DOCX)'],
      [pdf, 'notes.md', '"notes.md" is named as Markdown text, but its content is a PDF'],
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 'scan.pdf', '"scan.pdf" is named as a PDF, but its content is a PNG image'],
      [Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 'random.pdf', '"random.pdf" is named as a PDF, but its content is binary data'],
    ];
    for (const [bytes, name, message] of cases) {
      const error = thrown(() => detectKind(bytes, name));
      expect(error.code).toBe('not-what-name-says');
      expect(error.message.startsWith(message), error.message).toBe(true);
      expect(error.fileName).toBe(name);
    }
  });

  it('refuses files that cannot be sources, saying what to do', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const xlsx = zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    const cases: [Uint8Array, string, RegExp][] = [
      [ole, 'old.doc', /save it as \.docx or PDF/],
      [xlsx, 'table.xlsx', /spreadsheet/],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'photo.jpg', /JPEG image, with no text to cite: run text recognition \(OCR\)/],
      [utf8('{\\rtf1\\ansi Hello}'), 'memo', /Rich Text/],
      [utf8('From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related;'), 'page.mhtml', /HTML only/],
    ];
    for (const [bytes, name, message] of cases) {
      const error = thrown(() => detectKind(bytes, name));
      expect(error.code, name).toBe('unsupported');
      expect(error.message).toMatch(message);
    }
    expect(thrown(() => detectKind(new Uint8Array(0), 'empty.pdf')).code).toBe('empty');
  });

  it('names the kind a file name says', () => {
    expect(kindFromName('Report.Final.PDF')).toBe('pdf');
    expect(kindFromName('notes.markdown')).toBe('markdown');
    expect(kindFromName('page.HTM')).toBe('html');
    expect(kindFromName('archive.tar')).toBeUndefined();
    expect(kindFromName('slides.pptx')).toEqual({ unsupported: expect.stringContaining('presentation') });
  });

  it('writes a file name in a message as text on one line', () => {
    const error = thrown(() => detectKind(new Uint8Array(0), 'a\nb\u202ec.pdf'));
    expect(error.message.startsWith('"a\ufffdb\ufffdc.pdf" is empty')).toBe(true);
  });
});
