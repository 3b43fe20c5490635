/**
 * The codebook as a document (as OxCGRT's and IMPIC's codebooks are published): per
 * dimension, in matrix order, its definition, coding basis, coding rules, direction and the
 * levels of its scale (each with its definition and whether it needs an absolute statement).
 * One plain structure, rendered as HTML or Markdown; every piece of text is escaped.
 */
import { escapeHtml, escapeMarkdown } from '../briefing/escape.ts';
import { FORMAT_VERSION } from '../format/schema.ts';
import { scaleOf } from '../levels.ts';
import type { Basis, Dimension, Level, Matrix } from '../types.ts';

export const BASIS_WORDS: Record<Basis, string> = {
  de_jure: 'De jure — what law or agreement says',
  de_facto: 'De facto — observed practice',
  '': 'Not decided',
};

export const VALUE_TYPE_WORDS: Record<Dimension['valueType'], string> = {
  ordinal: 'a level on a scale', number: 'a number', date: 'a date', boolean: 'yes or no', text: 'text',
};

export interface CodebookEntry {
  dimension: Dimension;
  levels: Level[];
  /** How many cells (entries) the dimension has, coded (value or level) or not. */
  cells: number;
}

export interface Codebook {
  title: string;
  name: string;
  description: string;
  /** The format version the codebook belongs to (the codebook is part of the format). */
  formatVersion: number;
  themes: { theme: string; entries: CodebookEntry[] }[];
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The codebook of a matrix: its dimensions by theme (in the order each theme first appears), each with its scale. */
export function codebookOf(matrix: Matrix): Codebook {
  const counts = new Map<string, number>();
  for (const c of matrix.cells) counts.set(c.dimension, (counts.get(c.dimension) ?? 0) + 1);
  const themes: Codebook['themes'] = [];
  for (const dimension of [...matrix.dimensions].sort(byOrder)) {
    let group = themes.find((t) => t.theme === dimension.theme);
    if (!group) themes.push((group = { theme: dimension.theme, entries: [] }));
    const levels = dimension.valueType === 'ordinal' ? scaleOf(matrix, dimension.scale) : [];
    group.entries.push({ dimension, levels, cells: counts.get(dimension.id) ?? 0 });
  }
  return { title: matrix.title || matrix.name, name: matrix.name, description: matrix.description, formatVersion: FORMAT_VERSION, themes };
}

/** Where a dimension's coding rules start their worked example ("Worked example: …"). */
const WORKED_EXAMPLE = /\bworked example\s*:\s*/i;

/**
 * A dimension's coding rules as the rules proper and their worked example, each as
 * paragraphs: the example is the text after the first "Worked example:" (none when the
 * rules do not say one), so a document can set it apart under its own heading.
 */
export function codingRulesParts(text: string): { rules: string[]; example: string[] } {
  const at = WORKED_EXAMPLE.exec(text);
  if (!at) return { rules: paragraphs(text), example: [] };
  return { rules: paragraphs(text.slice(0, at.index)), example: paragraphs(text.slice(at.index + at[0].length)) };
}

export const directionWords = (d: Dimension) => (d.direction ? `a higher level is more ${d.direction}` : 'none');

/** Paragraphs of multi-line text (coding rules): blank lines split paragraphs, single line breaks are kept. */
export const paragraphs = (text: string) => text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);

const CSS = `body{font:11pt/1.45 system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #999}h3{font-size:1.1em;margin-top:1.5em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
.rules p{margin:.3em 0;white-space:pre-line}.muted{color:#555}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}table{break-inside:avoid}}`;

