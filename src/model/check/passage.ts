import type { TextRange } from '../types.ts';

/**
 * Join print lines for display: end-of-line hyphen breaks close up, other breaks become
 * spaces; with `keepParagraphs`, a blank line stays as one "\n\n" (for pre-line display).
 */
export function joinPrintLines(text: string, keepParagraphs = false): string {
  const joined = text.replace(/(\p{L})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu, '$1$2');
  if (!keepParagraphs) return joined.replace(/\s+/g, ' ');
  return joined
    .split(/[ \t]*(?:\r?\n|\r)[ \t]*(?:(?:\r?\n|\r)[ \t]*)+/)
    .map((p) => p.replace(/\s+/g, ' '))
    .join('\n\n');
}

/**
 * The passage around a range, for showing a quote in its context: up to `context`
 * characters each side, cut at word boundaries, print line breaks joined.
 */
export function passageAround(text: string, range: TextRange, context = 280): { before: string; quote: string; after: string } {
  let from = Math.max(0, range.start - context);
  let to = Math.min(text.length, range.end + context);
  if (from > 0) {
    const space = text.slice(from, range.start).search(/\s/);
    if (space >= 0) from += space + 1;
  }
  if (to < text.length) {
    const tail = text.slice(range.end, to);
    const space = Math.max(tail.lastIndexOf(' '), tail.lastIndexOf('\n'));
    if (space >= 0) to = range.end + space;
  }
  const before = joinPrintLines(text.slice(from, range.start), true);
  const quote = joinPrintLines(text.slice(range.start, range.end), true);
  const after = joinPrintLines(text.slice(range.end, to), true);
  return {
    before: (from > 0 ? '… ' : '') + before.replace(/^\s+/, ''),
    quote,
    after: after.replace(/\s+$/, '') + (to < text.length ? ' …' : ''),
  };
}
