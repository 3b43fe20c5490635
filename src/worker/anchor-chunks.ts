import { anchorCitation, type SourceIndexCache } from '../model/check.ts';
import type { Anchor, Citation } from '../model/types.ts';
import { CHUNK_ROWS, packAnchors, packCitations, type CitationsMessage } from './load-protocol.ts';

/** What anchoring a run of citations found out, for the end of the load. */
export interface AnchoredRun {
  /** Sources with a text that some citation quotes. */
  used: Set<string>;
  /** Some citation was not found where its position says, nor anywhere (its row may then be located). */
  notFound: boolean;
}

/**
 * Anchor citations in file order, `CHUNK_ROWS` at a time, and hand each chunk over packed
 * (`send`) as soon as it is anchored, so that the page takes one chunk in while the next is
 * anchored. Used by the load worker and by the worker that reads the second part of a file.
 */
export function anchorInChunks(
  citations: readonly Citation[], sourceTexts: ReadonlyMap<string, string>, cache: SourceIndexCache,
  send: (message: CitationsMessage, anchored: number) => void,
): AnchoredRun {
  const used = new Set<string>();
  const anchors: Anchor[] = new Array(CHUNK_ROWS);
  let notFound = false;
  for (let from = 0; from < citations.length; from += CHUNK_ROWS) {
    const to = Math.min(citations.length, from + CHUNK_ROWS);
    for (let i = from; i < to; i++) {
      const citation = citations[i];
      const anchor = (anchors[i - from] = anchorCitation(citation, sourceTexts, cache));
      if (anchor.status !== 'found') notFound = true;
      if (sourceTexts.has(citation.source)) used.add(citation.source);
    }
    send({ type: 'citations', rows: packCitations(citations, from, to), anchors: packAnchors(anchors, 0, to - from) }, to);
  }
  return { used, notFound };
}
