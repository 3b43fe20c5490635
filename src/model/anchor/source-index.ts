import type { Anchor, TextRange } from '../types.ts';
import { afterMarks, foldQuery, foldWithOrigin } from './normalize.ts';
import { bestApproximateMatch, matchCost } from './similarity.ts';
import { everyNth, hashAt, K, KgramTable, wordStarts, type KgramTableParts } from './kgram-table.ts';
import {
  MAX_COUNTED_PLACES, MAX_LISTED_PLACES, MAX_QUOTE_LENGTH, MAX_WORK_PER_QUOTE, tooLong, WORK_BASE, WORK_PER_QUOTE,
  WORK_PER_QUOTE_CHARACTER, WORK_PER_SOURCE_CHARACTER,
} from './limits.ts';

/**
 * For quotes without an inner word start: k-grams of SAMPLE_K characters at every
 * SAMPLE-th folded offset. Any quote of SAMPLE_K + SAMPLE - 1 characters or more is found.
 */
const SAMPLE = 4;
const SAMPLE_K = 8;

/** A k-gram with at most this many places is verified at once rather than looking for a rarer one. */
const FEW_PLACES = 4;

/** Work units a candidate place costs before any comparison (its look-up, a call or two). */
const CANDIDATE_COST = 32;

/** A passage is suggested for an orphaned quote only when at least this similar. */
const SUGGEST_SIMILARITY = 0.75;
/** A suggestion this similar ends the search for a better one. */
const CLOSE_ENOUGH = 0.95;

/** The first word start at or after `from` (not the quote's first character) with a full k-gram after it, or -1. */
function nextInnerWordStart(q: string, from: number): number {
  const space = q.indexOf(' ', Math.max(0, from - 1));
  return space < 0 || space + 1 + K > q.length ? -1 : space + 1;
}

/**
 * Whether `q` occurs in `text` at `at`: the slice of `text` compared whole, which the engine
 * does in one native comparison (the slice is a view of the text, not a copy), where
 * `startsWith` compares a unit at a time (about 5 times slower for a quote of 100 characters).
 */
function occursAt(text: string, q: string, at: number): boolean {
  return at >= 0 && at + q.length <= text.length && text.substring(at, at + q.length) === q;
}

/** Work left for one look-up (see limits.ts): spent as it goes, and out when it is below zero. */
class Work {
  constructor(public left: number) {}
  spend(units: number): boolean {
    this.left -= units;
    return this.left >= 0;
  }
  get out(): boolean {
    return this.left < 0;
  }
}

/** Places of a quote: the first ones (in text order, at most `MAX_LISTED_PLACES` kept), how many, and whether the count is all of them. */
interface Places {
  first: number[];
  count: number;
  /** False when counting stopped at the limit of places counted, or when the work ran out. */
  complete: boolean;
  /** The work ran out before the look-up was over. */
  out: boolean;
}

const plural = (n: number) => (n === 1 ? 'once' : `${n.toLocaleString('en-US')} times`);

/** "3 times", "more than 1,000 times" (counting stopped at the limit) or "at least 40 times" (the work ran out). */
const howOften = (p: Places) => (p.complete ? plural(p.count) : p.out ? `at least ${plural(p.count)}` : `more than ${plural(p.count - 1)}`);

/** What a built index consists of: handed to another thread, it needs no rebuilding (see `SourceIndex.fromParts`). */
export interface SourceIndexParts {
  original: string;
  folded: string;
  origin: Int32Array;
  words: KgramTableParts;
  /** Whether every unit of `original` is below U+0100 (see `FoldedText.narrow`); found again when not given. */
  narrow?: boolean;
}

export interface QuoteQuery {
  quote: string;
  prefix?: string;
  suffix?: string;
}

/**
 * One index of a source text, built once, that anchors any number of quotes: folded text
 * (see normalize.ts) plus a sorted table of k-gram hashes at every word start. A quote is
 * looked up through its rarest inner k-gram and verified in full, so anchoring costs about
 * the quote's length, not the source's.
 *
 * Whatever the text and the quotes (a source of one phrase repeated a million times, quotes
 * that nearly match it everywhere), a look-up takes a bounded share of work (see limits.ts):
 * the places of a quote are counted up to a limit, and a look-up that would take more than
 * its share stops and says so, rather than taking minutes.
 */
export class SourceIndex {
  readonly original: string;
  private readonly folded: string;
  private readonly origin: Int32Array;
  /** k-grams at every word start: finds any quote that has a word start after its first character. */
  private readonly words: KgramTable;
  /** k-grams at every SAMPLE-th offset, built on first need, for quotes with no inner word start. */
  private sampled?: KgramTable;
  private lowered?: string;
  /** Whether every unit of the original is below U+0100: a range maps back with `origin` alone. */
  private narrow?: boolean;
  /** Work this index may still spend on look-ups (each look-up adds its own share first). */
  private credit: number;

