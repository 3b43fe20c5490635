/**
 * Team mode figures of `npm run bench` (case `sync`), on the largest generated matrix
 * (100,000 cells, 200,000 citations): the team server (`policy-matrix serve`) runs as a
 * process of its own; 20 simulated editors (bench/sync-editors.ts, another process) each make
 * 10 edits a second; a client in this process, as an analyst's app, measures
 *  - edit → other client: from the edit in an editor to the change in this client's store
 *    (median, 95th percentile), against the same edit's arrival in this client's Yjs
 *    document (the sync engine alone, without our binding);
 *  - the server's memory (resident set, sampled) while the editors edit;
 *  - the server's time to write the canonical folder back (its log);
 *  - joining the matrix (connect, receive the document, load the store) against loading its
 *    folder from disk (read, validate, anchor), in a process that holds nothing else (and,
 *    in its note, beside a second open matrix).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { checkMatrix } from '../src/model/check/check.ts';
import { readMatrix } from '../src/model/format/read.ts';
import { saveMatrix } from '../src/model/format/save.ts';
import { MatrixStore } from '../src/state/store.ts';
import { joinMatrix } from '../src/sync/client.ts';
import { folderReader } from '../src/cli/node-reader.ts';
import { generate, SIZES } from './generate.ts';
import { compare, figure, median, type Figure } from './measure.ts';

const EDITORS = Number(process.env.SYNC_EDITORS ?? 20);
const RATE = Number(process.env.SYNC_RATE ?? 10);
const SECONDS = Number(process.env.SYNC_SECONDS ?? 20);

const rssMB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
const peakMB = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};
/** CPU time (user + system) a process has used, in ms: what the server's work costs, whatever else the machine runs. */
const cpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// SYNC_PROFILE=<folder>: CPU profiles of the server and the editors, and the trace below.
// SYNC_TRACE=<folder> (or SYNC_PROFILE): the server's event-loop stalls over time
// (bench/loop-monitor.mjs), this client's, and each counted edit's arrival, with the server's
// log lines timed (window.json): where the slow edits were, and what the server was doing.
const traceDir = process.env.SYNC_PROFILE ?? process.env.SYNC_TRACE;
const profileArgs = (name: string): string[] => [
  ...(process.env.SYNC_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.SYNC_PROFILE, '--cpu-prof-name', `${name}.cpuprofile`] : []),
  ...(traceDir && name === 'server' ? ['--import', resolve('bench/loop-monitor.mjs')] : []),
];

/**
 * Stay on a matrix with a bare Yjs document (no store, no binding): the server keeps the
 * matrix's document open while someone is on it.
 */
