/**
 * Simulated editors of the `sync` bench case, in a process of their own (so their work does
 * not share a thread with the client that measures): each connects to the team server as an
 * analyst would, then edits a random cell's note `rate` times a second, each edit one
 * transaction with its history entry, as the binding writes it. The note carries the time
 * the edit was made, for the measuring client.
 *
 *   node dist/bench/sync-editors.js <server url> <token> <matrix> <editors> <rate> <seconds>
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DocRows } from '../src/sync/doc/doc-rows.ts';
import { toStored } from '../src/sync/doc/shared-history.ts';

const [url, token, matrix, count, rate, seconds] = process.argv.slice(2);
const editors = Number(count);
const perSecond = Number(rate);

interface Editor { doc: Y.Doc; provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket; made: number }

async function connect(): Promise<Editor> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: matrix, document: doc, token });
  provider.attach();
  await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  return { doc, provider, socket, made: 0 };
}

const all: Editor[] = [];
for (let i = 0; i < editors; i++) all.push(await connect());
// The cells to edit: every row of the cells blocks (as the document has them).
const rows = new DocRows(all[0].doc);
const targets = [...rows.blocks('cells').keys()].flatMap((b) => rows.blockRows('cells', b).map((r) => r));
process.stdout.write(`ready ${targets.length}\n`);

const end = Date.now() + Number(seconds) * 1000;
await Promise.all(all.map((editor, e) => new Promise<void>((resolve) => {
  const rows = new DocRows(editor.doc);
  const tick = () => {
    if (Date.now() >= end) return resolve();
    const target = targets[Math.floor(Math.random() * targets.length)];
    const [dimension, jurisdiction] = JSON.parse(target.rowKey) as string[];
    const note = `bench ${e} ${editor.made++} ${Date.now()}`;
    editor.doc.transact(() => {
      rows.setField('cells', target.rowKey, target.rowId, 'note', note);
      rows.history.push([toStored({ at: Date.now(), action: 'edit', label: 'Edit note', by: `editor ${e}`, changes: [{ target: { kind: 'cell', dimension, jurisdiction }, field: 'note', old: '', new: note }] })]);
    }, 'editor');
    setTimeout(tick, 1000 / perSecond);
  };
  setTimeout(tick, Math.random() * (1000 / perSecond));
})));
const made = all.reduce((n, e) => n + e.made, 0);
// Let the last edits be acknowledged.
await Promise.all(all.map((e) => new Promise<void>((resolve) => {
  const check = () => (e.provider.unsyncedChanges === 0 ? resolve() : setTimeout(check, 20));
  check();
})));
process.stdout.write(`done ${made}\n`);
for (const e of all) {
  e.provider.destroy();
  e.socket.destroy();
}
process.exit(0);
