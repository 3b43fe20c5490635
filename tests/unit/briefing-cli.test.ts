import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { paperOf, pdfLines, pdfText, readPdf } from './support/pdf-text.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const FIXTURE = join(root, 'tests', 'fixtures', 'briefing', 'matrix');
const FIXTURE_SOURCE = join(root, 'tests', 'fixtures', 'briefing', 'sources', 'briefing-source.txt');
const BUNDLED = join(root, 'matrices', 'eu-north-america');
const BUNDLED_SOURCE = join(root, 'matrices', 'sources', 'security-in-the-americas.txt');
const DATE = '2025-03-01';

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env, timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const out = (name: string) => join(mkdtempSync(join(tmpdir(), 'policy-matrix-brief-test-')), name);

const unescapeHtml = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
const unescapeMarkdown = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Footnotes of a standalone HTML briefing: number, place and quote (as text). */
function htmlFootnotes(page: string) {
  return [...page.matchAll(/<li id="fn-(\d+)" class="footnote"><span class="fn-num">(\d+)\.<\/span> (.*?): <span class="quote">“(.*?)”<\/span><\/li>/g)]
    .map((m) => ({ id: Number(m[1]), number: Number(m[2]), place: unescapeHtml(m[3]), quote: unescapeHtml(m[4]) }));
}

/** Footnote definitions of a Markdown briefing. */
function markdownFootnotes(md: string) {
  return [...md.matchAll(/^\[\^(\d+)\]: (.*): “(.*)”$/gm)].map((m) => ({ number: Number(m[1]), place: unescapeMarkdown(m[2]), quote: unescapeMarkdown(m[3]) }));
}

/**
 * Text compared across line wrapping and PDF text extraction: NFKC, no white space, no dashes
 * (a word broken after a hyphen at the end of a line is joined and its hyphen dropped).
 */
const squeeze = (s: string) => s.normalize('NFKC').replace(/[\s\u002d\u00ad\u2010-\u2015\u2212]+/g, '');

function expectFoundIn(sourceFile: string, quotes: string[]) {
  const index = new SourceIndex(readFileSync(sourceFile, 'utf8'));
  for (const q of quotes) expect(index.anchor({ quote: q }).status, q).toBe('found');
}

