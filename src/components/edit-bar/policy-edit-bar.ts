/** Registers `<policy-edit-bar>` (once, even if this module is loaded twice). */
import '../edit-history/policy-edit-history.ts';
import '../structure-editor/policy-structure-editor.ts';
import { PolicyEditBar } from './edit-bar.component.ts';

export { PolicyEditBar };

if (!customElements.get('policy-edit-bar')) customElements.define('policy-edit-bar', PolicyEditBar);

declare global {
  interface HTMLElementTagNameMap {
    'policy-edit-bar': PolicyEditBar;
  }
}
