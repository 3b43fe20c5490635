/**
 * `policy-matrix codebook --format pdf`: the PDF is read back with pdfjs-dist and holds the
 * text a reader sees — the title page, every dimension's definition, basis, rules, worked
 * example and levels, page numbers — for the bundled matrix and for a small matrix whose text
 * is made to be hard (accents, dashes, quotes, Greek, Cyrillic, control characters, PDF syntax,
 * a word longer than a line); and a link, a folder or a missing folder at --out is refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebookOf, codingRulesParts } from '../../src/model/codebook/document.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { folderReader } from '../../src/cli/node-reader.ts';
import { BASIS_WORDS } from '../../src/model/codebook/document.ts';
import { drawable } from '../../src/cli/codebook-pdf.ts';
import { pdfLines, pdfText, readPdf, paperOf, type PdfPage } from './support/pdf-text.ts';
import { timeFolderFiles } from './support/time-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const BUNDLED = join(root, 'matrices', 'eu-north-america');
const DATE = '2026-03-01';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'policy-matrix-codebook-pdf-'));

/** Text compared across line wrapping: NFC, no white space (a line may break at any space). */
const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

const csv = (rows: string[][]) => rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';

/** Hard text: what a matrix may hold, and a PDF must print as text. */
const TRICKY = {
  label: 'Détention — “rétention” à Łódź',
  definition: 'Whether claimants are held… ‘pending’ review (Ελλάδα, Москва, İstanbul, Ærø); ) Tj ET BT (not PDF syntax) <b>not markup</b> & more',
  rules: 'Grade strict where the text says “detained” — de facto.\n\nA second paragraph: façade, naïve, coöperate.\nWorked example: the source’s “strict from 1999” gives Strict — not “Lenient”.',
  long: 'https://example.org/' + 'x'.repeat(180),
  strict: 'Held as a rule — “mandatory” détention',
  lenient: 'Held rarely; alternatives (reporting, bail) prevail',
  /** A level and a theme of the kind the bundled matrix has: an accent and an en dash. */
  mexico: 'México: coordination only',
  theme: 'Schengen – Dublin',
};

let trickyFolder = '';
let trickyOut = '';
let bundledPdf: PdfPage[] = [];
let trickyPdf: PdfPage[] = [];
let trickyRun: ReturnType<typeof cli>;
let bundledRun: ReturnType<typeof cli>;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
  trickyFolder = join(scratch(), 'tricky');
  mkdirSync(trickyFolder);
  const files = timeFolderFiles();
  files['dimensions.csv'] = csv([
    ['id', 'label', 'definition', 'theme', 'value_type', 'scale', 'unit', 'order', 'basis', 'coding_rules', 'direction'],
    ['nexus', 'NEXUS sites', `Sites, see ${TRICKY.long}`, 'Borders', 'number', '', 'sites', '1', 'de_facto', 'Count the sites the source names', 'integrated'],
    ['detention', TRICKY.label, `${TRICKY.definition}\u0007\u202e`, 'Asylum — “Ø”', 'ordinal', 'strictness', '', '2', 'de_facto', TRICKY.rules, 'restrictive'],
    ['visa', 'Visa rule', 'Which rule 中', TRICKY.theme, 'text', '', '', '3', 'de_jure', '', ''],
    ['newrule', 'New rule', 'Rule', 'Asylum — “Ø”', 'text', '', '', '4', '', '', ''],
  ]);
  files['scales.csv'] = csv([
    ['scale', 'rank', 'level', 'label', 'definition', 'needs_absolute'],
    ['strictness', '1', 'lenient', 'Lenient', TRICKY.lenient, 'no'],
    ['strictness', '2', 'strict', 'Strict', TRICKY.strict, 'yes'],
    ['strictness', '3', 'coordinated', TRICKY.mexico, 'Coordinated with México City and Ottawa', 'no'],
  ]);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(trickyFolder, name), text);
  trickyOut = join(scratch(), 'tricky.pdf');
  trickyRun = cli('codebook', trickyFolder, '--format', 'pdf', '--out', trickyOut, '--date', DATE);
  trickyPdf = await readPdf(trickyOut);
  const bundledOut = join(scratch(), 'bundled.pdf');
  bundledRun = cli('codebook', BUNDLED, '--format', 'pdf', '--out', bundledOut, '--date', DATE);
  bundledPdf = await readPdf(bundledOut);
}, 240_000);

