/**
 * The team server (`policy-matrix serve`): one HTTP server on one port that
 *  - serves the app and each matrix folder's files to those with a token,
 *  - syncs each matrix folder as a shared document over WebSocket (`/sync`, Hocuspocus),
 *    the document's name being the folder's name,
 *  - keeps its state in SQLite in the data folder, and each folder in step (room.ts).
 * No token, no data: every HTTP request for data and every document connection needs a
 * valid token; a reader's connection is read-only on the server (its updates are refused).
 * Tokens never appear in the log (only paths are logged, never query strings or headers).
 */
import { Hocuspocus, type Document } from '@hocuspocus/server';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { MATRIX_FILES } from '../../model/format/read.ts';
import { AppFiles } from './app-files.ts';
import { batchSends } from './batched-sends.ts';
import { isDocumentName, matrixFolder, sourceReader } from './folder.ts';
import { JoinCache } from './join-cache.ts';
import { MESSAGE_LIMITS, checkMessage } from './message-check.ts';
import { Persistence } from './persistence.ts';
import { Room } from './room.ts';
import { Tokens, type TokenInfo } from './tokens.ts';

export interface ServeOptions {
  /** The folder of matrix folders (or one matrix folder). */
  readonly matrices: string;
  /** Where the server keeps its state (SQLite). */
  readonly data: string;
  readonly host?: string;
  /** 0: any free port. */
  readonly port?: number;
  /** Wait this long after the last edit before writing a matrix folder (ms). */
  readonly writeDelay?: number;
  /** Look at the folders this often for changes a file watcher missed (ms). */
  readonly pollInterval?: number;
  /** Flush the disk at every stored edit (survives a power cut; see persistence.ts). */
  readonly durable?: boolean;
  /** Where the app's source (or dist/) is: the package's folder. */
  readonly appRoot?: string;
  readonly log?: (line: string) => void;
}

export interface TeamServer {
  readonly url: string;
  readonly port: number;
  readonly tokens: Tokens;
  readonly hocuspocus: Hocuspocus;
  /** The open rooms, by document name (for tests and the bench). */
  readonly rooms: ReadonlyMap<string, Room>;
  close(): Promise<void>;
}

const COOKIE = 'pm_token';
/** The WebSocket close code of a connection whose message was refused (message-check.ts). */
export const REFUSED_CLOSE = 4400;

const encodeState = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc);

function cookieToken(cookie: string | undefined): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function tokenOf(request: IncomingMessage): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieToken(request.headers.cookie);
}

/**
 * Pages elsewhere (a live embed, an app served from another address) read the data with a
 * token in the Authorization header: any origin may ask, none gets anything without a token
 * (cookies are never sent across origins: SameSite=Strict, and no credentials are allowed).
 */
const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Max-Age': '600' };

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...headers });
  response.end(body);
}

