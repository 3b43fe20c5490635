/**
 * What a search result shows: one or two sentences of the passage around its matches, cut at
 * word boundaries, as the text reads in print (line breaks as spaces, end-of-line hyphens
 * closed up), with the matches as ranges of that text. Plain text and ranges, never HTML:
 * whoever shows it renders text (a source is untrusted input).
 */
import type { TextRange } from '../../types.ts';
import type { CompiledClause, SourceSearchIndex } from './source-search-index.ts';

/** One or two sentences with the matches marked. */
export interface Excerpt {
  /** The range of the source's original text shown: what citing this result quotes. */
  readonly range: TextRange;
  /** That text as it reads: runs of white space as one space, end-of-line hyphens closed up. */
  readonly text: string;
  /** The matches, as ranges of `text` (sorted, not overlapping). */
  readonly marks: readonly TextRange[];
  /** Whether the sentence goes on before / after the excerpt (a long sentence is cut at word boundaries). */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

/** An excerpt of fewer words than this takes in the next sentence too (or the one before). */
const SHORT_EXCERPT = 24;
/** A longer excerpt is cut around its first match. */
const MAX_EXCERPT = 60;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

/** The text from `from` to `to` as it reads in print, with the original offset of each of its units (and `to` after the last). */
export function printedText(original: string, from: number, to: number): { text: string; at: Int32Array } {
  const at = new Int32Array(to - from + 1);
  const codes = new Uint16Array(to - from);
  let n = 0;
  for (let i = from; i < to; ) {
    const c = original.charCodeAt(i);
    if (!isSpace(c)) {
      codes[n] = c;
      at[n++] = i;
      i++;
      continue;
    }
    let j = i;
    let lineBreak = false;
    for (; j < to && isSpace(original.charCodeAt(j)); j++) if (original.charCodeAt(j) === 10 || original.charCodeAt(j) === 13) lineBreak = true;
    // "neces-⏎sary": a hyphen ending a line inside a word closes up (as joinPrintLines does).
    if (lineBreak && n >= 2 && codes[n - 1] === 45 && j < to && LETTER.test(String.fromCharCode(codes[n - 2])) && LOWER.test(original[j])) n--;
    else if (n > 0 && j < to) {
      codes[n] = 32;
      at[n++] = i;
    }
    i = j;
  }
  at[n] = to;
  let text = '';
  for (let k = 0; k < n; k += 4096) text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return { text, at: at.subarray(0, n + 1) };
}

/** The first offset of `text` whose original offset is at least `offset` (`at` is ascending). */
function displayOffset(at: Int32Array, offset: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const OPENING = /["'\u2018\u201c(\[\u00ab]/;
const CLOSING = /[^\s]/;

/**
 * The excerpt of passage `passage` of `index` for the clauses of a query: the sentence with
 * the most different clauses matched (then the most matches, then the first), with the
 * next sentence when it is short, cut to MAX_EXCERPT words around its first match.
 */
export function excerptOf(index: SourceSearchIndex, passage: number, clauses: readonly CompiledClause[]): { excerpt: Excerpt; matches: TextRange[] } {
  const from = index.passageStarts[passage];
  const to = index.passageStarts[passage + 1];
  // Matches in the passage: [first word, span, clause].
  const found: [number, number, number][] = [];
  for (let w = from; w < to; w++) {
    clauses.forEach((clause, c) => {
      const span = index.matchAt(clause, w);
      if (span > 0) found.push([w, span, c]);
    });
  }
  // Sentences of the passage.
  const sentences: [number, number][] = [];
  for (let w = from; w < to; ) {
    let e = w + 1;
    while (e < to && !index.isSentenceStart(e)) e++;
    sentences.push([w, e]);
    w = e;
  }
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  sentences.forEach(([s, e], k) => {
    const inside = found.filter(([w]) => w >= s && w < e);
    const distinct = new Set(inside.map(([, , c]) => c)).size;
    if (distinct > bestDistinct || (distinct === bestDistinct && inside.length > bestCount)) {
      best = k;
      bestDistinct = distinct;
      bestCount = inside.length;
    }
  });
  let [s, e] = sentences[best] ?? [from, to];
  if (e - s < SHORT_EXCERPT) {
    if (best + 1 < sentences.length) e = sentences[best + 1][1];
    else if (best > 0) s = sentences[best - 1][0];
  }
  let cutBefore = false;
  let cutAfter = false;
  if (e - s > MAX_EXCERPT) {
    const firstMatch = found.find(([w]) => w >= s && w < e)?.[0] ?? s;
    const start = Math.max(s, Math.min(firstMatch - Math.floor(MAX_EXCERPT / 3), e - MAX_EXCERPT));
    s = start;
    e = start + MAX_EXCERPT;
  }
  // Whether the sentence goes on past the excerpt (a sentence may run past a cut passage).
  cutBefore = !index.isSentenceStart(s);
  cutAfter = e < index.words && !index.isSentenceStart(e);
  const text = index.text;
  let start = index.wordStart(s);
  let end = index.wordEnd(e - 1);
  // An opening quote or bracket just before the first word, the punctuation just after the last.
  if (!cutBefore) while (start > 0 && OPENING.test(text[start - 1])) start--;
  if (!cutAfter) while (end < text.length && CLOSING.test(text[end]) && end - index.wordEnd(e - 1) < 4) end++;
  const range = { start, end };
  const printed = printedText(text, start, end);
  const matches: TextRange[] = found.map(([w, span]) => index.wordRange(w, w + span));
  const marks: TextRange[] = [];
  for (const m of matches) {
    if (m.end <= start || m.start >= end) continue;
    const ms = displayOffset(printed.at, Math.max(m.start, start));
    const me = displayOffset(printed.at, Math.min(m.end, end));
    if (me > ms) marks.push({ start: ms, end: me });
  }
  marks.sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const m of marks) {
    const last = merged[merged.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else merged.push({ ...m });
  }
  return { excerpt: { range, text: printed.text, marks: merged, cutBefore, cutAfter }, matches };
}
