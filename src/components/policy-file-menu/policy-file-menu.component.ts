import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { sourceText } from '../../model/format/read.ts';
import { LIMITS, tooLarge } from '../../model/format/limits.ts';
import { folderNameOf } from '../../model/export/layout.ts';
import { writeWideCsv } from '../../model/export/wide-csv.ts';
import { expandZips, isZipPath, writeMatrixZip } from '../../model/export/zip.ts';
import { openFileSet, type FileEntry } from '../../model/format/file-set.ts';
import type { Problem, Source } from '../../model/types.ts';
import { type Snapshot } from '../../state/store.ts';
import type { PolicyNewMatrix, PolicyNewMatrixDetail } from '../new-matrix/new-matrix.component.ts';
import { loadFilesInWorker } from '../../state/load-worker.ts';
import { arePicked, dragHasFiles, droppedEntries, pickedEntries } from './dom-files.ts';
import { styles } from './policy-file-menu.styles.ts';
import './policy-references-menu.ts';
import { REFERENCE_FORMATS, type PolicyReferencesExportDetail, type ReferenceFormat } from './references-menu.component.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

/** Saves a file for the user: the browser's download of a Blob. */
export type DownloadHook = (blob: Blob, filename: string) => void;

/** The default download: a temporary object URL on a clicked `<a download>`. */
export const saveBlob: DownloadHook = (blob, filename) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export type ExportFormat = 'canonical-zip' | 'wide-csv' | ReferenceFormat;

export interface PolicyFileExportDetail {
  format: ExportFormat;
  filename: string;
  blob: Blob;
}

export interface PolicyFileOpenDetail {
  /** What was opened, in words (a folder name, a zip name, "3 files"). */
  what: string;
  snapshot: Snapshot;
}

