/**
 * What one transaction inserted into a shared list, found from the transaction's new items
 * instead of from the list: Yjs's `event.delta` walks the whole list, and the shared history
 * only grows (an entry per edit), so reading a remote edit's history entry through it cost
 * more with every edit made — on the server and on every analyst's app, at every edit of
 * every analyst (on the largest matrix, under 20 analysts' edits, the server's biggest cost).
 */
import * as Y from 'yjs';

/**
 * The values `tr` inserted into `list` (what `event.delta`'s inserts hold), when they are in
 * one item of the list (one push: the common case, an edit's history entry); undefined when
 * the transaction inserted into it in several places (read `event.delta` then, which orders them).
 */
export function insertedValues(list: Y.Array<unknown>, tr: Y.Transaction): unknown[] | undefined {
  let found: Y.Item | undefined;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i];
      if (struct.id.clock >= after) break;
      if (!(struct instanceof Y.Item) || struct.parent !== list || struct.deleted || !struct.countable) continue;
      if (found) return undefined;
      found = struct;
    }
  }
  return found ? found.content.getContent() : [];
}
