/**
 * The search index of one source text, built once: its words (see tokens.ts) with their
 * places in the original text, an inverted index from each word's key to the words that
 * have it, the passages the text is cut into (paragraphs; long ones at sentence ends), and
 * where sentences start. Everything is kept in offsets of the original text, so the folded
 * text and its map are needed only while building (memory: about 22 bytes per word, some 4
 * bytes per character of text).
 */
import { foldWithOrigin, type FoldedText } from '../../anchor/normalize.ts';
import type { TextRange } from '../../types.ts';
import { EMPTY_TEXT_MAP, type TextMap } from '../text-map.ts';
import { MAX_KEY, tokenize } from './tokens.ts';
import { TermTable } from './term-table.ts';
import type { QueryClause, QueryToken } from './query.ts';

/** Passages longer than this many words are cut at a sentence end (or, failing one, here). */
const MAX_PASSAGE_WORDS = 160;
/** A cut passage gets at least this many words. */
const TARGET_PASSAGE_WORDS = 90;
/** A passage of at most this many words that repeats BOILERPLATE_REPEATS times is a running head or foot. */
const BOILERPLATE_WORDS = 12;
const BOILERPLATE_REPEATS = 3;
/** Page numbers: digits, or roman numerals. */
const NUMBER = /^(?:\d+|[ivxlcdm]{1,6})$/;
/** Runs of more joined words than this are not indexed as one word. */
const MAX_COMPOUND = 16;

/** Words after which a full stop never ends a sentence ("e.g. The", "Mr. Smith", "cf. Smith"). */
const ABBREVIATIONS = new Set([
  'eg', 'ie', 'cf', 'vs', 'viz', 'al', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'gov', 'govt', 'dept', 'approx', 'ca',
]);
/** Words after which a full stop does not end a sentence when a number follows ("Art. 3", "No. 12", "p. 4"). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'art', 'arts', 'para', 'paras', 'p', 'pp', 'sec', 'ch', 'vol', 'fig', 'reg', 'dir', 'op', 'supp', 'n']);

/** What a source gives the search: its id and extracted text, and optionally the map to its original's pages. */
export interface SearchSource {
  /** The source's id (sources.csv). */
  readonly id: string;
  /** The text citations anchor to (the extracted plain text). */
  readonly text: string;
  /** Pages and headings of the original, for locators ("p. 12"); none for a plain-text source. */
  readonly map?: TextMap;
  /**
   * The text folded already, e.g. from the anchoring index of the same text
   * (`{ text: parts.folded, origin: parts.origin }` of `SourceIndex.parts()`): spares folding it again.
   */
  readonly folded?: FoldedText;
}

/** Occurrences of a clause: word index of each one's first word and the number of words it spans. */
export interface Occurrences {
  at: Int32Array;
  span: Int32Array;
  count: number;
  /** False when the work limit stopped the count (a hostile text and query): the list is partial. */
  complete: boolean;
}

/** What a built index consists of, besides its source (see `SourceSearchIndex.parts`). */
export interface SourceSearchIndexParts {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly terms: Int32Array;
  readonly sentenceStart: Uint8Array;
  readonly keys: string[];
  readonly sortedIds: Int32Array;
  readonly postingStart: Int32Array;
  readonly postings: Int32Array;
  readonly spans: Uint8Array;
  readonly compoundAt: Int32Array;
  readonly compoundTerm: Int32Array;
  readonly compoundSpan: Int32Array;
  readonly passageStarts: Int32Array;
  readonly wordPassage: Uint16Array | Int32Array;
  readonly boilerplate: Uint8Array;
}

/** A clause made ready for one source (see `SourceSearchIndex.compile`). */
export interface CompiledClause {
  readonly first: readonly number[];
  readonly tests: readonly ((term: number) => boolean)[];
}

/** The most steps spent verifying one clause's occurrences in one source. */
const MAX_VERIFY_STEPS = 4_000_000;

/** A growable pair of Int32 lists. */
class PairList {
  at = new Int32Array(64);
  span = new Int32Array(64);
  count = 0;
  push(at: number, span: number): void {
    if (this.count === this.at.length) {
      const a = new Int32Array(this.count * 2);
      a.set(this.at);
      this.at = a;
      const s = new Int32Array(this.count * 2);
      s.set(this.span);
      this.span = s;
    }
    this.at[this.count] = at;
    this.span[this.count++] = span;
  }
}

