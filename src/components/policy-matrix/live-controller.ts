/**
 * `<policy-matrix src="https://server/matrices/<name>/" live>`: the matrix is joined on its
 * team server (`policy-matrix serve`) instead of loaded: others' edits come in as they are
 * made, one's own go out (when editing is allowed), and the connection's state and who is on
 * which cell are told. The sync client (Yjs, Hocuspocus) is loaded only when a matrix is
 * joined, so pages that never join do not carry it.
 *
 * The server's address and the matrix's name come from `src`: everything before
 * `/matrices/<name>/` is the server. Without a token, the browser signs in with the cookie
 * a token link set on that server (the app the server serves).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MatrixStore } from '../../state/store.ts';
import type { LiveMatrix, Peer, SyncStatus } from '../../sync/client.ts';

export interface LiveState {
  /** Who one is on the server, once joined. */
  readonly user?: { readonly name: string; readonly role: 'reader' | 'editor' };
  readonly status: SyncStatus;
  readonly peers: readonly Peer[];
  /** Why joining failed, in words. */
  readonly error?: string;
}

/** The server and the matrix of a live `src`, or undefined when `src` is not `…/matrices/<name>/`. */
export function liveTarget(src: string, base: string): { server: string; matrix: string } | undefined {
  let url: URL;
  try {
    url = new URL(src.endsWith('/') ? src : `${src}/`, base);
  } catch {
    return undefined;
  }
  const m = /^(.*?)\/matrices\/([^/]+)\/$/.exec(url.pathname);
  if (!m || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return { server: `${url.origin}${m[1]}`, matrix: decodeURIComponent(m[2]) };
}

export class LiveMatrixController implements ReactiveController {
  private live: LiveMatrix | undefined;
  private attempt = 0;
  private stops: (() => void)[] = [];
  state: LiveState | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly store: () => MatrixStore) {
    host.addController(this);
  }

  get joined(): LiveMatrix | undefined {
    return this.live;
  }

  /** Join the matrix at `src` (leaving one joined before); '' only leaves. */
  async join(src: string, token: string, name?: string): Promise<void> {
    this.leave();
    const attempt = ++this.attempt;
    if (!src) return;
    const store = this.store();
    const target = liveTarget(src, document.baseURI);
    if (!target) {
      this.fail(store, src, 'a live matrix’s address ends in /matrices/<name>/ on its team server');
      return;
    }
    store.loading(src);
    this.state = { status: { state: 'connecting', pending: 0 }, peers: [] };
    this.host.requestUpdate();
    try {
      const { joinMatrix } = await import('../../sync/client.ts');
      const live = await joinMatrix({ url: target.server, matrix: target.matrix, token, store, ...(name ? { name } : {}) });
      if (attempt !== this.attempt) {
        live.leave();
        return;
      }
      this.live = live;
      const tell = () => {
        this.state = { user: live.user, status: live.status, peers: live.peers };
        this.host.requestUpdate();
      };
      // Back online: connect at once, rather than at the next of the client's retries (which
      // wait longer after each failure, up to 30 s): the edits kept meanwhile go out now.
      const online = () => this.reconnect();
      window.addEventListener('online', online);
      this.stops = [live.onStatus(tell), live.onPeers(tell), () => window.removeEventListener('online', online)];
      tell();
      this.host.dispatchEvent(new CustomEvent('policy-matrix-live', { detail: { user: live.user }, bubbles: true, composed: true }));
    } catch (e) {
      if (attempt !== this.attempt) return;
      this.fail(store, src, (e as Error).message);
    }
  }

  /** Offline: try the connection now (the "Reconnect now" button, the browser back online). */
  reconnect(): void {
    if (this.live && this.live.status.state === 'offline' && !this.live.status.refused) this.live.connect();
  }

  private fail(store: MatrixStore, src: string, message: string): void {
    this.state = { status: { state: 'offline', pending: 0 }, peers: [], error: message };
    store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot join the live matrix: ${message}` }, src);
    this.host.requestUpdate();
  }

  leave(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    this.live?.leave();
    this.live = undefined;
    this.state = undefined;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.attempt++;
    this.leave();
  }
}
