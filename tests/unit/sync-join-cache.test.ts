/**
 * Joiners are sent the whole shared document from a kept encoding while it is unchanged
 * (src/sync/server/join-cache.ts): what they get must be what Hocuspocus itself would send,
 * and a change of any kind must be in what the next joiner gets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { JoinCache } from '../../src/sync/server/join-cache.ts';
import { teamServer, until, type TeamFixture, liveNote as note, liveFiles as files } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});


describe('team server: joining from the kept encoding of the document', () => {
  it('two joiners of an unchanged matrix get the same matrix, the second from what was kept; a joiner after edits gets them, with the state kept before', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const room = team.server.rooms.get('shared')!;
    const cache = JoinCache.of(room.doc)!;
    expect(cache).toBeDefined();
    // The server's own document and a joiner's hold the same state, byte for byte.
    const serverState = () => Y.encodeStateAsUpdate(room.doc);
    expect(Y.encodeStateAsUpdate(alice.doc)).toEqual(serverState());

    const bob = await team.join('bob');
    expect(cache.reused).toBe(1);
    expect(files(bob)).toEqual(files(alice));
    expect(Y.encodeStateAsUpdate(bob.doc)).toEqual(serverState());

    // An edit after the state was kept goes with it: the next joiner has it the moment its
    // join resolves, and the state was not encoded again for it.
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'Changed before Carol joined' } });
    await alice.acknowledged();
    await until(() => note(bob, 'detention', 'north') === 'Changed before Carol joined', 'Bob to get the edit');
    const carol = await team.join('carol');
    expect(cache.made).toBe(1);
    expect(note(carol, 'detention', 'north')).toBe('Changed before Carol joined');
    expect(files(carol)).toEqual(files(alice));
    expect(Y.encodeStateAsUpdate(carol.doc)).toEqual(serverState());

    // What the store's fold keeps (the same bytes) answers the next joiner; an edit after it is not lost either.
    cache.keep(Y.encodeStateAsUpdate(room.doc));
    const made = cache.made;
    const rita = await team.join('rita');
    expect(cache.made).toBe(made);
    expect(files(rita)).toEqual(files(alice));
    carol.store.edit({ type: 'add-citation', dimension: 'stc', jurisdiction: 'north', citation: { source: 'src', quote: 'Claimants must ask for protection' } });
    await carol.acknowledged();
    const late = await team.join('bob');
    expect(cache.made).toBe(made);
    expect(files(late)).toEqual(files(carol));
    expect(files(late)['citations.csv']).toContain('Claimants must ask for protection');
    expect(Y.encodeStateAsUpdate(late.doc)).toEqual(serverState());

    // Changes past a share of the state's size (at least 256 KB) are not sent after it: the state is encoded again.
    const long = 'A long note. '.repeat(24_000);
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: long } });
    await alice.acknowledged();
    const after = await team.join('carol');
    expect(cache.made).toBe(made + 1);
    expect(note(after, 'detention', 'south')).toBe(long);
    expect(Y.encodeStateAsUpdate(after.doc)).toEqual(serverState());
  });

  it('a client coming back with what it had is answered as before (only what it lacks)', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const bob = await team.join('bob');
    bob.disconnect();
    await until(() => bob.status.state === 'offline', 'Bob offline');
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'While Bob was away' } });
    await alice.acknowledged();
    bob.connect();
    await until(() => note(bob, 'detention', 'north') === 'While Bob was away', 'Bob to get the edit made while he was away');
    expect(files(bob)).toEqual(files(alice));
  });
});