async function keepOpen(url: string, token: string, matrix: string): Promise<{ leave(): void }> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: `${url.replace(/^http/, 'ws')}/sync`, WebSocketPolyfill: WebSocket as never });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: matrix, document: doc, token });
  provider.attach();
  await new Promise<void>((done) => provider.on('synced', () => done()));
  return {
    leave() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

export async function syncFigures(): Promise<Figure[]> {
  // SYNC_SIZE=small|medium for a quick look; the figures of record are at the largest size.
  const size = SIZES.find((s) => s.name === (process.env.SYNC_SIZE ?? 'large'))!;
  const label = `sync: ${size.name} (${size.jurisdictions}×${size.dimensions}, ${EDITORS} editors × ${RATE} edits/s for ${SECONDS} s)`;
  const root = resolve('dist/bench/sync');
  rmSync(root, { recursive: true, force: true });
  const folder = join(root, 'matrices', size.name);
  mkdirSync(folder, { recursive: true });
  const data = generate(size);
  for (const [name, text] of Object.entries(data.files)) writeFileSync(join(folder, name), text);
  writeFileSync(join(folder, 'source.txt'), data.source);
  const dataDir = join(root, 'data');
  const cli = resolve('bin/policy-matrix.js');
  const token = execFileSync(process.execPath, [cli, 'token', 'create', '--name', 'Bench', '--role', 'editor', '--data', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

  const log: string[] = [];
  const timedLog: [number, string][] = [];
  const server: ChildProcess = spawn(process.execPath, [...profileArgs('server'), cli, 'serve', join(root, 'matrices'), '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(traceDir ? { SYNC_TRACE_DIR: traceDir } : {}) } });
  const children: ChildProcess[] = [server];
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.on('exit', stop);
  try {
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const m = /at (http:\/\/[^ ]+?)\/? \(data/.exec(out);
        if (m) done(m[1]);
      });
      server.stderr!.on('data', (d) => {
        const lines = String(d).split('\n').filter(Boolean);
        log.push(...lines);
        for (const line of lines) timedLog.push([Date.now(), line]);
      });
      server.on('exit', (code) => fail(new Error(`server exited ${code}: ${log.join('\n')}`)));
    });
    // A server that dies mid-run says why (its log), instead of the client's "other side closed".
    server.on('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`team server exited (${code ?? signal}); its log ends:\n${log.slice(-30).join('\n')}\n`);
    });
    const join1 = () => joinMatrix({ url, token, matrix: size.name, store: new MatrixStore(), WebSocket });
    // The first join makes the shared document from the folder on the server.
    let t = performance.now();
    const first = await join1();
    const firstOpen = performance.now() - t;
    first.leave();
    // The first open of a folder the server has not seen writes it back in canonical form (a
    // generated folder is not): the joins are measured once that one-time write is done, as
    // an analyst joins a matrix its server already holds (the write is in the write-back figure).
    const wrote = Date.now() + 120_000;
    while (!log.some((l) => /: wrote .* in \d+ ms/.test(l)) && Date.now() < wrote) await new Promise((r) => setTimeout(r, 200));
    const figures: Figure[] = [];
    const joinOrLoad = () => compare(
      3,
      async () => {
        const live = await join1();
        live.leave();
      },
      async () => {
        const bundle = await readMatrix(folderReader(folder), size.name);
        return checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs });
      },
    );
    // Someone stays on the matrix, so the server keeps the document open between the joins.
    // During the joins that is a bare Yjs document (keepOpen): this process is then, like an
    // analyst's app, one analyst joining or loading. With a second whole matrix in the same
    // heap (the analyst below, whose store the edits are timed in), every collection of the
    // heap costs more, and a join, which makes more objects than a load, pays more of it: the
    // joins are measured that way too, beside the figure, not as it.
    const keeper = await keepOpen(url, token, size.name);
    const joins = await joinOrLoad();
    const observer = await join1();
    keeper.leave();
    const idleRss = rssMB(server.pid!);
    const beside = await joinOrLoad();
    figures.push(figure({
      where: 'node', size: label, unit: 'ms', runs: 3, name: 'join a shared matrix (connect, receive the document, load the store with check)',
      median: joins.ours, baseline: joins.baseline, baselineName: 'load the same matrix from its folder on disk (read, validate, anchor)', target: '≤ 2× loading from disk', met: joins.ours <= 2 * joins.baseline,
      note: `the first join, which makes the shared document from the folder on the server, took ${Math.round(firstOpen)} ms; measured in a process holding a second whole matrix (another analyst's store), the join took ${Math.round(beside.ours)} ms against ${Math.round(beside.baseline)} ms (${(beside.ours / beside.baseline).toFixed(2)}×)`,
    }));

    // Editing: latency at this client, at the Yjs level and in the store.
    const atDoc: number[] = [];
    /** With SYNC_TRACE or SYNC_PROFILE: each counted edit's time and its arrival at the Yjs document, and this process's stalls. */
    const trace: [number, number][] = [];
    const clientStalls: [number, number][] = [];
    let lastTick = performance.now();
    const monitor = traceDir ? setInterval(() => {
      const now = performance.now();
      if (now - lastTick - 5 > 30) clientStalls.push([Date.now(), Math.round(now - lastTick - 5)]);
      lastTick = now;
    }, 5) : undefined;
    // Edits of the first seconds after the editors are ready are a warm-up, not counted: the
    // server is still answering 20 editors that each just received the whole matrix.
    const WARM_UP = 3000;
    // The edits made once the server and this client have settled: on the bench's shared
    // cores, the first edits after 20 joins meet a server and a client still busy (garbage
    // collection after sending and reading the whole matrix; each side's first merges, which
    // build their look-ups of the matrix's rows). Said beside the figures, not instead of them.
    const SETTLED = 7000;
    const settled: number[] = [];
    let warm = Number.POSITIVE_INFINITY;
    const atStore: number[] = [];
    // Each edit counted once, at its first arrival: its note's text is in most updates twice
    // (the cell's field and the history's entry).
    const arrived = new Set<string>();
    observer.doc.on('update', (update: Uint8Array) => {
      const text = Buffer.from(update).toString('latin1');
      for (const m of text.matchAll(/bench \d+ \d+ (\d{13})/g)) {
        if (Number(m[1]) < warm || arrived.has(m[0])) continue;
        arrived.add(m[0]);
        atDoc.push(Date.now() - Number(m[1]));
        trace.push([Number(m[1]), Date.now() - Number(m[1])]);
      }
    });
    const inStore = new Set<string>();
    observer.store.subscribe((_next, _prev, command) => {
      if (command.type !== 'remote-change') return;
      for (const [, cell] of command.patch?.cells?.replace ?? []) {
        const m = /^bench \d+ \d+ (\d{13})$/.exec(cell.note);
        // (Once each: a cell's later change for another reason brings its note again.)
        if (m && Number(m[1]) >= warm && !inStore.has(m[0])) {
          inStore.add(m[0]);
          atStore.push(Date.now() - Number(m[1]));
          if (Number(m[1]) >= warm + SETTLED) settled.push(Date.now() - Number(m[1]));
        }
      }
    });
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMB(server.pid!)), 500);
    const editors = spawn(process.execPath, [...profileArgs('editors'), 'dist/bench/sync-editors.js', url, token, size.name, String(EDITORS), String(RATE), String(SECONDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(editors);
    let late = 0;
    let cpuAtReady = 0;
    let serverCpu = Number.NaN;
    const made = await new Promise<number>((done, fail) => {
      let out = '';
      editors.stdout!.on('data', (d) => {
        out += d;
        if (warm === Number.POSITIVE_INFINITY && /ready/.test(out)) {
          warm = Date.now() + WARM_UP;
          cpuAtReady = cpuMs(server.pid!);
        }
        const m = /done (\d+) late (\d+)/.exec(out);
        if (m) {
          late = Number(m[2]);
          serverCpu = cpuMs(server.pid!) - cpuAtReady;
          done(Number(m[1]));
        }
      });
      editors.on('exit', (code) => (code ? fail(new Error(`editors exited ${code}`)) : undefined));
    });
    await new Promise((r) => setTimeout(r, 3000));
    clearInterval(sampler);
    clearInterval(monitor);
    if (traceDir) writeFileSync(join(traceDir, 'window.json'), JSON.stringify({ warm, end: Date.now(), serverCpu, edits: trace, clientStalls, log: timedLog }));
    const writes = log.map((l) => /wrote .* in (\d+) ms/.exec(l)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
    const note = `${made} of ${EDITORS * RATE * SECONDS} edits made${late > 100 ? ` (the last ${late} ms after the ${SECONDS} s: the editors fell behind their schedule)` : ''}; ${atStore.length} made after the first ${WARM_UP / 1000} s reached this client's store; the machine's other work shares its two cores`;
    figures.push(figure({
      where: 'node', size: label, unit: 'ms', runs: atStore.length, name: 'edit → other client: median (editor’s edit to the change in this client’s store)',
      median: median(atStore), baseline: median(atDoc), baselineName: 'the same edits’ arrival in this client’s Yjs document (the sync engine without our binding)', target: '≤ 100 ms', met: median(atStore) <= 100, note,
    }));
    figures.push(figure({
      where: 'node', size: label, unit: 'ms', runs: atStore.length, name: 'edit → other client: 95th percentile',
      median: percentile(atStore, 95), baseline: percentile(atDoc, 95), baselineName: 'the same at the Yjs document', target: '≤ 250 ms', met: percentile(atStore, 95) <= 250, note: `the server's CPU time while the editors edited: ${(serverCpu / 1000).toFixed(1)} s in ${SECONDS} s; 99th percentile ${Math.round(percentile(atStore, 99))} ms; the ${settled.length} edits made from ${(WARM_UP + SETTLED) / 1000} s on: median ${Math.round(median(settled))} ms, 95th percentile ${Math.round(percentile(settled, 95))} ms`,
    }));
    figures.push(figure({
      where: 'node', size: label, unit: 'MB', runs: rss.length, name: 'server resident memory while the editors edit (median of samples)',
      median: median(rss), baseline: idleRss, baselineName: 'the server with the matrix open and no one editing', note: `peak ${Math.round(peakMB(server.pid!))} MB`,
    }));
    const plain = (() => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const files = saveMatrix(observer.store.snapshot.matrix!);
        for (const [name, text] of Object.entries(files)) writeFileSync(join(root, `plain-${name}`), text);
        times.push(performance.now() - started);
      }
      return median(times);
    })();
    figures.push(figure({
      where: 'node', size: label, unit: 'ms', runs: writes.length, name: 'write the canonical folder back (server, during the edits: changed files, atomically)',
      median: writes.length ? median(writes) : Number.NaN, baseline: plain, baselineName: 'saveMatrix of the whole matrix and a plain write of every file (this process)',
      note: `${writes.length} writes; slowest ${Math.max(0, ...writes)} ms`,
    }));
    // A join after the edits: their rows are in every block of cells, which a join then reads
    // row by row (src/sync/doc/convert.ts). Measured as the first joins, alone in this process.
    const stays = await keepOpen(url, token, size.name);
    observer.leave();
    const afterEdits = await joinOrLoad();
    stays.leave();
    figures.push(figure({
      where: 'node', size: label, unit: 'ms', runs: 3, name: `join after the ${made} edits (connect, receive the document, load the store with check)`,
      median: afterEdits.ours, baseline: afterEdits.baseline, baselineName: 'load the folder the server wrote back after them, from disk (read, validate, anchor)',
      note: 'the edited rows of every block are read one by one; no target (the 2× target is the join of the matrix as the server opens it)',
    }));
    if (process.env.SYNC_PROFILE) {
      stopping = true;
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    return figures;
  } finally {
    stop();
  }
}
