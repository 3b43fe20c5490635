import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { compareProblems } from '../../model/check/check-problems.ts';
import { problemPlace } from '../../model/format/problem-place.ts';
import { problemTarget } from '../../model/format/problem-target.ts';
import { cellKey, type Problem, type ProblemTarget } from '../../model/types.ts';
import { type Snapshot } from '../../state/store.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

export interface PolicyProblemChooseDetail {
  problem: Problem;
  target: ProblemTarget;
}

declare global {
  interface HTMLElementEventMap {
    'policy-problem-choose': CustomEvent<PolicyProblemChooseDetail>;
  }
}

/** A problem as compilers print it: `file:line:column: message` (line/column left out when unknown, see problemPlace). */
export function formatProblem(problem: Problem): string {
  return `${problemPlace(problem)}: ${problem.message}`;
}

/** Errors first, then warnings; within each, by file, line and column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

/**
 * Lists already sorted, by the list: the load problems stay the same list while the matrix is
 * edited, and a damaged file has tens of thousands (sorted once, not at every edit).
 */
const sortedLists = new WeakMap<readonly Problem[], readonly Problem[]>();

function sortedOnce(problems: readonly Problem[]): readonly Problem[] {
  let sorted = sortedLists.get(problems);
  if (!sorted) sortedLists.set(problems, (sorted = sortProblems(problems)));
  return sorted;
}

/** Words for what choosing a problem shows. */
function targetWords(t: ProblemTarget): string {
  switch (t.kind) {
    case 'cell':
    case 'citation':
    case 'computed':
      return `show cell (${t.dimension}, ${t.jurisdiction})`;
    case 'dimension':
      return `show dimension ${t.id}`;
    case 'jurisdiction':
      return `show jurisdiction ${t.id}`;
    case 'source':
      return `source ${t.id}`;
    case 'level':
      return `level ${t.id} of scale ${t.scale}`;
  }
}

/** Problems listed at a time. */
const PAGE = 200;

const SELECTABLE = new Set<ProblemTarget['kind']>(['cell', 'citation', 'computed', 'dimension', 'jurisdiction']);

/**
 * @summary The problems of the loaded matrix as `file:line:column: message`, errors first.
 * Choosing one (click, Enter or Space) selects its cell in the store and asks the page to
 * show it: a `policy-problem-choose` event with the problem and what it is about (a cell,
 * citation, dimension or jurisdiction), which the app answers by scrolling the grid there.
 *
 * Renders into its own children (no shadow root), so the host page's styles for
 * `.problems`, `.problem-list` and `.sev` apply. Reads the store from @lit/context.
 *
 * @event policy-problem-choose - A problem was chosen; `detail.target` says what to show.
 */
export class PolicyProblems extends StoreConsumer {
  /** The problems to list; by default the load problems of the provided snapshot. */
  @property({ attribute: false }) problems: readonly Problem[] | undefined;

  /** List the check findings (citations, flagged cells), collapsed, instead of load problems. */
  @property({ type: Boolean }) findings = false;

  /** How many problems are listed (a damaged file can have tens of thousands: listed a page at a time). */
  @state() private shown = PAGE;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptPanelStyles(this.getRootNode());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Another matrix: its problems are listed from the first page again.
    if (changed.has('snapshot') && (changed.get('snapshot') as Snapshot | undefined)?.matrix !== this.snapshot.matrix) this.shown = PAGE;
  }

  /** Select and show what a problem is about. Returns false when it points at nothing in the grid. */
  choose(problem: Problem): boolean {
    const target = problemTarget(problem, this.snapshot.matrix, this.snapshot.locations);
    if (!target || !SELECTABLE.has(target.kind)) return false;
    if (target.kind === 'cell' || target.kind === 'citation' || target.kind === 'computed') this.store?.select(cellKey(target.dimension, target.jurisdiction));
    this.dispatchEvent(new CustomEvent<PolicyProblemChooseDetail>('policy-problem-choose', { detail: { problem, target }, bubbles: true, composed: true }));
    return true;
  }

  protected override render() {
    // The codebook's warnings are listed in the Codebook view, beside the rules they are about.
    // The check's findings come sorted, kept so by each edit (see check-problems.ts).
    const { check } = this.snapshot;
    const problems = this.problems
      ? sortedOnce(this.problems)
      : this.findings ? (check?.problemSet.sortedList('findings') ?? []) : sortedOnce(this.snapshot.problems);
    if (problems.length === 0) return nothing;
    const n = problems.length;
    if (this.findings) {
      return html`<details class="problems findings">
        <summary>${n === 1 ? '1 check finding' : `${n} check findings`} (citations and flagged cells)</summary>
        ${this.list(problems, 'Check findings')}
      </details>`;
    }
    return html`<section class="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">${n === 1 ? '1 problem' : `${n} problems`} loading the matrix</h2>
      ${this.list(problems, 'Problems loading the matrix')}
    </section>`;
  }

  /**
   * The list scrolls past a few problems, and problems about a file as a whole are not
   * buttons: so the list itself takes focus, for the keyboard to scroll it (WCAG 2.1.1).
   */
  private list(problems: SortedRead, name: string): TemplateResult {
    // \`problems\` are sorted (errors first, then by file, line and column); only those shown are read.
    const { matrix, locations } = this.snapshot;
    const more = problems.length - this.shown;
    return html`<ul class="problem-list" tabindex="0" aria-label=${name}>
      ${problems.slice(0, this.shown).map((p) => {
        const target = problemTarget(p, matrix, locations);
        const body = html`<span class="sev">${p.severity === 'error' ? 'Error' : 'Warning'}</span><code>${formatProblem(p)}</code>`;
        return html`<li class=${p.severity}>
          ${target && SELECTABLE.has(target.kind)
            ? html`<button type="button" class="problem" title=${targetWords(target)} @click=${() => this.choose(p)}>${body}</button>`
            : body}
        </li>`;
      })}
    </ul>
    ${more > 0
      ? html`<button type="button" class="more-problems" @click=${() => (this.shown += PAGE)}>Show ${Math.min(more, PAGE)} more (${more.toLocaleString('en-US')} not listed)</button>`
      : nothing}`;
  }
}

/** A sorted list of problems as the panel reads it: an array, or the check's kept list (see sorted-problems.ts). */
type SortedRead = Pick<readonly Problem[], 'length'> & { slice(from?: number, to?: number): Problem[] };

/**
 * Styles for the choosable problems (the host page styles the panel itself). The element has
 * no shadow root: the sheet is adopted by the document or shadow root it is in (a `<style>`
 * element in its content would be refused by a page whose policy has `style-src 'self'`).
 */
const panelStyles = css`
  policy-problems {
    display: contents;
  }
  policy-problems button.problem {
    display: flex;
    gap: 8px;
    align-items: baseline;
    width: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 4px;
    background: none;
    font: inherit;
    color: inherit;
    text-align: left;
    cursor: pointer;
  }
  policy-problems button.problem:hover {
    background: #eef3fa;
  }
  policy-problems button.problem:hover code {
    text-decoration: underline;
  }
  policy-problems button.problem:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: -1px;
  }
`;

/** Adopt the panel's styles once into the root the element is in. */
function adoptPanelStyles(root: Node): void {
  const sheet = panelStyles.styleSheet;
  if (!sheet || !(root instanceof Document || root instanceof ShadowRoot)) return;
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
