import { SourceError } from '../../errors.ts';
import { EMPTY_TEXT_MAP } from '../../text-map.ts';
import type { ExtractedSource } from '../types.ts';
import { decodeTextBytes } from './decode-text.ts';

/**
 * A plain-text source: its text as it is (decoded, line breaks as `\n`), no map. Binary
 * content was refused before (detect.ts).
 */
export function extractText(bytes: Uint8Array, fileName: string): ExtractedSource {
  const { text, warning } = decodeTextBytes(bytes);
  if (text.includes('\u0000')) throw new SourceError('not-what-name-says', fileName, 'is named as text, but holds binary data (NUL bytes)');
  if (text.trim() === '') throw new SourceError('empty', fileName, 'has no text (only white space)');
  return { kind: 'text', text, map: { ...EMPTY_TEXT_MAP, pages: [], headings: [] }, ...(warning ? { warnings: [warning] } : {}) };
}
