import { anchorCitation, type SourceIndexCache } from '../model/check.ts';
import { foundAtPosition } from '../model/anchor/position.ts';
import type { Citation } from '../model/types.ts';
import { CHUNK_ROWS, packAnchors, packCitations, type CitationsMessage, type PackedAnchors } from './load-protocol.ts';

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
): AnchoredRun {
  const used = new Set<string>();
  let notFound = false;
  for (let from = 0; from < citations.length; from += CHUNK_ROWS) {
    const to = Math.min(citations.length, from + CHUNK_ROWS);
    // Packed as they are anchored (see PackedAnchors): a quote found at its position, as
    // most are, makes no anchor object.
    const anchors: PackedAnchors = { status: new Uint8Array(to - from), start: new Int32Array(to - from), end: new Int32Array(to - from), others: {} };
    let lastSource: string | undefined;
    for (let i = from; i < to; i++) {
      const citation = citations[i];
      const text = sourceTexts.get(citation.source);
      if (text !== undefined && citation.source !== lastSource) {
        used.add(citation.source);
        lastSource = citation.source;
      }
      if (text !== undefined && foundAtPosition(citation, text)) {
        anchors.start[i - from] = citation.start!;
        anchors.end[i - from] = citation.end!;
        continue;
      }
      const anchor = anchorCitation(citation, sourceTexts, cache);
      if (anchor.status !== 'found') notFound = true;
      const packed = packAnchors([anchor], 0, 1);
      anchors.status[i - from] = packed.status[0];
      anchors.start[i - from] = packed.start[0];
      anchors.end[i - from] = packed.end[0];
      if (packed.status[0] === 1) anchors.others[i - from] = anchor;
    }
    send({ type: 'citations', rows: packCitations(citations, from, to), anchors }, to);
  }
  return { used, notFound };
}
