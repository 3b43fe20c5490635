/**
 * CSV that leaves the tool cannot run as a formula in a spreadsheet (OWASP CSV injection),
 * and the canonical format still round-trips exactly through our own loader. Every payload
 * of tests/fixtures/conformance/injection is put in every free-text field of a matrix (an edit),
 * exported (canonical files, zip, wide CSV) and read back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from '../../src/model/format/csv/formula-guard.ts';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';
import { writeCsv } from '../../src/model/format/csv/write-csv.ts';
import { wideTable, writeWideCsv } from '../../src/model/export/wide-csv.ts';
import { readMatrixZip, unzipFiles, writeMatrixZip } from '../../src/model/export/zip.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { withFoundPositions } from '../../src/model/check/positions.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';
import { makeCell, makeCitation, makeDimension } from '../../src/model/make.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'injection');
const payloads: string[] = readFileSync(join(dir, 'payloads.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).payload);
const rules = JSON.parse(readFileSync(join(dir, 'owasp-rules-and-escape-examples.json'), 'utf8')) as {
  dangerous_leading_characters: string[];
  escape_examples: { input: string; escaped_output: string }[];
};
/** More ways a field can start a formula: each OWASP leading character, and the guard's own edge cases. */
const extra = [
  ...rules.dangerous_leading_characters.map((c) => `${c}HYPERLINK("http://example.invalid","x")`),
  "'=1+1", "''@x", '-1+2', '+1', '=1', '-', '@', '＝1+1', '\t=1', ' =1+1',
];
const all = [...payloads, ...extra];

/**
 * Would a spreadsheet run this field (as it reads it from the CSV)? It starts with = + - @,
 * tab or carriage return (or line feed) and is not a plain number. Written here on its own,
 * not taken from the code under test.
 */
const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/;
const runs = (field: string) => /^[=+\-@\t\r\n]/.test(field) && !PLAIN_NUMBER.test(field);

/** Every field of a CSV text as a spreadsheet reads it (no unguarding). */
function rawFields(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data.flat();
}

/** The small matrix, edited: payload `i` in every free-text field of new rows, plus an extra column. */
async function editedMatrix(): Promise<{ matrix: Matrix; sourceTexts: Map<string, string> }> {
  const base = await readMatrix(textsReader(smallMatrixTexts()), 'small');
  const m = structuredClone(base.matrix);
  m.title = payloads[0];
  m.description = payloads[1];
  m.jurisdictions[0].label = payloads[2];
  m.jurisdictions[1].group = payloads[3];
  m.levels[0].label = payloads[4];
  m.levels[1].definition = payloads[5];
  m.sources[0].title = payloads[6];
  m.sources[0].authors = payloads[7];
  m.extraColumns.cells = ['@reviewer'];
  all.forEach((p, i) => {
    const id = `p${i + 1}`;
    m.dimensions.push(makeDimension({ id, label: p, definition: p, theme: p, valueType: 'text', order: 10 + i, codingRules: p }));
    for (const j of m.jurisdictions) {
      m.cells.push(makeCell({ dimension: id, jurisdiction: j.id, value: p, status: 'draft', note: p, extra: { '@reviewer': p } }));
      m.citations.push(makeCitation({ dimension: id, jurisdiction: j.id, seq: 1, source: 'src', quote: p, prefix: p, suffix: p, locator: p, support: 'reports', attribution: p }));
    }
  });
  for (const c of m.cells) c.extra ??= { '@reviewer': '' };
  return { matrix: m, sourceTexts: new Map(base.sourceTexts) };
}

/** Compare matrices by content (a row without extra columns reads back with `extra: undefined`). */
const plain = (m: Matrix) => JSON.parse(JSON.stringify(m));

