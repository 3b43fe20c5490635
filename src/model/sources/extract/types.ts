import type { SourceKind } from '../../types.ts';
import type { TextMap } from '../text-map.ts';

/** Bibliographic facts read from the file itself, where the format records them (suggestions for the analyst to confirm). */
export interface SourceMetadata {
  /** Authors, "; "-separated as in sources.csv. */
  authors?: string;
  /** Year of publication (four digits). */
  year?: string;
  publisher?: string;
  /** Where the document says it lives (a web page's canonical URL, a saved page's address). */
  url?: string;
}

/** The text of a source file, with the map back to its original. */
export interface ExtractedSource {
  kind: SourceKind;
  /**
   * The plain text citations anchor to: paragraphs separated by a blank line; a PDF's lines
   * as printed (line breaks and end-of-line hyphens kept: anchoring reads across them), its
   * running heads and footers left out; line breaks are `\n`.
   */
  text: string;
  /** Pages (PDF) or headings (web page, DOCX, Markdown) as offsets in `text`. */
  map: TextMap;
  /** The document's own title, when it has one. */
  title?: string;
  metadata?: SourceMetadata;
  /** Things the analyst should know that did not stop the extraction (e.g. pages without text). */
  warnings?: string[];
}

export interface ExtractOptions {
  /** Stops the extraction: the promise rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignal;
  /** Refuse files larger than this many bytes (default: the kind's limit in `SOURCE_LIMITS`). */
  maxBytes?: number;
}
