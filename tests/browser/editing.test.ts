import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/components/citation-panel/citation-panel.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicySourceReader } from '../../src/components/source-reader/policy-source-reader.ts';
import type { PolicyEditHistory } from '../../src/components/edit-history/policy-edit-history.ts';
import { IndexedDbDraftStorage, MemoryDraftStorage } from '../../src/state/draft-storage.ts';
import { REAL_MATRIX, SMALL_MATRIX, byOrder, clickCell, fetchCsv, gridCell, gridReady, shadow, squash, shownCell, tabIntoGrid } from './helpers.ts';

let db = 0;
const dbName = () => `test-drafts-${Date.now()}-${++db}`;

async function showMatrix(src = SMALL_MATRIX, drafts = dbName()) {
  const page = await fixture<HTMLElement>(html`
    <div>
      <button>Before the matrix</button>
      <policy-matrix src=${src} drafts=${drafts} style="height: 600px">
        <policy-citation-panel></policy-citation-panel>
      </policy-matrix>
    </div>
  `);
  const el = page.querySelector<PolicyMatrix>('policy-matrix')!;
  const grid = shadow(el);
  await gridReady(grid);
  const panel = shadow(el.querySelector('policy-citation-panel'));
  return { page, el, grid, panel, before: page.querySelector('button')!, drafts };
}

/** Press a key with modifiers held, as a person does (down, press, up). */
async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

const editor = (grid: ShadowRoot) => grid.querySelector<HTMLElement>('.pm-editor');

describe('editing in the grid', () => {
  it('changes a level with the keyboard; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and redo it', async () => {
    const { grid, before, el } = await showMatrix();
    expect(squash((await shownCell(grid, 0, 'north')).textContent)).to.contain('Full · 3 of 3');
    await tabIntoGrid(before);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => editor(grid), 'no editor opened');
    const list = grid.querySelector('[role="listbox"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Level of Internal border checks — Northland');
    expect(squash(list.querySelector('[aria-selected="true"]')?.textContent)).to.equal('Full (3 of 3)');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(gridCell(grid, 0, 'north')?.textContent).includes('Partial · 2 of 3'), 'the grid does not show the new level');
    expect(editor(grid), 'editor closed').to.equal(null);
    await el.drafting?.settled();
    await chord(['Control'], 'z');
    await waitUntil(() => squash(gridCell(grid, 0, 'north')?.textContent).includes('Full · 3 of 3'), 'Ctrl+Z did not restore the level');
    await chord(['Control', 'Shift'], 'Z');
    await waitUntil(() => squash(gridCell(grid, 0, 'north')?.textContent).includes('Partial · 2 of 3'), 'Ctrl+Shift+Z did not redo');
    await chord(['Control'], 'z');
    await waitUntil(() => squash(gridCell(grid, 0, 'north')?.textContent).includes('Full · 3 of 3'));
    await chord(['Control'], 'y');
    await waitUntil(() => squash(gridCell(grid, 0, 'north')?.textContent).includes('Partial · 2 of 3'), 'Ctrl+Y did not redo');
  });

  it('refuses invalid input with a message next to the cell, stores nothing, and Escape cancels', async () => {
    const dimensions = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder);
    const row = dimensions.findIndex((d) => d.value_type === 'number');
    const unit = dimensions[row].unit;
    const { grid, before, el } = await showMatrix(REAL_MATRIX);
    const original = squash((await shownCell(grid, row, 'eu')).textContent);
    await tabIntoGrid(before);
    for (let i = 0; i < row; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    // Typing starts editing with what is typed.
    await sendKeys({ type: '12,5' });
    await waitUntil(() => editor(grid), 'typing did not start editing');
    const input = grid.querySelector<HTMLInputElement>('.pm-editor-input')!;
    expect(input.value).to.equal('12,5');
    expect(squash(grid.querySelector('.pm-editor-unit')?.textContent)).to.equal(unit);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(grid.querySelector('.pm-editor-error')?.textContent), 'no message for invalid input');
    expect(squash(grid.querySelector('.pm-editor-error')?.textContent)).to.match(/^Not saved: "12,5" is not a number/);
    expect(grid.querySelector('.pm-editor-error')?.getAttribute('role')).to.equal('alert');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(editor(grid) !== null, 'the editor stays open').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => editor(grid) === null, 'Escape did not close the editor');
    expect(squash(gridCell(grid, row, 'eu')?.textContent)).to.equal(original);
    expect(el.store.snapshot.edits.history.length).to.equal(0);

    // A valid number is stored, shown with its unit.
    await sendKeys({ press: 'F2' });
    await waitUntil(() => editor(grid), 'F2 did not start editing');
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '12.5' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => editor(grid) === null);
    await waitUntil(() => squash(gridCell(grid, row, 'eu')?.textContent).includes('12.5'), 'the new number is not shown');
    expect(el.store.snapshot.edits.history.at(-1)?.changes[0]).to.include({ field: 'value', new: '12.5' });
  });

});