  constructor(original: string, parts?: SourceIndexParts) {
    this.original = original;
    if (parts) {
      this.folded = parts.folded;
      this.origin = parts.origin;
      this.words = new KgramTable(parts.words);
      this.narrow = parts.narrow;
    } else {
      const { text, origin, narrow } = foldWithOrigin(original);
      this.folded = text;
      this.origin = origin;
      this.narrow = narrow;
      this.words = KgramTable.build(text, wordStarts(text));
    }
    this.credit = WORK_BASE + WORK_PER_SOURCE_CHARACTER * this.folded.length;
  }

  /** The index of `parts.original` from the parts of an index built elsewhere (e.g. in a worker). */
  static fromParts(parts: SourceIndexParts): SourceIndex {
    return new SourceIndex(parts.original, parts);
  }

  /** The arrays and strings of this index (its typed arrays can be transferred). */
  parts(): SourceIndexParts {
    return { original: this.original, folded: this.folded, origin: this.origin, words: this.words.parts(), narrow: this.isNarrow() };
  }

  /** Whether every unit of the original is below U+0100 (found once, when the parts did not say). */
  private isNarrow(): boolean {
    return (this.narrow ??= !/[^\u0000-\u00ff]/.test(this.original));
  }

  /** Range in the original text of the folded range [start, end) (with any combining characters after its last character). */
  toOriginal(start: number, end: number): TextRange {
    if (end <= start) {
      const at = start < this.origin.length ? this.origin[start] : this.original.length;
      return { start: at, end: at };
    }
    const last = this.origin[end - 1];
    // No surrogate pair to end on, no combining character to take in: the original is not read.
    if (this.isNarrow()) return { start: this.origin[start], end: last + 1 };
    const c = this.original.charCodeAt(last);
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    return { start: this.origin[start], end: afterMarks(this.original, last + width) };
  }

  /** Whether the folded text has `prefix` and `suffix` (folded; either may be empty) around [at, end), a space apart or touching. */
  private contextMatches(at: number, end: number, prefix: string, suffix: string): boolean {
    if (prefix) {
      let before = at;
      if (before > 0 && this.folded.charCodeAt(before - 1) === 32) before--;
      if (!occursAt(this.folded, prefix, before - prefix.length)) return false;
    }
    if (suffix) {
      let after = end;
      if (this.folded.charCodeAt(after) === 32) after++;
      if (!occursAt(this.folded, suffix, after)) return false;
    }
    return true;
  }

  /**
   * The places where the folded quote occurs (with the folded prefix and suffix around it, when
   * given), counted up to MAX_COUNTED_PLACES + 1, within `work`.
   */
  private places(q: string, prefix: string, suffix: string, work: Work): Places {
    const j0 = nextInnerWordStart(q, 1);
    if (j0 < 0) return this.placesWithoutWordStart(q, prefix, suffix, work);
    // The first inner k-gram with a few places at most (most quotes: the first one), else the
    // rarest of them all (in a repetitive source all but one may occur everywhere); then each
    // of its places verified in full.
    const words = this.words;
    let bestJ = j0;
    let bestCount = Infinity;
    let lo = 0;
    for (let j = j0; j >= 0 && bestCount > FEW_PLACES; j = nextInnerWordStart(q, j + 1)) {
      if (!work.spend(K + 16)) return { first: [], count: 0, complete: false, out: true };
      const count = words.count(hashAt(q, j));
      if (count < bestCount) {
        bestCount = count;
        lo = words.lo;
        bestJ = j;
      }
    }
    // One posting list: its places are in text order, so the first ones found are the first.
    const first: number[] = [];
    let count = 0;
    let out = false;
    const limit = MAX_COUNTED_PLACES + 1;
    const verifyCost = CANDIDATE_COST + (q.length >> 3);
    const contextCost = prefix || suffix ? CANDIDATE_COST + ((prefix.length + suffix.length) >> 3) : 0;
    const { positions } = words;
    for (let i = lo; i < lo + bestCount; i++) {
      const at = positions[i] - bestJ;
      if (at < 0) continue;
      if (contextCost) {
        if (!work.spend(contextCost)) {
          out = true;
          break;
        }
        if (!this.contextMatches(at, at + q.length, prefix, suffix)) continue;
      }
      // A native comparison of n characters costs about n/8 units, on top of a candidate's own.
      if (!work.spend(verifyCost)) {
        out = true;
        break;
      }
      if (!occursAt(this.folded, q, at)) continue;
      if (first.length < MAX_LISTED_PLACES) first.push(at);
      if (++count >= limit) break;
    }
    return { first, count, complete: !out && count < limit, out };
  }

