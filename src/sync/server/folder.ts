/**
 * Reading a matrix folder from the server: only what belongs to it (its files, and the
 * sources' texts inside it), never through a link or `..` to somewhere else.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadMatrix, type MatrixTexts } from '../../model/format/load.ts';
import { MATRIX_FILES, type FileReader } from '../../model/format/read.ts';
import { saveMatrix } from '../../model/format/save.ts';

/** A document (matrix) name: a folder name, nothing that could lead elsewhere. */
export const DOCUMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isDocumentName(name: string): boolean {
  return DOCUMENT_NAME.test(name) && !name.includes('..');
}

/** The folder of a matrix in the matrices folder, when `name` is one: a real folder (not a link) holding a matrix. */
export async function matrixFolder(root: string, name: string): Promise<string | undefined> {
  if (!isDocumentName(name)) return undefined;
  const folder = join(root, name);
  try {
    const info = await lstat(folder);
    if (!info.isDirectory()) return undefined;
    const files = await Promise.all(['cells.csv', 'datapackage.json'].map((f) => stat(join(folder, f)).then(() => true, () => false)));
    return files.some(Boolean) ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** The path of `relativePath` inside `folder`, or undefined when it would leave it (`..`, an absolute path, a link out). */
export async function insideFolder(folder: string, relativePath: string): Promise<string | undefined> {
  if (relativePath === '' || isAbsolute(relativePath) || relativePath.includes('\0')) return undefined;
  const target = resolve(folder, relativePath);
  const rel = relative(folder, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  try {
    const [realFolder, realTarget] = await Promise.all([realpath(folder), realpath(target)]);
    return realTarget.startsWith(realFolder + sep) ? realTarget : undefined;
  } catch {
    return target; // missing: reads as missing
  }
}

/** A matrix reader over a folder that reads nothing outside it. */
export function confinedReader(folder: string): FileReader {
  return async (relativePath) => {
    const path = await insideFolder(folder, relativePath);
    if (!path) return undefined;
    try {
      return new Uint8Array(await readFile(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw e;
    }
  };
}

/**
 * A reader of a matrix's sources: paths relative to the matrix folder, read only inside
 * `root` (the folder the server serves), so a matrix may keep its sources' texts beside it
 * (`../sources/…`, as the bundled matrices do) but never reach past what is served.
 */
export function sourceReader(root: string, folder: string): FileReader {
  const inRoot = confinedReader(root);
  return async (relativePath) => {
    if (relativePath === '' || isAbsolute(relativePath) || relativePath.includes('\0')) return undefined;
    const rel = relative(root, resolve(folder, relativePath));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return inRoot(rel.split(sep).join('/'));
  };
}

/** The text of each matrix file of a folder (undefined where missing). */
export async function readFolderTexts(folder: string): Promise<Map<string, string | undefined>> {
  const read = confinedReader(folder);
  const out = new Map<string, string | undefined>();
  await Promise.all(MATRIX_FILES.map(async (file) => {
    const bytes = await read(file);
    out.set(file, bytes === undefined ? undefined : typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
  }));
  return out;
}

/** Size and modification time of each matrix file, to tell cheaply whether the folder may have changed. */
export async function folderStamp(folder: string): Promise<string> {
  const parts = await Promise.all(MATRIX_FILES.map((f) => stat(join(folder, f)).then((s) => `${f}:${s.size}:${s.mtimeMs}`, () => `${f}:-`)));
  return parts.join('|');
}

/** The canonical text of a folder's matrix files (as `policy-matrix format` would write them). */
export function canonicalTexts(name: string, texts: ReadonlyMap<string, string | undefined>): MatrixTexts {
  const { matrix } = loadMatrix(name, Object.fromEntries(texts));
  const saved = saveMatrix(matrix);
  return Object.fromEntries(MATRIX_FILES.map((f) => [f, saved[f]]));
}

export const sameTexts = (a: ReadonlyMap<string, string | undefined>, b: ReadonlyMap<string, string | undefined>): boolean =>
  MATRIX_FILES.every((f) => a.get(f) === b.get(f));
