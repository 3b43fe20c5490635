/**
 * Team mode in the browser, against a real team server (`policy-matrix serve` on 127.0.0.1,
 * started by the test runner: tests/browser/support/team-server-plugin.mjs). Each
 * `<policy-matrix live>` below is a client of its own (its own shared document and
 * connection), as two analysts' browsers are.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { expectAccessible } from './axe.ts';
import { gridCell, gridReady, shadow, squash } from './helpers.ts';

/** Wait for what travels through the server (generous: the machine may be busy). */
const until = (ok: () => unknown, message: string) => waitUntil(ok, message, { timeout: 20000, interval: 50 });

interface Team { url: string; matrix: string; tokens: Record<string, string> }
interface Disk { files: Record<string, string>; valid: boolean; canonical: boolean; changed: string[] }

const startServer = () => executeServerCommand<Team, { tokens: { name: string; role: string }[] }>('team-server-start', {
  tokens: [{ name: 'Alice', role: 'editor' }, { name: 'Bob', role: 'editor' }, { name: 'Rita', role: 'reader' }],
});
/** One server for the file (each test edits cells of its own dimension). */
let server: Promise<Team> | undefined;
const start = () => (server ??= startServer());
const disk = () => executeServerCommand<Disk, undefined>('team-server-disk');

/** The matrix's files as a client's store has it. */
const filesOf = (el: PolicyMatrix) => {
  const saved = saveMatrix(el.store.snapshot.matrix!);
  return Object.fromEntries(MATRIX_FILES.map((f) => [f, saved[f]]));
};
const same = (a: PolicyMatrix, b: PolicyMatrix) => JSON.stringify(filesOf(a)) === JSON.stringify(filesOf(b));
/** The note of a pair's latest period: where an edit that names no period lands (the grid shows the latest). */
const noteOf = (el: PolicyMatrix, d: string, j: string) =>
  el.store.snapshot.matrix?.cells.filter((c) => c.dimension === d && c.jurisdiction === j).reduce((a, b) => (b.period > a.period ? b : a)).note;

async function joined(el: PolicyMatrix): Promise<void> {
  await until(() => el.liveSession && el.store.snapshot.matrix, `${el.id} did not join`);
  await gridReady(shadow(el));
}

async function team() {
  const t = await start();
  const src = `${t.url}/matrices/${t.matrix}/`;
  const page = await fixture<HTMLElement>(html`
    <div>
      <button>Before</button>
      <policy-matrix id="alice" live src=${src} token=${t.tokens.Alice} .liveEditing=${true} style="height: 420px"></policy-matrix>
      <policy-matrix id="bob" live src=${src} token=${t.tokens.Bob} .liveEditing=${true} style="height: 420px"></policy-matrix>
      <policy-matrix id="rita" live src=${src} token=${t.tokens.Rita} .liveEditing=${true} style="height: 420px"></policy-matrix>
    </div>
  `);
  const [alice, bob, rita] = ['alice', 'bob', 'rita'].map((id) => page.querySelector<PolicyMatrix>(`#${id}`)!);
  for (const el of [alice, bob, rita]) await joined(el);
  return { t, page, alice, bob, rita, before: page.querySelector('button')! };
}

