/**
 * Reading a damaged CSV file: a stray or malformed quote, line endings of every kind in one
 * file, NUL bytes. Every good row is kept, each bad one is located (file, line, column),
 * and recovering costs time in proportion to the file, not to the number of bad lines.
 */
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';
import { scanCsv } from '../../src/model/format/csv/scan-csv.ts';
import { csvLine } from '../../src/model/format/csv/write-csv.ts';
import { decodeText, MAX_TEXT_LENGTH } from '../../src/model/format/decode.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import type { Problem } from '../../src/model/types.ts';

const where = (p: Problem) => `${p.file}:${p.line}:${p.column}`;
const said = (p: Problem) => `${where(p)} ${p.message}`;

/** 1-based line and column of an offset, by a plain scan (LF, CRLF and CR end lines). */
function plainLocate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const bundledDir = new URL('../../matrices/eu-north-america/', import.meta.url);
const bundledSource = new URL('../../matrices/sources/security-in-the-americas.txt', import.meta.url);

/** The bundled matrix's files as text, with some changed by `edit`, read as the app and the command line read them. */
async function readBundled(edit: Record<string, (text: string) => string> = {}) {
  const files = new Map<string, string>();
  return readMatrix(async (path) => {
    if (path === '../sources/security-in-the-americas.txt') {
      const text = await readFile(bundledSource, 'utf8');
      return new TextEncoder().encode(edit.source ? edit.source(text) : text);
    }
    if (path.includes('/')) return undefined;
    if (!files.has(path)) {
      let text: string;
      try {
        text = await readFile(new URL(path, bundledDir), 'utf8');
      } catch {
        return undefined;
      }
      files.set(path, edit[path] ? edit[path](text) : text);
    }
    return new TextEncoder().encode(files.get(path));
  }, 'eu-north-america');
}

/** Change line `n` (1-based) of a text. */
const atLine = (n: number, change: (line: string) => string) => (text: string) => {
  const lines = text.split('\n');
  lines[n - 1] = change(lines[n - 1]);
  return lines.join('\n');
};

/** A field of some text: commas, quotes, line breaks of every kind, white space, or none. */
const field = fc.array(fc.constantFrom('a', 'b c', ',', '"', '""', '\n', '\r\n', '\r', ' ', "'", '='), { maxLength: 6 }).map((p) => p.join(''));
const lineEnding = fc.constantFrom('\n', '\r\n', '\r');

