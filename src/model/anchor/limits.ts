/**
 * Limits on what a matrix may ask of anchoring (see docs/format.md, "Limits"). A matrix is
 * untrusted input: these keep the work of checking it in proportion to its size, whatever
 * its quotes and sources are, and are checked before the work (a quote over the limit is
 * reported where it stands, and not looked up).
 */

/** Characters a quote, a prefix or a suffix may have (the bundled matrix's longest quote has 288). */
export const MAX_QUOTE_LENGTH = 2000;

/** Citations a matrix may have checked (2.5 times the largest benchmarked); those past it are kept (and saved) but not checked. */
export const MAX_CITATIONS = 500_000;

/** Places listed for a quote that matches several (the rest are counted, not listed). */
export const MAX_LISTED_PLACES = 5;

/** Places of a quote counted before the count says "more than". */
export const MAX_COUNTED_PLACES = 1000;

/**
 * Work (about one unit per character compared, or per 32 characters of a similarity search)
 * that looking quotes up in one source may take: a share per character of the source and per
 * character of each quote, so that the total is linear in the input; and at most this much for
 * any one quote (a few milliseconds, some tens on a busy machine: a quote looked up on the page
 * never blocks it).
 */
export const WORK_PER_SOURCE_CHARACTER = 8;
export const WORK_PER_QUOTE_CHARACTER = 256;
export const WORK_PER_QUOTE = 4096;
export const WORK_BASE = 1 << 22;
export const MAX_WORK_PER_QUOTE = 1 << 22;

/** The reason given for a quote over the limit. */
export function tooLong(what: 'quote' | 'prefix' | 'suffix', length: number): string {
  return `the ${what} is ${length.toLocaleString('en-US')} characters long, more than the ${MAX_QUOTE_LENGTH.toLocaleString('en-US')} allowed: cite a shorter passage`;
}

/** The reason given for the citations past the limit. */
export function tooMany(count: number): string {
  return `the matrix has ${count.toLocaleString('en-US')} citations, more than the ${MAX_CITATIONS.toLocaleString('en-US')} checked`;
}

/** The anchor of a citation past the limit: kept, saved, not checked (the limit is reported once, at the first of them). */
export const NOT_CHECKED = {
  status: 'unchecked',
  reason: `not checked: only the first ${MAX_CITATIONS.toLocaleString('en-US')} citations of a matrix are checked`,
} as const;

/**
 * Whether an anchor is unchecked because its citation is past the limit of citations checked
 * (its source's text may well be there), not because the text of its source is missing.
 */
export const isPastLimit = (anchor: { status: string; reason?: string }): boolean =>
  anchor.status === 'unchecked' && anchor.reason === NOT_CHECKED.reason;

/**
 * Why `unchecked` citations were not looked for, `pastLimit` of them because they are past the
 * limit, the others because their source's text is missing — in brackets, after "3 unchecked":
 * `missing` says it of them all, `missingOf(n)` of n of them beside those past the limit.
 */
export function uncheckedWhy(unchecked: number, pastLimit: number, missing: string, missingOf: (n: number) => string): string {
  const limit = `past the limit of ${MAX_CITATIONS.toLocaleString('en-US')} citations checked`;
  if (pastLimit <= 0) return `(${missing})`;
  if (pastLimit >= unchecked) return `(${limit})`;
  return `(${pastLimit} ${limit}, ${unchecked - pastLimit} ${missingOf(unchecked - pastLimit)})`;
}

/** Citations of a matrix of `citations` that are past the limit of citations checked. */
export const pastLimitOf = (citations: number): number => Math.max(0, citations - MAX_CITATIONS);
