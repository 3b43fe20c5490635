import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import {
  buildBriefing, escapeHtml, escapeMarkdown, noteLabel, oneLine, renderBriefingFragment, renderBriefingHtml,
  renderBriefingMarkdown, renderBriefingText, type Briefing, type BriefingSelection,
} from '../../src/model/briefing/index.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { entryKeyOf, type Matrix } from '../../src/model/types.ts';
import { viewAsOf } from '../../src/model/time/as-of.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../../src/model/make.ts';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'tests', 'fixtures', 'briefing', 'matrix');
const BUNDLED = join(root, 'matrices', 'eu-north-america');
const DATE = '2025-03-01';

async function load(folder: string, name = 'matrix') {
  return readMatrix(folderReader(folder), name);
}

function brief(bundle: Pick<MatrixBundle, 'matrix' | 'sourceTexts'>, selection?: BriefingSelection, title?: string): Briefing {
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
  return buildBriefing({ matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts, selection, title, produced: DATE });
}

/** Every footnote's quote, looked up in its source's text, is found exactly at the footnote's range. */
function expectQuotesFound(b: Briefing, sourceTexts: ReadonlyMap<string, string>) {
  for (const f of b.footnotes) {
    const anchor = new SourceIndex(sourceTexts.get(f.source)!).anchor({ quote: f.quote });
    expect(anchor.status, `footnote ${f.number}: ${f.quote}`).toBe('found');
    expect(anchor.range, `footnote ${f.number}`).toEqual(f.range);
  }
}

