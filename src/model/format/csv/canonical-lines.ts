/**
 * A table file read from its lines as the canonical writer wrote them (write-csv.ts's
 * `csvLine`), without parsing the whole text: what `parseCsv(text)` gives for
 * `text = lines.join('\n') + '\n'`, exactly — the same header, rows and (no) problems, and
 * every field located at the same line and column.
 *
 * Why it holds. `csvLine` quotes a field that holds a comma, a quote or a line break (or
 * starts or ends with white space), doubling its quotes, and leaves every other field bare:
 * so a line splits at each comma outside quotes, a bare field holds no quote, and a quoted
 * one ends at a quote not doubled that is followed by a comma or the line's end. Lines are
 * joined by LF, so each line is one row of the file, and row `r` starts at the sum of the
 * lengths of the lines before it, plus one per LF: the same offsets `parseCsv` finds by
 * scanning (lines and columns are then worked out from the text, as `parseCsv` does, only
 * when a problem or a location asks). A line split here is what papaparse reads there (a
 * value over several lines is quoted: its line breaks are in one line here, and the line
 * numbers of the text count them). Formula guards are taken off as `parseCsv` does (one
 * leading apostrophe of each data field: it does so only when some field may start with
 * one, and taking it off where none does changes nothing).
 *
 * Anything this cannot promise gives `undefined`, and the caller parses the text: a line
 * that is not canonical, a row of another width than the header (parseCsv reports it), a
 * header of one column (parseCsv may say the file is separated otherwise), a NUL, a carriage
 * return or a byte-order mark anywhere (parseCsv reads those files in other ways).
 */
import { csvLocator, type CsvLocation, type ParsedCsv } from './parse-csv.ts';
import { LineIndex } from './line-index.ts';

/** The fields of one canonical line, or undefined when it is not one. */
export function splitCanonicalLine(line: string): string[] | undefined {
  if (line.indexOf('"') < 0) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return undefined;
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += line.slice(from, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== 44) return undefined;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const value = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (value.indexOf('"') >= 0) return undefined;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

const unguard = (field: string) => (field.charCodeAt(0) === 39 ? field.slice(1) : field);

/**
 * `parseCsv(text, file)` for `text = lines.join('\n') + '\n'` (`lines[0]` the header), from
 * the lines (see above); undefined when that cannot be promised.
 */
export function parseCanonicalLines(file: string, text: string, lines: readonly string[]): ParsedCsv | undefined {
  if (lines.length === 0 || text.charCodeAt(0) === 0xfeff || text.indexOf('\u0000') >= 0 || text.indexOf('\r') >= 0) return undefined;
  const head = splitCanonicalLine(lines[0]);
  if (!head || head.length < 2) return undefined;
  const width = head.length;
  const rows: string[][] = new Array(lines.length - 1);
  for (let r = 1; r < lines.length; r++) {
    const fields = splitCanonicalLine(lines[r]);
    if (!fields || fields.length !== width) return undefined;
    for (let i = 0; i < width; i++) if (fields[i].charCodeAt(0) === 39) fields[i] = fields[i].slice(1);
    rows[r - 1] = fields;
  }
  let location: CsvLocation | undefined;
  let locator: ((row: number, fieldIndex: number) => { line: number; column: number }) | undefined;
  const locationOf = (): CsvLocation => {
    if (!location) {
      const rowOffsets = new Int32Array(lines.length);
      for (let r = 1; r < lines.length; r++) rowOffsets[r] = rowOffsets[r - 1] + lines[r - 1].length + 1;
      location = { text, rowOffsets, lineStarts: new LineIndex(text).lineStarts() };
    }
    return location;
  };
  return {
    file,
    header: head.map((h) => unguard(h).trim()),
    rows,
    problems: [],
    locate: (row, fieldIndex) => (locator ??= csvLocator(locationOf()))(row, fieldIndex),
    location: locationOf,
  };
}
