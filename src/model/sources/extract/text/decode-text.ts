/**
 * Bytes of a text file (plain text, Markdown) to a string: UTF-8 with or without a
 * byte-order mark; UTF-16 with one; Windows-1252 for bytes that are not UTF-8 (what older
 * Windows editors write), with a warning. Line breaks become `\n`.
 */

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8. */
  warning?: string;
}

export function decodeTextBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { text: lines(new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2))) };
  }
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    try {
      return { text: lines(new TextDecoder(encoding).decode(bytes)) };
    } catch {
      // An unknown label: read as UTF-8 below.
    }
  }
  try {
    return { text: lines(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return {
      text: lines(new TextDecoder('windows-1252').decode(bytes)),
      warning: 'the file is not valid UTF-8; it was read as Windows-1252 (Latin-1): check accented letters',
    };
  }
}

/** `\r\n` and lone `\r` as `\n`. */
export function lines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
