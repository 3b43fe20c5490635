import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { checkMatrix, UNCHECKED_FLAG } from '../../src/model/check/check.ts';
import { decodeText } from '../../src/model/format/decode.ts';
import { citationKey, distinctKeys } from '../../src/model/check/citation-keys.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Problem } from '../../src/model/types.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';
import { withoutCodebook } from './support/problems.ts';

const where = (p: Problem) => `${p.file}:${p.line}:${p.column}`;

function load(overrides: Record<string, string | undefined> = {}) {
  return loadMatrix('small', smallMatrixTexts(overrides));
}

describe('loading a matrix', () => {
  it('loads the small matrix with no problems', () => {
    const { matrix, problems } = load();
    expect(problems).toEqual([]);
    expect(matrix.title).toBe('Small test matrix');
    expect(matrix.jurisdictions.map((j) => j.id)).toEqual(['north', 'south']);
    expect(matrix.dimensions.map((d) => d.valueType)).toEqual(['boolean', 'ordinal', 'date']);
    expect(matrix.cells).toHaveLength(6);
    expect(matrix.cells[3].note).toBe('Note, with a comma');
    expect(matrix.citations).toHaveLength(4);
  });

  it('accepts a BOM and CRLF line endings', () => {
    const texts = smallMatrixTexts();
    const crlf = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, k.endsWith('.csv') ? '\uFEFF' + v!.replaceAll('\n', '\r\n') : v]));
    const { matrix, problems } = loadMatrix('small', crlf);
    expect(problems).toEqual([]);
    expect(matrix.cells[3].note).toBe('Note, with a comma');
    expect(saveMatrix(matrix)['cells.csv']).toBe(saveMatrix(load().matrix)['cells.csv']);
  });

  it('names file, line and column of an unknown dimension, and keeps the row', () => {
    const cells = smallMatrixTexts()['cells.csv']!.replace('detention,south', 'detension,south');
    const { matrix, problems } = load({ 'cells.csv': cells });
    const p = problems.find((x) => x.message.includes('unknown dimension'))!;
    expect(where(p)).toBe('cells.csv:5:1');
    expect(p.message).toBe('unknown dimension "detension" (not in dimensions.csv)');
    expect(matrix.cells.some((c) => c.dimension === 'detension')).toBe(true);
    expect(saveMatrix(matrix)['cells.csv']).toContain('detension,south');
  });

  it('reports a level that is not on the scale at its column', () => {
    const cells = smallMatrixTexts()['cells.csv']!.replace('Rare,rare', 'Rare,seldom');
    const p = load({ 'cells.csv': cells }).problems.find((x) => x.field === 'level')!;
    expect(where(p)).toBe('cells.csv:4:22');
    expect(p.message).toContain('level "seldom" is not on scale "frequency"');
  });

  it('reports a duplicate cell and keeps both rows', () => {
    const cells = smallMatrixTexts()['cells.csv'] + 'stc,north,no,,,supported,\n';
    const { matrix, problems } = load({ 'cells.csv': cells });
    const p = problems.find((x) => x.message.startsWith('duplicate cell'))!;
    expect(where(p)).toBe('cells.csv:8:1');
    expect(p.message).toContain('first at line 2');
    expect(matrix.cells).toHaveLength(7);
  });

  it('reports missing and duplicate columns in the header', () => {
    const { problems } = load({ 'jurisdictions.csv': 'id,label,label,order\nnorth,North,N,1\nsouth,South,S,2\n' });
    expect(problems.map((p) => `${where(p)} ${p.message}`)).toEqual(expect.arrayContaining([
      'jurisdictions.csv:1:10 duplicate column "label" in the header (also column 2); the first one is used',
      'jurisdictions.csv:1:0 missing column "group" in the header: every row reads it as empty',
    ]));
  });

  it('keeps ragged rows and says how many fields they have', () => {
    const { matrix, problems } = load({ 'jurisdictions.csv': 'id,label,group,order\nnorth,North,Group A\nsouth,South,Group B,2,extra\n' });
    const msgs = problems.map((p) => `${where(p)} ${p.message}`);
    expect(msgs).toContain('jurisdictions.csv:2:20 row has 3 fields, the header has 4: missing fields read as empty');
    expect(msgs.some((m) => m.startsWith('jurisdictions.csv:3:') && m.includes('surplus fields ["extra"]'))).toBe(true);
    expect(matrix.jurisdictions.map((j) => j.id)).toEqual(['north', 'south']);
  });

  it('says "1 field" of a row with one field', () => {
    const { problems } = load({ 'jurisdictions.csv': 'id,label,group,order\nnorth\nsouth,South,Group B,2\n' });
    expect(problems.map((p) => p.message)).toContain('row has 1 field, the header has 4: missing fields read as empty');
  });

  it('reads the rest of the file after an unclosed quote', () => {
    const { matrix, problems } = load({ 'jurisdictions.csv': 'id,label,group,order\nnorth,"North,Group A,1\nsouth,South,Group B,2\n' });
    const p = problems.find((x) => x.message.startsWith('unclosed quote'))!;
    expect(where(p)).toBe('jurisdictions.csv:2:7');
    expect(matrix.jurisdictions.map((j) => j.id)).toEqual(['north', 'south']);
    expect(matrix.jurisdictions[1].label).toBe('South');
  });

  it('points at the right line when a quoted field spans lines', () => {
    const cells = smallMatrixTexts()['cells.csv']!.replace('"Note, with a comma"', '"Note\nover\nlines"') + 'year,nowhere,,,,not_in_source,\n';
    const p = load({ 'cells.csv': cells }).problems.find((x) => x.message.includes('unknown jurisdiction'))!;
    expect(where(p)).toBe('cells.csv:10:6');
  });

  it('reports values that do not fit the dimension type', () => {
    const cells = smallMatrixTexts()['cells.csv']!.replace('stc,north,yes', 'stc,north,maybe').replace('year,north,,,,not_in_source,', 'year,north,2004-13,,,draft,');
    const msgs = load({ 'cells.csv': cells }).problems.map((p) => `${where(p)} ${p.message}`);
    expect(msgs).toContain('cells.csv:2:11 "maybe" is not yes or no');
    expect(msgs).toContain('cells.csv:6:12 "2004-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)');
  });

  it('names a value over several lines, or a long one, by its start in a message', () => {
    const cells = smallMatrixTexts()['cells.csv']!
      .replace('stc,north,yes', `stc,north,"maybe\nstc,south,yes,,2004-12,supported,\nmore"`)
      .replace('year,north,,,,not_in_source,', `year,north,${'2'.repeat(100)},,,draft,`);
    const msgs = load({ 'cells.csv': cells }).problems.map((p) => `${where(p)} ${p.message}`);
    expect(msgs).toContain('cells.csv:2:11 "maybe…" is not yes or no');
    expect(msgs).toContain(`cells.csv:8:12 "${'2'.repeat(60)}…" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  });

  it('reports a missing file and a file in another separator', () => {
    const { problems } = load({ 'scales.csv': undefined, 'sources.csv': 'id;title;authors;year;path\nsrc;S;;;source.txt\n' });
    const msgs = problems.map((p) => `${where(p)} ${p.message}`);
    expect(msgs.some((m) => m.startsWith('scales.csv:0:0 missing file scales.csv'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('sources.csv:1:1 the header has one column; the file seems separated by ";"'))).toBe(true);
  });

  it('reports a NUL-holding (binary or UTF-16) file instead of reading garbage', () => {
    const utf16 = 'id,label\n'.split('').join('\u0000');
    const p = load({ 'jurisdictions.csv': utf16 }).problems[0];
    expect(p.file).toBe('jurisdictions.csv');
    expect(p.message).toMatch(/not UTF-8 text/);
  });
});

describe('telling repeated citation keys', () => {
  it('finds a repeat among small keys (a bit each) and large ones (a set), and refuses keys that are not numbers', () => {
    const cases: [number[], boolean][] = [
      [[1, 5, 64 * 3 + 2], true], [[1, 5, 1], false], [[0, 0], false], [[2, -1], false], [[], true],
      [[2 ** 28, 3, 2 ** 28 + 1], true], [[2 ** 28, 3, 2 ** 28], false],
    ];
    for (const [keys, distinct] of cases) expect(distinctKeys(Float64Array.from(keys)), String(keys)).toBe(distinct);
    expect(citationKey(2, 63)).toBe(2 * 64 + 63);
    expect([citationKey(2, 64), citationKey(-1, 1), citationKey(2, 1.5), citationKey(2, -1)]).toEqual([-1, -1, -1, -1]);
  });
});

describe('decoding a file\'s bytes', () => {
  it('reads UTF-8 and UTF-16 with a byte-order mark, reads other bytes as Windows-1252, and refuses NUL bytes', () => {
    const cases: [number[], string | undefined, string][] = [
      [[0x69, 0x64, 0xc3, 0xa9], 'idé', ''],
      [[0xef, 0xbb, 0xbf, 0x69, 0x64], 'id', ''],
      [[0xff, 0xfe, 0x69, 0x00, 0x64, 0x00], 'id', 'warning: file is UTF-16'],
      [[0x69, 0x64, 0xe9], 'idé', 'warning: file is not valid UTF-8'],
      [[0x69, 0x00, 0x64], undefined, 'error: file is not text'],
      [[0x69, 0x00, 0x64, 0xe9], undefined, 'error: file is not text'],
    ];
    for (const [bytes, text, note] of cases) {
      const problems: Problem[] = [];
      expect(decodeText(Uint8Array.from(bytes), 'x.csv', problems), String(bytes)).toBe(text);
      expect(problems.map((p) => `${p.severity}: ${p.message}`).join(), String(bytes)).toMatch(note === '' ? /^$/ : new RegExp(`^${note}`));
    }
  });
});

describe('checking a matrix against its sources', () => {
  it('finds every citation of the small matrix and flags no cell', async () => {
    const bundle = await readMatrix(textsReader(smallMatrixTexts()), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations });
    // A format 1 matrix: no basis, confidence or dates, so its coded cells draw codebook warnings.
    expect(withoutCodebook(check.problems)).toEqual([]);
    expect(check.coverage).toEqual({ cells: 6, supported: 4, notInSource: 2, draft: 0, flagged: 0, citations: 4, found: 4, ambiguous: 0, orphaned: 0, unchecked: 0, computed: 0, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0 });
  });

  it('flags a cell whose only citation is orphaned, pointing at the quote', async () => {
    const citations = smallMatrixTexts()['citations.csv']!.replace('Detention of claimants is rare in the north', 'Detention of claimants is unheard of');
    const bundle = await readMatrix(textsReader(smallMatrixTexts({ 'citations.csv': citations })), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations });
    expect(check.cells.get('detention\u0000north')).toBe('flagged');
    expect(check.coverage.orphaned).toBe(1);
    expect(check.coverage.flagged).toBe(1);
    const p = check.problems.find((x) => x.file === 'citations.csv')!;
    expect(where(p)).toBe('citations.csv:4:23');
    expect(p.message).toMatch(/^citation 1 of cell \(detention, north\) is orphaned/);
  });

  it('flags a supported value with no citation at all', async () => {
    const citations = smallMatrixTexts()['citations.csv']!.split('\n').filter((l) => !l.startsWith('stc,south')).join('\n');
    const bundle = await readMatrix(textsReader(smallMatrixTexts({ 'citations.csv': citations })), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
    expect(check.cells.get('stc\u0000south')).toBe('flagged');
    expect(check.problems.map((p) => p.message)).toContain('cell (stc, south) is flagged: it has a value but no citation');
  });

  it('reports a source whose text cannot be read, at its path', async () => {
    const bundle = await readMatrix(textsReader(smallMatrixTexts({ 'source.txt': undefined })), 'small');
    const p = bundle.problems.find((x) => x.file === 'sources.csv')!;
    expect(where(p)).toBe('sources.csv:2:33');
    expect(p.message).toBe('the text of source "src" cannot be read at source.txt');
  });

  it('a missing source text is one problem: its citations are unchecked, not orphaned each, and its cells flagged without a problem each', async () => {
    const bundle = await readMatrix(textsReader(smallMatrixTexts({ 'source.txt': undefined })), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations });
    expect([...bundle.problems, ...check.problems].filter((p) => p.severity === 'error').map((p) => `${where(p)} ${p.message}`))
      .toEqual(['sources.csv:2:33 the text of source "src" cannot be read at source.txt']);
    expect(check.coverage).toEqual({ cells: 6, supported: 0, notInSource: 2, draft: 0, flagged: 4, citations: 4, found: 0, ambiguous: 0, orphaned: 0, unchecked: 4, computed: 0, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0 });
    const [c] = check.citations.get('detention\u0000north')!;
    expect(c.anchor).toEqual({ status: 'unchecked', reason: 'the text of source "src" is not available' });
    // Not verified, so still flagged (shown as unverified), for the reason in words.
    expect(check.cells.get('detention\u0000north')).toBe('flagged');
    expect(UNCHECKED_FLAG).toMatch(/cannot be checked/);
  });

  it('a cell citing a missing source and a present one: its orphaned citation is a problem, the unchecked one is not', async () => {
    const texts = smallMatrixTexts({
      'sources.csv': 'id,title,authors,year,path\nsrc,Small source,A. Author,2020,source.txt\ngone,Lost source,B. Author,2021,gone.txt\n',
      'citations.csv': smallMatrixTexts()['citations.csv']!
        .replace('Detention of claimants is rare in the north', 'Detention of claimants is unheard of')
        .replace(/\n$/, '\ndetention,north,2,gone,Detention is rare,,,\n'),
    });
    const bundle = await readMatrix(textsReader(texts), 'small');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations });
    expect(check.coverage).toMatchObject({ citations: 5, found: 3, orphaned: 1, unchecked: 1, flagged: 1 });
    expect(withoutCodebook(check.problems).map((p) => p.message)).toEqual([
      expect.stringMatching(/^citation 1 of cell \(detention, north\) is orphaned/),
    ]);
  });
});
