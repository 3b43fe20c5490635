/** Registers `<policy-edit-history>` (once, even if this module is loaded twice). */
import { PolicyEditHistory } from './edit-history.component.ts';

export { PolicyEditHistory };

if (!customElements.get('policy-edit-history')) customElements.define('policy-edit-history', PolicyEditHistory);

declare global {
  interface HTMLElementTagNameMap {
    'policy-edit-history': PolicyEditHistory;
  }
}
