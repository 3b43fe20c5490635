// A remote edit's history entry is read from the transaction's new item, not through
// event.delta (which walks the whole history): the two must agree on every transaction.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertedValues } from '../../src/sync/list-inserts.ts';

describe('insertedValues', () => {
  it('gives what event.delta inserts whenever it answers, for local, remote, concurrent and deleting transactions', () => {
    const docs = [0, 1, 2].map((i) => {
      const doc = new Y.Doc();
      doc.clientID = 10 + i;
      return doc;
    });
    let compared = 0;
    let answered = 0;
    for (const doc of docs) {
      const list = doc.getArray<unknown>('history');
      list.observe((event, tr) => {
        const expected = event.delta.flatMap((part) => (part.insert as unknown[] | undefined) ?? []);
        const got = insertedValues(list, tr);
        compared++;
        if (got === undefined) {
          expect(expected.length).toBeGreaterThan(0);
          return;
        }
        answered++;
        expect(got).toEqual(expected);
      });
      // Unrelated changes in the same transactions must not count.
      doc.getMap('cells.');
    }
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sync = (a: Y.Doc, b: Y.Doc) => Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    for (let step = 0; step < 400; step++) {
      const doc = docs[Math.floor(random() * docs.length)];
      const list = doc.getArray<unknown>('history');
      const r = random();
      if (r < 0.4) doc.transact(() => {
        list.push([{ step }]);
        doc.getMap('cells.').set(`k${step % 5}`, `v${step}`);
      });
      else if (r < 0.5) list.push([{ step }, { step: step + 0.5 }]);
      else if (r < 0.6 && list.length > 0) list.delete(Math.floor(random() * list.length), 1);
      else if (r < 0.65) doc.transact(() => {
        list.push([{ step }]);
        list.delete(list.length - 1, 1);
      });
      else if (r < 0.7) list.insert(0, [{ step, first: true }]);
      else {
        // Another analyst's edits arrive (one at a time, or several at once).
        const other = docs[Math.floor(random() * docs.length)];
        if (other !== doc) sync(other, doc);
      }
    }
    for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
    expect(docs.map((d) => JSON.stringify(d.getArray('history').toJSON()))).toEqual(Array(3).fill(JSON.stringify(docs[0].getArray('history').toJSON())));
    expect(compared).toBeGreaterThan(300);
    // Most transactions (one push) are answered without the delta.
    expect(answered / compared).toBeGreaterThan(0.5);
  });
});
