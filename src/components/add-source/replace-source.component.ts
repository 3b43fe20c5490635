import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { isSourceError } from '../../model/sources/errors.ts';
import { prepareNewVersion, versionEdit, type NewVersion } from '../../model/sources/new-version.ts';
import type { ReanchorDecision, ReanchorItem } from '../../model/sources/reanchor.ts';
import { plural } from '../policy-compare/compare-words.ts';
import { styles } from './replace-source.styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

const STATUS_WORDS: Record<ReanchorItem['status'], string> = {
  unchanged: 'Unchanged', moved: 'Moved', changed: 'Changed', ambiguous: 'Ambiguous', orphaned: 'Orphaned',
};

/**
 * @summary **New version of a source…**: give a source of the matrix a new version (a
 * revised report, an amended law). Every citation of it is looked for in the new text and
 * shown as unchanged, moved, changed (old and new side by side, with a similarity figure: a
 * suggestion only) or orphaned; the analyst accepts or rejects each, then replaces the
 * source in one undoable edit. A rejected change keeps the citation as it was.
 *
 * Works on the store provided by an ancestor (`storeContext`).
 *
 * @csspart button - The **New version of a source…** button.
 */
export class PolicyReplaceSource extends StoreConsumer {
  static override styles = styles;

  @state() private source = '';
  @state() private version: { file: string; made: NewVersion } | undefined;
  @state() private decisions = new Map<string, ReanchorDecision>();
  @state() private reading: string | undefined;
  @state() private error = '';
  @state() private said = '';

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('button.open') private opener!: HTMLButtonElement;

  private reads = 0;

  private get readable() {
    return (this.snapshot.matrix?.sources ?? []).filter((s) => this.snapshot.sourceTexts.has(s.id));
  }

  /** Open the dialog (as the button does), for `source` or the first source with a text. */
  open(source = ''): void {
    this.source = source || this.readable[0]?.id || '';
    this.version = undefined;
    this.error = '';
    this.dialog.showModal();
  }

  /** Read the new version's file and re-anchor the source's citations into it. */
  async choose(file: File): Promise<void> {
    const { matrix, check } = this.snapshot;
    if (!matrix || !check || !this.source) return;
    const read = ++this.reads;
    this.version = undefined;
    this.error = '';
    this.reading = file.name;
    try {
      const made = await prepareNewVersion({
        matrix, check, sourceTexts: this.snapshot.sourceTexts, sourceMaps: this.snapshot.sourceMaps,
        source: this.source, bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name,
        takenAlso: this.snapshot.sourceFiles.keys(),
      });
      if (read !== this.reads) return;
      this.decisions = new Map(made.report.items.map((item) => [item.key, item.needsDecision || !item.proposal ? 'reject' : 'accept']));
      this.version = { file: file.name, made };
    } catch (e) {
      if (read !== this.reads) return;
      this.error = isSourceError(e) ? `${e.message}. Nothing was replaced.` : `${file.name}: ${(e as Error).message}. Nothing was replaced.`;
    } finally {
      if (read === this.reads) this.reading = undefined;
    }
  }

  /** Accept or reject the change of one citation (by `ReanchorItem.key`). */
  decide(key: string, decision: ReanchorDecision): void {
    this.decisions = new Map(this.decisions).set(key, decision);
  }

  /** Replace the source with the new version, as decided (as the **Replace source** button does). */
  replace(): boolean {
    const { version, store } = this;
    if (!version || !store) return false;
    const edit = versionEdit(version.made, this.decisions);
    const result = store.edit(edit);
    if (!result.ok) {
      this.error = `Not replaced: ${result.message}.`;
      return false;
    }
    const changed = edit.updates?.length ?? 0;
    const kept = version.made.report.items.length - changed;
    this.said = `“${edit.source.title}” is now the version from ${version.file}: ${changed} citation${changed === 1 ? '' : 's'} follow${changed === 1 ? 's' : ''} the new text, ${kept} kept as ${kept === 1 ? 'it was' : 'they were'}. Undo takes it back.`;
    this.version = undefined;
    this.dialog.close();
    return true;
  }

