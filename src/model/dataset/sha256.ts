/**
 * SHA-256 of a dataset's bytes, as sources.csv records it (64 lower-case hex digits).
 * WebCrypto (`crypto.subtle`): the same code in browsers, workers and Node 20.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs WebCrypto (crypto.subtle): a secure context (https or localhost) in a browser, or Node 20 or later');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let out = '';
  for (const b of digest) out += HEX[b];
  return out;
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
