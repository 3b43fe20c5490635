/**
 * Messages between the load worker (load.worker.ts) and the page (src/state/load-worker.ts).
 *
 * The worker reads, parses, validates and anchors a matrix; the page receives it in chunks
 * (each message is deserialized in its own task, so none is long) and puts the store's
 * snapshot together from them without anchoring anything again. Anchors travel packed in
 * typed arrays; where each row came from travels as each file's bytes and rows (see
 * `TableLocation`). A source index the load did not need follows the load (`index`).
 */
import type { SourceIndexParts } from '../model/anchor/source-index.ts';
import { plainRange } from '../model/check/citation-checks.ts';
import type { CsvLocation } from '../model/format/csv/parse-csv.ts';
import type { Dataset } from '../model/dataset/dataset.ts';
import type { Anchor, Cell, Citation, Matrix, Problem } from '../model/types.ts';
import type { TextMap } from '../model/sources/text-map.ts';

/** What the load is doing: reading files, parsing and validating them, anchoring citations (and handing them over), putting the check together on the page. */
export type LoadPhase = 'reading' | 'parsing' | 'anchoring' | 'assembling';

export interface LoadProgress {
  phase: LoadPhase;
  /** Fraction of the whole load done, 0 … 1 (phases are weighted by their usual share of the time). */
  fraction: number;
}

/** Share of the whole load each phase usually takes (measured on the 100,000-cell bench matrix in Chromium). */
export const PHASE_SPAN: Record<LoadPhase, [number, number]> = {
  reading: [0, 0.12],
  parsing: [0.12, 0.55],
  anchoring: [0.55, 0.92],
  assembling: [0.92, 1],
};

export const progressOf = (phase: LoadPhase, done: number, total: number): LoadProgress => {
  const [from, to] = PHASE_SPAN[phase];
  return { phase, fraction: from + (to - from) * (total > 0 ? Math.min(1, done / total) : 1) };
};

/** Rows per chunk message: small enough that receiving one is a short task. */
export const CHUNK_ROWS = 2000;

export interface LoadRequest {
  type: 'load';
  /** Absolute URL of the matrix folder (unused when `files` are given). */
  url: string;
  /** Name of the matrix (the folder's name; for `files`, the name when none is found among them). */
  name: string;
  /**
   * Files a user picked or dropped (a folder's files, loose files, zips), read here rather
   * than on the page: parsing a damaged or oversized matrix never holds up the page.
   */
  files?: PickedFile[];
}

/** A file a user picked: its path in what was picked, its size, and its bytes as a Blob (a File). */
export interface PickedFile {
  path: string;
  size: number;
  blob: Blob;
}

/**
 * Where the rows of one table came from: its file's bytes as read, its columns, and each
 * item's row. The bytes travel transferred (cloning tens of megabytes of text would hold up
 * the page) and are decoded only when a problem is located. The row and line offsets come
 * along when the worker already knows that a row of the file has a problem; otherwise the
 * page works them out on the first look-up (see `csvLocator`): finding them in a file of
 * 25 MB took the worker a few hundred milliseconds of every load.
 */
export interface TableLocation extends Partial<Omit<CsvLocation, 'text'>> {
  file: string;
  /** The file as read (decoded with `decodeText`, as the worker decoded it). */
  bytes: Uint8Array;
  columns: [string, number][];
  /** Row of the file (0 = header) of each item of the table, in the matrix's order. */
  rows: Int32Array;
}

export type TableKey = 'jurisdictions' | 'dimensions' | 'levels' | 'sources' | 'cells' | 'citations';

/** Everything but the cells and citations, sent first: as soon as the tables but citations.csv are loaded (it may still be arriving). */
export interface MetaMessage {
  type: 'meta';
  matrix: Omit<Matrix, 'cells' | 'citations'>;
  cells: number;
}

/** What the citations need, sent once citations.csv is read: the source texts, and the extra columns (citations.csv's among them). */
export interface TextsMessage {
  type: 'texts';
  citations: number;
  extraColumns: Matrix['extraColumns'];
  /**
   * The source texts by source id, as UTF-8 bytes (transferred: a text of many megabytes,
   * cloned, is a long task for the page to receive; decoded, each is a short one). Sent
   * before the citations, so that the page decodes them while the rows arrive, not after the last.
   */
  sourceTexts: [string, Uint8Array][];
}

