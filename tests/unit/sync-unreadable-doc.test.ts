/**
 * A shared document that holds what no client of ours writes (a block of rows that is not one:
 * the server's gate refuses it from a client, sync-server.test.ts, but a server is untrusted
 * to its clients, and its own store to it). Nobody throws, nothing is lost: the server and
 * the analysts keep the matrix as last read and say why, edits still go through, a joiner is
 * told, and once the document can be read again everyone has it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectionWords } from '../../src/components/policy-matrix/live-bar.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { JoinError, joinMatrix } from '../../src/sync/client.ts';
import { folderMatrixFiles, liveNote as note, teamServer, until, type TeamFixture } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

describe('a shared document that cannot be read as a matrix', () => {
  it('leaves every matrix as last read and says why; edits go on; a joiner is told; once readable again, all have it', async () => {
    team = await teamServer();
    const [alice, bob] = [await team.join('alice'), await team.join('bob')];
    const room = team.server.rooms.get('shared')!;
    const matrixBefore = saveMatrix(alice.store.snapshot.matrix!);
    const blocks = room.doc.getMap<string>('cells');
    const good = blocks.get('stc')!;

    // Written into the server's document past its gate.
    blocks.set('stc', 'not a head\nstc,north,yes');
    const reason = /^the shared document's cells\.csv rows for “stc”: not a block of rows: its first line is not JSON$/;
    await until(() => alice.status.unreadable !== undefined && bob.status.unreadable !== undefined, 'the clients to say it');
    expect(alice.status.unreadable).toMatch(reason);
    expect(connectionWords({ status: alice.status, peers: [] })).toMatch(/^Not up to date: the matrix as the team server has it cannot be read here \(the shared document's cells\.csv rows for “stc”: .*\)\. Shown as last read; edits from here are still sent\.$/);
    await until(() => team!.log.some((l) => /^shared: the shared document cannot be read as a matrix \(the shared document's cells\.csv rows for “stc”: not a block of rows: its first line is not JSON\); the folder keeps the matrix as last read$/.test(l)), 'the server’s log to say it');
    expect(saveMatrix(alice.store.snapshot.matrix!)).toEqual(matrixBefore);
    expect(saveMatrix(room.store.snapshot.matrix!)).toEqual(matrixBefore);

    // Edits still go through: Bob's reaches Alice and the folder.
    expect(bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'meanwhile' } })).toEqual({ ok: true });
    await until(() => note(alice, 'detention', 'north') === 'meanwhile', 'Bob’s edit at Alice');
    await until(() => readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('meanwhile'), 'Bob’s edit on disk');
    const folderNow = folderMatrixFiles(team.folder);
    // (The rows that could not be read are still in the folder, as they were.)
    const stcRows = (text: string) => text.split('\n').filter((l) => l.startsWith('stc,'));
    expect(stcRows(folderNow['cells.csv'])).toEqual(stcRows(matrixBefore['cells.csv']!));
    expect(stcRows(folderNow['cells.csv'])).toHaveLength(2);
    expect(folderNow['citations.csv']).toBe(matrixBefore['citations.csv']);

    // A joiner is told: at once where the join reads the rows (a small table's), its store
    // left as it was; a moment later where it takes a big table's block whole, to read later.
    const carol = await team.join('carol');
    await until(() => carol.status.unreadable !== undefined, 'the joiner to say it');
    expect(carol.status.unreadable).toMatch(reason);
    const jurisdictions = room.doc.getMap<string>('jurisdictions');
    const goodJurisdiction = jurisdictions.get('north')!;
    jurisdictions.set('north', '{"k":[1],"r":["x"],"p":[[]],"n":[0]}\n');
    const ritaStore = new MatrixStore();
    await expect(joinMatrix({ url: team.server.url, token: team.tokens.rita, matrix: 'shared', store: ritaStore, WebSocket })).rejects.toThrow(
      new JoinError('the matrix on the server cannot be read (the shared document\'s jurisdictions.csv rows for “north”: not a block of rows: row 1: a key or id that is not text)'),
    );
    expect(ritaStore.snapshot.matrix).toBeUndefined();
    jurisdictions.set('north', goodJurisdiction);
    // Nor is a document laid out by another version of the server guessed at.
    room.doc.getMap('meta').set('layout', 2);
    await until(() => /^the shared document is laid out as version 2, and this version of policy-matrix reads version 1$/.test(alice.status.unreadable ?? ''), 'the layout to be told');
    room.doc.getMap('meta').set('layout', 1);

    // Readable again: every side reads it, and says nothing more.
    blocks.set('stc', good);
    await until(() => [alice, bob, carol].every((c) => c.status.unreadable === undefined), 'the clients to read it again');
    await until(() => team!.log.some((l) => l === 'shared: the shared document is read as a matrix again'), 'the server to read it again');
    expect(connectionWords({ status: alice.status, peers: [] })).toMatch(/^Live: /);
    expect(note(alice, 'detention', 'north')).toBe('meanwhile');
    for (const c of [bob, carol, await team.join('rita')]) expect(saveMatrix(c.store.snapshot.matrix!)).toEqual(saveMatrix(alice.store.snapshot.matrix!));
    expect(saveMatrix(room.store.snapshot.matrix!)).toEqual(saveMatrix(alice.store.snapshot.matrix!));
  });
});
