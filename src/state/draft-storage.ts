/**
 * Where drafts live: one record per matrix origin (its URL, or what it was opened from),
 * holding the matrix's canonical files (saveMatrix), its change history and a revision
 * number. Writes are compare-and-set on the revision, so two tabs never overwrite each
 * other silently: a writer whose base revision is stale is told so instead.
 */
import type { TextMap } from '../model/sources/text-map.ts';
import type { HistoryEntry } from '../model/edit/history.ts';

export interface DraftRecord {
  /** The matrix origin the draft is for (the key). */
  origin: string;
  /** 1, 2, … : bumped by every write, a discard included. */
  revision: number;
  /** The matrix's canonical files; undefined once the draft was discarded. */
  files?: Record<string, string>;
  /**
   * The sources' contents the edits gave (an added source's text, map and original; a new
   * version's): what the matrix as loaded does not have. Restored over the loaded ones.
   */
  sources?: DraftSources;
  history?: HistoryEntry[];
  /** When it was written (ms since the epoch). */
  savedAt: number;
  /** Which editor (tab or element) wrote it. */
  writer: string;
}

export interface DraftSources {
  texts: [string, string][];
  maps: [string, TextMap][];
  files: [string, Uint8Array | string][];
}

export type PutResult = { ok: true; revision: number } | { ok: false; current: DraftRecord | undefined };

export interface DraftStorage {
  get(origin: string): Promise<DraftRecord | undefined>;
  /** Write `record` as revision base + 1 if the stored revision is still `base` (0 = none stored). */
  put(record: Omit<DraftRecord, 'revision'>, base: number): Promise<PutResult>;
}

const DRAFTS = 'drafts';
const FILES = 'files';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * What the `drafts` store holds per origin: the record without its files, the names of its
 * files and how many pieces each is stored in. (A file without a count is one value under
 * [origin, name], as databases written before pieces hold it.)
 */
type DraftMeta = Omit<DraftRecord, 'files'> & { fileNames?: string[]; pieces?: Record<string, number>; files?: Record<string, string> };

/**
 * Characters per stored piece of a file. The browser copies a value for the database in the
 * task that writes it: a 28 MB citations.csv written as one value held up the page for over
 * 100 ms; in pieces of a million characters, each copy is a few milliseconds, a task of its own.
 */
export const PIECE_CHARS = 1 << 20;

/** A file's text cut into pieces of at most `size` characters (never between the two halves of a surrogate pair). */
export function pieces(text: string, size = PIECE_CHARS): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length || out.length === 0) {
    let to = Math.min(text.length, from + size);
    const c = text.charCodeAt(to);
    if (to < text.length && to - 1 > from && c >= 0xdc00 && c <= 0xdfff) to--;
    out.push(text.slice(from, to));
    from = to;
  }
  return out;
}

/** Every key a file of `origin` may be stored under: [origin, name] (before pieces) and [origin, name, k]. */
const fileKeys = (origin: string, name: string) => IDBKeyRange.bound([origin, name], [origin, name, Infinity]);

/**
 * Drafts in IndexedDB (database `name`). Store `drafts` (keyed by origin) holds each draft's
 * revision, history, the names of its files and their piece counts; store `files` (keyed by
 * [origin, name, piece]) holds each file's text in pieces (see PIECE_CHARS). A write reads
 * only the small record to check the revision, and writes only the files that changed since
 * this object's last write: after an edit of one cell of a large matrix, copying (and reading
 * back) every file's tens of megabytes held up the page for a fifth of a second. (Databases
 * of version 1 kept the files in the draft record, and drafts written before pieces keep
 * each file whole under [origin, name]: both are still read.)
 */
export class IndexedDbDraftStorage implements DraftStorage {
  private db: Promise<IDBDatabase> | undefined;
  /** The files of this object's last write, per origin, and the revision it made. */
  private readonly written = new Map<string, { revision: number; files: Record<string, string> }>();

  constructor(readonly name = 'policy-matrix-drafts') {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(this.name, 2);
      r.onupgradeneeded = () => {
        const db = r.result;
        if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'origin' });
        if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('cannot open IndexedDB'));
      r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  /** The whole record of `origin` in a transaction over both stores. */
  private async read(tx: IDBTransaction, origin: string): Promise<DraftRecord | undefined> {
    const meta = (await request(tx.objectStore(DRAFTS).get(origin))) as DraftMeta | undefined;
    if (!meta) return undefined;
    const { fileNames, pieces: counts, ...record } = meta;
    if (fileNames && !record.files) {
      const files = tx.objectStore(FILES);
      const get = (key: IDBValidKey) => request(files.get(key)) as Promise<string | undefined>;
      const texts = await Promise.all(fileNames.map(async (f) => {
        const count = counts?.[f];
        if (count === undefined) return (await get([origin, f])) ?? '';
        const parts = await Promise.all(Array.from({ length: count }, (_, k) => get([origin, f, k])));
        return parts.map((part) => part ?? '').join('');
      }));
      record.files = Object.fromEntries(fileNames.map((f, i) => [f, texts[i]]));
    }
    return record;
  }

  async get(origin: string): Promise<DraftRecord | undefined> {
    const db = await this.open();
    return this.read(db.transaction([DRAFTS, FILES], 'readonly'), origin);
  }

  async put(record: Omit<DraftRecord, 'revision'>, base: number): Promise<PutResult> {
    const db = await this.open();
    // One readwrite transaction: read and write are atomic with respect to other tabs.
    const tx = db.transaction([DRAFTS, FILES], 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const drafts = tx.objectStore(DRAFTS);
    const files = tx.objectStore(FILES);
    const stored = (await request(drafts.get(record.origin))) as DraftMeta | undefined;
    if ((stored?.revision ?? 0) !== base) {
      const current = await this.read(tx, record.origin);
      tx.abort();
      await done.catch(() => undefined);
      this.written.delete(record.origin);
      return { ok: false, current };
    }
    const revision = base + 1;
    const { files: texts, ...rest } = record;
    // Files known to be stored as they are now: those of this object's write of revision `base`.
    const last = this.written.get(record.origin);
    const unchanged = last && last.revision === base && !stored?.files ? last.files : {};
    const counts: Record<string, number> = {};
    for (const name of stored?.fileNames ?? []) if (!texts || !(name in texts)) files.delete(fileKeys(record.origin, name));
    // One piece after the other, each from the last one's success: copying text for the
    // database takes a while, and this way each copy is a task of its own (see PIECE_CHARS).
    for (const [name, text] of Object.entries(texts ?? {})) {
      const storedCount = stored?.pieces?.[name];
      if (unchanged[name] === text && storedCount !== undefined) {
        counts[name] = storedCount;
        continue;
      }
      files.delete(fileKeys(record.origin, name));
      const parts = pieces(text);
      for (let k = 0; k < parts.length; k++) await request(files.put(parts[k], [record.origin, name, k]));
      counts[name] = parts.length;
    }
    drafts.put({ ...rest, revision, ...(texts ? { fileNames: Object.keys(texts), pieces: counts } : {}) } satisfies DraftMeta);
    await done;
    if (texts) this.written.set(record.origin, { revision, files: texts });
    else this.written.delete(record.origin);
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
