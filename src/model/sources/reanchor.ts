/**
 * Replacing a source with a new version (a revised report, an amended law): where each
 * citation of it stands in the new text.
 *
 * - `unchanged`: the quote reads at the same place (the text around it is the same);
 * - `moved`: the quote is found once, elsewhere (or the text around it changed);
 * - `ambiguous`: the quote is found several times and nothing tells which is the old place;
 * - `changed`: the quote is not in the new text, but a close passage is: shown side by side
 *   with a similarity figure (0–1) and the words that changed. Suggested, never attached: the
 *   analyst accepts or rejects it;
 * - `orphaned`: neither the quote nor a close passage is in the new text.
 *
 * `applyReanchoring` turns the analyst's decisions into one `update-citations` edit (one undo
 * step). Nothing is lost either way: an accepted change replaces the quote (the old one stays
 * in the edit history and undo), a rejected one keeps the quote as it was, which then shows
 * as orphaned against the new text and still reads in the previous version of the source,
 * kept where it was: the new version's files get names of their own beside it
 * (`prepareNewVersion` in new-version.ts; docs/sources.md).
 *
 * The close passage is looked for with Myers' bit-parallel approximate matching
 * (`approx-string-match`, as Hypothesis re-anchors annotations), only in a few windows of
 * the new text: where the text around the quote's old place went (found through 12-character
 * pieces of the old text that occur once in the new one), and where pieces of the quote
 * itself occur. So the cost is bounded by the quote's length, not the source's: a revised
 * 300-page report costs about what a short one does.
 */
import search from 'approx-string-match';
import { foldQuery } from '../anchor/normalize.ts';
import { anchorAtPosition } from '../anchor/position.ts';
import { hashAt, K, KgramTable } from '../anchor/kgram-table.ts';
import { SourceIndex } from '../anchor/source-index.ts';
import { passageAround } from '../check/passage.ts';
import type { EditCommand } from '../edit/commands.ts';
import { captureQuote } from '../edit/cite.ts';
import type { CitationUpdate } from '../edit/update-citations.ts';
import type { Anchor, Citation, CitationStatus, TextRange } from '../types.ts';
import { locatorFor, type TextMap } from './text-map.ts';
import { wordDiff, type DiffPart } from './word-diff.ts';

export type ReanchorStatus = 'unchanged' | 'moved' | 'ambiguous' | 'changed' | 'orphaned';

export const REANCHOR_STATUSES: readonly ReanchorStatus[] = ['unchanged', 'moved', 'ambiguous', 'changed', 'orphaned'];

/** A close passage is suggested only when at least this similar (1 − edit distance / quote length). */
export const MIN_SIMILARITY = 0.6;
/** Quotes longer than this (folded) get no close-passage search (it would cost too much): exact matches only. */
export const MAX_APPROXIMATE_LENGTH = 4000;

/** A citation of the replaced source, and where the check found it in the old text. */
export interface ReanchorCitation {
  readonly citation: Citation;
  /** The check's anchor in the old text (`MatrixCheck.citations`); anchored anew when left out or `unchecked`. */
  readonly anchor?: Anchor;
}

export interface ReanchorInput {
  /** The source's id. */
  readonly source: string;
  readonly oldText: string;
  readonly newText: string;
  /** The citations of that source (citations of other sources are left out of the report). */
  readonly citations: readonly ReanchorCitation[];
  /** Page and heading maps of the old and new originals: locators follow the quote when they were the map's. */
  readonly oldMap?: TextMap;
  readonly newMap?: TextMap;
  /** Anchoring indexes of the texts (e.g. `sharedSourceIndexCache().get(text)`); built when left out. */
  readonly oldIndex?: SourceIndex;
  readonly newIndex?: SourceIndex;
  /** Default MIN_SIMILARITY. */
  readonly minSimilarity?: number;
}

/** A passage of one text, with a little of the text around it (print line breaks joined). */
export interface PassageView {
  readonly range: TextRange;
  readonly text: string;
  readonly before: string;
  readonly after: string;
}

