/**
 * Open a matrix from a set of files a user picked or dropped (or unpacked from a zip):
 * find the matrix folder among them, read it with `readMatrix` through a reader over the
 * set, and say which source texts are missing. Pure: files are given as entries with a path
 * and a `read` function, so it runs the same in the browser and in Node.
 */
import { baseName, dirName, joinPath, normalizePath } from '../export/paths.ts';
import { sourcePathRefusal } from './confine.ts';
import { LIMITS, overAsked, ReadBudget, RefusedFile, tooLarge, type Limits, type ReadFileOptions } from './limits.ts';
import { MATRIX_FILES, readMatrix, type FileReader, type MatrixBundle } from './read.ts';
import { DESCRIPTOR_FILE } from './schema.ts';
import type { Source } from '../types.ts';

/** A file of the set: its path relative to what was picked (`folder/cells.csv`, or just `cells.csv`). */
export interface FileEntry {
  path: string;
  /** Its size in bytes when known before reading (a picked file's, a zip entry's declared size): checked against the limits first. */
  size?: number;
  read(): Promise<string | Uint8Array>;
}

export interface OpenedMatrix {
  bundle: MatrixBundle;
  /** The matrix folder inside the set ('' when the files were picked one by one). */
  folder: string;
  /** Sources whose text is not among the files (the user can add it). */
  missingSources: Source[];
  /** Remarks on how the set was read (several matrices, a source found by its name). */
  notes: string[];
}

/** Thrown when no file of the set belongs to a matrix. */
export class NoMatrixError extends Error {
  constructor(paths: readonly string[]) {
    super(
      paths.length === 0
        ? 'no files to open'
        : `no matrix among the ${paths.length} file${paths.length === 1 ? '' : 's'}: a matrix folder holds ${MATRIX_FILES.filter((f) => f !== DESCRIPTOR_FILE).join(', ')} and ${DESCRIPTOR_FILE}`,
    );
    this.name = 'NoMatrixError';
  }
}

const TABLE_FILES = new Set(MATRIX_FILES.filter((f) => f !== DESCRIPTOR_FILE));
const MATRIX_FILE_SET = new Set(MATRIX_FILES);
/** Files that archivers and file managers add and nobody means to open. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

/** The entries with clean paths (no `./`, forward slashes), junk left out; later duplicates win. */
export function cleanEntries(entries: readonly FileEntry[]): Map<string, FileEntry> {
  const byPath = new Map<string, FileEntry>();
  for (const entry of entries) {
    const path = normalizePath(entry.path) ?? baseName(entry.path);
    if (path === '' || JUNK.test(path)) continue;
    byPath.set(path, { ...entry, path });
  }
  return byPath;
}

/** Folders of the set that hold matrix tables, the best candidate first (most matrix files, then shallowest). */
export function matrixFolders(paths: Iterable<string>): string[] {
  const counts = new Map<string, { files: number; tables: number }>();
  for (const path of paths) {
    const name = baseName(path);
    if (!MATRIX_FILE_SET.has(name)) continue;
    const folder = dirName(path);
    const c = counts.get(folder) ?? { files: 0, tables: 0 };
    c.files++;
    if (TABLE_FILES.has(name)) c.tables++;
    counts.set(folder, c);
  }
  const depth = (f: string) => (f === '' ? 0 : f.split('/').length);
  return [...counts]
    .filter(([, c]) => c.tables > 0)
    .sort(([a, ca], [b, cb]) => cb.files - ca.files || depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder]) => folder);
}

/**
 * A reader over the set for the matrix in `folder`. Matrix files are read from the folder
 * only; any other path (a source text) is resolved against the folder, and when no file is
 * there, found by its file name anywhere in the set (`../sources/x.txt` → the picked `x.txt`).
 */
