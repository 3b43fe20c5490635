/**
 * A briefing as HTML: a standalone document (with its print stylesheet) and a clipboard
 * fragment (inline styles only: word processors ignore stylesheets). Both are built from the
 * same parts, so the table and the footnote numbers are the same. Every piece of text is
 * escaped; the documents hold no script, and the standalone one forbids any by its CSP.
 */
import { escapeHtml as e } from './escape.ts';
import type { Briefing, BriefingCell, BriefingFootnote, Paper } from './types.ts';
import {
  WORDS, colophon, details, footnotePlace, noteText, omittedText, placeholder, quoted, sourceParts, subtitle,
} from './words.ts';

export interface HtmlOptions {
  /** Paper size of the print stylesheet (default A4). */
  paper?: Paper;
  /**
   * Whether the document carries its stylesheet as a `<style>` element (default true). Without
   * it, the caller adopts `briefingStylesheet` itself: a page whose Content Security Policy
   * refuses `<style>` elements prints from a frame that inherits that policy.
   */
  stylesheet?: boolean;
}

/** How each kind of element is styled: by class (document) or inline (clipboard). */
type Look =
  | 'article' | 'h1' | 'meta' | 'table' | 'th-col' | 'th-row' | 'td' | 'td-flagged' | 'value' | 'detail' | 'fn-ref'
  | 'placeholder' | 'flag' | 'unverified-value' | 'h2' | 'footnotes' | 'footnote' | 'fn-num' | 'quote' | 'notes'
  | 'note' | 'sources' | 'source' | 'colophon' | 'empty';

const CLASSES: Record<Look, string> = {
  article: 'briefing', h1: 'title', meta: 'meta', table: 'briefing-table', 'th-col': 'col', 'th-row': 'row', td: 'cell',
  'td-flagged': 'cell flagged', value: 'value', detail: 'detail', 'fn-ref': 'fn-ref', placeholder: 'placeholder',
  flag: 'flag', 'unverified-value': 'value unverified', h2: 'section-title', footnotes: 'footnotes', footnote: 'footnote',
  'fn-num': 'fn-num', quote: 'quote', notes: 'notes', note: 'note', sources: 'sources', source: 'source',
  colophon: 'colophon', empty: 'empty',
};

const FONT = "font-family:Georgia,'Times New Roman',serif;";
const INLINE: Record<Look, string> = {
  article: `${FONT}color:#111111;`,
  h1: `${FONT}font-size:16pt;font-weight:bold;margin:0 0 4pt 0;`,
  meta: `${FONT}font-size:9pt;color:#444444;margin:0 0 8pt 0;`,
  table: `${FONT}border-collapse:collapse;width:100%;font-size:9.5pt;`,
  'th-col': `${FONT}border:1px solid #888888;background:#eeeeee;padding:4pt 5pt;text-align:left;vertical-align:bottom;font-weight:bold;`,
  'th-row': `${FONT}border:1px solid #888888;padding:4pt 5pt;text-align:left;vertical-align:top;font-weight:bold;`,
  td: `${FONT}border:1px solid #888888;padding:4pt 5pt;text-align:left;vertical-align:top;`,
  'td-flagged': `${FONT}border:1px solid #888888;padding:4pt 5pt;text-align:left;vertical-align:top;background:#fff4e5;`,
  value: '',
  detail: 'font-size:8.5pt;color:#333333;',
  'fn-ref': 'font-size:7pt;vertical-align:super;',
  placeholder: 'font-style:italic;color:#555555;',
  flag: 'font-weight:bold;color:#8a1c00;',
  'unverified-value': 'color:#555555;',
  h2: `${FONT}font-size:11pt;font-weight:bold;margin:12pt 0 4pt 0;`,
  footnotes: `${FONT}font-size:9pt;margin:0;padding:0;`,
  footnote: `${FONT}font-size:9pt;margin:0 0 3pt 0;`,
  'fn-num': 'font-weight:bold;',
  quote: '',
  notes: `${FONT}font-size:9pt;margin:0;padding:0;`,
  note: `${FONT}font-size:9pt;margin:0 0 3pt 0;`,
  sources: `${FONT}font-size:9pt;margin:0;padding:0;`,
  source: `${FONT}font-size:9pt;margin:0 0 3pt 0;`,
  colophon: `${FONT}font-size:8pt;color:#555555;margin:10pt 0 0 0;`,
  empty: `${FONT}font-style:italic;`,
};