  /**
   * A quote with no inner word start (one long "word", e.g. "Chad,Niger,e-visa"): every
   * occurrence p has some offset j < SAMPLE with p + j on the sampled grid, so looking up the
   * quote's first SAMPLE k-grams in the sampled table finds them all. Short quotes are scanned.
   */
  private placesWithoutWordStart(q: string, prefix: string, suffix: string, work: Work): Places {
    const found: Places = { first: [], count: 0, complete: true, out: false };
    const limit = MAX_COUNTED_PLACES + 1;
    const verifyCost = CANDIDATE_COST + (q.length >> 3);
    const contextCost = prefix || suffix ? CANDIDATE_COST + ((prefix.length + suffix.length) >> 3) : 0;
    /** Verify a candidate place; false when the look-up must stop (limit reached, or out of work). */
    const candidate = (at: number): boolean => {
      if (at < 0) return true;
      if (contextCost && (!work.spend(contextCost) || !this.contextMatches(at, at + q.length, prefix, suffix))) return !work.out;
      if (!work.spend(verifyCost)) return false;
      if (!occursAt(this.folded, q, at)) return true;
      found.count++;
      found.first.push(at);
      return found.count < limit;
    };
    const finish = (): Places => {
      found.out = work.out;
      found.complete = !work.out && found.count < limit;
      // From several posting lists, places come out of text order: sorted (at most `limit`
      // of them), then only the first few are kept.
      found.first = found.first.sort((a, b) => a - b).slice(0, MAX_LISTED_PLACES);
      return found;
    };
    if (q.length < SAMPLE_K + SAMPLE - 1) {
      // A native scan: about a unit per 16 characters passed over.
      let from = 0;
      for (let at = this.folded.indexOf(q); at >= 0; at = this.folded.indexOf(q, at + 1)) {
        if (!work.spend((at - from) >> 4) || !candidate(at)) break;
        from = at;
      }
      return finish();
    }
    const table = (this.sampled ??= KgramTable.build(this.folded, everyNth(this.folded, SAMPLE, SAMPLE_K), SAMPLE_K));
    // Any window of SAMPLE consecutive offsets works; take the one whose k-grams are rarest
    // (names repeat in tabular sources: their k-grams have hundreds of postings).
    const lastWindow = q.length - SAMPLE_K - SAMPLE + 1;
    let bestWindow: [number, number][] = [];
    let bestW = 0;
    let bestCount = Infinity;
    const tries = Math.min(6, lastWindow + 1);
    for (let t = 0; t < tries && bestCount > SAMPLE; t++) {
      const w = tries === 1 ? 0 : Math.round((t * lastWindow) / (tries - 1));
      const window: [number, number][] = [];
      let count = 0;
      for (let j = 0; j < SAMPLE; j++) {
        const r = table.postings(hashAt(q, w + j, SAMPLE_K));
        window.push(r);
        count += r[1] - r[0];
      }
      if (count < bestCount) {
        bestCount = count;
        bestWindow = window;
        bestW = w;
      }
    }
    outer: for (let j = 0; j < SAMPLE; j++) {
      const [lo, hi] = bestWindow[j];
      for (let i = lo; i < hi; i++) if (!candidate(table.positions[i] - bestW - j)) break outer;
    }
    return finish();
  }

  /** Anchor a quote: found (one place), ambiguous (several) or orphaned (none). */
  anchor(query: QuoteQuery): Anchor {
    const { quote } = query;
    const rawPrefix = query.prefix ?? '';
    const rawSuffix = query.suffix ?? '';
    // Limits first: a quote over them is not looked up at all.
    if (quote.length > MAX_QUOTE_LENGTH) return { status: 'orphaned', reason: tooLong('quote', quote.length) };
    if (rawPrefix.length > MAX_QUOTE_LENGTH) return { status: 'orphaned', reason: tooLong('prefix', rawPrefix.length) };
    if (rawSuffix.length > MAX_QUOTE_LENGTH) return { status: 'orphaned', reason: tooLong('suffix', rawSuffix.length) };
    this.credit += WORK_PER_QUOTE + WORK_PER_QUOTE_CHARACTER * (quote.length + rawPrefix.length + rawSuffix.length);
    const work = new Work(Math.min(this.credit, MAX_WORK_PER_QUOTE));
    const allowed = work.left;
    try {
      return this.lookUp(quote, foldQuery(rawPrefix), foldQuery(rawSuffix), work);
    } finally {
      this.credit -= allowed - work.left;
    }
  }

