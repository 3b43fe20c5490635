import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import type { Problem } from '../../src/model/types.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const where = (p: Problem) => `${p.file}:${p.line}:${p.column}`;
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Read the small matrix with some files replaced by raw bytes. */
function readWith(overrides: Record<string, string | Uint8Array | undefined>) {
  const files: Record<string, string | Uint8Array | undefined> = { ...smallMatrixTexts(), ...overrides };
  return readMatrix(async (path) => files[path], 'small');
}

describe('malformed matrices: a clear problem, no crash, every good row loaded', () => {
  it('reads a UTF-16 file with a BOM, and says it was UTF-16', async () => {
    const text = smallMatrixTexts()['jurisdictions.csv']!;
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    const { matrix, problems } = await readWith({ 'jurisdictions.csv': le });
    expect(matrix.jurisdictions.map((j) => j.id)).toEqual(['north', 'south']);
    expect(problems.map((p) => `${where(p)} ${p.message}`)).toEqual(['jurisdictions.csv:0:0 file is UTF-16 (little-endian); it was read, and is saved as UTF-8']);
  });

  it('refuses binary garbage with one clear problem and loads the other files', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const { matrix, problems } = await readWith({ 'citations.csv': garbage });
    const mine = problems.filter((p) => p.file === 'citations.csv');
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toMatch(/^file is not text/);
    expect(matrix.cells).toHaveLength(6);
  });

  it('reads Windows-1252 bytes and says they were not UTF-8', async () => {
    const bytes = utf8('id,label,group,order\nnorth,North,Group A,1\nsouth,S\u00e9u,Group B,2\n').filter((b) => b !== 0xc3).map((b) => (b === 0xa9 ? 0xe9 : b));
    const { matrix, problems } = await readWith({ 'jurisdictions.csv': bytes });
    expect(matrix.jurisdictions[1].label).toBe('Séu');
    expect(problems[0].message).toMatch(/not valid UTF-8; it was read as Windows-1252/);
  });

  it('accepts bare CR line endings', async () => {
    const { matrix, problems } = await readWith({ 'cells.csv': smallMatrixTexts()['cells.csv']!.replaceAll('\n', '\r') });
    expect(problems).toEqual([]);
    expect(matrix.cells).toHaveLength(6);
  });

  it('reports an empty file', async () => {
    const { problems } = await readWith({ 'scales.csv': '' });
    expect(problems.map((p) => `${where(p)} ${p.message}`)).toContain('scales.csv:0:0 empty file: scales.csv needs a header row (scale,rank,level,label,definition,needs_absolute)');
  });

  it('loads a 1 MB cell value and a 100,000-character quote', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const cells = smallMatrixTexts()['cells.csv']!.replace('Note, with a comma', big);
    const longQuote = 'word '.repeat(20000).trim();
    const citations = smallMatrixTexts()['citations.csv']!.replace('Detention of claimants is rare in the north', longQuote);
    const bundle = await readWith({ 'cells.csv': cells, 'citations.csv': citations });
    // The row is loaded; the quote is over the length limit, which is said where it stands.
    expect(bundle.problems).toHaveLength(1);
    expect(bundle.problems[0]).toMatchObject({ file: 'citations.csv', line: 4, field: 'quote', severity: 'error' });
    expect(bundle.problems[0].message).toContain('the quote is 99,999 characters long, more than the 2,000 allowed');
    expect(bundle.matrix.cells[3].note).toHaveLength(1024 * 1024);
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
    const c = check.citations.get('detention\u0000north')![0];
    expect(c.citation.quote).toHaveLength(99999);
    expect(c.anchor.status).toBe('orphaned');
    expect(check.cells.get('detention\u0000north')).toBe('flagged');
  });
});
