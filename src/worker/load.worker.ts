/**
 * The load worker (a module worker): reads, parses, validates and anchors a matrix off the
 * page's main thread and posts it back in chunks (see load-job.ts, load-protocol.ts).
 * Started by `loadMatrixInWorker` (src/state/load-worker.ts); one load at a time, and a worker
 * may serve several loads one after the other.
 *
 * The same script runs as the part worker that a load worker starts to read the second part
 * of a long citations.csv at the same time (see part-job.ts); it is kept, as its load worker
 * is, for the next load, and ends with it.
 */
import { runLoad } from './load-job.ts';
import type { LoadRequest, PartReply, PartRequest, WorkerMessage } from './load-protocol.ts';
import { partJob, workerPartChannel, type PartChannel } from './part-job.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LoadRequest | PartRequest>) => void) | null;
  postMessage(message: WorkerMessage | PartReply, transfer: Transferable[]): void;
  location: { href: string };
}

const scope = globalThis as unknown as WorkerScope;
const post = (message: WorkerMessage | PartReply, transfer: Transferable[]) => scope.postMessage(message, transfer);

/** This worker's part worker, started on first need; none where workers cannot start workers, or after one failed to run. */
let partChannel: PartChannel | undefined;
let partsFailed = false;
function parts(): PartChannel | undefined {
  if (!partChannel && !partsFailed && typeof Worker === 'function') {
    try {
      const channel = workerPartChannel(new Worker(scope.location.href, { type: 'module', name: 'policy-matrix load (part)' }));
      partChannel = {
        send: (request) => channel.send(request),
        listen: (onReply, onFailure) => channel.listen(onReply, (message) => {
          partsFailed = true;
          partChannel = undefined;
          onFailure(message);
        }),
      };
    } catch {
      partsFailed = true;
    }
  }
  return partChannel;
}

const parting = partJob(post);
scope.onmessage = (event) => {
  const request = event.data;
  if (request?.type === 'load') void runLoad(request, post, undefined, parts);
  else if (request?.type === 'part' || request?.type === 'part-anchor' || request?.type === 'part-drop') parting(request);
};
