/**
 * The search worker (a module worker): builds the search index of a source's text off the
 * page's main thread (about 100–300 ms per MB) and posts its parts back, the typed arrays
 * transferred (see `SourceSearchIndex.parts`, `fromParts`). Started by `SourceSearch`
 * (src/state/source-search.ts); one source per message, in the order asked.
 */
import { SourceSearchIndex, type SearchSource } from '../model/sources/search/source-search-index.ts';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchWorkerRequest>) => void) | null;
  postMessage(message: SearchWorkerReply, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  const request = event.data;
  if (request?.type !== 'index') return;
  try {
    const source: SearchSource = { id: request.source, text: request.text, ...(request.map ? { map: request.map } : {}) };
    const parts = new SourceSearchIndex(source).parts();
    // Each typed array's buffer once (a buffer may not be listed twice).
    const buffers = new Set<ArrayBuffer>();
    for (const value of Object.values(parts)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    scope.postMessage({ type: 'indexed', job: request.job, parts }, [...buffers]);
  } catch (error) {
    scope.postMessage({ type: 'failed', job: request.job, message: error instanceof Error ? error.message : String(error) }, []);
  }
};
