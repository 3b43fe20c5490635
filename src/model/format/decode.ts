import type { Problem } from '../types.ts';

/**
 * Turn a file's bytes into text, saying plainly when they are not what the format expects.
 * UTF-8 (with or without BOM) is read as is; UTF-16 with a BOM is read and noted; bytes that
 * are not valid UTF-8 are read as Windows-1252 (what spreadsheets on Windows write) and
 * noted; NUL bytes without a UTF-16 BOM mean binary data, which is refused.
 */
export function decodeText(bytes: Uint8Array, file: string, problems: Problem[]): string | undefined {
  const note = (severity: Problem['severity'], message: string) => problems.push({ severity, file, line: 0, column: 0, message });
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    note('warning', `file is UTF-16 (${le ? 'little' : 'big'}-endian); it was read, and is saved as UTF-8`);
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  }
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
  } catch {
    if (bytes.includes(0)) return binary();
    note('warning', 'file is not valid UTF-8; it was read as Windows-1252 (Latin-1): check accented letters, and save as UTF-8');
    return new TextDecoder('windows-1252').decode(bytes);
  }
  return text.includes('\u0000') ? binary() : text;
}