  private cellName(item: ReanchorItem): string {
    const { dimension, jurisdiction, seq } = item.citation;
    const d = this.snapshot.index?.dimensions.get(dimension);
    const j = this.snapshot.index?.jurisdictions.get(jurisdiction);
    return `${d?.label || dimension} — ${j?.label || jurisdiction}, citation ${seq}`;
  }

  private renderItem(item: ReanchorItem) {
    const id = `d-${item.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const decision = this.decisions.get(item.key);
    const choice = item.proposal
      ? html`<fieldset>
          <legend>${this.cellName(item)}</legend>
          <label><input type="radio" name=${id} value="accept" .checked=${decision === 'accept'} @change=${() => this.decide(item.key, 'accept')} />
            ${item.status === 'changed' ? 'Accept the new passage' : 'Follow the new text'}</label>
          <label><input type="radio" name=${id} value="reject" .checked=${decision !== 'accept'} @change=${() => this.decide(item.key, 'reject')} />
            Keep as it is</label>
        </fieldset>`
      : item.status === 'unchanged' || item.status === 'moved'
        ? html`<p class="hint">Found in the new text: nothing to change.</p>`
        : html`<p class="hint">Kept as it is: ${item.reason}.</p>`;
    return html`<li class="item ${item.status}">
      <h3><span class="badge">${STATUS_WORDS[item.status]}</span>${this.cellName(item)}</h3>
      ${item.status === 'changed'
        ? html`<div class="side">
            <figure><figcaption>Old</figcaption><blockquote>${item.citation.quote}</blockquote></figure>
            <figure><figcaption>New · similarity ${Math.round((item.similarity ?? 0) * 100)}%</figcaption><blockquote>${item.passage?.text ?? item.proposal?.quote ?? ''}</blockquote></figure>
          </div>`
        : html`<p class="hint">“${item.citation.quote}”${item.proposal?.locator ? ` — now ${item.proposal.locator}` : ''}</p>`}
      ${choice}
    </li>`;
  }

  override render() {
    const readable = this.readable;
    const made = this.version?.made;
    const counts = made?.report.counts;
    return html`
      <button type="button" class="open" part="button" ?disabled=${readable.length === 0} @click=${() => this.open()}>New version of a source…</button>
      <p class="said" role="status">${this.said}</p>
      <dialog aria-labelledby="replace-title" @close=${() => { this.reads++; this.reading = undefined; this.opener?.focus(); }}
        @dragover=${(e: DragEvent) => { e.preventDefault(); e.stopPropagation(); }}
        @drop=${(e: DragEvent) => { e.preventDefault(); e.stopPropagation(); const f = e.dataTransfer?.files[0]; if (f) void this.choose(f); }}>
        <h2 id="replace-title">New version of a source</h2>
        <form @submit=${(e: Event) => { e.preventDefault(); this.replace(); }}>
          <div class="pick">
            <label>Source
              <select class="source" @change=${(e: Event) => { this.source = (e.target as HTMLSelectElement).value; this.version = undefined; }}>
                ${readable.map((s) => html`<option value=${s.id} ?selected=${s.id === this.source}>${s.title || s.id}</option>`)}
              </select>
            </label>
            <label>New version (or drop it here)
              <input type="file" class="file" @change=${(e: Event) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void this.choose(f); }} />
            </label>
          </div>
          <p class="status" role="status">${this.reading ? `Reading ${this.reading} and looking for every citation in it…` : ''}</p>
          <p class="error" role="alert">${this.error}</p>
          ${made && counts
            ? html`<p class="counts">${plural(made.report.items.length, 'citation')}: ${counts.unchanged} unchanged, ${counts.moved} moved, ${counts.changed} changed, ${counts.ambiguous} ambiguous, ${counts.orphaned} orphaned.</p>
                <p class="hint">A changed passage is only suggested: accept it, or keep the citation as it is. Nothing is lost either way, and Undo takes the replacement back.</p>
                <ul class="items">${made.report.items.map((item) => this.renderItem(item))}</ul>`
            : nothing}
          <div class="actions">
            <button type="button" class="cancel" @click=${() => this.dialog.close()}>Cancel</button>
            <button type="submit" class="primary replace" ?disabled=${!made}>Replace source</button>
          </div>
        </form>
      </dialog>
    `;
  }
}
