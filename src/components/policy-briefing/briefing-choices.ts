/** The briefing's choice of dimensions or jurisdictions: a checkbox each, in the matrix's order, and All / None. */
import { html, type TemplateResult } from 'lit';
import type { Dimension, Jurisdiction } from '../../model/types.ts';

export type ChoiceKind = 'dimensions' | 'jurisdictions';

const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function briefingChoices(
  kind: ChoiceKind,
  legend: string,
  items: readonly (Dimension | Jurisdiction)[],
  chosen: ReadonlySet<string>,
  on: { toggle: (id: string, checked: boolean) => void; setAll: (checked: boolean) => void },
): TemplateResult {
  const seen = new Set<string>();
  const unique = [...items].sort(byOrder).filter((x) => !seen.has(x.id) && seen.add(x.id));
  return html`<fieldset class=${kind}>
    <legend>${legend} <span class="count">(${unique.filter((x) => chosen.has(x.id)).length} of ${unique.length})</span></legend>
    <ul class="choices">
      ${unique.map(
        (x) => html`<li>
          <label
            ><input
              type="checkbox"
              name=${kind}
              .value=${x.id}
              .checked=${chosen.has(x.id)}
              @change=${(e: Event) => on.toggle(x.id, (e.target as HTMLInputElement).checked)}
            /><span>${x.label || x.id}</span></label
          >
        </li>`,
      )}
    </ul>
    <div class="bulk">
      <button type="button" class="small" @click=${() => on.setAll(true)}>All ${legend.toLowerCase()}</button>
      <button type="button" class="small" @click=${() => on.setAll(false)}>No ${legend.toLowerCase()}</button>
    </div>
  </fieldset>`;
}
