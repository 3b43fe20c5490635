/**
 * The team server's store copies its log into the database file (a checkpoint, with a flush
 * of the disk) on a thread of its own: never in the middle of storing an analyst's edit, on
 * the thread every edit waits for. Everything stored is still there, in the file, afterwards.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE, Persistence } from '../../src/sync/server/persistence.ts';
import { until } from './support/team-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'pm-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server store’s checkpoints', () => {
  it('are made off the thread that stores the edits, and the database file then holds every edit', async () => {
    const store = new Persistence(dir);
    store.checkpointsOffThread();
    const file = join(dir, DB_FILE);
    const before = statSync(file).size;
    // 3,000 updates of 2 KB: 6 MB of log, past the 1,000 pages at which SQLite checkpoints by itself.
    const update = (i: number) => new Uint8Array(2048).fill(i % 251);
    for (let i = 0; i < 3000; i++) store.appendUpdate('m', update(i));
    // Stored (in the log), not yet copied into the file by this thread.
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(6_000_000);
    // The checkpointing thread copies them into the file.
    await until(() => statSync(file).size > 6_000_000, 'the checkpoint');
    await store.close();
    // Closed means settled: both connections closed, the log folded in and removed, so the
    // folder can be moved or removed at once (it could not while the thread still had it open).
    expect(readdirSync(dir)).toEqual([DB_FILE]);
    const again = new Persistence(dir);
    const stored = again.loadDocument('m')!;
    expect(stored.length).toBe(3000);
    expect(stored.every((u, i) => u.length === 2048 && u[0] === i % 251)).toBe(true);
    await again.close();
  });
});
