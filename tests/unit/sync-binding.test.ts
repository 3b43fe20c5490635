import { describe, expect, it } from 'vitest';
import { cellKey } from '../../src/model/types.ts';
import { readMatrixDoc } from '../../src/sync/doc/convert.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import { Hub, filesOf, type HubClient } from './support/sync-hub.ts';

const cell = (c: HubClient, d: string, j: string) => c.store.snapshot.index!.cells.get(cellKey(d, j));
const citations = (c: HubClient, d: string, j: string) =>
  c.store.snapshot.matrix!.citations.filter((x) => x.dimension === d && x.jurisdiction === j).sort((a, b) => a.seq - b.seq);

/** Every client and the hub's document hold the same matrix. */
function expectConverged(hub: Hub): void {
  const fromDoc = saveMatrix(loadMatrix('shared', readMatrixDoc(hub.doc).texts).matrix);
  for (const c of hub.clients) expect(filesOf(c.store), c.name).toEqual(fromDoc);
  if (hub.server) expect(filesOf(hub.server.store), 'server').toEqual(fromDoc);
}

async function setup(n = 2) {
  const hub = new Hub(smallMatrixTexts());
  await hub.serve();
  const names = ['Alice', 'Bob', 'Carol'].slice(0, n);
  const clients: HubClient[] = [];
  for (const name of names) clients.push(await hub.join(name));
  return { hub, clients };
}

