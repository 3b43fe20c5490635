import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { sharedSourceIndexCache } from '../../model/check/check.ts';
import { captureQuote, type CapturedQuote } from '../../model/edit/cite.ts';
import { cellKey, type CitationStatus, type TextRange } from '../../model/types.ts';
import { styles } from './source-reader.styles.ts';
import { isPageBreak, pageWords, withPageBreaks } from './page-breaks.ts';
import { locatorFor } from '../../model/sources/text-map.ts';
import { StoreConsumer } from '../common/store-consumer.ts';
import { SHOWN_SPAN, firstShown, segments, wholeLines, type Highlight } from './shown-text.ts';
import { selectedRange, textNodeOf, type Boundary } from './text-selection.ts';

export interface PolicySourceAttachDetail {
  cell: string;
  seq: number;
  status: CitationStatus;
}

declare global {
  interface HTMLElementEventMap {
    'policy-source-attach': CustomEvent<PolicySourceAttachDetail>;
  }
}

const count = (n: number) => n.toLocaleString('en');

/**
 * @summary The full text of a source, with the passages the selected cell cites highlighted.
 * Select a passage (mouse, or keyboard: the text is focusable and Shift+arrow keys select) and
 * attach it to the cell: the quote is the selected text, and a prefix and/or suffix from the
 * text around it is added only when the quote alone matches several places. The citation is
 * checked at once, with the same code as `policy-matrix validate`.
 *
 * Works on the store provided by an ancestor (`storeContext`, `snapshotContext`).
 *
 * @event policy-source-attach - A citation was attached; `detail` has the cell, its seq and status.
 * @csspart text - The source text.
 * @cssproperty --policy-source-reader-height - Height of the text pane (default 60vh).
 */
export class PolicySourceReader extends StoreConsumer {
  static override styles = styles;

  /** The cell citations are attached to (`cellKey`); the store's selection when empty. */
  @property() cell = '';

  /** The source shown; the first source of the cell's citations (or of the matrix) when empty. */
  @property() source = '';

  /**
   * A passage of the source to show (e.g. a search result): marked, scrolled into view, and
   * where the caret is put; unset, the reader opens at the cell's first cited passage.
   */
  @property({ attribute: false }) passage: TextRange | undefined;

  @state() private capture: CapturedQuote | undefined;
  @state() private message = '';
  @state() private locator = '';

  @query('.text') private textElement!: HTMLElement;

  /** The part of the source shown (see LONG_SOURCE), for which cell and source (derived in render: not reactive). */
  private shown: { for: string; from: number; to: number } | undefined;

  private readonly onSelectionChange = () => this.selectionChanged();
  private scrolledFor = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('selectionchange', this.onSelectionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('selectionchange', this.onSelectionChange);
  }

  /** The cell attached to. */
  get cellKey(): string {
    return this.cell || this.snapshot.selection || '';
  }

  /** The source shown. */
  get sourceId(): string {
    if (this.source) return this.source;
    const cited = (this.snapshot.view?.citations ?? this.snapshot.check?.citations)?.get(this.cellKey)?.[0]?.citation.source;
    return cited ?? this.snapshot.matrix?.sources.find((s) => this.snapshot.sourceTexts.has(s.id))?.id ?? '';
  }

