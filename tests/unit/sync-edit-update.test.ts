// The bench's simulated editors send, for an edit, the bytes an analyst's app sends: the
// update made without applying the edit (bench/edit-update.ts) is byte for byte the one Yjs
// writes for the binding's transaction on an up-to-date copy of the document.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldEditUpdate, listEnd, type FieldEdit } from '../../bench/edit-update.ts';
import { DocRows } from '../../src/sync/doc/doc-rows.ts';
import { toStored } from '../../src/sync/doc/shared-history.ts';

const entry = (note: string) => toStored({ at: 1, action: 'edit', label: 'Edit note', by: 'editor 1', changes: [{ target: { kind: 'cell', dimension: 'd', jurisdiction: 'j' }, field: 'note', old: '', new: note }] });

/** The update the app's binding sends for `edit`, made in a copy of `doc` by client `client`. */
function byYjs(doc: Y.Doc, client: number, edit: FieldEdit): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  // (Set after: Yjs gives a copy a new id when what it receives holds its own.)
  copy.clientID = client;
  let update: Uint8Array | undefined;
  copy.on('update', (u: Uint8Array) => (update = u));
  const rows = new DocRows(copy);
  copy.transact(() => {
    rows.setField(edit.table, edit.rowKey, edit.rowId, edit.column, edit.value);
    rows.history.push([edit.entry]);
  });
  return update!;
}

describe('a simulated editor’s update', () => {
  it('is the update Yjs makes: a field set for the first time, a field set again, after others’ history entries', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const rows = new DocRows(doc);
    const client = 99;
    let clock = 0;
    const edits: FieldEdit[] = [
      { table: 'cells', rowKey: '["d","j"]', rowId: 'r1', column: 'note', value: 'first', entry: entry('first') },
      { table: 'cells', rowKey: '["d","j"]', rowId: 'r1', column: 'note', value: 'second', entry: entry('second') },
      { table: 'cells', rowKey: '["e","j"]', rowId: 'r2', column: 'value', value: 'x', entry: entry('x') },
    ];
    // Another analyst's edits in between: the history's end and the field's value are theirs.
    doc.transact(() => {
      rows.history.push([entry('other'), entry('other 2')]);
      rows.setField('cells', '["e","j"]', 'r2', 'value', 'theirs');
    });
    for (const edit of edits) {
      const ours = fieldEditUpdate(doc, client, clock, edit, listEnd(rows.history));
      expect(ours).toEqual(byYjs(doc, client, edit));
      // The server sends it back: the document has it.
      Y.applyUpdate(doc, ours);
      clock += 2;
      expect(rows.fields(edit.table).get(`${edit.rowKey}\u0001${edit.column}`)).toBe(`${edit.rowId}\u0001${edit.value}`);
    }
    expect(rows.history.length).toBe(5);
  });

  it('follows the last history entry even when it is deleted, found from an earlier end', () => {
    const doc = new Y.Doc();
    const rows = new DocRows(doc);
    rows.history.push([entry('a')]);
    const end = listEnd(rows.history);
    rows.history.push([entry('b'), entry('c')]);
    rows.history.delete(2, 1);
    const edit: FieldEdit = { table: 'cells', rowKey: '["d","j"]', rowId: 'r1', column: 'note', value: 'n', entry: entry('n') };
    expect(fieldEditUpdate(doc, 5, 0, edit, listEnd(rows.history, end))).toEqual(byYjs(doc, 5, edit));
  });
});
