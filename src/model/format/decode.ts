import type { Problem } from '../types.ts';

/**
 * The longest text a file can be read into: the longest string V8 (Node, Chromium) can make,
 * 2^29 − 24 UTF-16 code units, about 512 MiB of ASCII. Past it, decoding cannot succeed (and
 * a decoder asked to try has been seen to abort the whole process, not throw).
 */
export const MAX_TEXT_LENGTH = 2 ** 29 - 24;

/**
 * NUL characters in a text: how many, counting no further than `enough`. A few in a text
 * file are stray bytes (located and read around by the CSV reader); many mean binary data or
 * UTF-16 without a byte-order mark (every other byte of ASCII written as UTF-16 is a NUL).
 */
function countNuls(text: string, enough: number): number {
  let count = 0;
  for (let at = text.indexOf('\u0000'); at >= 0 && count < enough; at = text.indexOf('\u0000', at + 1)) count++;
  return count;
}

/** Whether a text holding NULs is binary data rather than text with a few stray NUL bytes: one character in ten or more is a NUL. */
export function isMostlyNuls(text: string): boolean {
  const enough = Math.ceil(text.length / 10);
  return text.length > 0 && countNuls(text, enough) >= enough;
}

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * Turn a file's bytes into text, saying plainly when they are not what the format expects.
 * UTF-8 (with or without BOM) is read as is; UTF-16 with a BOM is read and noted; bytes that
 * are not valid UTF-8 are read as Windows-1252 (what spreadsheets on Windows write) and
 * noted. Text that is mostly NUL characters (binary data, UTF-16 without a BOM) is refused;
 * a few NULs are left in the text, for the reader to locate (see parse-csv.ts). A file too
 * large to be held as text is refused with that reason, before any decoding is tried.
 */
export function decodeText(bytes: Uint8Array, file: string, problems: Problem[]): string | undefined {
  const note = (severity: Problem['severity'], message: string) => problems.push({ severity, file, line: 0, column: 0, message });
  const tooLarge = () => {
    note('error', `file is too large to read: ${megabytes(bytes.length)}; a file can hold at most ${megabytes(MAX_TEXT_LENGTH)} of text`);
    return undefined;
  };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    if ((bytes.length - 2) / 2 > MAX_TEXT_LENGTH) return tooLarge();
    note('warning', `file is UTF-16 (${le ? 'little' : 'big'}-endian); it was read, and is saved as UTF-8`);
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  }
  // UTF-8 never gives more characters than bytes, and Windows-1252 one a byte: a file of more
  // bytes than the longest text is refused here, whatever it holds.
  if (bytes.length > MAX_TEXT_LENGTH) return tooLarge();
  const binary = () => {
    note('error', 'file is not text (it holds NUL bytes: binary data, or UTF-16 without a byte-order mark); save it as UTF-8 CSV');
    return undefined;
  };
  // NUL bytes are looked for in the decoded text: a search of a string is native and many
  // times faster than one of the bytes (files run to tens of megabytes). A NUL byte is valid
  // UTF-8 and decodes to U+0000.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    // Only the decoder's "not valid UTF-8" (a TypeError) means the bytes are in another
    // encoding; anything else (out of memory, a string too long) is not a question of
    // encoding, and reading the bytes again as Windows-1252 would only fail worse.
    if (!(error instanceof TypeError)) throw error;
    if (bytes.includes(0)) return binary();
    note('warning', 'file is not valid UTF-8; it was read as Windows-1252 (Latin-1): check accented letters, and save as UTF-8');
    return new TextDecoder('windows-1252').decode(bytes);
  }
  return text.includes('\u0000') && isMostlyNuls(text) ? binary() : text;
}
