/**
 * Simulated editors of the `sync` bench case, in a process of their own (so their work does
 * not share a thread with the client that measures): each connects to the team server as an
 * analyst's app does (a Hocuspocus provider, a WebSocket of its own, its own Yjs client id and
 * presence), then edits a random cell's note `rate` times a second, each edit one transaction
 * with its history entry, as the binding writes it. The note carries the time the edit was
 * made, for the measuring client.
 *
 * Why the simulation is faithful, though the editors share one copy of the document: 20
 * analysts on 20 machines each hold the document and apply every other analyst's edit on
 * their own processor. Twenty copies of the 100,000-cell document in one process on the
 * bench's shared two cores applied 3,800 updates a second between them (most of that
 * process's time, with its garbage collection) and fell behind: it made about 2,500 of the
 * 4,000 edits asked for, and took processor time from the server being measured. Here the
 * editors share one document that holds only what the server sent (every editor's
 * connection applies what it receives; an update the document already has changes nothing),
 * and each editor's edit is written as the update the app's binding would send from an
 * up-to-date document (edit-update.ts: the same bytes, tests/unit/sync-edit-update.test.ts),
 * under the editor's own Yjs client id, on that editor's own connection. An edit names only
 * what the server has, as an analyst's would: the server never receives an edit before one
 * it builds on (one editor's edits go out on one connection, in order). So the server
 * receives from each of 20 connections exactly the messages an analyst's app sends,
 * acknowledges each once stored, and sends each editor every other editor's update: the
 * server's work, which is what is measured, is the same. Only the analysts' own work of
 * applying others' edits is done once instead of 20 times. (An editor's next edit does not
 * yet build on its own previous one while the server has not sent it back: it is then
 * concurrent with it, as two analysts' edits made at once are.)
 *
 * The edits are made on a fixed schedule (editor e's n-th edit at start + n / rate s, each
 * stamped when it is made): a busy moment delays edits, it does not drop them, so the
 * editors make the full load (editors × rate × seconds) and say how many they made.
 *
 *   node dist/bench/sync-editors.js <server url> <token> <matrix> <editors> <rate> <seconds>
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DocRows } from '../src/sync/doc/doc-rows.ts';
import { fieldEditUpdate, listEnd } from './edit-update.ts';
import { toStored } from '../src/sync/doc/shared-history.ts';

const [url, token, matrix, count, rate, seconds] = process.argv.slice(2);
const editors = Number(count);
const perSecond = Number(rate);

/** The document the editors share: what the server sent (see the file's comment). */
const doc = new Y.Doc();

interface Editor { clientID: number; clock: number; provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; made: number }

async function connect(clientID: number): Promise<Editor> {
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, WebSocketPolyfill: WebSocket });
  // Each editor is its own Yjs client: its presence (made with the provider) carries its own id too.
  doc.clientID = clientID;
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: matrix, document: doc, token });
  // An editor's connection sends only that editor's edits (below), never what the shared document receives.
  doc.off('update', provider.boundDocumentUpdateHandler);
  provider.attach();
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  return { clientID, clock: 0, provider, socket, made: 0 };
}

const all: Editor[] = [];
const ids = new Set<number>();
for (let i = 0; i < editors; i++) {
  let id = 0;
  while (id === 0 || ids.has(id)) id = 1 + Math.floor(Math.random() * (2 ** 31 - 2));
  ids.add(id);
  all.push(await connect(id));
}
// The cells to edit: every row of the cells blocks (as the document has them).
const rows = new DocRows(doc);
const targets = [...rows.blocks('cells').keys()].flatMap((b) => rows.blockRows('cells', b).map((r) => r));
/** The history's last item, followed as the history grows (found once from its start). */
let historyEnd = listEnd(rows.history);
process.stdout.write(`ready ${targets.length}\n`);

/** One edit of editor e, as that analyst's app makes it, sent on that editor's connection. */
function edit(editor: Editor, e: number): void {
  const target = targets[Math.floor(Math.random() * targets.length)];
  const [dimension, jurisdiction] = JSON.parse(target.rowKey) as string[];
  const note = `bench ${e} ${editor.made++} ${Date.now()}`;
  historyEnd = listEnd(rows.history, historyEnd);
  const entry = toStored({ at: Date.now(), action: 'edit', label: 'Edit note', by: `editor ${e}`, changes: [{ target: { kind: 'cell', dimension, jurisdiction }, field: 'note', old: '', new: note }] });
  const update = fieldEditUpdate(doc, editor.clientID, editor.clock, { table: 'cells', rowKey: target.rowKey, rowId: target.rowId, column: 'note', value: note, entry }, historyEnd);
  editor.clock += 2;
  // As the provider sends a change of its document (counted until the server acknowledges it).
  editor.provider.documentUpdateHandler(update, 'editor');
}

const start = Date.now();
const end = start + Number(seconds) * 1000;
const perEditor = Math.round(Number(seconds) * perSecond);
await Promise.all(all.map((editor, e) => new Promise<void>((resolve) => {
  // Editors start at random moments of the first interval, then keep to their schedule.
  const offset = Math.random() * (1000 / perSecond);
  const tick = () => {
    while (editor.made < perEditor && Date.now() >= start + offset + (editor.made * 1000) / perSecond) edit(editor, e);
    if (editor.made >= perEditor) return resolve();
    setTimeout(tick, Math.max(0, start + offset + (editor.made * 1000) / perSecond - Date.now()));
  };
  setTimeout(tick, offset);
})));
const made = all.reduce((n, e) => n + e.made, 0);
const late = Math.max(0, Date.now() - end);
// Let the last edits be acknowledged.
await Promise.all(all.map((e) => new Promise<void>((resolve) => {
  const check = () => (e.provider.unsyncedChanges === 0 ? resolve() : setTimeout(check, 20));
  check();
})));
process.stdout.write(`done ${made} late ${late}\n`);
for (const e of all) {
  e.provider.destroy();
  e.socket.destroy();
}
process.exit(0);
