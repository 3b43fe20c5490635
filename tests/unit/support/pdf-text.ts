/**
 * What a reader sees in a PDF, read with pdfjs-dist (the PDF.js library Firefox uses, no
 * system tool needed): each page's size, its text in reading order, and its text as visual
 * lines (the pieces that stand on one line of the page, left to right), so tests can check
 * that a table's cells stand side by side.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One run of text on a page, in PDF points from the page's bottom-left corner. */
interface Piece {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfPage {
  /** Width and height in points (A4 ≈ 595 × 842, Letter 612 × 792). */
  width: number;
  height: number;
  pieces: Piece[];
}

export async function readPdf(file: string): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        pieces.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, hasEOL: item.hasEOL });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, pieces });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A hyphen at the end of a line that breaks a word: Chromium prints a soft hyphen as U+2010. */
const BREAK_HYPHEN = /[\u2010\u00ad]$/;

/**
 * The text in the order it was printed, a line break where the PDF ends a line; a word broken
 * at a line end by a soft hyphen is joined again (as pdftotext does).
 */
export function pdfText(pages: PdfPage[]): string {
  let text = '';
  for (const page of pages) {
    for (const p of page.pieces) {
      if (p.hasEOL && BREAK_HYPHEN.test(p.str)) text += p.str.slice(0, -1);
      else text += p.str + (p.hasEOL ? '\n' : '');
    }
    text += '\n\f';
  }
  return text;
}

/**
 * The page as visual lines, left to right. Rows are set by the tallest pieces first; a piece
 * stands on a row when at least half its height overlaps the row's (so a footnote marker,
 * raised and smaller, stays on its word's line, and the next line down does not). A gap wider
 * than a space between two pieces becomes a space; a wide one, as between columns, two.
 */
export function pdfLines(pages: PdfPage[]): string[] {
  const lines: string[] = [];
  for (const page of pages) {
    const rows: { bottom: number; top: number; pieces: Piece[] }[] = [];
    const pieces = page.pieces.filter((p) => p.str.trim() !== '' && p.height > 0).sort((a, b) => b.height - a.height);
    for (const p of pieces) {
      const overlap = (r: { bottom: number; top: number }) => Math.min(r.top, p.y + p.height) - Math.max(r.bottom, p.y);
      const row = rows.find((r) => overlap(r) >= p.height / 2);
      if (row) row.pieces.push(p);
      else rows.push({ bottom: p.y, top: p.y + p.height, pieces: [p] });
    }
    rows.sort((a, b) => b.bottom - a.bottom);
    for (const row of rows) {
      row.pieces.sort((a, b) => a.x - b.x);
      let line = '';
      let end = -Infinity;
      for (const p of row.pieces) {
        const gap = p.x - end;
        if (line && gap > 12) line += '  ';
        else if (line && gap > 1.5) line += ' ';
        line += p.str;
        end = p.x + p.width;
      }
      lines.push(line);
    }
  }
  return lines;
}

/** Paper name of a page size in points, within a point. */
export function paperOf(page: PdfPage): string {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  if (near(page.width, 595.28) && near(page.height, 841.89)) return 'A4';
  if (near(page.width, 612) && near(page.height, 792)) return 'letter';
  return `${page.width.toFixed(1)} × ${page.height.toFixed(1)} pt`;
}
