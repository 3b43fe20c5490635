/**
 * Accessibility of every view and dialog, checked by axe-core (tests/browser/axe.ts): no
 * critical or serious violation of the WCAG 2.x A/AA rules and axe's best practices (the
 * report names rule and elements), moderate and minor ones printed.
 *
 * The app, the standalone comparison and the embedding guide are opened as real pages in a
 * frame (page-level rules apply: landmarks, title, language), and taken through what a user
 * opens: the grid, the evidence panel, the cell and citation forms, the source reader, the
 * rows-and-columns and history dialogs, Compare, Briefing, the problem list, the file menu.
 * States that need edits (history entries, a removal to confirm, the grid's cell editor) are
 * checked on the app as an element with drafts of its own, so no page keeps a draft.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { IndexedDbDraftStorage } from '../../src/state/draft-storage.ts';
import { expectAccessible } from './axe.ts';
import { SMALL_MATRIX, click, clickCell, gridReady, shadow, shownCell, squash } from './helpers.ts';

async function openPage(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'display: block; width: 1200px; height: 900px; border: 0';
  frame.title = url;
  frame.src = url;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

/** Click the middle of an element inside a frame with the real mouse. */
async function clickIn(frame: HTMLIFrameElement, el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const f = frame.getBoundingClientRect();
  const b = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(f.x + b.x + b.width / 2), Math.round(f.y + b.y + b.height / 2)] });
}

/** The parts of the app in a page: its shadow root, the grid's, the evidence panel's, the edit bar's. */
function appParts(doc: Document) {
  const root = () => shadow(doc.querySelector('policy-matrix-app'));
  const grid = () => shadow(root().querySelector('policy-matrix'));
  return {
    root,
    grid,
    panel: () => shadow(root().querySelector('policy-citation-panel')),
    bar: () => shadow(grid().querySelector('policy-edit-bar')),
  };
}

const firstCellShown = (grid: ShadowRoot) => !!grid.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="eu"] .cell, .ag-row[row-index="0"] .ag-cell[col-id="north"] .cell');

