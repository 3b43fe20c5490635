/**
 * Registers `<policy-citation-panel>` (once, even if this module is loaded twice). The source
 * reader it opens to cite a passage is registered when first opened (a dynamic import).
 */
import { attachContextRoot } from '../common/context-root.ts';
import { PolicyCitationPanel } from './citation-panel.component.ts';

export { PolicyCitationPanel };

// A panel may upgrade before the matrix around it: it gets the store once the matrix does.
attachContextRoot();
if (!customElements.get('policy-citation-panel')) customElements.define('policy-citation-panel', PolicyCitationPanel);

declare global {
  interface HTMLElementTagNameMap {
    'policy-citation-panel': PolicyCitationPanel;
  }
}
