import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { IndexedDbDraftStorage } from '../../src/state/draft-storage.ts';
import { SMALL_MATRIX, gridReady, shadow, squash, tabIntoGrid } from './helpers.ts';

async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

/** Tab until the focused element of `root` matches `selector` (at most `max` presses). */
async function tabTo(root: ShadowRoot, selector: string, max = 12): Promise<void> {
  for (let i = 0; i < max && !root.activeElement?.matches(selector); i++) await sendKeys({ press: 'Tab' });
  expect(root.activeElement?.matches(selector), `focus on ${selector}`).to.equal(true);
}

describe('<policy-matrix-app> editing without a mouse', () => {
  it('moves to a cell, opens its evidence (Alt+Enter), edits status and note in the panel, and undoes from the keyboard', async () => {
    const drafts = `test-app-drafts-${Date.now()}`;
    const page = await fixture<HTMLElement>(html`<div><button>before</button><policy-matrix-app src=${SMALL_MATRIX} drafts=${drafts} style="height: 900px"></policy-matrix-app></div>`);
    const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    const root = shadow(app);
    await waitUntil(() => root.querySelector('policy-matrix'));
    const matrixEl = root.querySelector('policy-matrix')!;
    const grid = shadow(matrixEl);
    await gridReady(grid);
    const panelEl = root.querySelector('policy-citation-panel')!;
    const panel = shadow(panelEl);

    // Into the grid from the tabs (Tab from the active tab goes to the grid's header).
    await tabIntoGrid(root.querySelector<HTMLElement>('#tab-matrix')!);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Common visa — Northland', 'cell not selected');
    await chord(['Alt'], 'Enter');
    await waitUntil(() => panel.activeElement?.classList.contains('title'), 'Alt+Enter did not focus the evidence');

    await tabTo(panel, '.edit-cell');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelector('#f-status'));
    // The cell's place in time and how sure its coding is, by keyboard.
    const stored = () => app.store.snapshot.index!.cells.get('common-visa\u0000north')!;
    await tabTo(panel, '#f-in-force-from');
    await sendKeys({ type: '2001' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => stored().inForceFrom === '2001', 'in force from not edited');
    const before = stored().confidence;
    await tabTo(panel, '#f-confidence');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => stored().confidence !== before, 'confidence not edited');
    expect(['high', 'medium', 'low']).to.include(stored().confidence);
    const relative = stored().relative;
    await tabTo(panel, '#f-relative');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => stored().relative === !relative, 'relative not edited');
    await waitUntil(() => squash(panel.querySelector('dl')?.textContent).includes('2001 – still, as far as the source says'), 'the period is not shown');

    // A later period of the value (it changed over time), then removed again.
    const periods = () => app.store.snapshot.view!.entries('common-visa\u0000north').length;
    panel.querySelector<HTMLButtonElement>('.add-period')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => periods() === 2, 'no later period added');
    await waitUntil(() => squash(panel.querySelector('dl')?.textContent).includes('Period2 of 2'), 'the new period is not shown');
    panel.querySelector<HTMLButtonElement>('.remove-period')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => periods() === 1, 'the period is not removed');
    expect(stored().inForceFrom).to.equal('2001');
    panel.querySelector<HTMLElement>('#f-relative')!.focus();
    await tabTo(panel, '#f-status');
    // Status: Supported → Draft (arrow keys change a focused select).
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => app.store.snapshot.index!.cells.get('common-visa\u0000north')!.status === 'draft', 'status not edited');
    await waitUntil(() => squash(panel.querySelector('.status')?.textContent).includes('Draft'));
    await tabTo(panel, '#f-note');
    await sendKeys({ type: 'Checked against chapter 1' });
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => squash(panel.querySelector('.note')?.textContent) === 'Checked against chapter 1', 'note not shown');
    expect(squash(root.querySelector('.summary')?.textContent)).to.contain('draft');

    // Invalid value in the panel: refused with a message next to the field.
    // Shift+Tab back to "Observed" (before the in-force dates, confidence, relative, Status and Note).
    for (let i = 0; i < 10 && !panel.activeElement?.matches('#f-observed'); i++) await chord(['Shift'], 'Tab');
    expect(panel.activeElement?.id).to.equal('f-observed');
    await sendKeys({ type: '2004-13' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(panel.querySelector('#err-observed')?.textContent), 'no message for an invalid date');
    expect(squash(panel.querySelector('#err-observed')?.textContent)).to.equal('Not saved: observed "2004-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).');
    expect(panel.querySelector('#f-observed')?.getAttribute('aria-invalid')).to.equal('true');
    expect(app.store.snapshot.index!.cells.get('common-visa\u0000north')!.observed).to.equal('');

    // Undo (the focus is in a text field: Escape-free route, move focus to a button first).
    panel.querySelector<HTMLButtonElement>('.edit-cell')!.focus();
    await chord(['Control'], 'z');
    await waitUntil(() => app.store.snapshot.index!.cells.get('common-visa\u0000north')!.note === '', 'Ctrl+Z did not undo the note');
    await chord(['Control'], 'z');
    await waitUntil(() => app.store.snapshot.index!.cells.get('common-visa\u0000north')!.status === 'supported', 'Ctrl+Z did not undo the status');
    await chord(['Control', 'Shift'], 'Z');
    await waitUntil(() => app.store.snapshot.index!.cells.get('common-visa\u0000north')!.status === 'draft', 'redo');
    // Escape in the panel goes back to the cell in the grid.
    panel.querySelector<HTMLButtonElement>('.edit-cell')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => (grid.activeElement as HTMLElement | null)?.getAttribute('col-id') === 'north', 'Escape did not return to the grid');
    await IndexedDbDraftStorage.drop(drafts);
  });
});
