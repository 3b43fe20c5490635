/**
 * The pages of a PDF source in the reader: the text's segments split where a page begins, with
 * a page break (showing the page's printed number) before each page. Page breaks carry the
 * offset of their page's start (`data-at`), so a selection that begins or ends on one still
 * cites the text exactly as the plain-text reader does.
 */
import type { PageSpan } from '../../model/sources/text-map.ts';

export interface PageBreak {
  readonly page: PageSpan;
}

export const isPageBreak = (part: object): part is PageBreak => 'page' in part;

/** `segments` (contiguous, covering [from, to)) with a page break before each page that starts in [from, to). */
export function withPageBreaks<S extends { start: number; end: number }>(segments: readonly S[], pages: readonly PageSpan[], from: number, to: number): (S | PageBreak)[] {
  const starts = pages.filter((p) => p.start >= from && p.start < to);
  if (starts.length === 0) return [...segments];
  const out: (S | PageBreak)[] = [];
  let k = 0;
  for (const s of segments) {
    let at = s.start;
    while (k < starts.length && starts[k].start < s.end) {
      const page = starts[k++];
      if (page.start > at) {
        out.push({ ...s, start: at, end: page.start });
        at = page.start;
      }
      out.push({ page });
    }
    if (at < s.end) out.push({ ...s, start: at, end: s.end });
  }
  return out;
}

/** What a page break says: "Page 12", with the sheet of the file when the printed number differs. */
export const pageWords = (page: PageSpan): string => (page.label === String(page.index) ? `Page ${page.label}` : `Page ${page.label} (sheet ${page.index} of the file)`);