/** Move the keyboard focus from the first row's dimension cell to a cell (row index, column index after the dimension). */
async function moveTo(row: number, column: number): Promise<void> {
  for (let i = 0; i < row; i++) await sendKeys({ press: 'ArrowDown' });
  for (let i = 0; i < column; i++) await sendKeys({ press: 'ArrowRight' });
}

/** The text dimensions of the bundled matrix, in grid order, with the row index of the first. */
async function textRow(): Promise<number> {
  const dimensions = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder);
  return dimensions.findIndex((d) => d.id === 'information-systems');
}

describe('editing free text', () => {
  it('keeps showing and naming the stored cell under the editor until the edit ends (F2 on a tall cell)', async () => {
    const row = await textRow();
    const { grid, before, el } = await showMatrix(REAL_MATRIX);
    const cell = await shownCell(grid, row, 'eu');
    const shown = squash(cell.textContent);
    const name = cell.getAttribute('aria-label');
    // The grid shows the pair's latest period (SIS II, after the SIS of 1985).
    expect(shown).to.contain('SIS II under development');
    expect(name).to.match(/^SIS; SIS II under development/);
    await tabIntoGrid(before);
    await moveTo(row, 1);
    await sendKeys({ press: 'F2' });
    await waitUntil(() => editor(grid), 'F2 did not start editing');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' and more' });
    // AG Grid renders a cell being edited with the editor's value: it must still be the stored cell.
    await new Promise((r) => setTimeout(r, 300));
    const under = gridCell(grid, row, 'eu')!;
    expect(squash(under.textContent)).to.equal(shown);
    expect(under.getAttribute('aria-label')).to.equal(name);
    expect(under.classList.contains('pm-missing'), 'the cell is styled as having no row').to.equal(false);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => editor(grid) === null, 'Escape did not close the editor');
    expect(squash(gridCell(grid, row, 'eu')!.textContent)).to.equal(shown);
    expect(el.store.snapshot.edits.history.length).to.equal(0);
  });

  it('edits a long value in several lines: Shift+Enter for a new line, the box grows, Enter commits, Escape cancels', async () => {
    const row = await textRow();
    const { grid, before, el } = await showMatrix(REAL_MATRIX);
    const cell = await shownCell(grid, row, 'eu');
    // The value of the entry shown: the pair's latest period.
    const stored = el.store.snapshot.view!.cells.get('information-systems\u0000eu')!.value;
    await tabIntoGrid(before);
    await moveTo(row, 1);
    await sendKeys({ press: 'F2' });
    await waitUntil(() => editor(grid), 'F2 did not start editing');
    const area = grid.querySelector<HTMLTextAreaElement>('textarea.pm-editor-input')!;
    expect(area, 'a multi-line text field').to.not.equal(null);
    const { matrix } = el.store.snapshot;
    const label = (list: { id: string; label: string }[], id: string) => list.find((x) => x.id === id)!.label;
    expect(area.getAttribute('aria-label')).to.equal(`Value of ${label(matrix!.dimensions, 'information-systems')} — ${label(matrix!.jurisdictions, 'eu')}`);
    expect(area.value).to.equal(stored);
    // Wider than the cell, to read a long value; as tall as its text.
    expect(editor(grid)!.getBoundingClientRect().width).to.be.at.least(Math.floor(cell.getBoundingClientRect().width));
    expect(area.scrollHeight - area.clientHeight).to.be.at.most(1);
    const height = area.getBoundingClientRect().height;
    // Arrow keys move in the text, not to another cell.
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowDown' });
    expect(editor(grid) !== null, 'the arrow keys ended the edit').to.equal(true);
    await sendKeys({ press: 'End' });
    await chord(['Shift'], 'Enter');
    await sendKeys({ type: 'Second line' });
    await chord(['Shift'], 'Enter');
    await sendKeys({ type: 'Third line' });
    expect(editor(grid) !== null, 'Shift+Enter ended the edit').to.equal(true);
    expect(area.value).to.equal(`${stored}\nSecond line\nThird line`);
    await waitUntil(() => area.getBoundingClientRect().height > height + 20, 'the text field did not grow');
    expect(area.scrollHeight - area.clientHeight).to.be.at.most(1);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => editor(grid) === null, 'Enter did not commit');
    const value = () => el.store.snapshot.view!.cells.get('information-systems\u0000eu')!.value;
    expect(value()).to.equal(`${stored}\nSecond line\nThird line`);
    // The grid shows the lines as lines.
    await waitUntil(() => gridCell(grid, row, 'eu')?.innerText.includes('Second line\nThird line'), 'the cell does not show the lines');

    // Escape cancels a change of several lines.
    await sendKeys({ press: 'F2' });
    await waitUntil(() => editor(grid), 'F2 did not start editing again');
    await chord(['Shift'], 'Enter');
    await sendKeys({ type: 'Not kept' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => editor(grid) === null, 'Escape did not close the editor');
    expect(value()).to.equal(`${stored}\nSecond line\nThird line`);
  });
});