export class SourceSearchIndex {
  readonly id: string;
  readonly text: string;
  readonly map: TextMap;
  /** Number of words. */
  readonly words: number;
  /** Original offset of each word's first character, and one past its last. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Term id of each word. */
  private readonly terms: Int32Array;
  /** 1 where a sentence starts at the word. */
  private readonly sentenceStart: Uint8Array;
  /** Term keys by id, and ids sorted by key (prefix look-ups). */
  private readonly keys: string[];
  private readonly table: TermTable;
  private readonly sortedKeys: string[];
  private readonly sortedIds: Int32Array;
  /** Postings, by term: postings[postingStart[t] … postingStart[t + 1]) are word indexes, ascending; spans parallel. */
  private readonly postingStart: Int32Array;
  private readonly postings: Int32Array;
  private readonly spans: Uint8Array;
  /** Joined runs of words, indexed as one word: first word index, term id and number of words (sorted by first word). */
  private readonly compoundAt: Int32Array;
  private readonly compoundTerm: Int32Array;
  private readonly compoundSpan: Int32Array;
  /** First word of each passage, with `words` at the end. */
  readonly passageStarts: Int32Array;
  /** The passage of each word (two bytes a word while a source has fewer than 65,536 passages): counting a query's words per passage reads it. */
  private readonly wordPassage: Uint16Array | Int32Array;
  /**
   * 1 for a passage that repeats through the source (a running head or foot: "REPORT ON
   * SECURITY — 12"): ranked after the text proper.
   */
  readonly boilerplate: Uint8Array;

