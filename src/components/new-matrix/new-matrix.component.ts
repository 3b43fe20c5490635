import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { newMatrixBundle } from '../../model/create/bundle.ts';
import {
  addLevel, addRow, addScale, chooseStart, draftSpec, emptyDraft, fieldOf, moveLevel, moveRow, removeLevel, removeRow, removeScale, rowsOf,
  setDimension, setJurisdiction, setLevel, setScaleId, type NewMatrixDraft,
} from '../../model/create/draft.ts';
import { newMatrix } from '../../model/create/new-matrix.ts';
import type { Matrix } from '../../model/types.ts';
import { dimensionsSection, jurisdictionsSection, scalesSection, type SectionContext } from './new-matrix-sections.ts';
import { styles } from './new-matrix.styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

export interface PolicyNewMatrixDetail {
  /** The matrix made (also the store's matrix now). */
  matrix: Matrix;
  /** Whether it started from the structure of the matrix open before. */
  copied: boolean;
}

declare global {
  interface HTMLElementEventMap {
    'policy-new-matrix': CustomEvent<PolicyNewMatrixDetail>;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

let created = 0;

/**
 * @summary The New matrix dialog: a title and description, jurisdictions (with groups),
 * dimensions (label, definition, value type, scale) and scales with named levels — started
 * blank, or from the structure of the open matrix (never its cells' values or citations; its
 * sources only when asked). **Create matrix** loads it into the store, every cell not in
 * source: it is then edited, autosaved and exported like any matrix.
 *
 * Ids are made from labels ("European Union" → `european-union`) unless one is typed. What
 * is wrong is said next to its field (and the first such field focused); nothing typed is
 * lost when the dialog is closed and opened again.
 *
 * Works on the store provided by an ancestor (`storeContext`, `snapshotContext`).
 *
 * @fires policy-new-matrix - A matrix was made and loaded; `detail.matrix` is it.
 */
export class PolicyNewMatrix extends StoreConsumer {
  static override styles = styles;

  @state() private draft: NewMatrixDraft = emptyDraft();
  /** Problems of the last Create, by field id. */
  @state() private errors: ReadonlyMap<string, string> = new Map();
  @state() private said = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The source texts of the matrix the structure was copied from, as they were then (kept sources take them). */
  private copiedTexts: ReadonlyMap<string, string> = new Map();

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Open the dialog (modal), focus on the title. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#nm-title')?.focus();
  }

  /** Close the dialog; what was typed stays for the next time. */
  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  /**
   * Make the matrix the dialog describes and load it into the store. Returns it, or
   * undefined when something is wrong (said next to each field; the first one is focused).
   */
  async create(): Promise<Matrix | undefined> {
    const store = this.store;
    const open = this.snapshot.matrix;
    const { spec, places } = draftSpec(this.draft, open);
    const made = newMatrix(spec, { requireRows: true });
    if (!made.ok) {
      const errors = new Map<string, string>();
      for (const p of made.problems) {
        const field = fieldOf(p, places);
        if (!errors.has(field)) errors.set(field, sentence(p.message));
      }
      this.errors = errors;
      this.said = `Not created: ${plural(made.problems.length, 'problem')}, said next to ${made.problems.length === 1 ? 'its field' : 'their fields'}.`;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return undefined;
    }
    if (!store) {
      this.said = 'Not created: this dialog is not inside an element that provides a store.';
      return undefined;
    }
    const copied = this.draft.start === 'copy';
    const bundle = newMatrixBundle(made.matrix, copied && this.draft.keepSources ? this.copiedTexts : new Map());
    // Each new matrix is a matrix of its own: its drafts are never another's.
    store.load(bundle, `new matrix ${made.matrix.name} (${Date.now().toString(36)}-${++created})`);
    this.errors = new Map();
    this.said = '';
    this.draft = emptyDraft();
    this.copiedTexts = new Map();
    this.close();
    this.dispatchEvent(new CustomEvent<PolicyNewMatrixDetail>('policy-new-matrix', { detail: { matrix: made.matrix, copied }, bubbles: true, composed: true }));
    return made.matrix;
  }

  protected override render() {
    const draft = this.draft;
    const open = this.snapshot.matrix;
    const rows = rowsOf(draft);
    const ctx = this.context(draft, open);
    const title = this.errors.get('title');
    const cells = rows.jurisdictions.filter((j) => j.label.trim()).length * rows.dimensions.filter((d) => d.label.trim()).length;
    // The structure copied already (kept while another matrix was opened since), or the open matrix's.
    const from = draft.copy?.from ?? (open ? { title: open.title || open.name, sources: open.sources } : undefined);
    return html`<dialog class="new-matrix" aria-labelledby="nm-heading" aria-describedby="nm-intro">
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        void this.create();
      }}>
        <div class="head">
          <h2 id="nm-heading">New matrix</h2>
          <p id="nm-intro" class="hint">Every cell starts “not in source”: values come with the passages of sources that support them.</p>
        </div>
        <div class="body">
          <div class="field wide">
            <label for="nm-title">Title</label>
            <input id="nm-title" type="text" required .value=${live(draft.title)} placeholder="e.g. Asylum procedures in the Americas"
              aria-invalid=${title ? 'true' : nothing} aria-describedby=${title ? 'err-title' : nothing}
              @input=${(e: Event) => {
                this.fixed('title');
                this.update$((d) => ({ ...d, title: (e.target as HTMLInputElement).value }));
              }} />
            ${title ? html`<p class="field-error" id="err-title">${title}</p>` : nothing}
          </div>
          <div class="field wide">
            <label for="nm-description">Description <span class="muted">(optional)</span></label>
            <textarea id="nm-description" rows="2" .value=${live(draft.description)}
              @input=${(e: Event) => this.update$((d) => ({ ...d, description: (e.target as HTMLTextAreaElement).value }))}></textarea>
          </div>
          <fieldset class="start">
            <legend>Start from</legend>
            <label class="choice"><input type="radio" name="start" value="blank" .checked=${live(draft.start === 'blank')}
              @change=${() => this.update$((d) => chooseStart(d, 'blank', open))} /> Nothing: a blank matrix</label>
            <label class="choice"><input type="radio" name="start" value="copy" ?disabled=${!from} .checked=${live(draft.start === 'copy')}
              @change=${() => this.copy()} />
              ${from ? html`The structure of “${from.title}”: its jurisdictions, dimensions and scales (not its values, citations or sources)` : 'The structure of the open matrix (none is open)'}</label>
            ${draft.start === 'copy' && from
              ? html`<label class="choice keep"><input type="checkbox" class="keep-sources" .checked=${live(draft.keepSources)} ?disabled=${from.sources.length === 0}
                  @change=${(e: Event) => this.update$((d) => ({ ...d, keepSources: (e.target as HTMLInputElement).checked }))} />
                  Keep its sources list (${plural(from.sources.length, 'source')}, with ${from.sources.length === 1 ? 'its text' : 'their texts'})</label>`
              : nothing}
          </fieldset>
          ${jurisdictionsSection(ctx)}
          ${dimensionsSection(ctx)}
          ${scalesSection(ctx)}
        </div>
        <div class="foot">
          ${open && this.snapshot.edits.version > 0
            ? html`<p class="replaces">The new matrix takes the place of “${open.title || open.name}” in the app; its edits stay in its draft in this browser (Export zip first to keep a copy as files).</p>`
            : nothing}
          <p class="summary">${cells ? `${plural(cells, 'cell')}, each not in source.` : ''}</p>
          <p class="said" role="alert">${this.said}</p>
          <button type="button" class="cancel" @click=${() => this.close()}>Cancel</button>
          <button type="submit" class="primary create">Create matrix</button>
        </div>
      </form>
    </dialog>`;
  }

  /** Start from the structure of the open matrix (copied the first time, with its source texts as they are). */
  private copy(): void {
    const first = !this.draft.copy;
    this.update$((d) => chooseStart(d, 'copy', this.snapshot.matrix));
    if (first && this.draft.copy) this.copiedTexts = this.snapshot.sourceTexts;
  }

  /** Replace the draft. */
  private update$(change: (draft: NewMatrixDraft) => NewMatrixDraft): void {
    this.draft = change(this.draft);
  }

  /** A field was changed: its problem is no longer said (the others stay until the next Create). */
  private fixed(field: string): void {
    if (!this.errors.has(field)) return;
    const errors = new Map(this.errors);
    errors.delete(field);
    this.errors = errors;
  }

  /** Add a row and focus its first field. */
  private async addAndFocus(make: (draft: NewMatrixDraft) => { draft: NewMatrixDraft; key: number }, field: (key: number) => string): Promise<void> {
    const { draft, key } = make(this.draft);
    this.draft = draft;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${field(key)}`)?.focus();
  }

  /** After a removal, focus the row that took its place (or the list's Add button). */
  private async removeAndFocus(change: (draft: NewMatrixDraft) => NewMatrixDraft, listSelector: string, index: number, fallback: string): Promise<void> {
    this.draft = change(this.draft);
    await this.updateComplete;
    const rows = this.renderRoot.querySelectorAll<HTMLElement>(`${listSelector} > li`);
    const row = rows[Math.min(index, rows.length - 1)];
    (row?.querySelector<HTMLElement>('button.remove, button.remove-scale') ?? this.renderRoot.querySelector<HTMLElement>(fallback))?.focus();
  }

  private context(draft: NewMatrixDraft, open: Matrix | undefined): SectionContext {
    const rows = rowsOf(draft);
    const index = (list: readonly { key: number }[], key: number) => list.findIndex((x) => x.key === key);
    return {
      draft, rows, open, errors: this.errors,
      update: (change) => this.update$(change),
      fixed: (field) => this.fixed(field),
      addJurisdiction: () => void this.addAndFocus((d) => addRow(d, 'jurisdictions'), (k) => `j-${k}-label`),
      addDimension: () => void this.addAndFocus((d) => addRow(d, 'dimensions'), (k) => `d-${k}-label`),
      addScale: (forDimension) => void this.addAndFocus((d) => {
        const made = addScale(d, forDimension);
        const level = rowsOf(made.draft).scales.find((s) => s.key === made.key)!.levels[0];
        return { draft: made.draft, key: level.key };
      }, (k) => `l-${k}-label`),
      addLevel: (scale) => void this.addAndFocus((d) => addLevel(d, scale), (k) => `l-${k}-label`),
      move: (list, key, by) => this.update$((d) => moveRow(d, list, key, by)),
      remove: (list, key) => void this.removeAndFocus((d) => removeRow(d, list, key), `fieldset.${list} ol.rows`, index(rows[list], key), `button.add-${list === 'jurisdictions' ? 'jurisdiction' : 'dimension'}`),
      moveLevel: (scale, key, by) => this.update$((d) => moveLevel(d, scale, key, by)),
      removeLevel: (scale, key) => void this.removeAndFocus((d) => removeLevel(d, scale, key), `li.scale-item[data-key="${scale}"] ol.levels`, index(rows.scales.find((s) => s.key === scale)?.levels ?? [], key), `li.scale-item[data-key="${scale}"] button.add-level`),
      removeScale: (scale) => void this.removeAndFocus((d) => removeScale(d, scale), 'ol.scale-list', index(rows.scales, scale), 'button.add-scale'),
      set: {
        jurisdiction: (key, set) => this.update$((d) => setJurisdiction(d, key, set)),
        dimension: (key, set) => this.update$((d) => setDimension(d, key, set)),
        scaleId: (key, id) => this.update$((d) => setScaleId(d, key, id)),
        level: (scale, key, set) => this.update$((d) => setLevel(d, scale, key, set)),
      },
    };
  }
}

/** A message as a sentence: capital first letter, final full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}
