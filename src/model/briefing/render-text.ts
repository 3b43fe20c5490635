/**
 * A briefing as plain text, for the clipboard's text/plain: the table as tab-separated
 * lines (a spreadsheet pastes it as a table) with footnote numbers in brackets, then the
 * footnotes, notes and sources, one per line.
 */
import { oneLine } from './escape.ts';
import type { Briefing, BriefingCell } from './types.ts';
import { WORDS, colophon, details, footnotePlace, noteText, omittedText, placeholder, quoted, sourceText, subtitle } from './words.ts';

/** One line, no tabs: a table field of its own. */
const field = (text: string) => oneLine(text);

function cellText(cell: BriefingCell): string {
  const info = details(cell);
  if (cell.status === 'flagged') {
    const head = `${WORDS.unverified}${cell.note ? ` (note ${cell.note})` : ''}`;
    return field([cell.value ? `${head}: ${cell.value}` : head, ...info].join(' · '));
  }
  const value = placeholder(cell) || cell.value;
  const refs = cell.footnotes.length ? ` [${cell.footnotes.join(', ')}]` : '';
  return field([value + refs, ...info].join(' · '));
}

export function renderBriefingText(b: Briefing): string {
  const out: string[] = [field(b.title), field(subtitle(b)), ''];
  if (b.rows.length === 0 || b.columns.length === 0) out.push(WORDS.empty);
  else {
    out.push([WORDS.dimension, ...b.columns.map((c) => c.label)].map(field).join('\t'));
    for (const row of b.rows) out.push([field(row.label), ...row.cells.map(cellText)].join('\t'));
  }
  out.push('', WORDS.footnotes);
  if (b.footnotes.length === 0) out.push(WORDS.noSources);
  for (const f of b.footnotes) out.push(`${f.number}. ${field(footnotePlace(f))}: ${field(quoted(f.quote))}`);
  if (b.notes.length || b.omitted.length) {
    out.push('', WORDS.unverifiedHeading);
    for (const n of b.notes) out.push(`${n.label}. ${field(noteText(n))}`);
    for (const o of b.omitted) out.push(`- ${field(omittedText(o))}`);
  }
  if (b.sources.length) {
    out.push('', WORDS.sources);
    for (const s of b.sources) out.push(`- ${field(sourceText(s))}`);
  }
  out.push('', field(colophon(b)), '');
  return out.join('\n');
}