describe('giving a value to a cell marked not in source', () => {
  it('says, while typing and once saved, that the cell is flagged until cited, and offers "Cite from source…" right there', async () => {
    const row = await textRow();
    const { grid, before, el, panel } = await showMatrix(REAL_MATRIX);
    expect(squash((await shownCell(grid, row, 'ca')).textContent)).to.equal('Not in source');
    await tabIntoGrid(before);
    await moveTo(row, 2);
    await sendKeys({ type: 'SIS access' });
    await waitUntil(() => editor(grid), 'typing did not start editing');
    const note = grid.querySelector<HTMLElement>('.pm-editor-note')!;
    await waitUntil(() => !note.hidden, 'no note while typing');
    const said = grid.querySelector('.pm-editor-note p')!;
    expect(squash(said.textContent)).to.equal('This cell is marked not in source. With a value it is saved as a draft, flagged until it cites the source (validate reports it as an error).');
    const area = grid.querySelector('.pm-editor-input')!;
    expect(area.getAttribute('aria-describedby')!.split(' ')).to.include(said.id);
    // Tab reaches "Save and cite from source…" (and Shift+Tab goes back to the text).
    await sendKeys({ press: 'Tab' });
    expect(grid.activeElement?.classList.contains('pm-editor-cite'), 'Tab did not reach the button').to.equal(true);
    expect(squash(grid.activeElement?.textContent)).to.equal('Save and cite from source…');
    await chord(['Shift'], 'Tab');
    expect(grid.activeElement?.classList.contains('pm-editor-input'), 'Shift+Tab did not go back to the text').to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    // Saved (a draft), flagged in the grid, and the source reader opened for that cell.
    const { reader } = await openedReader(panel);
    expect(editor(grid) === null, 'the editor is still open').to.equal(true);
    const cell = el.store.snapshot.matrix!.cells.find((c) => c.dimension === 'information-systems' && c.jurisdiction === 'ca')!;
    expect(cell).to.include({ value: 'SIS access', status: 'draft' });
    expect(reader.cell).to.equal(el.store.snapshot.selection);
    expect(el.store.snapshot.selection).to.equal('information-systems\u0000ca');
    expect(squash(panel.querySelector('#reader-title')?.textContent)).to.match(/^Cite from the source — .+, Canada$/);
    await waitUntil(() => squash(gridCell(grid, row, 'ca')?.textContent).includes('Flagged'), 'the cell is not flagged');
    // Said above the grid too, with the button (role="status": read when it changes).
    const message = grid.querySelector('.edit-message')!;
    expect(message.getAttribute('role')).to.equal('status');
    expect(squash(message.textContent)).to.match(/^Saved as a draft: .+ — Canada was marked not in source, and it is flagged until a citation from the source backs its value/);
    expect(squash(grid.querySelector('.edit-feedback button.cite-from-source')?.textContent)).to.equal('Cite from source…');
  });

  it('says nothing of the kind for a cell with a value already, and Tab still saves and moves on', async () => {
    const row = await textRow();
    const { grid, before, el } = await showMatrix(REAL_MATRIX);
    await shownCell(grid, row, 'eu');
    await tabIntoGrid(before);
    await moveTo(row, 1);
    await sendKeys({ type: 'New value' });
    await waitUntil(() => editor(grid), 'typing did not start editing');
    expect(grid.querySelector<HTMLElement>('.pm-editor-note')!.hidden).to.equal(true);
    // Tab saves and edits the next cell (AG Grid's Tab while editing).
    await sendKeys({ press: 'Tab' });
    const value = () => el.store.snapshot.view!.cells.get('information-systems\u0000eu')!.value;
    await waitUntil(() => value() === 'New value', 'Tab did not save the value');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => editor(grid) === null, 'Escape did not close the next cell\'s editor');
    expect(squash(grid.querySelector('.edit-message')?.textContent)).to.equal('');
    expect(grid.querySelector('.edit-feedback button') === null, 'a button to cite').to.equal(true);
  });
});

