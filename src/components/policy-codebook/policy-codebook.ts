/** Registers `<policy-codebook>` (once, even if this module is loaded twice). */
import { PolicyCodebook } from './policy-codebook.component.ts';

export { PolicyCodebook };

if (!customElements.get('policy-codebook')) customElements.define('policy-codebook', PolicyCodebook);

declare global {
  interface HTMLElementTagNameMap {
    'policy-codebook': PolicyCodebook;
  }
}
