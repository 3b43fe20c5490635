/**
 * `policy-matrix new` (a valid empty matrix, or the structure of another; never into a
 * folder that holds anything) and `policy-matrix references` (the sources as CSL-JSON or
 * BibTeX), run as a user runs them: the built command line in a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMALL_SOURCE, smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const bundled = join(root, 'matrices', 'eu-north-america');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temp = () => mkdtempSync(join(tmpdir(), 'policy-matrix-new-'));
const rows = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** `validate` of a folder: its exit status and its last line (the counts). */
function validate(folder: string) {
  const r = cli('validate', folder);
  return { status: r.status, counts: r.stdout.trim().split('\n').at(-1), stdout: r.stdout };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix new', () => {
  it('writes a matrix with its title and description that validates with 0 errors and 0 warnings', () => {
    const folder = join(temp(), 'asylum-2025');
    const r = cli('new', folder, '--title', 'Asylum 2025', '--description', 'Claimants, =detention and appeals');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${folder}: new matrix “Asylum 2025”: 0 jurisdictions × 0 dimensions`);
    expect(readdirSync(folder).sort()).toEqual(['cells.csv', 'citations.csv', 'datapackage.json', 'dimensions.csv', 'jurisdictions.csv', 'scales.csv', 'sources.csv']);
    const descriptor = JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8'));
    expect(descriptor).toMatchObject({ name: 'asylum-2025', title: 'Asylum 2025', description: 'Claimants, =detention and appeals', policyMatrixFormat: 2 });
    expect(readFileSync(join(folder, 'sources.csv'), 'utf8')).toBe('id,title,authors,year,path,kind,original,map,sha256,text_sha256,url,archive_url,retrieved,evidence_type,publisher\n');
    const v = validate(folder);
    expect(v.status, v.stdout).toBe(0);
    expect(v.counts).toBe('0 errors, 0 warnings');
  });

  it('--like copies jurisdictions, dimensions and scales: every cell not in source, no citations, no sources', () => {
    const folder = join(temp(), 'copy');
    const r = cli('new', folder, '--title', 'Copy of the bundled matrix', '--like', bundled);
    expect(r.status, r.stderr).toBe(0);
    for (const file of ['jurisdictions.csv', 'dimensions.csv', 'scales.csv']) {
      expect(readFileSync(join(folder, file), 'utf8'), file).toBe(readFileSync(join(bundled, file), 'utf8'));
    }
    const cells = rows(join(folder, 'cells.csv'));
    expect(cells).toHaveLength(rows(join(bundled, 'dimensions.csv')).length * rows(join(bundled, 'jurisdictions.csv')).length);
    expect(cells.every((c) => c.status === 'not_in_source' && c.value === '' && c.level === '' && c.note === '')).toBe(true);
    expect(rows(join(folder, 'citations.csv'))).toEqual([]);
    expect(rows(join(folder, 'sources.csv'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8')).title).toBe('Copy of the bundled matrix');
    const v = validate(folder);
    expect(v.status, v.stdout).toBe(0);
    expect(v.stdout).toContain(`cells: ${cells.length} — 0 supported, ${cells.length} not in source, 0 draft, 0 flagged`);
    expect(v.counts).toBe('0 errors, 0 warnings');
  });

  it('--keep-sources keeps the sources list and writes their texts beside the new folder', () => {
    const dir = temp();
    const folder = join(dir, 'with-sources');
    const r = cli('new', folder, '--title', 'With sources', '--like', bundled, '--keep-sources');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(folder, 'sources.csv'), 'utf8')).toBe(readFileSync(join(bundled, 'sources.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'sources', 'security-in-the-americas.txt'), 'utf8')).toBe(readFileSync(join(root, 'matrices', 'sources', 'security-in-the-americas.txt'), 'utf8'));
    expect(rows(join(folder, 'citations.csv'))).toEqual([]);
    expect(validate(folder).counts).toBe('0 errors, 0 warnings');
  });

  it('refuses a folder that holds anything, and writes nothing there', () => {
    const folder = join(temp(), 'taken');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    const r = cli('new', folder, '--title', 'Anything');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${folder}: error: is not empty (1 entry): a new matrix is written only into a new or empty folder`);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    // A file where the folder would be is refused too.
    const file = join(temp(), 'a-file');
    writeFileSync(file, 'x');
    expect(cli('new', file, '--title', 'X').status).toBe(1);
  });

  it('refuses to copy a structure with errors, naming them; errors in cells or citations do not matter', () => {
    const dir = temp();
    const like = join(dir, 'small');
    mkdirSync(like);
    const texts = smallMatrixTexts();
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(like, name), text!);
    // A bad level in cells.csv: the structure is still good.
    writeFileSync(join(like, 'cells.csv'), texts['cells.csv']!.replace('Rare,rare', 'Rare,seldom'));
    const ok = cli('new', join(dir, 'fine'), '--title', 'Fine', '--like', like);
    expect(ok.status, ok.stderr).toBe(0);
    expect(validate(join(dir, 'fine')).counts).toBe('0 errors, 0 warnings');
    // An ordinal dimension with an unknown scale: refused, located.
    writeFileSync(join(like, 'dimensions.csv'), texts['dimensions.csv']!.replace('ordinal,frequency', 'ordinal,nowhere'));
    const bad = cli('new', join(dir, 'bad'), '--title', 'Bad', '--like', like);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`${join(like, 'dimensions.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error: unknown scale "nowhere"`));
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });

  it('a wrong call says why (exit 2)', () => {
    expect(cli('new', join(temp(), 'x')).stderr).toContain('policy-matrix new: --title is needed');
    expect(cli('new', join(temp(), 'x'), '--title', '  ').stderr).toContain('--title needs some text');
    expect(cli('new', '--title', 'T').stderr).toContain('new needs the folder to write the matrix into');
    expect(cli('new', join(temp(), 'x'), '--title', 'T', '--keep-sources').stderr).toContain('--keep-sources keeps the sources of the --like matrix');
    expect(cli('new', join(temp(), 'x'), '--title', 'T', '--colour').status).toBe(2);
  });
});

