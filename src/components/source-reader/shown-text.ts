/**
 * Which part of a source the reader lays out, and how it is cut around highlighted passages.
 * Pure functions on offsets: the reader renders what they return.
 */
import type { TextRange } from '../../model/types.ts';

export interface Highlight extends TextRange {
  /** `passage`: the passage the reader was opened at (e.g. a search result). */
  kind: 'cited' | 'candidate' | 'passage';
  label: string;
}

/** Text segments of [from, to) between highlights, each with its offset in the original text. */
export function segments(from: number, to: number, highlights: readonly Highlight[]): { start: number; end: number; mark?: Highlight }[] {
  const sorted = [...highlights].filter((h) => h.end > h.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number; mark?: Highlight }[] = [];
  let at = from;
  for (const h of sorted) {
    const start = Math.max(h.start, at);
    const end = Math.min(h.end, to);
    if (start >= end) continue;
    if (start > at) out.push({ start: at, end: start });
    out.push({ start, end, mark: h });
    at = end;
  }
  if (at < to) out.push({ start: at, end: to });
  return out;
}

/**
 * Sources longer than this are shown a part at a time (SHOWN_SPAN characters around the cited
 * passage, more on request): laying out a whole text of megabytes takes the page seconds.
 */
export const LONG_SOURCE = 200_000;
export const SHOWN_SPAN = 40_000;

/** [from, to) widened to whole lines of `text`. */
export function wholeLines(text: string, from: number, to: number): [number, number] {
  const start = from <= 0 ? 0 : text.lastIndexOf('\n', from - 1) + 1;
  const newline = to >= text.length ? -1 : text.indexOf('\n', to);
  return [start, newline < 0 ? text.length : newline + 1];
}

/** The part of a text first shown: all of a short text; around `at` (a cited passage) in a long one. */
export function firstShown(text: string, at: number): [number, number] {
  if (text.length <= LONG_SOURCE) return [0, text.length];
  const from = Math.max(0, Math.min(at - SHOWN_SPAN / 4, text.length - SHOWN_SPAN));
  return wholeLines(text, from, from + SHOWN_SPAN);
}
