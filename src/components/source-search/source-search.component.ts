import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { sharedSourceIndexCache } from '../../model/check/check.ts';
import { citeResultCommand } from '../../model/sources/search/cite.ts';
import type { SearchResult } from '../../model/sources/search/search-index.ts';
import { cellKey, type CitationStatus } from '../../model/types.ts';
import '../source-reader/policy-source-reader.ts';
import type { PolicySourceReader } from '../source-reader/source-reader.component.ts';
import { showReaderDialog } from '../common/reader-dialog.ts';
import { SearchController } from './search-controller.ts';
import { KEYS_HELP, markedExcerpt, statusWords, targetPicker } from './search-parts.ts';
import { styles } from './source-search.styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

export interface PolicySearchCiteDetail {
  /** The cell cited to (`cellKey`), the new citation's seq and how it anchors. */
  cell: string;
  seq: number;
  status: CitationStatus;
  source: string;
}

declare global {
  interface HTMLElementEventMap {
    'policy-search-cite': CustomEvent<PolicySearchCiteDetail>;
  }
}

/**
 * @summary Find evidence across every source of the matrix: a search box whose results (passages,
 * best first, with source, page or section and the excerpt with the matches marked) follow
 * the typing; a result opens the source reader at its passage, or is cited to the selected
 * cell at once (an undoable edit, in the history).
 *
 * The sources are indexed once, in a worker, so typing never waits for them; results come a
 * moment after the last key press, and only for the latest query. Keys: ↓ from the box goes
 * to the results; on a result ↑ ↓ Home End move, Enter opens it, Ctrl/Cmd+Enter cites it,
 * Escape returns to the box. With no cell selected, it says so and offers to pick one.
 *
 * Works on the store provided by an ancestor (`storeContext`, `snapshotContext`).
 *
 * @fires policy-search-cite - A result was cited; `detail` has the cell, the citation's seq and status, and the source.
 */
export class PolicySourceSearch extends StoreConsumer {
  static override styles = styles;

  @state() private typed = '';
  /** The result that takes Tab and arrow keys (roving focus). */
  @state() private active = 0;
  /** The dimension and jurisdiction picked while no cell is selected. */
  @state() private pick = { dimension: '', jurisdiction: '' };
  /** The result shown in the reader. */
  @state() private reading: SearchResult | undefined;
  @state() private said = '';

  @query('input.query') private input!: HTMLInputElement;
  @query('dialog.reader-dialog') private readerDialog!: HTMLDialogElement;

  private readonly search = new SearchController(this);
  /** The query the shown results are for: a new one starts at the first result. */
  private resultsFor = '';

  /** Focus the search box (e.g. from a keyboard shortcut), its text selected. */
  focusSearch(): void {
    void this.updateComplete.then(() => {
      this.input?.focus();
      this.input?.select();
    });
  }

  /** Search for `text` as if typed (results follow after the same pause). */
  setQuery(text: string): void {
    this.typed = text;
    this.search.query(text);
  }

  /** The cell results are cited to: the store's selection, or the one picked here. */
  get targetCell(): string | undefined {
    const selection = this.snapshot.selection;
    if (selection !== undefined) return selection;
    const { dimension, jurisdiction } = this.pick;
    return dimension && jurisdiction ? cellKey(dimension, jurisdiction) : undefined;
  }

  /** The results shown now: those of the latest query run (the one typed, a moment after the last key). */
  get results(): readonly SearchResult[] {
    return this.typed.trim() === '' ? [] : (this.search.view.results?.results ?? []);
  }