declare global {
  interface HTMLElementEventMap {
    'policy-file-export': CustomEvent<PolicyFileExportDetail>;
    'policy-file-open': CustomEvent<PolicyFileOpenDetail>;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Sources of the loaded matrix whose text is not loaded (each id once). */
export function missingSources(snapshot: Snapshot): Source[] {
  const seen = new Set<string>();
  return (snapshot.matrix?.sources ?? []).filter(
    (s) => s.path !== '' && !snapshot.sourceTexts.has(s.id) && !seen.has(s.id) && seen.add(s.id),
  );
}

/** Words for what a set of picked or dropped files is: its top folder, its zip, or a count. */
function describe(entries: readonly FileEntry[]): string {
  const tops = new Set(entries.map((e) => e.path.split('/')[0]));
  if (tops.size === 1 && entries.length > 1) return `folder ${[...tops][0]}`;
  if (entries.length === 1) return entries[0].path;
  return `${entries.length} files`;
}

/**
 * @summary Start a new matrix; open a matrix from files, a folder or a zip (picked, or dropped
 * anywhere on the page); add a missing source text; export the matrix as a canonical zip or a
 * wide CSV, and its sources as a reference list (CSL-JSON or BibTeX).
 *
 * Works on the store provided by an ancestor (`storeContext`, e.g. `<policy-matrix-app>`):
 * an opened matrix is loaded into it, with its load problems; exports are made from its
 * current snapshot (edits included). Downloads go through `download`, which an application
 * (or a test) may replace.
 *
 * @attr no-drop - Do not accept files dropped on the page.
 * @attr theme - Colour theme: `light`, `dark` or `auto` (the reader's system setting); unset, inherited.
 * @fires policy-file-open - A matrix was opened from files; `detail.what` says from what.
 * @fires policy-file-export - An export was made; `detail` holds its format, file name and Blob.
 * @fires policy-new-matrix - A new matrix was made (New matrix…) and loaded into the store; `detail.matrix` is it.
 * @csspart base - The row of buttons.
 * @cssprop --policy-file-menu-button-background - Background of the buttons.
 * @cssprop --policy-matrix-font-family - Font (default: the system UI font).
 * @cssprop --policy-matrix-color - Text colour.
 * @cssprop --policy-matrix-background - Background of the buttons and the drop notice.
 * @cssprop --policy-matrix-border-color - Borders of the buttons.
 * @cssprop --policy-matrix-accent-color - Focus rings and the drop target.
 */
export class PolicyFileMenu extends StoreConsumer {
  static override styles = styles;

  /** How an export reaches the user; by default the browser downloads it. */
  @property({ attribute: false }) download: DownloadHook = saveBlob;

  /** Do not open files dropped on the page. */
  @property({ type: Boolean, attribute: 'no-drop' }) noDrop = false;

  /** Colour theme: `light`, `dark`, `auto` (follows the reader's system), or '' (inherit). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | '' = '';

  @state() private message: { text: string; tone: 'info' | 'error' } | undefined;
  @state() private dragging = false;
  @state() private busy = false;

  @query('input.add-source') private sourceInput!: HTMLInputElement;
  @query('policy-new-matrix') private newMatrixDialog!: PolicyNewMatrix;
  /** The New matrix dialog's code is loaded (on first use: a page that never makes a matrix never loads it). */
  @state() private newMatrixReady = false;

  private dragDepth = 0;
  private addingSource: Source | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    for (const [type, listener] of this.windowListeners) window.addEventListener(type, listener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const [type, listener] of this.windowListeners) window.removeEventListener(type, listener);
  }

  /** Open a matrix from files (a folder's files with their `webkitRelativePath`, or a .zip). */
  openFiles(files: Iterable<File>): Promise<boolean> {
    return this.open(pickedEntries(files));
  }

  /** Open a matrix from entries of the model's file-set form. Resolves to whether it was loaded. */
  async open(entries: FileEntry[]): Promise<boolean> {
    const store = this.store;
    if (entries.length === 0) return false;
    const what = describe(entries);
    if (!store) {
      this.say(`Cannot open ${what}: this menu is not inside an element that provides a store.`, 'error');
      return false;
    }
    this.busy = true;
    this.say(`Opening ${what}…`);
    try {
      const zip = entries.length === 1 && isZipPath(entries[0].path) ? entries[0].path.replace(/^.*\//, '') : undefined;
      const fallbackName = zip?.replace(/\.zip$/i, '');
      // Files from the browser are read, parsed and checked in the load worker: however large
      // or damaged, they never hold up the page (docs/security.md, "Limits").
      const opened = arePicked(entries)
        ? await loadFilesInWorker(entries.map(({ path, size, blob }) => ({ path, size, blob })), { name: fallbackName })
        : await openFileSet(await expandZips(entries), fallbackName);
      store.load(opened.bundle, what, undefined, 'check' in opened ? { check: opened.check, index: opened.index } : {});
      const { matrix, problems } = opened.bundle;
      const errors = problems.filter((p) => p.severity === 'error').length;
      this.say(
        [
          `Opened “${matrix.title || matrix.name}” from ${what}`,
          problems.length ? `${plural(problems.length, 'problem')} (${plural(errors, 'error')}) listed below; every readable row was loaded` : '',
          ...opened.notes,
        ].filter(Boolean).join('. ') + '.',
        errors ? 'error' : 'info',
      );
      this.dispatchEvent(new CustomEvent<PolicyFileOpenDetail>('policy-file-open', { detail: { what, snapshot: store.snapshot }, bubbles: true, composed: true }));
      return true;
    } catch (e) {
      this.say(`Could not open ${what}: ${(e as Error).message}.`, 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Export the current matrix as a zip of its canonical files and source texts. */
  exportZip(): PolicyFileExportDetail | undefined {
    const { matrix, sourceTexts, sourceFiles, sourceMaps } = this.snapshot;
    if (!matrix) return undefined;
    const { bytes, layout } = writeMatrixZip(matrix, sourceTexts, { files: sourceFiles, maps: sourceMaps });
    const detail = this.deliver('canonical-zip', `${layout.folder}.zip`, new Blob([bytes as BlobPart], { type: 'application/zip' }));
    this.say(
      [`Exported ${detail.filename}: ${layout.folder}/ with ${plural(Object.keys(layout.files).length, 'file')} and ${plural(layout.sources.size, 'source text')}${layout.sourceFiles.size ? ` (and ${plural(layout.sourceFiles.size, 'original and map file')})` : ''}`, ...layout.notes].join('. ') + '.',
    );
    return detail;
  }

  /** Export the matrix as shown: a row per dimension, a column per jurisdiction. */
  exportWideCsv(): PolicyFileExportDetail | undefined {
    const { matrix } = this.snapshot;
    if (!matrix) return undefined;
    // As the grid shows it: as of the date chosen above the views, or each cell's latest period.
    const text = writeWideCsv(matrix, { asOf: this.snapshot.view?.asOf }, { bom: true });
    const detail = this.deliver('wide-csv', `${folderNameOf(matrix.name)}.csv`, new Blob([text], { type: 'text/csv;charset=utf-8' }));
    this.say(`Exported ${detail.filename}: ${plural(matrix.dimensions.length, 'dimension')} × ${plural(matrix.jurisdictions.length, 'jurisdiction')}.`);
    return detail;
  }

  /** Open the New matrix dialog (a blank matrix, or the structure of the open one). */
  async newMatrix(): Promise<void> {
    if (!this.newMatrixReady) {
      await import('../new-matrix/policy-new-matrix.ts');
      this.newMatrixReady = true;
      await this.updateComplete;
    }
    return this.newMatrixDialog.show();
  }

  protected override render() {
    const { matrix } = this.snapshot;
    const missing = missingSources(this.snapshot);
    return html`
      <div part="base" class="bar" role="group" aria-label="Open and export">
        <button type="button" class="new-matrix" ?disabled=${this.busy} @click=${() => void this.newMatrix()}
          title="A matrix of your own: blank, or with the structure of the open one">New matrix…</button>
        <button type="button" class="open-files" ?disabled=${this.busy} @click=${() => this.pick('input.open-files')}>Open files…</button>
        <button type="button" class="open-folder" ?disabled=${this.busy} @click=${() => this.pick('input.open-folder')}>Open folder…</button>
        <span class="sep" aria-hidden="true"></span>
        <button type="button" class="export-zip" ?disabled=${!matrix} @click=${() => this.exportZip()}
          title="The CSV files, datapackage.json and the source texts, as one zip">Export zip</button>
        <button type="button" class="export-wide" ?disabled=${!matrix} @click=${() => this.exportWideCsv()}
          title="The matrix as shown: a row per dimension, a column per jurisdiction">Export wide CSV</button>
        <policy-references-menu .matrix=${matrix} @policy-references-export=${this.referencesMade}></policy-references-menu>
        <input class="open-files" type="file" multiple hidden @change=${this.picked} />
        <input class="open-folder" type="file" webkitdirectory multiple hidden @change=${this.picked} />
        <input class="add-source" type="file" hidden @change=${this.sourcePicked} />
      </div>
      <p class="message ${this.message?.tone ?? ''}" role="status">${this.message?.text ?? ''}</p>
      ${missing.map(
        (s) => html`<p class="missing">
          <span>No text for source “${s.title || s.id}”: ${s.path} is not there.</span>
          <button type="button" class="add-source" @click=${() => this.addSource(s)}>Add source text…</button>
        </p>`,
      )}
      ${this.newMatrixReady ? html`<policy-new-matrix @policy-new-matrix=${this.created}></policy-new-matrix>` : nothing}
      ${this.dragging
        ? html`<div class="drop-overlay" aria-hidden="true"><p>Drop a matrix folder, its files or a .zip to open it</p></div>`
        : nothing}
    `;
  }

  /** A new matrix was made: say what it is and how it is kept. */
  private created(e: CustomEvent<PolicyNewMatrixDetail>): void {
    const m = e.detail.matrix;
    this.say(
      `Created “${m.title}”: ${plural(m.jurisdictions.length, 'jurisdiction')} × ${plural(m.dimensions.length, 'dimension')}, every cell not in source` +
        `${m.sources.length ? `, with ${plural(m.sources.length, 'source')}` : ''}. Edits are saved in this browser; Export zip keeps it as files.`,
    );
  }

  /** The reference list was made (Export references): deliver it like any export. */
  private referencesMade(e: CustomEvent<PolicyReferencesExportDetail>): void {
    e.stopPropagation();
    const { format, filename, blob } = e.detail;
    this.deliver(format, filename, blob);
    const n = this.snapshot.matrix?.sources.length ?? 0;
    const label = REFERENCE_FORMATS.find((f) => f.format === format)?.label;
    this.say(n ? `Exported ${filename}: ${plural(n, 'reference')} (${label}).` : `Exported ${filename}: the matrix has no sources yet, so the list is empty.`);
  }

  private say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.message = { text, tone };
  }

  private deliver(format: ExportFormat, filename: string, blob: Blob): PolicyFileExportDetail {
    const detail = { format, filename, blob };
    this.download(blob, filename);
    this.dispatchEvent(new CustomEvent<PolicyFileExportDetail>('policy-file-export', { detail, bubbles: true, composed: true }));
    return detail;
  }

  private pick(selector: string): void {
    this.renderRoot.querySelector<HTMLInputElement>(selector)?.click();
  }

  private async picked(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    await this.openFiles(files);
  }

  private addSource(source: Source): void {
    this.addingSource = source;
    this.sourceInput.click();
  }

  /** A source text picked for a source whose text was missing: add it to the loaded matrix. */
  private async sourcePicked(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const source = this.addingSource;
    const store = this.store;
    if (!file || !source || !store?.snapshot.matrix) return;
    // Refused by its size, unread (docs/security.md, "Limits").
    if (file.size > LIMITS.fileBytes) {
      this.say(`${file.name} was not added: ${tooLarge(file.size).message}.`, 'error');
      return;
    }
    const problems: Problem[] = [];
    const text = sourceText(new Uint8Array(await file.arrayBuffer()), file.name, problems);
    if (text === undefined) {
      this.say(`${file.name} is not a text file: ${problems[0]?.message ?? 'it cannot be read'}.`, 'error');
      return;
    }
    const { snapshot } = store;
    if (!snapshot.matrix) return;
    const sourceTexts = new Map(snapshot.sourceTexts);
    sourceTexts.set(source.id, text);
    store.load(
      {
        matrix: snapshot.matrix,
        locations: snapshot.locations,
        sourceTexts,
        problems: [
          ...snapshot.problems.filter((p) => !(p.target?.kind === 'source' && p.target.id === source.id && p.message.startsWith('the text of source'))),
          ...problems,
        ],
      },
      snapshot.origin,
    );
    this.say(`Added ${file.name} as the text of source “${source.title || source.id}”; its citations were checked again.`);
  }

  private readonly windowListeners: [string, (e: Event) => void][] = [
    ['dragenter', (e) => this.onDrag(e as DragEvent, 1)],
    ['dragover', (e) => this.onDrag(e as DragEvent, 0)],
    ['dragleave', (e) => this.onDrag(e as DragEvent, -1)],
    ['dragend', () => this.endDrag()],
    ['drop', (e) => this.onDrop(e as DragEvent)],
  ];

  private onDrag(e: DragEvent, step: number): void {
    if (this.noDrop || !dragHasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    this.dragDepth = Math.max(0, this.dragDepth + step);
    this.dragging = step < 0 ? this.dragDepth > 0 : true;
  }

  private endDrag(): void {
    this.dragDepth = 0;
    this.dragging = false;
  }

  private onDrop(e: DragEvent): void {
    if (this.noDrop || !e.dataTransfer || !dragHasFiles(e)) return;
    e.preventDefault();
    this.endDrag();
    // Take the files now: the browser empties the DataTransfer after the event.
    const pending = droppedEntries(e.dataTransfer);
    void pending.then((entries) => this.open(entries)).catch((error: Error) => this.say(`Could not read the dropped files: ${error.message}.`, 'error'));
  }
}
