/**
 * Drafts belong to the matrix they were made on (its name and content), not to the way it was
 * opened; and leaving the page asks first while edits are held only in the tab. In the app,
 * in Chromium, with the files picked as a user picks them and the browser's own dialog.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.component.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { IndexedDbDraftStorage, MemoryDraftStorage } from '../../src/state/draft-storage.ts';
import { SMALL_MATRIX, gridReady, shadow, squash } from './helpers.ts';

const NORTH = 'border-checks\u0000north';

/** The small fixture's 7 files and its source text, as picked files; `edit` changes a file's text. */
async function eightFiles(edit: (name: string, text: string) => string = (_, t) => t): Promise<File[]> {
  // The files the fixture has (an optional table it has not, computed.csv, is not picked).
  const responses = await Promise.all(MATRIX_FILES.map(async (name) => [name, await fetch(`${SMALL_MATRIX}${name}`)] as const));
  const files = await Promise.all(responses.filter(([, r]) => r.ok).map(async ([name, r]) => new File([edit(name, await r.text())], name)));
  return [...files, new File([await (await fetch('/tests/fixtures/matrices/sources/small-source.txt')).text()], 'small-source.txt')];
}

function pick(app: PolicyMatrixApp, files: File[]): void {
  const menu = shadow(shadow(app).querySelector('policy-file-menu'));
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  const input = menu.querySelector<HTMLInputElement>('input.open-files')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('drafts are keyed by the matrix, not by how it was opened', () => {
  it('open A as 8 files and edit; open B as 8 files: B is shown as it is, without A\'s draft; A opened again gets its draft back', async () => {
    const drafts = `identity-${Math.random().toString(36).slice(2)}`;
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src="" drafts=${drafts} style="height: 800px"></policy-matrix-app>`);
    const matrix = shadow(app).querySelector<PolicyMatrix>('policy-matrix')!;
    const grid = shadow(matrix);
    const banner = () => squash(grid.querySelector('.banner.draft')?.textContent);
    const note = () => app.store.snapshot.index?.cells.get(NORTH)?.note;

    pick(app, await eightFiles());
    await waitUntil(() => app.store.snapshot.status === 'ready' && app.store.snapshot.origin === '8 files', 'A did not open');
    await gridReady(grid);
    await matrix.drafting!.settled();
    app.store.edit({ type: 'set-cell', dimension: 'border-checks', jurisdiction: 'north', set: { note: 'edited in A' } });
    await matrix.drafting!.settled();
    await waitUntil(() => /Saved in this browser/.test(squash(shadow(grid.querySelector('policy-edit-bar')).textContent)), 'A\'s edit not saved');

    // B: another matrix (one jurisdiction is named differently), opened the same way.
    pick(app, await eightFiles((name, text) => (name === 'jurisdictions.csv' ? text.replace('Northland', 'Nordland') : text)));
    await waitUntil(() => app.store.snapshot.matrix?.jurisdictions[0].label === 'Nordland', 'B did not open');
    await matrix.drafting!.settled();
    await waitUntil(() => squash(grid.querySelector('.ag-header-cell[col-id="north"]')?.textContent).includes('Nordland'), 'B\'s columns are not shown');
    expect(banner()).to.equal('');
    expect(note()).to.equal('');
    expect(app.store.snapshot.edits.version).to.equal(0);

    // A again, the same way: its draft comes back, and says so.
    pick(app, await eightFiles());
    await waitUntil(() => app.store.snapshot.matrix?.jurisdictions[0].label === 'Northland', 'A did not open again');
    await matrix.drafting!.settled();
    await waitUntil(() => banner(), 'A\'s draft was not restored');
    expect(banner()).to.contain('Restored your unsaved draft');
    expect(note()).to.equal('edited in A');
    await IndexedDbDraftStorage.drop(drafts);
  });
});

describe('leaving the page while edits are held only in the tab', () => {
  it('asks (the browser\'s own dialog) after a failed write; no longer once the edits are stored', async () => {
    const storage = new MemoryDraftStorage();
    const page = await fixture<HTMLElement>(html`<div><policy-matrix src=${SMALL_MATRIX} .draftStorage=${storage} style="height: 500px"></policy-matrix></div>`);
    const el = page.querySelector<PolicyMatrix>('policy-matrix')!;
    const grid = shadow(el);
    await gridReady(grid);
    await el.drafting!.settled();
    const wouldAsk = () => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    expect(wouldAsk()).to.equal(false);

    storage.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    el.store.edit({ type: 'set-cell', dimension: 'border-checks', jurisdiction: 'north', set: { note: 'only here' } });
    await el.drafting!.settled();
    await waitUntil(() => grid.querySelector('.banner.failure'), 'no warning');
    expect(wouldAsk()).to.equal(true);

    // The browser asks for real: a reload is held up by its dialog (answered "stay" here).
    // (Chromium asks only on a page the user has interacted with: a real click first.)
    const box = grid.querySelector('.banner.failure')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + 5), Math.round(box.y + 5)] });
    await executeServerCommand('unload-dialogs-watch');
    location.reload();
    await waitUntil(async () => (await executeServerCommand<string[], undefined>('unload-dialogs')).length > 0, 'the browser did not ask', { timeout: 5000 });
    expect(await executeServerCommand<string[], undefined>('unload-dialogs')).to.deep.equal(['beforeunload']);
    expect(el.store.snapshot.index!.cells.get(NORTH)!.note).to.equal('only here');

    // Storage works again: once the next edit is stored, leaving asks nothing.
    storage.failWith = undefined;
    el.store.edit({ type: 'set-cell', dimension: 'border-checks', jurisdiction: 'north', set: { note: 'stored' } });
    await el.drafting!.settled();
    await waitUntil(() => !grid.querySelector('.banner.failure'), 'the warning stays');
    expect(wouldAsk()).to.equal(false);
  });
});