/**
 * Rows packed by column values: every free-text field of every row, in row order, joined into
 * one string with the end offset of each. Cloning one long string and a typed array costs a
 * copy; cloning thousands of small objects costs far more (the structured clone writes and
 * reads every key of every object), and creating the objects again here is cheap. Fields
 * that repeat (ids, statuses) travel as codes into a table of their distinct values, so the
 * page makes one string per value, not one per row.
 */
export interface PackedRows {
  text: string;
  ends: Int32Array;
  /** Distinct values of the repeating fields, and each row's code for each (row-major). */
  strings: string[];
  codes: Int32Array;
  /** Numeric fields, one array per field, in row order. */
  numbers: Float64Array[];
  /** The `extra` of each row (only when some row has one). */
  extras?: (Record<string, string> | undefined)[];
}

/** Free-text and repeating fields of a cell and of a citation. */
const CELL_TEXTS = 2;
const CELL_CODES = 8;
const CITATION_TEXTS = 5;
const CITATION_CODES = 5;

/** Collects the fields of rows (see PackedRows). */
class Packer {
  private readonly parts: string[];
  readonly ends: Int32Array;
  private readonly codes: Int32Array;
  private readonly strings: string[] = [];
  private readonly codeOf = new Map<string, number>();
  private k = 0;
  private c = 0;
  private end = 0;
  extras: (Record<string, string> | undefined)[] | undefined;

  /**
   * The last value and code of each repeating field (a row's codes are added in the same
   * order every row): most rows repeat the row before's dimension, source, level or status.
   * A look-up in `codeOf` hashes the value, and each row's values are strings of their own,
   * never hashed before; comparing with the last is cheaper. Loads of the largest bench matrix
   * in alternating runs of the same page: 683 against 649 ms, then 657 against 622 ms.
   */
  private readonly lastValues: (string | undefined)[];
  private readonly lastCodes: Int32Array;
  private field = 0;

  constructor(private readonly rows: number, texts: number, private readonly codesPerRow: number) {
    this.parts = new Array(rows * texts);
    this.ends = new Int32Array(rows * texts);
    this.codes = new Int32Array(rows * codesPerRow);
    this.lastValues = new Array(codesPerRow).fill(undefined);
    this.lastCodes = new Int32Array(codesPerRow);
  }

  add(value: string): void {
    this.parts[this.k] = value;
    this.end += value.length;
    this.ends[this.k++] = this.end;
  }

  code(value: string): void {
    const f = this.field;
    this.field = f + 1 === this.codesPerRow ? 0 : f + 1;
    if (value === this.lastValues[f]) {
      this.codes[this.c++] = this.lastCodes[f];
      return;
    }
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(value);
      this.codeOf.set(value, code);
    }
    this.lastValues[f] = value;
    this.lastCodes[f] = code;
    this.codes[this.c++] = code;
  }

  extra(i: number, extra: Record<string, string> | undefined): void {
    if (extra !== undefined) (this.extras ??= new Array(this.rows).fill(undefined))[i] = extra;
  }

  rowsOf(numbers: Float64Array[] = []): PackedRows {
    return { text: this.parts.join(''), ends: this.ends, strings: this.strings, codes: this.codes, numbers, ...(this.extras ? { extras: this.extras } : {}) };
  }
}

/** Cells [from, to) packed (see PackedRows). */
export function packCells(cells: readonly Cell[], from = 0, to = cells.length): PackedRows {
  const p = new Packer(to - from, CELL_TEXTS, CELL_CODES);
  const period = new Float64Array(to - from);
  const relative = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const c = cells[i];
    p.code(c.dimension); p.code(c.jurisdiction); p.code(c.level); p.code(c.inForceFrom); p.code(c.inForceUntil); p.code(c.observed);
    p.code(c.status); p.code(c.confidence);
    p.add(c.value); p.add(c.note);
    period[i - from] = c.period;
    relative[i - from] = c.relative ? 1 : 0;
    p.extra(i - from, c.extra);
  }
  return p.rowsOf([period, relative]);
}

