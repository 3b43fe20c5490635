import type { Anchor } from '../types.ts';
import { readsAt } from './normalize.ts';

/** What a position hint is checked with: the quote, its context, and where it was found when saved. */
export interface PositionedQuote {
  quote: string;
  prefix: string;
  suffix: string;
  start?: number;
  end?: number;
}

/**
 * A citation found at its saved position (citations.csv `start`, `end`: a W3C
 * TextPositionSelector kept next to the quote), or undefined when the position cannot decide:
 * there is none, it is out of the text, the quote does not read there (the source or the
 * quote changed), or the citation has a prefix or suffix (its context decides: it is looked
 * up). Checking a position costs about the quote's length; looking a quote up needs an index
 * of the whole source, built first (about half a second for 10 MB).
 *
 * A quote that occurs more than once is found at its position: the position tells the
 * occurrences apart, as a prefix or suffix would.
 */
export function anchorAtPosition(citation: PositionedQuote, text: string): Anchor | undefined {
  if (!foundAtPosition(citation, text)) return undefined;
  return { status: 'found', range: { start: citation.start!, end: citation.end! } };
}

/** Whether `anchorAtPosition` finds the citation at its position (without making the anchor: a load checks 200,000). */
export function foundAtPosition(citation: PositionedQuote, text: string): boolean {
  const { start, end } = citation;
  if (start === undefined || end === undefined || citation.prefix !== '' || citation.suffix !== '') return false;
  if (!(start >= 0 && end > start && end <= text.length)) return false;
  // The range starts and ends on the passage itself, as a looked-up range does.
  if (text.charCodeAt(start) <= 32 || text.charCodeAt(end - 1) <= 32) return false;
  return readsAt(text, start, end, citation.quote);
}
