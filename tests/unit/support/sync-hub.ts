/**
 * Shared documents wired to one another in memory, as a server wires its clients: each
 * client's updates go to the hub and from there to every other connected client. A client
 * can go offline (its updates wait) and come back (both sides exchange what the other lacks).
 */
import * as Y from 'yjs';
import { loadMatrix } from '../../../src/model/format/load.ts';
import { saveMatrix } from '../../../src/model/format/save.ts';
import { MatrixStore } from '../../../src/state/store.ts';
import { Binding } from '../../../src/sync/binding.ts';
import { writeMatrixDoc } from '../../../src/sync/doc/convert.ts';

const REMOTE = Symbol('remote');

export interface HubClient {
  name: string;
  doc: Y.Doc;
  store: MatrixStore;
  binding: Binding;
  online: boolean;
}

export class Hub {
  readonly doc = new Y.Doc();
  readonly clients: HubClient[] = [];
  server?: { store: MatrixStore; binding: Binding };

  /** `batch`: clients merge others' changes a moment later, several at a time (as the app's client does). */
  constructor(private readonly texts: Record<string, string | undefined>, name = 'shared', private readonly batch = false) {
    const { matrix } = loadMatrix(name, texts);
    writeMatrixDoc(this.doc, name, saveMatrix(matrix));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const c of this.clients) if (c.online && origin !== c) Y.applyUpdate(c.doc, update, REMOTE);
    });
  }

  readonly readSource = async (path: string) => this.texts[path];

  /** A store on the hub's own document that resolves merges into it, as the server does. */
  async serve(): Promise<void> {
    const store = new MatrixStore();
    this.server = { store, binding: await Binding.open(this.doc, store, { user: 'server', readSource: this.readSource, resolveInDoc: true, batch: this.batch }) };
  }

  /** `clientID`: the document's client id, fixed (row ids, and so which of two rows added at once keeps its place, follow from it). */
  async join(name: string, clientID?: number): Promise<HubClient> {
    const doc = new Y.Doc();
    if (clientID !== undefined) doc.clientID = clientID;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc), REMOTE);
    const store = new MatrixStore();
    const binding = await Binding.open(doc, store, { user: name, readSource: this.readSource, batch: this.batch });
    const client: HubClient = { name, doc, store, binding, online: true };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && client.online) Y.applyUpdate(this.doc, update, client);
    });
    this.clients.push(client);
    return client;
  }

  offline(client: HubClient): void {
    client.online = false;
  }

  /** Back online: each side gets what the other lacks. */
  online(client: HubClient): void {
    client.online = true;
    const toHub = Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(this.doc));
    const toClient = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(client.doc));
    Y.applyUpdate(client.doc, toClient, REMOTE);
    Y.applyUpdate(this.doc, toHub, client);
  }
}

/** The canonical files of a store's matrix. */
export const filesOf = (store: MatrixStore): Record<string, string> => saveMatrix(store.snapshot.matrix!);
