/**
 * Row and line offsets (found by native scans, for locating problems and rebuilding a worker's
 * row locations) agree with a plain character-by-character scan, whatever the quotes and line
 * endings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/format/csv/line-index.ts';
import { rowStarts } from '../../src/model/format/csv/parse-csv.ts';

const isLineBreak = (c: number) => c === 10 || c === 13;

/** A row ends at a line break outside quotes; empty lines are skipped. */
function plainRowStarts(text: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isLineBreak(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    starts.push(i);
    let quoted = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (!quoted && isLineBreak(c)) break;
    }
  }
  return starts;
}

/** Lines end at LF, CRLF or a bare CR. */
function plainLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

const csvish = fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r', '\r\n', ' '), { maxLength: 80 }).map((parts) => parts.join(''));

describe('row and line offsets', () => {
  it('rowStarts finds the rows a plain scan finds', () => {
    fc.assert(fc.property(csvish, (text) => {
      expect(rowStarts(text)).toEqual(plainRowStarts(text));
    }), { numRuns: 3000 });
  });

  it('LineIndex locates offsets as a plain scan does (LF only, or any line endings)', () => {
    fc.assert(fc.property(csvish, fc.boolean(), (raw, lfOnly) => {
      const text = lfOnly ? raw.replaceAll('\r', '') : raw;
      const starts = plainLineStarts(text);
      const index = new LineIndex(text);
      const rebuilt = LineIndex.fromStarts(index.lineStarts());
      expect(Array.from(index.lineStarts())).toEqual(starts);
      for (let offset = 0; offset <= text.length; offset++) {
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
        const expected = { line: line + 1, column: offset - starts[line] + 1 };
        expect(index.locate(offset)).toEqual(expected);
        expect(rebuilt.locate(offset)).toEqual(expected);
      }
    }), { numRuns: 500 });
  });
});