/** What accepting a re-anchoring changes in the citation (fields left out stay as they are). */
export interface ReanchorProposal {
  readonly quote?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly locator?: string;
  /** The position to save, in the new text. */
  readonly position?: TextRange;
}

export interface ReanchorItem {
  /** `dimension \0 jurisdiction \0 seq`: the key decisions are given by. */
  readonly key: string;
  readonly citation: Citation;
  readonly status: ReanchorStatus;
  /** How the citation read in the old text: the check's status, and the passage when it was found. */
  readonly old: { readonly status: CitationStatus; readonly passage?: PassageView };
  /** The place in the new text (unchanged, moved, changed: the close passage; ambiguous: the suggested candidate). */
  readonly passage?: PassageView;
  /** Ambiguous: every place the quote is found (at most 20). */
  readonly candidates?: readonly TextRange[];
  /** Ambiguous: the candidate most like the old place (the text around it), an index into `candidates`. */
  readonly suggested?: number;
  /** Ambiguous: what choosing each candidate does (its position, and a prefix or suffix where they tell it apart). */
  readonly candidateProposals?: readonly ReanchorProposal[];
  /** Changed: 1 − edit distance / quote length, three decimals. */
  readonly similarity?: number;
  /** Changed: the quote against the close passage, word by word. */
  readonly diff?: readonly DiffPart[];
  /** What accepting does; undefined when there is nothing to accept (orphaned, or nothing to change). */
  readonly proposal?: ReanchorProposal;
  /** Whether the analyst decides (changed, ambiguous); unchanged and moved are accepted unless rejected. */
  readonly needsDecision: boolean;
  /** Why, in words. */
  readonly reason: string;
}

export interface ReanchorReport {
  readonly source: string;
  readonly items: readonly ReanchorItem[];
  readonly counts: Readonly<Record<ReanchorStatus, number>>;
}

/** Accept the proposal, keep the citation as it is, or (ambiguous) take one of the candidates. */
export type ReanchorDecision = 'accept' | 'reject' | { readonly candidate: number };

/** A citation's key among the items: its cell, seq and (when not 1) period. */
export const reanchorKey = (c: Pick<Citation, 'dimension' | 'jurisdiction' | 'seq'> & { period?: number }): string =>
  `${c.dimension}\u0000${c.jurisdiction}\u0000${c.seq}${c.period === undefined || c.period === 1 ? '' : `\u0000${c.period}`}`;