describe('accessibility (axe-core): no critical or serious violation', () => {
  before(() => setViewport({ width: 1300, height: 1000 }));
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('in the app: the grid, the evidence panel, the cell and citation forms, the source reader, the rows-and-columns and history dialogs', async function () {
    this.timeout(90000);
    const frame = await openPage('/index.html');
    const win = frame.contentWindow!;
    const { root, grid, panel, bar } = appParts(frame.contentDocument!);
    await waitUntil(() => frame.contentDocument!.querySelector('policy-matrix-app')?.shadowRoot && firstCellShown(grid()), 'the grid is not shown', { timeout: 20000 });
    const gridSummary = await expectAccessible(win, 'grid');
    // The view tabs sit in the main landmark with the views they show.
    expect(gridSummary.violations.map((v) => v.id)).to.not.include('region');

    await clickIn(frame, grid().querySelector('.ag-row[row-index="0"] .ag-cell[col-id="eu"]')!);
    await waitUntil(() => panel().querySelector('mark'), 'no evidence shown');
    await expectAccessible(win, 'evidence panel');

    // The cell form, a citation typed by hand, and a citation's own form, open together.
    panel().querySelector<HTMLButtonElement>('.edit-cell')!.click();
    panel().querySelector<HTMLButtonElement>('.add-by-hand')!.click();
    panel().querySelector<HTMLButtonElement>('.edit-citation')!.click();
    await waitUntil(() => panel().querySelector('#cell-form') && panel().querySelector('.add-form') && panel().querySelector('.citation-form:not(.add-form)'), 'the forms did not open');
    await expectAccessible(win, 'cell form (value, status, note) and citation forms');

    panel().querySelector<HTMLButtonElement>('.cite-from-source')!.click();
    await waitUntil(() => panel().querySelector('dialog.reader-dialog[open] policy-source-reader')?.shadowRoot?.querySelector('.text mark'), 'the source reader did not open');
    await expectAccessible(win, 'source reader');
    // A passage selected: what would be attached, and its check.
    const reader = shadow(panel().querySelector('policy-source-reader'));
    const words = [...reader.querySelector('.text mark')!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE) as Text;
    win.getSelection()!.setBaseAndExtent(words, 0, words, words.length);
    await waitUntil(() => reader.querySelector('.selected q'), 'no passage selected');
    await expectAccessible(win, 'source reader with a selected passage');
    panel().querySelector<HTMLButtonElement>('.close-reader')!.click();
    await waitUntil(() => !panel().querySelector('dialog.reader-dialog[open]'));

    bar().querySelector<HTMLButtonElement>('.open-structure')!.click();
    await waitUntil(() => bar().querySelector('dialog[open] policy-structure-editor')?.shadowRoot?.querySelector('.dimensions .item'), 'no rows-and-columns dialog');
    await expectAccessible(win, 'rows and columns');
    bar().querySelector<HTMLButtonElement>('.close')!.click();
    await waitUntil(() => !bar().querySelector('dialog[open]'));

    bar().querySelector<HTMLButtonElement>('.open-history')!.click();
    await waitUntil(() => bar().querySelector('dialog[open] policy-edit-history')?.shadowRoot?.textContent, 'no history dialog');
    await expectAccessible(win, 'history');
    bar().querySelector<HTMLButtonElement>('.close')!.click();
    void root;
  });

  it('in the app: Compare (with a chosen cell) and Briefing', async function () {
    this.timeout(90000);
    const frame = await openPage('/index.html?view=compare');
    const win = frame.contentWindow!;
    const { root } = appParts(frame.contentDocument!);
    const compare = () => shadow(root().querySelector('policy-compare'));
    await waitUntil(() => frame.contentDocument!.querySelector('policy-matrix-app')?.shadowRoot?.querySelector('policy-compare')?.shadowRoot?.querySelector('.compare-table'), 'no comparison', { timeout: 20000 });
    await clickIn(frame, compare().querySelector('.levels [data-r="0"][data-c="0"]')!);
    await waitUntil(() => compare().querySelector('.compare-table [aria-selected="true"]'), 'no cell chosen');
    await expectAccessible(win, 'Compare');

    await clickIn(frame, root().querySelector('#tab-briefing')!);
    await waitUntil(() => root().querySelector('policy-briefing')?.shadowRoot?.querySelector('table'), 'no briefing', { timeout: 20000 });
    const briefing = await expectAccessible(win, 'Briefing');
    // The briefing is the page's main content too.
    expect(briefing.violations.map((v) => v.id)).to.not.include.members(['landmark-one-main', 'region']);
  });

  it('in the app: the problem list with problems, the check findings, and the file menu asking for a missing source text', async function () {
    this.timeout(60000);
    const frame = await openPage('/index.html?matrix=/tests/fixtures/matrices/broken/');
    const { root } = appParts(frame.contentDocument!);
    await waitUntil(() => frame.contentDocument!.querySelector('policy-matrix-app')?.shadowRoot?.querySelector('.problems li'), 'no problems listed', { timeout: 20000 });
    const menu = shadow(root().querySelector('policy-file-menu'));
    await waitUntil(() => menu.querySelector('button.add-source'), 'the file menu does not ask for the missing source text');
    const findings = root().querySelector<HTMLDetailsElement>('.findings');
    if (findings) findings.open = true;
    await expectAccessible(frame.contentWindow!, 'problems, findings and file menu');
  });

  it('in the app on a matrix with flagged, ambiguous and orphaned citations: their evidence, the cell editor, history entries, a removal to confirm', async function () {
    this.timeout(90000);
    const drafts = `test-a11y-drafts-${Date.now()}`;
    const page = await fixture<HTMLElement>(html`<div><policy-matrix-app src=${SMALL_MATRIX} drafts=${drafts} style="height: 900px"></policy-matrix-app></div>`);
    const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    const { grid, panel, bar } = appParts(document);
    await waitUntil(() => app.shadowRoot?.querySelector('policy-matrix')?.shadowRoot);
    await gridReady(grid());
    await expectAccessible(window, 'grid with flagged and ambiguous cells', app);

    // Orphaned citations with their closest passages.
    await clickCell(grid(), 0, 'south');
    await waitUntil(() => panel().querySelector('.citation.orphaned'), 'no orphaned citation shown');
    await expectAccessible(window, 'evidence: orphaned citations', app);
    // An ambiguous citation with its candidate places.
    await clickCell(grid(), 2, 'north');
    await waitUntil(() => panel().querySelector('.citation.ambiguous .candidates'), 'no ambiguous citation shown');
    await expectAccessible(window, 'evidence: ambiguous citation', app);

    // The grid's own editor (the levels of the scale), open on a cell.
    const cell = await shownCell(grid(), 0, 'north');
    await click(cell);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => grid().querySelector('.pm-editor'), 'no cell editor');
    await expectAccessible(window, 'cell editor in the grid', app);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => app.store.snapshot.edits.history.length === 1, 'the level was not changed');

    bar().querySelector<HTMLButtonElement>('.open-history')!.click();
    await waitUntil(() => bar().querySelector('dialog[open] policy-edit-history')?.shadowRoot?.querySelector('.entry'), 'no history entry');
    await expectAccessible(window, 'history with an entry', app);
    bar().querySelector<HTMLButtonElement>('.close')!.click();
    await waitUntil(() => !bar().querySelector('dialog[open]'));

    bar().querySelector<HTMLButtonElement>('.open-structure')!.click();
    await waitUntil(() => bar().querySelector('dialog[open] policy-structure-editor')?.shadowRoot?.querySelector('.dimensions .item .remove'), 'no rows-and-columns dialog');
    const structure = shadow(bar().querySelector('policy-structure-editor'));
    structure.querySelector<HTMLButtonElement>('.dimensions .item[data-id="border-checks"] .remove')!.click();
    await waitUntil(() => structure.querySelector<HTMLDialogElement>('dialog.confirm')?.open, 'no confirmation asked');
    await expectAccessible(window, 'removal to confirm', app);
    structure.querySelector<HTMLButtonElement>('dialog.confirm .cancel')!.click();
    bar().querySelector<HTMLButtonElement>('.close')!.click();
    await IndexedDbDraftStorage.drop(drafts);
  });

  it('the standalone comparison page with its evidence panel', async function () {
    this.timeout(60000);
    const frame = await openPage('/compare.html?compare=EU,North%20America');
    const compare = () => shadow(frame.contentDocument!.querySelector('policy-compare'));
    await waitUntil(() => frame.contentDocument!.querySelector('policy-compare')?.shadowRoot?.querySelector('.compare-table'), 'no comparison', { timeout: 20000 });
    await clickIn(frame, compare().querySelector('.compare-table [data-r="0"][data-c="0"]')!);
    // The panel's code arrives with the first matrix shown: wait for it as a reader would.
    await waitUntil(() => compare().querySelector('policy-citation-panel')?.shadowRoot?.querySelector('.citations'), 'no evidence shown', { timeout: 10000 });
    await expectAccessible(frame.contentWindow!, 'compare.html');
  });

  it('the embedding guide, /docs/, with its live examples', async function () {
    this.timeout(90000);
    const frame = await openPage('/docs/index.html');
    const doc = frame.contentDocument!;
    await waitUntil(() => /^Using /.test(squash(doc.getElementById('loaded')?.textContent)), 'the elements did not load', { timeout: 40000 });
    const matrix = () => doc.querySelector('[data-example="matrix"] policy-matrix')?.shadowRoot;
    await waitUntil(() => matrix() && firstCellShown(matrix()!) && doc.querySelector('[data-example="briefing"] policy-briefing')?.shadowRoot?.querySelector('table')
      && doc.querySelector('[data-example="compare"] policy-compare')?.shadowRoot?.querySelector('.compare-table')
      && doc.querySelector('[data-example="error"] policy-matrix')?.shadowRoot?.querySelector('[role="alert"]'), 'the examples are not shown', { timeout: 40000 });
    // A chosen cell: the example's evidence panel shows its citations.
    await clickIn(frame, matrix()!.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="eu"]')!);
    await waitUntil(() => doc.querySelector('[data-example="matrix"] policy-citation-panel')?.shadowRoot?.querySelector('.citations'), 'no evidence in the example');
    const summary = await expectAccessible(frame.contentWindow!, `/docs/ (${squash(doc.getElementById('loaded')?.textContent)})`);
    // The landmarks are told apart (one main, no two of a kind with the same name).
    expect(summary.violations.map((v) => v.id)).to.not.include.members(['landmark-unique', 'landmark-one-main', 'region']);
  });
});