describe('a stray quote', () => {
  it('is located where it opens, in its line, and takes no row after it (bundled cells.csv: quote at line 13, bad jurisdiction at line 34)', async () => {
    const clean = (await readBundled()).matrix;
    const { matrix, problems } = await readBundled({
      'cells.csv': (text) => atLine(34, (l) => l.replace(/^([^,]+),eu,/, '$1,xx,'))(atLine(13, (l) => l.replace(/^([^,]+,eu,1,)/, '$1"unclosed value'))(text)),
    });
    const messages = problems.filter((p) => p.file === 'cells.csv').map(said);
    expect(messages).toContain('cells.csv:34:20 unknown jurisdiction "xx" (not in jurisdictions.csv)');
    expect(messages.filter((m) => /quote/.test(m))).toEqual([
      expect.stringMatching(/^cells\.csv:13:27 unclosed quote: the " that opens this field is not closed on its line \(the next quote, on line \d+, is another field's\); the field is read as written, the " kept, up to the next comma; the rows after it are read as usual$/),
    ]);
    // Every row of the file is a cell; the stray quote is kept, as written.
    expect(matrix.cells).toHaveLength(clean.cells.length);
    expect(matrix.cells[11]).toMatchObject({ dimension: 'shared-visa-policies', jurisdiction: 'eu', value: '"unclosed value', status: 'not_in_source' });
    expect(matrix.cells.slice(12, 32)).toEqual(clean.cells.slice(12, 32));
    // No problem is past the end of the file, and none quotes lines of the file.
    for (const p of problems) expect(p.line, said(p)).toBeLessThanOrEqual(p.file === 'cells.csv' ? clean.cells.length + 1 : 1000);
    for (const p of problems) expect(p.message, said(p)).not.toMatch(/[\r\n]/);
  });

  it('in citations.csv, takes none of the rows after it and is the only problem (line 100)', async () => {
    const clean = (await readBundled()).matrix;
    // The line's dimension, jurisdiction, period, seq and source, then a quote that opens and does not close.
    let head = '';
    const { matrix, problems } = await readBundled({
      'citations.csv': atLine(100, (l) => (head = l.split(',').slice(0, 5).join(',')) + ',"unclosed quote here,,,,,,,'),
    });
    expect(matrix.citations).toHaveLength(clean.citations.length);
    expect(problems.filter((p) => p.file === 'citations.csv').map(where)).toEqual([`citations.csv:100:${head.length + 2}`]);
    expect(matrix.citations[98]).toMatchObject({ seq: clean.citations[98].seq, quote: '"unclosed quote here', prefix: '', locator: '' });
    expect(matrix.citations.slice(99)).toEqual(clean.citations.slice(99));
  });

  it('that meets a quoted value starting with a comma on a later line does not take the lines between', () => {
    // papaparse reads it without an error: the row's width tells.
    const csv = parseCsv('a,b,c\n1,"stray,3\n4,5,6\n7,", and more",9\n', 'x.csv');
    expect(csv.rows).toEqual([['1', '"stray', '3'], ['4', '5', '6'], ['7', ', and more', '9']]);
    expect(csv.problems.map(said)).toEqual([
      'x.csv:2:3 unclosed quote: the " that opens this field is not closed on its line (the next quote, on line 4, is another field\'s); the field is read as written, the " kept, up to the next comma; the rows after it are read as usual',
    ]);
    expect(csv.locate(3, 2)).toEqual({ line: 4, column: 16 });
  });

  it('closed with text after it is read as written, and said so with both places', () => {
    const csv = parseCsv('a,b,c\n1,"He said "no" twice",3\n4,5,6\n', 'x.csv');
    expect(csv.rows).toEqual([['1', '"He said "no" twice"', '3'], ['4', '5', '6']]);
    expect(csv.problems.map(said)).toEqual([
      'x.csv:2:3 malformed quote: the " that opens this field closes at column 12 with text after it (a " inside a quoted value is written ""); the field is read as written, the " kept, up to the next comma; the rows after it are read as usual',
    ]);
    expect(csv.locate(1, 2)).toEqual({ line: 2, column: 24 });
  });

  it('keeps every good row and locates each damaged one, whatever the rows hold (property)', () => {
    // Rows of single-line fields; some lines get a stray quote at the start of an unquoted
    // field. A quoted value starting with a comma is left out: a stray quote that meets one
    // on its own line reads as a closed field (only the row's width can tell, and may not).
    const cell = fc.array(fc.constantFrom('a', 'b c', ',', '"', ' ', "'"), { maxLength: 5 }).map((p) => p.join('')).filter((v) => !/^\s*[,"]/.test(v));
    const rowsOf = fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }));
    fc.assert(fc.property(rowsOf, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), lineEnding, (rows, damage, newline) => {
      const lines: string[] = [];
      const strays: number[] = [];
      let offset = 0;
      rows.forEach((fields, r) => {
        const written = fields.map((f) => csvLine([f]));
        let line = written.join(',');
        const unquoted = written.findIndex((w) => w !== '' && !w.startsWith('"'));
        if (damage[r] && r > 0 && unquoted >= 0) {
          const at = written.slice(0, unquoted).reduce((sum, w) => sum + w.length + 1, 0);
          line = line.slice(0, at) + '"' + line.slice(at);
          strays.push(offset + at);
        }
        lines.push(line);
        offset += line.length + newline.length;
      });
      const text = lines.join(newline) + newline;
      const csv = parseCsv(text, 'x.csv');
      expect(csv.rows.length + 1).toBe(rows.length);
      const damaged = new Set(strays.map((s) => plainLocate(text, s).line));
      rows.forEach((fields, r) => {
        if (r > 0 && !damaged.has(r + 1)) expect(csv.rows[r - 1]).toEqual(fields);
        if (r > 0) expect(csv.locate(r, 0)).toEqual({ line: r + 1, column: 1 });
      });
      // Each damaged line has a problem (where the damage is, or at a quote after it that the
      // stray made a stray: `"a,""","` reads as a field `a,"` and a quote that never closes).
      expect(new Set(csv.problems.filter((p) => /quote/.test(p.message)).map((p) => p.line))).toEqual(damaged);
    }), { numRuns: 1500 });
  });
});

