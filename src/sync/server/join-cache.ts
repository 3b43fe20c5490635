/**
 * A joiner's first sync answered from a kept encoding of the shared document.
 *
 * Hocuspocus 3.4.4 answers each client's first sync message (y-protocols' SyncStep1, which
 * carries the client's state vector) with `Y.encodeStateAsUpdate(doc, stateVector)`, encoded
 * anew for every joiner and copied twice into the message: on the largest matrix (100,000
 * cells) that is 54 MB and up to seconds of the server's one thread, while every analyst's
 * edits wait. A joiner's document is new (`joinMatrix` makes an empty one), so what it is sent
 * is the whole state, the same bytes for every joiner as long as the document is unchanged.
 * Here that whole answer (the message, ready to send) is kept per document and sent as it is.
 * The document's changes since (its update events, of any origin, in order) are kept beside
 * it and sent right after it, merged into one update: the joiner applies the state as it was,
 * then what changed, and holds the document as it is now, without the server encoding the
 * whole state again while analysts edit. Past a share of the state's size they are dropped
 * with it, and the next joiner makes it again. A joiner with a state of its own (a non-empty
 * state vector: a client reconnecting with what it had) is answered by Hocuspocus as before.
 *
 * Hocuspocus has no hook or option for this: its hooks run asynchronously and cannot answer
 * a message in its place (`beforeHandleMessage` can only let it through or close the
 * connection; `beforeSync` is not awaited). So the one method that reads a sync message,
 * `MessageReceiver.prototype.readSyncMessage` (exported, public), is wrapped: for a document
 * registered here (ours only; other Hocuspocus instances in the process are untouched) and a
 * SyncStep1 with an empty state vector on a connection, it does what Hocuspocus's own
 * code does (call `beforeSync`, send the server's SyncStep1, then SyncStep2 with the whole
 * state, in that order) with the kept bytes; everything else goes to Hocuspocus's code
 * unchanged. Checked against @hocuspocus/server 3.4.4 (src/MessageReceiver.ts); the tests in
 * tests/unit/sync-join-cache.test.ts hold the result to Hocuspocus's own answer.
 */
import { MessageReceiver, OutgoingMessage, type Connection, type Document, type IncomingMessage } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** y-protocols' sync message types. */
const SYNC_STEP_1 = 0 as const;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/**
 * Changes since the kept state are kept while they are smaller than this share of it (at
 * least 256 KB): beyond, a joiner would apply much of the document twice over, and the state
 * is encoded again.
 */
const SINCE_SHARE = 1 / 8;
const SINCE_MIN_BYTES = 256 * 1024;
/** Hocuspocus's MessageType.Sync: a sync answer is always sent as one. */
const MESSAGE_SYNC = 0;

interface Kept {
  readonly message: Uint8Array;
  /** The document's updates since the state was encoded, in order (merged into one when sent). */
  since: Uint8Array[];
  sinceBytes: number;
  // The pending parts of the store go into an encoding too (updates waiting for what they
  // name) but change without an update event: the kept answer is for these ones only.
  readonly pendingStructs: unknown;
  readonly pendingDs: unknown;
}

/** The kept answer of each document registered (WeakMap: an unloaded document is not held). */
const caches = new WeakMap<Y.Doc, JoinCache>();

export class JoinCache {
  private kept: Kept | undefined;
  /** How many answers were made (encoded) and how many sent from what was kept (for tests). */
  made = 0;
  reused = 0;
  private readonly onUpdate = (update: Uint8Array) => {
    const kept = this.kept;
    if (!kept) return;
    kept.sinceBytes += update.length;
    if (kept.sinceBytes > Math.max(SINCE_MIN_BYTES, kept.message.length * SINCE_SHARE)) this.kept = undefined;
    else kept.since.push(update);
  };

  private constructor(private readonly doc: Document) {
    doc.on('update', this.onUpdate);
  }