describe('store ↔ shared document binding', () => {
  it('an edit appears in the other analyst’s store, with who made it in the history', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    expect(alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'checked' } })).toEqual({ ok: true });
    expect(cell(bob, 'detention', 'north')?.note).toBe('checked');
    const last = bob.store.snapshot.edits.history.at(-1)!;
    expect(last).toMatchObject({ action: 'edit', by: 'Alice', label: 'Edit Detention — North' });
    expect(last.changes).toEqual([{ target: { kind: 'cell', dimension: 'detention', jurisdiction: 'north' }, field: 'note', old: '', new: 'checked' }]);
    // Not Bob's to undo.
    expect(bob.store.snapshot.edits.undo).toEqual([]);
    expect(bob.store.undo()).toBe(false);
    expectConverged(hub);
  });

  it('structure and citations travel too: a new jurisdiction with its cells, a citation added, moved and removed', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    expect(alice.store.edit({ type: 'add-jurisdiction', jurisdiction: { id: 'east', label: 'East', group: 'Group A' } })).toEqual({ ok: true });
    expect(bob.store.snapshot.matrix!.jurisdictions.map((j) => j.id)).toContain('east');
    expect(cell(bob, 'stc', 'east')).toMatchObject({ status: 'not_in_source' });
    expect(bob.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'src', quote: 'Detention is rare' } })).toEqual({ ok: true });
    expect(citations(alice, 'detention', 'north').map((c) => c.quote)).toEqual(['Detention of claimants is rare in the north', 'Detention is rare']);
    expect(alice.store.edit({ type: 'move-citation', dimension: 'detention', jurisdiction: 'north', seq: 2, to: 0 })).toEqual({ ok: true });
    expect(citations(bob, 'detention', 'north').map((c) => [c.seq, c.quote])).toEqual([[1, 'Detention is rare'], [2, 'Detention of claimants is rare in the north']]);
    expect(bob.store.edit({ type: 'remove-citation', dimension: 'detention', jurisdiction: 'north', seq: 1 })).toEqual({ ok: true });
    expect(citations(alice, 'detention', 'north').map((c) => [c.seq, c.quote])).toEqual([[1, 'Detention of claimants is rare in the north']]);
    expect(alice.store.edit({ type: 'remove-dimension', id: 'year' })).toEqual({ ok: true });
    expect(bob.store.snapshot.matrix!.dimensions.map((d) => d.id)).toEqual(['stc', 'detention']);
    expect(bob.store.snapshot.matrix!.cells.some((c) => c.dimension === 'year')).toBe(false);
    expectConverged(hub);
  });

  it('every edit of format 2 travels: periods, dates, confidence, kinds of support, the codebook, sources added and given a new version', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    const settled = async () => { for (const c of [alice, bob]) await c.binding.settled(); await hub.server!.binding.settled(); };
    const periods = (c: HubClient, d: string, j: string) =>
      c.store.snapshot.matrix!.cells.filter((x) => x.dimension === d && x.jurisdiction === j).sort((a, b) => a.period - b.period);
    const edits: [HubClient, Parameters<HubClient['store']['edit']>[0]][] = [
      [alice, { type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { inForceFrom: '2004-12', confidence: 'high', relative: true } }],
      [bob, { type: 'add-period', dimension: 'stc', jurisdiction: 'north', copy: true, set: { inForceFrom: '2010', value: 'no', note: 'suspended' } }],
      [alice, { type: 'set-cell', dimension: 'stc', jurisdiction: 'north', period: 1, set: { inForceUntil: '2009-12' } }],
      [bob, { type: 'add-citation', dimension: 'stc', jurisdiction: 'north', period: 2, citation: { source: 'src', quote: 'safe country they reach', support: 'reports', attribution: 'the agreement' } }],
      [alice, { type: 'set-citation', dimension: 'detention', jurisdiction: 'north', seq: 1, set: { support: 'infers', attribution: 'officials' } }],
      [bob, { type: 'set-dimension', id: 'detention', set: { basis: 'de_facto', codingRules: 'Rare: under 5% of claimants', direction: 'restrictive' } }],
      [alice, { type: 'set-level', scale: 'frequency', id: 'common', set: { definition: 'Most claimants', needsAbsolute: true } }],
      [bob, { type: 'add-period', dimension: 'detention', jurisdiction: 'south', set: { inForceFrom: '2012', value: 'Rare', level: 'rare', status: 'draft' } }],
      [alice, { type: 'remove-period', dimension: 'detention', jurisdiction: 'south', period: 2 }],
    ];
    for (const [who, edit] of edits) {
      expect(who.store.edit(edit), edit.type).toEqual({ ok: true });
      await settled();
      expectConverged(hub);
    }
    for (const c of [alice, bob]) {
      expect(periods(c, 'stc', 'north').map((x) => [x.period, x.value, x.inForceFrom, x.inForceUntil, x.confidence, x.relative])).toEqual([
        [1, 'yes', '2004-12', '2009-12', 'high', true],
        [2, 'no', '2010', '', 'high', true],
      ]);
      expect(c.store.snapshot.matrix!.citations.find((x) => x.dimension === 'stc' && x.period === 2)).toMatchObject({ support: 'reports', attribution: 'the agreement' });
      expect(c.store.snapshot.matrix!.dimensions.find((d) => d.id === 'detention')).toMatchObject({ basis: 'de_facto', codingRules: 'Rare: under 5% of claimants', direction: 'restrictive' });
      expect(c.store.snapshot.matrix!.levels.find((l) => l.id === 'common')).toMatchObject({ definition: 'Most claimants', needsAbsolute: true });
      expect(periods(c, 'detention', 'south')).toHaveLength(1);
    }
    // A source added, with its text, then given a new version with a citation re-anchored into it.
    const text = 'A new report. Detention of claimants is rare in the north, it says.\n';
    expect(bob.store.edit({ type: 'add-source', source: { id: 'report', title: 'A report', authors: 'C. Author', year: '2024', path: 'report.txt' }, text })).toEqual({ ok: true });
    await settled();
    expect(alice.store.snapshot.sourceTexts.get('report')).toBe(text);
    expect(alice.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'report', quote: 'Detention of claimants is rare in the north' } })).toEqual({ ok: true });
    await settled();
    const second = 'A new report, second edition. Detention of claimants is rare in the north, it says.\n';
    expect(alice.store.edit({ type: 'replace-source', source: { id: 'report', title: 'A report (2nd ed.)', authors: 'C. Author', year: '2025', path: 'report.txt' }, text: second })).toEqual({ ok: true });
    await settled();
    for (const c of [alice, bob]) {
      expect(c.store.snapshot.sourceTexts.get('report'), c.name).toBe(second);
      expect(c.store.snapshot.matrix!.sources.find((s) => s.id === 'report'), c.name).toMatchObject({ title: 'A report (2nd ed.)', year: '2025' });
      expect(c.store.snapshot.check!.problems.filter((p) => p.severity === 'error'), c.name).toEqual([]);
    }
    expect(hub.doc.getMap('files').get('report.txt')).toBe(second);
    // Who did what, on both sides.
    const who = (c: HubClient) => c.store.snapshot.edits.history.filter((e) => e.action === 'edit').map((e) => e.by);
    expect(who(alice)).toEqual(who(bob));
    expect(who(alice)).toEqual(['Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Alice']);
    expectConverged(hub);
  });

  it('concurrent edits of different fields of one cell both stay', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    hub.offline(alice);
    hub.offline(bob);
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'from Alice' } });
    bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { observed: '2004' } });
    hub.online(alice);
    hub.online(bob);
    for (const c of [alice, bob]) expect(cell(c, 'detention', 'south')).toMatchObject({ note: 'from Alice', observed: '2004' });
    expectConverged(hub);
  });

  it('the same field edited at once: one value everywhere, the other in the history', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    hub.offline(alice);
    hub.offline(bob);
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'Alice says' } });
    bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'Bob says' } });
    hub.online(alice);
    hub.online(bob);
    const kept = cell(alice, 'detention', 'south')!.note;
    expect(['Alice says', 'Bob says']).toContain(kept);
    expect(cell(bob, 'detention', 'south')!.note).toBe(kept);
    const lost = kept === 'Alice says' ? 'Bob says' : 'Alice says';
    for (const c of [alice, bob]) {
      const merge = c.store.snapshot.edits.history.filter((e) => e.action === 'merge');
      expect(merge).toHaveLength(1);
      expect(merge[0].label).toContain(`kept "${kept}", the other value was "${lost}"`);
      expect(merge[0].changes).toEqual([{ target: { kind: 'cell', dimension: 'detention', jurisdiction: 'south' }, field: 'note', old: lost, new: kept }]);
    }
    expectConverged(hub);
  });

  it('undo undoes only one’s own edits, and never a later edit of someone else', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'A1' } });
    bob.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'south', set: { note: 'B1' } });
    expect(alice.store.snapshot.edits.undo.map((s) => s.label)).toEqual(['Edit Safe third country — North']);
    expect(alice.store.undo()).toBe(true);
    for (const c of [alice, bob]) {
      expect(cell(c, 'stc', 'north')!.note).toBe('');
      expect(cell(c, 'stc', 'south')!.note).toBe('B1');
    }
    expect(alice.store.snapshot.edits.redo.map((s) => s.label)).toEqual(['Edit Safe third country — North']);
    expect(bob.store.snapshot.edits.history.at(-1)).toMatchObject({ action: 'undo', by: 'Alice', label: 'Undo: Edit Safe third country — North' });
    expect(alice.store.redo()).toBe(true);
    expect(cell(bob, 'stc', 'north')!.note).toBe('A1');
    // Bob overwrites Alice's note; Alice's undo must not bring hers back over his, nor clear his.
    bob.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'B2' } });
    expect(alice.store.undo()).toBe(true);
    for (const c of [alice, bob]) expect(cell(c, 'stc', 'north')!.note).toBe('B2');
    expect(alice.store.canUndo).toBe(false);
    expectConverged(hub);
  });

  it('two citations added to one cell at once both survive, with distinct places, the same everywhere', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    hub.offline(alice);
    hub.offline(bob);
    alice.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'src', quote: 'Detention is rare' } });
    bob.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'src', quote: 'Claimants must ask for protection' } });
    hub.online(alice);
    hub.online(bob);
    for (const c of [alice, bob]) {
      const list = citations(c, 'detention', 'north');
      expect(list.map((x) => x.seq)).toEqual([1, 2, 3]);
      expect(new Set(list.map((x) => x.quote))).toEqual(new Set(['Detention of claimants is rare in the north', 'Detention is rare', 'Claimants must ask for protection']));
      expect(c.store.snapshot.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(c.store.snapshot.edits.history.filter((e) => e.action === 'merge').map((e) => e.label).join()).toMatch(/citation \(detention, north, period 1, seq 2\) was added twice at once: one is now seq 3/);
    }
    expectConverged(hub);
  });

  it('a citation added to a cell whose dimension was removed at the same time goes with it, and is reported', async () => {
    const { hub, clients: [alice, bob] } = await setup();
    hub.offline(alice);
    hub.offline(bob);
    alice.store.edit({ type: 'remove-dimension', id: 'detention' });
    bob.store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'south', citation: { source: 'src', quote: 'Detention is rare' } });
    bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'edited meanwhile' } });
    hub.online(alice);
    hub.online(bob);
    for (const c of [alice, bob]) {
      const m = c.store.snapshot.matrix!;
      expect(m.dimensions.map((d) => d.id)).toEqual(['stc', 'year']);
      expect(m.cells.filter((x) => x.dimension === 'detention')).toEqual([]);
      expect(m.citations.filter((x) => x.dimension === 'detention')).toEqual([]);
      expect(c.store.snapshot.check!.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
    expect(alice.store.snapshot.edits.history.some((e) => e.action === 'merge' && /citation \(detention, south, period 1, seq 2\) removed: its cell \(detention, south, period 1\) was removed/.test(e.label))).toBe(true);
    expectConverged(hub);
  });

  it('an analyst offline for a while merges on return', async () => {
    const { hub, clients: [alice, bob, carol] } = await setup(3);
    hub.offline(carol);
    for (let i = 0; i < 5; i++) carol.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: `offline ${i}` } });
    carol.store.edit({ type: 'add-jurisdiction', jurisdiction: { id: 'west', label: 'West' } });
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'online' } });
    bob.store.edit({ type: 'add-dimension', dimension: { id: 'visa', label: 'Visa', valueType: 'text' } });
    expect(cell(alice, 'stc', 'north')!.note).toBe('');
    hub.online(carol);
    for (const c of [alice, bob, carol]) {
      expect(cell(c, 'stc', 'north')!.note).toBe('offline 4');
      expect(cell(c, 'detention', 'south')!.note).toBe('online');
      expect(c.store.snapshot.matrix!.jurisdictions.map((j) => j.id)).toContain('west');
      expect(c.store.snapshot.matrix!.dimensions.map((d) => d.id)).toContain('visa');
    }
    expectConverged(hub);
  });
});