describe('buildBriefing on the fixture matrix', async () => {
  const bundle = await load(FIXTURE);
  const b = brief(bundle);
  const cell = (d: string, j: string) => b.rows.find((r) => r.id === d)!.cells.find((c) => c.jurisdiction === j)!;

  it('numbers footnotes in reading order: row by row, left to right, citations in seq order', () => {
    expect(b.rows.map((r) => r.id)).toEqual(['border', 'smart-border', 'work', 'detention-rate', 'safe-third']);
    expect(b.columns.map((c) => c.id)).toEqual(['union', 'federation', 'republic']);
    expect(b.rows.map((r) => r.cells.map((c) => c.footnotes))).toEqual([
      [[1, 2], [3, 4], []],
      [[], [4], [4]],
      [[5], [5], []],
      [[6], [], []],
      [[], [7], []],
    ]);
    expect(b.footnotes.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives a passage cited by several cells (even with other spacing) one footnote that lists them all', () => {
    const shared = b.footnotes[3];
    expect(shared.quote).toBe('Smart Border Declaration on 12 December 2001');
    expect(shared.cells).toEqual([
      { dimension: 'border', jurisdiction: 'federation' },
      { dimension: 'smart-border', jurisdiction: 'federation' },
      { dimension: 'smart-border', jurisdiction: 'republic' },
    ]);
    expect(shared.locator).toBe('ch. 1');
    expect(new Set(b.footnotes.map((f) => `${f.source}:${f.range.start}:${f.range.end}`)).size).toBe(b.footnotes.length);
  });

  it('quotes the source’s own words for the anchored range, print lines joined, each found in its source', () => {
    expect(b.footnotes[2].quote).toBe('The federation keeps its own border checks');
    expect(bundle.sourceTexts.get('fixture')!.slice(b.footnotes[2].range.start, b.footnotes[2].range.end)).toBe('The federation keeps its own bor-\nder checks');
    expectQuotesFound(b, bundle.sourceTexts);
  });

  it('shows value and level, never a blank, and marks flagged cells unverified without footnotes', () => {
    expect(cell('border', 'union')).toMatchObject({ status: 'supported', value: 'Integrated: internal checks abolished', date: '1995', level: { id: 'full', label: 'Full', rank: 3, of: 3 } });
    expect(cell('smart-border', 'federation').value).toBe('Yes');
    expect(cell('detention-rate', 'union').value).toBe('12%');
    expect(cell('border', 'republic')).toMatchObject({ status: 'not_in_source', value: '', footnotes: [] });
    expect(cell('work', 'republic')).toMatchObject({ status: 'missing', value: '' });
    expect(cell('work', 'federation')).toMatchObject({ status: 'draft', value: 'Under review', footnotes: [5] });
    expect(cell('detention-rate', 'federation')).toMatchObject({ status: 'flagged', value: '3%', footnotes: [], note: 'A' });
    expect(cell('detention-rate', 'republic')).toMatchObject({ status: 'flagged', value: '5%', footnotes: [], note: 'B' });
    expect(b.notes.map((n) => [n.label, n.where, n.reason])).toEqual([
      ['A', 'Share of claimants detained — Federation', 'has a value but none of its citations is found in the source'],
      ['B', 'Share of claimants detained — Republic', 'has a value but no citation'],
    ]);
    // The ambiguous second citation of a supported cell is listed, not footnoted.
    expect(b.omitted).toEqual([{ dimension: 'work', jurisdiction: 'union', seq: 2, status: 'ambiguous', where: "Claimants' access to work — Union" }]);
  });

  it('lists the cited sources with their footnotes, and the date produced', () => {
    expect(b.sources).toEqual([{ id: 'fixture', title: 'Borders and asylum: a test text', authors: 'A. Author; B. Author', year: '2024', file: 'briefing-source.txt', footnotes: [1, 2, 3, 4, 5, 6, 7] }]);
    expect(b.produced).toBe(DATE);
    expect(b.title).toBe('Briefing test matrix');
    expect(brief(bundle, undefined, '  My note  ').title).toBe('My note');
  });

  it('keeps matrix order for a selection, and numbers it afresh', () => {
    const part = brief(bundle, { dimensions: ['safe-third', 'smart-border'], jurisdictions: ['republic', 'federation'] });
    expect(part.rows.map((r) => r.id)).toEqual(['smart-border', 'safe-third']);
    expect(part.columns.map((c) => c.id)).toEqual(['federation', 'republic']);
    expect(part.rows.map((r) => r.cells.map((c) => c.footnotes))).toEqual([[[1], [1]], [[2], []]]);
    expect(part.footnotes.map((f) => f.quote)).toEqual(['Smart Border Declaration on 12 December 2001', 'Claimants must ask for protection in the first safe country they reach.']);
    const none = brief(bundle, { dimensions: [] });
    expect(none.rows).toEqual([]);
    expect(renderBriefingHtml(none)).toContain('the table is empty');
    expect(renderBriefingMarkdown(none)).toContain('the table is empty');
  });

  it('numbers the same whatever the order of rows in the files (property-based)', () => {
    const shuffle = <T>(items: T[], keys: number[]) => items.map((x, i) => [keys[i % keys.length] ?? 0, i, x] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), (k1, k2) => {
        const matrix: Matrix = {
          ...bundle.matrix,
          cells: shuffle(bundle.matrix.cells, k1),
          citations: shuffle(bundle.matrix.citations, k2),
          dimensions: shuffle(bundle.matrix.dimensions, k2),
          jurisdictions: shuffle(bundle.matrix.jurisdictions, k1),
        };
        expect(brief({ matrix, sourceTexts: bundle.sourceTexts })).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });

  it('renders every output from the same numbers', () => {
    const md = renderBriefingMarkdown(b);
    const page = renderBriefingHtml(b);
    const fragment = renderBriefingFragment(b);
    const text = renderBriefingText(b);
    for (const f of b.footnotes) {
      expect(md).toContain(`[^${f.number}]: Borders and asylum: a test text, ${f.locator}: “${escapeMarkdown(f.quote)}”`);
      expect(page).toContain(`<li id="fn-${f.number}" class="footnote"><span class="fn-num">${f.number}.</span> `);
      expect(fragment).toContain(`${f.number}.</span> Borders and asylum: a test text, ${escapeHtml(f.locator)}: `);
      expect(text).toContain(`\n${f.number}. Borders and asylum: a test text, ${f.locator}: “${f.quote}”\n`);
    }
    expect(md).toContain('| **Border integration** | Integrated: internal checks abolished[^1][^2] · Level: Full (3 of 3) · as of 1995 | Own checks; passenger data shared[^3][^4] · Level: Partial (2 of 3) | *Not in source* |');
    expect(md).toContain('| **Share of claimants detained** | 12%[^6] | **⚠ Unverified** (note A): 3% | **⚠ Unverified** (note B): 5% |');
    expect(md).toContain("| **Claimants' access to work** | After six months \\<i\\>(at the earliest)\\</i\\> \\| not before[^5] | Under review[^5] · draft | *No entry* |");
    expect(page).toContain('<sup class="fn-ref"><a href="#fn-1">1</a>, <a href="#fn-2">2</a></sup>');
    expect(page).toContain('<em class="placeholder">Not in source</em>');
    expect(page).toContain('After six months &lt;i&gt;(at the earliest)&lt;/i&gt; | not before');
    expect(fragment).toMatch(/^<div style="[^"]*">\n<h1 style=/);
    expect(fragment).not.toContain('class=');
    expect(text).toContain('Border integration\tIntegrated: internal checks abolished [1, 2] · Level: Full (3 of 3) · as of 1995\tOwn checks; passenger data shared [3, 4] · Level: Partial (2 of 3)\tNot in source');
  });

  it('writes the print stylesheet for A4 or Letter: header row repeated, rows never split', () => {
    const a4 = renderBriefingHtml(b);
    const letter = renderBriefingHtml(b, { paper: 'letter' });
    expect(a4).toContain('@page { size: A4 portrait;');
    expect(letter).toContain('@page { size: letter portrait;');
    expect(a4).toMatch(/@media print \{[\s\S]*thead \{ display: table-header-group; \}/);
    expect(a4).toMatch(/@media print \{[\s\S]*\.briefing-table tr, [^{]*\{ break-inside: avoid; page-break-inside: avoid; \}/);
    expect(a4).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(a4).not.toMatch(/<script/i);
  });
});

describe('buildBriefing on the bundled matrix', async () => {
  const bundle = await load(BUNDLED, 'eu-north-america');
  const b = brief(bundle);
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts);

  it('states the period its table covers, dates each dated value, and says whose claim a reported passage is', () => {
    const md = renderBriefingMarkdown(b);
    expect(md).toMatch(/produced 2025-03-01 · Latest values; they describe 19\d\d to 200\d\./);
    // Every value shown is dated: a dated fact never reads as current.
    const shownValues = b.rows.flatMap((r) => r.cells).filter((c) => c.status === 'supported');
    expect(shownValues.every((c) => c.date !== '' && c.dated)).toBe(true);
    expect(md).toContain('· as of 2001-12-12');
    const reported = b.footnotes.filter((f) => f.support === 'reports');
    expect(reported.length).toBeGreaterThan(0);
    for (const f of reported) {
      expect(f.attribution).not.toBe('');
      expect(md.split('\n').find((l) => l.startsWith(`[^${f.number}]: `))).toContain(`(according to ${escapeMarkdown(f.attribution)})`);
    }
    // As of 2001, the table holds the values of that date, and says so.
    const asOf = buildBriefing({ matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts, produced: '2025-03-01', asOf: '2001' });
    expect(renderBriefingMarkdown(asOf)).toMatch(/Values as of 2001; they describe \d{4}/);
    expect(asOf.rows.find((r) => r.id === 'trusted-traveller-sites')!.cells.find((c) => c.jurisdiction === 'ca')!.value).toBe('1 site');
  });

  it('footnotes each found passage of the shown cells exactly once, quoting the source', () => {
    const passages = new Set<string>();
    // The cells shown: each pair's latest period (the briefing has no as-of date).
    const shown = new Set([...viewAsOf(bundle.matrix).shown.values()].map(entryKeyOf));
    for (const [key, list] of check.citations) {
      if (!shown.has(key)) continue;
      const status = check.cells.get(key);
      if (status !== 'supported' && status !== 'draft') continue;
      for (const c of list) if (c.anchor.status === 'found') passages.add(`${c.citation.source}:${c.anchor.range!.start}:${c.anchor.range!.end}`);
    }
    expect(b.footnotes.length).toBe(passages.size);
    expect(b.footnotes.some((f) => f.cells.length > 1)).toBe(true);
    expectQuotesFound(b, bundle.sourceTexts);
    // Each cell's markers point at footnotes that list the cell.
    for (const row of b.rows) {
      for (const c of row.cells) {
        for (const n of c.footnotes) expect(b.footnotes[n - 1].cells).toContainEqual({ dimension: c.dimension, jurisdiction: c.jurisdiction });
      }
    }
    // First appearance in reading order follows the numbering.
    const firstSeen: number[] = [];
    for (const row of b.rows) for (const c of row.cells) for (const n of c.footnotes) if (!firstSeen.includes(n)) firstSeen.push(n);
    expect([...firstSeen].sort((x, y) => x - y)).toEqual(firstSeen.length ? firstSeen.map((_, i) => i + 1) : []);
    expect(firstSeen.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('escaping untrusted text (OWASP XSS payloads as values, labels, titles, quotes, locators, file names)', () => {
  const payloads: string[] = readFileSync(join(root, 'tests', 'fixtures', 'conformance', 'xss', 'payloads.jsonl'), 'utf8')
    .split('\n').filter(Boolean).map((l) => JSON.parse(l).payload as string);
  const at = (i: number) => payloads[i % payloads.length];
  const lines = payloads.map((p, i) => `Passage ${i}: ${p} (end of passage ${i}).`);
  const sourceText = lines.join('\n');
  const matrix: Matrix = {
    name: at(0), title: at(1), description: '',
    jurisdictions: [
      { id: 'a', label: at(2), group: '', order: 1 },
      { id: 'b', label: at(3), group: '', order: 2 },
    ],
    dimensions: payloads.map((p, i) => makeDimension({ id: `d${i}`, label: p, valueType: i === 0 ? 'ordinal' : 'text', scale: i === 0 ? 's' : '', order: i })),
    levels: [makeLevel({ scale: 's', rank: 1, id: 'l', label: at(4) })],
    cells: payloads.flatMap((p, i) => [
      makeCell({ dimension: `d${i}`, jurisdiction: 'a', value: p, level: i === 0 ? 'l' : '', status: 'supported' }),
      makeCell({ dimension: `d${i}`, jurisdiction: 'b', value: at(i + 7), level: i === 0 ? 'l' : '', status: 'supported' }),
    ]),
    citations: payloads.map((p, i) => makeCitation({
      dimension: `d${i}`, jurisdiction: 'a', seq: 1, source: 'src', quote: `Passage ${i}: ${p} (end of passage ${i}`, locator: at(i + 3),
    })),
    sources: [{ id: 'src', title: at(5), authors: at(6), year: '2024', path: `../sources/${at(8)}` }],
    extraColumns: {}, descriptorExtras: {},
  };
  const sourceTexts = new Map([['src', sourceText]]);
  const b = buildBriefing({ matrix, check: checkMatrix(matrix, sourceTexts), sourceTexts, title: at(9), produced: DATE });

  it('the fixture cites every payload as a found passage, and flags the uncited ones', () => {
    expect(b.footnotes).toHaveLength(payloads.length);
    expect(b.notes).toHaveLength(payloads.length);
    expectQuotesFound(b, sourceTexts);
  });

  /** Positions of '<' in `html` that do not start one of our own tags (with our own attributes). */
  function foreignMarkup(html: string): string[] {
    const TAGS = 'html|head|body|meta|title|style|article|div|h1|h2|p|table|thead|tbody|tr|th|td|span|strong|em|sup|a|br|ol|ul|li|cite';
    const ATTR = String.raw`\s+(?:class|id|style|scope|lang|charset|name|content|http-equiv|border|cellpadding|cellspacing|href)="[^"<>]*"`;
    const own = new RegExp(String.raw`^(?:<!doctype html>|</(?:${TAGS})>|<(?:${TAGS})(?:${ATTR})*>)`);
    const bad: string[] = [];
    for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
      const m = own.exec(html.slice(i, i + 800));
      if (!m) bad.push(html.slice(i, i + 60));
      else for (const href of m[0].matchAll(/href="([^"]*)"/g)) if (!/^#(?:fn-\d+|note-[A-Z]+)$/.test(href[1])) bad.push(m[0]);
    }
    return bad;
  }

  it('HTML (standalone and clipboard) holds no markup but its own, and every payload as escaped text', () => {
    for (const html of [renderBriefingHtml(b), renderBriefingFragment(b)]) {
      expect(foreignMarkup(html)).toEqual([]);
      for (const p of payloads) expect(html).toContain(escapeHtml(p));
      // The style sheet is ours: nothing of the data inside it.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      expect(style).not.toMatch(/[<>]|javascript|expression\(|url\(/i);
    }
  });

  it('escapeHtml leaves no character that can open markup or end an attribute', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      expect(escapeHtml(s).replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    }));
    for (const p of payloads) expect(escapeHtml(p)).not.toMatch(/[<>"']/);
  });

  it('Markdown holds every payload escaped: no raw HTML, links, emphasis or table breaks from the data', () => {
    const md = renderBriefingMarkdown(b);
    for (const p of payloads) expect(md).toContain(escapeMarkdown(p));
    // Each table row keeps its three columns: no pipe from the data splits a cell.
    const rows = md.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows).toHaveLength(payloads.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(3);
    // Take out every escaped payload: what is left is our own words and syntax only.
    let rest = md;
    // (A payload escapes its first character only at the start of a text: "\\-" there, "-" inside.)
    const forms = [...payloads, b.sources[0].file].flatMap((p) => [escapeMarkdown(p), escapeMarkdown(`x${p}`).slice(1)]);
    for (const f of forms.sort((x, y) => y.length - x.length)) rest = rest.split(f).join('');
    expect(rest.split('\n').filter((l) => /[<>&`]|javascript|alert/i.test(l))).toEqual([]);
  });

  it('escapeMarkdown keeps text on one line, escapes what starts markup, and reads back as the text', () => {
    const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
      const out = escapeMarkdown(s);
      expect(out).not.toMatch(/[\n\r]/);
      expect(unescapedSpecials(out)).toEqual([]);
      expect(unescape(out)).toBe(oneLine(s).replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, '\uFFFD'));
    }));
    expect(escapeMarkdown('# Title')).toBe('\\# Title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('a | b [x](javascript:alert(1)) *c* <b>&amp;</b> $x$ ~s~ `c` _u_ [^1]')).toBe(
      'a \\| b \\[x\\](javascript:alert(1)) \\*c\\* \\<b\\>\\&amp;\\</b\\> \\$x\\$ \\~s\\~ \\`c\\` \\_u\\_ \\[\\^1\\]',
    );
  });
});

/** Characters that start Markdown or HTML markup and are not backslash-escaped. */
function unescapedSpecials(s: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if ('<>[]*_`|&$~^'.includes(s[i])) bad.push(s.slice(Math.max(0, i - 10), i + 10));
  }
  return bad;
}

describe('note labels', () => {
  it('run A…Z, then AA, AB…', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(noteLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