  /** Answer the first sync of `doc`'s joiners from a kept encoding (see above). */
  static register(doc: Document): JoinCache {
    installOnce();
    let cache = caches.get(doc);
    if (!cache) {
      cache = new JoinCache(doc);
      caches.set(doc, cache);
    }
    return cache;
  }

  static of(doc: Y.Doc): JoinCache | undefined {
    return caches.get(doc);
  }

  /**
   * Keep `state`, the whole state as `Y.encodeStateAsUpdate(doc)` gives it *now* (the store's
   * fold makes exactly that): the next joiner is then answered without encoding.
   */
  keep(state: Uint8Array): void {
    this.kept = this.answer(state);
  }

  /**
   * The whole sync answer for a joiner with nothing, in the order to send it: SyncStep2 with
   * the kept state, then (when the document changed since) one update with the changes since.
   */
  messages(): Uint8Array[] {
    const { store } = this.doc;
    if (!this.kept || this.kept.pendingStructs !== store.pendingStructs || this.kept.pendingDs !== store.pendingDs) {
      this.kept = this.answer(Y.encodeStateAsUpdate(this.doc));
      this.made++;
    } else {
      this.reused++;
    }
    const { kept } = this;
    if (kept.since.length === 0) return [kept.message];
    // Merged once for all the joiners until the next change (the list then holds the merge).
    if (kept.since.length > 1) kept.since = [Y.mergeUpdates(kept.since)];
    return [kept.message, this.syncMessage(SYNC_UPDATE, kept.since[0])];
  }

  private answer(state: Uint8Array): Kept {
    const { store } = this.doc;
    return { message: this.syncMessage(SYNC_STEP_2, state), since: [], sinceBytes: 0, pendingStructs: store.pendingStructs, pendingDs: store.pendingDs };
  }

  /** A sync message of this document (Hocuspocus's layout: name, MessageType.Sync, then y-protocols' kind and update). */
  private syncMessage(kind: number, update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.doc.name);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarUint8Array(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  /** Stop (the document is unloaded). */
  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.kept = undefined;
    caches.delete(this.doc);
  }
}

/** A state vector naming no client: the joiner has nothing yet. */
function isEmptyStateVector(vector: Uint8Array): boolean {
  try {
    return Y.decodeStateVector(vector).size === 0;
  } catch {
    return false;
  }
}

let installed = false;

function installOnce(): void {
  if (installed) return;
  installed = true;
  const original = MessageReceiver.prototype.readSyncMessage;
  MessageReceiver.prototype.readSyncMessage = function readSyncMessage(
    this: MessageReceiver,
    message: IncomingMessage,
    document: Document,
    connection?: Connection,
    reply?: (message: Uint8Array) => void,
    requestFirstSync = true,
  ) {
    const cache = caches.get(document);
    // `reply` is Hocuspocus's path for server-side (direct) connections: left to it.
    if (cache && connection && !reply) {
      const start = message.decoder.pos;
      const type = decoding.readVarUint(message.decoder);
      if (type === SYNC_STEP_1) {
        const vector = message.peekVarUint8Array();
        if (isEmptyStateVector(vector)) {
          decoding.readVarUint8Array(message.decoder);
          // As Hocuspocus's own answer (MessageReceiver.readSyncMessage, case SyncStep1):
          // the hook, then the server's SyncStep1 (sent on a connection whatever
          // `requestFirstSync` says), then the SyncStep2 that `apply` would send after it
          // (here the kept state, and the changes since as an update, as Hocuspocus sends
          // every change to the connections).
          void connection.callbacks.beforeSync(connection, { type, payload: vector });
          connection.send(new OutgoingMessage(document.name).createSyncMessage().writeFirstSyncStepFor(document).toUint8Array());
          for (const part of cache.messages()) connection.send(part);
          // Nothing was written to `message`'s encoder, so `apply` sends nothing more.
          return SYNC_STEP_1;
        }
      }
      message.decoder.pos = start;
    }
    return original.call(this, message, document, connection, reply, requestFirstSync);
  };
}
