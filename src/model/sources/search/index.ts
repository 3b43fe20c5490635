/**
 * Search across the sources of a matrix. Build a `SearchIndex`, `set` (or `sync`) the
 * sources, `search` as the analyst types; cite a result with `citeResultCommand`.
 *
 * ```ts
 * const search = new SearchIndex();
 * search.sync(matrix.sources.map((s) => ({ id: s.id, text: sourceTexts.get(s.id)!, map: maps.get(s.id) })));
 * const { results, total } = search.search('"safe third country" deten');
 * // results[0].excerpt.text, .marks (ranges of that text), .locator ("p. 12"), .source
 * const edit = citeResultCommand(results[0], sharedSourceIndexCache().get(text), { dimension, jurisdiction });
 * if (edit) store.edit(edit);
 * ```
 */
export { SearchIndex, type SearchOptions, type SearchResult, type SearchResults } from './search-index.ts';
export { SourceSearchIndex, type SearchSource, type SourceSearchIndexParts } from './source-search-index.ts';
export { parseQuery, type ParsedQuery, type QueryClause, type QueryToken } from './query.ts';
export { printedText, type Excerpt } from './excerpt.ts';
export { citeResult, citeResultCommand, type CiteOptions, type ResultCitation } from './cite.ts';
