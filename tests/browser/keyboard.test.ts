/**
 * Every flow without a mouse, with real key presses: the app's view tabs (WAI-ARIA tabs
 * pattern), the Tab order of the matrix view from the file menu to the evidence panel, the
 * rows-and-columns and history dialogs, and the comparison's heatmaps (one Tab stop each,
 * arrow keys inside). Editing cells, the evidence panel's forms, citing from the source, the
 * problem list and the briefing's choices are taken by keyboard in their own tests
 * (editing, app-editing, open-export, briefing, compare).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import '../../src/components/policy-compare/policy-compare.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyCompare } from '../../src/components/policy-compare/policy-compare.ts';
import type { PolicyCitationOpenDetail } from '../../src/components/common/events.ts';
import { SMALL_MATRIX, gridReady, shadow, squash } from './helpers.ts';

/** The focused element, through every open shadow root. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** How a reader would name the focused element: its label, else its text. */
function focusName(): string {
  const el = focused();
  if (!el) return '(nothing)';
  return squash(el.getAttribute('aria-label') ?? el.textContent).slice(0, 60);
}

async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

/** Press Tab until `match` holds for the focused element (at most `max` presses); the names passed on the way. */
async function tabUntil(match: (el: Element) => boolean, max: number): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = focused();
    if (el && match(el)) return passed;
    passed.push(focusName());
  }
  throw new Error(`not reached in ${max} Tab presses; passed: ${passed.join(' | ')}`);
}

let db = 0;
async function showApp() {
  const drafts = `test-keyboard-drafts-${Date.now()}-${++db}`;
  const page = await fixture<HTMLElement>(html`<div><button>Before the app</button><policy-matrix-app src=${SMALL_MATRIX} drafts=${drafts} style="height: 900px"></policy-matrix-app></div>`);
  const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-matrix')?.shadowRoot);
  const grid = shadow(root.querySelector('policy-matrix'));
  await gridReady(grid);
  return { app, root, grid, before: page.querySelector('button')! };
}

const shownView = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLElement>('[role="tabpanel"]')].filter((p) => !p.hidden).map((p) => p.id);
const tabState = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLElement>('[role="tab"]')].map((t) => `${squash(t.textContent)}:${t.getAttribute('aria-selected')}:${t.tabIndex}`);

describe('keyboard: the app’s view tabs (WAI-ARIA tabs pattern)', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('is one Tab stop; arrow keys (wrapping), Home and End choose the view; Tab goes on into it', async () => {
    const { root, before } = await showApp();
    expect(root.querySelector('[role="tablist"]')?.getAttribute('aria-label')).to.equal('Views');
    // Only the selected tab is in the Tab order.
    expect(tabState(root)).to.deep.equal(['Matrix:true:0', 'Compare:false:-1', 'Briefing:false:-1', 'Search sources:false:-1', 'Changes:false:-1', 'Then and now:false:-1', 'Codebook:false:-1']);
    before.focus();
    await tabUntil((el) => el.getAttribute('role') === 'tab', 14);
    expect(focused()?.id).to.equal('tab-matrix');

    // Left from the first tab wraps to the last.
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => focused()?.id === 'tab-codebook', 'ArrowLeft did not move to Codebook');
    expect(tabState(root)).to.deep.equal(['Matrix:false:-1', 'Compare:false:-1', 'Briefing:false:-1', 'Search sources:false:-1', 'Changes:false:-1', 'Then and now:false:-1', 'Codebook:true:0']);
    await waitUntil(() => shownView(root).join() === 'view-codebook', 'the codebook is not shown');
    // Right from the last wraps to the first.
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused()?.id === 'tab-matrix' && shownView(root).join() === 'view-matrix', 'ArrowRight did not wrap to Matrix');
    await sendKeys({ press: 'End' });
    await waitUntil(() => focused()?.id === 'tab-codebook', 'End did not move to the last tab');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => focused()?.id === 'tab-matrix', 'Home did not move to the first tab');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused()?.id === 'tab-compare' && shownView(root).join() === 'view-compare', 'ArrowRight did not show Compare');

    // Tab leaves the tab list for the view (not for the next tab); Shift+Tab comes back to the selected tab.
    const compare = root.querySelector<PolicyCompare>('policy-compare')!;
    await waitUntil(() => compare.shadowRoot?.querySelector('input[name="jurisdiction"]'), 'no comparison');
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('name')).to.equal('jurisdiction');
    expect(compare.shadowRoot!.contains(focused())).to.equal(true);
    await chord(['Shift'], 'Tab');
    expect(focused()?.id).to.equal('tab-compare');
  });
});

