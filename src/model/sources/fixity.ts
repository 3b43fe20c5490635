/**
 * Fixity: a SHA-256 of a source's original file and of its extracted text, recorded in
 * sources.csv (`sha256`, `text_sha256`) so that a source cannot change silently.
 * WebCrypto (`crypto.subtle`): the same code in browsers and in Node 20 (`globalThis.crypto`).
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A SHA-256 as 64 lower-case hex digits, the form sources.csv records. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The SHA-256 of `data` as 64 lower-case hex digits. A string is hashed as its UTF-8
 * bytes (what is written to disk for an extracted text).
 */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs WebCrypto (crypto.subtle): a secure context (https or localhost) in a browser, Node 20 or later');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let out = '';
  for (const b of digest) out += HEX[b];
  return out;
}
