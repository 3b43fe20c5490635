/**
 * Drafts in the browser's IndexedDB: what one editor writes, another (a new page, another
 * tab) reads back whole, however the writes were split between the stores; stale writers are
 * refused; a database written by an earlier version of the tool is still read.
 */
import { expect } from '@open-wc/testing';
import { IndexedDbDraftStorage, type DraftRecord } from '../../src/state/draft-storage.ts';

let n = 0;
const dbName = () => `draft-storage-test-${Date.now()}-${++n}`;
const ORIGIN = 'https://example.org/matrices/eu-north-america/';

const record = (files: Record<string, string> | undefined, savedAt = 1): Omit<DraftRecord, 'revision'> => ({
  origin: ORIGIN, files, history: [], savedAt, writer: 'test',
});

describe('drafts in IndexedDB', () => {
  it('a fresh reader gets every file of the last write, changed or not', async () => {
    const name = dbName();
    const writer = new IndexedDbDraftStorage(name);
    const big = 'dimension,jurisdiction\n' + 'd,j\n'.repeat(50_000);
    expect(await writer.put(record({ 'cells.csv': 'a\n', 'citations.csv': big }), 0)).to.deep.equal({ ok: true, revision: 1 });
    // Second write: cells.csv changed, citations.csv is the same text.
    expect(await writer.put(record({ 'cells.csv': 'b\n', 'citations.csv': big }, 2), 1)).to.deep.equal({ ok: true, revision: 2 });
    const read = await new IndexedDbDraftStorage(name).get(ORIGIN);
    expect(read!.revision).to.equal(2);
    expect(read!.savedAt).to.equal(2);
    expect(read!.files).to.deep.equal({ 'cells.csv': 'b\n', 'citations.csv': big });
    // A file no longer in the draft is gone; a discarded draft has no files.
    await writer.put(record({ 'cells.csv': 'c\n' }), 2);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'c\n' });
    await writer.put(record(undefined), 3);
    const discarded = await new IndexedDbDraftStorage(name).get(ORIGIN);
    expect(discarded!.revision).to.equal(4);
    expect(discarded!.files).to.equal(undefined);
    await IndexedDbDraftStorage.drop(name);
  });

  it('refuses a stale write and gives the stored draft whole; the other writer then writes every file', async () => {
    const name = dbName();
    const a = new IndexedDbDraftStorage(name);
    const b = new IndexedDbDraftStorage(name);
    await a.put(record({ 'cells.csv': 'from a\n', 'citations.csv': 'same\n' }), 0);
    const refused = await b.put(record({ 'cells.csv': 'from b\n', 'citations.csv': 'same\n' }), 0);
    expect(refused.ok).to.equal(false);
    expect(refused.ok === false && refused.current?.files).to.deep.equal({ 'cells.csv': 'from a\n', 'citations.csv': 'same\n' });
    // B takes over (writes on the current revision); then A, now stale, is refused in turn.
    expect(await b.put(record({ 'cells.csv': 'from b\n', 'citations.csv': 'same\n' }), 1)).to.deep.equal({ ok: true, revision: 2 });
    expect((await a.put(record({ 'cells.csv': 'from a again\n', 'citations.csv': 'same\n' }), 1)).ok).to.equal(false);
    // A loads B's version and writes on it: the unchanged file is still B's text.
    expect((await a.put(record({ 'cells.csv': 'from a on b\n', 'citations.csv': 'same\n' }), 2)).ok).to.equal(true);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'from a on b\n', 'citations.csv': 'same\n' });
    await IndexedDbDraftStorage.drop(name);
  });

  it('reads a draft stored by the first version (files inside the record), and writes over it', async () => {
    const name = dbName();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore('drafts', { keyPath: 'origin' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put({ ...record({ 'cells.csv': 'old\n', 'citations.csv': 'old cites\n' }), revision: 5 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const storage = new IndexedDbDraftStorage(name);
    const old = await storage.get(ORIGIN);
    expect(old!.revision).to.equal(5);
    expect(old!.files).to.deep.equal({ 'cells.csv': 'old\n', 'citations.csv': 'old cites\n' });
    expect((await storage.put(record({ 'cells.csv': 'new\n', 'citations.csv': 'old cites\n' }), 5)).ok).to.equal(true);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'new\n', 'citations.csv': 'old cites\n' });
    await IndexedDbDraftStorage.drop(name);
  });
});
