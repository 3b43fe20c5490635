/**
 * The load worker's side of reading citations.csv in two parts (see citation-parts.ts): the
 * second part goes to a part worker (part-job.ts) while this worker reads the first; the
 * parts are joined when both are clean, else the file is read whole, as without parts.
 */
import { partBytes, partText, readCitationsPart, splitPlan } from '../model/citation-parts.ts';
import { distinctKeys } from '../model/citation-keys.ts';
import { citationLookup, type CitationsStep, type LoadResult } from '../model/load.ts';
import type { CitationsFile } from '../model/read.ts';
import type { AnchoredRun } from './anchor-chunks.ts';
import type { CitationsMessage, PartReply } from './load-protocol.ts';
import type { PartChannel } from './part-job.ts';

/** The replies to one part, in order, as promised values. */
class Replies {
  private readonly queue: PartReply[] = [];
  private waiting: { resolve: (reply: PartReply) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(channel: PartChannel, id: number) {
    channel.listen(
      (reply) => {
        if (reply.id !== id) return;
        if (this.waiting) {
          this.waiting.resolve(reply);
          this.waiting = undefined;
        } else this.queue.push(reply);
      },
      (message) => {
        this.failure = new Error(message);
        this.waiting?.reject(this.failure);
        this.waiting = undefined;
      },
    );
  }

  next(): Promise<PartReply> {
    const reply = this.queue.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

let lastId = 0;

/** The second part of citations.csv, read and found clean by the part worker: its citations are anchored there. */
export class SecondPart {
  constructor(
    private readonly channel: PartChannel,
    private readonly id: number,
    private readonly replies: Replies,
    /** Citations in the part. */
    readonly count: number,
  ) {}

  /** Have the part worker anchor the part in these texts (the first part's citations are anchored here meanwhile). */
  anchor(sourceTexts: ReadonlyMap<string, string>): void {
    this.channel.send({ type: 'part-anchor', id: this.id, sourceTexts: [...sourceTexts] });
  }

  /** Hand over the part's chunks as they come (`anchored`: citations of the part anchored so far); what anchoring found. */
  async forward(send: (chunk: CitationsMessage, anchored: number) => void): Promise<AnchoredRun> {
    for (;;) {
      const reply = await this.replies.next();
      if (reply.type === 'part-chunk') send(reply.chunk, reply.anchored);
      else if (reply.type === 'part-done') return { used: new Set(reply.used), notFound: reply.notFound };
      else if (reply.type === 'part-error') throw new Error(reply.message);
    }
  }
}

/**
 * Load the citations in two parts when the file is long enough (`minBytes`) and a part
 * worker can be had (`channel`); else, or when the parts do not join, whole (`step`).
 */
export async function loadCitationsInParts(
  file: CitationsFile, step: CitationsStep, channel: () => PartChannel | undefined, minBytes: number,
): Promise<{ loaded: LoadResult; second?: SecondPart }> {
  const { content } = file;
  // A reader may give text (tests, files given as text): as bytes, it is cut the same way.
  const bytes = typeof content === 'string' && content.length >= minBytes / 3 ? new TextEncoder().encode(content) : content;
  const plan = bytes instanceof Uint8Array && step.context ? splitPlan(bytes, minBytes) : undefined;
  const parts = plan && channel();
  if (!plan || !parts || !step.context || !(bytes instanceof Uint8Array)) return { loaded: step(file.text()) };
  const id = ++lastId;
  const replies = new Replies(parts, id);
  const [firstBytes, secondBytes] = partBytes(bytes, plan);
  parts.send({ type: 'part', id, bytes: secondBytes, headerEnd: plan.headerEnd, context: step.context });
  const firstText = partText(firstBytes);
  const header = partText(bytes.subarray(0, plan.headerEnd));
  const first = firstText === undefined || header === undefined ? undefined : readCitationsPart(firstText, header, citationLookup(step.context));
  let read: PartReply;
  try {
    read = await replies.next();
  } catch {
    // The part worker could not run: the file is read whole here.
    return { loaded: step(file.text()) };
  }
  if (read.type !== 'part-read' || !first?.clean || !read.clean || !distinctKeys([first.keys, read.keys])) {
    parts.send({ type: 'part-drop', id });
    return { loaded: step(file.text()) };
  }
  return { loaded: step.joined(first), second: new SecondPart(parts, id, replies, read.count) };
}