export function fileSetReader(byPath: ReadonlyMap<string, FileEntry>, folder: string, notes: string[] = [], limits: Limits = LIMITS): FileReader {
  const byName = new Map<string, string[]>();
  for (const path of byPath.keys()) {
    const name = baseName(path);
    byName.set(name, [...(byName.get(name) ?? []), path]);
  }
  const budget = new ReadBudget(limits);
  // Sized entries are refused by their size before they are read; the rest are counted once read.
  const read = async (entry: FileEntry, options?: ReadFileOptions) => {
    const overSize = entry.size === undefined ? undefined : overAsked(entry.size, options);
    if (overSize) throw overSize;
    if (entry.size !== undefined) budget.reserve(entry.size);
    const content = await entry.read();
    const length = content.length;
    const over = overAsked(length, options);
    if (over) throw over;
    if (length > limits.fileBytes) throw tooLarge(length, limits);
    if (entry.size === undefined) budget.add(length);
    return content;
  };
  return async (relativePath, options) => {
    // A path out of the matrix (see confine.ts) is not looked for, not even by its name.
    const refusal = sourcePathRefusal(relativePath);
    if (refusal) throw new RefusedFile(`path ${relativePath} ${refusal}`);
    const exact = joinPath(folder, relativePath);
    const entry = exact === undefined ? undefined : byPath.get(exact);
    if (entry) return read(entry, options);
    if (MATRIX_FILE_SET.has(relativePath)) return undefined;
    const candidates = [...(byName.get(baseName(relativePath)) ?? [])].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    if (candidates.length === 0) return undefined;
    notes.push(
      `${relativePath} is not among the files at that path; using ${candidates[0]}` +
        (candidates.length > 1 ? ` (also found: ${candidates.slice(1).join(', ')})` : ''),
    );
    return read(byPath.get(candidates[0])!, options);
  };
}

/** The `name` of a datapackage.json, if it has one. */
function descriptorName(content: string | Uint8Array | undefined): string | undefined {
  if (content === undefined) return undefined;
  try {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const name = (JSON.parse(text.replace(/^\uFEFF/, '')) as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The name in a picked datapackage.json (one within the limits, that can be read). */
async function descriptorNameOf(entry: FileEntry | undefined): Promise<string | undefined> {
  if (!entry || (entry.size ?? 0) > LIMITS.fileBytes) return undefined;
  try {
    return descriptorName(await entry.read());
  } catch {
    // Unreadable: the load reports it where it reads the file.
    return undefined;
  }
}

/** How the matrix among a set of files is read: its folder in the set, its name, a reader, and remarks (added to as it reads). */
export interface FileSetPlan {
  folder: string;
  name: string;
  read: FileReader;
  notes: string[];
}

/**
 * Find the matrix among `entries`. Its name is its folder's name; for files picked one by
 * one, the `name` in datapackage.json, else `fallbackName`. Throws NoMatrixError when no
 * entry is a matrix file.
 */
export async function planFileSet(entries: readonly FileEntry[], fallbackName = 'matrix', limits: Limits = LIMITS): Promise<FileSetPlan> {
  const byPath = cleanEntries(entries);
  const folders = matrixFolders(byPath.keys());
  if (folders.length === 0) throw new NoMatrixError([...byPath.keys()]);
  const folder = folders[0];
  const notes: string[] = [];
  if (folders.length > 1) notes.push(`several matrix folders among the files (${folders.map((f) => f || '.').join(', ')}); opened ${folder || 'the top one'}`);
  const name = folder !== '' ? baseName(folder) : ((await descriptorNameOf(byPath.get(DESCRIPTOR_FILE))) ?? fallbackName);
  return { folder, name, read: fileSetReader(byPath, folder, notes, limits), notes };
}

/** Sources whose text is not among the files (the user can add it). */
export const missingSourcesOf = (bundle: MatrixBundle): Source[] => bundle.matrix.sources.filter((s) => s.path !== '' && !bundle.sourceTexts.has(s.id));

/**
 * Read the matrix among `entries` (see `planFileSet`). Throws NoMatrixError when no entry
 * is a matrix file; every other problem is a located Problem of the bundle.
 */
export async function openFileSet(entries: readonly FileEntry[], fallbackName = 'matrix', limits: Limits = LIMITS): Promise<OpenedMatrix> {
  const { folder, name, read, notes } = await planFileSet(entries, fallbackName, limits);
  const bundle = await readMatrix(read, name);
  return { bundle, folder, missingSources: missingSourcesOf(bundle), notes };
}
