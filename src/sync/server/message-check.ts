/**
 * Every message a client sends the team server is untrusted input (docs/security.md): before
 * Hocuspocus handles it, it is decoded here and checked against what our clients send — its
 * size, its kind, and for a change of the document, that every piece of it fits the shared
 * document's layout (src/sync/doc/layout.ts): values in the matrix's own maps and history,
 * text or bytes or a history entry, no nested types, no subdocuments, no rich text. A
 * message that does not fit is refused with a located reason (the message's kind, the piece
 * of the update by its client and clock, the map it names, what is wrong), and the connection
 * is closed: nothing of it reaches the document, the store, the others or the disk.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { LIMITS, sizeWords } from '../../model/format/limits.ts';
import { TABLE_NAMES } from '../../model/types.ts';
import { FILES, HISTORY, META, blocksName, fieldsName, rowsName } from '../doc/layout.ts';
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

/** Check a Yjs update (v1) against the document's layout; throws RefusedMessage. */
export function checkUpdate(update: Uint8Array): void {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[] };
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    return refuse(`not a readable change of the document (${(e as Error).message || 'malformed'})`);
  }
  decoded.structs.forEach((struct, i) => {
    if (!(struct instanceof Y.Item)) return;
    const where = `piece ${i + 1} (client ${struct.id.client}, clock ${struct.id.clock})`;
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
export function checkMessage(data: Uint8Array): void {
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
          checkUpdate(body);
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