type Styler = (look: Look) => string;
const byClass: Styler = (look) => ` class="${CLASSES[look]}"`;
const inline: Styler = (look) => (INLINE[look] ? ` style="${INLINE[look]}"` : '');

/** Footnote markers of a cell: `<sup>1, 2</sup>` (linked to the notes in the document). */
function markers(numbers: readonly number[], s: Styler, links: boolean): string {
  if (numbers.length === 0) return '';
  const items = numbers.map((n) => (links ? `<a href="#fn-${n}">${n}</a>` : `${n}`));
  return `<sup${s('fn-ref')}>${items.join(', ')}</sup>`;
}

function cellHtml(cell: BriefingCell, s: Styler, links: boolean): string {
  const parts: string[] = [];
  const info = details(cell);
  if (cell.status === 'flagged') {
    parts.push(`<strong${s('flag')}>${e(WORDS.unverified)}</strong>`);
    if (cell.note) parts.push(links ? `<sup${s('fn-ref')}><a href="#note-${e(cell.note)}">${e(cell.note)}</a></sup>` : `<sup${s('fn-ref')}>${e(cell.note)}</sup>`);
    if (cell.value) parts.push(`<br><span${s('unverified-value')}>${e(cell.value)}</span>`);
    for (const d of info) parts.push(`<br><span${s('detail')}>${e(d)}</span>`);
    return `<td${s('td-flagged')}>${parts.join('')}</td>`;
  }
  const stands = placeholder(cell);
  if (stands) parts.push(`<em${s('placeholder')}>${e(stands)}</em>`);
  else parts.push(`<span${s('value')}>${e(cell.value)}</span>`);
  parts.push(markers(cell.footnotes, s, links));
  for (const d of info) parts.push(`<br><span${s('detail')}>${e(d)}</span>`);
  return `<td${s('td')}>${parts.join('')}</td>`;
}

function footnoteHtml(f: BriefingFootnote, s: Styler, document: boolean): string {
  const body = `<span${s('fn-num')}>${f.number}.</span> ${e(footnotePlace(f))}: <span${s('quote')}>${e(quoted(f.quote))}</span>`;
  return document ? `<li id="fn-${f.number}"${s('footnote')}>${body}</li>` : `<p${s('footnote')}>${body}</p>`;
}

