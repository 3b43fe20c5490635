import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { isSourceError } from '../../model/sources/errors.ts';
import { EVIDENCE_TYPES, type EvidenceType, type Source } from '../../model/types.ts';
import { newSourceFromFile, type NewSource } from '../../model/sources/new-source.ts';
import { styles } from './add-source.styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

export interface PolicySourceAddedDetail {
  /** The new source's id. */
  id: string;
  title: string;
}

declare global {
  interface HTMLElementEventMap {
    'policy-source-added': CustomEvent<PolicySourceAddedDetail>;
  }
}

/** The kinds of file a source can be made from, for the file picker. */
const ACCEPT = '.pdf,.html,.htm,.xhtml,.docx,.md,.markdown,.txt,application/pdf,text/html,text/markdown,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

type Field = 'title' | 'authors' | 'year' | 'publisher' | 'url' | 'archiveUrl' | 'retrieved' | 'evidenceType';
const FIELDS: [Exclude<Field, 'evidenceType'>, string, string][] = [
  ['title', 'Title', 'text'],
  ['authors', 'Authors', 'text'],
  ['year', 'Year', 'text'],
  ['publisher', 'Publisher', 'text'],
  ['url', 'URL', 'url'],
  ['archiveUrl', 'Archived copy (URL)', 'url'],
  ['retrieved', 'Retrieved (YYYY-MM-DD)', 'text'],
];
/** The type of evidence, in words (sources.csv `evidence_type`: the reference list and briefings read it). */
const EVIDENCE_WORDS: Record<EvidenceType, string> = {
  'law-or-treaty': 'Law or treaty',
  'official-statistics': 'Official statistics',
  'government-document': 'Government document',
  'secondary-analysis': 'Secondary analysis',
  press: 'Press',
  other: 'Other',
};
const NO_VALUES: Record<Field, string> = { title: '', authors: '', year: '', publisher: '', url: '', archiveUrl: '', retrieved: '', evidenceType: '' };

/**
 * @summary **Add source…**: a PDF, saved web page, DOCX, Markdown or text file (picked, or
 * dropped on the dialog) as a new source of the matrix in the store: its text extracted
 * once, its map (pages, headings) and its original kept with the matrix. One edit: it
 * undoes, autosaves and exports like any other. A file that cannot be a source (a scan, an
 * encrypted PDF, a file that is not what its name says) is refused with a message and adds
 * nothing.
 *
 * Works on the store provided by an ancestor (`storeContext`, e.g. `<policy-matrix-app>`).
 *
 * @fires policy-source-added - A source was added; `detail` holds its id and title.
 * @csspart button - The **Add source…** button.
 * @csspart dialog - The dialog.
 */
export class PolicyAddSource extends StoreConsumer {
  static override styles = styles;

  @state() private pending: { file: string; made: NewSource } | undefined;
  @state() private reading: string | undefined;
  @state() private error = '';
  @state() private over = false;
  @state() private said = '';
  @state() private values: Record<Field, string> = NO_VALUES;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('button.open') private opener!: HTMLButtonElement;

  /** Each file read gets a number: a slow extraction that finishes after another file was chosen is dropped. */
  private reads = 0;

  /** Open the dialog (as the button does). */
  open(): void {
    this.pending = undefined;
    this.error = '';
    this.reading = undefined;
    this.values = NO_VALUES;
    this.dialog.showModal();
  }