beforeAll(() => {
  // The command line runs from its bundle; build it from the current sources.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix brief --format html', () => {
  it('writes a standalone page: every footnote quote is in the source, shared passages footnoted once', () => {
    const file = out('fixture.html');
    const r = cli(['brief', FIXTURE, '--format', 'html', '--out', file, '--date', DATE]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${file}: briefing "Briefing test matrix" (html): 5 dimensions × 3 jurisdictions, 7 footnotes, 2 unverified cells marked\n`);
    const page = readFileSync(file, 'utf8');
    const footnotes = htmlFootnotes(page);
    expect(footnotes.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(footnotes.map((f) => f.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expectFoundIn(FIXTURE_SOURCE, footnotes.map((f) => f.quote));
    expect(new Set(footnotes.map((f) => f.quote)).size).toBe(7);
    // Footnote 4 is one passage cited by three cells (once with other spacing).
    expect(footnotes[3]).toEqual({ id: 4, number: 4, place: 'Borders and asylum: a test text, ch. 1', quote: 'Smart Border Declaration on 12 December 2001' });
    expect(page.match(/href="#fn-4"/g)).toHaveLength(3);
    expect(page.match(/<em class="placeholder">Not in source<\/em>/g)).toHaveLength(4);
    expect(page).toContain('<em class="placeholder">No entry</em>');
    expect(page.match(/<td class="cell flagged"><strong class="flag">⚠ Unverified<\/strong>/g)).toHaveLength(2);
    expect(page).toContain('<title>Briefing test matrix</title>');
    expect(page).toContain('Produced 2025-03-01 from the matrix');
    expect(page).toContain('@page { size: A4 portrait;');
    expect(page).not.toMatch(/<script/i);
  });

  it('numbers the same on every run, and the same as the Markdown', () => {
    const [a, b] = [out('a.html'), out('b.html')];
    expect(cli(['brief', BUNDLED, '--format', 'html', '--out', a, '--date', DATE]).status).toBe(0);
    expect(cli(['brief', BUNDLED, '--format=html', `--out=${b}`, `--date=${DATE}`]).status).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    const md = out('a.md');
    expect(cli(['brief', BUNDLED, '--format', 'md', '--out', md, '--date', DATE]).status).toBe(0);
    const fromHtml = htmlFootnotes(readFileSync(a, 'utf8'));
    const fromMd = markdownFootnotes(readFileSync(md, 'utf8'));
    expect(fromHtml.length).toBeGreaterThan(100);
    expect(fromMd).toEqual(fromHtml.map(({ number, place, quote }) => ({ number, place, quote })));
    expectFoundIn(BUNDLED_SOURCE, fromHtml.map((f) => f.quote));
    expect(new Set(fromHtml.map((f) => f.quote)).size).toBe(fromHtml.length);
  });

  it('takes dimensions, jurisdictions, title and paper; the title is escaped', () => {
    const file = out('part.html');
    const r = cli(['brief', FIXTURE, '--dimensions', 'smart-border,work', '--jurisdictions', 'republic,federation', '--title', 'A <b>briefing</b> & more', '--paper', 'letter', '--format', 'html', '--out', file, '--date', DATE]);
    expect(r.status).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('<title>A &lt;b&gt;briefing&lt;/b&gt; &amp; more</title>');
    expect(page).toContain('<h1 class="title">A &lt;b&gt;briefing&lt;/b&gt; &amp; more</h1>');
    expect(page).toContain('@page { size: letter portrait;');
    expect(page.match(/<tr><th scope="row"/g)).toHaveLength(2);
    expect(page).toContain('<th scope="col" class="col">Federation</th><th scope="col" class="col">Republic</th></tr>');
    expect(htmlFootnotes(page).map((f) => f.quote)).toEqual(['Smart Border Declaration on 12 December 2001', 'may work after six months']);
  });

  it('writes to standard output with --out -', () => {
    const r = cli(['brief', FIXTURE, '--format', 'html', '--out', '-', '--date', DATE]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stderr).toContain('standard output: briefing "Briefing test matrix" (html)');
  });
});

describe('policy-matrix brief --format md', () => {
  it('writes Markdown footnotes: each quote in the source, shared passages once, cells never blank', () => {
    const file = out('fixture.md');
    const r = cli(['brief', FIXTURE, '--format', 'md', '--out', file, '--date', DATE]);
    expect(r.status).toBe(0);
    const md = readFileSync(file, 'utf8');
    const footnotes = markdownFootnotes(md);
    expect(footnotes.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expectFoundIn(FIXTURE_SOURCE, footnotes.map((f) => f.quote));
    // Referenced three times in the table, defined once.
    expect(md.match(/\[\^4\]/g)).toHaveLength(4);
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table[0]).toBe('| Dimension | Union | Federation | Republic |');
    expect(table).toHaveLength(7);
    for (const row of table.slice(2)) {
      const cells = row.split(/(?<!\\)\|/).slice(2, -1).map((c) => c.trim());
      expect(cells).toHaveLength(3);
      for (const c of cells) expect(c).not.toBe('');
    }
    expect(md).toContain('*Not in source*');
    expect(md).toContain('**⚠ Unverified** (note A): 3%');
    expect(md).toContain('- **A.** Share of claimants detained — Federation: not verified against the source');
    // The value's markup and pipe are escaped.
    expect(md).toContain('After six months \\<i\\>(at the earliest)\\</i\\> \\| not before[^5]');
  });
});

describe('policy-matrix brief --format pdf', () => {
  it('prints the table and the footnotes (A4)', async () => {
    const file = out('fixture.pdf');
    const r = cli(['brief', FIXTURE, '--format', 'pdf', '--out', file, '--date', DATE]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await readPdf(file);
    expect(pages.map(paperOf)).toEqual(['A4']);
    const text = pdfText(pages);
    const layout = pdfLines(pages);
    // The table: its header row, and each row with its cells side by side.
    const line = (...parts: string[]) => layout.find((l) => parts.every((p) => l.includes(p)));
    expect(line('Dimension', 'Union', 'Federation', 'Republic')).toBeDefined();
    expect(line('Border integration', 'Integrated: internal checks abolished1, 2', 'Own checks; passenger data', 'Not in source')).toBeDefined();
    expect(line('Level: Full (3 of 3)', 'shared3, 4')).toBeDefined();
    expect(line('as of 1995', 'Level: Partial (2 of 3)')).toBeDefined();
    expect(line('Not in source', 'Yes4', 'Yes4')).toBeDefined();
    expect(line('12%6', '⚠ UnverifiedA')).toBeDefined();
    expect(line('No entry')).toBeDefined();
    // The footnotes, numbered, each with its quote.
    const md = out('fixture.md');
    cli(['brief', FIXTURE, '--format', 'md', '--out', md, '--date', DATE]);
    const footnotes = markdownFootnotes(readFileSync(md, 'utf8'));
    for (const f of footnotes) expect(squeeze(text)).toContain(squeeze(`${f.number}. ${f.place}: “${f.quote}”`));
    expect(text).toContain('Not verified against the source');
    expect(squeeze(text)).toContain(squeeze('A. Share of claimants detained — Federation: not verified against the source'));
    expect(squeeze(text)).toContain(squeeze('Produced 2025-03-01'));
  });

  it('prints the bundled matrix on Letter with every footnote and row', async () => {
    const file = out('bundled.pdf');
    const r = cli(['brief', BUNDLED, '--format', 'pdf', '--paper', 'letter', '--out', file, '--date', DATE]);
    expect(r.status).toBe(0);
    const pages = await readPdf(file);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(pages.map(paperOf))).toEqual(new Set(['letter']));
    const text = squeeze(pdfText(pages));
    const md = out('bundled.md');
    cli(['brief', BUNDLED, '--format', 'md', '--out', md, '--date', DATE]);
    const mdText = readFileSync(md, 'utf8');
    const footnotes = markdownFootnotes(mdText);
    expect(footnotes.length).toBeGreaterThan(100);
    for (const f of footnotes) expect(text, `footnote ${f.number}`).toContain(squeeze(`${f.number}. ${f.place}: “${f.quote}”`));
    const labels = [...mdText.matchAll(/^\| \*\*(.*?)\*\* \|/gm)].map((m) => unescapeMarkdown(m[1]));
    expect(labels.length).toBe(27);
    for (const label of labels) expect(text).toContain(squeeze(label));
  });

  it('says clearly when Chromium is missing', () => {
    const r = cli(['brief', FIXTURE, '--format', 'pdf', '--out', out('x.pdf')], { ...process.env, CHROME_PATH: '/no/such/chromium' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CHROME_PATH names /no/such/chromium, which is not a file');
  });
});

describe('policy-matrix brief: wrong calls and refusals', () => {
  it('explains its usage (exit 2)', () => {
    for (const args of [['brief'], ['brief', FIXTURE, '--out', 'x.html'], ['brief', FIXTURE, '--format', 'docx', '--out', 'x'], ['brief', FIXTURE, '--format', 'html'], ['brief', FIXTURE, '--format', 'pdf', '--out', '-'], ['brief', FIXTURE, '--colour', 'red', '--format', 'html', '--out', '-']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('usage: policy-matrix brief <matrix-folder>');
    }
  });

  it('names unknown dimensions and jurisdictions with the ones the matrix has (exit 2)', () => {
    const r = cli(['brief', FIXTURE, '--dimensions', 'border,nope', '--jurisdictions', 'mars', '--format', 'md', '--out', '-']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown dimension nope (the matrix has: border, smart-border, work, detention-rate, safe-third)');
    expect(r.stderr).toContain('unknown jurisdiction mars (the matrix has: union, federation, republic)');
  });

  it('refuses flagged cells with --strict (exit 1), and briefs a clean selection', () => {
    const r = cli(['brief', FIXTURE, '--strict', '--format', 'md', '--out', '-']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cell (detention-rate, federation) is flagged: it has a value but none of its citations is found in the source');
    expect(r.stderr).toContain('no briefing (--strict): 2 chosen cells are flagged');
    const ok = cli(['brief', FIXTURE, '--strict', '--dimensions', 'border', '--format', 'md', '--out', '-']);
    expect(ok.status).toBe(0);
  });

  it('refuses a matrix whose files have errors, and a missing folder (exit 1)', () => {
    const broken = cli(['brief', join(root, 'tests', 'fixtures', 'matrices', 'broken'), '--format', 'md', '--out', '-']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('no briefing: fix the');
    const missing = cli(['brief', join(tmpdir(), 'no-such-matrix'), '--format', 'md', '--out', '-']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no matrix folder here');
  });

  it('is listed in the usage', () => {
    const r = cli(['help']);
    expect(r.stdout).toContain('policy-matrix brief <matrix-folder>');
  });
});
