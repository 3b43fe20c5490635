/**
 * Reading a matrix folder from the server: only what belongs to it (its files, and its
 * sources in it and in ../sources/), never through a link or `..` to somewhere else.
 */
import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { folderReader } from '../../cli/node-reader.ts';
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

/**
 * A reader of a matrix's files and sources as every other reader of the project reads them
 * (node-reader.ts): its own folder and ../sources/ only, never through a link out, regular
 * files only, within the size limits. A new reader per read: the server lives long, and the
 * limit on the total read is a limit per load.
 */
export function sourceReader(folder: string): FileReader {
  return (relativePath) => folderReader(folder)(relativePath);
}

/** The text of each matrix file of a folder (undefined where missing), or of the `files` named. */
export async function readFolderTexts(folder: string, files: readonly string[] = MATRIX_FILES): Promise<Map<string, string | undefined>> {
  const read = folderReader(folder);
  const out = new Map<string, string | undefined>();
  await Promise.all(files.map(async (file) => {
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

/** The matrix files whose part of two folder stamps differs. */
export const stampChanges = (a: string, b: string): string[] => {
  const x = a.split('|');
  const y = b.split('|');
  return MATRIX_FILES.filter((_, i) => x[i] !== y[i]);
};

/** The canonical text of a folder's matrix files (as `policy-matrix format` would write them). */
export function canonicalTexts(name: string, texts: ReadonlyMap<string, string | undefined>): MatrixTexts {
  const { matrix } = loadMatrix(name, Object.fromEntries(texts));
  const saved = saveMatrix(matrix);
  return Object.fromEntries(MATRIX_FILES.map((f) => [f, saved[f]]));
}

export const sameTexts = (a: ReadonlyMap<string, string | undefined>, b: ReadonlyMap<string, string | undefined>): boolean =>
  MATRIX_FILES.every((f) => a.get(f) === b.get(f));