describe('keyboard: the matrix view, from the file menu to the evidence', () => {
  it('reaches every control by Tab in reading order, and opens and closes the dialogs with Enter and Escape', async () => {
    const { root, grid, before } = await showApp();
    before.focus();
    const menu = await tabUntil((el) => el.getAttribute('role') === 'tab', 12);
    // The file menu, Add source… and New version of a source…, then the check findings (collapsed), the "As of" date field (no text of its own: its label is beside it), then the view tabs.
    expect(menu).to.deep.equal(['New matrix…', 'Open files…', 'Open folder…', 'Export zip', 'Export wide CSV', 'Export references', 'Add source…', 'New version of a source…', '4 check findings (citations and flagged cells)', '']);
    // Into the grid (its header): one Tab stop, arrows move inside it; the next Tab goes on to
    // the edit bar below it, not through every cell.
    const bar = shadow(grid.querySelector('policy-edit-bar'));
    const inGrid = await tabUntil((el) => el.classList.contains('open-structure'), 30);
    expect(inGrid).to.deep.equal(['Dimension']);
    // Shift+Tab goes back into the grid; arrows move from cell to cell.
    await chord(['Shift'], 'Tab');
    expect(['gridcell', 'columnheader']).to.include(focused()?.getAttribute('role'));
    const cellBefore = focusName();
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()?.getAttribute('role')).to.equal('gridcell');
    expect(focusName()).not.to.equal(cellBefore);
    await sendKeys({ press: 'Tab' });
    expect(focused()?.classList.contains('open-structure')).to.equal(true);

    // Rows and columns: Enter opens the dialog with the focus in it, Escape closes it and the focus comes back.
    await sendKeys({ press: 'Enter' });
    const dialog = bar.querySelector('dialog')!;
    await waitUntil(() => dialog.open && bar.querySelector('policy-structure-editor'), 'the rows-and-columns dialog did not open');
    await waitUntil(() => dialog.contains(focused()) || !!bar.querySelector('policy-structure-editor')?.shadowRoot?.contains(focused()), 'the focus is not in the dialog');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
    await waitUntil(() => focused()?.classList.contains('open-structure'), 'the focus did not come back to "Rows and columns…"');

    await sendKeys({ press: 'Tab' });
    expect(focused()?.classList.contains('open-history')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.open && bar.querySelector('policy-edit-history'), 'the history dialog did not open');
    expect(squash(bar.querySelector('#dialog-title')?.textContent)).to.equal('Change history');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open && focused()?.classList.contains('open-history'), 'the history dialog did not close back to its button');

    // On to the evidence of the cell the Tab walk selected last, and its tools.
    const panel = shadow(root.querySelector('policy-citation-panel'));
    const toEvidence = await tabUntil((el) => el.classList.contains('edit-cell'), 12);
    expect(toEvidence.length).to.be.lessThan(12);
    expect(squash(panel.querySelector('h2')?.textContent)).to.match(/ — /);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelector('#cell-form'), 'the cell form did not open');
    await tabUntil((el) => el.id === 'f-note', 8);
  });
});

describe('keyboard: the comparison’s heatmaps', () => {
  it('are one Tab stop each; arrow keys, Home and End move inside; in the level overview they show the evidence and Enter asks for it', async () => {
    const page = await fixture<HTMLElement>(html`<div><policy-compare no-url-state src="/tests/fixtures/compare/matrix/" jurisdictions="aa,bb,cc"></policy-compare></div>`);
    const el = page.querySelector<PolicyCompare>('policy-compare')!;
    const root = shadow(el);
    await waitUntil(() => root.querySelector('.levels [data-key]'), 'no comparison', { timeout: 10000 });
    const opened: PolicyCitationOpenDetail[] = [];
    el.addEventListener('policy-citation-open', (e) => opened.push(e.detail));
    const at = () => {
      const cell = focused() as HTMLElement | null;
      return `${cell?.dataset.grid}:${cell?.dataset.r},${cell?.dataset.c}`;
    };

    root.querySelector<HTMLSelectElement>('select[name="sort"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(at()).to.equal('pairs:0,1');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => at() === 'pairs:0,2');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => at() === 'pairs:1,2');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => at() === 'pairs:1,0');
    expect(squash((focused() as HTMLElement).getAttribute('aria-label'))).to.match(/^\d+%, n=\d+ — Beta and Alpha: /);
    // One Tab stop: the cell last visited keeps it.
    expect(root.querySelectorAll('.pairs [tabindex="0"]').length).to.equal(1);

    await sendKeys({ press: 'Tab' });
    expect(at()).to.equal('levels:0,0');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => at() === 'levels:1,0');
    const key = (focused() as HTMLElement).dataset.key!;
    // Moving shows the cell (selected in the store), without asking for its evidence.
    await waitUntil(() => el.store.snapshot.selection === key, 'moving did not select the cell');
    expect(opened.length).to.equal(0);
    await sendKeys({ press: 'End' });
    await waitUntil(() => at() === 'levels:1,2');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => opened.length === 1, 'Enter did not ask for the evidence');
    expect(opened[0].trigger).to.equal('keyboard');
    expect(opened[0].cell.key).to.equal((focused() as HTMLElement).dataset.key);
    expect(squash(shadow(root.querySelector('policy-citation-panel')).querySelector('h2')?.textContent)).to.match(/ — Gamma$/);

    await sendKeys({ press: 'Tab' });
    expect(at()).to.equal('table:0,0');
  });
});
