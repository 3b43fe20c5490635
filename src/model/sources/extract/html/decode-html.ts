/**
 * A web page's bytes as text, in the encoding it declares: a byte-order mark, else a
 * `<meta charset>` (or `http-equiv="Content-Type"`) in its first kilobytes, as browsers do;
 * UTF-8 when it declares none (Windows-1252 when the bytes are not UTF-8).
 */
import { decodeTextBytes, type DecodedText } from '../text/decode-text.ts';

const CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i;

export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = '';
  const n = Math.min(bytes.length, 2048);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]);
  return CHARSET.exec(head)?.[1];
}

export function decodeHtml(bytes: Uint8Array): { html: string; warning?: string } {
  const charset = declaredCharset(bytes);
  // A page that says it is UTF-16 but has no BOM was decoded by its saver already: ASCII-compatible.
  const decoded: DecodedText = decodeTextBytes(bytes, charset && !/^utf-?16/i.test(charset) ? charset : undefined);
  return { html: decoded.text, ...(decoded.warning ? { warning: decoded.warning } : {}) };
}
