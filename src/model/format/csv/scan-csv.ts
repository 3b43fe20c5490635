/**
 * A CSV reader for the files papaparse cannot read as they are meant: files with a stray or
 * malformed quote, and files whose lines end in a mix of LF, CRLF and bare CR (a line edited
 * on another system). papaparse reads the clean files (the hot path); this reader takes over
 * when one of these is found. It reads a clean file as papaparse does, row for row and field
 * for field (tested), and it is linear in the length of the text whatever the file holds.
 *
 * - A row ends at a line break outside quotes: LF, CRLF or a bare CR, in any mix.
 * - A field is quoted when its first character is `"`; it ends at the first `"` that is not
 *   doubled, which must be followed by a comma, a line break or the end of the text (white
 *   space between them is dropped, as papaparse does).
 * - A quote that is not closed so (it never closes, or its next lone `"` is followed by
 *   text) is a stray: it is reported where it opened, and the field is read as unquoted text
 *   from it, the `"` kept. The field then ends at the next comma or line break, so a stray
 *   quote can never take the rows after it: each row is kept, each bad one located.
 * - A quote that closes on a later line is a stray too when its line, read on its own, has
 *   the header's number of fields and the row read through has not (its next quote likely
 *   opened a value that starts with a comma: `", and more"`).
 * - Empty lines are skipped (papaparse's `skipEmptyLines: true`).
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** How a quoted field that opens at some `"` ends. */
type Closing =
  /** Closed at `quote`; the field's text goes on at `next` (a comma, a line break or the end). `pairs` when it holds doubled quotes. */
  | { quote: number; next: number; pairs: boolean }
  /** Not closed: the first lone `"` after it is at `quote` (followed by text), or there is none (-1). */
  | { quote: number; next: -1; pairs: boolean };

/** Whether `c` is white space papaparse drops between a closing quote and what follows (`String.prototype.trim`'s, but line breaks). */
function isDroppedSpace(c: number): boolean {
  if (c === 32 || c === 9 || c === 11 || c === 12) return true;
  return c > 127 && /\s/.test(String.fromCharCode(c));
}

/**
 * Where the quoted field opening at `open` ends (its comma, line break or the end of the
 * text), or -1 when its quote is a stray: the rule `scanCsv` reads by, for one field.
 */
export function quotedFieldEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q !== -1 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  if (q === -1) return -1;
  let next = q + 1;
  while (next < text.length && isDroppedSpace(text.charCodeAt(next))) next++;
  const c = text.charCodeAt(next);
  return next >= text.length || c === COMMA || c === LF || c === CR ? next : -1;
}

/**
 * Why a quote is a stray: it never closes; its next lone `"` is followed by text, on its line
 * or on a later one; or it closes on a later line, in a row of the wrong number of fields,
 * and its line read on its own has the header's number (a stray quote whose next quote
 * happened to open a value starting with a comma).
 */
export type StrayQuote = 'never closes' | 'closes before text' | 'closes on a later line before text' | 'closes on a later line, in a row of the wrong shape';

export interface CsvScan {
  /** Every row's fields, in file order (the header first). */
  rows: string[][];
  /** Offset in the text where each row starts. */
  offsets: number[];
}

export interface ScanOptions {
  /** Called for each stray quote: its offset, why, and where its next lone quote is (-1: none). */
  stray?: (offset: number, why: StrayQuote, closesAt: number) => void;
  /**
   * Whether a quote that closes on a later line, in a row of the wrong number of fields, is
   * a stray when its line alone has the header's (default true). Without it, a file papaparse
   * reads without an error is read exactly as papaparse reads it.
   */
  strayByShape?: boolean;
}

/**
 * Read `text` into rows. Linear in the text's length: the next comma and line break are found
 * by native scans, each looked for again only once passed; a quote's closing is found once; a
 * row is read again at most once, and then only to its first line.
 */
