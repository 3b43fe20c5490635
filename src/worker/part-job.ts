/**
 * What the worker reading the second part of citations.csv does (see citation-parts.ts and
 * `PartRequest`): read and validate the part, say whether it is clean, then, when the load
 * worker joins it, anchor its citations and send them chunk by chunk.
 */
import { partText, readCitationsPart, type CitationsPart } from '../model/citation-parts.ts';
import { SourceIndexCache } from '../model/check.ts';
import { citationLookup } from '../model/load.ts';
import { anchorInChunks } from './anchor-chunks.ts';
import { transferables, type PartReply, type PartRequest } from './load-protocol.ts';

export type PartPost = (reply: PartReply, transfer: Transferable[]) => void;

/** A handler of part requests that answers through `post`. */
export function partJob(post: PartPost): (request: PartRequest) => void {
  // The part read last, until it is anchored or dropped.
  let current: { id: number; part: CitationsPart } | undefined;
  return (request) => {
    try {
      if (request.type === 'part') {
        current = undefined;
        const text = partText(request.bytes);
        const header = partText(request.bytes.subarray(0, request.headerEnd));
        if (text === undefined || header === undefined) {
          // Not UTF-8: the load worker reads the file whole (and notes it).
          post({ type: 'part-read', id: request.id, count: 0, clean: false, keys: new Float64Array(0) }, []);
          return;
        }
        const part = readCitationsPart(text, header, citationLookup(request.context));
        if (part.clean) current = { id: request.id, part };
        post({ type: 'part-read', id: request.id, count: part.citations.length, clean: part.clean, keys: part.keys }, [part.keys.buffer]);
      } else if (request.type === 'part-anchor') {
        if (current?.id !== request.id) throw new Error('no part read to anchor');
        const { citations } = current.part;
        current = undefined;
        const { used, notFound } = anchorInChunks(citations, new Map(request.sourceTexts), new SourceIndexCache(), (chunk, anchored) => {
          post({ type: 'part-chunk', id: request.id, chunk, anchored }, transferables(chunk));
        });
        post({ type: 'part-done', id: request.id, used: [...used], notFound }, []);
      } else if (request.type === 'part-drop') {
        if (current?.id === request.id) current = undefined;
      }
    } catch (error) {
      current = undefined;
      post({ type: 'part-error', id: request.id, message: error instanceof Error ? error.message : String(error) }, []);
    }
  };
}

/** A channel to a part worker: requests one way, replies (or the worker's failure) the other. */
export interface PartChannel {
  send(request: PartRequest): void;
  /** Where replies go (one listener at a time); `onFailure` when the worker cannot run. */
  listen(onReply: (reply: PartReply) => void, onFailure: (message: string) => void): void;
}

/** A part worker (a second instance of the load worker's script). */
export function workerPartChannel(worker: Worker): PartChannel {
  return {
    send: (request) => worker.postMessage(request, request.type === 'part' ? [request.bytes.buffer] : []),
    listen: (onReply, onFailure) => {
      worker.onmessage = (event: MessageEvent<PartReply>) => onReply(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onFailure(event.message || 'the part worker could not start');
      };
    },
  };
}

/**
 * The part job on this thread, with messages cloned and delivered in tasks of their own as
 * between workers (where there are no nested workers, e.g. Node; and for tests).
 */
export function inThreadPartChannel(): PartChannel {
  let onReply: (reply: PartReply) => void = () => {};
  const job = partJob((reply) => setTimeout(() => onReply(structuredClone(reply))));
  return {
    send: (request) => {
      const copy = structuredClone(request, { transfer: request.type === 'part' ? [request.bytes.buffer] : [] });
      setTimeout(() => job(copy));
    },
    listen: (reply) => {
      onReply = reply;
    },
  };
}
