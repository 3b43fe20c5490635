/**
 * The server's own store, one SQLite file in the data folder (better-sqlite3, synchronous):
 *
 *  - each shared document: a full state, and the updates received since, each written before
 *    the server tells the client it has it (the write is synchronous, inside the update's
 *    handling: "acknowledged" means "stored"); the updates are folded into the state from
 *    time to time;
 *  - each matrix folder's last version seen or written (its base), so a change made on disk
 *    while the server was down is told from the server's own edits;
 *  - access tokens (their hashes only).
 *
 * WAL journal. By default `synchronous = NORMAL`: a write is in the database's log when it
 * returns (in the system's file cache), so a server process that is killed, or crashes, loses
 * nothing it acknowledged; the log reaches the disk at checkpoints. `durable` (FULL) flushes
 * the disk at every write, so not even a power cut loses an acknowledged edit; a flush costs
 * about 6 ms on the bench machine, which caps a matrix at about 150 edits a second.
 *
 * The server's checkpoints (log into file, a disk flush) run on a worker's own connection,
 * not on the thread every edit waits for (`checkpointsOffThread`; docs/performance.md).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export const DB_FILE = 'policy-matrix-sync.sqlite';

const CHECKPOINT_EVERY = 1000;

/** The checkpointing thread (as text: the command line is one bundled file). */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
});
`;

export class Persistence {
  readonly db: Database.Database;
  private readonly statements;
  private checkpointer: Worker | undefined;
  private checkpointTimer: ReturnType<typeof setInterval> | undefined;
  private written = 0;

  constructor(readonly dataDir: string, options: { durable?: boolean } = {}) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new Database(join(dataDir, DB_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durable ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
      CREATE TABLE IF NOT EXISTS base (name TEXT NOT NULL, file TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (name, file));
      CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL, revoked TEXT);
    `);
    this.statements = {
      state: this.db.prepare<[string], { state: Buffer }>('SELECT state FROM documents WHERE name = ?'),
      updates: this.db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM updates WHERE name = ? ORDER BY id'),
      append: this.db.prepare<[string, Buffer]>('INSERT INTO updates (name, data) VALUES (?, ?)'),
      putState: this.db.prepare<[string, Buffer, string]>('INSERT INTO documents (name, state, updated) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated = excluded.updated'),
      dropUpdates: this.db.prepare<[string, number]>('DELETE FROM updates WHERE name = ? AND id <= ?'),
      lastUpdate: this.db.prepare<[string], { id: number | null }>('SELECT MAX(id) AS id FROM updates WHERE name = ?'),
      base: this.db.prepare<[string], { file: string; text: string }>('SELECT file, text FROM base WHERE name = ?'),
      putBase: this.db.prepare<[string, string, string]>('INSERT INTO base (name, file, text) VALUES (?, ?, ?) ON CONFLICT(name, file) DO UPDATE SET text = excluded.text'),
      dropBase: this.db.prepare<[string, string]>('DELETE FROM base WHERE name = ? AND file = ?'),
    };
  }

  /** The stored state and the updates since, oldest first; undefined for a document never stored. */
  loadDocument(name: string): Uint8Array[] | undefined {
    const state = this.statements.state.get(name);
    const updates = this.statements.updates.all(name).map((u) => new Uint8Array(u.data));
    if (!state && updates.length === 0) return undefined;
    return [...(state ? [new Uint8Array(state.state)] : []), ...updates];
  }

  /** Store one update (synchronously: on disk when this returns). */
  appendUpdate(name: string, update: Uint8Array): void {
    this.statements.append.run(name, Buffer.from(update));
    this.written++;
  }

  /** Replace the stored state by `state` (which holds every update stored so far) and drop those updates. */
  compact(name: string, state: Uint8Array): void {
    this.db.transaction(() => {
      const last = this.statements.lastUpdate.get(name)?.id ?? 0;
      this.statements.putState.run(name, Buffer.from(state), new Date().toISOString());
      if (last) this.statements.dropUpdates.run(name, last);
    })();
    this.written++;
    this.checkpointSoon();
  }

  /** The folder version last seen or written, by file. */
  loadBase(name: string): Map<string, string> {
    return new Map(this.statements.base.all(name).map((r) => [r.file, r.text]));
  }

  saveBase(name: string, files: ReadonlyMap<string, string | undefined>): void {
    this.db.transaction(() => {
      for (const [file, text] of files) {
        if (text === undefined) this.statements.dropBase.run(name, file);
        else this.statements.putBase.run(name, file, text);
      }
    })();
    this.written++;
    this.checkpointSoon();
  }

  /** Checkpoints on a worker thread from now on (SQLite's own stay if it cannot start). */
  checkpointsOffThread(): void {
    if (this.checkpointer) return;
    let worker: Worker;
    try {
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(CHECKPOINTER, { eval: true, workerData: { sqlite, file: this.db.name } });
    } catch {
      return;
    }
    worker.unref();
    worker.on('error', () => void this.stopCheckpoints());
    this.checkpointer = worker;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointTimer = setInterval(() => this.checkpointSoon(), CHECKPOINT_EVERY);
    this.checkpointTimer.unref();
  }

  private checkpointSoon(): void {
    if (!this.checkpointer || this.written === 0) return;
    this.written = 0;
    this.checkpointer.postMessage('checkpoint');
  }

  /** Stop the checkpointing thread; resolves once it has closed its connection and exited. */
  private stopCheckpoints(): Promise<void> {
    clearInterval(this.checkpointTimer);
    const worker = this.checkpointer;
    this.checkpointer = undefined;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    if (!worker) return Promise.resolve();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    // Held until it exits: a process that ends with nothing else to do waits for it.
    worker.ref();
    return exited;
  }

  /**
   * Close the database. Resolves once the checkpointing thread has closed its own connection
   * too: SQLite's last connection to close folds the log into the file and removes it, so the
   * data folder is not settled (nor safe to move or remove) before then.
   */
  async close(): Promise<void> {
    // This connection first, then the thread's: two closing at once may each see the other
    // still open, and neither folds the log in. The thread's is then the last.
    this.db.close();
    await this.stopCheckpoints();
  }
}
