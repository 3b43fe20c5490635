/**
 * Every message a client sends the team server is untrusted input (docs/security.md): before
 * Hocuspocus handles it, it is decoded here and checked against what our clients send — its
 * size, its kind, and for a change of the document, that every piece of it fits the shared
 * document's layout (src/sync/doc/layout.ts): values in the matrix's own maps and history,
 * text or bytes or a history entry, a block of rows in a table's map of blocks, no nested
 * types, no subdocuments, no rich text. A message that does not fit is refused with a located
 * reason (the message's kind, the piece of the update by its client and clock, the map it
 * names, what is wrong), and the connection is closed: nothing of it reaches the document,
 * the store, the others or the disk.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { LIMITS, sizeWords } from '../../model/format/limits.ts';
import { TABLE_NAMES } from '../../model/types.ts';
import { FILES, HISTORY, META, blocksName, fieldsName, rowsName } from '../doc/layout.ts';
import { blockProblem } from '../doc/blocks.ts';
import { readEntry } from '../doc/shared-history.ts';

const KiB = 1024;

/** The limits of one message (the WebSocket's frame limit is `message`). */
export const MESSAGE_LIMITS = {
  /** Bytes of one message: a source's files (each at most LIMITS.fileBytes) with some room. */
  message: LIMITS.fileBytes + 16 * 1024 * KiB,
  /** Bytes of one presence (awareness) update. */
  awareness: 64 * KiB,
  /** Characters of a map's key (a row's key and a column's name). */
  key: 4 * KiB,
  /** Characters of one history entry as JSON (a re-anchoring of thousands of citations fits). */
  entry: 16 * 1024 * KiB,
  /** Characters of a name or a cell's key in presence. */
  presence: 1 * KiB,
} as const;

/** The names of the document's maps and arrays (layout.ts); nothing else may be created at its top. */
export const ROOT_NAMES: ReadonlySet<string> = new Set([META, HISTORY, FILES, ...TABLE_NAMES.flatMap((t) => [blocksName(t), rowsName(t), fieldsName(t)])]);

/** Hocuspocus's message types (@hocuspocus/common's MessageType). */
const MESSAGE_TYPES: Record<number, string> = { 0: 'sync', 1: 'presence', 2: 'sign-in', 3: 'presence query', 5: 'stateless', 6: 'broadcast', 7: 'close', 8: 'sync status' };
/** y-protocols' sync message types. */
const SYNC_STEP_1 = 0;

export class RefusedMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedMessage';
  }
}

const refuse = (what: string): never => {
  throw new RefusedMessage(what);
};

/** A value of a map or of the history, as our clients write them (see the file's comment). */
function checkValue(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (value.length > LIMITS.fileBytes) refuse(`${where}: a text of ${sizeWords(value.length)}, over the limit of ${sizeWords(LIMITS.fileBytes)}`);
    return;
  }
  // The document's layout version (meta).
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const json = JSON.stringify(value);
    if (json.length > MESSAGE_LIMITS.entry) refuse(`${where}: a history entry of ${sizeWords(json.length)}, over the limit of ${sizeWords(MESSAGE_LIMITS.entry)}`);
    if (!readEntry(value)) refuse(`${where}: not a history entry (when, what, by whom, the changes)`);
    return;
  }
  refuse(`${where}: a value of a kind the matrix does not hold (${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value})`);
}

/** The root map or array a piece of an update goes into, and its key in a map. */
interface Place {
  readonly name: string;
  readonly key: string | null;
}

/** The maps of blocks of rows (layout.ts): a text written there must be a block (blocks.ts). */
const BLOCK_MAPS: ReadonlySet<string> = new Set(TABLE_NAMES.map(blocksName));

/**
 * Where the pieces of one update go. A piece written next to another (a map's new value for a
 * key, an entry after another) names that one instead of its map: it is looked up among the
 * update's earlier pieces, then in the document. Undefined where neither has it (a piece that
 * waits for one not yet received): such a piece is not checked as a block here, and the
 * binding, which reads it, keeps the matrix as it was (binding.ts).
 */
function placesIn(doc: Y.Doc | undefined) {
  /** Per client, this update's pieces in clock order, with where each went. */
  const own = new Map<number, { clock: number; length: number; place: Place | undefined }[]>();
  const inUpdate = (id: Y.ID): Place | undefined | null => {
    const list = own.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid];
      if (id.clock < p.clock) hi = mid - 1;
      else if (id.clock >= p.clock + p.length) lo = mid + 1;
      else return p.place;
    }
    return null;
  };
  const inDoc = (id: Y.ID): Place | undefined => {
    if (!doc || Y.getState(doc.store, id.client) <= id.clock) return undefined;
    const item = Y.getItem(doc.store, id);
    if (!(item instanceof Y.Item)) return undefined;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || parent._item !== null) return undefined;
    return { name: Y.findRootTypeKey(parent), key: item.parentSub };
  };
  const lookUp = (id: Y.ID | null): Place | undefined => {
    if (!id) return undefined;
    const found = inUpdate(id);
    return found === null ? inDoc(id) : found;
  };
  return (struct: Y.Item): Place | undefined => {
    const parent = struct.parent as unknown;
    const place = typeof parent === 'string' ? { name: parent, key: struct.parentSub } : parent === null ? (lookUp(struct.origin) ?? lookUp(struct.rightOrigin)) : undefined;
    let list = own.get(struct.id.client);
    if (!list) own.set(struct.id.client, (list = []));
    list.push({ clock: struct.id.clock, length: struct.length, place });
    return place;
  };
}