describe('policy-matrix codebook --format pdf, the bundled matrix', () => {
  it('writes a PDF of more than one page, said on standard output', () => {
    expect(bundledRun.stderr).toBe('');
    expect(bundledRun.status).toBe(0);
    expect(bundledRun.stdout).toMatch(/: codebook of "EU vs North America: border, asylum and security cooperation" \(pdf\): 27 dimensions, \d+ pages$/m);
    expect(bundledPdf.length).toBeGreaterThan(1);
    expect(bundledPdf.every((p) => paperOf(p) === 'A4')).toBe(true);
  });

  it('has a title page: the matrix, the format version, the date, the contents', () => {
    const first = pdfText([bundledPdf[0]]);
    expect(squeeze(first)).toContain(squeeze('EU vs North America: border, asylum and security cooperation'));
    expect(first).toContain('policy-matrix format version 2');
    expect(first).toContain(`Date: ${DATE}`);
    expect(first).toContain('Contents');
  });

  it('holds every dimension: its name, definition, basis, rules, worked example and every level, on the page the contents give', async () => {
    const matrix = (await readMatrix(folderReader(BUNDLED), 'eu-north-america')).matrix;
    const book = codebookOf(matrix);
    const text = squeeze(pdfText(bundledPdf));
    const lines = pdfLines(bundledPdf.slice(0, 3));
    for (const { entries } of book.themes) {
      for (const { dimension: d, levels } of entries) {
        expect(text, d.id).toContain(squeeze(d.label));
        expect(text, d.id).toContain(squeeze(`Id: ${d.id}`));
        expect(text, d.id).toContain(squeeze(`Definition: ${d.definition}`));
        expect(text, d.id).toContain(squeeze(`Coding basis: ${BASIS_WORDS[d.basis]}`));
        const { rules, example } = codingRulesParts(d.codingRules);
        expect(example.length, `${d.id} has a worked example`).toBeGreaterThan(0);
        expect(text, d.id).toContain(squeeze(`Coding rules${rules.join('')}Worked example${example.join('')}`));
        for (const l of levels) expect(text, `${d.id} ${l.id}`).toContain(squeeze(`${l.rank}${l.label}${l.definition}${l.needsAbsolute ? 'yes' : 'no'}`));
        // The contents give the page the dimension's heading is on.
        const listed = lines.find((line) => line.startsWith(d.label) && /\s(\d+)$/.test(line));
        expect(listed, `${d.label} in the contents`).toBeDefined();
        const page = Number(/(\d+)$/.exec(listed!)![1]);
        expect(pdfLines([bundledPdf[page - 1]]), `${d.label} on page ${page}`).toContain(d.label);
      }
    }
  });

  it('numbers every page "Page n of N"', () => {
    bundledPdf.forEach((page, i) => expect(pdfLines([page]).some((l) => l.endsWith(`Page ${i + 1} of ${bundledPdf.length}`)), `page ${i + 1}`).toBe(true));
  });
});

describe('policy-matrix codebook --format pdf, hard text', () => {
  it('prints accents, dashes, quotes, Greek and Cyrillic as typed', () => {
    expect(trickyRun.status).toBe(0);
    const text = pdfText(trickyPdf);
    const flat = squeeze(text);
    expect(text).toContain(TRICKY.label);
    expect(flat).toContain(squeeze(`Definition: ${TRICKY.definition}`));
    expect(flat).toContain(squeeze('Grade strict where the text says “detained” — de facto.'));
    expect(flat).toContain(squeeze('A second paragraph: façade, naïve, coöperate.'));
    expect(flat).toContain(squeeze('Worked example the source’s “strict from 1999” gives Strict — not “Lenient”.'));
    expect(flat).toContain(squeeze(`1Lenient${TRICKY.lenient}no`));
    expect(flat).toContain(squeeze(`2Strict${TRICKY.strict}yes`));
    expect(flat).toContain(squeeze(`3${TRICKY.mexico}Coordinated with México City and Ottawano`));
    expect(text).toContain(`Theme: ${TRICKY.theme}`);
    expect(text).toContain('Theme: Asylum — “Ø”');
    expect(text).toContain('Coding basis: De facto — observed practice');
    expect(text).toContain('Coding basis: Not decided');
  });

  it('prints the matrix\'s text as text: no control characters or direction overrides, PDF syntax and markup as typed', () => {
    const text = pdfText(trickyPdf);
    expect(text).not.toMatch(/[\u0007\u202e]/);
    expect(text).toContain(') Tj ET BT (not PDF syntax) <b>not markup</b> & more');
  });

  it('leaves out what would not draw as text: control characters, direction overrides and isolates', () => {
    // pdf.js drops these when it reads the text back, so the PDF test above cannot see them.
    expect(drawable('a\u0007b\u202ec\u2066d\u0085e\u007ff\r\ng\th')).toBe('abcdef\ng h');
    expect(drawable('Łódź — “ok” ) Tj <b>')).toBe('Łódź — “ok” ) Tj <b>');
  });

  it('wraps a word longer than a line within the page and keeps all of it', () => {
    expect(squeeze(pdfText(trickyPdf)).replace(/-/g, '')).toContain(squeeze(TRICKY.long).replace(/-/g, ''));
    for (const page of trickyPdf) for (const p of page.pieces) expect(p.x + p.width, p.str).toBeLessThanOrEqual(page.width - 60);
  });

  it('names the characters the font cannot show', () => {
    expect(trickyRun.stderr).toContain('warning: the font (DejaVu Sans) has no glyph for 1 character of the matrix\'s text, shown as a box: U+4E2D');
  });

  it('gives the same bytes for the same matrix and date (a codebook kept in git does not change for nothing)', () => {
    const again = join(scratch(), 'again.pdf');
    expect(cli('codebook', trickyFolder, '--format', 'pdf', '--out', again, '--date', DATE).status).toBe(0);
    expect(Buffer.compare(readFileSync(again), readFileSync(trickyOut))).toBe(0);
  });

  it('prints on letter paper when asked', async () => {
    const out = join(scratch(), 'letter.pdf');
    expect(cli('codebook', trickyFolder, '--format', 'pdf', '--out', out, '--paper', 'letter', '--date', DATE).status).toBe(0);
    expect((await readPdf(out)).map(paperOf)).toContain('letter');
  });
});