describe('policy-matrix references', () => {
  /** A matrix whose sources have the bibliographic columns. */
  function referencedMatrix(): string {
    const folder = join(temp(), 'refs');
    mkdirSync(folder);
    const texts = smallMatrixTexts({
      'sources.csv': [
        'id,title,authors,year,path,url,evidence_type,publisher,retrieved',
        'src,Small source & more,"Author, Ann; {Department of State}",2020,source.txt,https://example.org/a?b=1&c=2,government-document,Ministry,2024-05-01',
        'law,Safe Third Country Agreement,,2002,law.txt,,law-or-treaty,,',
        '',
      ].join('\n'),
      'law.txt': 'The agreement.\n',
    });
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(folder, name), text!);
    return folder;
  }

  it('--format csl-json prints a JSON array of the sources as items', () => {
    const r = cli('references', referencedMatrix(), '--format', 'csl-json');
    expect(r.status, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout) as { id: string; type: string; title: string; author?: unknown[]; URL?: string; publisher?: string; issued?: unknown }[];
    expect(items.map((i) => [i.id, i.type, i.title])).toEqual([
      ['src', 'report', 'Small source & more'],
      ['law', 'legislation', 'Safe Third Country Agreement'],
    ]);
    expect(items[0]).toMatchObject({ URL: 'https://example.org/a?b=1&c=2', publisher: 'Ministry', author: [{ family: 'Author', given: 'Ann' }, { literal: 'Department of State' }] });
    expect(r.stderr).toContain('2 references (CSL-JSON) on standard output');
  });

  it('--format bibtex --out writes one entry per source, keyed by source id', () => {
    const out = join(temp(), 'refs.bib');
    const r = cli('references', referencedMatrix(), '--format', 'bibtex', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${out}: 2 references (BibTeX) of Small test matrix`);
    const bib = readFileSync(out, 'utf8');
    expect(bib.match(/^@\w+\{[^,]+,/gm)).toEqual(['@techreport{src,', '@misc{law,']);
    expect(bib).toContain('title = {{Small source \\& more}}');
    expect(bib).toContain('institution = {Ministry}');
    expect(bib).toContain('year = {2002}');
  });

  it('reads the bundled matrix and a zip of it; a matrix with no sources gives an empty list', () => {
    const bib = cli('references', bundled, '--format', 'bibtex');
    expect(bib.status).toBe(0);
    expect(bib.stdout).toContain('@misc{security-americas,');
    expect(bib.stdout).toContain('author = {Durepos, Catherine and Mace, Gordon}');
    const zip = join(temp(), 'eu.zip');
    expect(cli('export', bundled, '--format', 'canonical', '--out', zip).status).toBe(0);
    expect(JSON.parse(cli('references', zip, '--format', 'csl-json').stdout)[0].id).toBe('security-americas');
    const empty = join(temp(), 'empty');
    expect(cli('new', empty, '--title', 'Empty').status).toBe(0);
    const none = cli('references', empty, '--format', 'csl-json');
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('refuses a sources.csv with errors (exit 1) and a wrong call (exit 2)', () => {
    const folder = referencedMatrix();
    writeFileSync(join(folder, 'sources.csv'), 'id,title,authors,year,path\nsrc,,A,2020,source.txt\nsrc,Twice,B,2021,source.txt\n');
    writeFileSync(join(folder, 'source.txt'), SMALL_SOURCE);
    const r = cli('references', folder, '--format', 'bibtex');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sources\.csv:3:\d+: error: duplicate/);
    expect(r.stdout).toBe('');
    expect(cli('references', bundled).stderr).toContain('--format is needed (csl-json or bibtex)');
    expect(cli('references', bundled, '--format', 'ris').stderr).toContain('--format "ris" is not one of csl-json, bibtex');
    expect(cli('references', join(temp(), 'nothing'), '--format', 'bibtex').status).toBe(1);
  });
});