const json = (response: ServerResponse, status: number, value: unknown) => send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startServer(options: ServeOptions): Promise<TeamServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const persistence = new Persistence(options.data, { durable: options.durable });
  // The log's checkpoints on a thread of their own: not in the middle of an analyst's edit.
  persistence.checkpointsOffThread();
  const tokens = new Tokens(persistence);
  const rooms = new Map<string, Room>();
  /** Opening or closing of each document's room, one after the other. */
  const roomTasks = new Map<string, Promise<unknown>>();
  const app = new AppFiles(options.appRoot ?? process.cwd());
  const root = options.matrices;

  const folderOf = async (name: string): Promise<string | undefined> => {
    const inRoot = await matrixFolder(root, name);
    if (inRoot) return inRoot;
    // The matrices folder may be one matrix folder itself: its name is the document's.
    const parts = root.replace(/[\\/]+$/, '').split(/[\\/]/);
    if (parts.at(-1) === name) return matrixFolder(parts.slice(0, -1).join('/') || '/', name);
    return undefined;
  };

  /** Where a matrix's sources may be read: the served folder (its parent, when that is one matrix). */
  const sourcesRoot = (folder: string): string => (folder === root.replace(/[\\/]+$/, '') ? dirname(folder) : root);

  const listMatrices = async (): Promise<string[]> => {
    const names: string[] = [];
    for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory() && (await matrixFolder(root, entry.name))) names.push(entry.name);
    }
    if (names.length === 0) {
      const self = root.replace(/[\\/]+$/, '').split(/[\\/]/).at(-1) ?? '';
      if (await folderOf(self)) names.push(self);
    }
    return names.sort();
  };

  const queue = (name: string, task: () => Promise<unknown>) => {
    const run = (roomTasks.get(name) ?? Promise.resolve()).then(task, task);
    roomTasks.set(name, run.catch(() => {}));
    return run;
  };

  const hocuspocus = new Hocuspocus({
    quiet: true,
    // The store of a whole state, folding the updates stored one by one (each is stored before
    // it is acknowledged, so this is for a quick restart, not for safety). Encoding the state
    // of a 100,000-cell matrix holds the server for about half a second: it is done once the
    // matrix has been quiet a few seconds, and under a steady stream of edits once a minute
    // (every 10 s, it was a stall every analyst felt; see docs/performance.md).
    debounce: 5000,
    maxDebounce: 60000,
    async onAuthenticate({ token, documentName, connectionConfig, requestHeaders }) {
      // The app the server serves signs in with the cookie of a token link (the page cannot read it).
      const who = tokens.verify(token || cookieToken(requestHeaders.cookie));
      if (!who) throw new Error('no valid token');
      if (!isDocumentName(documentName) || !(await folderOf(documentName))) throw new Error('no such matrix');
      if (who.role !== 'editor') connectionConfig.readOnly = true;
      return { user: who.name, role: who.role, tokenId: who.id };
    },
    // Every message is untrusted (message-check.ts): one that does not fit is refused whole,
    // said in the log with where it went wrong, and its connection closed.
    async beforeHandleMessage({ update, documentName, context, document }) {
      try {
        checkMessage(update, document);
      } catch (e) {
        const reason = `refused: ${(e as Error).message}`;
        log(`${documentName}: a message from ${(context as { user?: string }).user ?? 'a client'} ${reason}`);
        // The connection to this matrix is closed with the reason (the client says it: client.ts).
        throw Object.assign(new Error(reason), { code: REFUSED_CLOSE, reason });
      }
    },
    async onLoadDocument({ document, documentName }) {
      const folder = await folderOf(documentName);
      if (!folder) throw new Error('no such matrix');
      await queue(documentName, async () => {
        const room = await Room.open(document, {
          name: documentName, folder, root: sourcesRoot(folder), persistence, writeDelay: options.writeDelay ?? 1000, pollInterval: options.pollInterval ?? 2000, log,
        });
        rooms.set(documentName, room);
      });
      // Joiners are sent the whole state from a kept encoding while the document is unchanged.
      JoinCache.register(document);
      return document;
    },
    async onStoreDocument({ document, documentName }) {
      if (rooms.get(documentName)?.doc !== document) return;
      const state = encodeState(document);
      persistence.compact(documentName, state);
      // The same bytes answer the next joiner (join-cache.ts): made once the edits went quiet, off a join's path.
      JoinCache.of(document)?.keep(state);
    },
    async afterUnloadDocument({ documentName }) {
      const room = rooms.get(documentName);
      if (!room) return;
      rooms.delete(documentName);
      JoinCache.of(room.doc)?.destroy();
      await queue(documentName, () => room.close());
    },
  });

  const authorize = (request: IncomingMessage, response: ServerResponse): TokenInfo | undefined => {
    const who = tokens.verify(tokenOf(request));
    if (!who) json(response, 401, { error: 'a valid token is needed (Authorization: Bearer <token>)' });
    return who;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
    const url = new URL(request.url ?? '/', 'http://server');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      send(response, 400, 'text/plain; charset=utf-8', 'bad address');
      return 400;
    }
    const shared = path.startsWith('/api/') || path.startsWith('/matrices/');
    if (request.method === 'OPTIONS' && shared) {
      send(response, 204, 'text/plain; charset=utf-8', '', CORS);
      return 204;
    }
    if (shared) for (const [k, v] of Object.entries(CORS)) response.setHeader(k, v);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed', { Allow: 'GET, HEAD' });
      return 405;
    }
    // A link with ?token=… signs the browser in: the token goes to a cookie and out of the address.
    const linkToken = url.searchParams.get('token');
    if (linkToken !== null) {
      if (!tokens.verify(linkToken)) {
        send(response, 401, 'text/plain; charset=utf-8', 'this link’s token is not valid (revoked or mistyped)');
        return 401;
      }
      url.searchParams.delete('token');
      send(response, 303, 'text/plain; charset=utf-8', 'signed in', {
        Location: url.pathname + (url.search || ''),
        'Set-Cookie': `${COOKIE}=${encodeURIComponent(linkToken)}; Path=/; HttpOnly; SameSite=Strict`,
      });
      return 303;
    }
    if (path === '/') {
      const who = tokens.verify(tokenOf(request));
      const body = who
        ? `<h1>Policy matrices</h1><p>Signed in as ${escapeHtml(who.name)} (${who.role}).</p><ul>${(await listMatrices()).map((m) => `<li><a href="/app/?live=${encodeURIComponent(`/matrices/${m}/`)}">${escapeHtml(m)}</a></li>`).join('')}</ul>`
        : '<h1>Policy matrices</h1><p>Open the link with your token that the server’s keeper gave you (<code>…/?token=…</code>).</p>';
      send(response, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Policy matrices</title></head><body>${body}</body></html>`, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
      return 200;
    }
    if (path.startsWith('/app/')) {
      const file = await app.get(path);
      if (!file) {
        send(response, 404, 'text/plain; charset=utf-8', 'not found (the app is built from src/ with esbuild, or served from dist/ after npm run build)');
        return 404;
      }
      send(response, 200, file.type, file.body);
      return 200;
    }
    if (path === '/api/whoami') {
      const who = authorize(request, response);
      if (!who) return 401;
      json(response, 200, { name: who.name, role: who.role });
      return 200;
    }
    if (path === '/api/matrices') {
      if (!authorize(request, response)) return 401;
      json(response, 200, { matrices: await listMatrices() });
      return 200;
    }
    const m = /^\/matrices\/([^/]+)\/(.*)$/.exec(path);
    if (m) {
      if (!authorize(request, response)) return 401;
      // A source beside the matrix folder (`../sources/x.txt`) is asked for as ?file=…
      // (an address would lose its `..`).
      const [, name] = m;
      const file = m[2] || url.searchParams.get('file') || '';
      const folder = isDocumentName(name) ? await folderOf(name) : undefined;
      if (!folder) {
        json(response, 404, { error: 'no such matrix' });
        return 404;
      }
      // The tables as the shared document has them now; other files (sources' texts) from the folder.
      const room = rooms.get(name);
      const live = room && MATRIX_FILES.includes(file) ? room.canonical().get(file) : undefined;
      const content = live ?? (file ? await sourceReader(folder)(file).catch(() => undefined) : undefined);
      if (content === undefined) {
        json(response, 404, { error: 'no such file' });
        return 404;
      }
      send(response, 200, file.endsWith('.json') ? 'application/json; charset=utf-8' : file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8', content);
      return 200;
    }
    send(response, 404, 'text/plain; charset=utf-8', 'not found');
    return 404;
  };

  const http = createServer((request, response) => {
    handle(request, response).then(
      (status) => log(`${request.method} ${(request.url ?? '').split('?')[0]} ${status}`),
      (e) => {
        log(`${request.method} ${(request.url ?? '').split('?')[0]} failed: ${(e as Error).message}`);
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'server error');
        else response.end();
      },
    );
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MESSAGE_LIMITS.message });
  http.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').split('?')[0] !== '/sync') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => {});
      batchSends(ws, socket);
      hocuspocus.handleConnection(ws, request);
    });
  });

  // A revoked token's open connections are closed (the CLI revokes in the same SQLite file).
  const sweep = setInterval(() => {
    for (const document of hocuspocus.documents.values()) {
      for (const { connection } of (document as Document).connections.values()) {
        const id = (connection.context as { tokenId?: string }).tokenId;
        if (id && !tokens.list().some((t) => t.id === id && !t.revoked)) connection.close({ code: 4401, reason: 'token revoked' });
      }
    }
  }, 5000);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url, port, tokens, hocuspocus, rooms,
    close: () => (closing ??= (async () => {
      clearInterval(sweep);
      for (const ws of wss.clients) ws.terminate();
      hocuspocus.closeConnections();
      await Promise.all([...rooms.values()].map((r) => r.close()));
      for (const [name, room] of rooms) persistence.compact(name, encodeState(room.doc));
      rooms.clear();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await persistence.close();
    })()),
  };
}