export function scanCsv(text: string, { stray = () => {}, strayByShape = true }: ScanOptions = {}): CsvScan {
  const n = text.length;
  const rows: string[][] = [];
  const offsets: number[] = [];
  const hasCr = text.indexOf('\r') >= 0;
  let comma = -2;
  let lf = -2;
  let cr = hasCr ? -2 : -1;
  const nextComma = (i: number) => (comma === -1 || comma >= i ? comma : (comma = text.indexOf(',', i)));
  const nextBreak = (i: number) => {
    if (lf !== -1 && lf < i) lf = text.indexOf('\n', i);
    if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
    return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
  };
  /** Look for the next comma and line break afresh (after reading a row again from its start). */
  const rewind = () => {
    comma = -2;
    lf = -2;
    cr = hasCr ? -2 : -1;
  };
  // Closings of quotes that did not close, by the first `"` their search met: a stray quote's
  // search may run far (to the end of the text when no quote follows), and the field is then
  // read again from the stray on; a later search that meets the same quote takes the answer.
  const strays = new Map<number, Closing>();
  const remember = (walked: number[], closing: Closing): Closing => {
    for (const q of walked) if (q >= 0) strays.set(q, closing);
    return closing;
  };

  /** How the quoted field opening at `open` ends. */
  const closingOf = (open: number): Closing => {
    let q = text.indexOf('"', open + 1);
    const known = strays.get(q);
    if (known) return known;
    let pairs = false;
    const walked: number[] = [q];
    while (q !== -1) {
      if (text.charCodeAt(q + 1) === QUOTE) {
        pairs = true;
        q = text.indexOf('"', q + 2);
        const seen = strays.get(q);
        if (seen) return remember(walked, { ...seen, pairs: true });
        walked.push(q);
        continue;
      }
      let next = q + 1;
      while (next < n && isDroppedSpace(text.charCodeAt(next))) next++;
      const c = text.charCodeAt(next);
      if (next >= n || c === COMMA || c === LF || c === CR) return { quote: q, next, pairs };
      break;
    }
    return remember(walked, { quote: q, next: -1, pairs });
  };

  /** Read an unquoted field from `from` into `fields`; returns where it ends. */
  const readUnquoted = (from: number, fields: string[]): number => {
    const b = nextBreak(from);
    const k = nextComma(from);
    const end = k !== -1 && (b === -1 || k < b) ? k : b === -1 ? n : b;
    fields.push(text.slice(from, end));
    return end;
  };

  interface Row {
    fields: string[];
    /** Where the row's line break ends (the next row, or an empty line, starts there). */
    end: number;
    /** The opening quote of the row's first quoted field that holds a line break (-1: none). */
    spanning: number;
    /** The row's stray quotes, reported once the row is settled. */
    strays: [number, StrayQuote, number][];
  }

  /** Read the row starting at `start`; a quote at `forced` is read as a stray. */
  const readRow = (start: number, forced = -1): Row => {
    const row: Row = { fields: [], end: start, spanning: -1, strays: [] };
    const { fields } = row;
    let i = start;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const closing = i === forced ? undefined : closingOf(i);
        if (closing && closing.next >= 0) {
          const value = text.slice(i + 1, closing.quote);
          if (row.spanning < 0 && closing.quote > nextBreak(i) && nextBreak(i) !== -1) row.spanning = i;
          fields.push(closing.pairs ? value.replaceAll('""', '"') : value);
          i = closing.next;
        } else {
          const breakAt = nextBreak(i);
          const closesAt = closing ? closing.quote : text.indexOf('"', i + 1);
          const why: StrayQuote = !closing
            ? 'closes on a later line, in a row of the wrong shape'
            : closing.quote === -1 ? 'never closes' : breakAt !== -1 && breakAt < closing.quote ? 'closes on a later line before text' : 'closes before text';
          row.strays.push([i, why, closesAt]);
          i = readUnquoted(i, fields);
        }
      } else i = readUnquoted(i, fields);
      // `i` is at a comma, a line break or the end of the text.
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (i < n) i++;
      row.end = i;
      return row;
    }
  };

  let i = 0;
  while (i < n) {
    // Skip the line breaks of empty lines.
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      i++;
      continue;
    }
    let row = readRow(i);
    // A value over several lines, in a data row of the wrong number of fields: if its first
    // line read on its own has the header's number, the quote was a stray that met a quote
    // opening a value that starts with a comma, and the lines between are rows. (When the
    // widths happen to agree, nothing tells such a stray from a value over several lines that
    // ends with a comma: the row is read through, and a clean file is never misread.)
    if (strayByShape && row.spanning >= 0 && rows.length > 0 && row.fields.length !== rows[0].length) {
      rewind();
      const alone = readRow(i, row.spanning);
      if (alone.fields.length === rows[0].length) row = alone;
      else rewind();
    }
    for (const [at, why, closesAt] of row.strays) stray(at, why, closesAt);
    const start = i;
    i = row.end;
    // A row of one empty field is an empty line (`""` alone too, as papaparse skips it).
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    rows.push(row.fields);
    offsets.push(start);
  }
  return { rows, offsets };
}