describe('team mode: analysts on one matrix through a team server', function (this: { timeout(ms: number): void }) {
  // Three clients, a server and its writes to disk, on a machine shared with other work.
  this.timeout(90000);
  after(() => executeServerCommand('team-server-stop'));

  it('edits appear in the others’ grids; presence names who is on which cell; undo undoes only one’s own; the history says who', async () => {
    const { alice, bob } = await team();
    const matrix = alice.store.snapshot.matrix!;
    const d = matrix.dimensions[0].id;
    const [j1, j2] = matrix.jurisdictions.map((j) => j.id);
    expect(squash(shadow(alice).querySelector('.live')?.textContent)).to.contain('You: Alice (editor)');
    await until(() => squash(shadow(alice).querySelector('.live .state')?.textContent).startsWith('Live'), 'Alice’s status is not live');

    alice.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j1, set: { note: 'Alice’s note' } });
    await until(() => noteOf(bob, d, j1) === 'Alice’s note', 'Alice’s edit did not reach Bob');
    bob.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j2, set: { note: 'Bob’s note' } });
    await until(() => noteOf(alice, d, j2) === 'Bob’s note', 'Bob’s edit did not reach Alice');

    // Presence: Alice selects a cell; Bob sees her name on it, in the grid and in the list.
    alice.store.select(`${d}\u0000${j1}`);
    await until(() => squash(gridCell(shadow(bob), 0, j1)?.querySelector('.presence')?.textContent) === 'Alice', 'Bob does not see Alice on the cell');
    expect(gridCell(shadow(bob), 0, j1)!.getAttribute('aria-label')).to.match(/^Alice: /);
    expect(squash(shadow(bob).querySelector('.live .peers')?.textContent)).to.contain(`Alice on ${matrix.dimensions[0].label}`);

    // Ctrl+Z in Alice's grid undoes her edit, not Bob's later one.
    shadow(alice).querySelector<HTMLElement>('[role="gridcell"]')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await until(() => noteOf(bob, d, j1) !== 'Alice’s note', 'Alice’s undo did not reach Bob');
    expect(noteOf(alice, d, j2)).to.equal('Bob’s note');
    expect(noteOf(bob, d, j2)).to.equal('Bob’s note');

    // The history names who made each change.
    const history = bob.store.snapshot.edits.history;
    expect(history.some((e) => e.by === 'Alice' && e.changes.some((c) => c.new === 'Alice’s note'))).to.equal(true);
    expect(history.some((e) => e.by === 'Bob' && e.changes.some((c) => c.new === 'Bob’s note'))).to.equal(true);

    await until(() => same(alice, bob), 'the two grids do not agree');
    await until(async () => {
      const now = await disk();
      return now.files['cells.csv'] === filesOf(alice)['cells.csv'];
    }, 'the folder on disk does not hold the matrix');
    const now = await disk();
    expect(now.valid, 'the folder validates').to.equal(true);
    expect(now.changed, 'files policy-matrix format would rewrite').to.deep.equal([]);
    await expectAccessible(window, 'live matrix');
  });

  it('an analyst offline keeps editing and merges on return; the same cell edited at once keeps one value and records the other', async () => {
    const { alice, bob } = await team();
    const matrix = alice.store.snapshot.matrix!;
    const d = matrix.dimensions[1].id;
    const [j1, j2] = matrix.jurisdictions.map((j) => j.id);
    bob.liveSession!.disconnect();
    await until(() => squash(shadow(bob).querySelector('.live .state')?.textContent).startsWith('Offline'), 'Bob’s status does not say offline');
    bob.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j1, set: { note: 'Bob offline' } });
    bob.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j2, set: { note: 'Bob offline too' } });
    await until(() => /1 edit|2 edits/.test(squash(shadow(bob).querySelector('.live .state')?.textContent)), 'Bob’s waiting edits are not told');
    alice.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j1, set: { note: 'Alice online' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(noteOf(alice, d, j2)).not.to.equal('Bob offline too');
    // Offline, Bob may reconnect at once (the client's own retries wait up to 30 s): from the keyboard.
    const reconnect = shadow(bob).querySelector<HTMLButtonElement>('.live button.reconnect');
    expect(reconnect, 'a Reconnect now button while offline').not.to.equal(null);
    expect(squash(reconnect!.textContent)).to.equal('Reconnect now');
    expect(shadow(alice).querySelector('.live button.reconnect'), 'none while live').to.equal(null);
    await expectAccessible(window, 'live matrix, offline');
    reconnect!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => noteOf(alice, d, j2) === 'Bob offline too', 'Bob’s offline edit did not merge');
    await until(() => shadow(bob).querySelector('.live button.reconnect') === null, 'the Reconnect now button stays once live');
    await until(() => same(alice, bob), 'the two grids do not agree after the merge');
    const kept = noteOf(alice, d, j1)!;
    expect(['Alice online', 'Bob offline']).to.include(kept);
    const lost = kept === 'Alice online' ? 'Bob offline' : 'Alice online';
    for (const el of [alice, bob]) {
      await until(() => el.store.snapshot.edits.history.some((e) => e.action === 'merge'), `${el.id} has no merge in its history`);
      const merge = el.store.snapshot.edits.history.find((e) => e.action === 'merge')!;
      expect(merge.label).to.contain(`kept "${kept}", the other value was "${lost}"`);
    }
    await until(async () => (await disk()).files['cells.csv'] === filesOf(alice)['cells.csv'], 'the folder does not hold the merged matrix');
    const now = await disk();
    expect(now.valid, 'the folder validates').to.equal(true);
    expect(now.changed, 'files policy-matrix format would rewrite').to.deep.equal([]);
  });

  it('back online, the browser reconnects at once and the edits kept meanwhile go out', async () => {
    const { alice, bob } = await team();
    const matrix = alice.store.snapshot.matrix!;
    const d = matrix.dimensions[5].id;
    const j = matrix.jurisdictions[0].id;
    bob.liveSession!.disconnect();
    await until(() => squash(shadow(bob).querySelector('.live .state')?.textContent).startsWith('Offline'), 'Bob’s status does not say offline');
    bob.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j, set: { note: 'kept while offline' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(noteOf(alice, d, j)).not.to.equal('kept while offline');
    // What the browser tells a page when its network returns.
    window.dispatchEvent(new Event('online'));
    await until(() => noteOf(alice, d, j) === 'kept while offline', 'the edit kept offline did not go out when the browser was back online');
    await until(() => squash(shadow(bob).querySelector('.live .state')?.textContent).startsWith('Live'), 'Bob’s status does not say live again');
  });

  it('a reader’s grid is read-only, and the server refuses a reader’s edits', async () => {
    const { alice, rita, before } = await team();
    const matrix = alice.store.snapshot.matrix!;
    const d = matrix.dimensions[2].id;
    const j = matrix.jurisdictions[0].id;
    const grid = shadow(rita);
    expect(squash(grid.querySelector('.live')?.textContent)).to.contain('Rita (reader, read-only)');
    expect(grid.querySelector('policy-edit-bar'), 'no edit bar for a reader').to.equal(null);
    // Keyboard: Enter on a reader's cell does not open an editor.
    before.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    grid.querySelector<HTMLElement>('[role="gridcell"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(grid.querySelector('.pm-editor')).to.equal(null);
    // Past the UI: the reader's client sends an edit; the server refuses it.
    const original = noteOf(alice, d, j);
    rita.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j, set: { note: 'a reader’s edit' } });
    alice.store.edit({ type: 'set-cell', dimension: d, jurisdiction: matrix.jurisdictions[1].id, set: { note: 'after the reader' } });
    await until(() => noteOf(rita, d, matrix.jurisdictions[1].id) === 'after the reader', 'Alice’s edit did not reach the reader');
    await new Promise((r) => setTimeout(r, 500));
    expect(noteOf(alice, d, j)).to.equal(original);
    await until(async () => (await disk()).files['cells.csv'].includes('after the reader'), 'the folder was not written');
    expect((await disk()).files['cells.csv']).not.to.contain('a reader’s edit');
    await expectAccessible(window, 'live matrix, reader');
  });

  it('a live embed is read-only and follows the edits; a wrong token is said in words', async () => {
    const t = await start();
    const src = `${t.url}/matrices/${t.matrix}/`;
    const page = await fixture<HTMLElement>(html`<div>
      <policy-matrix id="embed" live src=${src} token=${t.tokens.Alice} style="height: 400px"></policy-matrix>
      <policy-matrix id="editor" live src=${src} token=${t.tokens.Bob} .liveEditing=${true} style="height: 400px"></policy-matrix>
      <policy-matrix id="wrong" live src=${src} token="not-a-token" style="height: 200px"></policy-matrix>
    </div>`);
    const [embed, editor, wrong] = ['embed', 'editor', 'wrong'].map((id) => page.querySelector<PolicyMatrix>(`#${id}`)!);
    await joined(embed);
    await joined(editor);
    // An editor's token, but an embed: nothing to edit with.
    expect(embed.viewOnly).to.equal(true);
    expect(shadow(embed).querySelector('policy-edit-bar')).to.equal(null);
    const matrix = editor.store.snapshot.matrix!;
    editor.store.edit({ type: 'set-cell', dimension: matrix.dimensions[3].id, jurisdiction: matrix.jurisdictions[0].id, set: { note: 'seen live' } });
    await until(() => noteOf(embed, matrix.dimensions[3].id, matrix.jurisdictions[0].id) === 'seen live', 'the embed did not follow the edit');
    await until(() => squash(shadow(wrong).textContent).includes('cannot join the live matrix'), 'the wrong token is not told');
    expect(squash(shadow(wrong).textContent)).to.contain('refused the token');
  });

  it('the app joins a matrix from its server with a token: the connection is shown, edits come and go, keyboard and axe clean', async () => {
    const t = await start();
    const src = `${t.url}/matrices/${t.matrix}/`;
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app live src=${src} .token=${t.tokens.Alice} style="height: 900px; width: 1600px"></policy-matrix-app>`);
    const el = shadow(app).querySelector<PolicyMatrix>('policy-matrix')!;
    await joined(el);
    const other = await fixture<PolicyMatrix>(html`<policy-matrix live src=${src} token=${t.tokens.Bob} .liveEditing=${true} style="height: 300px"></policy-matrix>`);
    await joined(other);
    const grid = shadow(el);
    await until(() => squash(grid.querySelector('.live .state')?.textContent).startsWith('Live'), 'the app does not say it is live');
    expect(squash(grid.querySelector('.live')?.textContent)).to.contain('You: Alice (editor)');
    await until(() => squash(grid.querySelector('.live .peers')?.textContent).includes('Bob'), 'the app does not show Bob');
    expect(squash(shadow(app).querySelector('h1')?.textContent)).to.equal(el.store.snapshot.matrix!.title);
    // An editor gets the edit bar; an edit from Bob shows in the app's grid.
    expect(grid.querySelector('policy-edit-bar')).not.to.equal(null);
    const matrix = el.store.snapshot.matrix!;
    other.store.edit({ type: 'set-cell', dimension: matrix.dimensions[4].id, jurisdiction: matrix.jurisdictions[0].id, set: { note: 'Set by Bob' } });
    await until(() => el.store.snapshot.index?.cells.get(`${matrix.dimensions[4].id}\u0000${matrix.jurisdictions[0].id}`)?.note === 'Set by Bob', 'Bob’s edit is not in the app');
    // Keyboard: into the grid and onto a cell; Bob sees Alice there.
    grid.querySelector<HTMLElement>('[role="gridcell"][col-id]:not([col-id="__dimension"])')?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => el.store.snapshot.selection !== undefined, 'the keyboard did not select a cell');
    await until(() => (other.liveSession?.peers ?? []).some((p) => p.name === 'Alice' && p.cell === el.store.snapshot.selection), 'Bob does not see where Alice is');
    await expectAccessible(window, 'app on a live matrix');
  });
});
