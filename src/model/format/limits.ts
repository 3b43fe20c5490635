/**
 * What a matrix may cost to read (docs/security.md, "Limits"). A matrix is untrusted input:
 * every reader (the file system, HTTP, files a user picked, a zip) checks these before it
 * does the work — a file's size before reading it, a zip entry's declared size before
 * inflating it, and a running count while it inflates — and refuses with a plain message.
 */

const MiB = 1024 * 1024;

export const LIMITS = {
  /** Bytes of any one file read (a table, datapackage.json, a source text, a zip entry once inflated). */
  fileBytes: 128 * MiB,
  /** Bytes of every file of one matrix together (its tables and its source texts). */
  totalBytes: 512 * MiB,
  /** Bytes of a zip file itself. */
  zipBytes: 512 * MiB,
  /** Entries of a zip (a matrix zip holds its 7 files and its source texts). */
  zipEntries: 10_000,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };

/** A size in words: `128 MiB`, `4.2 MiB`, `900 bytes`. */
export function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < MiB) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0).replace(/\.0$/, '')} KiB`;
  if (bytes < 1024 * MiB) return `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0).replace(/\.0$/, '')} MiB`;
  return `${(bytes / (1024 * MiB)).toFixed(1).replace(/\.0$/, '')} GiB`;
}

/**
 * A file that is not read, and why: it lies outside the matrix, is too large, is not a
 * regular file (a folder, a device, a pipe), or the system refused it. Readers throw it;
 * `readMatrix` turns it into a located problem of the file (or of the source's row in
 * sources.csv), never a crash. The message completes "<file>: …".
 */
export class RefusedFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedFile';
  }
}

export const isRefusedFile = (e: unknown): e is RefusedFile => e instanceof Error && e.name === 'RefusedFile';

/** The refusal for a file of `bytes` bytes over the limit of one file. */
export const tooLarge = (bytes: number, limits: Limits = LIMITS): RefusedFile =>
  new RefusedFile(`the file is ${sizeWords(bytes)}, over the limit of ${sizeWords(limits.fileBytes)} for one file; it was not read`);

/**
 * What a caller asks of one read beyond the matrix's limits: a lower limit for this file (a
 * dataset's data file, docs/format.md "Limits"), checked by its size before it is read, as the
 * limit of one file is.
 */
export interface ReadFileOptions {
  /** Bytes this file may have. */
  maxBytes?: number;
  /** What the file is, completing "over the limit of N for …" (e.g. "a dataset's data file"). */
  what?: string;
}

/** The refusal for a file of `bytes` bytes over the limit a caller asked (`options.maxBytes`), or undefined. */
export function overAsked(bytes: number, options: ReadFileOptions | undefined): RefusedFile | undefined {
  if (options?.maxBytes === undefined || bytes <= options.maxBytes) return undefined;
  return new RefusedFile(`the file is ${sizeWords(bytes)}, over the limit of ${sizeWords(options.maxBytes)} for ${options.what ?? 'this file'}; it was not read`);
}

/**
 * Counts the bytes one load reads and holds it to the limits: a reader calls `reserve` with a
 * file's size before reading it (when the size is known: files read at the same time are
 * counted before any is read), or `add` as bytes arrive (when it is not).
 */
export class ReadBudget {
  private used = 0;
  constructor(readonly limits: Limits = LIMITS) {}

  /** Refuse a file of `bytes` bytes before reading it, when it would pass a limit. */
  file(bytes: number): void {
    if (bytes > this.limits.fileBytes) throw tooLarge(bytes, this.limits);
    this.total(bytes);
  }

  /** Refuse a file of `bytes` bytes as `file` does, else count it now, before it is read. */
  reserve(bytes: number): void {
    this.file(bytes);
    this.used += bytes;
  }

  /** Count `bytes` read (refused, before they are kept, when they pass the total). */
  add(bytes: number): void {
    this.total(bytes);
    this.used += bytes;
  }

  private total(bytes: number): void {
    if (this.used + bytes > this.limits.totalBytes) {
      throw new RefusedFile(
        `the matrix's files together pass the limit of ${sizeWords(this.limits.totalBytes)} (${sizeWords(this.used)} read before this file); it was not read`,
      );
    }
  }
}
