import { SOURCES_FOLDER, sourcePathRefusal } from './confine.ts';
import { decodeText } from './decode.ts';
import { isRefusedFile, LIMITS, overAsked, ReadBudget, RefusedFile, sizeWords, tooLarge, type Limits, type ReadFileOptions } from './limits.ts';
import { loadMatrixInSteps, type CitationsStep, type LoadResult, type MatrixTexts } from './load.ts';
import { DESCRIPTOR_FILE, MATRIX_FILES, TABLES } from './schema.ts';
import { readSourceFiles } from '../sources/load-files.ts';
import type { TextMap } from '../sources/text-map.ts';
import { TABLE_NAMES, type Problem } from '../types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { isDatasetSource, readDatasets } from '../dataset/read-dataset.ts';

/**
 * Reads a file by path relative to the matrix folder: its text, or its bytes (decoded here,
 * with a note when they are not UTF-8), or undefined when it does not exist. A file it will
 * not read (outside the matrix, too large, not a regular file) is a `RefusedFile` thrown:
 * `readMatrix` reports it where it is named and goes on with the rest. `options` may ask a
 * lower size limit for this one file (a dataset's data file), refused by its size as well.
 */
export type FileReader = (relativePath: string, options?: ReadFileOptions) => Promise<string | Uint8Array | undefined>;

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
  let content: string | Uint8Array | undefined;
  try {
    content = await read(file);
  } catch (e) {
    if (!isRefusedFile(e)) throw e;
    // Refused (a folder, a link out of the matrix, too large…): there but unreadable, like a binary file.
    problems.push({ severity: 'error', file, line: 0, column: 0, message: e.message });
    return { present: true };
  }
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
    const report = (message: string) => {
      const at = loaded.locations.get(source)?.locate('path') ?? { line: 0, column: 0 };
      problems.push({ severity: 'error', file: TABLES.sources.file, ...at, field: 'path', message, target: { kind: 'source', id: source.id } });
    };
    // Confinement first: a path out of the matrix is never handed to a reader.
    const refusal = sourcePathRefusal(source.path);
    if (refusal) {
      report(`the text of source "${source.id}" is not read: path ${source.path} ${refusal}`);
      return;
    }
    let text: string | undefined;
    let failure = '';
    try {
      const content = await read(source.path);
      text = content === undefined ? undefined : sourceText(content, source.path, problems);
      if (content !== undefined && text !== undefined) contents?.set(source.id, content);
    } catch (e) {
      failure = `: ${(e as Error).message}`;
    }
    if (text === undefined) report(`the text of source "${source.id}" cannot be read at ${source.path}${failure}`);
    else sourceTexts.set(source.id, text);
  }));
  return sourceTexts;
}

/**
 * A reader over HTTP(S) relative to a matrix folder's URL; a 404 reads as a missing file.
 * Confined (docs/security.md): it fetches only URLs of the folder's origin under the folder
 * or its `../sources/` folder — never another origin, never a redirect — and refuses a file
 * over the limits by its Content-Length before reading it, or once that many bytes arrived.
 */
export function fetchReader(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args), limits: Limits = LIMITS): FileReader {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : baseUrl + '/', globalThis.location?.href ?? 'http://localhost/');
  const allowed = [base.pathname, new URL(`../${SOURCES_FOLDER}/`, base).pathname];
  const budget = new ReadBudget(limits);
  return async (relativePath, options) => {
    const url = confinedUrl(relativePath, base, allowed);
    const response = await fetchImpl(url, { redirect: 'manual', credentials: 'same-origin' });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new RefusedFile('the server answered with a redirect, which is not followed: a matrix reads only from where it was opened');
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return readBody(response, budget, options);
  };
}

/** `relativePath` resolved against the folder URL `base`, when it stays where a matrix may read. */
function confinedUrl(relativePath: string, base: URL, allowed: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(relativePath, base);
  } catch {
    throw new RefusedFile('is not a path a browser can fetch');
  }
  if (url.origin !== base.origin) {
    throw new RefusedFile(`is at another origin (${url.origin}): a matrix opened from ${base.origin} reads only from there`);
  }
  // Encoded separators are left out: a server may decode them into a way out of the folder.
  if (!allowed.some((prefix) => url.pathname.startsWith(prefix)) || /%2f|%5c/i.test(url.pathname)) {
    throw new RefusedFile(`leads outside the matrix folder and its sources folder (${url.pathname})`);
  }
  url.hash = '';
  return url;
}

/** The body's bytes, refused by its declared length or by a running count (never more than the limit is kept). */
async function readBody(response: Response, budget: ReadBudget, options?: ReadFileOptions): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const asked = options?.maxBytes ?? Infinity;
  const limit = Math.min(budget.limits.fileBytes, asked);
  const refusal = (bytes: number) => (bytes > asked ? overAsked(bytes, options)! : tooLarge(bytes, budget.limits));
  // A declared length is counted before the body is read; bytes beyond it (none, or an encoded
  // body's decoded bytes) as they arrive.
  const known = Number.isFinite(declared);
  let counted = known ? declared : 0;
  if (known) {
    try {
      const over = overAsked(declared, options);
      if (over) throw over;
      budget.reserve(declared);
    } catch (e) {
      await response.body?.cancel().catch(() => undefined);
      throw e;
    }
  }
  const stream = response.body;
  if (!stream) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > limit) throw refusal(bytes.length);
    if (bytes.length > counted) budget.add(bytes.length - counted);
    return bytes;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) throw new RefusedFile(`the file is over the limit of ${sizeWords(limit)} for ${size > asked ? (options?.what ?? 'this file') : 'one file'}; it was not read`);
      if (size > counted) {
        budget.add(size - counted);
        counted = size;
      }
      chunks.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
