/** Registers `<policy-add-source>` (once, even if this module is loaded twice). */
import { PolicyAddSource } from './add-source.component.ts';

export { PolicyAddSource };

if (!customElements.get('policy-add-source')) customElements.define('policy-add-source', PolicyAddSource);

declare global {
  interface HTMLElementTagNameMap {
    'policy-add-source': PolicyAddSource;
  }
}
