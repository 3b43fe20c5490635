/**
 * Issue "team mode", as its "done when" says, in the browser: two analysts in two browsers and
 * a third offline for a minute edit one matrix through `policy-matrix serve` (a real server on
 * 127.0.0.1, started by the test runner: tests/browser/support/team-server-plugin.mjs), each
 * typing in the grid with real key presses; all three end with the same matrix, the folder on
 * disk is that matrix in canonical form, and the history says who did what.
 *
 * Each `<policy-matrix live>` is a client of its own (its own shared document and connection),
 * as an analyst's browser is. The third analyst's connection is closed as a lost network
 * closes it; she comes back with the bar's "Reconnect now".
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { byOrder, fetchCsv, gridReady, REAL_MATRIX, shadow, squash } from './helpers.ts';

/** Wait for what travels through the server (generous: the machine may be busy). */
const until = (ok: () => unknown, message: string, timeout = 20000) => waitUntil(ok, message, { timeout, interval: 50 });

interface Team { url: string; matrix: string; tokens: Record<string, string> }
interface Disk { files: Record<string, string>; valid: boolean; canonical: boolean; changed: string[] }

const disk = () => executeServerCommand<Disk, undefined>('team-server-disk');
const filesOf = (el: PolicyMatrix) => {
  const saved = saveMatrix(el.store.snapshot.matrix!);
  return JSON.stringify(MATRIX_FILES.map((f) => [f, saved[f]]));
};
/** The value of a pair's latest period: the one the grid shows and F2 edits. */
const valueOf = (el: PolicyMatrix, d: string, j: string) =>
  el.store.snapshot.matrix?.cells.filter((c) => c.dimension === d && c.jurisdiction === j).reduce((a, b) => (b.period > a.period ? b : a)).value;

/** Type `text` at the end of a cell's value, from the keyboard: to the cell, F2, End, type, Enter. */
async function typeInto(el: PolicyMatrix, row: number, column: number, text: string): Promise<void> {
  const grid = shadow(el);
  // The grid's first cell (the first dimension's name), then the arrow keys.
  grid.querySelector<HTMLElement>('[role="gridcell"][col-id="__dimension"]')!.focus();
  for (let i = 0; i < row; i++) await sendKeys({ press: 'ArrowDown' });
  for (let i = 0; i < column; i++) await sendKeys({ press: 'ArrowRight' });
  await sendKeys({ press: 'F2' });
  await until(() => grid.querySelector('.pm-editor'), `${el.id}: F2 did not start editing`);
  await sendKeys({ press: 'End' });
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await until(() => grid.querySelector('.pm-editor') === null, `${el.id}: Enter did not end the edit`);
}

