import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_CITATIONS, MAX_LISTED_PLACES, MAX_QUOTE_LENGTH, NOT_CHECKED } from '../../src/model/anchor/limits.ts';
import { checkMatrix, flagReason } from '../../src/model/check/check.ts';
import { formatCoverage } from '../../src/cli/format-problem.ts';
import { citationWarning } from '../../src/components/policy-matrix/rows.ts';
import { omittedText } from '../../src/model/briefing/words.ts';
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

  it('keeps but does not check the citations past the limit, says so at the first of them, and says why their cell is flagged', () => {
    const texts = smallMatrixTexts();
    const rows = ['dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,start,end'];
    for (let i = 1; i <= MAX_CITATIONS; i++) rows.push(`stc,north,${i},src,The two states signed a safe third country agreement in 2002,,,,14,73`);
    // The two past the limit are the only citations of a cell with a value: its flag must say why they are unchecked.
    for (let i = 1; i <= 2; i++) rows.push(`year,north,${i},src,entered into force in December 2004,,,,`);
    const cells = texts['cells.csv']!.replace('year,north,,,,not_in_source,', 'year,north,2004,,,supported,');
    const loaded = loadMatrix('m', { ...texts, 'cells.csv': cells, 'citations.csv': `${rows.join('\n')}\n` });
    expect(loaded.matrix.citations).toHaveLength(MAX_CITATIONS + 2);
    const problem = loaded.problems.find((p) => /more than the 500,000 checked/.test(p.message));
    expect(problem).toMatchObject({ file: 'citations.csv', line: MAX_CITATIONS + 2 });
    const check = checkMatrix(loaded.matrix, new Map([['src', texts['source.txt']!]]));
    expect(check.coverage.found).toBe(MAX_CITATIONS);
    expect(check.coverage.unchecked).toBe(2);
    expect(check.coverage.orphaned).toBe(0);

    // The source's text is there: nothing may say it is missing.
    const year = check.citations.get('year\u0000north')!;
    expect(check.cells.get('year\u0000north')).toBe('flagged');
    const flag = flagReason('supported', '2004', year)!;
    expect(flag).toBe('has a value but its citations are not checked: only the first 500,000 citations of a matrix are checked');
    // Reported once, at the first citation past the limit, not again for each cell.
    expect(check.problems.filter((p) => p.message.startsWith('cell (year, north)'))).toEqual([]);
    expect(formatCoverage(check.coverage)).toContain('2 unchecked (past the limit of 500,000 citations checked)');
    expect(citationWarning({ ambiguous: 0, orphaned: 0, unchecked: 2, pastLimit: 2 })).toBe('2 unchecked citations (past the limit of 500,000 citations checked)');
  }, 180_000);
});

describe('why a citation is unchecked, in words', () => {
  const missing = { status: 'unchecked', reason: 'the text of source "src" is not available' } as const;
  const citation = { dimension: 'year', jurisdiction: 'north', period: 1, seq: 1, source: 'src', quote: 'x', prefix: '', suffix: '', locator: '', support: 'states', attribution: '' } as const;

  it('a missing source text and the limit of citations checked are told apart', () => {
    expect(flagReason('supported', '2004', [{ citation, anchor: missing }])).toBe(
      'has a value but its citations cannot be checked: the text of their source is not available',
    );
    expect(flagReason('supported', '2004', [{ citation, anchor: { ...NOT_CHECKED } }])).toMatch(/only the first 500,000 citations of a matrix are checked$/);
    expect(formatCoverage({ cells: 1, supported: 0, notInSource: 0, draft: 0, flagged: 1, citations: 3, found: 0, ambiguous: 0, orphaned: 0, unchecked: 3, computed: 0, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0 }))
      .toContain('3 unchecked (their source text is missing)');
    expect(formatCoverage({ cells: 1, supported: 0, notInSource: 0, draft: 0, flagged: 1, citations: MAX_CITATIONS + 2, found: MAX_CITATIONS - 1, ambiguous: 0, orphaned: 0, unchecked: 3, computed: 0, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0 }))
      .toContain('3 unchecked (2 past the limit of 500,000 citations checked, 1 with its source text missing)');
    expect(citationWarning({ ambiguous: 0, orphaned: 0, unchecked: 1 })).toBe('1 unchecked citation (source text not loaded)');
    expect(citationWarning({ ambiguous: 0, orphaned: 0, unchecked: 3, pastLimit: 1 })).toBe(
      '3 unchecked citations (1 past the limit of 500,000 citations checked, 2 with their source text not loaded)',
    );
    // A briefing says why a citation is not footnoted.
    const omitted = { dimension: 'year', jurisdiction: 'north', seq: 1, status: 'unchecked', where: 'Year in force, North' } as const;
    expect(omittedText(omitted)).toContain('the text of its source is not available');
    expect(omittedText({ ...omitted, pastLimit: true })).toBe('Year in force, North, citation 1: it is past the limit of 500,000 citations checked in a matrix, so it is not footnoted.');
  });
});