  /** Build the index of a source (folding its text unless `source.folded` is given). */
  constructor(source: SearchSource, parts?: SourceSearchIndexParts) {
    this.id = source.id;
    this.text = source.text;
    this.map = source.map ?? EMPTY_TEXT_MAP;
    if (parts) {
      this.words = parts.terms.length;
      this.starts = parts.starts;
      this.ends = parts.ends;
      this.terms = parts.terms;
      this.sentenceStart = parts.sentenceStart;
      this.keys = parts.keys;
      this.table = TermTable.of(parts.keys);
      this.sortedIds = parts.sortedIds;
      this.sortedKeys = Array.from(parts.sortedIds, (id) => parts.keys[id]);
      this.postingStart = parts.postingStart;
      this.postings = parts.postings;
      this.spans = parts.spans;
      this.compoundAt = parts.compoundAt;
      this.compoundTerm = parts.compoundTerm;
      this.compoundSpan = parts.compoundSpan;
      this.passageStarts = parts.passageStarts;
      this.wordPassage = parts.wordPassage;
      this.boilerplate = parts.boilerplate;
      return;
    }
    const original = source.text;
    const { text: folded, origin } = source.folded ?? foldWithOrigin(original);
    const stream = tokenize(folded, origin, original);
    const n = stream.count;
    this.words = n;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const terms = new Int32Array(n);
    const table = new TermTable();
    const foldedStarts = stream.starts;
    const foldedEnds = stream.ends;
    for (let i = 0; i < n; i++) {
      const fs = foldedStarts[i];
      const fe = foldedEnds[i];
      starts[i] = origin[fs];
      const last = origin[fe - 1];
      const c = original.charCodeAt(last);
      ends[i] = c >= 0xd800 && c <= 0xdbff ? last + 2 : last + 1;
      terms[i] = table.idOfWord(folded, fs, fe);
    }
    const keys = table.keys;
    const termOf = (key: string) => table.idOf(key);

    // Joined runs ("third"+"country", "neces"+"sary") are also indexed as one word.
    const cAt: number[] = [];
    const cTerm: number[] = [];
    const cSpan: number[] = [];
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && stream.joined[j]) j++;
      if (j - i > 1 && j - i <= MAX_COMPOUND) {
        let key = '';
        for (let k = i; k < j; k++) key += keys[terms[k]];
        cAt.push(i);
        cTerm.push(termOf(key.length > MAX_KEY ? key.slice(0, MAX_KEY) : key));
        cSpan.push(j - i);
      }
      i = j;
    }
    this.compoundAt = Int32Array.from(cAt);
    this.compoundTerm = Int32Array.from(cTerm);
    this.compoundSpan = Int32Array.from(cSpan);

    // Postings: counted, then filled in word order (so each term's list is ascending).
    const termCount = keys.length;
    const postingStart = new Int32Array(termCount + 1);
    for (let i = 0; i < n; i++) postingStart[terms[i] + 1]++;
    for (const t of cTerm) postingStart[t + 1]++;
    for (let t = 0; t < termCount; t++) postingStart[t + 1] += postingStart[t];
    const fill = postingStart.slice(0, termCount);
    const postings = new Int32Array(n + cAt.length);
    const spans = new Uint8Array(n + cAt.length);
    let c = 0;
    for (let i = 0; i < n; i++) {
      const p = fill[terms[i]]++;
      postings[p] = i;
      spans[p] = 1;
      while (c < cAt.length && cAt[c] === i) {
        const q = fill[cTerm[c]]++;
        postings[q] = i;
        spans[q] = cSpan[c];
        c++;
      }
    }
    this.postingStart = postingStart;
    this.postings = postings;
    this.spans = spans;

    // Sorted natively (by UTF-16 units, as `<` compares), ids looked up again.
    this.sortedKeys = keys.slice().sort();
    this.sortedIds = Int32Array.from(this.sortedKeys, (k) => table.find(k));
    this.keys = keys;
    this.table = table;
    this.starts = starts;
    this.ends = ends;
    this.terms = terms;
    this.sentenceStart = this.findSentences(folded, stream.starts);
    this.passageStarts = this.findPassages();
    const passages = this.passageStarts.length - 1;
    const wordPassage = passages < 65536 ? new Uint16Array(n) : new Int32Array(n);
    for (let p = 0; p < passages; p++) wordPassage.fill(p, this.passageStarts[p], this.passageStarts[p + 1]);
    this.wordPassage = wordPassage;
    this.boilerplate = this.findBoilerplate();
  }

  /**
   * The index of `source` from the parts of an index of the same text built elsewhere (in a
   * worker: building a 300-page document's index takes a few hundred milliseconds, too long
   * for the page's main thread). The typed arrays of `parts()` can be transferred.
   */
  static fromParts(source: SearchSource, parts: SourceSearchIndexParts): SourceSearchIndex {
    return new SourceSearchIndex(source, parts);
  }

  /** The arrays and keys of this index, for handing it to another thread (`fromParts`). */
  parts(): SourceSearchIndexParts {
    return {
      starts: this.starts, ends: this.ends, terms: this.terms, sentenceStart: this.sentenceStart, keys: this.keys, sortedIds: this.sortedIds,
      postingStart: this.postingStart, postings: this.postings, spans: this.spans, compoundAt: this.compoundAt, compoundTerm: this.compoundTerm,
      compoundSpan: this.compoundSpan, passageStarts: this.passageStarts, wordPassage: this.wordPassage, boilerplate: this.boilerplate,
    };
  }

  /** Sentence starts: after . ! ? (and closing quotes or brackets), before a capital or digit, not after an abbreviation or an initial. */
  private findSentences(folded: string, foldedStarts: Int32Array): Uint8Array {
    const n = this.words;
    const out = new Uint8Array(n);
    if (n > 0) out[0] = 1;
    for (let i = 1; i < n; i++) {
      const fs = foldedStarts[i];
      const first = folded.charCodeAt(fs);
      // A capital letter (or any cased letter's upper form) or a digit opens a sentence.
      const opens = (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 128 && folded[fs] !== folded[fs].toLowerCase());
      if (!opens) continue;
      let j = fs - 1;
      // Opening quotes and brackets before the word, then the space.
      while (j >= 0 && (folded[j] === '"' || folded[j] === "'" || folded[j] === '(' || folded[j] === '[')) j--;
      if (j < 0 || folded.charCodeAt(j) !== 32) continue;
      j--;
      while (j >= 0 && (folded[j] === '"' || folded[j] === "'" || folded[j] === ')' || folded[j] === ']')) j--;
      const end = folded[j];
      if (end !== '.' && end !== '!' && end !== '?') continue;
      // The full stop right after the word before: an initial ("J. Smith", "U.S. Army") or an abbreviation is no end.
      if (end === '.' && this.text.charCodeAt(this.ends[i - 1]) === 46) {
        const key = this.keys[this.terms[i - 1]];
        const digit = first >= 48 && first <= 57;
        if ((key.length === 1 && !(key >= '0' && key <= '9')) || ABBREVIATIONS.has(key) || (digit && BEFORE_NUMBER.has(key))) continue;
      }
      out[i] = 1;
    }
    return out;
  }

  /**
   * Passages: paragraphs of the original (a blank line or a form feed between them), a long
   * one cut after the sentence that brings it past TARGET_PASSAGE_WORDS (a sentence longer
   * than MAX_PASSAGE_WORDS is cut there).
   */
  private findPassages(): Int32Array {
    const text = this.text;
    const n = this.words;
    const out: number[] = [];
    let last = -1;
    const start = (i: number) => {
      if (i !== last) out.push(i);
      last = i;
    };
    const breaks = /\n[ \t\r]*\n|\f/g;
    let next = breaks.exec(text);
    let begun = 0;
    for (let i = 0; i < n; i++) {
      let paragraph = i === 0;
      while (next && next.index < this.starts[i]) {
        if (i > 0 && next.index >= this.ends[i - 1]) paragraph = true;
        next = breaks.exec(text);
      }
      if (paragraph) {
        start(i);
        begun = i;
      } else if (i - begun >= MAX_PASSAGE_WORDS || (i - begun >= TARGET_PASSAGE_WORDS && this.sentenceStart[i] && this.sentenceAhead(i) >= 12)) {
        start(i);
        begun = i;
      }
    }
    out.push(n);
    return Int32Array.from(out);
  }

  /**
   * Short passages (at most BOILERPLATE_WORDS words) that occur BOILERPLATE_REPEATS times or
   * more once their numbers are left out (page numbers, in digits or roman numerals).
   */
  private findBoilerplate(): Uint8Array {
    const count = this.passageStarts.length - 1;
    const out = new Uint8Array(count);
    const signatures: (string | undefined)[] = [];
    const seen = new Map<string, number>();
    for (let p = 0; p < count; p++) {
      const from = this.passageStarts[p];
      const to = this.passageStarts[p + 1];
      if (to - from > BOILERPLATE_WORDS) {
        signatures.push(undefined);
        continue;
      }
      let signature = '';
      for (let w = from; w < to; w++) {
        const key = this.keys[this.terms[w]];
        if (!NUMBER.test(key)) signature += `${key} `;
      }
      signatures.push(signature);
      if (signature !== '') seen.set(signature, (seen.get(signature) ?? 0) + 1);
    }
    signatures.forEach((s, p) => {
      if (s && (seen.get(s) ?? 0) >= BOILERPLATE_REPEATS) out[p] = 1;
    });
    return out;
  }

  /** Words from `i` to the next paragraph or sentence start (so that a cut leaves no stub). */
  private sentenceAhead(i: number): number {
    let j = i + 1;
    while (j < this.words && !this.sentenceStart[j] && j - i < 40) j++;
    return j - i;
  }

  /** Number of passages. */
  get passages(): number {
    return this.passageStarts.length - 1;
  }

  /** The passage holding word `w`. */
  passageOf(w: number): number {
    return this.wordPassage[w];
  }

  /** Original text range of words [from, to). */
  wordRange(from: number, to: number): TextRange {
    return { start: this.starts[from], end: this.ends[to - 1] };
  }

  wordStart(w: number): number {
    return this.starts[w];
  }

  wordEnd(w: number): number {
    return this.ends[w];
  }

  isSentenceStart(w: number): boolean {
    return this.sentenceStart[w] === 1;
  }

  /** The term ids a query word matches: its key, or every key it begins (sorted look-up). */
  private termsFor(token: QueryToken): number[] {
    if (!token.prefix) {
      const id = this.table.find(token.key);
      return id < 0 ? [] : [id];
    }
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < token.key) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(token.key); i++) out.push(this.sortedIds[i]);
    return out;
  }

  /** A test of term ids for one query word. */
  private matcher(token: QueryToken): ((term: number) => boolean) | undefined {
    const ids = this.termsFor(token);
    if (ids.length === 0) return undefined;
    if (ids.length === 1) {
      const id = ids[0];
      return (t) => t === id;
    }
    const flags = new Uint8Array(this.keys.length);
    for (const id of ids) flags[id] = 1;
    return (t) => flags[t] === 1;
  }

  /** The compound (joined run) starting at word `w`, as [term, span], if any. */
  private compoundAtWord(w: number): number {
    const at = this.compoundAt;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo] === w ? lo : -1;
  }

  /**
   * A clause made ready for this source: the term ids of its first word and a test for each
   * word; undefined when some word of it is not in the source (then it occurs nowhere).
   */
  compile(clause: QueryClause): CompiledClause | undefined {
    const first = this.termsFor(clause.tokens[0]);
    if (first.length === 0) return undefined;
    const tests: ((term: number) => boolean)[] = [];
    for (const token of clause.tokens) {
      const m = this.matcher(token);
      if (!m) return undefined;
      tests.push(m);
    }
    return { first, tests };
  }

  /** The number of words the clause spans when it occurs at word `w`, or 0. */
  matchAt(clause: CompiledClause, w: number): number {
    const end = this.matchFrom(clause.tests, 0, w);
    return end < 0 ? 0 : end - w;
  }

  /**
   * Match the words `tests[k…]` from word `at`: the word after the last one matched, or -1.
   * Each query word matches one word, or a joined run read as one word (both are tried: "neces*
   * rules" reads "neces-⏎sary rules" as the run "necessary", "third country" as two words).
   */
  private matchFrom(tests: readonly ((term: number) => boolean)[], k: number, at: number): number {
    if (k === tests.length) return at;
    if (at >= this.words) return -1;
    const test = tests[k];
    if (test(this.terms[at])) {
      const end = this.matchFrom(tests, k + 1, at + 1);
      if (end >= 0) return end;
    }
    if (this.compoundAt.length === 0) return -1;
    const c = this.compoundAtWord(at);
    if (c >= 0 && test(this.compoundTerm[c])) return this.matchFrom(tests, k + 1, at + this.compoundSpan[c]);
    return -1;
  }

  /**
   * Where a clause occurs: each occurrence's first word and the number of words it spans
   * (not sorted when the first word is a prefix of several). One-word clauses come straight
   * from the postings; a phrase is looked up by its first word and verified word by word.
   * A hostile text and query (a phrase of many common words in a text of nothing else) stop
   * after MAX_VERIFY_STEPS: then `complete` is false.
   */
  occurrences(clause: CompiledClause): Occurrences {
    const out = new PairList();
    const { postings, postingStart, spans } = this;
    const tests = clause.tests;
    const many = tests.length > 1;
    let steps = 0;
    let complete = true;
    for (const t of clause.first) {
      const end = postingStart[t + 1];
      if (!many) {
        for (let p = postingStart[t]; p < end; p++) out.push(postings[p], spans[p]);
        continue;
      }
      for (let p = postingStart[t]; p < end; p++) {
        const w = postings[p];
        const after = this.matchFrom(tests, 1, w + spans[p]);
        if (after >= 0) out.push(w, after - w);
        steps += tests.length;
        if (steps > MAX_VERIFY_STEPS) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
    }
    return { at: out.at, span: out.span, count: out.count, complete };
  }

  /**
   * Count the clause's occurrences per passage into `perPassage` (one slot per passage);
   * returns how many passages have any, and whether the count is complete (see `occurrences`).
   */
  countPassages(clause: CompiledClause, perPassage: Int32Array): { passages: number; complete: boolean } {
    let passages = 0;
    if (clause.tests.length > 1) {
      const occ = this.occurrences(clause);
      for (let i = 0; i < occ.count; i++) if (perPassage[this.wordPassage[occ.at[i]]]++ === 0) passages++;
      return { passages, complete: occ.complete };
    }
    const { postings, postingStart, wordPassage } = this;
    for (const t of clause.first) {
      const to = postingStart[t + 1];
      for (let i = postingStart[t]; i < to; i++) {
        if (perPassage[wordPassage[postings[i]]]++ === 0) passages++;
      }
    }
    return { passages, complete: true };
  }

  /** Every term key of the source (for tests and diagnostics). */
  termKeys(): readonly string[] {
    return this.keys;
  }

  /** Memory held by the index's arrays, in bytes (strings of the term dictionary not counted). */
  arrayBytes(): number {
    return [this.starts, this.ends, this.terms, this.sentenceStart, this.sortedIds, this.postingStart, this.postings, this.spans, this.compoundAt, this.compoundTerm, this.compoundSpan, this.passageStarts, this.wordPassage, this.boilerplate]
      .reduce((n, a) => n + a.byteLength, 0);
  }
}

