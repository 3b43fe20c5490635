import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditCommand } from '../../src/model/edit/commands.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { readMatrixDoc } from '../../src/sync/doc/convert.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import { Hub, filesOf, type HubClient } from './support/sync-hub.ts';

/** An edit chosen by index among what the client's matrix has (so most edits apply). */
type Step =
  | { kind: 'edit'; who: number; edit: number; a: number; b: number; text: string }
  | { kind: 'offline' | 'online'; who: number }
  | { kind: 'undo' | 'redo'; who: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('edit' as const), who: fc.nat(2), edit: fc.nat(9), a: fc.nat(), b: fc.nat(), text: fc.constantFrom('x', 'y', 'Detention is rare', '=1+1', 'a,b "c"', '') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const), who: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const), who: fc.nat(2) }) },
);

function editFor(c: HubClient, s: Extract<Step, { kind: 'edit' }>): EditCommand | undefined {
  const m = c.store.snapshot.matrix!;
  const dim = m.dimensions[s.a % Math.max(1, m.dimensions.length)];
  const jur = m.jurisdictions[s.b % Math.max(1, m.jurisdictions.length)];
  const cites = m.citations;
  const cite = cites[s.a % Math.max(1, cites.length)];
  switch (s.edit) {
    case 0: return dim && jur ? { type: 'set-cell', dimension: dim.id, jurisdiction: jur.id, set: { note: s.text } } : undefined;
    case 1: return dim && jur ? { type: 'set-cell', dimension: dim.id, jurisdiction: jur.id, set: { observed: s.b % 2 ? '2004' : '' } } : undefined;
    case 2: return dim && jur ? { type: 'add-citation', dimension: dim.id, jurisdiction: jur.id, citation: { source: 'src', quote: s.text || 'Detention is rare' } } : undefined;
    case 3: return cite ? { type: 'remove-citation', dimension: cite.dimension, jurisdiction: cite.jurisdiction, seq: cite.seq } : undefined;
    case 4: return cite ? { type: 'move-citation', dimension: cite.dimension, jurisdiction: cite.jurisdiction, seq: cite.seq, to: s.b % 3 } : undefined;
    case 5: return cite ? { type: 'set-citation', dimension: cite.dimension, jurisdiction: cite.jurisdiction, seq: cite.seq, set: { locator: s.text } } : undefined;
    case 6: return { type: 'add-jurisdiction', jurisdiction: { id: `j${s.a % 4}`, label: `J ${s.a % 4}` } };
    case 7: return jur && m.jurisdictions.length > 1 ? { type: 'remove-jurisdiction', id: jur.id } : undefined;
    case 8: return { type: 'add-dimension', dimension: { id: `d${s.a % 4}`, label: `D ${s.a % 4}`, valueType: 'text' } };
    default: return dim ? { type: 'move-dimension', id: dim.id, to: s.b % 3 } : undefined;
  }
}

/** Every client, the server and the document end with the same valid matrix, and the same history. */
/** `ids`: the clients' document ids, fixed (row ids follow from them, and so which of two rows added at once keeps its place). */
const converges = async (steps: Step[], batch: boolean, ids: readonly number[] = []): Promise<void> => {
  const hub = new Hub(smallMatrixTexts(), 'shared', batch);
  await hub.serve();
  const clients = [await hub.join('Alice', ids[0]), await hub.join('Bob', ids[1]), await hub.join('Carol', ids[2])];
  for (const s of steps) {
    const c = clients[s.who];
    if (s.kind === 'offline') hub.offline(c);
    else if (s.kind === 'online') { if (!c.online) hub.online(c); }
    else if (s.kind === 'undo') c.store.undo();
    else if (s.kind === 'redo') c.store.redo();
    else {
      const edit = editFor(c, s as Extract<Step, { kind: 'edit' }>);
      if (edit) c.store.edit(edit);
    }
    // Batched merges come in on a later turn, sometimes between two edits, sometimes not.
    if (batch && s.who === 0) await new Promise((r) => setTimeout(r, 0));
  }
  for (const c of clients) if (!c.online) hub.online(c);
  // Resolutions the server writes while merging come in to the clients, and so on, until all is in.
  for (let round = 0; round < 3; round++) {
    await hub.server!.binding.settled();
    for (const c of clients) await c.binding.settled();
  }
  const files = saveMatrix(loadMatrix('shared', readMatrixDoc(hub.doc).texts).matrix);
  for (const c of [...clients, { name: 'server', store: hub.server!.store }]) {
    expect(filesOf(c.store), c.name).toEqual(files);
    // Never a broken matrix: no duplicate key, no row of a removed dimension or jurisdiction.
    const errors = loadMatrix('shared', filesOf(c.store)).problems.filter((p) => p.severity === 'error');
    expect(errors, c.name).toEqual([]);
  }
  // The same history everywhere (each in its own order), every entry saying who.
  const entries = (c: HubClient) => c.store.snapshot.edits.history.map((e) => `${e.by} ${e.action} ${e.label} ${e.at}`).sort();
  for (const c of clients) {
    expect(entries(c), c.name).toEqual(entries(clients[0]));
    expect(c.store.snapshot.edits.history.every((e) => e.by), c.name).toBe(true);
  }
};

