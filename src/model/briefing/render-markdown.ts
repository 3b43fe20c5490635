/**
 * A briefing as Markdown (CommonMark with GFM tables and footnotes): the table with `[^n]`
 * markers, one footnote definition per cited passage, then unverified cells, sources and
 * colophon. All text is escaped (see escapeMarkdown); cells stay on one line.
 */
import { escapeMarkdown as m } from './escape.ts';
import type { Briefing, BriefingCell } from './types.ts';
import { WORDS, colophon, details, footnotePlace, noteText, omittedText, placeholder, quoted, sourceParts, subtitle } from './words.ts';

function cellMarkdown(cell: BriefingCell): string {
  const info = details(cell).map(m);
  if (cell.status === 'flagged') {
    const head = `**${m(WORDS.unverified)}**${cell.note ? ` (note ${m(cell.note)})` : ''}`;
    return [cell.value ? `${head}: ${m(cell.value)}` : head, ...info].join(' · ');
  }
  const stands = placeholder(cell);
  const value = stands ? `*${m(stands)}*` : m(cell.value);
  const refs = cell.footnotes.map((n) => `[^${n}]`).join('');
  return [value + refs, ...info].join(' · ');
}

export function renderBriefingMarkdown(b: Briefing): string {
  const out: string[] = [];
  out.push(`# ${m(b.title)}`, '', m(subtitle(b)), '');
  if (b.rows.length === 0 || b.columns.length === 0) {
    out.push(`*${m(WORDS.empty)}*`, '');
  } else {
    out.push(`| ${[WORDS.dimension, ...b.columns.map((c) => c.label)].map(m).join(' | ')} |`);
    out.push(`| ${['---', ...b.columns.map(() => '---')].join(' | ')} |`);
    for (const row of b.rows) out.push(`| **${m(row.label)}** | ${row.cells.map(cellMarkdown).join(' | ')} |`);
    out.push('');
  }
  if (b.footnotes.length === 0) out.push(`*${m(WORDS.noSources)}*`, '');
  for (const f of b.footnotes) out.push(`[^${f.number}]: ${m(footnotePlace(f))}: ${m(quoted(f.quote))}`);
  if (b.footnotes.length) out.push('');
  if (b.notes.length || b.omitted.length) {
    out.push(`## ${m(WORDS.unverifiedHeading)}`, '');
    for (const n of b.notes) out.push(`- **${m(n.label)}.** ${m(noteText(n))}`);
    for (const o of b.omitted) out.push(`- ${m(omittedText(o))}`);
    out.push('');
  }
  if (b.sources.length) {
    out.push(`## ${m(WORDS.sources)}`, '');
    for (const s of b.sources) {
      const p = sourceParts(s);
      const head = [p.authors, p.year ? `(${p.year})` : ''].filter(Boolean).join(' ');
      out.push(`- ${head ? `${m(head)}. ` : ''}*${m(p.title)}*.${p.rest ? ` ${m(p.rest)}` : ''}`);
    }
    out.push('');
  }
  out.push(m(colophon(b)), '');
  return out.join('\n');
}
