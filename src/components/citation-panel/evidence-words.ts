/** The evidence panel's words and small pieces: status names, a source's line, a passage with its quote marked. */
import { html, nothing, type TemplateResult } from 'lit';
import { passageAround } from '../../model/check/passage.ts';
import type { CELL_STATUSES, Citation, Source, Support, TextRange } from '../../model/types.ts';

export const STATUS_LABELS: Record<(typeof CELL_STATUSES)[number], string> = {
  supported: 'Supported',
  not_in_source: 'Not in source',
  draft: 'Draft',
};

/** How many ambiguous places are shown in full (the count is always given). */
export const MAX_CANDIDATES = 3;

export const STATUS_TEXT = {
  found: 'Found',
  ambiguous: 'Ambiguous',
  orphaned: 'Orphaned',
  unchecked: 'Unchecked',
} as const;

/** A reason in words as a sentence: capital first letter, final full stop. */
export const sentence = (text: string) => {
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
};

export const STATUS_ICON = { found: '✓', ambiguous: '?', orphaned: '✕', unchecked: '○' } as const;

export const SUPPORT_WORDS: Record<Support, string> = { states: 'States the fact', reports: 'Reports a claim', infers: 'Analyst\'s inference' };

/** The kind of support a citation gives its value, in words ("Reported claim, according to …"). */
export function supportLine(citation: Citation): TemplateResult {
  const words =
    citation.support === 'reports' ? `Reported claim${citation.attribution ? `, according to ${citation.attribution}` : ' (whose is not said)'}`
    : citation.support === 'infers' ? 'The analyst\'s inference from this passage'
    : 'States the fact';
  return html`<span class="support support-${citation.support}">${words}</span>`;
}

export function sourceLine(source: Source | undefined, id: string, locator: string): TemplateResult {
  const by = source ? [source.authors, source.year].filter(Boolean).join(', ') : '';
  return html`<span class="source"
    ><cite>${source?.title || id}</cite>${by ? html` <span class="by">(${by})</span>` : nothing}${locator
      ? html`<span class="locator"> · ${locator}</span>`
      : nothing}</span
  >`;
}

export function passage(text: string, range: TextRange, context: number, label: string): TemplateResult {
  const p = passageAround(text, range, context);
  return html`<blockquote class="passage" aria-label=${label}>${p.before}<mark>${p.quote}</mark>${p.after}</blockquote>`;
}