describe('line endings', () => {
  it('reads a clean file exactly as papaparse does, whatever it holds (property)', () => {
    const csvish = fc.array(fc.constantFrom('a', 'bc', ',', '"', '""', ' ', '\t', '\n', '\u00a0', '"a'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(fc.property(csvish, lineEnding, (raw, newline) => {
      const text = raw.replaceAll('\n', newline);
      const papa = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true, newline: newline as '\n' });
      if (papa.errors.length > 0) return;
      expect(scanCsv(text, { strayByShape: false }).rows).toEqual(papa.data);
    }), { numRuns: 20000 });
  });

  it('of every kind in one file lose no row, keep no "\\r" and locate every row (property)', () => {
    const rowsOf = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 10 }));
    fc.assert(fc.property(rowsOf, fc.array(lineEnding, { minLength: 10, maxLength: 10 }), (rows, endings) => {
      // Rows of one empty field are empty lines, which are skipped.
      const kept = rows.filter((fields) => !(fields.length === 1 && fields[0] === ''));
      if (kept.length === 0) return;
      let text = '';
      const starts: number[] = [];
      kept.forEach((fields, r) => {
        starts.push(text.length);
        text += csvLine(fields) + endings[r % endings.length];
      });
      const csv = parseCsv(text, 'x.csv');
      expect(csv.problems).toEqual([]);
      expect([csv.header, ...csv.rows]).toEqual(kept.map((fields, r) => (r === 0 ? fields.map((f) => f.trim()) : fields)));
      kept.forEach((_, r) => expect(csv.locate(r, 0)).toEqual(plainLocate(text, starts[r])));
    }), { numRuns: 2000 });
  });

  it('one CRLF line in an LF sources.csv: the path has no "\\r", every citation is found', async () => {
    const { matrix, problems } = await readBundled({ 'sources.csv': (text) => text.replace('\n', '\r\n') });
    expect(matrix.sources[0].path).toBe('../sources/security-in-the-americas.txt');
    expect(problems).toEqual([]);
  });

  it('CRLF lines in an LF citations.csv: positions read as written (no position warning)', async () => {
    const { matrix, problems } = await readBundled({ 'citations.csv': (text) => text.split('\n').map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('').replace(/\n$/, '') });
    expect(problems).toEqual([]);
    expect(matrix.citations).toHaveLength((await readBundled()).matrix.citations.length);
    expect(matrix.citations.every((c) => c.start !== undefined && c.end !== undefined)).toBe(true);
  });

  it('CR, LF and CRLF mixed in citations.csv: every citation kept, each problem on its line', async () => {
    const { matrix, problems } = await readBundled({
      'citations.csv': (text) => {
        const lines = text.replace(/\n$/, '').split('\n');
        lines[199] = lines[199].replace(/^([^,]+),([^,]+),/, '$1,nowhere,');
        return lines.map((l, i) => l + ['\r', '\n', '\r\n'][i % 3]).join('');
      },
    });
    expect(matrix.citations).toHaveLength((await readBundled()).matrix.citations.length);
    expect(problems.map(where)).toEqual([expect.stringMatching(/^citations\.csv:200:\d+$/)]);
  });
});

