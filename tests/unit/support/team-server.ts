/** A team server on 127.0.0.1 over a temporary matrices folder, and clients joining it. */
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MATRIX_FILES } from '../../../src/model/format/read.ts';
import { saveMatrix } from '../../../src/model/format/save.ts';
import { cellKey } from '../../../src/model/types.ts';
import { MatrixStore } from '../../../src/state/store.ts';
import { joinMatrix, type LiveMatrix } from '../../../src/sync/client.ts';
import { startServer, type TeamServer } from '../../../src/sync/server/server.ts';
import { smallMatrixTexts } from './small-matrix.ts';

export interface TeamFixture {
  root: string;
  matrices: string;
  data: string;
  folder: string;
  server: TeamServer;
  tokens: Record<'alice' | 'bob' | 'carol' | 'rita', string>;
  log: string[];
  join(who: keyof TeamFixture['tokens'], name?: string): Promise<LiveMatrix>;
  close(): Promise<void>;
}

/**
 * Write the small test matrix (or `texts`) as a folder `shared` in a new temporary matrices
 * folder; or copy the folder `from` there whole (with its sources and datasets).
 */
export function matricesFolder(texts: Record<string, string | undefined> = smallMatrixTexts(), from?: string): { root: string; matrices: string; folder: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'pm-team-'));
  const matrices = join(root, 'matrices');
  const folder = join(matrices, 'shared');
  mkdirSync(folder, { recursive: true });
  if (from) cpSync(from, folder, { recursive: true });
  else for (const [file, text] of Object.entries(texts)) if (text !== undefined) writeFileSync(join(folder, file), text);
  return { root, matrices, folder, data: join(root, 'data') };
}

export async function teamServer(options: { writeDelay?: number; texts?: Record<string, string | undefined>; from?: string } = {}): Promise<TeamFixture> {
  const { root, matrices, folder, data } = matricesFolder(options.texts, options.from);
  const log: string[] = [];
  const server = await startServer({ matrices, data, port: 0, writeDelay: options.writeDelay ?? 50, pollInterval: 200, log: (line) => log.push(line) });
  const tokens = {
    alice: server.tokens.create('Alice', 'editor').token,
    bob: server.tokens.create('Bob', 'editor').token,
    carol: server.tokens.create('Carol', 'editor').token,
    rita: server.tokens.create('Rita', 'reader').token,
  };
  const joined: LiveMatrix[] = [];
  return {
    root, matrices, data, folder, server, tokens, log,
    async join(who, name) {
      const live = await joinMatrix({ url: server.url, token: tokens[who], matrix: 'shared', store: new MatrixStore(), WebSocket, name, reconnect: { delay: 50, maxDelay: 200 } });
      joined.push(live);
      return live;
    },
    async close() {
      for (const live of joined) live.leave();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Wait until `ok()` holds (checked every 20 ms), or fail after `ms` with `what`. */
export async function until(ok: () => boolean | Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A file of a matrix folder, or undefined when the folder has none (computed.csv is optional). */
export const folderText = (folder: string, file: string): string | undefined =>
  existsSync(join(folder, file)) ? readFileSync(join(folder, file), 'utf8') : undefined;

/** The matrix files a folder has, by name. */
export const folderMatrixFiles = (folder: string): Record<string, string> =>
  Object.fromEntries(MATRIX_FILES.flatMap((f) => {
    const text = folderText(folder, f);
    return text === undefined ? [] : [[f, text]];
  }));

/** A client's note of one cell, as its store holds it. */
export const liveNote = (live: LiveMatrix, dimension: string, jurisdiction: string): string | undefined =>
  live.store.snapshot.index!.cells.get(cellKey(dimension, jurisdiction))?.note;

/** A client's matrix as the files it would save. */
export const liveFiles = (live: LiveMatrix): Record<string, string> => saveMatrix(live.store.snapshot.matrix!);
