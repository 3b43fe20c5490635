import { MAX_CITATIONS, NOT_CHECKED } from '../model/anchor/limits.ts';
import { anchorCitation, type SourceIndexCache } from '../model/check/check.ts';
import { foundAtPosition } from '../model/anchor/position.ts';
import type { Dataset } from '../model/dataset/dataset.ts';
import type { Citation } from '../model/types.ts';
import { CHUNK_ROWS, packAnchor, packCitations, packedAnchors, type CitationsMessage } from './load-protocol.ts';

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
 * anchored.
 */
export function anchorInChunks(
  citations: readonly Citation[], sourceTexts: ReadonlyMap<string, string>, cache: SourceIndexCache,
  send: (message: CitationsMessage, anchored: number) => void,
  /** The datasets that row citations (`rowKey`) are looked up in, by source id. */
  datasets?: ReadonlyMap<string, Dataset>,
): AnchoredRun {
  const used = new Set<string>();
  let notFound = false;
  for (let from = 0; from < citations.length; from += CHUNK_ROWS) {
    const to = Math.min(citations.length, from + CHUNK_ROWS);
    // Packed as they are anchored (see PackedAnchors): a quote found at its position, as
    // most are, makes no anchor object.
    const anchors = packedAnchors(to - from);
    // Most citations quote the source of the one before: its text is looked up once for them.
    let lastSource: string | undefined;
    let text: string | undefined;
    for (let i = from; i < to; i++) {
      const citation = citations[i];
      if (citation.source !== lastSource) {
        lastSource = citation.source;
        text = sourceTexts.get(lastSource);
        if (text !== undefined) used.add(lastSource);
      }
      if (i >= MAX_CITATIONS) {
        notFound = true;
        packAnchor(anchors, i - from, { ...NOT_CHECKED });
        continue;
      }
      if (text !== undefined && foundAtPosition(citation, text)) {
        anchors.start[i - from] = citation.start!;
        anchors.end[i - from] = citation.end!;
        continue;
      }
      const anchor = anchorCitation(citation, sourceTexts, cache, datasets);
      if (anchor.status !== 'found') notFound = true;
      packAnchor(anchors, i - from, anchor);
    }
    send({ type: 'citations', rows: packCitations(citations, from, to), anchors }, to);
  }
  return { used, notFound };
}
