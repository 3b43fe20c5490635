/**
 * The connection's two ways of failing that are not the server's doing: both met when a
 * join's load had kept this side busy for seconds (a large matrix on a loaded machine).
 */

/**
 * fetch that asks once more when a GET fails before any answer. A connection kept alive
 * from an earlier request may have been closed by the server while this side was busy (its
 * timers could not retire the connection in time): the request then fails at once with
 * "other side closed", though the server is there. The requests of a join are reads.
 */
export function fetchAgainOnce(doFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await doFetch(input, init);
    } catch (e) {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (!(e instanceof TypeError) || method !== 'GET' || init?.signal?.aborted) throw e;
      return doFetch(input, init);
    }
  };
}

interface ListeningSocket {
  addEventListener(type: 'error', listener: () => void): void;
}

/**
 * A WebSocket class (Node's `ws`) whose sockets always have a listener for `error`. The
 * provider removes its listeners before closing a socket, and closing one that is still
 * connecting (leaving while a dropped connection is made again, or a new attempt replacing
 * it) makes `ws` emit an error: with no listener, Node ends the process. The provider learns
 * of the close as before (its state, its reconnection).
 */
export function withErrorListener(WebSocketClass: unknown): unknown {
  const Base = WebSocketClass as new (...args: unknown[]) => ListeningSocket;
  return class extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      this.addEventListener('error', () => {});
    }
  };
}