/** The reader inside the panel's dialog, once it is open. */
async function openedReader(panel: ShadowRoot): Promise<{ reader: PolicySourceReader; text: ShadowRoot }> {
  await waitUntil(() => panel.querySelector('dialog.reader-dialog')?.hasAttribute('open'), 'the reader did not open');
  const reader = panel.querySelector<PolicySourceReader>('policy-source-reader')!;
  await reader.updateComplete;
  return { reader, text: shadow(reader) };
}

const panelCitations = (panel: ShadowRoot) => [...panel.querySelectorAll('.citation')].map((c) => squash(c.textContent));

describe('cite by selection in the source reader', () => {
  it('selects a passage with Shift+arrow keys and attaches it with the keyboard: the citation is found', async () => {
    const { grid, panel, before, el } = await showMatrix();
    // Southland's common visa: not in source, no citations (row 1, second column).
    await tabIntoGrid(before);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Common visa — Southland', 'the cell is not selected');
    expect(grid.activeElement?.getAttribute('col-id')).to.equal('south');

    // Alt+Enter opens the evidence: focus moves to the panel's title.
    await chord(['Alt'], 'Enter');
    await waitUntil(() => panel.activeElement?.classList.contains('title'), 'Alt+Enter did not move focus to the evidence');
    // Tab to "Cite from source…" and press Enter.
    let guard = 0;
    while (!panel.activeElement?.classList.contains('cite-from-source') && guard++ < 6) await sendKeys({ press: 'Tab' });
    expect(squash(panel.activeElement?.textContent)).to.equal('Cite from source…');
    await sendKeys({ press: 'Enter' });
    const { reader, text } = await openedReader(panel);
    await waitUntil(() => text.activeElement?.classList.contains('text'), 'the source text has no focus');

    // Keyboard selection: the caret is at the start of the text; Shift+ArrowRight × 9 selects "Chapter 1".
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    await waitUntil(() => squash(text.querySelector('.selected')?.textContent) === 'Selected: Chapter 1', 'the selection is not captured');
    expect(squash(text.querySelector('.check')?.textContent)).to.equal('Found');

    // Tab to the attach button and press Enter.
    guard = 0;
    while (!text.activeElement?.classList.contains('attach-button') && guard++ < 4) await sendKeys({ press: 'Tab' });
    expect(squash(text.activeElement?.textContent)).to.equal('Attach to Common visa — Southland');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(text.querySelector('.message')?.textContent).startsWith('Attached as citation 1'), 'nothing attached');
    await waitUntil(() => panelCitations(panel).length === 1, 'the panel does not list the new citation');
    expect(panelCitations(panel)[0]).to.contain('Found');
    expect(squash(panel.querySelector('.citation mark')?.textContent)).to.equal('Chapter 1');
    // The cited passage is highlighted in the reader too.
    await waitUntil(() => squash(text.querySelector('.text mark.cited')?.textContent) === 'Chapter 1');
    // The selected place is kept as the citation's position (start, end in citations.csv).
    const at = el.store.snapshot.sourceTexts.get('small')!.indexOf('Chapter 1');
    expect(el.store.snapshot.matrix!.citations.at(-1)).to.include({
      dimension: 'common-visa', jurisdiction: 'south', quote: 'Chapter 1', prefix: '', suffix: '', source: 'small', start: at, end: at + 9,
    });

    // Undo from the keyboard in the reader removes it again.
    text.querySelector<HTMLElement>('.text')!.focus();
    await chord(['Control'], 'z');
    await waitUntil(() => panelCitations(panel).length === 0, 'Ctrl+Z did not remove the citation');
    void reader;
  });

  it('adds a prefix or suffix when the selected words occur more than once (selection made with the Selection API)', async () => {
    const { grid, panel, el } = await showMatrix();
    await clickCell(grid, 1, 'south');
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Common visa — Southland');
    panel.querySelector<HTMLButtonElement>('.cite-from-source')!.click();
    const { reader, text } = await openedReader(panel);
    const source = el.store.snapshot.sourceTexts.get('small')!;
    const start = source.indexOf('The southern state');
    expect(source.indexOf('The southern state', start + 1)).to.be.greaterThan(start);
    // A real selection of the DOM text, through the Selection API.
    const span = [...text.querySelectorAll<HTMLElement>('.text > [data-start]')].find((s) => Number(s.dataset.start) <= start && Number(s.dataset.start) + (s.textContent?.length ?? 0) > start)!;
    const offset = start - Number(span.dataset.start);
    const node = [...span.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
    document.getSelection()!.setBaseAndExtent(node, offset, node, offset + 'The southern state'.length);
    await waitUntil(() => squash(text.querySelector('.selected')?.textContent) === 'Selected: The southern state', 'the selection is not captured');
    expect(squash(text.querySelector('.context')?.textContent)).to.match(/Told apart from other places by the words (before|after) it/);
    const button = text.querySelector<HTMLButtonElement>('.attach-button')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panelCitations(panel).length === 1, 'the panel does not list the new citation');
    expect(panelCitations(panel)[0]).to.contain('Found');
    const citation = el.store.snapshot.matrix!.citations.at(-1)!;
    expect(citation.quote).to.equal('The southern state');
    expect(citation.prefix + citation.suffix).to.not.equal('');
    // The same check as the command line: the citation anchors at the selected place.
    expect(el.store.snapshot.check!.citations.get(`common-visa\u0000south`)![0].anchor).to.deep.include({ status: 'found', range: { start, end: start + 'The southern state'.length } });
    void reader;
  });
});

