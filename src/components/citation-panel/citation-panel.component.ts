import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { CitationCheck } from '../../model/check.ts';
import { passageAround } from '../../model/passage.ts';
import type { Matrix, Source, TextRange } from '../../model/types.ts';
import { snapshotContext } from '../../state/context.ts';
import { emptySnapshot, type Snapshot } from '../../state/store.ts';
import { CHECK_LABELS, cellViewOf, displayValue, plural, type CellView } from '../policy-matrix/rows.ts';
import { styles } from './citation-panel.styles.ts';

/** How many ambiguous places are shown in full (the count is always given). */
const MAX_CANDIDATES = 3;

const STATUS_TEXT = {
  found: 'Found',
  ambiguous: 'Ambiguous',
  orphaned: 'Orphaned',
} as const;

/** A reason in words as a sentence: capital first letter, final full stop. */
const sentence = (text: string) => {
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
};

const STATUS_ICON = { found: '✓', ambiguous: '?', orphaned: '✕' } as const;

function sourceLine(source: Source | undefined, id: string, locator: string): TemplateResult {
  const by = source ? [source.authors, source.year].filter(Boolean).join(', ') : '';
  return html`<span class="source"
    ><cite>${source?.title || id}</cite>${by ? html` <span class="by">(${by})</span>` : nothing}${locator
      ? html`<span class="locator"> · ${locator}</span>`
      : nothing}</span
  >`;
}

function passage(text: string, range: TextRange, context: number, label: string): TemplateResult {
  const p = passageAround(text, range, context);
  return html`<blockquote class="passage" aria-label=${label}>${p.before}<mark>${p.quote}</mark>${p.after}</blockquote>`;
}

/**
 * @summary The evidence of the selected cell: its value, level, status and note, and each
 * citation highlighted in its passage of the source text.
 *
 * Reads the store from @lit/context (`snapshotContext`), so it must be inside an element
 * that provides it (`<policy-matrix>` or `<policy-matrix-app>`). Renders text only.
 *
 * @csspart base - The panel's wrapper.
 * @cssproperty --policy-citation-panel-mark - Background of the highlighted quote.
 */
export class PolicyCitationPanel extends LitElement {
  static override styles = styles;

  /** Characters of source text shown on each side of a quote. */
  @property({ type: Number }) context = 280;

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  private snapshot: Snapshot = emptySnapshot;

  protected override render() {
    const { matrix, selection, status } = this.snapshot;
    let body: TemplateResult;
    if (!matrix) {
      body = html`<p class="hint">
        ${status === 'loading' ? 'Loading the matrix…' : status === 'failed' ? 'The matrix could not be loaded.' : 'No matrix loaded.'}
      </p>`;
    }
    else if (selection === undefined) {
      body = html`<p class="hint">Select a cell of the matrix (click it, or move to it with the arrow keys) to see its evidence.</p>
        <h3 class="legend-heading">In the matrix</h3>
        <dl class="legend">
          <dt><span class="sample-count">3</span></dt>
          <dd>number of citations of the cell</dd>
          <dt><span class="badge status-flagged"><span aria-hidden="true">⚑</span> Flagged</span></dt>
          <dd>a value without a citation found in the source, or a status that contradicts the value</dd>
          <dt><span class="badge ambiguous"><span aria-hidden="true">⚠</span></span></dt>
          <dd>a citation is orphaned (not found in the source) or ambiguous (found in several places)</dd>
          <dt><span class="muted"><i>Not in source</i></span></dt>
          <dd>the source does not address this cell</dd>
        </dl>`;
    } else {
      const view = cellViewOf(this.snapshot, selection);
      body = view ? this.cellDetails(matrix, view) : html`<p class="hint">The selected cell is not in this matrix.</p>`;
    }
    return html`<section part="base" class="base" aria-label="Evidence">${body}</section>`;
  }

