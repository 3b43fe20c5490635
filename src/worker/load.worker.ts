/**
 * The load worker (a module worker): reads, parses, validates and anchors a matrix off the
 * page's main thread and posts it back in chunks (see load-job.ts, load-protocol.ts).
 * Started by `loadMatrixInWorker` (src/state/load-worker.ts); one load at a time, and a worker
 * may serve several loads one after the other.
 */
import { runLoad } from './load-job.ts';
import type { LoadRequest, WorkerMessage } from './load-protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LoadRequest>) => void) | null;
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  if (event.data?.type === 'load') void runLoad(event.data, (message, transfer) => scope.postMessage(message, transfer));
};