const steps = fc.array(step, { minLength: 5, maxLength: 40 });

/**
 * Found by the property (seed 1556168151, batched merges): Carol adds a jurisdiction, Alice a
 * dimension (with its cell for that jurisdiction), Carol undoes and redoes while the server
 * merges in batches. Carol's store had left out Alice's cell when the jurisdiction went, and
 * never took it back when her redo brought the jurisdiction back: she ended without it.
 */
const UNDO_REDO_BATCHED: [Step[], boolean] = [[
  { kind: 'edit', who: 2, edit: 6, a: 0, b: 0, text: 'x' },
  { kind: 'edit', who: 0, edit: 0, a: 0, b: 0, text: 'x' },
  { kind: 'edit', who: 0, edit: 8, a: 0, b: 0, text: 'x' },
  { kind: 'edit', who: 0, edit: 0, a: 0, b: 0, text: 'x' },
  { kind: 'undo', who: 2 },
  { kind: 'edit', who: 1, edit: 0, a: 0, b: 0, text: 'x' },
  { kind: 'edit', who: 1, edit: 0, a: 0, b: 0, text: 'x' },
  { kind: 'redo', who: 2 },
], true];

/**
 * Found by the property (seed 957481447, batched merges): Bob and Carol add jurisdiction j2 at
 * once, so its cells are there twice; Bob goes offline before merging, and Carol undoes her
 * add before the server merges (the server never sees two). Bob's row ids come after Carol's,
 * so Bob moved his own cells to period 2 in his store only; when Carol's undo came in, his
 * cells stayed at period 2 while the document and everyone else had period 1. The ids are
 * fixed here (Bob's after Carol's), as the random ids fell in about one run in four.
 */
const TWO_ADDS_ONE_UNDONE: [Step[], boolean, number[]] = [[
  { kind: 'redo', who: 2 },
  { kind: 'online', who: 0 },
  { kind: 'edit', who: 1, edit: 1, a: 88875402, b: 21045704, text: '=1+1' },
  { kind: 'edit', who: 0, edit: 7, a: 140700546, b: 1361109163, text: 'x' },
  { kind: 'edit', who: 1, edit: 2, a: 897302852, b: 1867873895, text: 'y' },
  { kind: 'edit', who: 0, edit: 1, a: 1330122859, b: 483784445, text: 'a,b "c"' },
  { kind: 'online', who: 2 },
  { kind: 'edit', who: 0, edit: 3, a: 137377135, b: 1679599349, text: '' },
  { kind: 'redo', who: 0 },
  { kind: 'undo', who: 0 },
  { kind: 'edit', who: 1, edit: 6, a: 1612926450, b: 1613995759, text: 'Detention is rare' },
  { kind: 'edit', who: 2, edit: 6, a: 912290662, b: 1868732140, text: 'a,b "c"' },
  { kind: 'offline', who: 1 },
  { kind: 'undo', who: 2 },
  { kind: 'edit', who: 2, edit: 1, a: 156218138, b: 351050607, text: 'Detention is rare' },
  { kind: 'online', who: 2 },
  { kind: 'edit', who: 0, edit: 2, a: 627234666, b: 868827220, text: '=1+1' },
], true, [1, 3, 2]];

describe('analysts editing at once, online and offline (property-based)', () => {
  it('every client, the server and the document end with the same valid matrix', async () => {
    await fc.assert(fc.asyncProperty(steps, fc.boolean(), (s, batch) => converges(s, batch)), { numRuns: 60, examples: [UNDO_REDO_BATCHED] });
  }, 300_000);

  it('regression: one’s own undo and redo with batched merges bring back another’s rows that belong to what was undone (seed 1556168151)', async () => {
    await converges(...UNDO_REDO_BATCHED);
    // The run of the property that found it, as it was.
    await fc.assert(fc.asyncProperty(steps, fc.boolean(), (s, batch) => converges(s, batch)), { numRuns: 42, seed: 1556168151 });
  }, 300_000);

  it('regression: a row moved by one client only (added twice at once) goes back to its place when the other add is undone before the server merged (seed 957481447)', async () => {
    await converges(...TWO_ADDS_ONE_UNDONE);
    // The other order of ids: Carol's cells are the ones moved, then removed by her undo.
    await converges(TWO_ADDS_ONE_UNDONE[0], true, [1, 2, 3]);
  }, 300_000);
});