  private lookUp(quote: string, prefix: string, suffix: string, work: Work): Anchor {
    const context = prefix !== '' || suffix !== '';
    // A quote found as it is in the folded text needs no folding: the folded text has no runs
    // of white space, dashes (but one between digits), curly quotes or other characters that
    // folding changes, so such a quote is folded already (most typed quotes: this skips a
    // scan of each).
    const n = quote.length;
    const plain = n > 0 && quote.charCodeAt(0) > 32 && quote.charCodeAt(n - 1) > 32 && quote.charCodeAt(0) !== 45 && quote.charCodeAt(n - 1) !== 45;
    let q = quote;
    let found = plain ? this.places(q, prefix, suffix, work) : undefined;
    if (!found || (found.count === 0 && !found.out)) {
      const folded = foldQuery(quote);
      if (folded === '') return { status: 'orphaned', reason: 'the quote is empty' };
      if (!found || folded !== q) found = this.places((q = folded), prefix, suffix, work);
    }
    if (found.count === 1 && found.complete) return { status: 'found', range: this.toOriginal(found.first[0], found.first[0] + q.length) };
    const range = (at: number) => this.toOriginal(at, at + q.length);
    if (found.count > 1) {
      const times = howOften(found);
      return {
        status: 'ambiguous',
        candidates: found.first.map(range),
        occurrences: found.count,
        reason: `the quote occurs ${times}${context ? ' even with its prefix/suffix' : ''}: add a prefix or suffix to tell them apart`,
      };
    }
    if (found.out) return { status: 'orphaned', reason: OUT_OF_WORK };
    if (context) {
      const all = this.places(q, '', '', work);
      if (all.count > 0) {
        const first = range(all.first[0]);
        return {
          status: 'orphaned',
          candidates: all.first.map(range),
          occurrences: all.count,
          suggestion: { range: first, text: this.original.slice(first.start, first.end), similarity: 1 },
          reason: `the quote occurs ${howOften(all)}, but not with the given prefix/suffix`,
        };
      }
      if (all.out) return { status: 'orphaned', reason: OUT_OF_WORK };
    }
    const suggestion = this.closest(q, work);
    return {
      status: 'orphaned',
      ...(suggestion ? { suggestion } : {}),
      reason: suggestion ? 'the quote is not in the source; a similar passage is suggested' : 'the quote is not in the source, and no passage is close to it',
    };
  }

  /** The most similar passage to a quote that is not in the text, if one is close enough (and found within `work`). */
  private closest(q: string, work: Work): Anchor['suggestion'] | undefined {
    const candidates: number[] = [];
    // Letter case alone is the cheapest miss to explain (a native scan: a unit per 16 characters).
    if (work.spend(this.folded.length >> 4)) {
      this.lowered ??= this.folded.toLowerCase();
      const ci = this.lowered.length === this.folded.length ? this.lowered.indexOf(q.toLowerCase()) : -1;
      if (ci >= 0) candidates.push(ci);
    }
    // Vote for alignments of the quote's word-start k-grams; nearby votes add up.
    const votes = new Map<number, number>();
    for (let j = nextInnerWordStart(q, 1); j >= 0; j = nextInnerWordStart(q, j + 1)) {
      if (!work.spend(K + 16)) break;
      const [lo, hi] = this.words.postings(hashAt(q, j));
      if (hi - lo > 64) continue;
      work.spend(hi - lo);
      for (let i = lo; i < hi; i++) {
        const bucket = (this.words.positions[i] - j) >> 5;
        votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
      }
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3);
    for (const [bucket] of ranked) candidates.push(bucket << 5);
    const slack = Math.max(32, q.length >> 2);
    let best: { start: number; end: number; similarity: number } | undefined;
    for (const at of candidates) {
      const from = Math.max(0, at - slack);
      const to = Math.min(this.folded.length, at + q.length + slack + 32);
      if (!work.spend(matchCost(q.length, to - from))) break;
      const m = bestApproximateMatch(q, this.folded.slice(from, to));
      const similarity = 1 - m.distance / q.length;
      if (!best || similarity > best.similarity) best = { start: from + m.start, end: from + m.end, similarity };
      // Close enough: the other candidates (fewer votes) are not searched.
      if (similarity >= CLOSE_ENOUGH) break;
    }
    if (!best || best.similarity < SUGGEST_SIMILARITY) return undefined;
    const range = this.toOriginal(best.start, best.end);
    return { range, text: this.original.slice(range.start, range.end), similarity: Math.round(best.similarity * 1000) / 1000 };
  }
}

/** The reason given for a quote whose look-up took its whole share of work. */
export const OUT_OF_WORK =
  'the quote could not be looked up within the work allowed for one quote: its words repeat too often in this source; cite a longer or more distinctive passage, or add a prefix or suffix';
