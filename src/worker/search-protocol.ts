/** Messages between the page and the search worker (search.worker.ts). */
import type { SourceSearchIndexParts } from '../model/sources/search/source-search-index.ts';
import type { TextMap } from '../model/sources/text-map.ts';

/** Index one source's text; `job` comes back with the answer. */
export interface SearchWorkerRequest {
  type: 'index';
  job: number;
  source: string;
  text: string;
  map?: TextMap;
}

export type SearchWorkerReply =
  | { type: 'indexed'; job: number; parts: SourceSearchIndexParts }
  | { type: 'failed'; job: number; message: string };
