/**
 * A matrix as a zip file, and back (fflate). Pure: bytes in, bytes out, no I/O.
 *
 * Layout (docs/format.md, "Exporting"): `<matrix>/datapackage.json` and the canonical CSV
 * files, plus the source texts at their paths from sources.csv, e.g. `sources/x.txt` for
 * `../sources/x.txt` — so the zip is self-contained and unpacks into a folder that
 * `policy-matrix validate <matrix>` reads as is. Entries carry a fixed date, so the same
 * matrix always gives the same bytes.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { isRefusedFile, LIMITS, ReadBudget, RefusedFile, sizeWords, type Limits } from '../format/limits.ts';
import { openFileSet, type FileEntry, type OpenedMatrix } from '../format/file-set.ts';
import type { Matrix } from '../types.ts';
import { exportLayout, folderNameOf, type ExportLayout, type SourceExtras } from './layout.ts';
import { baseName, dirName } from './paths.ts';
import { NotAZip, readEntry, readEntrySync, zipEntries, type ZipEntry } from './zip-reader.ts';

/** Entry date of every file (zip dates start in 1980; local time, as zip stores it). */
const ZIP_DATE = new Date(1980, 0, 1, 0, 0, 0);

export interface MatrixZip {
  bytes: Uint8Array;
  layout: ExportLayout;
}

/** Zip files given by path (text is written as UTF-8), in the order given. */
export function zipFiles(files: Iterable<[string, string | Uint8Array]>): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, content] of files) {
    zippable[path] = [typeof content === 'string' ? strToU8(content) : content, { level: 9, mtime: ZIP_DATE }];
  }
  return zipSync(zippable, { mtime: ZIP_DATE });
}

/** The matrix in canonical form with its source texts, as a zip. */
export function writeMatrixZip(matrix: Matrix, sourceTexts: ReadonlyMap<string, string>, extras: SourceExtras = {}): MatrixZip {
  const layout = exportLayout(matrix, sourceTexts, folderNameOf(matrix.name), extras);
  const files: [string, string | Uint8Array][] = [
    ...Object.entries(layout.files).map(([name, text]) => [`${layout.folder}/${name}`, text] as [string, string]),
    ...[...layout.sources, ...layout.sourceFiles].sort(([a], [b]) => (a < b ? -1 : 1)),
  ];
  return { bytes: zipFiles(files), layout };
}

/**
 * The files of a zip by path (folders left out), every entry inflated: for a zip of our own
 * (tests, a round trip). Held to the limits (docs/security.md): refused over the number of
 * entries, an entry over the size of one file, or all of them over the total. Throws an
 * Error saying so when the bytes are not a zip.
 */
export function unzipFiles(bytes: Uint8Array, limits: Limits = LIMITS): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const budget = new ReadBudget(limits);
  for (const entry of zipEntries(bytes, limits)) {
    budget.file(entry.declaredSize);
    const data = readEntrySync(bytes, entry, limits);
    budget.add(data.length);
    files.set(entry.name, data);
  }
  return files;
}

export const isZipPath = (path: string): boolean => /\.zip$/i.test(path);

/**
 * Replace each `.zip` entry by the files inside it (placed in the zip's folder), so a zip
 * can be opened like the folder it holds. Only the zip's directory is read here: each file
 * is inflated when it is read (a matrix reads its own files and its source texts, and no
 * other entry is ever inflated), within the limits. Throws when a zip is over the limits
 * or cannot be read at all.
 */
export async function expandZips(entries: readonly FileEntry[], limits: Limits = LIMITS): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const entry of entries) {
    if (!isZipPath(entry.path)) {
      out.push(entry);
      continue;
    }
    const fail = (e: unknown): never => {
      throw isRefusedFile(e) || e instanceof NotAZip ? new Error(`${entry.path}: ${(e as Error).message}`) : e;
    };
    if (entry.size !== undefined && entry.size > limits.zipBytes) {
      fail(new RefusedFile(`the zip is ${sizeWords(entry.size)}, over the limit of ${sizeWords(limits.zipBytes)}; it was not opened`));
    }
    const content = await entry.read();
    const bytes = typeof content === 'string' ? strToU8(content) : content;
    if (bytes.length > limits.zipBytes) fail(new RefusedFile(`the zip is ${sizeWords(bytes.length)}, over the limit of ${sizeWords(limits.zipBytes)}; it was not opened`));
    let inside: ZipEntry[] = [];
    try {
      inside = zipEntries(bytes, limits);
    } catch (e) {
      fail(e);
    }
    const at = dirName(entry.path);
    for (const file of inside) {
      out.push({ path: at ? `${at}/${file.name}` : file.name, size: file.declaredSize, read: () => readEntry(bytes, file, limits) });
    }
  }
  return out;
}

/** Open the matrix held in a zip (as written by writeMatrixZip, or any zip of a matrix folder). */
export async function readMatrixZip(bytes: Uint8Array, zipName = 'matrix.zip', limits: Limits = LIMITS): Promise<OpenedMatrix> {
  const entries = await expandZips([{ path: baseName(zipName), read: async () => bytes }], limits);
  return openFileSet(entries, baseName(zipName).replace(/\.zip$/i, '') || 'matrix', limits);
}
