/**
 * Drafts in the browser's IndexedDB: what one editor writes, another (a new page, another
 * tab) reads back whole, however the writes were split between the stores; stale writers are
 * refused; a database written by an earlier version of the tool is still read. Large files
 * are stored in pieces, so that no single copy for the database is a long task.
 */
import { expect } from '@open-wc/testing';
import { IndexedDbDraftStorage, PIECE_CHARS, pieces, type DraftRecord } from '../../src/state/draft-storage.ts';

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
    await writeRaw(name, 1, (tx) => {
      tx.objectStore('drafts').put({ ...record({ 'cells.csv': 'old\n', 'citations.csv': 'old cites\n' }), revision: 5 });
    });
    const storage = new IndexedDbDraftStorage(name);
    const old = await storage.get(ORIGIN);
    expect(old!.revision).to.equal(5);
    expect(old!.files).to.deep.equal({ 'cells.csv': 'old\n', 'citations.csv': 'old cites\n' });
    expect((await storage.put(record({ 'cells.csv': 'new\n', 'citations.csv': 'old cites\n' }), 5)).ok).to.equal(true);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'new\n', 'citations.csv': 'old cites\n' });
    await IndexedDbDraftStorage.drop(name);
  });

  it('stores a large file in pieces and reads it back exactly; a shorter rewrite leaves no stale piece', async () => {
    const name = dbName();
    const writer = new IndexedDbDraftStorage(name);
    // Two and a half pieces, with a surrogate pair (an emoji) across every cut.
    const line = 'cell,quote 😀 “curly”\n';
    let big = line.repeat(Math.ceil((PIECE_CHARS * 2.5) / line.length));
    for (const cut of [PIECE_CHARS, 2 * PIECE_CHARS]) big = big.slice(0, cut - 1) + '😀' + big.slice(cut + 1);
    expect(await writer.put(record({ 'cells.csv': 'a\n', 'citations.csv': big }), 0)).to.deep.equal({ ok: true, revision: 1 });
    expect(await storedKeys(name, 'citations.csv')).to.deep.equal([0, 1, 2]);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files!['citations.csv'] === big).to.equal(true);
    // Shorter: one piece; the others are gone, and what is read is the new text.
    expect((await writer.put(record({ 'cells.csv': 'a\n', 'citations.csv': 'short\n' }), 1)).ok).to.equal(true);
    expect(await storedKeys(name, 'citations.csv')).to.deep.equal([0]);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'a\n', 'citations.csv': 'short\n' });
    await IndexedDbDraftStorage.drop(name);
  });

  it('reads a draft whose files were stored whole (before pieces), and writes over it', async () => {
    const name = dbName();
    await writeRaw(name, 2, (tx) => {
      tx.objectStore('drafts').put({ ...record(undefined), revision: 3, fileNames: ['cells.csv', 'citations.csv'] });
      tx.objectStore('files').put('whole cells\n', [ORIGIN, 'cells.csv']);
      tx.objectStore('files').put('whole cites\n', [ORIGIN, 'citations.csv']);
    });
    const storage = new IndexedDbDraftStorage(name);
    expect((await storage.get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'whole cells\n', 'citations.csv': 'whole cites\n' });
    expect((await storage.put(record({ 'cells.csv': 'new\n', 'citations.csv': 'whole cites\n' }), 3)).ok).to.equal(true);
    expect((await new IndexedDbDraftStorage(name).get(ORIGIN))!.files).to.deep.equal({ 'cells.csv': 'new\n', 'citations.csv': 'whole cites\n' });
    // Every file now in pieces: no value left under the old key.
    expect(await storedKeys(name, 'cells.csv')).to.deep.equal([0]);
    expect(await storedKeys(name, 'citations.csv')).to.deep.equal([0]);
    await IndexedDbDraftStorage.drop(name);
  });

  it('cuts a text into pieces that join to it, never inside a surrogate pair', () => {
    expect(pieces('')).to.deep.equal(['']);
    expect(pieces('abcdefg', 3)).to.deep.equal(['abc', 'def', 'g']);
    expect(pieces('ab😀cd', 3)).to.deep.equal(['ab', '😀c', 'd']);
    for (let size = 2; size < 9; size++) {
      const text = 'a😀bc😀😀d“e”😀'.repeat(5);
      const parts = pieces(text, size);
      expect(parts.join('')).to.equal(text);
      for (const part of parts) {
        expect(part.length).to.be.within(1, size);
        expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(part), `a cut pair in ${JSON.stringify(part)}`).to.equal(false);
      }
    }
  });
});

/** The piece numbers stored for a file of ORIGIN ('whole' for a value under [origin, name]). */
async function storedKeys(name: string, file: string): Promise<(number | string)[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
    const r = db.transaction('files').objectStore('files').getAllKeys(IDBKeyRange.bound([ORIGIN, file], [ORIGIN, file, Infinity]));
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  db.close();
  return keys.map((k) => ((k as unknown[]).length === 2 ? 'whole' : ((k as unknown[])[2] as number)));
}

/**
 * Write a database as an earlier version of the tool left it: version 1 had only the `drafts`
 * store (files inside each record), version 2 added `files` (each file whole, before pieces).
 */
async function writeRaw(name: string, version: 1 | 2, write: (tx: IDBTransaction) => void): Promise<void> {
  const stores = version === 1 ? ['drafts'] : ['drafts', 'files'];
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name, version);
    r.onupgradeneeded = () => {
      r.result.createObjectStore('drafts', { keyPath: 'origin' });
      if (version === 2) r.result.createObjectStore('files');
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(stores, 'readwrite');
    write(tx);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}
