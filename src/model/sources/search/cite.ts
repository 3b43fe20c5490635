/**
 * Citing a search result: its excerpt (or any range of the source, e.g. the match alone)
 * becomes a citation exactly as a selection in the source reader does (`captureQuote`: the
 * quote as it reads, a prefix or suffix only when the quote alone would match several places,
 * and the position), with the locator of the range ("p. 12"). The result is an `add-citation`
 * edit, so it goes through the store like any edit: planned, checked, undoable.
 */
import type { SourceIndex } from '../../anchor/source-index.ts';
import type { EditCommand } from '../../edit/commands.ts';
import { captureQuote } from '../../edit/cite.ts';
import type { Anchor, TextRange } from '../../types.ts';
import { locatorFor, type TextMap } from '../text-map.ts';
import type { SearchResult } from './search-index.ts';

/** What citing a result gives: the fields of an `add-citation` edit, and where the quote anchors. */
export interface ResultCitation {
  readonly source: string;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly locator: string;
  readonly start: number;
  readonly end: number;
  /** `found` when the quote (with its prefix/suffix or position) names this place alone, as the check will find it. */
  readonly anchor: Anchor;
}

export interface CiteOptions {
  /** The range of the source to quote (default: the result's excerpt). */
  readonly range?: TextRange;
  /** The source's map, for the locator of a range other than the excerpt (default: the result's locator). */
  readonly map?: TextMap;
}

/**
 * The citation of a search result. `index` is the anchoring index of the same source text
 * (e.g. `sharedSourceIndexCache().get(text)`, the one the check uses). Undefined when the
 * range holds no text.
 */
export function citeResult(result: SearchResult, index: SourceIndex, options: CiteOptions = {}): ResultCitation | undefined {
  const range = options.range ?? result.excerpt.range;
  const captured = captureQuote(index, range.start, range.end);
  if (!captured) return undefined;
  const same = captured.range.start === result.excerpt.range.start && captured.range.end === result.excerpt.range.end;
  const locator = options.map ? locatorFor(options.map, captured.range) : same ? result.locator : '';
  return {
    source: result.source,
    quote: captured.quote,
    prefix: captured.prefix,
    suffix: captured.suffix,
    locator,
    start: captured.range.start,
    end: captured.range.end,
    anchor: captured.anchor,
  };
}

/** The `add-citation` edit that attaches a search result to a cell (for `MatrixStore.edit`). */
export function citeResultCommand(
  result: SearchResult,
  index: SourceIndex,
  cell: { readonly dimension: string; readonly jurisdiction: string },
  options: CiteOptions = {},
): EditCommand | undefined {
  const c = citeResult(result, index, options);
  if (!c) return undefined;
  return {
    type: 'add-citation',
    dimension: cell.dimension,
    jurisdiction: cell.jurisdiction,
    citation: { source: c.source, quote: c.quote, prefix: c.prefix, suffix: c.suffix, locator: c.locator, start: c.start, end: c.end },
  };
}
