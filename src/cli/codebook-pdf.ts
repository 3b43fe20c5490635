/**
 * The codebook as a PDF document, as OxCGRT's and IMPIC's codebooks are published: a title
 * page (the matrix, the format version, the date, how to read the codebook, the contents
 * with page numbers), then per dimension its definition, coding basis, coding rules and
 * worked example, and the levels of its scale as a table; a running foot with page numbers
 * on every page, and the dimensions as the PDF's bookmarks.
 *
 * Command line only: PDFKit and the font are loaded from node_modules when a PDF is asked
 * for, and are in no browser bundle. Every piece of the matrix's text is set as text (PDFKit
 * draws strings; nothing is read as markup), without control characters.
 *
 * The font is DejaVu Sans (the `@fontsource/dejavu-sans` package, Bitstream Vera licence
 * with DejaVu's changes in the public domain), embedded as a subset: PDF's standard fonts
 * encode only Windows-1252, and a matrix may name Łódź or quote Greek.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.ts';
import { BASIS_WORDS, VALUE_TYPE_WORDS, codingRulesParts, directionWords, type Codebook, type CodebookEntry } from '../model/codebook/document.ts';

export type Paper = 'a4' | 'letter';

export interface CodebookPdfOptions {
  paper: Paper;
  /** The date the codebook says it was produced (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string;
}

export interface CodebookPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters of the matrix's text that the font has no glyph for (drawn as a box), each once. */
  missingGlyphs: string[];
}

const FONT_FILES = {
  regular: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
};

/** What PDFKit's document offers that this renderer uses (its own types are loose). */
type Doc = PDFKit.PDFDocument;

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#999999';
const HEAD_FILL = '#e8e8e8';

/**
 * Text as it may be drawn: no control characters (C0 but line feed, C1, DEL), no bidirectional
 * overrides or isolates (they would reorder what a reader sees), tabs as spaces, line ends as
 * line feeds.
 */
export function drawable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The columns of a scale's table: rank, level, definition, whether it needs an absolute statement. */
function levelColumns(width: number) {
  const rank = 38;
  const level = Math.round(width * 0.24);
  const absolute = 78;
  return [rank, level, width - rank - level - absolute, absolute];
}

class Writer {
  /** Page (0-based) each dimension starts on, by its place in the book. */
  readonly starts: number[] = [];
  private readonly missing = new Set<string>();
  private readonly hasGlyph: (codePoint: number) => boolean;

  constructor(
    readonly doc: Doc,
    private readonly book: Codebook,
    private readonly date: string,
    hasGlyph: (codePoint: number) => boolean,
    private readonly contentsPages?: number[],
  ) {
    doc.font('regular');
    this.hasGlyph = hasGlyph;
  }

