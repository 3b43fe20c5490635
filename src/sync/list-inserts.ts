/**
 * What one transaction inserted into a shared list, from the transaction's new items: Yjs's
 * `event.delta` walks the whole list, and the shared history grows by an entry per edit.
 */
import * as Y from 'yjs';

/** The values `tr` inserted into `list` when in one item (a push); undefined when in several (use `event.delta`). */
export function insertedValues(list: Y.Array<unknown>, tr: Y.Transaction): unknown[] | undefined {
  let found: Y.Item | undefined;
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    const structs = after > before ? tr.doc.store.clients.get(client) : undefined;
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++) {
      const struct = structs[i];
      if (!(struct instanceof Y.Item) || struct.parent !== list || struct.deleted || !struct.countable) continue;
      if (found) return undefined;
      found = struct;
    }
  }
  return found ? found.content.getContent() : [];
}
