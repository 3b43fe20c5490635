import type { Anchor, TextRange } from '../types.ts';
import { foldQuery, foldWithOrigin } from './normalize.ts';
import { bestApproximateMatch } from './similarity.ts';
import { everyNth, hashAt, K, KgramTable, wordStarts, type KgramTableParts } from './kgram-table.ts';

/**
 * For quotes without an inner word start: k-grams of SAMPLE_K characters at every
 * SAMPLE-th folded offset. Any quote of SAMPLE_K + SAMPLE - 1 characters or more is found.
 */
const SAMPLE = 4;
const SAMPLE_K = 8;

/** Up to this many places of a k-gram are verified at once rather than looking for a rarer k-gram. */
const FEW_PLACES = 4;

/** At most this many candidate places are listed for an ambiguous quote. */
const MAX_CANDIDATES = 20;
/** A passage is suggested for an orphaned quote only when at least this similar. */
const SUGGEST_SIMILARITY = 0.75;
/** Quotes longer than this get no approximate suggestion (it would cost too much). */
const MAX_FUZZY_LENGTH = 4000;

/** The first word start at or after `from` (not the quote's first character) with a full k-gram after it, or -1. */
function nextInnerWordStart(q: string, from: number): number {
  for (let j = Math.max(1, from); j + K <= q.length; j++) if (q.charCodeAt(j - 1) === 32) return j;
  return -1;
}

/** What a built index consists of: handed to another thread, it needs no rebuilding (see `SourceIndex.fromParts`). */
export interface SourceIndexParts {
  original: string;
  folded: string;
  origin: Int32Array;
  words: KgramTableParts;
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

  constructor(original: string, parts?: SourceIndexParts) {
    this.original = original;
    if (parts) {
      this.folded = parts.folded;
      this.origin = parts.origin;
      this.words = new KgramTable(parts.words);
      return;
    }
    const { text, origin } = foldWithOrigin(original);
    this.folded = text;
    this.origin = origin;
    this.words = KgramTable.build(text, wordStarts(text));
  }

  /** The index of `parts.original` from the parts of an index built elsewhere (e.g. in a worker). */
  static fromParts(parts: SourceIndexParts): SourceIndex {
    return new SourceIndex(parts.original, parts);
  }

  /** The arrays and strings of this index (its typed arrays can be transferred). */
  parts(): SourceIndexParts {
    return { original: this.original, folded: this.folded, origin: this.origin, words: this.words.parts() };
  }

  /** Range in the original text of the folded range [start, end). */
  toOriginal(start: number, end: number): TextRange {
    if (end <= start) {
      const at = start < this.origin.length ? this.origin[start] : this.original.length;
      return { start: at, end: at };
    }
    const last = this.origin[end - 1];
    const c = this.original.charCodeAt(last);
    const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    return { start: this.origin[start], end: last + width };
  }

