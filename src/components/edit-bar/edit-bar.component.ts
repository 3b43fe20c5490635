import { css, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { controls } from '../common/controls.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

/**
 * @summary Undo and redo (with what they would undo or redo), the rows-and-columns editor and
 * the change history (each in a dialog), and a line saying whether edits are saved.
 *
 * Works on the store provided by an ancestor (`storeContext`, `snapshotContext`).
 *
 * @csspart base - The bar.
 */
export class PolicyEditBar extends StoreConsumer {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        font: inherit;
        font-size: 14px;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .sep {
        width: 1px;
        align-self: stretch;
        margin: 2px 4px;
        background: var(--pm-border);
      }
      .saved {
        margin: 0 0 0 auto;
        color: var(--pm-muted);
        font-size: 12.5px;
      }
      .saved.warn {
        color: var(--pm-danger-text);
      }
      dialog {
        box-sizing: border-box;
        width: min(980px, 94vw);
        max-height: 92vh;
        padding: 14px 18px;
      }
      .dialog-head {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 12px;
        margin-bottom: 10px;
      }
      .dialog-head h2 {
        margin: 0;
        font-size: 16px;
      }
    `,
  ];

  /** What to say about saving (e.g. "Saved in this browser at 14:05"). */
  @property() saved = '';

  /** The saving line is a warning (not saved). */
  @property({ type: Boolean, attribute: 'saved-warning' }) savedWarning = false;

  @state() private open: 'structure' | 'history' | undefined;

  @query('dialog') private dialog!: HTMLDialogElement;

  /** Open the rows-and-columns editor or the history. */
  async show(what: 'structure' | 'history'): Promise<void> {
    this.open = what;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  /**
   * The dialog closed. The close event comes a task after close(): when the other dialog was
   * opened meanwhile (Close, then History… at once), that one stays.
   */
  private readonly closed = (): void => {
    if (!this.dialog.open) this.open = undefined;
  };

  protected override render() {
    const { undo, redo } = this.snapshot.edits;
    const lastUndo = undo.at(-1)?.label;
    const lastRedo = redo.at(-1)?.label;
    const ready = !!this.snapshot.matrix && !!this.store;
    return html`<div part="base" class="bar" role="toolbar" aria-label="Editing">
        <button type="button" class="undo" ?disabled=${!lastUndo} aria-label=${lastUndo ? `Undo: ${lastUndo}` : 'Undo'} title=${lastUndo ? `Undo: ${lastUndo} (Ctrl+Z)` : 'Nothing to undo'}
          @click=${() => this.store?.undo()}>↶ Undo</button>
        <button type="button" class="redo" ?disabled=${!lastRedo} aria-label=${lastRedo ? `Redo: ${lastRedo}` : 'Redo'} title=${lastRedo ? `Redo: ${lastRedo} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          @click=${() => this.store?.redo()}>↷ Redo</button>
        <span class="sep" aria-hidden="true"></span>
        <button type="button" class="open-structure" ?disabled=${!ready} @click=${() => void this.show('structure')}>Rows and columns…</button>
        <button type="button" class="open-history" ?disabled=${!ready} @click=${() => void this.show('history')}>History (${this.snapshot.edits.history.length})…</button>
        <p class="saved ${this.savedWarning ? 'warn' : ''}" role="status">${this.saved}</p>
      </div>
      <dialog aria-labelledby="dialog-title" @close=${this.closed}>
        <div class="dialog-head">
          <h2 id="dialog-title">${this.open === 'history' ? 'Change history' : 'Rows and columns'}</h2>
          <button type="button" class="close" @click=${() => this.dialog.close()}>Close</button>
        </div>
        ${this.open === 'structure' ? html`<policy-structure-editor></policy-structure-editor>` : this.open === 'history' ? html`<policy-edit-history></policy-edit-history>` : ''}
      </dialog>`;
  }
}
