import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { loadMatrix } from '../../src/model/format/load.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { JoinError, joinMatrix, type LiveMatrix } from '../../src/sync/client.ts';
import { ROOT_NAMES } from '../../src/sync/server/message-check.ts';
import { folderMatrixFiles, folderText, teamServer, until, type TeamFixture, liveNote as note, liveFiles as files } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

const folderFiles = folderMatrixFiles;

/** Whether the folder holds a valid matrix in canonical form (to wait for it). */
function isCanonical(folder: string): boolean {
  const texts = folderFiles(folder);
  const { matrix, problems } = loadMatrix('shared', texts);
  const saved = saveMatrix(matrix);
  return !problems.some((p) => p.severity === 'error') && Object.entries(texts).every(([f, t]) => saved[f] === t);
}

/** The folder holds a valid matrix in canonical form. */
function expectCanonical(folder: string): Record<string, string> {
  const texts = folderFiles(folder);
  const { matrix, problems } = loadMatrix('shared', texts);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(saveMatrix(matrix)).toMatchObject(texts);
  return texts;
}

describe('team server: access', () => {
  it('a source in ../sources/ beside the matrix folder is read, nothing else out of the matrix folder; other pages may ask with a token (CORS)', async () => {
    team = await teamServer();
    const { url } = team.server;
    const auth = { Authorization: `Bearer ${team.tokens.alice}` };
    // A matrix reads its own folder and ../sources/ (as the bundled matrices keep their sources).
    mkdirSync(join(team.matrices, 'sources'));
    writeFileSync(join(team.matrices, 'sources', 'shared.txt'), 'A shared source.');
    const beside = await fetch(`${url}/matrices/shared/?file=${encodeURIComponent('../sources/shared.txt')}`, { headers: auth });
    expect(beside.status).toBe(200);
    expect(await beside.text()).toBe('A shared source.');
    // Another matrix's folder, the server's data, the matrices folder, a link out: not read.
    symlinkSync('/etc/hostname', join(team.folder, 'link.txt'));
    for (const file of [`..${'/'}shared/source.txt`, '../../data/policy-matrix-sync.sqlite', '../..', '/etc/passwd', 'link.txt', '']) {
      expect((await fetch(`${url}/matrices/shared/?file=${encodeURIComponent(file)}`, { headers: auth })).status, file).toBe(404);
    }
    const preflight = await fetch(`${url}/matrices/shared/cells.csv`, { method: 'OPTIONS', headers: { Origin: 'http://elsewhere.test', 'Access-Control-Request-Headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization');
    expect((await fetch(`${url}/matrices/shared/cells.csv`, { headers: auth })).headers.get('access-control-allow-origin')).toBe('*');
    // Without a token, still nothing.
    expect((await fetch(`${url}/matrices/shared/?file=source.txt`)).status).toBe(401);
  });

  it('no token, no data: HTTP and WebSocket refuse a missing, wrong or revoked token', async () => {
    team = await teamServer();
    const { url } = team.server;
    for (const path of ['/api/matrices', '/api/whoami', '/matrices/shared/cells.csv', '/matrices/shared/source.txt']) {
      expect((await fetch(url + path)).status, path).toBe(401);
      expect((await fetch(url + path, { headers: { Authorization: 'Bearer pm_00000000_' + 'x'.repeat(43) } })).status, path).toBe(401);
    }
    const ok = await fetch(url + '/matrices/shared/cells.csv', { headers: { Authorization: `Bearer ${team.tokens.alice}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('detention,north');
    // Names that try to leave the matrices folder are refused.
    for (const path of ['/matrices/..%2F..%2Fdata/x', '/matrices/shared/..%2F..%2Fdata%2Fpolicy-matrix-sync.sqlite', '/matrices/shared/%2Fetc%2Fpasswd']) {
      expect((await fetch(url + path, { headers: { Authorization: `Bearer ${team.tokens.alice}` } })).status, path).toBe(404);
    }
    // (Who one is is asked while the document comes: a refused token is still told as such, not as the document's refusal.)
    await expect(joinMatrix({ url, token: 'pm_00000000_' + 'x'.repeat(43), matrix: 'shared', store: new MatrixStore(), WebSocket })).rejects.toThrow(new JoinError('the server refused the token (revoked or mistyped)'));
    // A provider that skips the HTTP check gets no document either.
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: url.replace('http', 'ws') + '/sync', WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'shared', document: doc, token: 'nope' });
    provider.attach();
    const denied = await new Promise<string>((resolve) => provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)));
    expect(denied).toBe('permission-denied');
    expect(doc.getMap('cells').size).toBe(0);
    provider.destroy();
    socket.destroy();
    // A matrix name with a path in it is refused.
    await expect(joinMatrix({ url, token: team.tokens.alice, matrix: `..${'/'}shared`, store: new MatrixStore(), WebSocket })).rejects.toThrow(JoinError);
    // Revoked: refused from then on.
    team.server.tokens.revoke('Carol');
    await expect(joinMatrix({ url, token: team.tokens.carol, matrix: 'shared', store: new MatrixStore(), WebSocket })).rejects.toThrow(new JoinError('the server refused the token (revoked or mistyped)'));
    // Tokens never appear in the log.
    for (const t of Object.values(team.tokens)) expect(team.log.join('\n')).not.toContain(t.slice(12));
  });

  it('a reader sees the matrix but the server refuses its edits: they reach neither the document nor the others', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const rita = await team.join('rita');
    expect(rita.readOnly).toBe(true);
    expect(rita.user).toEqual({ name: 'Rita', role: 'reader' });
    expect(rita.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'reader was here' } })).toEqual({ ok: true });
    // An edit of Alice's made after the reader's reaches the reader: the reader's had time to arrive, and did not.
    alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'south', set: { note: 'after' } });
    await until(() => note(rita, 'stc', 'south') === 'after', 'Alice’s edit at the reader');
    await alice.acknowledged();
    expect(note(alice, 'stc', 'north')).toBe('');
    const room = team.server.rooms.get('shared')!;
    expect(room.store.snapshot.index!.cells.get(cellKey('stc', 'north'))!.note).toBe('');
    expect(rita.provider.unsyncedChanges).toBeGreaterThan(0);
    // A late joiner gets no trace of it either.
    const bob = await team.join('bob');
    expect(note(bob, 'stc', 'north')).toBe('');
    await until(() => readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('after'), 'the write-back');
    expect(readFileSync(join(team.folder, 'cells.csv'), 'utf8')).not.toContain('reader was here');
  });
});

describe('team server: every message is untrusted', () => {
  /** A client that speaks the protocol but sends what it likes: a Hocuspocus provider on a document of its own. */
  async function hostileClient(url: string, token: string) {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: url.replace('http', 'ws') + '/sync', WebSocketPolyfill: WebSocket, maxAttempts: 1 });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'shared', document: doc, token });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('close', ({ event }: { event: { code: number; reason: string } }) => resolve({ code: event.code, reason: String(event.reason) })));
    provider.attach();
    await until(() => provider.isSynced, 'the hostile client to sync');
    return { doc, socket, provider, closed, destroy: () => { provider.destroy(); socket.destroy(); } };
  }

  it('a change that does not fit the matrix’s document is refused whole, with where it went wrong; the others go on', async () => {
    team = await teamServer();
    const { url } = team.server;
    const bob = await team.join('bob');
    const room = team.server.rooms.get('shared')!;
    const before = Y.encodeStateVector(room.doc);
    const attacks: [string, (doc: Y.Doc) => void, RegExp][] = [
      ['a map the document has not', (doc) => doc.getMap('evil').set('x', 'y'), /change of the document: piece 1 \(client \d+, clock 0\): “evil” is not a part of the matrix's document/],
      ['a nested type', (doc) => doc.getMap('cells.').set('k', new Y.Map()), /piece 1 \(client \d+, clock 0\) in “cells\.” at “k”: type content/],
      ['a history entry that is not one', (doc) => doc.getArray('history').push([{ nope: 1 }]), /in “history”: not a history entry/],
      ['a value of another kind', (doc) => doc.getMap('cells+').set('k', [1, 2]), /in “cells\+” at “k”: a value of a kind the matrix does not hold \(a list\)/],
      ['rich text', (doc) => doc.getText('meta').insert(0, 'x'), /in “meta”: string content/],
      // Rows of a block are read by their lengths: a block that is not one, over the server's
      // own (the piece names only the value it replaces: its place is found in the document)…
      ['a block of rows over one, that is not one', (doc) => doc.getMap('cells').set('stc', 'not a head\nstc,north'), /piece 1 \(client \d+, clock 0\) in “cells” at “stc”: not a block of rows: its first line is not JSON/],
      // … or a new one, whose lengths do not cut its records.
      ['a new block whose lengths do not cut its records', (doc) => doc.getMap('cells').set('year', '{"k":["a"],"r":["b"],"p":[[]],"n":[99]}\nshort'), /in “cells” at “year”: not a block of rows: row 1: its length does not end at the end of a record/],
    ];
    for (const [what, attack, reason] of attacks) {
      const hostile = await hostileClient(url, team.tokens.alice);
      attack(hostile.doc);
      const closed = await hostile.closed;
      expect(closed.reason, what).toMatch(reason);
      await until(() => team!.log.some((line) => reason.test(line)), `the log to say where ${what} went wrong`);
      expect(team.log.find((line) => reason.test(line)), what).toMatch(/^shared: a message from Alice refused: /);
      hostile.destroy();
    }
    // Messages that are not changes: garbage in a change's place, stateless messages, presence that is not one.
    const raw = async (body: (e: encoding.Encoder) => void, reason: RegExp) => {
      const hostile = await hostileClient(url, team!.tokens.alice);
      const e = encoding.createEncoder();
      encoding.writeVarString(e, 'shared');
      body(e);
      hostile.socket.send(encoding.toUint8Array(e));
      expect((await hostile.closed).reason).toMatch(reason);
      await until(() => team!.log.some((line) => reason.test(line)), `the log to say ${reason}`);
      hostile.destroy();
    };
    await raw((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, new Uint8Array([9, 200, 1, 2, 3])); }, /refused: change of the document: not a readable change of the document/);
    await raw((e) => { encoding.writeVarUint(e, 6); encoding.writeVarString(e, 'to everyone'); }, /refused: broadcast messages are not accepted/);
    await raw((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array(70 * 1024)); }, /refused: presence of 70 KiB, over the limit of 64 KiB/);
    await raw((e) => {
      const state = encoding.createEncoder();
      encoding.writeVarUint(state, 1); encoding.writeVarUint(state, 7); encoding.writeVarUint(state, 1);
      encoding.writeVarString(state, JSON.stringify({ user: { name: { toString: 'x' } } }));
      encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, encoding.toUint8Array(state));
    }, /refused: presence: the user is not a name and a colour/);
    // Nothing of it reached the document, the others or the disk; the others go on editing.
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
    expect([...room.doc.share.keys()].filter((k) => !ROOT_NAMES.has(k))).toEqual([]);
    expect(bob.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'still here' } })).toEqual({ ok: true });
    await until(() => readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('still here') && isCanonical(team!.folder), 'Bob’s edit on disk, and the folder in canonical form');
    expectCanonical(team.folder);
  });

  it('the folder is written atomically and never through a link: a link put at a matrix file is replaced, its target untouched', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const outside = join(team.root, 'outside.csv');
    writeFileSync(outside, 'not the matrix\n');
    renameSync(join(team.folder, 'cells.csv'), join(team.root, 'cells-moved.csv'));
    symlinkSync(outside, join(team.folder, 'cells.csv'));
    alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'written in place' } });
    await until(() => lstatSync(join(team!.folder, 'cells.csv')).isFile() && readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('written in place'), 'the write-back');
    expect(readFileSync(outside, 'utf8')).toBe('not the matrix\n');
    // (Temporary files only while a write is under way; the other files are written in canonical form too, one after another.)
    await until(() => readdirSync(team!.folder).every((f) => !f.endsWith('.tmp')) && isCanonical(team!.folder), 'the writes to end');
    expectCanonical(team.folder);
  });

  it('a client whose change is refused says so, and where', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    alice.doc.getMap('evil').set('x', 'y');
    await until(() => alice.status.refused !== undefined, 'the refusal at the client');
    expect(alice.status).toMatchObject({ state: 'offline', refused: expect.stringMatching(/^change of the document: piece 1 \(client \d+, clock \d+\): “evil” is not a part of the matrix's document$/) });
  });
});

describe('team server: analysts editing one matrix', () => {
  it('concurrent edits to the same and different cells converge on every client and on disk, in canonical form, with who did what', async () => {
    team = await teamServer();
    const [alice, bob, carol] = [await team.join('alice'), await team.join('bob'), await team.join('carol')];
    // A reader of the folder, all along: never a half-written or invalid file.
    let reads = 0;
    let reading = true;
    const badReads: string[] = [];
    const reader = (async () => {
      while (reading) {
        for (const f of ['cells.csv', 'citations.csv']) {
          const text = readFileSync(join(team!.folder, f), 'utf8');
          if (!text.endsWith('\n') || !text.startsWith('dimension,jurisdiction,')) badReads.push(`${f}: ${text.slice(-40)}`);
        }
        const { problems } = loadMatrix('shared', folderFiles(team!.folder));
        for (const p of problems.filter((x) => x.severity === 'error')) badReads.push(`${p.file}:${p.line}: ${p.message}`);
        reads++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    for (let i = 0; i < 10; i++) {
      alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: `Alice ${i}` } });
      bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: `Bob ${i}` } });
      carol.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { observed: `20${10 + i}` } });
      bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: `Bob ${i}` } });
      await new Promise((r) => setTimeout(r, 10));
    }
    alice.store.edit({ type: 'add-citation', dimension: 'stc', jurisdiction: 'north', citation: { source: 'src', quote: 'Claimants must ask for protection' } });
    carol.store.edit({ type: 'add-citation', dimension: 'stc', jurisdiction: 'north', citation: { source: 'src', quote: 'entered into force in December 2004' } });
    await Promise.all([alice, bob, carol].map((c) => c.acknowledged()));
    await until(() => JSON.stringify(files(alice)) === JSON.stringify(files(bob)) && JSON.stringify(files(bob)) === JSON.stringify(files(carol)), 'the three clients to agree');
    const final = files(alice);
    await until(() => MATRIX_FILES.every((f) => folderText(team!.folder, f) === final[f]), 'the folder to hold the matrix');
    reading = false;
    await reader;
    expect(badReads).toEqual([]);
    expect(reads).toBeGreaterThan(5);
    expectCanonical(team.folder);
    const cell = alice.store.snapshot.index!.cells.get(cellKey('detention', 'south'))!;
    expect(cell).toMatchObject({ observed: '2019', note: 'Bob 9' });
    expect(['Alice 9', 'Bob 9']).toContain(note(alice, 'detention', 'north'));
    const stc = alice.store.snapshot.matrix!.citations.filter((c) => c.dimension === 'stc' && c.jurisdiction === 'north');
    expect(stc.map((c) => c.seq).sort()).toEqual([1, 2, 3]);
    // Who did what.
    const history = alice.store.snapshot.edits.history;
    expect(history.filter((e) => e.by === 'Carol' && e.action === 'edit')).toHaveLength(11);
    expect(history.filter((e) => e.by === 'Bob' && e.action === 'edit')).toHaveLength(20);
    expect(history.filter((e) => e.by === 'Alice' && e.action === 'edit')).toHaveLength(11);
    expect(history.filter((e) => e.action === 'merge').length).toBeGreaterThan(0);
    // Every client has every entry (in its own order: each sees its own first).
    const entries = (live: LiveMatrix) => live.store.snapshot.edits.history.map((e) => `${e.by} ${e.action} ${e.label} ${e.at}`).sort();
    expect(entries(bob)).toEqual(entries(alice));
    expect(entries(carol)).toEqual(entries(alice));
  });

  it('an analyst offline for a while keeps editing and merges on return; presence shows who is on which cell', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    const carol = await team.join('carol', 'Carol (offline tester)');
    await until(() => alice.peers.some((p) => p.name === 'Carol (offline tester)'), 'Carol in Alice’s presence');
    carol.store.select(cellKey('detention', 'south'));
    await until(() => alice.peers.find((p) => p.name === 'Carol (offline tester)')?.cell === cellKey('detention', 'south'), 'Carol’s selected cell');
    const states: string[] = [];
    carol.onStatus((s) => states.push(s.state));
    carol.disconnect();
    await until(() => carol.status.state === 'offline', 'offline');
    for (let i = 0; i < 5; i++) carol.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: `offline ${i}` } });
    carol.store.edit({ type: 'add-jurisdiction', jurisdiction: { id: 'west', label: 'West' } });
    expect(carol.status).toMatchObject({ state: 'offline' });
    expect(carol.status.pending).toBeGreaterThan(0);
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { observed: '2003' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(note(alice, 'detention', 'south')).toBe('Note, with a comma');
    carol.connect();
    await carol.acknowledged();
    await until(() => note(alice, 'detention', 'south') === 'offline 4', 'Carol’s offline edits at Alice');
    await until(() => JSON.stringify(files(alice)) === JSON.stringify(files(carol)), 'the two to agree');
    expect(alice.store.snapshot.index!.cells.get(cellKey('detention', 'south'))).toMatchObject({ note: 'offline 4', observed: '2003' });
    expect(alice.store.snapshot.matrix!.jurisdictions.map((j) => j.id)).toContain('west');
    expect(states).toContain('offline');
    expect(carol.status.state).toBe('synced');
  });

  it('a folder changed on disk (a git pull) comes in as a new version, recorded in the history, without undoing analysts’ other edits', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'south', set: { note: 'Alice’s note' } });
    await alice.acknowledged();
    await until(() => readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('Alice’s note'), 'the write-back');
    const before = readFileSync(join(team.folder, 'cells.csv'), 'utf8');
    // As git writes a pulled file: a new file renamed over the old one.
    const pulled = before.replace(/^(stc,north,1,.*,)$/m, '$1pulled from git');
    expect(pulled).not.toBe(before);
    writeFileSync(join(team.folder, '.pull.tmp'), pulled);
    renameSync(join(team.folder, '.pull.tmp'), join(team.folder, 'cells.csv'));
    await until(() => note(alice, 'stc', 'north') === 'pulled from git', 'the pulled version at Alice');
    expect(note(alice, 'detention', 'south')).toBe('Alice’s note');
    const disk = alice.store.snapshot.edits.history.filter((e) => e.action === 'disk');
    expect(disk).toHaveLength(1);
    expect(disk[0].label).toBe('Changed on disk: cells 1 changed');
    expect(disk[0].changes).toEqual([{ target: { kind: 'cell', dimension: 'stc', jurisdiction: 'north' }, field: 'note', old: '', new: 'pulled from git' }]);
    // The server's own writes are not taken for changes on disk.
    alice.store.edit({ type: 'set-cell', dimension: 'year', jurisdiction: 'north', set: { note: 'after the pull' } });
    await alice.acknowledged();
    await until(() => readFileSync(join(team!.folder, 'cells.csv'), 'utf8').includes('after the pull'), 'the next write-back');
    await new Promise((r) => setTimeout(r, 500));
    expect(alice.store.snapshot.edits.history.filter((e) => e.action === 'disk')).toHaveLength(1);
    await until(() => isCanonical(team!.folder), 'the folder in canonical form');
    expectCanonical(team.folder);
    expect(readdirSync(team.folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the server’s state survives a restart; a folder changed while it was down comes in on the next load', async () => {
    team = await teamServer();
    const alice = await team.join('alice');
    alice.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'south', set: { note: 'before restart' } });
    await alice.acknowledged();
    alice.leave();
    await team.server.close();
    const cells = readFileSync(join(team.folder, 'cells.csv'), 'utf8');
    writeFileSync(join(team.folder, 'cells.csv'), cells.replace(/^(year,north,1,.*,)$/m, '$1edited while down'));
    const { startServer } = await import('../../src/sync/server/server.ts');
    const server = await startServer({ matrices: team.matrices, data: team.data, port: 0, writeDelay: 50, pollInterval: 200, log: () => {} });
    team.server = server;
    const back = await joinMatrix({ url: server.url, token: team.tokens.alice, matrix: 'shared', store: new MatrixStore(), WebSocket });
    expect(note(back, 'stc', 'south')).toBe('before restart');
    expect(note(back, 'year', 'north')).toBe('edited while down');
    expect(back.store.snapshot.edits.history.map((e) => e.action)).toEqual(['edit', 'disk']);
    back.leave();
  });
});
