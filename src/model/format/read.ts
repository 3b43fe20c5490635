import { decodeText } from './decode.ts';
import { loadMatrixInSteps, type CitationsStep, type LoadResult, type MatrixTexts } from './load.ts';
import { DESCRIPTOR_FILE, MATRIX_FILES, TABLES } from './schema.ts';
import { readSourceFiles } from '../sources/load-files.ts';
import type { TextMap } from '../sources/text-map.ts';
import { TABLE_NAMES, type Problem } from '../types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { isDatasetSource, readDatasets } from '../dataset/read-dataset.ts';

/**
 * Reads a file by path relative to the matrix folder: its text, or its bytes (decoded here,
 * with a note when they are not UTF-8), or undefined when it does not exist.
 */
export type FileReader = (relativePath: string) => Promise<string | Uint8Array | undefined>;

export interface MatrixBundle extends LoadResult {
  /** Full text of each source whose file could be read, by source id. */
  sourceTexts: Map<string, string>;
  /** The table of each dataset source that could be read, by source id (see dataset/). */
  datasets?: Map<string, Dataset>;
  /** Each source's text map (pages, headings), by source id: those with a map that could be read. */
  sourceMaps?: Map<string, TextMap>;
  /**
   * The sources' other files as read (originals, map files), by path
   * relative to the matrix folder: an export and a draft keep them.
   */
  sourceFiles?: Map<string, Uint8Array | string>;
}

/** Every file of a matrix folder, by its name in the folder. */
export { MATRIX_FILES };

async function readText(read: FileReader, file: string, problems: Problem[]): Promise<{ text?: string; present: boolean }> {
  const content = await read(file);
  if (content === undefined) return { present: false };
  return { text: content instanceof Uint8Array ? decodeText(content, file, problems) : content, present: true };
}

/**
 * The text of a source file as it is anchored in: decoded (see decode.ts), without a
 * byte-order mark. A few stray NUL bytes read as U+FFFD (one code unit for one, so positions
 * hold), with a warning.
 */
export function sourceText(content: string | Uint8Array, file: string, problems: Problem[]): string | undefined {
  const text = (content instanceof Uint8Array ? decodeText(content, file, problems) : content)?.replace(/^\uFEFF/, '');
  if (text === undefined || !text.includes('\u0000')) return text;
  const nuls = text.split('\u0000').length - 1;
  problems.push({ severity: 'warning', file, line: 0, column: 0, message: `the text holds ${nuls === 1 ? 'a NUL character' : `${nuls} NUL characters`} (byte 0, not text): read as \u201c\uFFFD\u201d` });
  return text.replaceAll('\u0000', '\uFFFD');
}

/** Read one file of a matrix folder into `texts` (undefined when missing). */
async function readInto(texts: MatrixTexts, read: FileReader, file: string, problems: Problem[]): Promise<void> {
  const { text, present } = await readText(read, file, problems);
  // A file refused as binary is there but unreadable: load it as empty (reported once).
  texts[file] = present ? (text ?? '') : undefined;
}

/** The text of a matrix folder's files (undefined where missing), with decoding problems. */
export async function readMatrixTexts(read: FileReader): Promise<{ texts: MatrixTexts; problems: Problem[] }> {
  const texts: MatrixTexts = {};
  const problems: Problem[] = [];
  await Promise.all(MATRIX_FILES.map((file) => readInto(texts, read, file, problems)));
  return { texts, problems };
}

/** Whether a descriptor's text lists `file` among its resources, or lists no resources (unreadable: read it, to say what is wrong). */
function listsFile(descriptor: string | undefined, file: string): boolean {
  if (descriptor === undefined) return true;
  try {
    const resources = (JSON.parse(descriptor.replace(/^\uFEFF/, '')) as { resources?: unknown }).resources;
    if (!Array.isArray(resources)) return true;
    return resources.some((r) => typeof r === 'object' && r !== null && ((r as { path?: unknown }).path === file || (r as { name?: unknown }).name === file.replace(/\.csv$/, '')));
  } catch {
    return true;
  }
}

export interface ReadOptions {
  /** Called once every table but the citations is loaded (citations.csv may still be arriving): `step.tables`. */
  onTables?: (step: CitationsStep) => void;
}

