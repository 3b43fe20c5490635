/**
 * Where drafts live: one record per matrix origin (its URL, or what it was opened from),
 * holding the matrix's canonical files (saveMatrix), its change history and a revision
 * number. Writes are compare-and-set on the revision, so two tabs never overwrite each
 * other silently: a writer whose base revision is stale is told so instead.
 */
import type { HistoryEntry } from '../model/edit/history.ts';

export interface DraftRecord {
  /** The matrix origin the draft is for (the key). */
  origin: string;
  /** 1, 2, … : bumped by every write, a discard included. */
  revision: number;
  /** The matrix's canonical files; undefined once the draft was discarded. */
  files?: Record<string, string>;
  history?: HistoryEntry[];
  /** When it was written (ms since the epoch). */
  savedAt: number;
  /** Which editor (tab or element) wrote it. */
  writer: string;
}

export type PutResult = { ok: true; revision: number } | { ok: false; current: DraftRecord | undefined };

export interface DraftStorage {
  get(origin: string): Promise<DraftRecord | undefined>;
  /** Write `record` as revision base + 1 if the stored revision is still `base` (0 = none stored). */
  put(record: Omit<DraftRecord, 'revision'>, base: number): Promise<PutResult>;
}

const STORE = 'drafts';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Drafts in IndexedDB (database `name`, object store `drafts`, keyed by origin). */
export class IndexedDbDraftStorage implements DraftStorage {
  private db: Promise<IDBDatabase> | undefined;

  constructor(readonly name = 'policy-matrix-drafts') {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(this.name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'origin' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('cannot open IndexedDB'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  async get(origin: string): Promise<DraftRecord | undefined> {
    const db = await this.open();
    return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(origin))) as DraftRecord | undefined;
  }

  async put(record: Omit<DraftRecord, 'revision'>, base: number): Promise<PutResult> {
    const db = await this.open();
    // One readwrite transaction: read and write are atomic with respect to other tabs.
    const tx = db.transaction(STORE, 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const store = tx.objectStore(STORE);
    const current = (await request(store.get(record.origin))) as DraftRecord | undefined;
    if ((current?.revision ?? 0) !== base) {
      tx.abort();
      await done.catch(() => undefined);
      return { ok: false, current };
    }
    const revision = base + 1;
    store.put({ ...record, revision });
    await done;
    return { ok: true, revision };
  }

  /** Delete the database (tests). */
  static async drop(name: string): Promise<void> {
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    });
  }
}

/** Drafts in memory (tests, or where IndexedDB is not available). */
export class MemoryDraftStorage implements DraftStorage {
  readonly records = new Map<string, DraftRecord>();
  /** Set to make every write fail with this error (e.g. a QuotaExceededError). */
  failWith: Error | undefined;

  async get(origin: string): Promise<DraftRecord | undefined> {
    const r = this.records.get(origin);
    return r && structuredClone(r);
  }

  async put(record: Omit<DraftRecord, 'revision'>, base: number): Promise<PutResult> {
    if (this.failWith) throw this.failWith;
    const current = this.records.get(record.origin);
    if ((current?.revision ?? 0) !== base) return { ok: false, current: current && structuredClone(current) };
    this.records.set(record.origin, structuredClone({ ...record, revision: base + 1 }));
    return { ok: true, revision: base + 1 };
  }
}
