/** Registers `<policy-new-matrix>` (once, even if this module is loaded twice). */
import { PolicyNewMatrix } from './new-matrix.component.ts';

export { PolicyNewMatrix };

if (!customElements.get('policy-new-matrix')) customElements.define('policy-new-matrix', PolicyNewMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'policy-new-matrix': PolicyNewMatrix;
  }
}