describe('team mode, done when: two analysts in two browsers and a third offline for a minute', function (this: { timeout(ms: number): void }) {
  // A minute offline, three clients and a server writing to disk, on a machine shared with other work.
  this.timeout(240000);
  after(() => executeServerCommand('team-server-stop'));

  it('all three end with the same matrix; the folder on disk is that matrix in canonical form; the history says who did what', async () => {
    const t = await executeServerCommand<Team, { tokens: { name: string; role: string }[] }>('team-server-start', {
      tokens: ['Alice', 'Bob', 'Carol'].map((name) => ({ name, role: 'editor' })),
    });
    const src = `${t.url}/matrices/${t.matrix}/`;
    const page = await fixture<HTMLElement>(html`<div>
      ${['Alice', 'Bob', 'Carol'].map((name) => html`<policy-matrix id=${name.toLowerCase()} live src=${src} token=${t.tokens[name]} .liveEditing=${true} style="height: 360px"></policy-matrix>`)}
    </div>`);
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((id) => page.querySelector<PolicyMatrix>(`#${id}`)!);
    for (const el of [alice, bob, carol]) {
      await until(() => el.liveSession && el.store.snapshot.matrix, `${el.id} did not join`);
      await gridReady(shadow(el));
    }
    // Rows of the grid are the dimensions in order; columns after the dimension's, the jurisdictions.
    const rows = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder).map((d) => d.id);
    const columns = alice.store.snapshot.matrix!.jurisdictions.map((j) => j.id);
    const at = (d: string, j: string) => [rows.indexOf(d), columns.indexOf(j) + 1] as const;
    const systems = 'information-systems';
    const traveller = 'trusted-traveller';
    const recognition = 'asylum-recognition';
    const before = {
      systems: valueOf(alice, systems, 'eu')!,
      traveller: valueOf(alice, traveller, 'ca')!,
      recognition: valueOf(alice, recognition, 'us')!,
    };

    // Carol's connection is lost; she keeps working for a minute.
    carol.liveSession!.disconnect();
    await until(() => squash(shadow(carol).querySelector('.live .state')?.textContent).startsWith('Offline'), 'Carol’s status does not say offline');
    const offlineSince = Date.now();
    await typeInto(carol, ...at(systems, 'eu'), ' (Carol, offline)');
    await typeInto(carol, ...at(recognition, 'us'), ' (Carol)');
    await until(() => /2 edits/.test(squash(shadow(carol).querySelector('.live .state')?.textContent)), 'Carol’s two waiting edits are not told');

    // Meanwhile Alice edits the cell Carol edited, and Bob another; each sees the other's.
    await typeInto(alice, ...at(systems, 'eu'), ' (Alice)');
    await typeInto(bob, ...at(traveller, 'ca'), ' (Bob)');
    await until(() => valueOf(bob, systems, 'eu') === `${before.systems} (Alice)`, 'Alice’s edit did not reach Bob');
    await until(() => valueOf(alice, traveller, 'ca') === `${before.traveller} (Bob)`, 'Bob’s edit did not reach Alice');
    expect(valueOf(carol, traveller, 'ca'), 'Carol, offline, has not received Bob’s edit').to.equal(before.traveller);
    expect(valueOf(alice, recognition, 'us'), 'nor Alice Carol’s').to.equal(before.recognition);

    // A minute after the connection was lost, Carol reconnects (from the keyboard).
    await new Promise((r) => setTimeout(r, Math.max(0, 60000 - (Date.now() - offlineSince))));
    expect(squash(shadow(carol).querySelector('.live .state')?.textContent)).to.match(/^Offline: 2 edits kept here/);
    shadow(carol).querySelector<HTMLButtonElement>('.live button.reconnect')!.focus();
    await sendKeys({ press: 'Enter' });

    // All three end with the same matrix, with every edit but the one value of the conflict.
    await until(() => filesOf(alice) === filesOf(bob) && filesOf(bob) === filesOf(carol), 'the three matrices do not agree', 30000);
    for (const el of [alice, bob, carol]) {
      expect(valueOf(el, traveller, 'ca'), el.id).to.equal(`${before.traveller} (Bob)`);
      expect(valueOf(el, recognition, 'us'), el.id).to.equal(`${before.recognition} (Carol)`);
    }
    const kept = valueOf(alice, systems, 'eu')!;
    const both = [`${before.systems} (Alice)`, `${before.systems} (Carol, offline)`];
    expect(both).to.include(kept);
    const lost = both.find((v) => v !== kept)!;

    // The history: who made each edit, and the value of the conflict not kept, on every client.
    for (const el of [alice, bob, carol]) {
      await until(() => el.store.snapshot.edits.history.some((e) => e.action === 'merge' && e.label.includes(`kept "${kept}", the other value was "${lost}"`)), `${el.id}: the conflict is not in the history`);
      const history = el.store.snapshot.edits.history;
      const by = (who: string, value: string) => history.some((e) => e.by === who && e.changes.some((c) => c.new === value));
      expect(by('Alice', `${before.systems} (Alice)`), `${el.id}: Alice’s edit`).to.equal(true);
      expect(by('Bob', `${before.traveller} (Bob)`), `${el.id}: Bob’s edit`).to.equal(true);
      expect(by('Carol', `${before.recognition} (Carol)`), `${el.id}: Carol’s edit`).to.equal(true);
      expect(by('Carol', `${before.systems} (Carol, offline)`), `${el.id}: Carol’s edit of the cell both edited`).to.equal(true);
    }

    // The folder on disk is that matrix, valid and in canonical form.
    const saved = saveMatrix(alice.store.snapshot.matrix!);
    await until(async () => (await disk()).files['cells.csv'] === saved['cells.csv'], 'the folder on disk does not hold the matrix', 30000);
    const now = await disk();
    for (const f of MATRIX_FILES) if (saved[f] !== undefined) expect(now.files[f], f).to.equal(saved[f]);
    expect(now.valid, 'the folder validates').to.equal(true);
    expect(now.changed, 'files policy-matrix format would rewrite').to.deep.equal([]);
  });
});
