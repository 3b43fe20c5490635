/** Registers `<policy-changes>` (once, even if this module is loaded twice). */
import { PolicyChanges } from './policy-changes.component.ts';

export { PolicyChanges };

if (!customElements.get('policy-changes')) customElements.define('policy-changes', PolicyChanges);

declare global {
  interface HTMLElementTagNameMap {
    'policy-changes': PolicyChanges;
  }
}
