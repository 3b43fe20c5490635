/** Registers `<policy-briefing>` (once, even if this module is loaded twice). */
import { PolicyBriefing } from './policy-briefing.component.ts';

export { PolicyBriefing };

if (!customElements.get('policy-briefing')) customElements.define('policy-briefing', PolicyBriefing);

declare global {
  interface HTMLElementTagNameMap {
    'policy-briefing': PolicyBriefing;
  }
}
