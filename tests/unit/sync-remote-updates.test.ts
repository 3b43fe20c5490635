/**
 * A client does not encode again what the server sent (src/sync/remote-updates-unencoded.ts):
 * the provider's listener is off for the provider's own transactions only. What the analyst
 * makes must still be sent, even a change made while one from the server is being applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readMatrixDoc } from '../../src/sync/doc/convert.ts';
import { DocRows } from '../../src/sync/doc/doc-rows.ts';
import { SEP, fieldKey, identityOf, LAYOUTS } from '../../src/sync/doc/layout.ts';
import { teamServer, until, type TeamFixture } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

/** Whether Yjs would encode a transaction's update now: it does when the document has an `update` listener (yjs's own test). */
const encodes = (doc: object): boolean => (doc as { _observers: Map<string, Set<unknown>> })._observers.has('update');

describe('a client and the updates the server sends it', () => {
  it('what the server sent is not encoded again; one’s own changes are, even one made while the server’s is applied', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const bob = await team.join('bob');
    const cell = (who: typeof alice, dimension: string, jurisdiction: string) =>
      who.store.snapshot.matrix!.cells.find((c) => c.dimension === dimension && c.jurisdiction === jurisdiction);

    // What Yjs decides at the end of each of Alice's transactions, by where it came from.
    const seen: { remote: boolean; encodes: boolean }[] = [];
    alice.doc.on('afterTransactionCleanup', (tr) => seen.push({ remote: tr.origin === alice.provider, encodes: encodes(alice.doc) }));

    // While Bob's change is applied in Alice's document, a change of hers is made in it (as an
    // observer of the document may): it is encoded and sent, and reaches Bob.
    const [row] = readMatrixDoc(alice.doc).order.cells;
    const [dimension, jurisdiction] = identityOf(LAYOUTS.cells, row.rowKey);
    let made = false;
    alice.doc.on('afterTransaction', (tr) => {
      if (made || tr.origin !== alice.provider) return;
      made = true;
      alice.doc.transact(() => new DocRows(alice.doc).fields('cells').set(fieldKey(row.rowKey, 'note'), row.rowId + SEP + 'made while applying'), 'an observer');
    });
    const other = dimension === 'detention' && jurisdiction === 'south' ? 'north' : 'south';
    expect(bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: other, set: { note: 'from Bob' } })).toEqual({ ok: true });
    await until(() => cell(alice, 'detention', other)?.note === 'from Bob', 'Bob’s change at Alice');
    await until(() => cell(bob, dimension, jurisdiction)?.note === 'made while applying', 'Alice’s change at Bob');

    expect(seen.some((s) => s.remote)).toBe(true);
    expect(seen.filter((s) => s.remote).every((s) => !s.encodes)).toBe(true);
    expect(seen.filter((s) => !s.remote).length).toBeGreaterThan(0);
    expect(seen.filter((s) => !s.remote).every((s) => s.encodes)).toBe(true);
    // And after the run, the listener is back: an edit in the app is sent as before.
    expect(encodes(alice.doc)).toBe(true);
    expect(alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'later' } })).toEqual({ ok: true });
    await until(() => cell(bob, 'stc', 'north')?.note === 'later', 'Alice’s later edit at Bob');
    await alice.acknowledged();
  });
});
