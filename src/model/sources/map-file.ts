/**
 * The text map on disk: a JSON file beside the extracted text (`sources/<name>.map.json`),
 *
 *   { "version": 1,
 *     "pages": [{ "start": 0, "end": 1834, "index": 1, "label": "iii" }, …],
 *     "headings": [{ "start": 0, "level": 1, "text": "Agreement" }, …] }
 *
 * Offsets are in the extracted text, in UTF-16 code units. A map file is untrusted input
 * (it may have been edited by hand or come with a matrix from elsewhere): `parseTextMap`
 * checks every field, and a map that does not fit its text is refused, never half-read.
 */
import { SourceError } from './errors.ts';
import type { HeadingSpan, PageSpan, TextMap } from './text-map.ts';

export const TEXT_MAP_VERSION = 1;

/** Most pages and headings a map file may list (far above any real document). */
const MAX_ENTRIES = 1_000_000;
/** Longest page label or heading text kept. */
const MAX_LABEL = 200;
const MAX_HEADING = 1000;

/** The map as its JSON file's text (stable: the same map gives the same bytes). */
export function serializeTextMap(map: TextMap): string {
  const pages = map.pages.map((p) => ({ start: p.start, end: p.end, index: p.index, label: p.label }));
  const headings = map.headings.map((h) => ({ start: h.start, level: h.level, text: h.text }));
  return `${JSON.stringify({ version: TEXT_MAP_VERSION, pages, headings }, null, 1)}\n`;
}

const isOffset = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Read a map file's text, checked against the length of the text it maps (`textLength`).
 * Throws a `SourceError` (code `corrupt`) naming `fileName` and what is wrong: not JSON, an
 * unknown version, a field of the wrong type, an offset past the end of the text, pages out
 * of order or overlapping, headings out of order.
 */
export function parseTextMap(json: string, textLength: number, fileName = 'text map'): TextMap {
  const fail = (problem: string): never => {
    throw new SourceError('corrupt', fileName, `is not a valid text map: ${problem}`);
  };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return fail(`it is not JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('it is not a JSON object');
  const record = data as Record<string, unknown>;
  if (record.version !== TEXT_MAP_VERSION) {
    return fail(`its version is ${JSON.stringify(record.version)}, and this version of the tool reads version ${TEXT_MAP_VERSION}`);
  }
  const list = (name: string): unknown[] => {
    const value = record[name] ?? [];
    if (!Array.isArray(value)) return fail(`"${name}" is not a list`);
    if (value.length > MAX_ENTRIES) return fail(`"${name}" lists more than ${MAX_ENTRIES} entries`);
    return value;
  };

  const pages: PageSpan[] = [];
  list('pages').forEach((entry, i) => {
    const p = entry as Record<string, unknown>;
    const where = `page entry ${i + 1}`;
    if (typeof p !== 'object' || p === null) fail(`${where} is not an object`);
    if (!isOffset(p.start) || !isOffset(p.end) || p.end < p.start) fail(`${where} has no valid start and end (whole numbers, start ≤ end)`);
    if ((p.end as number) > textLength) fail(`${where} ends at ${p.end}, past the end of the text (${textLength} characters): the map belongs to another version of the text`);
    if (!isOffset(p.index) || p.index < 1) fail(`${where} has no valid page number ("index", from 1)`);
    if (typeof p.label !== 'string' || p.label.length > MAX_LABEL) fail(`${where} has no valid label (text of at most ${MAX_LABEL} characters)`);
    const previous = pages[pages.length - 1];
    if (previous && (p.start as number) < previous.end) fail(`${where} starts at ${p.start}, before the page before it ends (${previous.end})`);
    pages.push({ start: p.start as number, end: p.end as number, index: p.index as number, label: (p.label as string).trim() || String(p.index) });
  });

  const headings: HeadingSpan[] = [];
  list('headings').forEach((entry, i) => {
    const h = entry as Record<string, unknown>;
    const where = `heading entry ${i + 1}`;
    if (typeof h !== 'object' || h === null) fail(`${where} is not an object`);
    if (!isOffset(h.start)) fail(`${where} has no valid start (a whole number)`);
    if ((h.start as number) > textLength) fail(`${where} starts at ${h.start}, past the end of the text (${textLength} characters): the map belongs to another version of the text`);
    if (!Number.isInteger(h.level) || (h.level as number) < 1 || (h.level as number) > 6) fail(`${where} has no valid level (1 to 6)`);
    if (typeof h.text !== 'string' || h.text.length > MAX_HEADING) fail(`${where} has no valid text (at most ${MAX_HEADING} characters)`);
    const previous = headings[headings.length - 1];
    if (previous && (h.start as number) < previous.start) fail(`${where} starts at ${h.start}, before the heading before it: headings are listed in reading order`);
    headings.push({ start: h.start as number, level: h.level as number, text: h.text as string });
  });
  return { pages, headings };
}
