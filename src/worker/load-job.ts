/**
 * What the load worker does (load.worker.ts wires it to `postMessage`; tests run it in
 * Node): read the matrix folder, parse and validate it, anchor every citation, and post the
 * result in chunks (see load-protocol.ts). The same model code as a load on the main thread.
 */
import type { SourceIndex } from '../model/anchor/source-index.ts';
import { SourceIndexCache } from '../model/check/check.ts';
import { sourcePathRefusal } from '../model/format/confine.ts';
import { parseCsv } from '../model/format/csv/parse-csv.ts';
import { expandZips } from '../model/export/zip.ts';
import { planFileSet, type FileEntry } from '../model/format/file-set.ts';
import { fetchReader, MATRIX_FILES, readMatrix, type FileReader } from '../model/format/read.ts';
import { TABLES } from '../model/format/schema.ts';
import { RowLocations } from '../model/format/row-locations.ts';
import type { Cell, Matrix } from '../model/types.ts';
import type { Table } from '../model/format/table.ts';
import { anchorInChunks } from './anchor-chunks.ts';
import {
  CHUNK_ROWS, packCells, progressOf, transferables,
  type DoneMessage, type LoadPhase, type PickedFile, type TextsMessage, type SentIndexParts, type LoadRequest, type TableKey, type TableLocation, type WorkerMessage,
} from './load-protocol.ts';

export type Post = (message: WorkerMessage, transfer: Transferable[]) => void;

/** Post progress at most every `interval` ms (and always at the start of a phase). */
function progressPoster(post: Post, interval = 50) {
  let last = -Infinity;
  let lastPhase: LoadPhase | undefined;
  return (phase: LoadPhase, done: number, total: number) => {
    const now = performance.now();
    if (phase === lastPhase && now - last < interval && done < total) return;
    last = now;
    lastPhase = phase;
    post({ type: 'progress', progress: progressOf(phase, done, total) }, []);
  };
}

/**
 * Where the items of one table were read from: the file as read, its columns, each item's
 * row, and, when `withOffsets`, the row and line offsets (else the page finds them if ever needed).
 */
function tableLocation(
  table: Table | undefined, count: number, content: string | Uint8Array | undefined, withOffsets: boolean,
  transferable: (bytes: Uint8Array) => Uint8Array,
): TableLocation | undefined {
  const csv = table?.csv;
  if (!csv || !table.columns || content === undefined || count === 0) return undefined;
  // Item i was read from data row i: row i + 1 of the file.
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i < table.size ? i + 1 : -1;
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : transferable(content);
  const location: TableLocation = { file: csv.file, columns: [...table.columns], rows, bytes };
  if (withOffsets) {
    const { rowOffsets, lineStarts } = csv.location();
    Object.assign(location, { rowOffsets, lineStarts });
  }
  return location;
}

/**
 * The large tables the codebook's rules (codebook-rules.ts) will warn about when the page
 * checks the matrix, found without checking it: cells a rule asks something of (a level
 * without confidence, a supported cell without a date, a relative grading), citations that
 * report a claim (without attribution, or as a de jure cell's only support). Each scan stops
 * at the first one: a matrix coded before the codebook has one in its first rows.
 */
export function codebookPointsInto(matrix: Pick<Matrix, 'cells' | 'citations'>): Set<'cells' | 'citations'> {
  const out = new Set<'cells' | 'citations'>();
  if (codebookPointsIntoCells(matrix.cells)) out.add('cells');
  if (matrix.citations.some((c) => c.support === 'reports')) out.add('citations');
  return out;
}

/** Whether the codebook's rules will warn about a row of cells.csv (see `codebookPointsInto`). */
export const codebookPointsIntoCells = (cells: readonly Cell[]): boolean =>
  cells.some((c) => (c.level !== '' && c.confidence === '') || (c.status === 'supported' && c.observed === '' && c.inForceFrom === '') || c.relative);

/** Bytes in a buffer of their own, to transfer (a reader's view into a larger buffer is copied; its own buffer is not). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** A built index as sent: its folded text as UTF-8 bytes (the original text travels once, with the rest). */
function sentParts(index: SourceIndex): SentIndexParts {
  const { original: _, folded, ...parts } = index.parts();
  void _;
  return { ...parts, folded: new TextEncoder().encode(folded) };
}

