import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CITATIONS, MAX_LISTED_PLACES, MAX_QUOTE_LENGTH } from '../../src/model/anchor/limits.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

/**
 * `validate --json` in CI on a contributed matrix: its listings of a quote's places must not
 * rebuild a source. Quotes of single characters used to list 20 places each, enough to read
 * back a whole token file from the report.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

function writeMatrix(texts: Record<string, string | undefined>): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-listing-')), 'm');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(texts)) if (text !== undefined) writeFileSync(join(folder, name), text);
  return folder;
}

describe('validate --json lists places by position, a few at most', () => {
  it('cannot be used to read back a source: single-character quotes reveal at most a few places each', () => {
    // A 256-character hexadecimal token as the source, and a citation quoting each digit.
    let secret = '';
    let seed = 11;
    for (let i = 0; i < 256; i++) secret += '0123456789abcdef'[(seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % 16];
    const rows = [...'0123456789abcdef'].map((c, i) => `stc,north,${i + 2},src,${c},,,`);
    const texts = smallMatrixTexts();
    const folder = writeMatrix({
      ...texts,
      'source.txt': secret,
      'citations.csv': `${texts['citations.csv']}${rows.join('\n')}\n`,
    });
    const r = spawnSync(process.execPath, [bin, 'validate', '--json', folder], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout).matrices[0];
    const rebuilt: string[] = new Array(secret.length).fill('?');
    let listed = 0;
    for (const c of report.citations) {
      if (c.seq < 2) continue;
      expect(c.status).toBe('ambiguous');
      expect(c.candidates.length).toBeLessThanOrEqual(MAX_LISTED_PLACES);
      expect(c.places).toBeGreaterThan(c.candidates.length - 1);
      for (const place of c.candidates) {
        // Positions only: no text of the source.
        expect(Object.keys(place).sort()).toEqual(['end', 'start']);
        rebuilt[place.start] = secret[place.start];
        listed++;
      }
    }
    expect(listed).toBeLessThanOrEqual(16 * MAX_LISTED_PLACES);
    expect(rebuilt.filter((c) => c !== '?').length).toBeLessThan(secret.length / 2);
  });

  it('gives a suggestion as a position and a similarity, without the suggested text', () => {
    const texts = smallMatrixTexts();
    const folder = writeMatrix({
      ...texts,
      'citations.csv': texts['citations.csv']!.replace('Detention of claimants is rare in the north', 'Detention of claimants is rarely seen in the north'),
    });
    const r = spawnSync(process.execPath, [bin, 'validate', '--json', folder], { encoding: 'utf8' });
    const c = JSON.parse(r.stdout).matrices[0].citations.find((x: { status: string }) => x.status === 'orphaned');
    expect(c.suggestion.range.end).toBeGreaterThan(c.suggestion.range.start);
    expect(c.suggestion.similarity).toBeGreaterThan(0.75);
    expect(c.suggestion.text).toBeUndefined();
    expect(r.stdout).not.toContain('Detention of claimants is rare in the north');
  });
});

describe('limits on quotes and citations, reported where they stand', () => {
  it('reports a quote over the length limit at its row and column, and does not look it up', () => {
    const texts = smallMatrixTexts();
    const long = 'rare '.repeat(500).trim();
    const loaded = loadMatrix('m', { ...texts, 'citations.csv': `${texts['citations.csv']}detention,north,2,src,${long},,,\n` });
    const problem = loaded.problems.find((p) => p.field === 'quote' && /characters long/.test(p.message));
    expect(problem).toMatchObject({ file: 'citations.csv', line: 6, severity: 'error' });
    expect(problem!.message).toContain(`the quote is 2,499 characters long, more than the ${MAX_QUOTE_LENGTH.toLocaleString('en-US')} allowed`);
    const check = checkMatrix(loaded.matrix, new Map([['src', texts['source.txt']!]]));
    const anchor = check.citations.get('detention\u0000north')!.find((c) => c.citation.seq === 2)!.anchor;
    expect(anchor.status).toBe('orphaned');
    expect(anchor.reason).toMatch(/characters long/);
  });

  it('keeps but does not check the citations past the limit, and says so at the first of them', () => {
    const texts = smallMatrixTexts();
    const rows = ['dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,start,end'];
    for (let i = 1; i <= MAX_CITATIONS + 2; i++) rows.push(`stc,north,${i},src,The two states signed a safe third country agreement in 2002,,,,14,73`);
    const loaded = loadMatrix('m', { ...texts, 'citations.csv': `${rows.join('\n')}\n` });
    expect(loaded.matrix.citations).toHaveLength(MAX_CITATIONS + 2);
    const problem = loaded.problems.find((p) => /more than the 500,000 checked/.test(p.message));
    expect(problem).toMatchObject({ file: 'citations.csv', line: MAX_CITATIONS + 2 });
    const check = checkMatrix(loaded.matrix, new Map([['src', texts['source.txt']!]]));
    expect(check.coverage.found).toBe(MAX_CITATIONS);
    expect(check.coverage.unchecked).toBe(2);
    expect(check.coverage.orphaned).toBe(0);
  }, 180_000);
});
