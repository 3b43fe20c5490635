/**
 * Lines and paragraphs of a PDF page from its text items (pdf.js `getTextContent`), by
 * position: pure functions of plain numbers, so they are tested without pdf.js.
 *
 * A PDF has no lines or paragraphs, only runs of glyphs placed on the page. pdf.js gives
 * them in content order with their baseline (`transform[5]`) and a flag for a line's end
 * (`hasEOL`); a line is the items that share a baseline (a superscript footnote mark sits
 * a little above it and stays on it), and a paragraph ends where the gap to the next line
 * is clearly more than a line's spacing (a blank line, a heading, a new block).
 */

/** A text item reduced to what the layout needs (PDF user space: y grows upwards). */
export interface PlacedText {
  str: string;
  hasEOL: boolean;
  /** Left of the item. */
  x: number;
  /** Baseline. */
  y: number;
  /** Font size (height of an em). */
  size: number;
  /** Advance width of the item. */
  width: number;
}

/** One printed line of a page. */
export interface PrintedLine {
  text: string;
  /** Left of its first item. */
  x: number;
  /** Baseline of its first item. */
  y: number;
  /** Largest font size on the line. */
  size: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;

/** Items whose baselines differ by more than this share of the font size are on different lines. */
const SAME_LINE = 0.5;
/** A gap wider than this share of the font size between two items is a word space. */
const WORD_GAP = 0.2;
/** A line gap more than this many times the page's usual line spacing starts a paragraph. */
const PARAGRAPH_GAP = 1.4;
/** Lines whose font sizes differ by more than this share are different blocks (a heading, a footnote). */
const SIZE_CHANGE = 0.12;

/** The lines of a page, in content order. Text of each line is trimmed, runs of spaces made one. */
export function linesOf(items: readonly PlacedText[]): PrintedLine[] {
  const lines: PrintedLine[] = [];
  let text = '';
  let x = 0;
  let y = 0;
  let size = 0;
  let end = 0;
  let open = false;
  const close = () => {
    const line = text.replace(/[ \t\u00a0]{2,}/g, ' ').trim();
    if (line !== '') lines.push({ text: line, x, y, size });
    text = '';
    open = false;
  };
  for (const item of items) {
    const str = item.str;
    if (str !== '' && !/^\s+$/.test(str)) {
      const itemSize = item.size > 0 ? item.size : 1;
      if (open && Math.abs(item.y - y) > SAME_LINE * Math.max(itemSize, size)) close();
      if (!open) {
        open = true;
        x = item.x;
        y = item.y;
        size = itemSize;
      } else {
        // pdf.js writes the spaces it finds; a gap with none on either side is a word space too.
        const gap = item.x - end;
        if (gap > WORD_GAP * Math.min(itemSize, size) && !isSpace(text.charCodeAt(text.length - 1)) && !isSpace(str.charCodeAt(0))) text += ' ';
        // The line's baseline is that of its main text, not of a superscript that starts it.
        if (itemSize > size) {
          size = itemSize;
          y = item.y;
        }
      }
      text += str;
      end = item.x + item.width;
    } else if (open && str !== '') {
      // A space item (pdf.js's word spacing in justified text).
      text += ' ';
      end = item.x + item.width;
    }
    if (item.hasEOL && open) close();
  }
  if (open) close();
  return lines;
}

const sameSize = (a: number, b: number) => Math.abs(a - b) <= SIZE_CHANGE * Math.max(a, b);

/**
 * The page's usual distance between the baselines of two lines of one paragraph, per point of
 * font size: the median over consecutive lines of the same size going down the page.
 */
export function lineSpacing(lines: readonly PrintedLine[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (gap > 0 && sameSize(lines[i - 1].size, lines[i].size)) ratios.push(gap / lines[i].size);
  }
  if (ratios.length < 2) return 1.2;
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor((ratios.length - 1) / 2)];
}

/** Whether the gap between two consecutive lines starts a paragraph (`spacing`: see `lineSpacing`). */
export function startsParagraph(before: PrintedLine, line: PrintedLine, spacing: number): boolean {
  // Another size of type: a heading, a footnote, a caption.
  if (!sameSize(before.size, line.size)) return true;
  const gap = before.y - line.y;
  // Going up the page (a new column or a block placed out of order) starts one too.
  if (gap < -0.5 * line.size) return true;
  return gap > PARAGRAPH_GAP * spacing * Math.max(before.size, line.size);
}

/** The text of a page's lines: lines joined by a line break, paragraphs by a blank line. */
export function pageText(lines: readonly PrintedLine[]): string {
  const spacing = lineSpacing(lines);
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) out += startsParagraph(lines[i - 1], lines[i], spacing) ? '\n\n' : '\n';
    out += lines[i].text;
  }
  return out;
}

/**
 * What goes between the text of two pages: a line break when the first page ends mid-sentence
 * (a paragraph that runs on: a letter, a comma, an end-of-line hyphen) and the next goes on
 * in lower case or after a hyphen; a blank line otherwise.
 */
export function pageSeparator(before: string, after: string): string {
  if (before === '' || after === '') return '\n\n';
  const last = before.charAt(before.length - 1);
  const first = after.charAt(0);
  if (/[-\u00ad\u2010\u2011]/.test(last)) return '\n';
  return /[\p{L}\p{N},;]/u.test(last) && /\p{Ll}/u.test(first) ? '\n' : '\n\n';
}
