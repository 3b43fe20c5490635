/** Registers `<policy-file-menu>` (once, even if this module is loaded twice). */
import { PolicyFileMenu } from './policy-file-menu.component.ts';

export { PolicyFileMenu };

if (!customElements.get('policy-file-menu')) customElements.define('policy-file-menu', PolicyFileMenu);

declare global {
  interface HTMLElementTagNameMap {
    'policy-file-menu': PolicyFileMenu;
  }
}