  /** Focus the text, ready for a keyboard selection (the caret at the first cited passage, if any). */
  focusText(): void {
    const text = this.textElement;
    if (!text) return;
    text.focus({ preventScroll: true });
    const mark = text.querySelector<HTMLElement>('mark.passage') ?? text.querySelector<HTMLElement>('mark');
    const node = mark && [...mark.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    if (node) document.getSelection()?.collapse(node, 0);
    this.scrollToCited();
  }

  /** Scroll the text so that the passage asked for (or the first cited one) is in view. */
  private scrollToCited(): boolean {
    const text = this.textElement;
    const mark = text?.querySelector<HTMLElement>('mark.passage') ?? text?.querySelector<HTMLElement>('mark');
    if (!text || text.clientHeight === 0) return false;
    text.scrollTop = mark ? Math.max(0, mark.offsetTop - text.clientHeight / 3) : 0;
    return true;
  }

  /**
   * Select the original text [start, end) (as a user would), e.g. from a test or a search.
   * Returns false when the range is not shown.
   */
  selectRange(start: number, end: number): boolean {
    const a = this.boundaryAt(start);
    const b = this.boundaryAt(end);
    if (!a || !b) return false;
    document.getSelection()?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    this.selectionChanged();
    return true;
  }

  /** Attach the selected passage to the cell. Returns the new citation's seq, or undefined. */
  attach(): number | undefined {
    const capture = this.capture;
    const store = this.store;
    const key = this.cellKey;
    const source = this.sourceId;
    if (!capture || !store || !key || !source) {
      this.message = !capture ? 'Select a passage of the text first.' : 'No cell is selected to attach the passage to.';
      return undefined;
    }
    const [dimension, jurisdiction] = key.split('\u0000');
    const result = store.edit({
      type: 'add-citation', dimension, jurisdiction,
      citation: {
        source, quote: capture.quote, prefix: capture.prefix, suffix: capture.suffix, locator: this.locator.trim(),
        start: capture.range.start, end: capture.range.end,
      },
    });
    if (!result.ok) {
      this.message = `Not attached: ${result.message}.`;
      return undefined;
    }
    const list = (store.snapshot.view?.citations ?? store.snapshot.check?.citations)?.get(cellKey(dimension, jurisdiction)) ?? [];
    const added = list.reduce<(typeof list)[number] | undefined>((m, c) => (!m || c.citation.seq > m.citation.seq ? c : m), undefined);
    const seq = added?.citation.seq ?? 0;
    const status = added?.anchor.status ?? 'orphaned';
    this.message = `Attached as citation ${seq}: ${status === 'found' ? 'found in the source' : status}.`;
    this.capture = undefined;
    document.getSelection()?.removeAllRanges();
    this.dispatchEvent(new CustomEvent<PolicySourceAttachDetail>('policy-source-attach', { detail: { cell: key, seq, status }, bubbles: true, composed: true }));
    return seq;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const id = `${this.cellKey}\u0001${this.sourceId}\u0001${this.passage?.start ?? ''}`;
    if (this.scrolledFor !== id && this.scrollToCited()) this.scrolledFor = id;
  }

  protected override render() {
    const { matrix, sourceTexts } = this.snapshot;
    const sourceId = this.sourceId;
    const source = matrix?.sources.find((s) => s.id === sourceId);
    const text = sourceTexts.get(sourceId);
    const key = this.cellKey;
    const [dimensionId, jurisdictionId] = key.split('\u0000');
    const dimension = this.snapshot.index?.dimensions.get(dimensionId);
    const jurisdiction = this.snapshot.index?.jurisdictions.get(jurisdictionId);
    const cellName = dimension && jurisdiction ? `${dimension.label || dimension.id} — ${jurisdiction.label || jurisdiction.id}` : '';
    const readable = (matrix?.sources ?? []).filter((s) => sourceTexts.has(s.id));
    if (!matrix) return html`<p class="hint">No matrix loaded.</p>`;
    if (text === undefined) return html`<p class="hint">The text of ${source ? `“${source.title || source.id}”` : 'this source'} is not loaded.</p>`;
    const highlights = this.highlights(sourceId);
    const capture = this.capture;
    const [from, to] = this.shownRange(text, highlights);
    return html`
      <div class="bar">
        ${readable.length > 1
          ? html`<label>Source
              <select class="source-select" @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value)}>
                ${readable.map((s) => html`<option value=${s.id} ?selected=${s.id === sourceId}>${s.title || s.id}</option>`)}
              </select></label>`
          : html`<p class="source-title"><cite>${source?.title || sourceId}</cite>${source?.authors ? html` <span class="by">(${[source.authors, source.year].filter(Boolean).join(', ')})</span>` : nothing}</p>`}
        <p class="legend">${highlights.some((h) => h.kind === 'passage') ? html`<mark class="passage sample">Outlined</mark>: the passage found. ` : nothing}${highlights.some((h) => h.kind === 'cited') ? html`<mark class="cited sample">Highlighted</mark>: passages this cell cites.` : 'This cell cites nothing in this source yet.'}
          Select a passage with the mouse, or in the text with Shift and the arrow keys; Ctrl+Enter attaches it.</p>
      </div>
      <div
        part="text"
        class="text"
        tabindex="0"
        contenteditable="true"
        spellcheck="false"
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label=${`Text of ${source?.title || sourceId}`}
        data-store-undo
        @beforeinput=${(e: InputEvent) => e.preventDefault()}
        @drop=${(e: DragEvent) => e.preventDefault()}
        @keydown=${this.onTextKey}
      >${withPageBreaks(segments(from, to, highlights), this.snapshot.sourceMaps.get(sourceId)?.pages ?? [], from, to).map((s) =>
        isPageBreak(s) ? html`<span class="page-break" contenteditable="false" data-at=${s.page.start}>${pageWords(s.page)}</span>` : this.segment(text, s))}</div>
      ${from > 0 || to < text.length
        ? html`<div class="part" role="group" aria-label="Part of the text shown">
            <p class="part-status">Showing characters ${count(from + 1)}–${count(to)} of ${count(text.length)}${this.citedOutside(highlights, from, to) ? ' (some cited passages are outside this part)' : ''}.</p>
            <button type="button" class="show-earlier" ?disabled=${from === 0} @click=${() => this.showMore(text, -1)}>Show earlier text</button>
            <button type="button" class="show-later" ?disabled=${to === text.length} @click=${() => this.showMore(text, 1)}>Show later text</button>
          </div>`
        : nothing}
      <div class="attach" role="group" aria-label="Attach the selected passage">
        ${capture
          ? html`<p class="selected">Selected: <q>${capture.quote}</q></p>
              <p class="context">${capture.prefix || capture.suffix
                ? html`Told apart from other places by ${capture.prefix ? html`the words before it (<q>${capture.prefix}</q>)` : nothing}${capture.prefix && capture.suffix ? ' and ' : nothing}${capture.suffix ? html`the words after it (<q>${capture.suffix}</q>)` : nothing}.`
                : 'The quote occurs once in the source: no context needed.'}
                <span class="check ${capture.anchor.status}">${capture.anchor.status === 'found' ? 'Found' : capture.anchor.status === 'ambiguous' ? 'Ambiguous' : 'Orphaned'}</span></p>`
          : html`<p class="selected muted">No passage selected.</p>`}
        <label class="locator">Locator <input type="text" placeholder=${this.mapLocator(sourceId) || 'page, section'} .value=${this.locator} @input=${(e: Event) => (this.locator = (e.target as HTMLInputElement).value)} /></label>
        <button type="button" class="attach-button" ?disabled=${!cellName} @click=${() => this.attach()}>
          Attach to ${cellName || 'the selected cell'}
        </button>
        <p class="message" role="status">${this.message}</p>
      </div>
    `;
  }

  /** The locator the source's map gives the selected passage ("p. 12"): what an empty Locator field attaches. */
  private mapLocator(sourceId: string): string {
    const map = this.snapshot.sourceMaps.get(sourceId);
    return map && this.capture ? locatorFor(map, this.capture.range) : '';
  }

  /** The part of `text` shown now: as extended by the reader, or first shown for this cell and source. */
  private shownRange(text: string, highlights: readonly Highlight[]): [number, number] {
    const key = `${this.cellKey}\u0001${this.sourceId}\u0001${text.length}\u0001${this.passage?.start ?? ''}`;
    if (this.shown?.for === key) return [this.shown.from, this.shown.to];
    const asked = highlights.filter((h) => h.kind === 'passage');
    const cited = asked.length ? asked : highlights.filter((h) => h.kind === 'cited');
    const at = Math.min(...(cited.length ? cited : highlights).map((h) => h.start), text.length);
    const [from, to] = firstShown(text, at === text.length ? 0 : at);
    this.shown = { for: key, from, to };
    return [from, to];
  }

  private citedOutside(highlights: readonly Highlight[], from: number, to: number): boolean {
    return highlights.some((h) => h.kind === 'cited' && (h.end <= from || h.start >= to));
  }

  /** Show SHOWN_SPAN more characters before (-1) or after (1) the part shown. */
  private showMore(text: string, direction: -1 | 1): void {
    const shown = this.shown;
    if (!shown) return;
    const [from, to] = direction < 0
      ? wholeLines(text, Math.max(0, shown.from - SHOWN_SPAN), shown.to)
      : wholeLines(text, shown.from, Math.min(text.length, shown.to + SHOWN_SPAN));
    const pane = this.textElement;
    const keepTop = pane ? pane.scrollHeight - pane.scrollTop : 0;
    this.shown = { ...shown, from, to };
    this.requestUpdate();
    // Earlier text goes above: keep the passage in view where it was.
    if (direction < 0 && pane) void this.updateComplete.then(() => (pane.scrollTop = pane.scrollHeight - keepTop));
  }

  private segment(text: string, s: { start: number; end: number; mark?: Highlight }): TemplateResult {
    const t = text.slice(s.start, s.end);
    return s.mark
      ? html`<mark class=${s.mark.kind} data-start=${s.start} title=${s.mark.label}>${t}</mark>`
      : html`<span data-start=${s.start}>${t}</span>`;
  }

  private highlights(sourceId: string): Highlight[] {
    const out: Highlight[] = [];
    const p = this.passage;
    if (p && p.end > p.start) out.push({ start: p.start, end: p.end, kind: 'passage', label: 'The passage found' });
    for (const { citation, anchor } of (this.snapshot.view?.citations ?? this.snapshot.check?.citations)?.get(this.cellKey) ?? []) {
      if (citation.source !== sourceId) continue;
      if (anchor.status === 'found' && anchor.range) out.push({ ...anchor.range, kind: 'cited', label: `Citation ${citation.seq}` });
      else if (anchor.status === 'ambiguous') for (const r of anchor.candidates ?? []) out.push({ ...r, kind: 'candidate', label: `Citation ${citation.seq}: one of several places` });
    }
    return out;
  }

  /** Ctrl/Cmd+Enter attaches the selection from the keyboard without leaving the text. */
  private onTextKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.attach();
    }
  }

  /** The original-text offset of a DOM boundary inside the text pane, if it is inside it. */
  private offsetOf(b: Boundary): number | undefined {
    const container = this.textElement;
    if (!container) return undefined;
    if (b.node === container) {
      for (let child = container.childNodes[b.offset] as Node | null; child; child = child.nextSibling) {
        if (child instanceof HTMLElement && child.dataset.start !== undefined) return Number(child.dataset.start);
      }
      // After the last segment: the end of the part shown.
      const last = [...container.children].at(-1) as HTMLElement | undefined;
      return last?.dataset.start === undefined ? undefined : Number(last.dataset.start) + (last.textContent ?? '').length;
    }
    // On a page break (its text, or a marker beside it): the start of its page.
    const holder = b.node.nodeType === Node.ELEMENT_NODE ? b.node : b.node.parentNode;
    if (holder instanceof HTMLElement && holder.dataset.at !== undefined && holder.parentNode === container) return Number(holder.dataset.at);
    let el: Node | null = b.node.nodeType === Node.TEXT_NODE ? b.node.parentNode : b.node;
    if (!(el instanceof HTMLElement) || el.dataset.start === undefined || el.parentNode !== container) return undefined;
    const start = Number(el.dataset.start);
    if (b.node.nodeType === Node.TEXT_NODE) return start + b.offset;
    // Boundary between the segment's children: before or after its text node.
    const textNode = textNodeOf(el);
    const at = textNode ? [...el.childNodes].indexOf(textNode) : 0;
    return start + (b.offset > at ? (el.textContent ?? '').length : 0);
  }

  private boundaryAt(offset: number): Boundary | undefined {
    const container = this.textElement;
    if (!container) return undefined;
    for (const child of container.children) {
      const el = child as HTMLElement;
      const start = Number(el.dataset.start);
      const length = el.textContent?.length ?? 0;
      const node = textNodeOf(el);
      if (offset >= start && offset <= start + length && node) return { node, offset: offset - start };
    }
    return undefined;
  }

  private selectionChanged(): void {
    const root = this.shadowRoot;
    if (!root || !this.textElement) return;
    const range = selectedRange(root);
    if (!range) return;
    const start = this.offsetOf(range.start);
    const end = this.offsetOf(range.end);
    if (start === undefined || end === undefined) return;
    if (range.collapsed || start === end) {
      if (root.activeElement === this.textElement) this.capture = undefined;
      return;
    }
    const text = this.snapshot.sourceTexts.get(this.sourceId);
    if (text === undefined) return;
    this.capture = captureQuote(sharedSourceIndexCache().get(text), start, end);
    this.message = '';
  }
}
