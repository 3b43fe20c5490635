/** Registers `<policy-references-menu>` (once, even if this module is loaded twice). */
import { PolicyReferencesMenu } from './references-menu.component.ts';

export { PolicyReferencesMenu };

if (!customElements.get('policy-references-menu')) customElements.define('policy-references-menu', PolicyReferencesMenu);

declare global {
  interface HTMLElementTagNameMap {
    'policy-references-menu': PolicyReferencesMenu;
  }
}