  get missingGlyphs(): string[] {
    return [...this.missing];
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** The text to draw, noting any character the font cannot show. */
  private t(text: string): string {
    const clean = drawable(text);
    for (const ch of clean) {
      const c = ch.codePointAt(0)!;
      if (c > 0x7e && !/\s/.test(ch) && !this.hasGlyph(c)) this.missing.add(ch);
    }
    return clean;
  }

  /** Start a new page unless `height` points still fit on this one. */
  private keep(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private para(text: string, size = 10.5, options: PDFKit.Mixins.TextOptions = {}) {
    this.doc.font('regular').fontSize(size).fillColor(INK).text(this.t(text), this.left, this.doc.y, { width: this.width, lineGap: 2, ...options });
  }

  private heading(text: string, size: number, gapBefore: number, follow = 60) {
    this.doc.moveDown(0);
    this.doc.y += gapBefore;
    this.doc.font('bold').fontSize(size);
    const height = this.doc.heightOfString(this.t(text), { width: this.width });
    this.keep(height + follow);
    this.doc.fillColor(INK).text(this.t(text), this.left, this.doc.y, { width: this.width });
    this.doc.y += size * 0.3;
  }

  /** "Label: value" on one line or more, the label in bold. */
  private field(label: string, value: string, muted = false) {
    const doc = this.doc;
    doc.fontSize(10.5);
    this.keep(doc.currentLineHeight(true) * 2);
    doc.font('bold').fillColor(INK).text(`${label}: `, this.left, doc.y, { width: this.width, continued: true, lineGap: 2 });
    doc.font('regular').fillColor(muted ? MUTED : INK).text(this.t(value), { lineGap: 2 });
    doc.fillColor(INK);
    doc.y += 3;
  }

  titlePage(dimensions: number) {
    const doc = this.doc;
    const { book } = this;
    doc.y = doc.page.margins.top + 40;
    doc.font('regular').fontSize(12).fillColor(MUTED).text('Codebook', this.left, doc.y, { width: this.width, characterSpacing: 1.5 });
    doc.y += 8;
    doc.font('bold').fontSize(22).fillColor(INK).text(this.t(book.title), { width: this.width });
    doc.y += 14;
    if (book.description) {
      this.para(book.description, 10.5);
      doc.y += 10;
    }
    const themes = book.themes.length;
    this.field('Format', `policy-matrix format version ${book.formatVersion} (the codebook is part of the format and versioned with it)`);
    this.field('Date', this.date);
    this.field('Matrix', book.name);
    this.field('Dimensions', `${dimensions} dimension${dimensions === 1 ? '' : 's'} in ${themes} theme${themes === 1 ? '' : 's'}`);
    this.heading('How to read this codebook', 12, 14, 40);
    this.para(
      'Each dimension gives what it measures, its coding basis — de jure (what law or agreement says) or de facto ' +
      '(observed practice), the same for every jurisdiction — the rules for deciding each level, with a worked example, ' +
      'and the levels of its scale from the lowest. A level marked as needing an absolute statement cannot be given ' +
      'from a comparison alone (“more restrictive than…”): the source must say it of the jurisdiction itself.',
      10,
    );
    this.contents();
  }

  /** The contents: each theme and its dimensions, with the page each starts on (known after a first pass). */
  private contents() {
    const doc = this.doc;
    this.heading('Contents', 12, 14, 40);
    let n = 0;
    for (const { theme, entries } of this.book.themes) {
      doc.font('bold').fontSize(10.5);
      this.keep(doc.currentLineHeight(true) * 3);
      doc.fillColor(INK).text(this.t(theme || 'Other dimensions'), this.left, doc.y, { width: this.width });
      for (const { dimension } of entries) {
        const page = this.contentsPages?.[n];
        const destination = `dimension-${n}`;
        n++;
        doc.font('regular').fontSize(10);
        const label = this.t(dimension.label || dimension.id);
        const numberWidth = 36;
        const height = doc.heightOfString(label, { width: this.width - 16 - numberWidth });
        this.keep(height + 2);
        const y = doc.y;
        doc.fillColor(INK).text(label, this.left + 16, y, { width: this.width - 16 - numberWidth, goTo: page === undefined ? undefined : destination });
        const after = doc.y;
        doc.text(page === undefined ? '' : String(page + 1), this.left + this.width - numberWidth, y, { width: numberWidth, align: 'right' });
        doc.y = after + 1;
      }
      doc.y += 4;
    }
  }

  private themeOutline?: PDFKit.PDFOutline;

  dimension(entry: CodebookEntry, index: number, themeStarts: boolean, theme: string) {
    const doc = this.doc;
    const d = entry.dimension;
    // Each theme starts a page; a dimension starts where the last ended when enough is left.
    if (themeStarts) {
      doc.addPage();
      this.themeOutline = doc.outline.addItem(drawable(theme || 'Other dimensions'));
      doc.font('regular').fontSize(10).fillColor(MUTED).text(this.t(`Theme: ${theme || 'Other dimensions'}`), this.left, doc.y, { width: this.width });
      doc.fillColor(INK);
      doc.y += 4;
    }
    this.heading(d.label || d.id, 15, themeStarts ? 4 : 18, 120);
    this.starts[index] = this.pageIndex();
    (this.themeOutline ?? doc.outline).addItem(drawable(d.label || d.id));
    doc.addNamedDestination(`dimension-${index}`, 'XYZ', null, doc.page.height - (doc.y - 30), null);
    this.field('Id', d.id);
    this.field('Definition', d.definition || 'none', !d.definition);
    this.field('Value', `${VALUE_TYPE_WORDS[d.valueType]}${d.unit ? ` (${d.unit})` : ''}`);
    this.field('Coding basis', BASIS_WORDS[d.basis], !d.basis);
    this.field('Direction', directionWords(d), !d.direction);
    this.field('Cells coded', String(entry.cells));

    const { rules, example } = codingRulesParts(d.codingRules);
    this.heading('Coding rules', 11.5, 8, 40);
    if (rules.length) for (const p of rules) this.paragraphBlock(p);
    else this.para('None written yet.', 10.5);
    this.heading('Worked example', 11.5, 6, 40);
    if (example.length) for (const p of example) this.paragraphBlock(p);
    else this.para('None given in the coding rules.', 10.5);

    if (entry.levels.length) {
      this.levelTable(entry);
      return;
    }
    this.heading('Levels', 11.5, 6, 40);
    this.para(d.valueType === 'ordinal' ? `No levels: scale "${d.scale}" has none.` : `No scale: the value is ${VALUE_TYPE_WORDS[d.valueType]}.`, 10.5);
  }

  private paragraphBlock(text: string) {
    this.para(text, 10.5);
    this.doc.y += 5;
  }

  /** The scale as a table, lowest level first; its head is repeated on each page it runs onto. */
  private levelTable(entry: CodebookEntry) {
    const doc = this.doc;
    const widths = levelColumns(this.width);
    const pad = 4;
    const size = 9.5;
    const head = ['Rank', 'Level', 'Definition', 'Needs an absolute statement'];
    const rowHeight = (cells: string[], font: 'regular' | 'bold') => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
      const height = rowHeight(cells, font);
      const top = doc.y;
      let x = this.left;
      if (fill) doc.rect(this.left, top, this.width, height).fill(fill);
      doc.fillColor(INK).font(font).fontSize(size);
      cells.forEach((c, i) => {
        doc.text(c, x + pad, top + pad, { width: widths[i] - 2 * pad, lineGap: 1 });
        x += widths[i];
      });
      doc.lineWidth(0.5).strokeColor(RULE);
      x = this.left;
      for (const w of widths) {
        doc.rect(x, top, w, height).stroke();
        x += w;
      }
      doc.x = this.left;
      doc.y = top + height;
    };
    const headHeight = rowHeight(head, 'bold');
    const room = this.doc.page.height - this.doc.page.margins.top - this.doc.page.margins.bottom - headHeight;
    // The heading stays with the table's head and first row.
    const first = entry.levels[0];
    const firstHeight = rowHeight([String(first.rank), this.t(first.label || first.id), this.t(first.definition), 'yes'], 'regular');
    this.heading('Levels', 11.5, 6, headHeight + Math.min(firstHeight, room / 2));
    drawRow(head, 'bold', HEAD_FILL);
    for (const level of entry.levels) {
      const cells = [String(level.rank), this.t(level.label || level.id), this.t(level.definition), level.needsAbsolute ? 'yes' : 'no'];
      const height = rowHeight(cells, 'regular');
      if (height > room) {
        // A definition longer than a page: the level as paragraphs instead of a row.
        doc.y += 4;
        this.field(`Level ${level.rank}`, level.label || level.id);
        this.field('Needs an absolute statement', level.needsAbsolute ? 'yes' : 'no');
        this.para(level.definition, size);
        doc.y += 6;
        if (level !== entry.levels[entry.levels.length - 1]) drawRow(head, 'bold', HEAD_FILL);
        continue;
      }
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawRow(head, 'bold', HEAD_FILL);
      }
      drawRow(cells, 'regular');
    }
    doc.y += 6;
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** The running foot of every page: the codebook's title and "Page n of N". */
  foot() {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margin = doc.page.margins.bottom;
      // Writing in the bottom margin must not start a new page.
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin / 2 - 4;
      const numberWidth = 90;
      doc.font('regular').fontSize(8.5).fillColor(MUTED);
      doc.text(this.t(`Codebook — ${this.book.title}`), this.left, y, { width: this.width - numberWidth - 10, height: 12, ellipsis: true, lineBreak: false });
      doc.text(`Page ${i + 1} of ${range.count}`, this.left + this.width - numberWidth, y, { width: numberWidth, align: 'right', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
    doc.fillColor(INK);
  }
}

interface Fonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Whether the fonts draw a character (asked of fontkit, the font reader PDFKit embeds them with). */
  hasGlyph: (codePoint: number) => boolean;
}

async function pass(book: Codebook, options: CodebookPdfOptions, fonts: Fonts, contentsPages?: number[]) {
  const { default: PDFDocument } = await import('pdfkit');
  const day = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(options.date) ? new Date(`${options.date}${options.date.length === 4 ? '-01-01' : options.date.length === 7 ? '-01' : ''}T00:00:00Z`) : new Date();
  const doc = new PDFDocument({
    size: options.paper === 'letter' ? 'LETTER' : 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'en',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: drawable(`Codebook — ${book.title}`),
      Subject: drawable(`The codebook of the policy matrix ${book.name}: per dimension its coding basis, coding rules and levels`),
      Creator: 'policy-matrix codebook',
      CreationDate: day,
      ModDate: day,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const ended = new Promise<void>((done, fail) => {
    doc.on('end', () => done());
    doc.on('error', fail);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const writer = new Writer(doc, book, options.date, fonts.hasGlyph, contentsPages);
  const dimensions = book.themes.reduce((n, t) => n + t.entries.length, 0);
  writer.titlePage(dimensions);
  let index = 0;
  for (const { theme, entries } of book.themes) {
    entries.forEach((entry, i) => writer.dimension(entry, index++, i === 0, theme));
  }
  writer.foot();
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) bytes.set(c, at), (at += c.length);
  return { bytes, pages, starts: writer.starts, missingGlyphs: writer.missingGlyphs };
}

/**
 * The codebook as PDF bytes. Two passes: the first finds the page each dimension starts on,
 * the second prints the contents with those numbers (the contents take the same room in both).
 */
export async function renderCodebookPdf(book: Codebook, options: CodebookPdfOptions): Promise<CodebookPdf> {
  const require = createRequire(import.meta.url);
  const font = (name: string) => woffToSfnt(readFileSync(require.resolve(name)));
  const regular = font(FONT_FILES.regular);
  const bold = font(FONT_FILES.bold);
  // Both weights cover the same characters (one subset of DejaVu Sans): the regular one answers.
  const { create } = await import('fontkit');
  const reader = create(Buffer.from(regular.buffer, regular.byteOffset, regular.byteLength));
  const fonts: Fonts = { regular, bold, hasGlyph: (c) => reader.hasGlyphForCodePoint(c) };
  const first = await pass(book, options, fonts);
  const second = await pass(book, options, fonts, first.starts);
  return { bytes: second.bytes, pages: second.pages, missingGlyphs: second.missingGlyphs };
}
