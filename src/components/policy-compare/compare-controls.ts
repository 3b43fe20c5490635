/**
 * The comparison's controls: which jurisdictions and groups are compared, and the filters and
 * sort of the view. A template with callbacks; the element keeps the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  groupsOf, orderedJurisdictions, resolveSides, sortSides,
  type CompareViewState, type Side, type SideResolution, type SortOrder,
} from '../../model/compare/index.ts';
import type { Matrix } from '../../model/types.ts';

export interface CompareControls {
  matrix: Matrix;
  /** The sides compared now. */
  sides: Side[];
  themes: string[];
  /** The theme shown ('' for all). */
  theme: string;
  resolution: SideResolution;
  view: CompareViewState;
  /** The user changed the sides or a filter. */
  change(view: Partial<CompareViewState>): void;
}

export function compareControls({ matrix, sides, themes, theme, resolution, view, change }: CompareControls): TemplateResult {
  const chosen = new Set(sides.map((s) => s.key));
  const groupOf = new Map<string, string>();
  for (const s of sides) if (s.kind === 'group') for (const m of s.members) groupOf.set(m.id, s.label);
  const groups = groupsOf(matrix);
  const toggle = (key: string, token: string, on: boolean) => {
    const tokens = toggledSides(matrix, sides, key, token, on);
    if (tokens) change({ sides: tokens });
  };
  const warnings = [
    ...resolution.unknown.map((t) => `"${t}" is neither a jurisdiction nor a group of this matrix.`),
    ...resolution.overlapping.map((o) => `${o.side.label} is left out: ${o.jurisdiction.label || o.jurisdiction.id} is already in ${o.earlier.label}.`),
  ];
  return html`<div part="controls" class="controls">
    <fieldset class="sides">
      <legend>Compare</legend>
      <div class="choices" role="group" aria-label="Jurisdictions">
        <span class="choice-heading" aria-hidden="true">Jurisdictions</span>
        ${orderedJurisdictions(matrix).map((j) => {
          const inGroup = groupOf.get(j.id);
          return html`<label class="choice ${inGroup ? 'covered' : ''}">
            <input
              type="checkbox"
              name="jurisdiction"
              .value=${j.id}
              .checked=${chosen.has(`jurisdiction:${j.id}`) || inGroup !== undefined}
              ?disabled=${inGroup !== undefined}
              @change=${(e: Event) => toggle(`jurisdiction:${j.id}`, j.id, (e.target as HTMLInputElement).checked)}
            />
            ${j.label || j.id}${inGroup ? html`<span class="in-group"> (in ${inGroup})</span>` : nothing}
          </label>`;
        })}
      </div>
      ${groups.length
        ? html`<div class="choices" role="group" aria-label="Groups">
            <span class="choice-heading" aria-hidden="true">Groups</span>
            ${groups.map(
              (g) => html`<label class="choice" title=${g.members.map((m) => m.label || m.id).join(', ')}>
                <input
                  type="checkbox"
                  name="group"
                  .value=${g.name}
                  .checked=${chosen.has(`group:${g.name}`)}
                  @change=${(e: Event) => toggle(`group:${g.name}`, g.name, (e.target as HTMLInputElement).checked)}
                />
                ${g.name} <span class="members">(${g.members.map((m) => m.label || m.id).join(', ')})</span>
              </label>`,
            )}
          </div>`
        : nothing}
    </fieldset>
    <div class="filters">
      <label class="field"
        >Theme
        <select name="theme" @change=${(e: Event) => change({ theme: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${theme === ''}>All themes</option>
          ${themes.map((t) => html`<option .value=${t} ?selected=${t === theme}>${t}</option>`)}
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="only-differences"
          .checked=${view.onlyDifferences}
          @change=${(e: Event) => change({ onlyDifferences: (e.target as HTMLInputElement).checked })}
        />
        Only differences
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="only-evidence"
          .checked=${view.onlyEvidence}
          @change=${(e: Event) => change({ onlyEvidence: (e.target as HTMLInputElement).checked })}
        />
        Only dimensions with evidence on every side
      </label>
      <label class="field"
        >Sort
        <select name="sort" @change=${(e: Event) => change({ sort: (e.target as HTMLSelectElement).value as SortOrder })}>
          <option value="order" ?selected=${view.sort === 'order'}>Matrix order</option>
          <option value="divergence" ?selected=${view.sort === 'divergence'}>Most divergent first</option>
        </select>
      </label>
    </div>
    ${warnings.length ? html`<ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
  </div>`;
}

/** The sides' tokens after adding or removing one; a group takes the place of its members. Sides are kept in matrix order. */
export function toggledSides(matrix: Matrix, sides: Side[], key: string, token: string, on: boolean): string[] | undefined {
  let tokens = sides.filter((s) => s.key !== key).map((s) => s.id);
  if (on) {
    const added = resolveSides(matrix, [token]).sides[0];
    if (!added) return undefined;
    const members = new Set(added.members.map((m) => m.id));
    const kept = sides.filter((s) => s.key !== key && !s.members.some((m) => members.has(m.id)));
    tokens = sortSides([...kept, added]).map((s) => s.id);
  }
  return tokens;
}
