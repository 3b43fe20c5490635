/**
 * Cite by selection: turn a range of a source's original text into a citation's quote, and
 * add a prefix and/or suffix from the text around it only when the quote alone would match
 * several places; when no context does, the selection's position (saved as start, end) tells
 * the places apart. Checked with the same SourceIndex the checker uses, so the citation made
 * here anchors exactly as `policy-matrix validate` will anchor it.
 */
import { anchorAtPosition } from '../anchor/position.ts';
import { OUT_OF_WORK, type SourceIndex } from '../anchor/source-index.ts';
import { joinPrintLines } from '../check/passage.ts';
import type { Anchor, TextRange } from '../types.ts';

export interface CapturedQuote {
  quote: string;
  prefix: string;
  suffix: string;
  /** The selection, trimmed of white space at both ends, in the original text. */
  range: TextRange;
  /** Where the quote (with its prefix/suffix) anchors: `found` when it names the selected place alone. */
  anchor: Anchor;
}

/** Places of a quote past which contexts are not tried (see `captureQuote`). */
const MANY_PLACES = 100;

/** Lengths of context tried, shortest first (about 32 characters is usually enough). */
const CONTEXTS = [32, 64, 128, 256];

/** Up to `length` characters before `at`, not starting mid-word, print line breaks joined. */
export function contextBefore(text: string, at: number, length: number): string {
  const from = Math.max(0, at - length);
  let raw = text.slice(from, at);
  if (from > 0) {
    const space = raw.search(/\s/);
    if (space >= 0) raw = raw.slice(space + 1);
  }
  return joinPrintLines(raw).trim();
}

/** Up to `length` characters after `at`, not ending mid-word, print line breaks joined. */
export function contextAfter(text: string, at: number, length: number): string {
  const to = Math.min(text.length, at + length);
  let raw = text.slice(at, to);
  if (to < text.length) {
    const m = /\s\S*$/.exec(raw);
    if (m) raw = raw.slice(0, m.index);
  }
  return joinPrintLines(raw).trim();
}

const overlaps = (a: TextRange | undefined, b: TextRange) => a !== undefined && a.start < b.end && a.end > b.start;

/**
 * The citation for the selected range [start, end) of `index.original`, or undefined when the
 * selection holds no text. The quote is the selected text with print line breaks joined.
 */
export function captureQuote(index: SourceIndex, start: number, end: number): CapturedQuote | undefined {
  const text = index.original;
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s >= e) return undefined;
  const range = { start: s, end: e };
  const quote = joinPrintLines(text.slice(s, e)).trim();
  const alone = index.anchor({ quote });
  if (alone.status === 'found' && overlaps(alone.range, range)) return { quote, prefix: '', suffix: '', range, anchor: alone };
  let last: CapturedQuote = { quote, prefix: '', suffix: '', range, anchor: alone };
  // A quote found in more than a hundred places (a phrase a source repeats throughout), or
  // whose look-up ran out of work: contexts of a few hundred characters are unlikely to settle
  // it, and each look-up could take its whole share of work; the position tells the place
  // apart at once.
  const countless = (alone.status === 'ambiguous' && (alone.occurrences ?? 0) > MANY_PLACES) || alone.reason === OUT_OF_WORK;
  contexts: for (const length of countless ? [] : CONTEXTS) {
    const prefix = contextBefore(text, s, length);
    const suffix = contextAfter(text, e, length);
    const tries: [string, string][] = [[prefix, ''], ['', suffix], [prefix, suffix]];
    for (const [p, x] of tries) {
      if (p === '' && x === '') continue;
      const anchor = index.anchor({ quote, prefix: p, suffix: x });
      last = { quote, prefix: p, suffix: x, range, anchor };
      if (anchor.status === 'found' && overlaps(anchor.range, range)) return last;
      // Out of work (see anchor/limits.ts): longer contexts would take as much again.
      if (anchor.status === 'orphaned' && anchor.reason === OUT_OF_WORK) break contexts;
    }
  }
  // No context tells this place apart: the position does (saved as start, end).
  const atPosition = anchorAtPosition({ quote, prefix: '', suffix: '', ...range }, text);
  return atPosition ? { quote, prefix: '', suffix: '', range, anchor: atPosition } : last;
}