/** Citations [from, to) packed (see PackedRows). */
export function packCitations(citations: readonly Citation[], from = 0, to = citations.length): PackedRows {
  const p = new Packer(to - from, CITATION_TEXTS, CITATION_CODES);
  const seq = new Float64Array(to - from);
  const period = new Float64Array(to - from);
  // Positions: NaN where a citation has none.
  const start = new Float64Array(to - from);
  const end = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const c = citations[i];
    p.code(c.dimension); p.code(c.jurisdiction); p.code(c.source); p.code(c.support); p.code(c.attribution);
    p.add(c.quote); p.add(c.prefix); p.add(c.suffix); p.add(c.locator); p.add(c.rowKey ?? '');
    seq[i - from] = c.seq;
    period[i - from] = c.period;
    start[i - from] = c.start ?? NaN;
    end[i - from] = c.end ?? NaN;
    p.extra(i - from, c.extra);
  }
  return p.rowsOf([seq, start, end, period]);
}

/** Reads the fields of packed rows back in the order they were added (see Packer). */
class Unpacker {
  private k = 0;
  private c = 0;
  private start = 0;

  constructor(private readonly packed: PackedRows) {}

  /** The next free-text field. */
  text(): string {
    const { text, ends } = this.packed;
    return text.slice(this.start, (this.start = ends[this.k++]));
  }

  /** The next repeating field. */
  code(): string {
    return this.packed.strings[this.packed.codes[this.c++]];
  }
}

/** The cells of a packed chunk (objects shaped as loadMatrix makes them). */
export function unpackCells(packed: PackedRows): Cell[] {
  const r = new Unpacker(packed);
  const [period, relative] = packed.numbers;
  const out: Cell[] = new Array(packed.ends.length / CELL_TEXTS);
  for (let i = 0; i < out.length; i++) {
    const dimension = r.code();
    const jurisdiction = r.code();
    const level = r.code();
    const inForceFrom = r.code();
    const inForceUntil = r.code();
    const observed = r.code();
    const status = r.code() as Cell['status'];
    const confidence = r.code() as Cell['confidence'];
    out[i] = {
      dimension, jurisdiction, period: period[i], value: r.text(), level, inForceFrom, inForceUntil, observed, status, confidence,
      relative: relative[i] === 1, note: r.text(), extra: packed.extras?.[i],
    };
  }
  return out;
}

/** The citations of a packed chunk (objects shaped as loadMatrix makes them). */
export function unpackCitations(packed: PackedRows): Citation[] {
  const r = new Unpacker(packed);
  const [seq, start, end, period] = packed.numbers;
  const out: Citation[] = new Array(packed.ends.length / CITATION_TEXTS);
  for (let i = 0; i < out.length; i++) {
    const dimension = r.code();
    const jurisdiction = r.code();
    const source = r.code();
    const support = r.code() as Citation['support'];
    const attribution = r.code();
    out[i] = {
      dimension, jurisdiction, period: period[i], seq: seq[i], source, quote: r.text(), prefix: r.text(), suffix: r.text(), locator: r.text(),
      support, attribution,
      start: Number.isNaN(start[i]) ? undefined : start[i], end: Number.isNaN(end[i]) ? undefined : end[i], rowKey: r.text() || undefined, extra: packed.extras?.[i],
    };
  }
  return out;
}

export interface CellsMessage {
  type: 'cells';
  rows: PackedRows;
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
  rows: PackedRows;
  anchors: PackedAnchors;
}

/**
 * Where the rows of one table came from, sent ahead of `done` (which then leaves that table
 * out): cells.csv's, right after the cells, when the codebook's rules will warn about cells,
 * so that the page makes and locates those warnings while the worker anchors the citations.
 */
export interface LocationMessage {
  type: 'location';
  key: TableKey;
  location: TableLocation;
}

/** A built source index as sent: its folded text as UTF-8 bytes. */
export type SentIndexParts = Omit<SourceIndexParts, 'original' | 'folded'> & { folded: Uint8Array };