describe('formula guard (OWASP CSV injection)', () => {
  it('has the payloads', () => expect(payloads.length).toBeGreaterThanOrEqual(18));

  it.each(all.map((p) => [JSON.stringify(p), p]))('guards %s and reads it back exactly', (_name, p) => {
    const written = writeCsv(['field'], [[p]]);
    for (const field of rawFields(written)) expect(runs(field), JSON.stringify(field)).toBe(false);
    expect(parseCsv(written, 'x.csv').rows[0][0]).toBe(p);
    expect(unguardFormula(guardFormula(p))).toBe(p);
  });

  it('reads a guarded field back wherever it stands in the file, and keeps apostrophes inside values', () => {
    // First field of a row (after LF, CRLF or CR), after a comma, quoted (after the opening quote).
    const lf = "h1,h2,h3\n'=1,EU's,it's\nx,'@a,\"'+b, c\"\n";
    expect(parseCsv(lf, 'x.csv').rows).toEqual([['=1', "EU's", "it's"], ['x', '@a', '+b, c']]);
    const crlf = "h1,h2\r\nx,y\r\n''twice,z\r\n";
    expect(parseCsv(crlf, 'x.csv').rows).toEqual([['x', 'y'], ["'twice", 'z']]);
    const cr = "h1,h2\rx,y\r'-3,z\r";
    expect(parseCsv(cr, 'x.csv').rows).toEqual([['x', 'y'], ['-3', 'z']]);
    // No field starts with an apostrophe: every value is read as written.
    const none = "h1,h2\nEU's,\"a, 'b'\"\nc',d\n";
    expect(parseCsv(none, 'x.csv').rows).toEqual([["EU's", "a, 'b'"], ["c'", 'd']]);
  });

  it.each(rules.escape_examples.map((e) => [e.input, e]))('writes OWASP\'s escape example %s as OWASP does', (_name, e) => {
    expect(writeCsv(['h'], [[e.input]]).split('\n')[1]).toBe(e.escaped_output);
  });
});

describe('every CSV that leaves the tool is inert, and the canonical format round-trips', () => {
  it('canonical files: every field inert; edit → save → load gives the edited matrix back', async () => {
    const { matrix } = await editedMatrix();
    const files = saveMatrix(matrix);
    for (const [name, text] of Object.entries(files)) {
      if (!name.endsWith('.csv')) continue;
      for (const field of rawFields(text)) expect(runs(field), `${name}: ${JSON.stringify(field)}`).toBe(false);
    }
    const back = loadMatrix('small', files);
    expect(plain(back.matrix)).toEqual(plain(matrix));
    expect(saveMatrix(back.matrix)).toEqual(files);
  });

  it('canonical zip: every field of every CSV inert; edit → export → reopen gives the edited matrix back', async () => {
    const { matrix, sourceTexts } = await editedMatrix();
    const { bytes } = writeMatrixZip(matrix, sourceTexts);
    const csvs = [...unzipFiles(bytes)].filter(([path]) => path.endsWith('.csv'));
    expect(csvs.length).toBe(6);
    let checked = 0;
    for (const [path, data] of csvs) {
      for (const field of rawFields(strFromU8(data))) {
        expect(runs(field), `${path}: ${JSON.stringify(field)}`).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(all.length * 10);
    const back = await readMatrixZip(bytes);
    // An export carries each found quote's position (see positions.ts).
    const exported = withFoundPositions(matrix, sourceTexts);
    expect(plain(back.bundle.matrix)).toEqual(plain(exported));
    expect(saveMatrix(back.bundle.matrix)).toEqual(saveMatrix(exported));
  });

  it('wide CSV: every field inert, and our reader gets the shown text back', async () => {
    const { matrix } = await editedMatrix();
    const text = writeWideCsv(matrix, {}, { bom: true });
    const fields = rawFields(text);
    for (const field of fields) expect(runs(field), JSON.stringify(field)).toBe(false);
    const { header, rows } = wideTable(matrix);
    const parsed = parseCsv(text, 'wide.csv');
    expect(parsed.header).toEqual(header);
    expect(parsed.rows).toEqual(rows);
    // The payloads really are in it (as values and as dimension labels).
    for (const p of payloads) expect(rows.some((r) => r[0] === p && r[1] === p)).toBe(true);
  });
});
