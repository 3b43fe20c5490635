/**
 * Search across the sources of a matrix: one `SourceSearchIndex` per source, built once when
 * the source is added and again only when its text is replaced, and a query that ranks
 * passages of all of them together (BM25 over passages, the ranking of full-text engines).
 *
 * Results are passages: which source, where in its original text, the page or section
 * (locator), and an excerpt of one or two sentences with the matches marked as ranges. The
 * excerpt's range is what citing the result quotes (see cite.ts).
 */
import type { TextRange } from '../../types.ts';
import { locatorFor } from '../text-map.ts';
import { excerptOf, type Excerpt } from './excerpt.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { SourceSearchIndex, type CompiledClause, type SearchSource } from './source-search-index.ts';

export interface SearchOptions {
  /** At most this many results (default 20): only these get excerpts, the rest are counted. */
  readonly limit?: number;
  /** Skip this many of the ranked results first (paging; default 0). */
  readonly offset?: number;
  /** Only these sources (ids); default all. */
  readonly sources?: Iterable<string>;
}

/** One passage that has every word and phrase of the query. */
export interface SearchResult {
  /** The source's id. */
  readonly source: string;
  /** The passage (a paragraph, or part of a long one) that matched, as a range of the original text. */
  readonly passage: TextRange;
  /** One or two sentences of it with the matches marked; `excerpt.range` is what citing the result quotes. */
  readonly excerpt: Excerpt;
  /** Where the excerpt is in the original: "p. 12", "pp. 12–13", "§ Article 3", or "" when the source has no map. */
  readonly locator: string;
  /** Every match in the passage, as ranges of the original text (to highlight in the reader), in reading order. */
  readonly matches: readonly TextRange[];
  /** The first match: where the reader scrolls to. */
  readonly match: TextRange;
  /** BM25 score (higher is better); results come best first. */
  readonly score: number;
}

export interface SearchResults {
  readonly query: ParsedQuery;
  /** The ranked results asked for (`offset`, `limit`). */
  readonly results: readonly SearchResult[];
  /** How many passages match in all (every page of results). */
  readonly total: number;
  /** Matching passages per source, for sources with any, in the index's order. */
  readonly bySource: readonly { readonly source: string; readonly count: number }[];
  /** False when a hostile text and query hit the work limit: counts and results may miss some passages. */
  readonly complete: boolean;
}

/** BM25's usual parameters. */
const K1 = 1.2;
const B = 0.75;

/** Score factor of a passage that repeats through its source (a running head or foot). */
const BOILERPLATE_WEIGHT = 0.2;

const EMPTY: Omit<SearchResults, 'query'> = Object.freeze({ results: [], total: 0, bySource: [], complete: true });

/** What one source contributes to a query: each clause's count per passage, and the compiled clauses. */
interface SourceHits {
  index: SourceSearchIndex;
  order: number;
  clauses: CompiledClause[];
  /** counts[c][p]: occurrences of clause c in passage p. */
  counts: Int32Array[];
  candidates: number[];
}

export class SearchIndex {
  private readonly sources = new Map<string, SourceSearchIndex>();

  /**
   * Add a source, or replace one with the same id. The source is indexed now (about 100 ms
   * per MB of text) unless its text and map are those indexed already. Returns whether the
   * index changed.
   */
  set(source: SearchSource): boolean {
    const old = this.sources.get(source.id);
    if (old && old.text === source.text && (source.map ?? old.map) === old.map) return false;
    this.sources.set(source.id, new SourceSearchIndex(source));
    return true;
  }

  /** Keep an index built elsewhere (e.g. by `new SourceSearchIndex` in a worker, or shared between two search indexes). */
  setIndex(index: SourceSearchIndex): void {
    this.sources.set(index.id, index);
  }

  /** Remove a source; returns whether it was there. */
  remove(id: string): boolean {
    return this.sources.delete(id);
  }

  /**
   * Bring the index up to date with a matrix's sources: add new ones, re-index replaced ones
   * (another text or map), drop those no longer given. Returns the ids of each kind.
   */
  sync(sources: Iterable<SearchSource>): { added: string[]; replaced: string[]; removed: string[] } {
    const added: string[] = [];
    const replaced: string[] = [];
    const seen = new Set<string>();
    for (const s of sources) {
      seen.add(s.id);
      const had = this.sources.has(s.id);
      if (this.set(s)) (had ? replaced : added).push(s.id);
    }
    const removed = [...this.sources.keys()].filter((id) => !seen.has(id));
    for (const id of removed) this.sources.delete(id);
    return { added, replaced, removed };
  }

  has(id: string): boolean {
    return this.sources.has(id);
  }

  /** The index of one source. */
  get(id: string): SourceSearchIndex | undefined {
    return this.sources.get(id);
  }

  /** Ids of the indexed sources, in the order they were added. */
  ids(): string[] {
    return [...this.sources.keys()];
  }