  /** Read a file as a source (as picking or dropping it does); resolves when it is read or refused. */
  async choose(file: File): Promise<void> {
    const matrix = this.snapshot.matrix;
    if (!matrix) return;
    const read = ++this.reads;
    this.pending = undefined;
    this.error = '';
    this.reading = file.name;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const made = await newSourceFromFile(matrix, bytes, file.name, {}, { takenAlso: this.snapshot.sourceFiles.keys() });
      if (read !== this.reads) return;
      const { source } = made.edit;
      this.values = {
        title: source.title, authors: source.authors, year: source.year, publisher: source.publisher ?? '', url: source.url ?? '',
        archiveUrl: source.archiveUrl ?? '', retrieved: source.retrieved ?? '', evidenceType: source.evidenceType ?? '',
      };
      this.pending = { file: file.name, made };
    } catch (e) {
      if (read !== this.reads) return;
      this.error = isSourceError(e) ? `${e.message}. Nothing was added.` : `${file.name} could not be read: ${(e as Error).message}. Nothing was added.`;
    } finally {
      if (read === this.reads) this.reading = undefined;
    }
  }

  /** Add the chosen file as a source (as the dialog's **Add source** button does). */
  add(): boolean {
    const { pending, store } = this;
    if (!pending || !store) return false;
    const { edit } = pending.made;
    const v = this.values;
    const year = v.year.trim();
    if (year !== '' && !/^\d{4}$/.test(year)) {
      this.error = 'The year should be four digits (e.g. 2021), or left empty.';
      return false;
    }
    const retrieved = v.retrieved.trim();
    if (retrieved !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(retrieved)) {
      this.error = 'The date retrieved should read YYYY-MM-DD (e.g. 2025-03-14), or be left empty.';
      return false;
    }
    const source: Source = { ...edit.source, title: v.title.trim() || edit.source.title, authors: v.authors.trim(), year };
    // Optional columns: a field left empty is not recorded (saved as an empty field).
    const optional = { publisher: v.publisher.trim(), url: v.url.trim(), archiveUrl: v.archiveUrl.trim(), retrieved } as const;
    for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
      if (value) source[key] = value;
      else delete source[key];
    }
    if ((EVIDENCE_TYPES as readonly string[]).includes(v.evidenceType)) source.evidenceType = v.evidenceType as EvidenceType;
    else delete source.evidenceType;
    const result = store.edit({ ...edit, source });
    if (!result.ok) {
      this.error = `Not added: ${result.message}.`;
      return false;
    }
    const pages = edit.map?.pages.length ?? 0;
    const headings = edit.map?.headings.length ?? 0;
    const warnings = pending.made.warnings.length ? ` Note: ${pending.made.warnings.join(' ')}` : '';
    this.said = `Added source “${source.title}” from ${pending.file}${pages ? ` (${plural(pages, 'page')})` : headings ? ` (${plural(headings, 'heading')})` : ''}: cite it from the Evidence panel with “Cite from source…”.${warnings}`;
    this.pending = undefined;
    this.dialog.close();
    this.dispatchEvent(new CustomEvent('policy-source-added', { detail: { id: source.id, title: source.title }, bubbles: true, composed: true }));
    return true;
  }

  private onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.choose(file);
  }

  private onDrag(e: DragEvent, over: boolean): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    // Dropped here, a file is a source: the page's own drop (opening a matrix) does not see it.
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    this.over = over;
  }

  private onDrop(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.stopPropagation();
    this.over = false;
    const file = e.dataTransfer.files[0];
    if (file) void this.choose(file);
  }

  private onClose(): void {
    this.reads++;
    this.reading = undefined;
    this.over = false;
    this.opener?.focus();
  }

  override render() {
    const ready = !!this.snapshot.matrix;
    const made = this.pending?.made;
    const pages = made?.edit.map?.pages.length ?? 0;
    return html`
      <button type="button" class="open" part="button" ?disabled=${!ready} @click=${() => this.open()}>Add source…</button>
      <p class="said" role="status">${this.said}</p>
      <dialog part="dialog" aria-labelledby="add-source-title" @close=${this.onClose}
        @dragenter=${(e: DragEvent) => this.onDrag(e, true)} @dragover=${(e: DragEvent) => this.onDrag(e, true)}
        @dragleave=${(e: DragEvent) => this.onDrag(e, false)} @drop=${this.onDrop}>
        <h2 id="add-source-title">Add a source</h2>
        <form method="dialog" @submit=${(e: Event) => { e.preventDefault(); this.add(); }}>
          <label class="drop ${this.over ? 'over' : ''}">
            Choose a file, or drop it here
            <input type="file" class="file" accept=${ACCEPT} @change=${this.onPick} />
          </label>
          <p class="hint">PDF, a saved web page (HTML), Word (DOCX), Markdown or plain text. The original is kept with the matrix; its text is what citations quote.</p>
          <p class="status" role="status">${this.reading ? `Reading ${this.reading}…` : made ? `${this.pending!.file}: ${made.edit.source.kind?.toUpperCase()}${pages ? `, ${plural(pages, 'page')}` : ''}, ${made.edit.text.length.toLocaleString('en')} characters of text. Check the details, then add it.` : ''}</p>
          <p class="error" role="alert">${this.error}</p>
          ${made
            ? html`<div class="fields">
                ${FIELDS.map(([key, label, type]) => html`
                  <label for="field-${key}">${label}</label>
                  <input id="field-${key}" name=${key} type=${type} .value=${this.values[key]}
                    @input=${(e: Event) => { this.values = { ...this.values, [key]: (e.target as HTMLInputElement).value }; }} />`)}
                <label for="field-evidence-type">Type of evidence</label>
                <select id="field-evidence-type" name="evidenceType" .value=${this.values.evidenceType}
                  @change=${(e: Event) => { this.values = { ...this.values, evidenceType: (e.target as HTMLSelectElement).value }; }}>
                  <option value="" ?selected=${this.values.evidenceType === ''}>Not recorded</option>
                  ${EVIDENCE_TYPES.map((t) => html`<option value=${t} ?selected=${this.values.evidenceType === t}>${EVIDENCE_WORDS[t]}</option>`)}
                </select>
              </div>`
            : nothing}
          <div class="actions">
            <button type="button" class="cancel" @click=${() => this.dialog.close()}>Cancel</button>
            <button type="submit" class="primary add" ?disabled=${!made}>Add source</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
