import type { SourceKind } from '../../types.ts';

const MB = 1024 * 1024;

/**
 * What extraction accepts, so that no file can hang it or exhaust memory (docs/sources.md).
 * A file over its kind's size is refused with `too-large` before it is parsed.
 */
export const SOURCE_LIMITS = {
  /** Largest file of each kind, in bytes. */
  bytes: { pdf: 200 * MB, html: 20 * MB, docx: 50 * MB, markdown: 20 * MB, text: 50 * MB } satisfies Record<SourceKind, number>,
  /** Most pages of a PDF. */
  pdfPages: 5000,
  /** Most bytes a DOCX may unpack to (all its parts together): a zip bomb is refused. */
  docxUnpacked: 200 * MB,
  /** Most parts (files) in a DOCX. */
  docxEntries: 10000,
  /** Longest extracted text, in characters (a few thousand pages of print). */
  textChars: 100 * MB,
} as const;

/** A size in words: "200 MB", "12.3 KB". */
export function formatBytes(n: number): string {
  if (n >= MB) return `${(n / MB).toFixed(n >= 10 * MB ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
