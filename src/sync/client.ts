/**
 * Joining a shared matrix on a team server (`policy-matrix serve`): the client API the app
 * builds on. `joinMatrix` connects (Hocuspocus provider over WebSocket), loads the matrix
 * into the given store, binds the two (binding.ts), and tells who else is there (presence:
 * name, colour, selected cell) and how the connection stands (connecting, synced, syncing,
 * offline with edits waiting). Offline, edits go on in the store and the document; they
 * are sent when the connection returns and merge with what the others did meanwhile.
 *
 * Runs in the browser and in Node (give `WebSocket`, e.g. the `ws` package's, in Node 20).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { FileReader } from '../model/format/read.ts';
import type { MatrixStore } from '../state/store.ts';
import { Binding } from './binding.ts';
import { fetchAgainOnce, withErrorListener } from './connection.ts';
import { skipEncodingRemoteUpdates } from './remote-updates-unencoded.ts';

export interface JoinOptions {
  /** The team server, e.g. `http://127.0.0.1:8300`. */
  readonly url: string;
  /**
   * The person's token (`policy-matrix token create`). Left out (or '') in the app the team
   * server serves: the browser then signs in with the cookie its token link set.
   */
  readonly token?: string;
  /** The matrix: its folder's name on the server. */
  readonly matrix: string;
  /** The store the app shows: the matrix is loaded into it, and its edits are shared. */
  readonly store: MatrixStore;
  /** Name shown to the others (presence); the token's name when left out. The history always names the token's person. */
  readonly name?: string;
  /** Colour shown to the others (a CSS colour); one from the name when left out. */
  readonly colour?: string;
  /** A WebSocket class (Node 20 has none: give `ws`'s). */
  readonly WebSocket?: unknown;
  /** fetch (the global one when left out). */
  readonly fetch?: typeof fetch;
  /** Reconnection delays (ms): first, and at most (grows in between). */
  readonly reconnect?: { readonly delay?: number; readonly maxDelay?: number };
}

/** How the connection stands. `pending`: one's edits the server has not acknowledged (stored) yet. */
export interface SyncStatus {
  readonly state: 'connecting' | 'synced' | 'syncing' | 'offline';
  readonly pending: number;
  /**
   * What the server refused of what this client sent, and where (its words: the server
   * checks every message, src/sync/server/message-check.ts); the server no longer takes this
   * client's changes. Set only after a refusal.
   */
  readonly refused?: string;
  /**
   * Why the matrix as the server has it cannot be read here (it holds what no client of ours
   * writes); the grid shows it as last read, and one's edits are still sent. Set only then.
   */
  readonly unreadable?: string;
}

/** Another analyst on the matrix. `cell`: the cell they selected (a `cellKey`), if any. */
export interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly colour: string;
  readonly cell?: string;
}

export interface LiveMatrix {
  readonly store: MatrixStore;
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  readonly binding: Binding;
  /** Who the token is, as the server says. */
  readonly user: { readonly name: string; readonly role: 'reader' | 'editor' };
  /** A reader's edits are refused by the server: the app should not offer editing. */
  readonly readOnly: boolean;
  readonly status: SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** The others on the matrix now (not oneself). */
  readonly peers: readonly Peer[];
  onPeers(listener: (peers: readonly Peer[]) => void): () => void;
  /** Resolves when every edit made so far is acknowledged by the server (stored there). */
  acknowledged(): Promise<void>;
  /** Go offline (edits go on locally) and back. */
  disconnect(): void;
  connect(): void;
  /** Leave: the store keeps the matrix, unshared, with its own undo (from an empty stack). */
  leave(): void;
}

/** The refusal of a server: no valid token, or no such matrix. */
export class JoinError extends Error {}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e'];
const colourOf = (name: string): string => COLOURS[[...name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) >>> 0, 7) % COLOURS.length];

function readPeer(clientId: number, state: Record<string, unknown>): Peer | undefined {
  const user = state.user as { name?: unknown; colour?: unknown } | undefined;
  if (!user || typeof user.name !== 'string') return undefined;
  const colour = typeof user.colour === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.colour) ? user.colour : colourOf(user.name);
  return { clientId, name: user.name.slice(0, 100), colour, ...(typeof state.cell === 'string' ? { cell: state.cell } : {}) };
}