/**
 * Check a Yjs update (v1) against the document's layout; throws RefusedMessage. `doc`, the
 * document it is for, places the pieces that name only their neighbour (see placesIn).
 */
export function checkUpdate(update: Uint8Array, doc?: Y.Doc): void {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[] };
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    return refuse(`not a readable change of the document (${(e as Error).message || 'malformed'})`);
  }
  const placeOf = placesIn(doc);
  decoded.structs.forEach((struct, i) => {
    if (!(struct instanceof Y.Item)) return;
    const where = `piece ${i + 1} (client ${struct.id.client}, clock ${struct.id.clock})`;
    const place = placeOf(struct);
    const parent = struct.parent as unknown;
    // A piece placed after another names no parent: it goes where that one is.
    if (typeof parent === 'string') {
      if (!ROOT_NAMES.has(parent)) refuse(`${where}: “${parent.slice(0, 80)}” is not a part of the matrix's document`);
    } else if (parent !== null) {
      refuse(`${where}: inside a nested type (the matrix's document has none)`);
    }
    const key = struct.parentSub;
    if (key !== null && key.length > MESSAGE_LIMITS.key) refuse(`${where}: a key of ${key.length} characters, over the limit of ${MESSAGE_LIMITS.key}`);
    const at = typeof parent === 'string' ? `${where} in “${parent}”${key !== null ? ` at “${key.slice(0, 80)}”` : ''}` : where;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) return;
    if (content instanceof Y.ContentBinary) {
      if (content.content.byteLength > LIMITS.fileBytes) refuse(`${at}: a file of ${sizeWords(content.content.byteLength)}, over the limit of ${sizeWords(LIMITS.fileBytes)}`);
      return;
    }
    if (content instanceof Y.ContentAny) {
      for (const value of content.arr) checkValue(value, at);
      // Rows in blocks are read by their lengths (blocks.ts): a block must be one.
      if (place && BLOCK_MAPS.has(place.name)) {
        const blockAt = typeof parent === 'string' ? at : `${where} in “${place.name}”${place.key !== null ? ` at “${place.key.slice(0, 80)}”` : ''}`;
        for (const value of content.arr) {
          const problem = typeof value === 'string' ? blockProblem(value) : 'not a block of rows: not a text';
          if (problem) refuse(`${blockAt}: ${problem}`);
        }
      }
      return;
    }
    refuse(`${at}: ${content.constructor.name.replace(/^Content/, '').toLowerCase() || 'unknown'} content (the matrix's document holds only texts, files and history entries)`);
  });
}

/** A presence update (y-protocols awareness): each client's state is JSON with a user's name and the cell it is on. */
function checkAwareness(update: Uint8Array): void {
  if (update.byteLength > MESSAGE_LIMITS.awareness) refuse(`presence of ${sizeWords(update.byteLength)}, over the limit of ${sizeWords(MESSAGE_LIMITS.awareness)}`);
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      const state = JSON.parse(decoding.readVarString(d)) as unknown;
      if (state === null) continue;
      if (typeof state !== 'object' || Array.isArray(state)) refuse('presence: a state that is not an object');
      const { user, cell } = state as { user?: unknown; cell?: unknown };
      if (user !== undefined) {
        const u = user as { name?: unknown; colour?: unknown } | null;
        if (!u || typeof u.name !== 'string' || u.name.length > MESSAGE_LIMITS.presence || (u.colour !== undefined && (typeof u.colour !== 'string' || u.colour.length > 64))) refuse('presence: the user is not a name and a colour');
      }
      if (cell !== undefined && cell !== null && (typeof cell !== 'string' || cell.length > MESSAGE_LIMITS.presence)) refuse('presence: the cell is not a cell’s key');
    }
  } catch (e) {
    if (e instanceof RefusedMessage) throw e;
    refuse(`presence that cannot be read (${(e as Error).message || 'malformed'})`);
  }
}

/**
 * Check one message a client sent (Hocuspocus framing: the document's name, the message's
 * type, its body); throws RefusedMessage saying what and where.
 */
export function checkMessage(data: Uint8Array, doc?: Y.Doc): void {
  if (data.byteLength > MESSAGE_LIMITS.message) refuse(`a message of ${sizeWords(data.byteLength)}, over the limit of ${sizeWords(MESSAGE_LIMITS.message)}`);
  let type: number;
  let d: decoding.Decoder;
  try {
    d = decoding.createDecoder(data);
    decoding.readVarString(d);
    type = decoding.readVarUint(d);
  } catch {
    return refuse('a message that cannot be read');
  }
  const kind = MESSAGE_TYPES[type];
  try {
    switch (type) {
      case 0: {
        const step = decoding.readVarUint(d);
        const body = decoding.readVarUint8Array(d);
        if (step === SYNC_STEP_1) {
          // A state vector: what the client has. Read it to be sure it is one.
          Y.decodeStateVector(body);
          return;
        }
        if (step !== 1 && step !== 2) refuse(`sync message of unknown step ${step}`);
        try {
          checkUpdate(body, doc);
        } catch (e) {
          if (e instanceof RefusedMessage) refuse(`change of the document: ${e.message}`);
          throw e;
        }
        return;
      }
      case 1:
        return checkAwareness(decoding.readVarUint8Array(d));
      case 2:
      case 3:
      case 7:
      case 8:
        return;
      default:
        // Stateless messages (and broadcasts to every connection) are not part of our protocol.
        refuse(`${kind ?? `type ${type}`} messages are not accepted`);
    }
  } catch (e) {
    if (e instanceof RefusedMessage) throw e;
    refuse(`${kind} message that cannot be read (${(e as Error).message || 'malformed'})`);
  }
}