  get size(): number {
    return this.sources.size;
  }

  /**
   * Search every source (or `options.sources`) for a query as typed (see query.ts): passages
   * that contain every word and phrase, best first. Words match case and diacritics aside;
   * the last word of a query still being typed matches the words it begins.
   */
  search(query: string | ParsedQuery, options: SearchOptions = {}): SearchResults {
    const parsed = typeof query === 'string' ? parseQuery(query) : query;
    if (parsed.clauses.length === 0) return { query: parsed, ...EMPTY };
    const only = options.sources ? new Set(options.sources) : undefined;
    const limit = Math.max(0, options.limit ?? 20);
    const offset = Math.max(0, options.offset ?? 0);
    const clauseCount = parsed.clauses.length;
    const df = new Float64Array(clauseCount);
    let passages = 0;
    let words = 0;
    let complete = true;
    const hits: SourceHits[] = [];
    let order = 0;
    for (const index of this.sources.values()) {
      order++;
      if (only && !only.has(index.id)) continue;
      passages += index.passages;
      words += index.words;
      const compiled = parsed.clauses.map((c) => index.compile(c));
      const counts: Int32Array[] = [];
      // Every clause is counted (its passages make its weight), even where another is missing.
      compiled.forEach((clause, c) => {
        const perPassage = new Int32Array(clause ? index.passages : 0);
        counts.push(perPassage);
        if (!clause) return;
        const counted = index.countPassages(clause, perPassage);
        if (!counted.complete) complete = false;
        df[c] += counted.passages;
      });
      // A clause that is not in this source: none of its passages match.
      if (compiled.some((c) => c === undefined)) continue;
      const clauses = compiled as CompiledClause[];
      const candidates: number[] = [];
      const first = counts[0];
      for (let p = 0; p < first.length; p++) {
        if (first[p] === 0) continue;
        let all = true;
        for (let c = 1; c < counts.length && all; c++) all = counts[c][p] > 0;
        if (all) candidates.push(p);
      }
      if (candidates.length) hits.push({ index, order, clauses, counts, candidates });
    }
    if (hits.length === 0) return { query: parsed, ...EMPTY, complete };

    const averageLength = words / Math.max(1, passages);
    const idf = Array.from(df, (d) => Math.log(1 + (passages - d + 0.5) / (d + 0.5)));
    const wanted = offset + limit;
    const top = new TopK(wanted);
    let total = 0;
    for (const hit of hits) {
      const starts = hit.index.passageStarts;
      for (const p of hit.candidates) {
        const length = starts[p + 1] - starts[p];
        const norm = K1 * (1 - B + (B * length) / averageLength);
        let score = 0;
        for (let c = 0; c < clauseCount; c++) {
          const tf = hit.counts[c][p];
          score += (idf[c] * tf * (K1 + 1)) / (tf + norm);
        }
        // Running heads and feet after the text proper.
        if (hit.index.boilerplate[p]) score *= BOILERPLATE_WEIGHT;
        total++;
        top.offer(hit, p, score);
      }
    }
    const ranked = top.sorted();
    const results = ranked.slice(offset, offset + limit).map(({ hit, passage, score }): SearchResult => {
      const { index } = hit;
      const { excerpt, matches } = excerptOf(index, passage, hit.clauses);
      const from = index.passageStarts[passage];
      const to = index.passageStarts[passage + 1];
      return {
        source: index.id,
        passage: index.wordRange(from, to),
        excerpt,
        locator: locatorFor(index.map, excerpt.range),
        matches,
        match: matches[0] ?? excerpt.range,
        score: Math.round(score * 1000) / 1000,
      };
    });
    return {
      query: parsed,
      results,
      total,
      bySource: hits.map((h) => ({ source: h.index.id, count: h.candidates.length })),
      complete,
    };
  }
}

interface Ranked {
  hit: SourceHits;
  passage: number;
  score: number;
}

/** Better first: higher score, then the source added first, then the earlier passage. */
const better = (a: Ranked, b: Ranked) => b.score - a.score || a.hit.order - b.hit.order || a.passage - b.passage;

/** The `k` best of the passages offered (a heap with the worst kept on top): no sort of every match. */
class TopK {
  private readonly heap: Ranked[] = [];
  constructor(private readonly k: number) {}

  offer(hit: SourceHits, passage: number, score: number): void {
    const heap = this.heap;
    if (this.k === 0) return;
    const item = { hit, passage, score };
    if (heap.length < this.k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (better(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      return;
    }
    // Worse than the worst kept: dropped.
    if (better(item, heap[0]) >= 0) return;
    heap[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[l], heap[worst]) > 0) worst = l;
      if (r < heap.length && better(heap[r], heap[worst]) > 0) worst = r;
      if (worst === i) break;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  }

  sorted(): Ranked[] {
    return [...this.heap].sort(better);
  }
}
