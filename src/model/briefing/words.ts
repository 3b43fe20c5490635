/**
 * The words every briefing output uses, so that HTML, Markdown, clipboard and plain text
 * read the same. Plain strings; each renderer escapes them for its own syntax.
 */
import { MAX_CITATIONS } from '../anchor/limits.ts';
import { ABSENCE_WORDS } from '../time/as-of.ts';
import type { Briefing, BriefingCell, BriefingFootnote, BriefingLevel, BriefingNote, BriefingSource, OmittedCitation } from './types.ts';

export const WORDS = {
  dimension: 'Dimension',
  notInSource: 'Not in source',
  missing: 'No entry',
  draft: 'draft',
  draftEmpty: 'Draft — no value yet',
  unverified: '⚠ Unverified',
  footnotes: 'Notes',
  unverifiedHeading: 'Not verified against the source',
  sources: 'Sources',
  empty: 'No dimension or jurisdiction is chosen: the table is empty.',
  noSources: 'No passage is cited in this table.',
} as const;

export const levelText = (level: BriefingLevel): string => `Level: ${level.label} (${level.rank} of ${level.of})`;

export const asOfText = (asOf: string): string => `as of ${asOf}`;

/** What an empty-valued cell says instead of a blank, or '' when it has a value to show. */
export function placeholder(cell: BriefingCell): string {
  if (cell.status === 'not_in_source') return WORDS.notInSource;
  if (cell.status === 'missing') return cell.absence ? ABSENCE_WORDS[cell.absence] : WORDS.missing;
  if (cell.status === 'draft' && cell.value === '') return WORDS.draftEmpty;
  if (cell.value === '' && cell.status !== 'flagged') return WORDS.missing;
  return '';
}

/** The details after a value: level, as-of date, draft mark (in this order). */
export function details(cell: BriefingCell): string[] {
  const out: string[] = [];
  if (cell.level) out.push(levelText(cell.level));
  // Every dated value says its date, so that a dated fact never reads as current.
  if (cell.date) out.push(asOfText(cell.date));
  if (cell.status === 'draft' && cell.value !== '') out.push(WORDS.draft);
  return out;
}

/** What the passage is to the value, when it is not a plain statement of it: "according to …" or the analyst's inference. */
export function supportText(f: Pick<BriefingFootnote, 'support' | 'attribution'>): string {
  if (f.support === 'reports') return f.attribution ? `according to ${f.attribution}` : 'a reported claim';
  if (f.support === 'infers') return "the analyst's inference";
  return '';
}

/** `Source title, locator` — how a footnote names where its passage is (with the kind of support: `…, according to X`). */
export function footnotePlace(f: BriefingFootnote): string {
  const place = f.locator ? `${f.sourceTitle}, ${f.locator}` : f.sourceTitle;
  const support = supportText(f);
  return support ? `${place} (${support})` : place;
}

/**
 * The period the table covers, in words: the date it is shown as of, and the span its values'
 * dates cover (`Values as of 2005; they describe 1985 to 2004. 3 values are undated.`).
 */
export function periodText(b: Pick<Briefing, 'asOf' | 'covers' | 'undated'>): string {
  const parts: string[] = [];
  parts.push(b.asOf ? `Values as of ${b.asOf}` : 'Latest values');
  if (b.covers) parts.push(b.covers.from === b.covers.to ? `; they describe ${b.covers.from}` : `; they describe ${b.covers.from} to ${b.covers.to}`);
  else parts.push('; none is dated');
  let text = `${parts.join('')}.`;
  if (b.covers && b.undated > 0) text += b.undated === 1 ? ' 1 value is undated.' : ` ${b.undated} values are undated.`;
  return text;
}

/** A quote in typographic quotation marks. */
export const quoted = (quote: string): string => `“${quote}”`;

/** `1–3, 5, 7`: a sorted list of numbers with runs collapsed. */
export function numberList(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i + 1 ? `${sorted[i]}–${sorted[j]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return parts.join(', ');
}

export const noteText = (n: BriefingNote): string =>
  `${n.where}: not verified against the source — it ${n.reason}. The value is shown for review only.`;

const OMITTED_WHY = {
  ambiguous: 'the quote occurs in several places in the source',
  orphaned: 'the quote is not found in the source',
  unchecked: 'the text of its source is not available to check the quote',
} as const;

const PAST_LIMIT_WHY = `it is past the limit of ${MAX_CITATIONS.toLocaleString('en-US')} citations checked in a matrix`;

export const omittedText = (o: OmittedCitation): string =>
  `${o.where}, citation ${o.seq}: ${o.pastLimit ? PAST_LIMIT_WHY : OMITTED_WHY[o.status]}, so it is not footnoted.`;

/** `Authors (year). Title. Text: file. Footnotes 1–4.` (parts that are empty are left out) */
export function sourceParts(s: BriefingSource): { authors: string; year: string; title: string; rest: string } {
  const rest = [s.file ? `Text: ${s.file}.` : '', s.footnotes.length ? `${s.footnotes.length === 1 ? 'Footnote' : 'Footnotes'} ${numberList(s.footnotes)}.` : '']
    .filter(Boolean)
    .join(' ');
  return { authors: s.authors, year: s.year, title: s.title, rest };
}

export function sourceText(s: BriefingSource): string {
  const p = sourceParts(s);
  const head = [p.authors, p.year ? `(${p.year})` : ''].filter(Boolean).join(' ');
  return [head ? `${head}.` : '', `${p.title}.`, p.rest].filter(Boolean).join(' ');
}

export const colophon = (b: Briefing): string =>
  `Produced ${b.produced} from the matrix “${b.matrixTitle || b.matrixName}” (${b.matrixName}) with policy-matrix. ` +
  'Each footnote quotes the passage as it reads in the source text, where the citation was found.';

/** The line under the title: the matrix, the date produced and the period the table covers. */
export const subtitle = (b: Briefing): string => `From the matrix “${b.matrixTitle || b.matrixName}” · produced ${b.produced} · ${periodText(b)}`;
