/**
 * Spare the client re-encoding what the server sent. After every transaction, Yjs encodes
 * the transaction's changes as an update for the document's `update` listeners, whenever
 * there is one. On a client the only one is the provider's, which sends one's own changes to
 * the server and drops, unread, the changes it applied itself from the server (their origin
 * is the provider). For a join that encoding is the whole matrix: about 0.3 s of a
 * 100,000-cell join spent making 54 MB that are thrown away.
 *
 * So the provider's listener is taken off for exactly the transactions it would ignore:
 * Yjs emits `afterTransactionCleanup` just before it looks for `update` listeners, for each
 * transaction in turn, so the listener is off for the provider's transactions and back on
 * for every other (one's own edits, made in the same run of cleanups or later, are still
 * encoded and sent).
 */
import type { HocuspocusProvider } from '@hocuspocus/provider';
import type * as Y from 'yjs';

export function skipEncodingRemoteUpdates(doc: Y.Doc, provider: HocuspocusProvider): () => void {
  const listener = provider.boundDocumentUpdateHandler;
  let off = false;
  const set = (remote: boolean) => {
    if (remote === off) return;
    off = remote;
    if (remote) doc.off('update', listener);
    else doc.on('update', listener);
  };
  const onCleanup = (tr: Y.Transaction) => set(tr.origin === provider);
  // Back on before any other transaction, and after the last cleanup of this run.
  const onBefore = () => set(false);
  const restore = () => queueMicrotask(() => set(false));
  doc.on('afterTransactionCleanup', onCleanup);
  doc.on('beforeTransaction', onBefore);
  doc.on('afterTransaction', restore);
  return () => {
    doc.off('afterTransactionCleanup', onCleanup);
    doc.off('beforeTransaction', onBefore);
    doc.off('afterTransaction', restore);
    set(false);
  };
}
