/**
 * The quickest check that a quote reads at its saved place: compared a line of the source at
 * a time, each line as one native string comparison.
 *
 * A quote copied from a source with hard line breaks is the source's lines joined: each line
 * break, with the blanks around it, read as one space, and a hyphen that ends a line kept or
 * dropped. Comparing such a quote one character at a time costs the engine a few nanoseconds
 * per character (200,000 quotes of about 100 characters: 120–150 ms); comparing each line's
 * slice with the quote's slice is a native comparison (about half of that, slices included).
 *
 * It only ever says yes when `readsAt` says yes: every quote it accepts is the range with runs
 * of white space replaced by one space, or a line-end hyphen and the white space after it
 * replaced by a hyphen or by nothing, and folding gives the same text for both (see
 * normalize.ts). Whatever it does not accept, `readsAt` decides one character at a time.
 */

/** Blanks a line break of a printed text is made of (other white space: decided by folding). */
const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Printable ASCII other than space and hyphen: kept as it is by folding. */
const isPlain = (c: number) => c > 32 && c < 127 && c !== 45;

const isDigit = (c: number) => c >= 48 && c <= 57;

const isAlphanumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether `quote` is [start, end) of `text` with its line breaks read as printed; false
 * means "not decided here", not "does not read there".
 */
export function readsAsPrintedLines(text: string, start: number, end: number, quote: string): boolean {
  // Folds to something: a quote of dashes only folds to nothing, and is never found.
  if (end <= start || !isAlphanumeric(text.charCodeAt(start))) return false;
  let i = start;
  let k = 0;
  for (;;) {
    const lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0 || lineEnd >= end) return text.slice(i, end) === quote.slice(k);
    // The line without the blanks before its break (it starts with a character that is not one).
    let j = lineEnd;
    while (isBlank(text.charCodeAt(j - 1))) j--;
    // A hyphen ending a word (a plain character before it): kept or dropped in the quote.
    const hyphen = text.charCodeAt(j - 1) === 45 && isPlain(text.charCodeAt(j - 2));
    const length = (hyphen ? j - 1 : j) - i;
    if (text.slice(i, i + length) !== quote.slice(k, k + length)) return false;
    k += length;
    // The next line starts after the blanks, with a plain character (or a hyphen).
    let next = lineEnd + 1;
    while (next < end && isBlank(text.charCodeAt(next))) next++;
    const c = text.charCodeAt(next);
    if (next >= end || c <= 32 || c >= 127) return false;
    if (hyphen) {
      if (quote.charCodeAt(k) === 45) k++;
      // Between digits the dash stays ("2001-⏎2005" is not "20012005"), and so does a minus
      // sign after a bracket or a sign ("(-⏎5)" is not "(5)"): folding decides.
      else if ((isDigit(text.charCodeAt(j - 2)) || !isAlphanumeric(text.charCodeAt(j - 2))) && isDigit(c)) return false;
    } else if (quote.charCodeAt(k) === 32) k++;
    else return false;
    i = next;
  }
}
