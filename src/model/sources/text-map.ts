/**
 * The map from positions in a source's extracted text back to its original: the pages of a
 * PDF (physical page and printed label, e.g. "iii", "12") and the headings of a web page,
 * DOCX or Markdown file. Citations anchor to the extracted text; the map turns a cited range
 * into the locator an analyst writes ("p. 12", "pp. 12–13", "§ Article 3").
 *
 * Positions are offsets in the extracted text, in UTF-16 code units (as `TextRange`).
 */
import type { TextRange } from '../types.ts';

/** One page of the original: the text from `start` to `end` came from it. */
export interface PageSpan {
  start: number;
  end: number;
  /** 1-based physical page number in the file. */
  index: number;
  /** The page's printed label ("iii", "12"); the physical number as text when none is known. */
  label: string;
}

/** A heading of the original; its section runs from `start` to the next heading of its level or above. */
export interface HeadingSpan {
  start: number;
  /** 1 = top level (h1), 2 = h2, … */
  level: number;
  text: string;
}

export interface TextMap {
  pages: PageSpan[];
  headings: HeadingSpan[];
}

export const EMPTY_TEXT_MAP: TextMap = Object.freeze({ pages: [], headings: [] }) as TextMap;

/** The pages a range touches (a range that ends exactly at a page's start does not touch it). */
export function pagesOf(map: TextMap, range: TextRange): PageSpan[] {
  const last = Math.max(range.start, range.end - 1);
  return map.pages.filter((p) => p.start <= last && p.end > range.start);
}

/** The innermost heading whose section holds `offset`, or undefined. */
export function headingAt(map: TextMap, offset: number): HeadingSpan | undefined {
  let found: HeadingSpan | undefined;
  for (const h of map.headings) {
    if (h.start > offset) break;
    found = h;
  }
  return found;
}

/**
 * The locator of a range: "p. 12" or "pp. 12–13" from the pages it runs across (printed
 * labels), else "§ <heading>" from the section it starts in; "" when the map says nothing.
 * Headings must be sorted by `start` (extraction writes them in reading order).
 */
export function locatorFor(map: TextMap, range: TextRange): string {
  const pages = pagesOf(map, range);
  if (pages.length === 1) return `p. ${pages[0].label}`;
  if (pages.length > 1) return `pp. ${pages[0].label}\u2013${pages[pages.length - 1].label}`;
  const heading = headingAt(map, range.start);
  return heading ? `\u00a7 ${heading.text}` : '';
}
