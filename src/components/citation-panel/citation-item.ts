/** One citation in the evidence panel: its status, source line, passage, and (when editable) its tools. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CitationCheck } from '../../model/check/check.ts';
import { isPastLimit, MAX_CITATIONS } from '../../model/anchor/limits.ts';
import { citationLocator } from '../../model/check/locator.ts';
import type { TextMap } from '../../model/sources/text-map.ts';
import type { Dataset } from '../../model/dataset/dataset.ts';
import type { Matrix } from '../../model/types.ts';
import { plural, type CellView } from '../policy-matrix/rows.ts';
import { citationForm } from './citation-forms.ts';
import type { EditTarget } from './edit-target.ts';
import { rowCitationEvidence } from './row-evidence.ts';
import { MAX_CANDIDATES, STATUS_ICON, STATUS_TEXT, passage, sentence, sourceLine, supportLine } from './evidence-words.ts';

export interface CitationItem {
  matrix: Matrix;
  check: CitationCheck;
  view: CellView;
  /** Its place in the cell's list, and the list's length (for the move buttons). */
  position: number;
  count: number;
  /** The text of its source, when loaded, and where the source's pages and sections are. */
  sourceText: string | undefined;
  sourceMap: TextMap | undefined;
  /** The dataset a row citation cites (its source is a dataset), when loaded. */
  dataset?: Dataset | undefined;
  /** Characters of source text shown on each side of a quote. */
  context: number;
  editable: boolean;
  /** Its fields are shown for editing; the Edit button toggles them. */
  editing: boolean;
  toggleEditing: () => void;
  target: EditTarget;
}

export function citationItem(item: CitationItem): TemplateResult {
  const { matrix, check, view, position, count, target, context } = item;
  const { citation, anchor } = check;
  const source = matrix.sources.find((s) => s.id === citation.source);
  const text = item.sourceText;
  let statusText: string = STATUS_TEXT[anchor.status];
  if (anchor.status === 'ambiguous') {
    const n = anchor.occurrences ?? anchor.candidates?.length ?? 0;
    statusText = n ? `Ambiguous: matches ${n} places` : 'Ambiguous';
  } else if (anchor.status === 'orphaned') statusText = 'Orphaned: not found in the source';
  else if (anchor.status === 'unchecked') {
    statusText = isPastLimit(anchor) ? `Unchecked: past the limit of ${MAX_CITATIONS.toLocaleString('en-US')} citations checked` : 'Unchecked: the source text is not loaded';
  }

  let evidence: TemplateResult;
  if (citation.rowKey) {
    // A dataset's row: shown in its place in the file, as a quote in its passage.
    if (anchor.status === 'ambiguous') statusText = `Ambiguous: matches ${anchor.occurrences ?? anchor.rows?.length ?? 0} rows`;
    else if (anchor.status === 'orphaned') statusText = 'Orphaned: not found in the dataset';
    else if (anchor.status === 'unchecked') statusText = 'Unchecked: the dataset is not loaded';
    evidence = rowCitationEvidence(check, item.dataset);
  } else if (anchor.status === 'found' && text !== undefined && anchor.range) {
    evidence = passage(text, anchor.range, context, `Passage of citation ${citation.seq}`);
  } else if (anchor.status === 'ambiguous' && text !== undefined && anchor.candidates?.length) {
    const shown = anchor.candidates.slice(0, MAX_CANDIDATES);
    // Places are counted in full (up to a limit) but only the first few are listed.
    const places = anchor.occurrences ?? anchor.candidates.length;
    evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
      <ol class="candidates">
        ${shown.map(
          (range, i) =>
            html`<li>${passage(text, range, Math.min(context, 160), `Place ${i + 1} of ${places}`)}</li>`,
        )}
      </ol>
      ${places > shown.length ? html`<p class="more">and ${plural(places - shown.length, 'more place')}.</p>` : nothing}
      <p class="advice">Add a prefix or suffix to the citation to tell these places apart.</p>`;
  } else {
    evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
      ${anchor.suggestion && text !== undefined
        ? html`<p class="suggestion-label">
              Closest passage in the source (${Math.round(anchor.suggestion.similarity * 100)}% similar), not attached:
            </p>
            ${passage(text, anchor.suggestion.range, Math.min(context, 160), 'Closest passage')}`
        : anchor.reason
          ? nothing
          : html`<p class="muted">No close passage in the source.</p>`}`;
  }

  const [d, j] = view.key.split('\u0000');
  const { editing } = item;
  const n = citation.seq;
  return html`<li class="citation ${anchor.status}">
    <div class="meta">
      <span class="badge ${anchor.status}"><span aria-hidden="true">${STATUS_ICON[anchor.status]}</span> ${statusText}</span>
      ${sourceLine(source, citation.source, citationLocator(citation, anchor.status === 'found' ? anchor.range : undefined, item.sourceMap))}
      ${supportLine(citation)}
    </div>
    ${evidence}
    ${anchor.reason && anchor.status !== 'found' ? html`<p class="reason">${sentence(anchor.reason)}</p>` : nothing}
    ${item.editable
      ? html`<div class="citation-tools" role="group" aria-label=${`Citation ${n}`}>
          <button type="button" class="edit-citation" aria-expanded=${editing ? 'true' : 'false'} aria-label=${editing ? `Done editing citation ${n}` : `Edit citation ${n}`}
            @click=${item.toggleEditing}>${editing ? 'Done' : 'Edit'}</button>
          <button type="button" class="move-up" aria-label=${`Move citation ${n} up`} ?disabled=${position === 0}
            @click=${() => target.apply(`c${n}-move`, { type: 'move-citation', dimension: d, jurisdiction: j, seq: n, to: position - 1 })}><span aria-hidden="true">↑</span></button>
          <button type="button" class="move-down" aria-label=${`Move citation ${n} down`} ?disabled=${position === count - 1}
            @click=${() => target.apply(`c${n}-move`, { type: 'move-citation', dimension: d, jurisdiction: j, seq: n, to: position + 1 })}><span aria-hidden="true">↓</span></button>
          <button type="button" class="remove-citation" aria-label=${`Remove citation ${n}`}
            @click=${() => target.apply(`c${n}-remove`, { type: 'remove-citation', dimension: d, jurisdiction: j, seq: n })}>Remove</button>
        </div>
        ${target.feedback.message(`c${n}-move`)}${target.feedback.message(`c${n}-remove`)}
        ${editing ? citationForm(target, matrix, view, check) : nothing}`
      : nothing}
  </li>`;
}
