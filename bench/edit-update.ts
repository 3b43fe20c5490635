/**
 * The Yjs update an analyst's app sends for one edit of a cell's field, made without applying
 * the edit to a document: the bench's simulated editors (sync-editors.ts) share one copy of
 * the document, which holds only what the server sent, and each editor's edit must name only
 * what the server already has (as an analyst's app does: its document holds what the server
 * sent and its own edits). The bytes are those Yjs writes (v1 update encoding) for the
 * binding's transaction — the field set in the table's fields map (taking the place of the
 * field's current value, which it deletes) and the history entry pushed after the last one —
 * as tests/unit/sync-edit-update.test.ts checks against Yjs itself.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { TableName } from '../src/model/types.ts';
import { HISTORY, SEP, fieldKey, fieldsName } from '../src/sync/doc/layout.ts';

/** Item info bits (Yjs's Item.write): an origin follows; the item is a map entry; its content is JSON (ContentAny). */
const HAS_ORIGIN = 0b1000_0000;
const IS_MAP_ENTRY = 0b0010_0000;
const CONTENT_ANY = 8;

interface NewItem {
  /** The item it follows (its left neighbour's last id), or none: then the parent is named. */
  readonly origin: Y.ID | null;
  readonly parent: string;
  readonly key: string | null;
  readonly value: unknown;
}

function writeItem(e: encoding.Encoder, item: NewItem): void {
  encoding.writeUint8(e, CONTENT_ANY | (item.origin ? HAS_ORIGIN : 0) | (item.key !== null ? IS_MAP_ENTRY : 0));
  if (item.origin) {
    encoding.writeVarUint(e, item.origin.client);
    encoding.writeVarUint(e, item.origin.clock);
  } else {
    // A top-level type, named.
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, item.parent);
    if (item.key !== null) encoding.writeVarString(e, item.key);
  }
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, item.value as Parameters<typeof encoding.writeAny>[1]);
}

const lastId = (item: Y.Item): Y.ID => Y.createID(item.id.client, item.id.clock + item.length - 1);

/** The last item of a list (deleted or not), walking on from `from` (a list only grows at its end's right). */
export function listEnd(list: Y.Array<unknown>, from: Y.Item | null = null): Y.Item | null {
  let item = from ?? (list as unknown as { _start: Y.Item | null })._start;
  while (item?.right) item = item.right;
  return item;
}

export interface FieldEdit {
  readonly table: TableName;
  readonly rowKey: string;
  readonly rowId: string;
  readonly column: string;
  readonly value: string;
  /** The history entry (as stored: toStored). */
  readonly entry: unknown;
}

/**
 * The update of `edit` by Yjs client `client`, whose next clock is `clock` (it takes two),
 * against `doc` as it is now; `historyEnd` is the history's last item (listEnd).
 */
export function fieldEditUpdate(doc: Y.Doc, client: number, clock: number, edit: FieldEdit, historyEnd: Y.Item | null): Uint8Array {
  const fields = doc.getMap(fieldsName(edit.table)) as unknown as { _map: Map<string, Y.Item> };
  const key = fieldKey(edit.rowKey, edit.column);
  const current = fields._map.get(key) ?? null;
  const e = encoding.createEncoder();
  // Structs: one client, two items from `clock`.
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  writeItem(e, { origin: current ? lastId(current) : null, parent: fieldsName(edit.table), key, value: edit.rowId + SEP + edit.value });
  writeItem(e, { origin: historyEnd ? lastId(historyEnd) : null, parent: HISTORY, key: null, value: edit.entry });
  // Delete set: the field's value it replaces.
  if (current && !current.deleted) {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, current.id.client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, current.id.clock);
    encoding.writeVarUint(e, current.length);
  } else {
    encoding.writeVarUint(e, 0);
  }
  return encoding.toUint8Array(e);
}
