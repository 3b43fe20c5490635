/** Registers `<policy-problems>` (once, even if this module is loaded twice). */
import { PolicyProblems } from './policy-problems.component.ts';

export { PolicyProblems };

if (!customElements.get('policy-problems')) customElements.define('policy-problems', PolicyProblems);

declare global {
  interface HTMLElementTagNameMap {
    'policy-problems': PolicyProblems;
  }
}