describe('NUL bytes', () => {
  it('a NUL byte in cells.csv is located, read as U+FFFD, and the rest of the file is loaded', async () => {
    let at = 0;
    const { matrix, problems } = await readBundled({ 'cells.csv': atLine(2, (l) => ((at = l.indexOf('Schengen') + 4), l.replace('Schengen', 'Sche\u0000ngen'))) });
    expect(problems.map(said)).toEqual([`cells.csv:2:${at + 1} a NUL character (byte 0) is not text: it is read as \u201c\uFFFD\u201d; remove it`]);
    expect(matrix.cells).toHaveLength((await readBundled()).matrix.cells.length);
    expect(matrix.cells[0].value).toMatch(/^Sche\uFFFDngen Agreement \(1985\)/);
  });

  it('many NULs, one listed each up to ten, then counted', () => {
    const text = 'a,b\n' + 'x\u0000,y\n'.repeat(12) + 'z,'.repeat(400) + '\n';
    const { problems, rows } = parseCsv(text, 'x.csv');
    expect(rows).toHaveLength(13);
    expect(problems.filter((p) => /NUL/.test(p.message)).map(where)).toEqual(['x.csv:0:0', ...Array.from({ length: 10 }, (_, i) => `x.csv:${i + 2}:2`)]);
    expect(problems[0].message).toBe('2 more NUL characters (byte 0) are read as \u201c\uFFFD\u201d');
  });

  it('a NUL byte in a source text reads as U+FFFD, with a warning; every quote is still found at its place', async () => {
    const bundle = await readBundled({ source: (text) => '\u0000' + text.slice(1) });
    expect(bundle.problems.map(said)).toEqual(['../sources/security-in-the-americas.txt:0:0 the text holds a NUL character (byte 0, not text): read as \u201c\uFFFD\u201d']);
    const text = bundle.sourceTexts.get('security-americas')!;
    expect(text.charAt(0)).toBe('\uFFFD');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations });
    expect(check.coverage.found).toBe(bundle.matrix.citations.length);
  });

  it('a file that is mostly NULs (binary, or UTF-16 without a byte-order mark) is refused whole', () => {
    const problems: Problem[] = [];
    const utf16 = Uint8Array.from([...'id,label\nnorth,North\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeText(utf16, 'jurisdictions.csv', problems)).toBeUndefined();
    expect(problems.map(said)).toEqual(['jurisdictions.csv:0:0 file is not text (it holds NUL bytes: binary data, or UTF-16 without a byte-order mark); save it as UTF-8 CSV']);
  });
});

describe('a file too large to be held as text', () => {
  it('is refused with the reason, not read as Windows-1252 (which aborted Node)', () => {
    // Zero-filled: the pages are never touched unless the bytes are read.
    const bytes = new Uint8Array(MAX_TEXT_LENGTH + 1);
    const problems: Problem[] = [];
    expect(decodeText(bytes, 'cells.csv', problems)).toBeUndefined();
    expect(problems.map(said)).toEqual(['cells.csv:0:0 file is too large to read: 512 MiB; a file can hold at most 512 MiB of text']);
  });
});

describe('recovering costs time in proportion to the file', () => {
  // Generous bounds, measured in this process: protections, not benchmarks (the old
  // recovery parsed the rest of the file again at each bad line: 20,000 lines took over 60 s).
  const cases: [string, string][] = [
    ['20,000 lines with an unclosed quote', 'dimension,jurisdiction,value\n' + 'visa,eu,"unclosed value\n'.repeat(20000)],
    ['20,000 unclosed quotes, then 20,000 quoted values with doubled quotes', 'a,b,c\n' + 'x,"unclosed,z\n'.repeat(20000) + 'y,"say ""yes""",w\n'.repeat(20000)],
    ['20,000 quotes closed with text after them', 'a,b\n' + 'x,"a""b""c""d" and more\n'.repeat(20000)],
    ['one unclosed quote and 100,000 rows without quotes', 'a,b,c\nx,"open,z\n' + 'p,q,r\n'.repeat(100000)],
    ['20,000 lines of quotes that close on the next line, in rows too wide', 'a,b\n' + 'x,"y\n",z,w\n'.repeat(20000)],
  ];
  it.each(cases)('%s', (_name, text) => {
    const started = performance.now();
    const csv = parseCsv(text, 'x.csv');
    const took = performance.now() - started;
    expect(csv.rows.length).toBeGreaterThanOrEqual(20000);
    expect(took).toBeLessThan(4000);
  });
});