const banner = (grid: ShadowRoot, kind: string) => squash(grid.querySelector(`.banner.${kind}`)?.textContent);
const cellText = (grid: ShadowRoot, row: number, col: string) => squash(gridCell(grid, row, col)?.textContent);

describe('autosave', () => {
  it('restores the draft when the matrix is opened again, says so, and "Discard draft" restores the original', async () => {
    const drafts = dbName();
    const first = await showMatrix(SMALL_MATRIX, drafts);
    expect(cellText(first.grid, 0, 'north')).to.contain('Full · 3 of 3');
    first.el.store.edit({ type: 'set-cell', dimension: 'border-checks', jurisdiction: 'north', set: { level: 'partial' } });
    await waitUntil(() => cellText(first.grid, 0, 'north').includes('Partial · 2 of 3'));
    await first.el.drafting!.settled();
    await waitUntil(() => squash(shadow(first.grid.querySelector('policy-edit-bar')).querySelector('.saved')?.textContent).startsWith('Saved in this browser at'), 'no saved note');
    first.page.remove();

    const second = await showMatrix(SMALL_MATRIX, drafts);
    await waitUntil(() => banner(second.grid, 'draft'), 'no draft banner');
    expect(banner(second.grid, 'draft')).to.match(/^Restored your unsaved draft from .+\. Discard draft$/);
    await waitUntil(() => cellText(second.grid, 0, 'north').includes('Partial · 2 of 3'), 'the draft is not shown');
    // The history came back with the draft.
    expect(second.el.store.snapshot.edits.history.map((h) => h.label)).to.deep.equal(['Edit Internal border checks — Northland']);

    // Discard it with the keyboard.
    second.grid.querySelector<HTMLButtonElement>('.discard-draft')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cellText(second.grid, 0, 'north').includes('Full · 3 of 3'), 'discarding did not restore the original');
    await waitUntil(() => !banner(second.grid, 'draft'), 'the banner stays');
    await second.el.drafting!.settled();
    second.page.remove();

    const third = await showMatrix(SMALL_MATRIX, drafts);
    await shownCell(third.grid, 0, 'north');
    await third.el.drafting!.settled();
    expect(banner(third.grid, 'draft')).to.equal('');
    expect(cellText(third.grid, 0, 'north')).to.contain('Full · 3 of 3');
    await IndexedDbDraftStorage.drop(drafts);
  });

  it('two editors of one matrix: the stale one shows a conflict and does not overwrite; it can take over', async () => {
    const drafts = dbName();
    const a = await showMatrix(SMALL_MATRIX, drafts);
    const b = await showMatrix(SMALL_MATRIX, drafts);
    await a.el.drafting!.settled();
    await b.el.drafting!.settled();

    a.el.store.edit({ type: 'set-cell', dimension: 'common-visa', jurisdiction: 'north', set: { value: 'no' } });
    await a.el.drafting!.settled();
    await waitUntil(() => banner(b.grid, 'conflict'), 'the stale editor shows no conflict');
    expect(banner(b.grid, 'conflict')).to.contain('This matrix was changed in another tab or window');
    expect(banner(a.grid, 'conflict')).to.equal('');

    // B edits: kept in memory, not written over A's draft.
    b.el.store.edit({ type: 'set-cell', dimension: 'common-visa', jurisdiction: 'north', set: { note: 'from B' } });
    await b.el.drafting!.settled();
    const storage = new IndexedDbDraftStorage(drafts);
    const key = b.el.drafting!.draftKey!;
    expect((await storage.get(key))!.files!['cells.csv']).to.not.contain('from B');
    expect(b.el.store.snapshot.index!.cells.get('common-visa\u0000north')!.note).to.equal('from B');

    // B takes over: its version is written, and now A is the stale one.
    b.grid.querySelector<HTMLButtonElement>('.take-over')!.click();
    await b.el.drafting!.settled();
    expect((await storage.get(key))!.files!['cells.csv']).to.contain('from B');
    await waitUntil(() => banner(a.grid, 'conflict'), 'the other editor shows no conflict after a take-over');
    expect(banner(b.grid, 'conflict')).to.equal('');

    // A loads the other version.
    a.grid.querySelector<HTMLButtonElement>('.load-theirs')!.click();
    await a.el.drafting!.settled();
    await waitUntil(() => a.el.store.snapshot.index!.cells.get('common-visa\u0000north')!.note === 'from B', 'A did not load the other version');
    await IndexedDbDraftStorage.drop(drafts);
  });

  it('warns when the draft cannot be stored, and keeps the edit in memory', async () => {
    const storage = new MemoryDraftStorage();
    const page = await fixture<HTMLElement>(html`<div><policy-matrix src=${SMALL_MATRIX} .draftStorage=${storage} style="height: 500px"></policy-matrix></div>`);
    const el = page.querySelector<PolicyMatrix>('policy-matrix')!;
    const grid = shadow(el);
    await gridReady(grid);
    storage.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    el.store.edit({ type: 'set-cell', dimension: 'common-visa', jurisdiction: 'north', set: { value: 'no' } });
    await el.drafting!.settled();
    await waitUntil(() => banner(grid, 'failure'), 'no warning');
    expect(banner(grid, 'failure')).to.contain('Your edits could not be saved in this browser (QuotaExceededError: The quota has been exceeded.)');
    expect(el.store.snapshot.index!.cells.get('common-visa\u0000north')!.value).to.equal('no');
  });
});