describe('policy-matrix codebook --format pdf, the call and the file', () => {
  it('the command line bundle loads PDFKit from node_modules when a PDF is asked for, and holds none of it', () => {
    const bundle = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');
    expect(bundle).toMatch(/import\(\s*["']pdfkit["']\s*\)/);
    // fontkit, PDFKit's font engine (asked which characters the font draws), stays in
    // node_modules (the font is read from there too): imported, none of its code in the bundle.
    expect(bundle).toMatch(/import\(\s*["']fontkit["']\s*\)/);
    expect(bundle).not.toContain('WOFF2Font');
  });

  it('--help lists pdf', () => {
    const help = cli('codebook', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--format html|md|pdf');
    expect(help.stdout).toContain('--paper a4|letter');
  });

  it('needs a file for a PDF, a known paper and a date', () => {
    const stdout = cli('codebook', trickyFolder, '--format', 'pdf');
    expect(stdout.status).toBe(2);
    expect(stdout.stderr).toContain('a PDF needs a file: give --out <file>.pdf');
    expect(cli('codebook', trickyFolder, '--format', 'pdf', '--out', join(scratch(), 'x.pdf'), '--paper', 'a5').stderr).toContain('--paper "a5" is not one of a4, letter');
    expect(cli('codebook', trickyFolder, '--format', 'pdf', '--out', join(scratch(), 'x.pdf'), '--date', '2026-13-01').stderr).toContain('--date "2026-13-01" is not YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('refuses a link at --out, and leaves the link and what it leads to as they were', () => {
    const dir = scratch();
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'keep me');
    const link = join(dir, 'codebook.pdf');
    symlinkSync(target, link);
    for (const format of ['pdf', 'html']) {
      const r = cli('codebook', trickyFolder, '--format', format, '--out', link);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${link}: error: is a symbolic link: the codebook is not written through a link`);
    }
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(readlinkSync(link)).toBe(target);
    expect(readdirSync(dir).sort()).toEqual(['codebook.pdf', 'elsewhere.txt']);
  });

  it('says why when --out cannot be written: a folder, a folder that is not there', () => {
    const dir = scratch();
    const folder = cli('codebook', trickyFolder, '--format', 'pdf', '--out', dir);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain(`${dir}: error: is a folder: --out names the file to write`);
    const missing = join(dir, 'not-there', 'codebook.pdf');
    const r = cli('codebook', trickyFolder, '--format', 'pdf', '--out', missing);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error: ENOENT`, 'm'));
    expect(existsSync(join(dir, 'not-there'))).toBe(false);
  });

  it('replaces a file at --out whole, leaving no temporary file beside it', async () => {
    const dir = scratch();
    const out = join(dir, 'codebook.pdf');
    writeFileSync(out, 'an older codebook');
    // A second name for the older file: written in place, it would show the new bytes too;
    // a new file renamed over the name leaves the older one whole under its other name.
    const older = join(dir, 'older.pdf');
    linkSync(out, older);
    expect(cli('codebook', trickyFolder, '--format', 'pdf', '--out', out, '--date', DATE).status).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(older, 'utf8')).toBe('an older codebook');
    expect(readdirSync(dir).sort()).toEqual(['codebook.pdf', 'older.pdf']);
  });
});
