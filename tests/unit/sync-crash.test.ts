/**
 * The team server killed (SIGKILL) in the middle of a stream of edits loses no edit it had
 * acknowledged. "Acknowledged": the client's count of unsynced changes came back to 0 after
 * the edit (the server answers each update only after it is stored in SQLite, synchronously).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadMatrix } from '../../src/model/format/load.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { joinMatrix } from '../../src/sync/client.ts';
import { folderMatrixFiles, folderText, matricesFolder, until } from './support/team-server.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const children = new Set<ChildProcess>();
const place = matricesFolder();

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  rmSync(place.root, { recursive: true, force: true });
});

/** Start `policy-matrix serve` as a child process; resolves with its URL once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', place.matrices, '--port', '0', '--data', place.data, '--write-delay', '50'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/[^ ]+?)\/? \(data/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

const cells = [['stc', 'north'], ['stc', 'south'], ['detention', 'north'], ['detention', 'south'], ['year', 'north'], ['year', 'south']] as const;

describe('team server killed with SIGKILL', () => {
  it('loses no acknowledged edit, and leaves a valid canonical folder', async () => {
    const token = execFileSync(process.execPath, [bin, 'token', 'create', '--name', 'Alice', '--role', 'editor', '--data', place.data], { cwd: root, encoding: 'utf8' }).trim();
    const first = await serve();
    const live = await joinMatrix({ url: first.url, token, matrix: 'shared', store: new MatrixStore(), WebSocket, reconnect: { delay: 50, maxDelay: 100 } });
    let made = -1;
    let acknowledged = -1;
    live.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number === 0 && live.status.state !== 'offline') acknowledged = made;
    });
    const lastFor = new Map<string, number>();
    let killed = false;
    let ackedAtKill = -1;
    // Bursts of edits; between bursts, until the kill, wait for them to be acknowledged.
    for (let i = 0; i < 300; i++) {
      const [d, j] = cells[i % cells.length];
      live.store.edit({ type: 'set-cell', dimension: d, jurisdiction: j, set: { note: `n${i}` } });
      made = i;
      if (!killed) lastFor.set(cellKey(d, j), i);
      await new Promise((r) => setTimeout(r, 2));
      if (killed || i % 20 !== 19) continue;
      if (i >= 160) {
        // Mid-stream: the burst just sent is not acknowledged yet (or only in part).
        ackedAtKill = acknowledged;
        process.kill(first.child.pid!, 'SIGKILL');
        killed = true;
      } else {
        // Every edit so far is acknowledged once this resolves (the event above can come while
        // the client counts itself between states, under load: this is the client's own word).
        await live.acknowledged();
        acknowledged = Math.max(acknowledged, i);
      }
    }
    expect(killed).toBe(true);
    await until(() => first.child.exitCode !== null || first.child.signalCode !== null, 'the server to die');
    live.leave();
    expect(ackedAtKill).toBeGreaterThanOrEqual(159);
    // Whatever a reader of the folder sees is a valid matrix in canonical form.
    const texts = folderMatrixFiles(place.folder);
    const onDisk = loadMatrix('shared', texts);
    expect(onDisk.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(saveMatrix(onDisk.matrix)).toMatchObject(texts);

    const second = await serve();
    const back = await joinMatrix({ url: second.url, token, matrix: 'shared', store: new MatrixStore(), WebSocket });
    const history = back.store.snapshot.edits.history;
    const recorded = new Set(history.flatMap((e) => e.changes.map((c) => c.new)));
    const lost = Array.from({ length: ackedAtKill + 1 }, (_, i) => `n${i}`).filter((n) => !recorded.has(n));
    expect(lost).toEqual([]);
    // Each cell holds its last acknowledged edit, or a later one that also got stored.
    for (const [d, j] of cells) {
      const last = Math.max(...[...lastFor].filter(([k, i]) => k === cellKey(d, j) && i <= ackedAtKill).map(([, i]) => i), -1);
      const note = back.store.snapshot.index!.cells.get(cellKey(d, j))!.note;
      expect(Number(note.slice(1)), `${d}, ${j}`).toBeGreaterThanOrEqual(last);
    }
    // The restarted server writes the folder back from its store.
    const expected = saveMatrix(back.store.snapshot.matrix!);
    await until(() => MATRIX_FILES.every((f) => folderText(place.folder, f) === expected[f]), 'the folder to be written back');
    back.leave();
    process.kill(second.child.pid!, 'SIGTERM');
    await until(() => second.child.exitCode !== null, 'the server to stop');
    expect(second.child.exitCode).toBe(0);
  }, 120_000);
});