/** The briefing's body: heading, table, footnotes, notes, sources, colophon. */
function body(b: Briefing, s: Styler, document: boolean): string {
  const out: string[] = [];
  out.push(`<h1${s('h1')}>${e(b.title)}</h1>`);
  out.push(`<p${s('meta')}>${e(subtitle(b))}</p>`);
  if (b.rows.length === 0 || b.columns.length === 0) {
    out.push(`<p${s('empty')}>${e(WORDS.empty)}</p>`);
  } else {
    out.push(`<table${s('table')}${document ? '' : ' border="1" cellpadding="4" cellspacing="0"'}>`);
    out.push(`<thead><tr><th scope="col"${s('th-col')}>${e(WORDS.dimension)}</th>${b.columns.map((c) => `<th scope="col"${s('th-col')}>${e(c.label)}</th>`).join('')}</tr></thead>`);
    out.push('<tbody>');
    for (const row of b.rows) {
      out.push(`<tr><th scope="row"${s('th-row')}>${e(row.label)}</th>${row.cells.map((c) => cellHtml(c, s, document)).join('')}</tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push(`<h2${s('h2')}>${e(WORDS.footnotes)}</h2>`);
  if (b.footnotes.length === 0) out.push(`<p${s('empty')}>${e(WORDS.noSources)}</p>`);
  else if (document) out.push(`<ol${s('footnotes')}>${b.footnotes.map((f) => footnoteHtml(f, s, true)).join('')}</ol>`);
  else out.push(b.footnotes.map((f) => footnoteHtml(f, s, false)).join(''));
  if (b.notes.length || b.omitted.length) {
    out.push(`<h2${s('h2')}>${e(WORDS.unverifiedHeading)}</h2>`);
    const items = [
      ...b.notes.map((n) => ({ id: `note-${n.label}`, head: `${n.label}.`, text: noteText(n) })),
      ...b.omitted.map((o) => ({ id: '', head: '', text: omittedText(o) })),
    ];
    const item = (i: { id: string; head: string; text: string }) =>
      `${i.head ? `<span${s('fn-num')}>${e(i.head)}</span> ` : ''}${e(i.text)}`;
    if (document) out.push(`<ul${s('notes')}>${items.map((i) => `<li${i.id ? ` id="${e(i.id)}"` : ''}${s('note')}>${item(i)}</li>`).join('')}</ul>`);
    else out.push(items.map((i) => `<p${s('note')}>${item(i)}</p>`).join(''));
  }
  if (b.sources.length) {
    out.push(`<h2${s('h2')}>${e(WORDS.sources)}</h2>`);
    const source = (x: Briefing['sources'][number]) => {
      const p = sourceParts(x);
      const head = [p.authors, p.year ? `(${p.year})` : ''].filter(Boolean).join(' ');
      return `${head ? `${e(head)}. ` : ''}<cite>${e(p.title)}</cite>.${p.rest ? ` ${e(p.rest)}` : ''}`;
    };
    if (document) out.push(`<ul${s('sources')}>${b.sources.map((x) => `<li${s('source')}>${source(x)}</li>`).join('')}</ul>`);
    else out.push(b.sources.map((x) => `<p${s('source')}>${source(x)}</p>`).join(''));
  }
  out.push(`<p${s('colophon')}>${e(colophon(b))}</p>`);
  return out.join('\n');
}

/** The print stylesheet of the standalone document (and of the element's print frame). */
export function briefingStylesheet(paper: Paper = 'a4'): string {
  const size = paper === 'letter' ? 'letter' : 'A4';
  const margin = paper === 'letter' ? '0.7in 0.65in' : '18mm 16mm';
  return `
:root { color-scheme: light; }
body { margin: 24px auto; max-width: 62em; padding: 0 16px; font: 10.5pt/1.4 Georgia, 'Times New Roman', serif; color: #111; background: #fff; }
.title { font-size: 17pt; margin: 0 0 4pt; line-height: 1.2; }
.meta { margin: 0 0 10pt; font-size: 9pt; color: #444; }
.briefing-table { width: 100%; border-collapse: collapse; font-size: 9.5pt; line-height: 1.3; }
.briefing-table th, .briefing-table td { border: 1px solid #888; padding: 4pt 5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
.briefing-table thead th { background: #eee; vertical-align: bottom; }
.briefing-table th.row { width: 18%; }
.detail { font-size: 8.5pt; color: #333; }
.fn-ref { font-size: 7pt; line-height: 0; }
.fn-ref a { color: inherit; text-decoration: none; }
.placeholder { color: #555; }
.flagged { background: #fff4e5; }
.flag { color: #8a1c00; }
.unverified { color: #555; }
.section-title { font-size: 11pt; margin: 14pt 0 4pt; }
.footnotes, .notes, .sources { list-style: none; margin: 0; padding: 0; font-size: 9pt; line-height: 1.35; }
.footnote, .note, .source { margin: 0 0 3pt; padding-left: 2.2em; text-indent: -2.2em; }
.fn-num { display: inline-block; min-width: 2.2em; text-indent: 0; font-weight: bold; }
.colophon { margin-top: 12pt; font-size: 8pt; color: #555; }
@page { size: ${size} portrait; margin: ${margin}; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  .briefing-table thead { display: table-header-group; }
  .briefing-table tr, .briefing-table th, .briefing-table td { break-inside: avoid; page-break-inside: avoid; }
  .footnote, .note, .source { break-inside: avoid; page-break-inside: avoid; orphans: 3; widows: 3; }
  .section-title, .title, .meta { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .flagged { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .briefing-table thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();
}

/** A standalone HTML document of the briefing: no script, its own print stylesheet. */
export function renderBriefingHtml(b: Briefing, options: HtmlOptions = {}): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="policy-matrix brief">',
    `<title>${e(b.title)}</title>`,
    ...(options.stylesheet === false ? [] : [`<style>\n${briefingStylesheet(options.paper)}\n</style>`]),
    '</head>',
    '<body>',
    `<article${byClass('article')}>`,
    body(b, byClass, true),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The briefing as an HTML fragment for the clipboard: a real `<table>` with inline styles,
 * then the footnotes, notes and sources as paragraphs with their numbers written out.
 */
export function renderBriefingFragment(b: Briefing): string {
  return `<div${inline('article')}>\n${body(b, inline, false)}\n</div>`;
}