  /** Cite a result to the target cell (an `add-citation` edit). Returns the new citation's seq, or undefined. */
  cite(result: SearchResult): number | undefined {
    const store = this.store;
    const key = this.targetCell;
    if (!store || key === undefined) {
      this.said = 'No cell is selected: choose the dimension and jurisdiction to cite this passage to.';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('select.target-dimension')?.focus());
      return undefined;
    }
    const text = this.snapshot.sourceTexts.get(result.source);
    const [dimension, jurisdiction] = key.split('\u0000');
    const edit = text === undefined ? undefined : citeResultCommand(result, sharedSourceIndexCache().get(text), { dimension, jurisdiction });
    const done = edit ? store.edit(edit) : { ok: false as const, message: 'the source text is not loaded' };
    if (!done.ok) {
      this.said = `Not cited: ${done.message}.`;
      return undefined;
    }
    const list = store.snapshot.check?.citations.get(key) ?? [];
    const added = list.reduce<(typeof list)[number] | undefined>((m, c) => (!m || c.citation.seq > m.citation.seq ? c : m), undefined);
    const seq = added?.citation.seq ?? 0;
    const status = added?.anchor.status ?? 'orphaned';
    this.said = `Cited to ${this.cellName(key)} as citation ${seq}: ${status === 'found' ? 'found in the source' : status}. Ctrl+Z undoes it.`;
    this.dispatchEvent(new CustomEvent<PolicySearchCiteDetail>('policy-search-cite', { detail: { cell: key, seq, status, source: result.source }, bubbles: true, composed: true }));
    return seq;
  }

  /** Open the source reader at a result's passage (a dialog; Escape closes it). */
  async open(result: SearchResult): Promise<PolicySourceReader | undefined> {
    this.reading = result;
    return showReaderDialog(this);
  }

  protected override willUpdate(): void {
    this.search.sync(this.snapshot);
    if (this.search.view.query !== this.resultsFor) {
      this.resultsFor = this.search.view.query;
      this.active = 0;
    }
  }

  protected override render() {
    const { matrix } = this.snapshot;
    if (!matrix) return html`<p class="hint">No matrix loaded.</p>`;
    const results = this.results;
    const active = Math.min(this.active, Math.max(0, results.length - 1));
    const target = this.targetCell;
    const [selDimension, selJurisdiction] = (this.snapshot.selection ?? '').split('\u0000');
    const pick = this.snapshot.selection !== undefined ? { dimension: selDimension, jurisdiction: selJurisdiction } : this.pick;
    return html`<section class="base" part="base" aria-label="Search sources">
      <div class="box" role="search">
        <label for="search-query" class="box-label">Search the sources</label>
        <input id="search-query" class="query" type="search" autocomplete="off" spellcheck="false" .value=${this.typed}
          aria-describedby="search-help" aria-controls="search-results"
          @input=${(e: Event) => this.setQuery((e.target as HTMLInputElement).value)} @keydown=${this.onQueryKey} />
        <p id="search-help" class="hint">${KEYS_HELP}</p>
      </div>
      ${targetPicker(matrix, pick, target === undefined ? undefined : this.cellName(target), (which, id) => this.picked(which, id))}
      <p class="status" role="status">${statusWords(this.search.view, this.typed)}</p>
      <ol id="search-results" class="results" aria-label="Results" data-query=${this.search.view.query}>
        ${results.map((r, i) => this.result(r, i, i === active))}
      </ol>
      <p class="said" role="status">${this.said}</p>
      ${this.reading ? this.readerDialogOf(this.reading, target) : nothing}
    </section>`;
  }

  private result(r: SearchResult, i: number, active: boolean): TemplateResult {
    const source = this.snapshot.matrix?.sources.find((s) => s.id === r.source);
    const tab = active ? '0' : '-1';
    return html`<li class="result">
      <article class="hit" tabindex=${tab} data-index=${i} aria-labelledby=${`hit-${i}-where`} aria-describedby=${`hit-${i}-text`}
        @keydown=${(e: KeyboardEvent) => this.onResultKey(e, r, i)} @focus=${() => (this.active = i)}>
        <p class="where" id=${`hit-${i}-where`}><span class="rank">${i + 1}.</span> <cite>${source?.title || r.source}</cite>${r.locator ? html`<span class="locator"> · ${r.locator}</span>` : nothing}</p>
        <p class="excerpt" id=${`hit-${i}-text`}>${markedExcerpt(r.excerpt)}</p>
        <div class="actions">
          <button type="button" class="open" tabindex=${tab} @click=${() => void this.open(r)}>Open in the source</button>
          <button type="button" class="cite primary" tabindex=${tab} @click=${() => this.cite(r)}>Cite</button>
        </div>
      </article>
    </li>`;
  }

  private readerDialogOf(r: SearchResult, target: string | undefined): TemplateResult {
    const source = this.snapshot.matrix?.sources.find((s) => s.id === r.source);
    return html`<dialog class="reader-dialog" aria-labelledby="search-reader-title" @close=${() => (this.reading = undefined)}>
      <div class="dialog-head">
        <h2 id="search-reader-title">${source?.title || r.source}${r.locator ? ` — ${r.locator}` : ''}</h2>
        <button type="button" class="cite-passage primary" @click=${() => this.cite(r)}>Cite this passage</button>
        <button type="button" class="close-reader" @click=${() => this.readerDialog.close()}>Close</button>
      </div>
      <policy-source-reader .source=${r.source} .cell=${target ?? ''} .passage=${r.excerpt.range}></policy-source-reader>
      <p class="said" role="status">${this.said}</p>
    </dialog>`;
  }

  private cellName(key: string): string {
    const [d, j] = key.split('\u0000');
    const dimension = this.snapshot.index?.dimensions.get(d);
    const jurisdiction = this.snapshot.index?.jurisdictions.get(j);
    return `${dimension?.label || d} — ${jurisdiction?.label || j}`;
  }

  private picked(which: 'dimension' | 'jurisdiction', id: string): void {
    const [d, j] = (this.snapshot.selection ?? '').split('\u0000');
    const pick = { ...(this.snapshot.selection !== undefined ? { dimension: d, jurisdiction: j } : this.pick), [which]: id };
    this.pick = pick;
    this.said = '';
    // Both chosen: that cell is selected in the store (the grid and the evidence panel follow).
    this.store?.select(pick.dimension && pick.jurisdiction ? cellKey(pick.dimension, pick.jurisdiction) : undefined);
  }

  private focusResult(i: number): void {
    const count = this.results.length;
    if (count === 0) return;
    this.active = Math.max(0, Math.min(count - 1, i));
    void this.updateComplete.then(() => {
      const hit = this.renderRoot.querySelector<HTMLElement>(`article.hit[data-index="${this.active}"]`);
      hit?.focus();
      hit?.scrollIntoView({ block: 'nearest' });
    });
  }

  private onQueryKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      this.search.flush();
      this.focusResult(this.active);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.search.flush();
    }
  }

  private onResultKey(e: KeyboardEvent, r: SearchResult, i: number): void {
    if (e.target !== e.currentTarget) return;
    const move = (to: number) => {
      e.preventDefault();
      this.focusResult(to);
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') {
      if (i === 0) {
        e.preventDefault();
        this.input.focus();
      } else move(i - 1);
    } else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(this.results.length - 1);
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.cite(r);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void this.open(r);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.input.focus();
    }
  }
}
