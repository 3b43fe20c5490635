/**
 * Opening the source reader in a modal dialog, shared by the evidence panel ("Cite from
 * source…") and source search ("Open in the source"): both render a `<dialog
 * class="reader-dialog">` holding one `<policy-source-reader>`, and both must show it only
 * once it is rendered, then hand the keyboard to the reader's text.
 */
import type { ReactiveElement } from 'lit';
import type { PolicySourceReader } from '../source-reader/source-reader.component.ts';

/**
 * Show the host's reader dialog (after its next render) and focus the reader's text.
 * Returns the reader, or undefined when the host rendered none.
 */
export async function showReaderDialog(host: ReactiveElement): Promise<PolicySourceReader | undefined> {
  await host.updateComplete;
  const root = host.renderRoot as ShadowRoot | HTMLElement;
  const dialog = root.querySelector<HTMLDialogElement>('dialog.reader-dialog');
  if (dialog && !dialog.open) dialog.showModal();
  const reader = root.querySelector('policy-source-reader') ?? undefined;
  await reader?.updateComplete;
  reader?.focusText();
  return reader;
}