describe('history, rows and columns', () => {
  it('lists an edit with old → new in the cell\'s history and the history dialog, and exports it as CSV', async () => {
    const { grid, panel, el, before } = await showMatrix();
    await tabIntoGrid(before);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => editor(grid));
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cellText(grid, 0, 'north').includes('Partial'));
    // Per cell, in the panel.
    await waitUntil(() => panel.querySelector('.cell-history'), 'no history in the panel');
    expect(squash(panel.querySelector('.cell-history summary')?.textContent)).to.equal('History of this cell (1 change)');
    expect(squash(panel.querySelector('.cell-history .change')?.textContent)).to.equal('level: “full” → “partial”');

    // The whole matrix, in the history dialog of the edit bar.
    const bar = shadow(grid.querySelector('policy-edit-bar'));
    bar.querySelector<HTMLButtonElement>('.open-history')!.click();
    await waitUntil(() => bar.querySelector('policy-edit-history'), 'no history dialog');
    const history = bar.querySelector<PolicyEditHistory>('policy-edit-history')!;
    await history.updateComplete;
    const h = shadow(history);
    expect(squash(h.querySelector('.entry')?.textContent)).to.contain('Edit Internal border checks — Northland');
    expect(squash(h.querySelector('.entry .change')?.textContent)).to.equal('cell (border-checks, north), level: “full” → “partial”');
    let downloaded: { blob: Blob; name: string } | undefined;
    history.download = (blob, name) => (downloaded = { blob, name });
    h.querySelector<HTMLButtonElement>('.export-history')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => downloaded, 'nothing exported');
    expect(downloaded!.name).to.equal('small-history.csv');
    const csv = await downloaded!.blob.text();
    expect(csv.split('\n')[0]).to.equal('entry,time,action,what,target,dimension,jurisdiction,period,citation,scale,level,source,field,old,new');
    expect(csv).to.match(/\n1,\d{4}-\d\d-\d\dT[\d:.]+Z,edit,Edit Internal border checks — Northland,cell,border-checks,north,1,,,,,level,full,partial\n/);
    void el;
  });

  it('removing a dimension asks first; Cancel keeps it, Remove removes it, Ctrl+Z brings it back', async () => {
    const { grid, el } = await showMatrix();
    const bar = shadow(grid.querySelector('policy-edit-bar'));
    bar.querySelector<HTMLButtonElement>('.open-structure')!.click();
    await waitUntil(() => bar.querySelector('policy-structure-editor'), 'no rows-and-columns dialog');
    const structure = shadow(bar.querySelector('policy-structure-editor'));
    await waitUntil(() => structure.querySelectorAll('.dimensions .item').length === 3);
    const remove = structure.querySelector<HTMLButtonElement>('.dimensions .item[data-id="border-checks"] .remove')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove dimension Internal border checks');
    remove.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = () => structure.querySelector<HTMLDialogElement>('dialog.confirm')!;
    await waitUntil(() => dialog().open, 'no confirmation asked');
    expect(dialog().getAttribute('role')).to.equal('alertdialog');
    expect(squash(dialog().textContent)).to.contain('Remove dimension “Internal border checks”?');
    expect(squash(dialog().textContent)).to.contain('Its 2 cells go with it (2 with values or notes), and 3 citations.');
    // Focus is on Cancel: Enter keeps the dimension.
    expect(structure.activeElement?.classList.contains('cancel')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog().open);
    expect(el.store.snapshot.matrix!.dimensions.map((d) => d.id)).to.include('border-checks');

    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog().open);
    structure.querySelector<HTMLButtonElement>('.confirm-remove')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !el.store.snapshot.matrix!.dimensions.some((d) => d.id === 'border-checks'), 'not removed');
    await waitUntil(() => structure.querySelectorAll('.dimensions .item').length === 2);
    await waitUntil(() => !cellText(grid, 0, 'north').includes('Full'), 'the grid still shows the row');

    // Undo from the keyboard, in the dialog.
    structure.querySelector<HTMLInputElement>('.label-input')!.blur();
    bar.querySelector<HTMLButtonElement>('.close')!.focus();
    await chord(['Control'], 'z');
    await waitUntil(() => el.store.snapshot.matrix!.dimensions.some((d) => d.id === 'border-checks'), 'Ctrl+Z did not bring it back');
    await waitUntil(() => cellText(grid, 0, 'north').includes('Full · 3 of 3'), 'the grid does not show the row again');
  });

  it('adds a jurisdiction (cells not in source) and renames a dimension', async () => {
    const { grid, el } = await showMatrix();
    const bar = shadow(grid.querySelector('policy-edit-bar'));
    bar.querySelector<HTMLButtonElement>('.open-structure')!.click();
    await waitUntil(() => bar.querySelector('policy-structure-editor'));
    const structure = shadow(bar.querySelector('policy-structure-editor'));
    await waitUntil(() => structure.querySelector('form[aria-label="Add a jurisdiction"]'));
    const form = structure.querySelector<HTMLFormElement>('form[aria-label="Add a jurisdiction"]')!;
    form.querySelector<HTMLInputElement>('input[name="id"]')!.focus();
    await sendKeys({ type: 'east' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Eastland' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.store.snapshot.index!.jurisdictions.has('east'), 'not added');
    await waitUntil(() => cellText(grid, 0, 'east') === 'Not in source', 'the new column does not show not-in-source cells');

    const label = structure.querySelector<HTMLInputElement>('.dimensions .item[data-id="common-visa"] .label-input')!;
    label.focus();
    label.select();
    await sendKeys({ type: 'Single visa' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.store.snapshot.index!.dimensions.get('common-visa')!.label === 'Single visa', 'not renamed');
    await waitUntil(() => cellText(grid, 1, '__dimension').includes('Single visa'), 'the grid shows the old label');
  });
});

describe('undo is kept by the store', () => {
  it('survives the grid being rebuilt (moved in the page)', async () => {
    const { grid, el, page } = await showMatrix();
    el.store.edit({ type: 'set-cell', dimension: 'common-visa', jurisdiction: 'north', set: { value: 'no' } });
    await waitUntil(() => cellText(grid, 1, 'north').startsWith('No'));
    el.remove();
    page.append(el);
    await waitUntil(() => cellText(grid, 1, 'north').startsWith('No'), 'the rebuilt grid lost the edit');
    expect(el.store.canUndo).to.equal(true);
    el.store.undo();
    await waitUntil(() => cellText(grid, 1, 'north').startsWith('Yes'), 'undo after the rebuild did not show the old value');
  });
});
