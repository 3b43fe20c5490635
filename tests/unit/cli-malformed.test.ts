/**
 * Malformed matrices on the command line: each gives `file:line:column: message` lines (the
 * file alone when the whole file is at fault, never `file:0:0`) and no crash (exit 1 for
 * errors, never a stack trace), and the good rows still count.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const base = smallMatrixTexts();

function utf16(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) out[2 + i * 2] = text.charCodeAt(i);
  return out;
}

const CASES: [string, Record<string, string | Uint8Array | undefined>, RegExp | null][] = [
  ['unclosed quote', { 'jurisdictions.csv': 'id,label,group,order\nnorth,"North,Group A,1\nsouth,South,Group B,2\n' }, /jurisdictions\.csv:2:7: error: unclosed quote/],
  ['ragged row', { 'jurisdictions.csv': 'id,label,group,order\nnorth,North,Group A\nsouth,South,Group B,2\n' }, /jurisdictions\.csv:2:\d+: error: row has 3 fields, the header has 4/],
  ['wrong delimiter', { 'sources.csv': 'id;title;authors;year;path\nsrc;S;;;source.txt\n' }, /sources\.csv:1:1: error: the header has one column; the file seems separated by ";"/],
  ['duplicate header', { 'jurisdictions.csv': 'id,label,label,order\nnorth,North,N,1\nsouth,South,S,2\n' }, /jurisdictions\.csv:1:\d+: error: duplicate column "label"/],
  ['missing column', { 'jurisdictions.csv': 'id,label,order\nnorth,North,1\nsouth,South,2\n' }, /jurisdictions\.csv:1: error: missing column "group"/],
  ['unknown id', { 'cells.csv': base['cells.csv']!.replace('detention,south', 'detension,south') }, /cells\.csv:5:1: error: unknown dimension "detension"/],
  ['1 MB cell', { 'cells.csv': base['cells.csv']!.replace('Note, with a comma', 'x'.repeat(1024 * 1024)) }, null],
  ['100,000-character quote', { 'citations.csv': base['citations.csv']!.replace('Detention of claimants is rare in the north', 'word '.repeat(20000).trim()) }, /citations\.csv:4:\d+: error: citation 1 of cell \(detention, north\) is orphaned/],
  ['binary garbage', { 'citations.csv': new Uint8Array(4096).map((_, i) => (i * 7919) % 256) }, /citations\.csv: error: file is not text/],
  ['UTF-16 file', { 'jurisdictions.csv': utf16(base['jurisdictions.csv']!) }, /jurisdictions\.csv: warning: file is UTF-16/],
  ['BOM and CRLF', { 'cells.csv': '\uFEFF' + base['cells.csv']!.replaceAll('\n', '\r\n') }, null],
  ['bare CR', { 'cells.csv': base['cells.csv']!.replaceAll('\n', '\r') }, null],
  ['empty file', { 'scales.csv': '' }, /scales\.csv: error: empty file/],
  ['missing file', { 'scales.csv': undefined }, /scales\.csv: error: missing file scales\.csv/],
];

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix validate on malformed matrices', () => {
  it.each(CASES)('%s', (_name, overrides, expected) => {
    const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-bad-')), 'small');
    mkdirSync(folder);
    for (const [file, content] of Object.entries({ ...base, ...overrides })) if (content !== undefined) writeFileSync(join(folder, file), content);
    const r = spawnSync(process.execPath, [join(root, 'bin', 'policy-matrix.js'), 'validate', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const lines = r.stdout.split('\n');
    if (expected) {
      expect(lines.some((l) => expected.test(l.replace(folder + '/', ''))), r.stdout.slice(0, 2000)).toBe(true);
      // Every problem line names the file, and its line and column where they are known: never a line or column 0.
      for (const l of lines.filter((x) => /: (error|warning): /.test(x))) {
        expect(l).toMatch(/^.+\.(csv|json|txt)(:[1-9]\d*(:[1-9]\d*)?)?: (error|warning): /);
      }
    } else {
      expect(r.status, r.stdout.slice(0, 2000)).toBe(0);
    }
    expect(r.status === 0 || r.status === 1).toBe(true);
    // The good rows still load: the cells summary always counts the file's cells.
    expect(r.stdout).toMatch(/cells: \d+ — /);
  });
});