  private cellDetails(matrix: Matrix, view: CellView): TemplateResult {
    const { dimension, jurisdiction, cell } = view;
    const checks = this.snapshot.check?.citations.get(view.key) ?? [];
    const status = view.check ?? cell?.status;
    const statusLabel = status ? CHECK_LABELS[status] : 'No entry';
    return html`
      <header>
        ${dimension.theme ? html`<p class="eyebrow">${dimension.theme}</p>` : nothing}
        <h2 class="title">${dimension.label || dimension.id} <span class="sep">—</span> ${jurisdiction.label || jurisdiction.id}</h2>
        ${dimension.definition ? html`<p class="definition">${dimension.definition}</p>` : nothing}
      </header>
      <dl class="facts">
        <dt>Value</dt>
        <dd class="value">
          ${cell && cell.value !== ''
            ? displayValue(dimension, cell.value)
            : html`<span class="muted">${cell?.status === 'not_in_source' ? 'Not in source' : 'None'}</span>`}
        </dd>
        ${dimension.valueType === 'ordinal'
          ? html`<dt>Level</dt>
              <dd class="level">
                ${view.level
                  ? html`${view.level.label}${view.levels ? ` (${view.level.rank} of ${view.levels})` : ''}${view.level.definition
                      ? html`<span class="level-def">${view.level.definition}</span>`
                      : nothing}`
                  : html`<span class="muted">${cell?.level || 'None'}</span>`}
              </dd>`
          : nothing}
        <dt>Status</dt>
        <dd class="status">
          <span class="badge status-${status ?? 'missing'}">${status === 'flagged' ? html`<span aria-hidden="true">⚑</span> ` : nothing}${statusLabel}</span>
          ${view.flag ? html`<span class="flag-reason">This cell ${view.flag}.</span>` : nothing}
        </dd>
        ${cell?.asOf ? html`<dt>As of</dt><dd>${cell.asOf}</dd>` : nothing}
        ${cell?.note ? html`<dt>Note</dt><dd class="note">${cell.note}</dd>` : nothing}
      </dl>
      <h3 class="citations-heading">${checks.length ? plural(checks.length, 'citation') : 'No citations'}</h3>
      ${checks.length
        ? html`<ol class="citations">
            ${checks.map((c) => this.citation(matrix, c))}
          </ol>`
        : nothing}
    `;
  }

  private citation(matrix: Matrix, { citation, anchor }: CitationCheck): TemplateResult {
    const source = matrix.sources.find((s) => s.id === citation.source);
    const text = this.snapshot.sourceTexts.get(citation.source);
    let statusText: string = STATUS_TEXT[anchor.status];
    if (anchor.status === 'ambiguous') {
      const n = anchor.candidates?.length ?? 0;
      statusText = n ? `Ambiguous: matches ${n} places` : 'Ambiguous';
    } else if (anchor.status === 'orphaned') statusText = 'Orphaned: not found in the source';

    let evidence: TemplateResult;
    if (anchor.status === 'found' && text !== undefined && anchor.range) {
      evidence = passage(text, anchor.range, this.context, `Passage of citation ${citation.seq}`);
    } else if (anchor.status === 'ambiguous' && text !== undefined && anchor.candidates?.length) {
      const shown = anchor.candidates.slice(0, MAX_CANDIDATES);
      evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
        <ol class="candidates">
          ${shown.map(
            (range, i) =>
              html`<li>${passage(text, range, Math.min(this.context, 160), `Place ${i + 1} of ${anchor.candidates!.length}`)}</li>`,
          )}
        </ol>
        ${anchor.candidates.length > shown.length
          ? html`<p class="more">and ${plural(anchor.candidates.length - shown.length, 'more place')}.</p>`
          : nothing}
        <p class="advice">Add a prefix or suffix to the citation to tell these places apart.</p>`;
    } else {
      evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
        ${anchor.suggestion && text !== undefined
          ? html`<p class="suggestion-label">
                Closest passage in the source (${Math.round(anchor.suggestion.similarity * 100)}% similar), not attached:
              </p>
              ${passage(text, anchor.suggestion.range, Math.min(this.context, 160), 'Closest passage')}`
          : anchor.reason
            ? nothing
            : html`<p class="muted">No close passage in the source.</p>`}`;
    }

    return html`<li class="citation ${anchor.status}">
      <div class="meta">
        <span class="badge ${anchor.status}"><span aria-hidden="true">${STATUS_ICON[anchor.status]}</span> ${statusText}</span>
        ${sourceLine(source, citation.source, citation.locator)}
      </div>
      ${evidence}
      ${anchor.reason && anchor.status !== 'found' ? html`<p class="reason">${sentence(anchor.reason)}</p>` : nothing}
    </li>`;
  }
}