/**
 * Read a matrix through any reader (file system, fetch, files picked by a user) and the
 * texts of its sources. Missing files are problems, never exceptions.
 */
export async function readMatrix(read: FileReader, name: string, options: ReadOptions = {}): Promise<MatrixBundle> {
  // Every file is read at once; the tables are loaded while citations.csv (by far the
  // largest) is still arriving, and the citations once it is in.
  const texts: MatrixTexts = {};
  const decodeProblems: Problem[] = [];
  // An optional table (computed.csv) is asked for only when the descriptor lists it (or lists
  // no tables at all, as a descriptor written by hand may): a matrix without one asks for no
  // file that is not there.
  const optional = new Set(TABLE_NAMES.filter((t) => TABLES[t].optionalFile).map((t) => TABLES[t].file));
  const reading = new Map(MATRIX_FILES.filter((file) => !optional.has(file)).map((file) => [file, readInto(texts, read, file, decodeProblems)]));
  const descriptorRead = reading.get(DESCRIPTOR_FILE)!;
  for (const file of optional) {
    reading.set(file, descriptorRead.then(() => (listsFile(texts[DESCRIPTOR_FILE], file) ? readInto(texts, read, file, decodeProblems) : undefined)));
  }
  // A read that fails rejects the load once, through the await below that meets it first.
  for (const done of reading.values()) done.catch(() => {});
  const citationsFile = TABLES.citations.file;
  await Promise.all([...reading].filter(([file]) => file !== citationsFile).map(([, done]) => done));
  const loadCitations = loadMatrixInSteps(name, texts);
  options.onTables?.(loadCitations);
  await reading.get(citationsFile);
  const loaded = loadCitations(texts[citationsFile]);
  const refused = new Set(decodeProblems.filter((d) => d.severity === 'error').map((d) => d.file));
  const problems: Problem[] = [...decodeProblems, ...loaded.problems.filter((p) => !(refused.has(p.file) && p.message.startsWith('empty file')))];
  const textContents = new Map<string, string | Uint8Array>();
  const [sourceTexts, datasets] = await Promise.all([
    readSourceTexts(read, loaded, problems, textContents),
    readDatasets(read, loaded.matrix.sources, problems, loaded.locations),
  ]);
  // Maps, originals and fixity (see sources/load-files.ts).
  const { sourceMaps, sourceFiles } = await readSourceFiles(read, loaded, sourceTexts, textContents, problems);
  return { ...loaded, problems, sourceTexts, sourceMaps, sourceFiles, datasets };
}

/**
 * The texts of a loaded matrix's sources, by source id; a source that cannot be read is a
 * problem (datasets are read apart: readDatasets). `contents`, when given, gets each text
 * file as it was read (for fixity).
 */
export async function readSourceTexts(read: FileReader, loaded: LoadResult, problems: Problem[], contents?: Map<string, string | Uint8Array>): Promise<Map<string, string>> {
  const sourceTexts = new Map<string, string>();
  await Promise.all(loaded.matrix.sources.map(async (source) => {
    if (source.path === '' || sourceTexts.has(source.id) || isDatasetSource(source)) return;
    let text: string | undefined;
    let failure = '';
    try {
      const content = await read(source.path);
      text = content === undefined ? undefined : sourceText(content, source.path, problems);
      if (content !== undefined && text !== undefined) contents?.set(source.id, content);
    } catch (e) {
      failure = `: ${(e as Error).message}`;
    }
    if (text === undefined) {
      const at = loaded.locations.get(source)?.locate('path') ?? { line: 0, column: 0 };
      problems.push({
        severity: 'error', file: TABLES.sources.file, ...at, field: 'path',
        message: `the text of source "${source.id}" cannot be read at ${source.path}${failure}`,
        target: { kind: 'source', id: source.id },
      });
    } else sourceTexts.set(source.id, text);
  }));
  return sourceTexts;
}

/** A reader over HTTP(S) relative to a matrix folder's URL; a 404 reads as a missing file. */
export function fetchReader(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): FileReader {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : baseUrl + '/', globalThis.location?.href ?? 'http://localhost/');
  return async (relativePath) => {
    const response = await fetchImpl(new URL(relativePath, base));
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