/** The paths sources.csv gives (to fetch early; readMatrix reads and checks them properly). */
function sourcePaths(content: string | Uint8Array): string[] {
  try {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const csv = parseCsv(text, TABLES.sources.file);
    const column = csv.header.indexOf('path');
    const kind = csv.header.indexOf('kind');
    // A dataset's files are read by readDataset, with its own limit asked of the reader.
    return column < 0 ? [] : csv.rows.filter((fields) => kind < 0 || fields[kind] !== 'dataset').map((fields) => fields[column] ?? '').filter((p) => p !== '');
  } catch {
    return [];
  }
}

/** A reader over picked files (zips among them opened here), the matrix's name, and remarks on how they are read. */
async function pickedReader(files: readonly PickedFile[], fallbackName: string): Promise<{ read: FileReader; name: string; notes: string[] }> {
  const entries: FileEntry[] = files.map(({ path, size, blob }) => ({ path, size, read: async () => new Uint8Array(await blob.arrayBuffer()) }));
  return planFileSet(await expandZips(entries), fallbackName);
}

/**
 * Read, check and post a matrix: the files in `request.files`, else the folder at
 * `request.url` (fetched), or through `reader` when one is given.
 */
export async function runLoad(request: LoadRequest, post: Post, reader?: FileReader): Promise<void> {
  // Bytes read here are this load's own: they are transferred as they are. A reader
  // passed in may keep what it returns: its bytes are copied first.
  const transferable = (bytes: Uint8Array) => (reader ? bytes.slice() : ownBuffer(bytes));
  const send = (message: WorkerMessage) => post(message, transferables(message));
  const progress = progressPoster(post);
  try {
    progress('reading', 0, 1);
    const picked = !reader && request.files ? await pickedReader(request.files, request.name) : undefined;
    const read = reader ?? picked?.read ?? fetchReader(request.url);
    const name = picked?.name ?? request.name;
    // Count the matrix's own files as they arrive; parsing starts when the last one is in.
    // The source texts are fetched as soon as sources.csv names them (readMatrix asks for
    // them only after parsing every table).
    // (An optional table, computed.csv, is read only when the descriptor lists it: not counted.)
    const own = new Set(MATRIX_FILES.filter((f) => !Object.values(TABLES).some((t) => t.optionalFile && t.file === f)));
    const early = new Map<string, Promise<string | Uint8Array | undefined>>();
    // The files as read: the matrix's bytes go to the page for locating problems, and the
    // sources' bytes as their text when they are that text's UTF-8 (no copy, no encoding).
    const contents = new Map<string, string | Uint8Array | undefined>();
    let arrived = 0;
    // Whether cells.csv's location went ahead of the rest (see onTables).
    let cellsSent = false;
    const counting: FileReader = async (path, options) => {
      const prefetched = early.get(path);
      if (prefetched) {
        early.delete(path);
        const content = await prefetched;
        contents.set(path, content);
        return content;
      }
      const content = await read(path, options);
      contents.set(path, content);
      if (path === TABLES.sources.file && content !== undefined) {
        for (const source of sourcePaths(content)) {
          // (A path out of the matrix is never fetched: readMatrix reports it, see confine.ts.)
          if (!own.has(source) && !early.has(source) && !sourcePathRefusal(source)) {
            const pending = read(source);
            pending.catch(() => {});
            early.set(source, pending);
          }
        }
      }
      if (own.has(path)) {
        arrived++;
        if (arrived === own.size) progress('parsing', 0, 1);
        else progress('reading', arrived, own.size);
      }
      return content;
    };
    const bundle = await readMatrix(counting, name, {
      // The tables go to the page while citations.csv is still arriving: the small ones,
      // then the cells in chunks (the page takes them in while this thread parses the citations).
      onTables: ({ tables, cellsFile }) => {
        const { cells, ...others } = tables;
        send({ type: 'meta', matrix: others, cells: cells.length });
        for (let from = 0; from < cells.length; from += CHUNK_ROWS) {
          send({ type: 'cells', rows: packCells(cells, from, Math.min(cells.length, from + CHUNK_ROWS)) });
        }
        // Where each cell was read, with the offsets, when the codebook's rules will warn
        // about cells: the page makes those warnings (each located in cells.csv) while this
        // thread parses and anchors the citations, rather than after the last message.
        if (codebookPointsIntoCells(cells)) {
          const location = tableLocation(cellsFile, cells.length, contents.get(TABLES.cells.file), true, transferable);
          if (location) {
            send({ type: 'location', key: 'cells', location });
            cellsSent = true;
          }
        }
      },
    });
    const { matrix, sourceTexts, locations } = bundle;

    // The source texts go before the citations (see TextsMessage).
    const encoder = new TextEncoder();
    const decodeNoted = new Set(bundle.problems.filter((p) => p.line === 0).map((p) => p.file));
    const texts: TextsMessage['sourceTexts'] = [...sourceTexts].map(([id, text]) => {
      const path = matrix.sources.find((s) => s.id === id)?.path ?? '';
      const read = contents.get(path);
      // Read as UTF-8 without a byte-order mark and without a note: the bytes decode to the text.
      const asRead = read instanceof Uint8Array && !decodeNoted.has(path) && !(read[0] === 0xef && read[1] === 0xbb && read[2] === 0xbf);
      return [id, asRead ? transferable(read) : encoder.encode(text)];
    });
    // Hand over as the work goes on, so that the page builds its objects while this thread
    // anchors: the citations chunk by chunk, each chunk anchored just before it is sent (in
    // file order).
    const { citations } = matrix;
    send({ type: 'texts', citations: citations.length, extraColumns: matrix.extraColumns, sourceTexts: texts });
    const cache = new SourceIndexCache();
    progress('anchoring', 0, citations.length);
    const { used, notFound } = anchorInChunks(citations, sourceTexts, cache, (chunk, anchored) => {
      send(chunk);
      progress('anchoring', anchored, citations.length);
    }, bundle.datasets);
    const tables: Record<TableKey, readonly object[]> = {
      jurisdictions: matrix.jurisdictions, dimensions: matrix.dimensions, levels: matrix.levels,
      sources: matrix.sources, cells: matrix.cells, citations: matrix.citations,
    };
    const where: DoneMessage['locations'] = {};
    // Offsets go along for files with a problem now, for both large files when a citation
    // is not found (its cell may then be flagged), and for a large file the codebook's rules
    // will point into as the page checks the cells (see codebookPointsInto). Otherwise the
    // two large files are clean: their offsets are found only if the page ever needs them
    // (finding those of a 3.4 MB cells.csv took the worker about 8 ms at the end of every
    // load; in alternating loads of the largest bench matrix: 663 against 645 ms, then 717
    // against 697 ms). Found on the page instead, they cost a parse of the whole file in one
    // task (about 400 ms for the 4 MB cells.csv of a matrix with no confidences).
    // (cells.csv's went ahead, with the cells, when the codebook's rules warn about cells.)
    const withProblems = new Set(bundle.problems.filter((p) => p.line > 0).map((p) => p.file));
    const codebookFiles = codebookPointsInto(matrix);
    for (const [key, items] of Object.entries(tables) as [TableKey, readonly object[]][]) {
      const file = TABLES[key === 'levels' ? 'scales' : key].file;
      if (key === 'cells' && cellsSent) continue;
      const large = key === 'citations' || key === 'cells';
      const withOffsets = !large || notFound || withProblems.has(file) || codebookFiles.has(key);
      const table = locations instanceof RowLocations ? locations.fileOf(key) : undefined;
      const location = tableLocation(table, items.length, contents.get(file), withOffsets, transferable);
      if (location) where[key] = location;
    }
    // Indexes built while anchoring (quotes without a saved position) go with the rest; the
    // others are built now, after the load, for quotes typed later.
    const indexes: DoneMessage['indexes'] = [];
    const indexing: string[] = [];
    const seen = new Set<string>();
    for (const id of used) {
      const text = sourceTexts.get(id)!;
      if (seen.has(text)) continue;
      seen.add(text);
      if (cache.has(text)) indexes.push({ source: id, parts: sentParts(cache.get(text)) });
      else indexing.push(id);
    }
    // The datasets go as they are: columns of codes (their buffers transferred) and their values.
    const datasets = [...(bundle.datasets?.values() ?? [])];
    send({
      type: 'done', problems: bundle.problems, indexes, indexing, locations: where,
      sourceMaps: [...(bundle.sourceMaps ?? [])], sourceFiles: [...(bundle.sourceFiles ?? [])], ...(datasets.length ? { datasets } : {}),
      ...(picked ? { notes: picked.notes } : {}),
    });
    for (const id of indexing) send({ type: 'index', source: id, parts: sentParts(cache.get(sourceTexts.get(id)!)) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }, []);
  }
}