/** The folded offset of the first folded unit whose original offset is at least `offset`. */
function foldedAt(origin: Int32Array, offset: number): number {
  let lo = 0;
  let hi = origin.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (origin[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Folded text, map to the original, and word-start k-gram table of an index (shared, not rebuilt). */
interface Folded {
  index: SourceIndex;
  text: string;
  origin: Int32Array;
  table: KgramTable;
}

function foldedOf(index: SourceIndex): Folded {
  const parts = index.parts();
  return { index, text: parts.folded, origin: parts.origin, table: new KgramTable(parts.words) };
}

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;

/** The text around a range, folded, as two strings: what ends before it and what starts after it. */
function surroundings(text: string, range: TextRange, length = 48): [string, string] {
  const before = foldQuery(text.slice(Math.max(0, range.start - length), range.start));
  const after = foldQuery(text.slice(range.end, range.end + length));
  return [before, after];
}

/** Characters two contexts share: the common end of the `before`s and common start of the `after`s. */
function contextLikeness(a: [string, string], b: [string, string]): number {
  let n = 0;
  while (n < a[0].length && n < b[0].length && a[0][a[0].length - 1 - n] === b[0][b[0].length - 1 - n]) n++;
  let m = 0;
  while (m < a[1].length && m < b[1].length && a[1][m] === b[1][m]) m++;
  return n + m;
}

/** Whether the text around two places is the same (as far as either text goes, at least 16 characters each side or to the text's edge). */
function sameSurroundings(a: [string, string], b: [string, string]): boolean {
  const before = Math.min(a[0].length, b[0].length, 24);
  const after = Math.min(a[1].length, b[1].length, 24);
  return a[0].slice(a[0].length - before) === b[0].slice(b[0].length - before) && a[1].slice(0, after) === b[1].slice(0, after) && (before > 0 || after > 0 || (a[0] === b[0] && a[1] === b[1]));
}

/**
 * Where the old folded range [from, to) went in the new text: pieces of the old text around
 * it (and in it) that occur exactly once in the new text each say how far the text moved;
 * the median of those shifts. Undefined when no piece is found.
 */
function expectedShift(old: Folded, neu: Folded, from: number, to: number): number | undefined {
  const shifts: number[] = [];
  const scan = (start: number, end: number) => {
    for (let p = Math.max(0, start); p < Math.min(end, old.text.length - K) && shifts.length < 24; p++) {
      if (p > 0 && old.text.charCodeAt(p - 1) !== 32) continue;
      const count = neu.table.count(hashAt(old.text, p));
      if (count !== 1) continue;
      const at = neu.table.positions[neu.table.lo];
      if (neu.text.startsWith(old.text.slice(p, p + K), at)) shifts.push(at - p);
    }
  };
  scan(from - 400, from);
  scan(to, to + 400);
  scan(from, to);
  if (shifts.length === 0) return undefined;
  shifts.sort((a, b) => a - b);
  return shifts[shifts.length >> 1];
}

/** Folded offsets where pieces of the quote occur in the new text, most voted first (at most 3). */
function votedPlaces(q: string, neu: Folded): number[] {
  const votes = new Map<number, number>();
  for (let j = 0; j + K <= q.length; j++) {
    if (j > 0 && q.charCodeAt(j - 1) !== 32) continue;
    const [lo, hi] = neu.table.postings(hashAt(q, j));
    if (hi - lo > 64) continue;
    for (let i = lo; i < hi; i++) {
      const at = neu.table.positions[i];
      if (!neu.text.startsWith(q.slice(j, j + K), at)) continue;
      const bucket = (at - j) >> 5;
      votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
    }
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([bucket]) => bucket << 5);
}

interface CloseMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * The closest passage to the folded quote `q` in the new folded text, looked for in windows
 * around `places` (folded offsets where it may start). Ties go to the place nearest `expected`.
 */
function closestPassage(q: string, neu: Folded, places: number[], expected: number | undefined, maxErrors: number): CloseMatch | undefined {
  const slack = Math.max(64, q.length >> 1);
  const windows = places
    .map((p) => [Math.max(0, p - slack), Math.min(neu.text.length, p + q.length + slack)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  let best: CloseMatch | undefined;
  for (const [from, to] of merged) {
    for (const m of search(neu.text.slice(from, to), q, maxErrors)) {
      const found = { start: from + m.start, end: from + m.end, errors: m.errors };
      const nearer = expected !== undefined && best && Math.abs(found.start - expected) < Math.abs(best.start - expected);
      if (!best || found.errors < best.errors || (found.errors === best.errors && nearer)) best = found;
    }
  }
  return best;
}

/** Widen a folded range to whole words (a close match may start or end inside one); returns the characters added. */
function toWords(text: string, m: CloseMatch): number {
  let added = 0;
  while (m.start > 0 && isWord(text.charCodeAt(m.start - 1)) && isWord(text.charCodeAt(m.start)) && added < 24) {
    m.start--;
    added++;
  }
  while (m.end < text.length && isWord(text.charCodeAt(m.end)) && isWord(text.charCodeAt(m.end - 1)) && added < 48) {
    m.end++;
    added++;
  }
  // No space at either end.
  while (m.start < m.end && text.charCodeAt(m.start) === 32) m.start++;
  while (m.end > m.start && text.charCodeAt(m.end - 1) === 32) m.end--;
  return added;
}

function view(text: string, range: TextRange): PassageView {
  const p = passageAround(text, range, 80);
  return { range, text: p.quote, before: p.before, after: p.after };
}

/** Where the citation was in the old text: the given anchor, or anchored now (also when the check could not look, its text not loaded). */
function oldAnchor(c: ReanchorCitation, oldText: string, oldIndex: () => SourceIndex): Anchor {
  if (c.anchor && c.anchor.status !== 'unchecked') return c.anchor;
  return anchorAtPosition(c.citation, oldText) ?? oldIndex().anchor(c.citation);
}

/**
 * The locator for the new place: the new map's, when the citation's locator was the old map's
 * for its old place (or empty); an analyst's own locator is kept.
 */
function newLocator(input: ReanchorInput, c: Citation, oldRange: TextRange | undefined, range: TextRange): string | undefined {
  if (!input.newMap) return undefined;
  const auto = c.locator === '' || (input.oldMap && oldRange && c.locator === locatorFor(input.oldMap, oldRange));
  if (!auto) return undefined;
  const locator = locatorFor(input.newMap, range);
  return locator === c.locator ? undefined : locator;
}

/**
 * The proposal for a citation whose quote is found at `range` of the new text: its saved
 * position, and a prefix or suffix only where the quote alone is not enough to tell the place
 * (as citing by selection does). The quote itself stays as the analyst wrote it.
 */
function sameQuoteAt(input: ReanchorInput, index: SourceIndex, c: Citation, oldRange: TextRange | undefined, range: TextRange): ReanchorProposal | undefined {
  const withOwn = index.anchor(c);
  const proposal: { prefix?: string; suffix?: string; locator?: string; position?: TextRange } = {};
  if (withOwn.status === 'found' && withOwn.range!.start === range.start) {
    if (c.start !== undefined && (c.start !== range.start || c.end !== range.end)) proposal.position = range;
  } else {
    const captured = captureQuote(index, range.start, range.end);
    if (captured) {
      if (captured.prefix !== c.prefix) proposal.prefix = captured.prefix;
      if (captured.suffix !== c.suffix) proposal.suffix = captured.suffix;
      if (c.start !== range.start || c.end !== range.end) proposal.position = range;
    }
  }
  const locator = newLocator(input, c, oldRange, range);
  if (locator !== undefined) proposal.locator = locator;
  return Object.keys(proposal).length ? proposal : undefined;
}

/** Re-anchor every citation of a replaced source into its new text (see the module comment). */
export function reanchor(input: ReanchorInput): ReanchorReport {
  const { oldText, newText } = input;
  const minSimilarity = input.minSimilarity ?? MIN_SIMILARITY;
  const newIndex = input.newIndex ?? new SourceIndex(newText);
  let oldIndexBuilt = input.oldIndex;
  const oldIndex = () => (oldIndexBuilt ??= new SourceIndex(oldText));
  let neu: Folded | undefined;
  let old: Folded | undefined;
  const items: ReanchorItem[] = [];
  for (const entry of input.citations) {
    const c = entry.citation;
    // Citations of other sources are not this replacement's.
    if (c.source !== input.source) continue;
    const key = reanchorKey(c);
    const before = oldAnchor(entry, oldText, oldIndex);
    const oldRange = before.status === 'found' ? before.range : undefined;
    const oldView = { status: before.status, ...(oldRange ? { passage: view(oldText, oldRange) } : {}) };
    const base = { key, citation: c, old: oldView };
    const q = foldQuery(c.quote);
    if (q === '') {
      items.push({ ...base, status: 'orphaned', needsDecision: false, reason: 'the quote is empty' });
      continue;
    }
    // Every place the quote alone is found in the new text.
    const alone = newIndex.anchor({ quote: c.quote });
    const places = alone.status === 'found' ? [alone.range!] : alone.status === 'ambiguous' ? alone.candidates ?? [] : [];
    if (places.length > 0) {
      const oldAround = oldRange ? surroundings(oldText, oldRange) : undefined;
      // The old place, where the text around it is the same.
      const same = oldAround
        ? places.find((r) => (r.start === oldRange!.start && r.end === oldRange!.end && places.length === 1) || sameSurroundings(oldAround, surroundings(newText, r)))
        : undefined;
      if (same) {
        items.push({
          ...base, status: 'unchanged', passage: view(newText, same), proposal: sameQuoteAt(input, newIndex, c, oldRange, same), needsDecision: false,
          reason: places.length > 1 ? `the quote reads at the same place (and ${places.length - 1} more)` : 'the quote reads at the same place',
        });
        continue;
      }
      const own = c.prefix || c.suffix ? newIndex.anchor(c) : alone;
      const one = own.status === 'found' ? own.range! : places.length === 1 ? places[0] : undefined;
      if (one) {
        items.push({
          ...base, status: 'moved', passage: view(newText, one), proposal: sameQuoteAt(input, newIndex, c, oldRange, one), needsDecision: false,
          reason: oldRange ? 'the quote is found once, elsewhere or with other text around it' : `the quote is found once (it was ${before.status} in the old text)`,
        });
        continue;
      }
      // Several places: the one with the most of the old surroundings is suggested.
      let suggested = 0;
      if (oldAround) {
        let most = -1;
        places.forEach((r, i) => {
          const likeness = contextLikeness(oldAround, surroundings(newText, r));
          if (likeness > most) {
            most = likeness;
            suggested = i;
          }
        });
      }
      const candidateProposals = places.map((r) => candidateProposal(c, newIndex, r, input, oldRange));
      items.push({
        ...base, status: 'ambiguous', candidates: places, suggested, candidateProposals, proposal: candidateProposals[suggested], passage: view(newText, places[suggested]), needsDecision: true,
        reason: `the quote is found ${places.length === 20 ? '20 or more' : places.length} times in the new text: choose the place`,
      });
      continue;
    }
    // Not in the new text: a close passage?
    if (q.length > MAX_APPROXIMATE_LENGTH) {
      items.push({ ...base, status: 'orphaned', needsDecision: false, reason: `the quote is not in the new text (at ${q.length} characters it is too long to look for a close passage)` });
      continue;
    }
    neu ??= foldedOf(newIndex);
    const guesses: number[] = [];
    let expected: number | undefined;
    if (oldRange) {
      old ??= foldedOf(oldIndex());
      const from = foldedAt(old.origin, oldRange.start);
      const to = foldedAt(old.origin, oldRange.end);
      const shift = expectedShift(old, neu, from, to);
      if (shift !== undefined) {
        expected = Math.max(0, Math.min(neu.text.length, from + shift));
        guesses.push(expected);
      }
    }
    // Short quotes only where the old place went: elsewhere a few errors match anything.
    if (q.length >= 24 || guesses.length === 0) guesses.push(...votedPlaces(q, neu));
    const maxErrors = Math.floor(q.length * (1 - minSimilarity));
    const found = guesses.length ? closestPassage(q, neu, guesses, expected, maxErrors) : undefined;
    if (found) {
      const added = toWords(neu.text, found);
      const similarity = Math.max(0, Math.min(1, 1 - (found.errors + added) / q.length));
      if (similarity >= minSimilarity && found.end > found.start) {
        const range = newIndex.toOriginal(found.start, found.end);
        const captured = captureQuote(newIndex, range.start, range.end);
        if (captured) {
          const proposal: ReanchorProposal = {
            quote: captured.quote,
            prefix: captured.prefix,
            suffix: captured.suffix,
            position: captured.range,
            ...(() => {
              const locator = newLocator(input, c, oldRange, captured.range);
              return locator === undefined ? {} : { locator };
            })(),
          };
          const diff = wordDiff(oldRange ? passageAround(oldText, oldRange, 0).quote : c.quote, captured.quote);
          items.push({
            ...base, status: 'changed', passage: view(newText, captured.range), similarity: Math.round(similarity * 1000) / 1000,
            ...(diff ? { diff } : {}), proposal, needsDecision: true,
            reason: 'the quote is not in the new text; a close passage is suggested',
          });
          continue;
        }
      }
    }
    items.push({ ...base, status: 'orphaned', needsDecision: false, reason: 'neither the quote nor a close passage is in the new text' });
  }
  const counts = Object.fromEntries(REANCHOR_STATUSES.map((s) => [s, 0])) as Record<ReanchorStatus, number>;
  for (const item of items) counts[item.status]++;
  return { source: input.source, items, counts };
}

export interface ReanchorOutcome {
  /** The edit to apply (`MatrixStore.edit`), or undefined when no citation changes. */
  readonly command: EditCommand | undefined;
  /** Citations the edit changes (accepted, or unchanged/moved with a new position or context). */
  readonly updated: readonly ReanchorItem[];
  /** Citations kept as they are: rejected, undecided changes and ambiguities, orphaned, or nothing to change. */
  readonly kept: readonly ReanchorItem[];
}

/**
 * The edit that carries out the analyst's decisions (by `ReanchorItem.key`). Without a
 * decision, unchanged and moved citations take their proposal (their quote does not change)
 * and changed or ambiguous ones are kept as they are: a change is never made silently. A
 * rejected citation keeps its quote, context and position (which locate it in the previous
 * version of the text). A candidate that is not one of the item's counts as a rejection.
 */
export function applyReanchoring(
  report: ReanchorReport,
  decisions: ReadonlyMap<string, ReanchorDecision> | Readonly<Record<string, ReanchorDecision>> = {},
): ReanchorOutcome {
  const decisionOf = (key: string): ReanchorDecision | undefined => (decisions instanceof Map ? decisions.get(key) : (decisions as Record<string, ReanchorDecision>)[key]);
  const updates: CitationUpdate[] = [];
  const updated: ReanchorItem[] = [];
  const kept: ReanchorItem[] = [];
  for (const item of report.items) {
    const decision = decisionOf(item.key) ?? (item.needsDecision ? 'reject' : 'accept');
    const proposal = decision === 'reject' ? undefined : typeof decision === 'object' ? item.candidateProposals?.[decision.candidate] : item.proposal;
    if (!proposal) {
      kept.push(item);
      continue;
    }
    const c = item.citation;
    updates.push({
      dimension: c.dimension, jurisdiction: c.jurisdiction, ...(c.period === 1 ? {} : { period: c.period }), seq: c.seq,
      set: {
        ...(proposal.quote !== undefined ? { quote: proposal.quote } : {}),
        ...(proposal.prefix !== undefined ? { prefix: proposal.prefix } : {}),
        ...(proposal.suffix !== undefined ? { suffix: proposal.suffix } : {}),
        ...(proposal.locator !== undefined ? { locator: proposal.locator } : {}),
      },
      ...(proposal.position ? { position: proposal.position } : {}),
    });
    updated.push(item);
  }
  const command: EditCommand | undefined = updates.length
    ? { type: 'update-citations', label: `Re-anchor ${updates.length} citation${updates.length === 1 ? '' : 's'} in the new version of ${report.source}`, updates }
    : undefined;
  return { command, updated, kept };
}

/** The proposal for an ambiguous citation placed at one of its candidates (context or position tell it apart). */
function candidateProposal(c: Citation, index: SourceIndex, range: TextRange, input: ReanchorInput, oldRange: TextRange | undefined): ReanchorProposal {
  const captured = captureQuote(index, range.start, range.end);
  const locator = newLocator(input, c, oldRange, range);
  return {
    ...(captured && captured.prefix !== c.prefix ? { prefix: captured.prefix } : {}),
    ...(captured && captured.suffix !== c.suffix ? { suffix: captured.suffix } : {}),
    ...(locator !== undefined ? { locator } : {}),
    position: captured?.range ?? range,
  };
}