  /** Every folded offset where the folded quote occurs. */
  private occurrences(q: string): number[] {
    let j = nextInnerWordStart(q, 1);
    if (j < 0) return this.occurrencesWithoutWordStart(q);
    // Look the quote up by an inner k-gram and verify each place in full. When the first
    // k-gram has more than a few places, look for a rarer one among the next few.
    const words = this.words;
    let bestJ = j;
    let bestCount = words.count(hashAt(q, j));
    let lo = words.lo;
    for (let tries = 1; tries < 8 && bestCount > FEW_PLACES; tries++) {
      j = nextInnerWordStart(q, j + 1);
      if (j < 0) break;
      const count = words.count(hashAt(q, j));
      if (count < bestCount) {
        bestCount = count;
        lo = words.lo;
        bestJ = j;
      }
    }
    const out: number[] = [];
    const { positions } = words;
    for (let i = lo; i < lo + bestCount; i++) {
      const at = positions[i] - bestJ;
      if (at >= 0 && this.folded.startsWith(q, at)) out.push(at);
    }
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  /**
   * A quote with no inner word start (one long "word", e.g. "Chad,Niger,e-visa"): every
   * occurrence p has some offset j < SAMPLE with p + j on the sampled grid, so looking up the
   * quote's first SAMPLE k-grams in the sampled table finds them all. Short quotes are scanned.
   */
  private occurrencesWithoutWordStart(q: string): number[] {
    const out: number[] = [];
    if (q.length < SAMPLE_K + SAMPLE - 1) {
      for (let at = this.folded.indexOf(q); at >= 0; at = this.folded.indexOf(q, at + 1)) out.push(at);
      return out;
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
    bestWindow.forEach(([lo, hi], j) => {
      for (let i = lo; i < hi; i++) {
        const at = table.positions[i] - bestW - j;
        if (at >= 0 && this.folded.startsWith(q, at)) out.push(at);
      }
    });
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }

  private contextMatches(at: number, end: number, prefix: string, suffix: string): boolean {
    if (prefix) {
      let before = at;
      if (before > 0 && this.folded.charCodeAt(before - 1) === 32) before--;
      if (!this.folded.startsWith(prefix, before - prefix.length) || before - prefix.length < 0) return false;
    }
    if (suffix) {
      let after = end;
      if (this.folded.charCodeAt(after) === 32) after++;
      if (!this.folded.startsWith(suffix, after)) return false;
    }
    return true;
  }

  /** Anchor a quote: found (one place), ambiguous (several) or orphaned (none). */
  anchor(query: QuoteQuery): Anchor {
    const { q, all } = this.lookUp(query.quote);
    if (q === '') return { status: 'orphaned', reason: 'the quote is empty' };
    const prefix = foldQuery(query.prefix ?? '');
    const suffix = foldQuery(query.suffix ?? '');
    const matching = prefix || suffix ? all.filter((at) => this.contextMatches(at, at + q.length, prefix, suffix)) : all;
    if (matching.length === 1) return { status: 'found', range: this.toOriginal(matching[0], matching[0] + q.length) };
    if (matching.length > 1) {
      return {
        status: 'ambiguous',
        candidates: matching.slice(0, MAX_CANDIDATES).map((at) => this.toOriginal(at, at + q.length)),
        reason: `the quote occurs ${matching.length} times${prefix || suffix ? ' even with its prefix/suffix' : ''}: add a prefix or suffix to tell them apart`,
      };
    }
    if (all.length > 0) {
      const range = this.toOriginal(all[0], all[0] + q.length);
      return {
        status: 'orphaned',
        candidates: all.slice(0, MAX_CANDIDATES).map((at) => this.toOriginal(at, at + q.length)),
        suggestion: { range, text: this.original.slice(range.start, range.end), similarity: 1 },
        reason: `the quote occurs ${all.length === 1 ? 'once' : `${all.length} times`}, but not with the given prefix/suffix`,
      };
    }
    const suggestion = this.closest(q);
    return {
      status: 'orphaned',
      ...(suggestion ? { suggestion } : {}),
      reason: suggestion ? 'the quote is not in the source; a similar passage is suggested' : 'the quote is not in the source, and no passage is close to it',
    };
  }

  /**
   * The folded quote and its places. A quote found as it is in the folded text needs no
   * folding: the folded text has no runs of white space, dashes, curly quotes or other
   * characters that folding changes, so such a quote is folded already (most typed quotes:
   * this skips a scan of each).
   */
  private lookUp(quote: string): { q: string; all: number[] } {
    const n = quote.length;
    if (n > 0 && quote.charCodeAt(0) > 32 && quote.charCodeAt(n - 1) > 32) {
      const all = this.occurrences(quote);
      if (all.length > 0) return { q: quote, all };
    }
    const q = foldQuery(quote);
    if (q === '') return { q, all: [] };
    return { q, all: q === quote ? [] : this.occurrences(q) };
  }

  /** The most similar passage to a quote that is not in the text, if one is close enough. */
  private closest(q: string): Anchor['suggestion'] | undefined {
    if (q.length > MAX_FUZZY_LENGTH) return undefined;
    // Letter case alone is the cheapest miss to explain.
    this.lowered ??= this.folded.toLowerCase();
    const ci = this.lowered.length === this.folded.length ? this.lowered.indexOf(q.toLowerCase()) : -1;
    const candidates: number[] = [];
    if (ci >= 0) candidates.push(ci);
    // Vote for alignments of the quote's word-start k-grams; nearby votes add up.
    const votes = new Map<number, number>();
    for (let j = nextInnerWordStart(q, 1); j >= 0; j = nextInnerWordStart(q, j + 1)) {
      const [lo, hi] = this.words.postings(hashAt(q, j));
      if (hi - lo > 64) continue;
      for (let i = lo; i < hi; i++) {
        const bucket = (this.words.positions[i] - j) >> 5;
        votes.set(bucket, (votes.get(bucket) ?? 0) + 1);
      }
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    for (const [bucket] of ranked) candidates.push(bucket << 5);
    if (candidates.length === 0) return undefined;
    const slack = Math.max(32, q.length >> 2);
    let best: { start: number; end: number; similarity: number } | undefined;
    for (const at of candidates) {
      const from = Math.max(0, at - slack);
      const window = this.folded.slice(from, Math.min(this.folded.length, at + q.length + slack + 32));
      const m = bestApproximateMatch(q, window);
      const similarity = 1 - m.distance / q.length;
      if (!best || similarity > best.similarity) best = { start: from + m.start, end: from + m.end, similarity };
    }
    if (!best || best.similarity < SUGGEST_SIMILARITY) return undefined;
    const range = this.toOriginal(best.start, best.end);
    return { range, text: this.original.slice(range.start, range.end), similarity: Math.round(best.similarity * 1000) / 1000 };
  }
}