export async function joinMatrix(options: JoinOptions): Promise<LiveMatrix> {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = fetchAgainOnce(options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args)));
  const auth: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  // Who one is, asked while the document comes (not before: a round trip less on the way to the matrix).
  const whoami = (async () => {
    const who = await doFetch(`${base}/api/whoami`, { headers: auth });
    if (who.status === 401) throw new JoinError('the server refused the token (revoked or mistyped)');
    if (!who.ok) throw new JoinError(`the server answered ${who.status}`);
    return (await who.json()) as { name: string; role: 'reader' | 'editor' };
  })();
  // (Its refusal is handled below, with the document's.)
  whoami.catch(() => undefined);
  const matrixBase = `${base}/matrices/${encodeURIComponent(options.matrix)}/`;
  const readSource: FileReader = async (path) => {
    // The server reads it inside what it serves; `../` would be lost in an address.
    const response = await doFetch(`${matrixBase}?file=${encodeURIComponent(path)}`, { headers: auth });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };

  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${base.replace(/^http/, 'ws')}/sync`,
    ...(options.WebSocket ? { WebSocketPolyfill: withErrorListener(options.WebSocket) } : {}),
    delay: options.reconnect?.delay ?? 1000,
    minDelay: options.reconnect?.delay ?? 1000,
    maxDelay: options.reconnect?.maxDelay ?? 30000,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: options.matrix, document: doc, token: options.token ?? '' });
  const encodeRemoteUpdatesAgain = skipEncodingRemoteUpdates(doc, provider);
  /** Off the server: the provider and its socket gone, the document's own listener as Yjs had it. */
  const disconnect = () => {
    encodeRemoteUpdatesAgain();
    provider.destroy();
    socket.destroy();
  };
  provider.attach();

  const synced = new Promise<void>((resolve, reject) => {
    const failed = ({ reason }: { reason: string }) => {
      reject(new JoinError(reason === 'permission-denied' ? 'the server refused: no such matrix, or the token may not open it' : `the server refused: ${reason}`));
    };
    provider.on('authenticationFailed', failed);
    provider.on('synced', function synced() {
      provider.off('synced', synced);
      provider.off('authenticationFailed', failed);
      resolve();
    });
  });
  synced.catch(() => undefined);
  let user: { name: string; role: 'reader' | 'editor' };
  try {
    [user] = await Promise.all([whoami, synced]);
  } catch (e) {
    disconnect();
    // A refused token (or no server) is told as the server's answer to who one is, as before the document's refusal.
    throw (await whoami.then(() => undefined, (w: unknown) => w)) ?? e;
  }

  const name = options.name ?? user.name;
  let binding: Binding;
  try {
    binding = await Binding.open(doc, options.store, { user: user.name, readSource, origin: matrixBase, batch: true });
  } catch (e) {
    disconnect();
    // Untrusted: a document that is not a matrix (a block of rows that is not one) is said, and the store keeps what it had.
    throw new JoinError(`the matrix on the server cannot be read (${(e as Error).message})`);
  }

  // Presence: who one is, and which cell one has selected.
  const awareness = provider.awareness!;
  awareness.setLocalStateField('user', { name, colour: options.colour ?? colourOf(name) });
  awareness.setLocalStateField('cell', options.store.snapshot.selection ?? null);
  const unsubscribe = options.store.subscribe((next, previous) => {
    if (next.selection !== previous.selection) awareness.setLocalStateField('cell', next.selection ?? null);
  });

  let connection: 'connecting' | 'connected' | 'disconnected' = 'connected';
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const peerListeners = new Set<(p: readonly Peer[]) => void>();
  let refused: string | undefined;
  const status = (): SyncStatus => ({
    state: refused || connection === 'disconnected' ? 'offline' : connection === 'connecting' ? 'connecting' : provider.unsyncedChanges > 0 ? 'syncing' : 'synced',
    pending: provider.unsyncedChanges,
    ...(refused ? { refused } : {}),
    ...(binding.unreadable ? { unreadable: binding.unreadable } : {}),
  });
  const tellStatus = () => {
    const s = status();
    for (const l of statusListeners) l(s);
  };
  const peers = (): Peer[] =>
    [...awareness.getStates()].filter(([id]) => id !== doc.clientID).map(([id, state]) => readPeer(id, state)).filter((p): p is Peer => p !== undefined);
  const onSocketStatus = ({ status: s }: { status: string }) => {
    connection = s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected';
    tellStatus();
  };
  socket.on('status', onSocketStatus);
  // The server closes this matrix's connection when it refuses a message (src/sync/server/server.ts).
  const onClose = ({ event }: { event: { reason?: string } }) => {
    const reason = String(event?.reason ?? '');
    if (!reason.startsWith('refused: ')) return;
    refused = reason.slice('refused: '.length);
    tellStatus();
  };
  provider.on('close', onClose);
  binding.onUnreadable = tellStatus;
  provider.on('unsyncedChanges', tellStatus);
  provider.on('synced', tellStatus);
  const onAwareness = () => {
    const p = peers();
    for (const l of peerListeners) l(p);
  };
  awareness.on('change', onAwareness);

  return {
    store: options.store, doc, provider, binding, user, readOnly: user.role !== 'editor',
    get status() {
      return status();
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    get peers() {
      return peers();
    },
    onPeers(listener) {
      peerListeners.add(listener);
      return () => peerListeners.delete(listener);
    },
    acknowledged() {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (provider.unsyncedChanges === 0 && connection === 'connected') {
            provider.off('unsyncedChanges', check);
            provider.off('synced', check);
            resolve();
          }
        };
        provider.on('unsyncedChanges', check);
        provider.on('synced', check);
        check();
      });
    },
    disconnect() {
      socket.disconnect();
    },
    connect() {
      void socket.connect();
    },
    leave() {
      unsubscribe();
      awareness.off('change', onAwareness);
      socket.off('status', onSocketStatus);
      provider.off('close', onClose);
      binding.destroy();
      disconnect();
      doc.destroy();
    },
  };
}
