/** Lines, paragraphs, running heads and printed page numbers from text items placed on pages (no pdf.js). */
import { describe, expect, it } from 'vitest';
import { findFurniture } from '../../src/model/sources/extract/pdf/furniture.ts';
import { linesOf, pageSeparator, pageText, type PlacedText, type PrintedLine } from '../../src/model/sources/extract/pdf/layout.ts';
import { assemblePages, mayNeedMarkedContent, placedItems } from '../../src/model/sources/extract/pdf/pdf-extract.ts';

const item = (str: string, x: number, y: number, size = 10, hasEOL = false): PlacedText => ({ str, x, y, size, width: str.length * size * 0.5, hasEOL });
const line = (text: string, y: number, size = 10): PrintedLine => ({ text, x: 50, y, size });
/** A Letter page's extent. */
const frame = { bottom: 0, top: 842 };

describe('linesOf', () => {
  it('puts items on one baseline on one line, a superscript mark with them, and starts a line at hasEOL or a new baseline', () => {
    const lines = linesOf([
      item('The quick', 50, 700), item(' brown fox.', 95, 700), item('1', 150, 704, 7),
      item('Next line', 50, 686, 10, true), item('Third', 50, 672),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['The quick brown fox.1', 'Next line', 'Third']);
    expect(lines[0]).toMatchObject({ y: 700, size: 10 });
  });

  it('adds a word space where items are apart with no space between them, and none where they touch', () => {
    const lines = linesOf([item('border', 50, 700), item('control', 90, 700), item('led', 125, 700)]);
    expect(lines[0].text).toBe('border controlled');
  });

  it('takes the baseline of the line\'s main text when a superscript starts it (a footnote)', () => {
    const [footnote] = linesOf([item('1', 50, 104, 6), item(' See the declaration.', 54, 100, 8)]);
    expect(footnote).toMatchObject({ text: '1 See the declaration.', y: 100, size: 8 });
  });
});

describe('pageText', () => {
  it('separates paragraphs at a gap wider than the page\'s line spacing and at a change of type size', () => {
    const text = pageText([
      line('Heading', 760, 14),
      line('first line of a paragraph', 740), line('second line of it', 726), line('a superscript made this gap wider1', 709),
      line('end of the paragraph', 695),
      line('a new paragraph after a blank', 673), line('and its last line', 659),
      line('1 A footnote in small type', 620, 8),
    ]);
    expect(text).toBe(
      'Heading\n\nfirst line of a paragraph\nsecond line of it\na superscript made this gap wider1\nend of the paragraph\n\n' +
        'a new paragraph after a blank\nand its last line\n\n1 A footnote in small type',
    );
  });
});

describe('pageSeparator', () => {
  it('runs a paragraph on across a page break (mid-sentence or after a hyphen), and keeps pages apart otherwise', () => {
    expect(pageSeparator('the agreement', 'applies to claims')).toBe('\n');
    expect(pageSeparator('the agree\u2010', 'ment applies')).toBe('\n');
    expect(pageSeparator('the agreement applies.', 'Article 4')).toBe('\n\n');
    expect(pageSeparator('the agreement', 'Article 4')).toBe('\n\n');
  });
});

describe('placedItems', () => {
  it('drops the space pdf.js reads for an unused soft hyphen (Chromium\'s empty Span with ActualText U+00AD)', () => {
    const placed = placedItems([
      { type: 'beginMarkedContentProps', tag: 'NonStruct' },
      { str: 'The intergovernm', hasEOL: false, transform: [10, 0, 0, 10, 50, 700], width: 75 },
      { type: 'beginMarkedContentProps', tag: 'Span' },
      { type: 'endMarkedContent' },
      { str: ' ental coordin', hasEOL: false, transform: [10, 0, 0, 10, 125, 700], width: 55 },
      { type: 'beginMarkedContentProps', tag: 'Span' },
      { str: 'fi', hasEOL: false, transform: [10, 0, 0, 10, 180, 700], width: 8 },
      { type: 'endMarkedContent' },
      { str: ' ation of', hasEOL: false, transform: [10, 0, 0, 10, 188, 700], width: 30 },
      { type: 'endMarkedContent' },
    ]);
    expect(placed.map((p) => p.str)).toEqual(['The intergovernm', 'ental coordin', 'fi', ' ation of']);
  });
});

describe('mayNeedMarkedContent', () => {
  const at = (str: string, x: number, width: number, height = 10) => ({ str, hasEOL: false, transform: [10, 0, 0, 10, x, 700], width, height });

  it('is false for a page whose only leading spaces are those pdf.js adds for wide gaps (justified text)', () => {
    expect(mayNeedMarkedContent([at('cooper', 50, 27), at('ation accountab', 77, 63), at(' ', 140, 9, 0), at('agency', 149, 30), { str: '', hasEOL: true, transform: [0, 0, 0, 0, 50, 700], width: 0, height: 0 }])).toBe(false);
  });

  it('is true for a page with an item that starts with a space glyph (what follows an empty soft-hyphen span), or is one', () => {
    expect(mayNeedMarkedContent([at('The intergovernm', 50, 75), at(' ental coordin', 125, 55)])).toBe(true);
    expect(mayNeedMarkedContent([at('coordin', 50, 30), at(' ', 80, 2.5), at('ation', 82.5, 25)])).toBe(true);
  });
});

describe('findFurniture', () => {
  const page = (n: number, body: string[], head = 'Annual Report 2024', foot = `${n}`) => [
    line(head, 800, 8), ...body.map((t, i) => line(t, 700 - 14 * i)), line(foot, 40, 8),
  ];

  it('finds a running head and a page number on most pages, and the printed numbering (pages 11 on)', () => {
    const pages = [1, 2, 3, 4].map((n) => page(n + 10, [`body text of page ${n}`, 'more body']));
    const furniture = findFurniture(pages, pages.map(() => frame));
    expect(furniture.lines.map((s) => [...s].sort())).toEqual(pages.map(() => [0, 3]));
    expect(furniture.printedNumbers).toEqual([11, 12, 13, 14]);
  });

  it('finds alternating heads (book title on even pages, chapter on odd ones)', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => page(n, ['body', 'body'], n % 2 ? 'Chapter 2: Visas' : 'Border Cooperation'));
    expect(findFurniture(pages, pages.map(() => frame)).lines.every((s) => s.has(0))).toBe(true);
  });

  it('keeps a line that repeats in the body, or at the top of too few pages', () => {
    const pages = [
      [line('Article 1', 800), line('text one', 786)],
      [line('Preamble', 800), line('text two', 786)],
      [line('Article 9', 800), line('text three', 786)],
      [line('Annex', 800), line('text four', 786)],
      [line('Table', 800), line('text five', 786)],
    ];
    expect(findFurniture(pages).lines.every((s) => s.size === 0)).toBe(true);
    // Nor is a line repeated at the same place, but in the body of the page.
    const body = [1, 2, 3, 4].map((n) => [line(`Section ${n}`, 600), line('The Parties agree as follows:', 586), line('text', 572)]);
    expect(findFurniture(body, body.map(() => frame)).lines.every((s) => s.size === 0)).toBe(true);
  });

  it('leaves the front matter\'s numbers alone when the body\'s numbering starts later', () => {
    const pages = [[line('Title page', 700)], [line('Contents', 700)], ...[1, 2, 3].map((n) => page(n, ['chapter text']))];
    expect(findFurniture(pages, pages.map(() => frame)).printedNumbers).toEqual([undefined, undefined, 1, 2, 3]);
  });
});

describe('assemblePages', () => {
  it('maps each page, empty ones included, with labels from the PDF over printed numbers over physical numbers', () => {
    const pages = [[line('First page.', 700)], [], [line('Third page', 700)]];
    expect(assemblePages(pages, null)).toEqual({
      text: 'First page.\n\nThird page',
      pages: [
        { start: 0, end: 11, index: 1, label: '1' },
        { start: 11, end: 11, index: 2, label: '2' },
        { start: 13, end: 23, index: 3, label: '3' },
      ],
    });
    expect(assemblePages(pages, ['i', '', 'A-3']).pages.map((p) => p.label)).toEqual(['i', '2', 'A-3']);
  });
});
