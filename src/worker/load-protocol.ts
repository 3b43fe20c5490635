/**
 * Messages between the load worker (load.worker.ts) and the page (src/state/load-worker.ts).
 *
 * The worker reads, parses, validates and anchors a matrix; the page receives it in chunks
 * (each message is deserialized in its own task, so none is long) and puts the store's
 * snapshot together from them without anchoring anything again. Anchors travel packed in
 * typed arrays; where each row came from travels as row and line offsets per file.
 */
import type { SourceIndexParts } from '../model/anchor/source-index.ts';
import type { CsvLocation } from '../model/csv/parse-csv.ts';
import type { Anchor, Cell, Citation, Matrix, Problem } from '../model/types.ts';

/** What the worker is doing: reading files, parsing and validating them, anchoring citations, handing over. */
export type LoadPhase = 'reading' | 'parsing' | 'anchoring' | 'transferring' | 'assembling';

export interface LoadProgress {
  phase: LoadPhase;
  /** Fraction of the whole load done, 0 … 1 (phases are weighted by their usual share of the time). */
  fraction: number;
}

/** Share of the whole load each phase usually takes (measured on the 100,000-cell bench matrix). */
export const PHASE_SPAN: Record<LoadPhase, [number, number]> = {
  reading: [0, 0.1],
  parsing: [0.1, 0.4],
  anchoring: [0.4, 0.75],
  transferring: [0.75, 0.9],
  assembling: [0.9, 1],
};

export const progressOf = (phase: LoadPhase, done: number, total: number): LoadProgress => {
  const [from, to] = PHASE_SPAN[phase];
  return { phase, fraction: from + (to - from) * (total > 0 ? Math.min(1, done / total) : 1) };
};

/** Rows per chunk message: small enough that receiving one is a short task. */
export const CHUNK_ROWS = 4000;

export interface LoadRequest {
  type: 'load';
  /** Absolute URL of the matrix folder. */
  url: string;
  /** Name of the matrix (the folder's name). */
  name: string;
}

/** Where the rows of one table came from: its file, columns and offsets (see `csvLocator`). */
export interface TableLocation extends CsvLocation {
  file: string;
  columns: [string, number][];
  /** Row of the file (0 = header) of each item of the table, in the matrix's order. */
  rows: Int32Array;
}

export type TableKey = 'jurisdictions' | 'dimensions' | 'levels' | 'sources' | 'cells' | 'citations';

/** Everything but the cells and citations, sent first. */
export interface MetaMessage {
  type: 'meta';
  matrix: Omit<Matrix, 'cells' | 'citations'>;
  cells: number;
  citations: number;
}

export interface CellsMessage {
  type: 'cells';
  items: Cell[];
}

/** Anchors of a chunk of citations: status 0 = found at [start, end); 1 = any other anchor, given whole in `others`. */
export interface PackedAnchors {
  status: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  others: Record<number, Anchor>;
}

export interface CitationsMessage {
  type: 'citations';
  items: Citation[];
  anchors: PackedAnchors;
}

/** The rest, sent last: problems, source texts, built source indexes, row locations. */
export interface DoneMessage {
  type: 'done';
  problems: Problem[];
  sourceTexts: [string, string][];
  /** Source indexes built in the worker (by source id), so that the page never indexes a source again. */
  indexes: { source: string; parts: Omit<SourceIndexParts, 'original'> }[];
  locations: Partial<Record<TableKey, TableLocation>>;
}

export type WorkerMessage =
  | { type: 'progress'; progress: LoadProgress }
  | MetaMessage
  | CellsMessage
  | CitationsMessage
  | DoneMessage
  | { type: 'error'; message: string };

/** Pack the anchors of citations [from, to). */
export function packAnchors(anchors: readonly Anchor[], from: number, to: number): PackedAnchors {
  const n = to - from;
  const packed: PackedAnchors = { status: new Uint8Array(n), start: new Int32Array(n), end: new Int32Array(n), others: {} };
  for (let i = 0; i < n; i++) {
    const anchor = anchors[from + i];
    if (anchor.status === 'found' && anchor.range && anchor.candidates === undefined && anchor.suggestion === undefined && anchor.reason === undefined) {
      packed.start[i] = anchor.range.start;
      packed.end[i] = anchor.range.end;
    } else {
      packed.status[i] = 1;
      packed.others[i] = anchor;
    }
  }
  return packed;
}

/** The anchor of entry `i` of a packed chunk (a new object, as anchoring would give). */
export function unpackAnchor(packed: PackedAnchors, i: number): Anchor {
  return packed.status[i] === 0 ? { status: 'found', range: { start: packed.start[i], end: packed.end[i] } } : packed.others[i];
}

/** The typed arrays of a message, to transfer rather than copy. */
export function transferables(message: WorkerMessage): Transferable[] {
  const out: Transferable[] = [];
  if (message.type === 'citations') out.push(message.anchors.status.buffer, message.anchors.start.buffer, message.anchors.end.buffer);
  if (message.type === 'done') {
    for (const { parts } of message.indexes) {
      out.push(parts.origin.buffer, parts.words.hashes.buffer, parts.words.positions.buffer, parts.words.directory.buffer);
    }
    for (const location of Object.values(message.locations)) {
      if (location) out.push(location.rowOffsets.buffer, location.lineStarts.buffer, location.rows.buffer);
    }
  }
  return [...new Set(out)];
}

