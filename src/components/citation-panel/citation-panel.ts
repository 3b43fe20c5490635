/** Registers `<policy-citation-panel>` (once, even if this module is loaded twice). */
import '../source-reader/policy-source-reader.ts';
import { PolicyCitationPanel } from './citation-panel.component.ts';

export { PolicyCitationPanel };

if (!customElements.get('policy-citation-panel')) customElements.define('policy-citation-panel', PolicyCitationPanel);

declare global {
  interface HTMLElementTagNameMap {
    'policy-citation-panel': PolicyCitationPanel;
  }
}
