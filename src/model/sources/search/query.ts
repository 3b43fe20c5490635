/**
 * A search query as typed: words, all of which must occur in a passage, and "exact phrases"
 * in quotes (straight or curly). The query is folded as source texts are (see
 * anchor/normalize.ts: line breaks, runs of spaces, dash kinds and curly quotes do not
 * matter) and cut into words the way the index cuts texts (see tokens.ts).
 *
 * While a query is being typed its last word is usually incomplete: unless the query ends
 * with a space or a closing quote, the last word, from its second character on, matches any
 * word it begins ("nat" finds "national"), so results follow each key press.
 */
import { foldWithOrigin } from '../../anchor/normalize.ts';
import { keyOf, tokenize } from './tokens.ts';

/** One word of a clause: its key, and whether it matches any word it begins (the word being typed). */
export interface QueryToken {
  readonly key: string;
  readonly prefix: boolean;
}

/**
 * Something a passage must contain: words in a row (a quoted phrase, or one typed word that
 * reads as several, e.g. "Canada's" or "third-country"; one word most of the time).
 */
export interface QueryClause {
  readonly tokens: readonly QueryToken[];
  /** Whether it was typed in quotes. */
  readonly phrase: boolean;
  /** The clause as typed (folded), for display. */
  readonly text: string;
}

export interface ParsedQuery {
  readonly clauses: readonly QueryClause[];
}

/** At most this many clauses, and words per clause, are used (a query is typed, not pasted books). */
export const MAX_CLAUSES = 32;
/** The word being typed matches the words it begins once it has this many characters. */
export const MIN_PREFIX = 2;
export const MAX_CLAUSE_WORDS = 64;

function clauseOf(text: string, phrase: boolean, open: boolean): QueryClause | undefined {
  const { text: folded, origin } = foldWithOrigin(text);
  const stream = tokenize(folded, origin, text);
  if (stream.count === 0) return undefined;
  const count = Math.min(stream.count, MAX_CLAUSE_WORDS);
  const tokens: QueryToken[] = [];
  for (let i = 0; i < count; i++) {
    const key = keyOf(folded.slice(stream.starts[i], stream.ends[i]));
    // Only the very last word of the query can be unfinished, and only when it ends the text
    // typed; a single letter is taken as typed (as a beginning it would match a tenth of all words).
    const prefix = open && i === stream.count - 1 && stream.ends[i] === folded.length && key.length >= MIN_PREFIX;
    tokens.push({ key, prefix });
  }
  return { tokens, phrase, text: folded.trim() };
}

/**
 * Parse a query as typed. `"…"` (or `“…”`) is an exact phrase; an unclosed quote runs to the
 * end. Everything else is words, each a clause of its own.
 */
export function parseQuery(input: string): ParsedQuery {
  // Curly quotes, as folding reads them.
  const text = input.replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
  const open = text.length > 0 && !/[\s"]$/.test(text);
  const clauses: QueryClause[] = [];
  const seen = new Set<string>();
  const parts = text.split('"');
  parts.forEach((part, i) => {
    const phrase = i % 2 === 1;
    const last = i === parts.length - 1;
    const pieces = phrase ? [part] : part.split(/\s+/);
    pieces.forEach((piece, k) => {
      if (piece === '' || clauses.length >= MAX_CLAUSES) return;
      const clause = clauseOf(piece, phrase, open && last && k === pieces.length - 1);
      if (!clause) return;
      const id = `${clause.tokens.map((t) => `${t.key}${t.prefix ? '*' : ''}`).join(' ')}`;
      if (seen.has(id)) return;
      seen.add(id);
      clauses.push(clause);
    });
  });
  return { clauses };
}
