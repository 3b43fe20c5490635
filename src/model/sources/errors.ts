/**
 * Why a file could not be added as a source, as a code a program can branch on and a
 * message an analyst can act on (it names the file and says what to do).
 */

export const SOURCE_ERROR_CODES = [
  /** The content is not what the file's name says (e.g. a web page named `.pdf`). */
  'not-what-name-says',
  /** A PDF with no text layer on any page (a scan): it needs OCR first. */
  'scanned-pdf',
  /** A PDF that needs a password to open. */
  'encrypted-pdf',
  /** No text at all (an empty file, or an article with no words). */
  'empty',
  /** Over a documented limit (file size, pages, unpacked size): see `SOURCE_LIMITS`. */
  'too-large',
  /** A kind of file that cannot be a source (an image, a spreadsheet, an old .doc, …). */
  'unsupported',
  /** Damaged, truncated or malformed: the format's reader could not make sense of it. */
  'corrupt',
] as const;

export type SourceErrorCode = (typeof SOURCE_ERROR_CODES)[number];

/** Quotes a file name for a message: as text, on one line, never too long to read. */
export function quoteFileName(fileName: string): string {
  // Control characters (line breaks, bidi overrides) would make a message lie about the name.
  const plain = fileName.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return `"${plain.length > 120 ? `${plain.slice(0, 80)}…${plain.slice(-30)}` : plain}"`;
}

/**
 * A source file that cannot be added. `message` is for the analyst: it names the file
 * (`fileName`) and says what is wrong and what to do; `code` is for the program.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code: SourceErrorCode;
  readonly fileName: string;

  constructor(code: SourceErrorCode, fileName: string, problem: string, options?: { cause?: unknown }) {
    super(`${quoteFileName(fileName)} ${problem}`, options);
    this.code = code;
    this.fileName = fileName;
  }
}

/** Whether `error` is a `SourceError` (with the code, when one is given). */
export function isSourceError(error: unknown, code?: SourceErrorCode): error is SourceError {
  return error instanceof SourceError && (code === undefined || error.code === code);
}

/** Throw the signal's reason (an `AbortError` DOMException by default) when it has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The extraction was aborted', 'AbortError');
}