/** A standalone HTML page: print it (Ctrl+P) for a PDF. */
export function renderCodebookHtml(book: Codebook): string {
  const e = escapeHtml;
  const out: string[] = [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<title>Codebook — ${e(book.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${CSS}</style>`, '</head>', '<body>', '<main>',
    `<h1>Codebook — ${e(book.title)}</h1>`,
  ];
  if (book.description) out.push(`<p>${e(book.description)}</p>`);
  out.push('<p class="muted">Per dimension: what it measures, its coding basis (de jure: what law or agreement says; de facto: observed practice), how each level is decided, and the levels of its scale. A level marked “needs an absolute statement” cannot be given from a comparison alone (“more restrictive than…”).</p>');
  for (const { theme, entries } of book.themes) {
    out.push(`<h2>${e(theme || 'Other dimensions')}</h2>`);
    for (const { dimension: d, levels } of entries) {
      out.push(`<section aria-labelledby="dim-${e(d.id)}">`, `<h3 id="dim-${e(d.id)}">${e(d.label || d.id)}</h3>`, '<dl>');
      out.push(`<dt>Id</dt><dd><code>${e(d.id)}</code></dd>`);
      out.push(`<dt>Definition</dt><dd>${e(d.definition) || '<span class="muted">none</span>'}</dd>`);
      out.push(`<dt>Value</dt><dd>${e(VALUE_TYPE_WORDS[d.valueType])}${d.unit ? ` (${e(d.unit)})` : ''}</dd>`);
      out.push(`<dt>Coding basis</dt><dd>${e(BASIS_WORDS[d.basis])}</dd>`);
      out.push(`<dt>Direction</dt><dd>${e(directionWords(d))}</dd>`);
      out.push('</dl>');
      out.push('<h4>Coding rules</h4>');
      const rules = paragraphs(d.codingRules);
      out.push(rules.length ? `<div class="rules">${rules.map((p) => `<p>${e(p)}</p>`).join('')}</div>` : '<p class="muted">None written yet.</p>');
      if (levels.length) {
        out.push(`<table><caption>Scale <code>${e(d.scale)}</code>, lowest first</caption>`, '<thead><tr><th scope="col">Rank</th><th scope="col">Level</th><th scope="col">Definition</th><th scope="col">Needs an absolute statement</th></tr></thead><tbody>');
        for (const l of levels) out.push(`<tr><td>${l.rank}</td><td>${e(l.label || l.id)}</td><td>${e(l.definition)}</td><td>${l.needsAbsolute ? 'yes' : 'no'}</td></tr>`);
        out.push('</tbody></table>');
      }
      out.push('</section>');
    }
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

/** Markdown (CommonMark + GFM tables). */
export function renderCodebookMarkdown(book: Codebook): string {
  const m = escapeMarkdown;
  const cell = (text: string) => m(text) || ' ';
  const out: string[] = [`# Codebook — ${m(book.title)}`, ''];
  if (book.description) out.push(m(book.description), '');
  for (const { theme, entries } of book.themes) {
    out.push(`## ${m(theme || 'Other dimensions')}`, '');
    for (const { dimension: d, levels } of entries) {
      out.push(`### ${m(d.label || d.id)}`, '');
      out.push(`- **Id:** \`${d.id.replace(/`/g, '')}\``);
      out.push(`- **Definition:** ${m(d.definition) || '(none)'}`);
      out.push(`- **Value:** ${m(VALUE_TYPE_WORDS[d.valueType])}${d.unit ? ` (${m(d.unit)})` : ''}`);
      out.push(`- **Coding basis:** ${m(BASIS_WORDS[d.basis])}`);
      out.push(`- **Direction:** ${m(directionWords(d))}`, '');
      out.push('**Coding rules:**', '');
      const rules = paragraphs(d.codingRules);
      if (rules.length) for (const p of rules) out.push(p.split(/\r?\n/).map(m).join('  \n'), '');
      else out.push('None written yet.', '');
      if (levels.length) {
        out.push('| Rank | Level | Definition | Needs an absolute statement |', '|---|---|---|---|');
        for (const l of levels) out.push(`| ${l.rank} | ${cell(l.label || l.id)} | ${cell(l.definition)} | ${l.needsAbsolute ? 'yes' : 'no'} |`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}
