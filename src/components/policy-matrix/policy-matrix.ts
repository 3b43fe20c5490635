/** Registers `<policy-matrix>` (once, even if this module is loaded twice). */
import '../edit-bar/policy-edit-bar.ts';
import { PolicyMatrix } from './policy-matrix.component.ts';

export { PolicyMatrix };
export * from './policy-matrix.component.ts';

if (!customElements.get('policy-matrix')) customElements.define('policy-matrix', PolicyMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'policy-matrix': PolicyMatrix;
  }
}
