/**
 * The issue's "done when", end to end against a real team server on 127.0.0.1: two analysts
 * editing at once and a third offline meanwhile, all through `policy-matrix serve`'s server;
 * all three end with the same matrix, the folder on disk is that matrix in canonical form,
 * and the history says who did what.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import type { LiveMatrix } from '../../src/sync/client.ts';
import { folderMatrixFiles, teamServer, until, type TeamFixture, liveFiles as files } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

const onDisk = folderMatrixFiles;
const cell = (live: LiveMatrix, d: string, j: string, period = 1) =>
  live.store.snapshot.matrix!.cells.find((c) => c.dimension === d && c.jurisdiction === j && c.period === period);

describe('team mode, as a team uses it', () => {
  it('two analysts editing and a third offline meanwhile end with one matrix, the folder on disk in canonical form, and a history of who did what', async () => {
    team = await teamServer({ writeDelay: 100 });
    const alice = await team.join('alice');
    const bob = await team.join('bob');
    const carol = await team.join('carol');

    // Carol loses the connection and keeps working.
    carol.disconnect();
    await until(() => carol.status.state === 'offline', 'Carol offline');
    const ok = { ok: true };
    expect(carol.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'Carol, offline' } })).toEqual(ok);
    expect(carol.store.edit({ type: 'add-jurisdiction', jurisdiction: { id: 'west', label: 'West', group: 'Group B' } })).toEqual(ok);
    expect(carol.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'west', set: { value: 'no', status: 'draft', confidence: 'low' } })).toEqual(ok);

    // Meanwhile Alice and Bob edit, each their own cells and the one Carol edits too.
    for (let i = 0; i < 5; i++) {
      expect(alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: `Alice ${i}` } })).toEqual(ok);
      expect(bob.store.edit({ type: 'set-cell', dimension: 'year', jurisdiction: 'north', set: { note: `Bob ${i}` } })).toEqual(ok);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'Alice, online' } })).toEqual(ok);
    expect(bob.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'south', citation: { source: 'src', quote: 'Detention is rare', support: 'reports' } })).toEqual(ok);
    expect(bob.store.edit({ type: 'set-dimension', id: 'detention', set: { codingRules: 'Rare: under 5% of claimants', basis: 'de_facto' } })).toEqual(ok);
    expect(alice.store.edit({ type: 'add-period', dimension: 'stc', jurisdiction: 'south', set: { inForceFrom: '2010', value: 'no', status: 'draft' } })).toEqual(ok);
    await until(() => JSON.stringify(files(alice)) === JSON.stringify(files(bob)), 'Alice and Bob to agree');
    expect(cell(carol, 'stc', 'north')!.note).toBe('');
    expect(bob.store.undo()).toBe(true); // Bob's codebook edit, only his
    expect(cell(alice, 'stc', 'north')!.note).toBe('Alice 4');

    // Carol comes back: her edits merge, theirs reach her.
    carol.connect();
    await carol.acknowledged();
    await until(() => [bob, carol].every((c) => JSON.stringify(files(c)) === JSON.stringify(files(alice))), 'all three to agree');
    for (const c of [alice, bob, carol]) {
      expect(c.store.snapshot.matrix!.jurisdictions.map((j) => j.id), c.user.name).toContain('west');
      expect(cell(c, 'stc', 'west'), c.user.name).toMatchObject({ value: 'no', confidence: 'low' });
      expect(cell(c, 'year', 'north')!.note).toBe('Bob 4');
      expect(cell(c, 'stc', 'south', 2), c.user.name).toMatchObject({ value: 'no', inForceFrom: '2010' });
      expect(c.store.snapshot.matrix!.dimensions.find((d) => d.id === 'detention')!.codingRules, c.user.name).toBe('');
      expect(loadMatrix('shared', files(c)).problems.filter((p) => p.severity === 'error'), c.user.name).toEqual([]);
    }
    // The cell both edited: one value everywhere, the other kept in the history.
    const kept = cell(alice, 'detention', 'south')!.note;
    expect(['Carol, offline', 'Alice, online']).toContain(kept);
    const lost = kept === 'Carol, offline' ? 'Alice, online' : 'Carol, offline';
    // (The server records it after merging: it reaches each client a moment later.)
    const recorded = (c: LiveMatrix) => c.store.snapshot.edits.history.some((e) => e.action === 'merge' && e.by === 'server' && e.label.includes(`kept "${kept}", the other value was "${lost}"`));
    await until(() => [alice, bob, carol].every(recorded), 'the conflict in every history');

    // The history says who did what, the same on every client.
    const who = (c: LiveMatrix) => c.store.snapshot.edits.history.filter((e) => e.action !== 'merge').map((e) => `${e.by}: ${e.action} ${e.label}`).sort();
    expect(who(bob)).toEqual(who(alice));
    expect(who(carol)).toEqual(who(alice));
    const entries = alice.store.snapshot.edits.history;
    expect(entries.filter((e) => e.by === 'Alice' && e.action === 'edit')).toHaveLength(7);
    expect(entries.filter((e) => e.by === 'Bob' && e.action === 'edit')).toHaveLength(7);
    expect(entries.filter((e) => e.by === 'Bob' && e.action === 'undo').map((e) => e.label)).toEqual([expect.stringMatching(/^Undo: /)]);
    expect(entries.filter((e) => e.by === 'Carol' && e.action === 'edit')).toHaveLength(3);
    expect(entries.find((e) => e.by === 'Carol' && e.changes.some((c) => c.target.kind === 'jurisdiction'))).toBeDefined();

    // The folder on disk is that matrix, in canonical form.
    await until(() => JSON.stringify(onDisk(team!.folder)) === JSON.stringify(files(alice)), 'the folder on disk to be the shared matrix');
    const disk = onDisk(team.folder);
    expect(saveMatrix(loadMatrix('shared', disk).matrix)).toEqual(disk);
    expect(loadMatrix('shared', disk).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(alice.store.snapshot.index!.cells.get(cellKey('stc', 'west'))).toBeDefined();
  });
});
