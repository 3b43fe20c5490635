/**
 * Page furniture: running heads and footers (a title, a chapter name, a page number)
 * repeated at the top or bottom of most pages. They are dropped from the extracted text, so
 * that a paragraph running across a page break reads on and a quote across the break
 * anchors; a page number printed in them gives the page's printed label when the PDF has no
 * page labels of its own.
 */
import type { PrintedLine } from './layout.ts';

/** Lines looked at, from each end of a page (a head may be two lines: a title and a number). */
const EDGE_LINES = 2;
/** Baselines within this many points count as the same place on the page. */
const SAME_PLACE = 3;
/** A furniture line appears on at least this share of the pages that have text (alternating heads: about half each). */
const MOST_PAGES = 0.45;
/** Running heads and footers sit in the page's margins: the top or bottom this share of its height. */
const MARGIN = 0.15;

/** Lines that are furniture rather than text: a page number alone, or a roman one. */
const FOLIO = /^(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,8})(?:\s+(?:of|\/)\s+\d{1,5})?$|^[-\u2013\u2014]\s*\d{1,5}\s*[-\u2013\u2014]$/i;

/** The text that repeats: lower case, each number as "#", one space between words. */
function shapeOf(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** The page's extent in PDF user space (y grows upwards). */
export interface PageFrame {
  bottom: number;
  top: number;
}

/**
 * The lines of a page nearest its top and bottom (by baseline), as indices into `lines`: up
 * to two from each end, and only lines in the page's margins when its frame is known.
 */
function edgeLines(lines: readonly PrintedLine[], frame: PageFrame | undefined): number[] {
  const byHeight = lines.map((_, i) => i).sort((a, b) => lines[b].y - lines[a].y);
  const ends = lines.length <= 2 * EDGE_LINES ? byHeight : [...byHeight.slice(0, EDGE_LINES), ...byHeight.slice(-EDGE_LINES)];
  if (!frame || !(frame.top > frame.bottom)) return ends;
  const margin = MARGIN * (frame.top - frame.bottom);
  return ends.filter((i) => lines[i].y >= frame.top - margin || lines[i].y <= frame.bottom + margin);
}

export interface Furniture {
  /** For each page, the indices of its lines that are furniture. */
  lines: Set<number>[];
  /**
   * For each page, the page number its furniture prints, when the pages' numbers run on with
   * the physical pages (an offset that most numbered pages agree on); undefined elsewhere.
   */
  printedNumbers: (number | undefined)[];
}

/**
 * Find the running heads and footers of a document's pages. A line is furniture when a line
 * of the same shape (numbers aside) sits at the same place in the top or bottom margin of
 * most pages with text (45% of them and three at least; every page of a document of two or
 * three), or when it is a page number alone at a page's edge. `frames` are the pages' extents,
 * when known: only lines in a page's margins can be furniture then.
 */
export function findFurniture(pages: readonly (readonly PrintedLine[])[], frames: readonly (PageFrame | undefined)[] = []): Furniture {
  const withText = pages.filter((p) => p.length > 0).length;
  const edges = pages.map((lines, i) => edgeLines(lines, frames[i]));
  // Shape → the pages and baselines where it appears at an edge.
  const seen = new Map<string, { page: number; y: number }[]>();
  edges.forEach((indices, page) => {
    for (const i of indices) {
      const shape = shapeOf(pages[page][i].text);
      let list = seen.get(shape);
      if (!list) seen.set(shape, (list = []));
      list.push({ page, y: pages[page][i].y });
    }
  });
  // Short documents: on every page; longer ones: on most (three at least).
  const needed = withText <= 3 ? Math.max(2, withText) : Math.max(3, Math.ceil(MOST_PAGES * withText));
  /** For each repeated shape, the baselines where it is furniture. */
  const repeated = new Map<string, number[]>();
  for (const [shape, places] of seen) {
    if (places.length < needed) continue;
    // The places that agree with one another: the modal baseline, ± SAME_PLACE.
    const ys = places.map((p) => p.y);
    let best: number[] = [];
    for (const y of ys) {
      const near = ys.filter((other) => Math.abs(other - y) <= SAME_PLACE);
      if (near.length > best.length) best = near;
    }
    const pagesThere = new Set(places.filter((p) => best.includes(p.y)).map((p) => p.page));
    if (pagesThere.size >= needed) repeated.set(shape, best);
  }

  const lines = pages.map(() => new Set<number>());
  edges.forEach((indices, page) => {
    for (const i of indices) {
      const line = pages[page][i];
      const ys = repeated.get(shapeOf(line.text));
      const isEdge = line === extreme(pages[page], 1) || line === extreme(pages[page], -1);
      if ((ys && ys.some((y) => Math.abs(y - line.y) <= SAME_PLACE)) || (isEdge && withText > 1 && FOLIO.test(line.text))) lines[page].add(i);
    }
  });
  return { lines, printedNumbers: printedNumbers(pages, lines) };
}

/** The topmost (direction 1) or bottommost (-1) line of a page. */
function extreme(lines: readonly PrintedLine[], direction: 1 | -1): PrintedLine | undefined {
  let found: PrintedLine | undefined;
  for (const line of lines) if (!found || (line.y - found.y) * direction > 0) found = line;
  return found;
}

/**
 * The page numbers printed in the furniture, where they run on with the physical pages: the
 * offset (printed − physical) that most pages with a number agree on, applied from the first
 * to the last page that prints it (front matter before and back matter after keep theirs).
 */
function printedNumbers(pages: readonly (readonly PrintedLine[])[], furniture: readonly Set<number>[]): (number | undefined)[] {
  const offsets = new Map<number, number[]>();
  let numbered = 0;
  furniture.forEach((indices, page) => {
    const found = new Set<number>();
    for (const i of indices) {
      for (const m of pages[page][i].text.matchAll(/(?<![\d.,])\d{1,5}(?![\d.,]\d)/g)) found.add(Number(m[0]) - (page + 1));
    }
    if (found.size) numbered++;
    for (const offset of found) {
      let list = offsets.get(offset);
      if (!list) offsets.set(offset, (list = []));
      list.push(page);
    }
  });
  let best: number[] = [];
  let bestOffset = 0;
  for (const [offset, list] of offsets) {
    if (list.length > best.length) {
      best = list;
      bestOffset = offset;
    }
  }
  const out: (number | undefined)[] = pages.map(() => undefined);
  if (best.length < 2 || best.length < numbered / 2) return out;
  const first = Math.min(...best);
  const last = Math.max(...best);
  for (let page = first; page <= last; page++) out[page] = page + 1 + bestOffset;
  return out;
}