/** The rest of the load, sent last (only `index` messages may follow): problems, built source indexes, row locations. */
export interface DoneMessage {
  type: 'done';
  problems: Problem[];
  /** Source indexes built in the worker (by source id), so that the page never indexes a source again; the folded text as UTF-8 bytes. */
  indexes: { source: string; parts: SentIndexParts }[];
  /**
   * Sources whose index the worker builds after the load and sends in an `index` message
   * each: every quote read at its saved position, so the load needed no index, but a quote
   * typed later is looked up in one.
   */
  indexing: string[];
  /** Where each table's rows came from (but a table's sent ahead in a `location` message). */
  locations: Partial<Record<TableKey, TableLocation>>;
  /** The datasets of dataset sources (row citations are anchored in them already; the page computes the computed cells from them). */
  datasets?: Dataset[];
  /** Remarks on how picked files were read (several matrix folders, a source found by its name). */
  notes?: string[];
  /** Each source's text map (pages, headings) by source id: locators come from it. */
  sourceMaps?: [string, TextMap][];
  /** The sources' originals and map files by path relative to the matrix folder: an export keeps them. */
  sourceFiles?: [string, Uint8Array | string][];
}

/** A source index built after the load (see `DoneMessage.indexing`). */
export interface IndexMessage {
  type: 'index';
  source: string;
  parts: SentIndexParts;
}

export type WorkerMessage =
  | { type: 'progress'; progress: LoadProgress }
  | MetaMessage
  | CellsMessage
  | TextsMessage
  | CitationsMessage
  | LocationMessage
  | DoneMessage
  | IndexMessage
  | { type: 'error'; message: string };

/** Empty packed anchors for `n` citations (each then set with `packAnchor`). */
export function packedAnchors(n: number): PackedAnchors {
  return { status: new Uint8Array(n), start: new Int32Array(n), end: new Int32Array(n), others: {} };
}

/** Set entry `i` of packed anchors: a plain found range as numbers, any other anchor whole. */
export function packAnchor(packed: PackedAnchors, i: number, anchor: Anchor): void {
  const range = plainRange(anchor);
  if (range) {
    packed.start[i] = range.start;
    packed.end[i] = range.end;
  } else {
    packed.status[i] = 1;
    packed.others[i] = anchor;
  }
}

/** The anchor of entry `i` of a packed chunk (a new object, as anchoring would give). */
export function unpackAnchor(packed: PackedAnchors, i: number): Anchor {
  return packed.status[i] === 0 ? { status: 'found', range: { start: packed.start[i], end: packed.end[i] } } : packed.others[i];
}

/** The typed arrays of a message, to transfer rather than copy. */
export function transferables(message: WorkerMessage): Transferable[] {
  const out: Transferable[] = [];
  if (message.type === 'cells' || message.type === 'citations') out.push(message.rows.ends.buffer, message.rows.codes.buffer, ...message.rows.numbers.map((n) => n.buffer));
  if (message.type === 'citations') out.push(message.anchors.status.buffer, message.anchors.start.buffer, message.anchors.end.buffer);
  const indexBuffers = ({ folded, origin, words }: SentIndexParts) => [folded.buffer, origin.buffer, words.hashes.buffer, words.positions.buffer, words.directory.buffer];
  if (message.type === 'index') out.push(...indexBuffers(message.parts));
  if (message.type === 'texts') for (const [, bytes] of message.sourceTexts) out.push(bytes.buffer);
  const locationBuffers = (location: TableLocation | undefined) => {
    if (location) out.push(location.rows.buffer, location.bytes.buffer);
    if (location?.rowOffsets && location.lineStarts) out.push(location.rowOffsets.buffer, location.lineStarts.buffer);
  };
  if (message.type === 'location') locationBuffers(message.location);
  if (message.type === 'done') {
    for (const { parts } of message.indexes) out.push(...indexBuffers(parts));
    for (const location of Object.values(message.locations)) locationBuffers(location);
    for (const dataset of message.datasets ?? []) {
      for (const column of dataset.columns) out.push(column.codes.buffer);
      if (dataset.lines) out.push(dataset.lines.buffer);
    }
  }
  return [...new Set(out)];
}

