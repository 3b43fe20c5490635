/**
 * What forms that edit the matrix say about their edits: a refused edit's reason next to the
 * field it came from (`role="alert"`, tied to the field by `aria-describedby`), and what was
 * done, for screen readers (`role="status"`). One controller, used by the evidence panel and
 * the rows-and-columns editor, so that both say it the same way.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { EditCommand } from '../../model/edit/commands.ts';
import type { MatrixStore } from '../../state/store.ts';

export class EditFeedback implements ReactiveController {
  /** Refusals, by field id. */
  private messages: Partial<Record<string, string>> = {};
  /** What was last done (read out by screen readers). */
  said = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Apply an edit; a refusal is said next to `field`. Returns whether it was stored. */
  apply(store: MatrixStore | undefined, field: string, edit: EditCommand): boolean {
    if (!store) return false;
    const result = store.edit(edit);
    const messages = { ...this.messages };
    if (result.ok || result.noop) delete messages[field];
    else messages[field] = `Not saved: ${result.message}.`;
    this.messages = messages;
    if (result.ok) this.said = `${store.snapshot.edits.history.at(-1)?.label ?? 'Edited'}.`;
    this.host.requestUpdate();
    return result.ok;
  }

  /** Say something that is not an edit's result (e.g. "Kept dimension …"). */
  say(words: string): void {
    this.said = words;
    this.host.requestUpdate();
  }

  /** Forget every refusal (e.g. the forms now edit another cell). */
  clear(): void {
    this.messages = {};
    this.host.requestUpdate();
  }

  /** Whether `field` has a refusal. */
  has(field: string): boolean {
    return this.messages[field] !== undefined;
  }

  /** The field's `aria-describedby` (its refusal's id), or nothing. */
  describedBy(field: string): string | typeof nothing {
    return this.has(field) ? `err-${field}` : nothing;
  }

  /** The refusal said next to `field`, if any. */
  message(field: string): TemplateResult | typeof nothing {
    const m = this.messages[field];
    return m ? html`<p class="field-error" id=${`err-${field}`} role="alert">${m}</p>` : nothing;
  }

  /** The status line for screen readers. */
  status(): TemplateResult {
    return html`<p class="sr-only" role="status">${this.said}</p>`;
  }
}
