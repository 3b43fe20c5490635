/**
 * The locator a citation shows: the analyst's own ("Article 3", "p. 12") when it has one,
 * else, when its quote is found, the one its source's map gives for where it is found ("p. 12",
 * "pp. 12–13" across a page break, "§ Article 3"). Empty when neither says.
 */
import { locatorFor, type TextMap } from '../sources/text-map.ts';
import type { Citation, TextRange } from '../types.ts';

export function citationLocator(citation: Pick<Citation, 'locator'>, found: TextRange | undefined, map: TextMap | undefined): string {
  if (citation.locator.trim() !== '') return citation.locator;
  return found && map ? locatorFor(map, found) : '';
}
