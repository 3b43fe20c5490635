import { constants } from 'node:fs';
import { lstat, open, realpath, stat as statOf } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isZipPath, readMatrixZip } from '../model/export/zip.ts';
import { SOURCES_FOLDER, sourcePathRefusal } from '../model/format/confine.ts';
import { LIMITS, overAsked, ReadBudget, RefusedFile, sizeWords, type Limits } from '../model/format/limits.ts';
import { readMatrix, type FileReader, type MatrixBundle } from '../model/format/read.ts';

/** Why the system would not give a file, in words. */
function systemRefusal(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: the file cannot be read';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'is a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return `cannot be read (${e.code ?? e.message})`;
  }
}

const within = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * A matrix reader over the file system, confined to the matrix folder and the sources folder
 * of its layout (`../sources/` beside it; docs/security.md). A missing file reads as
 * undefined; every other failure is a `RefusedFile` saying why, which the model reports where
 * the file is named:
 * - a path out of the two folders (absolute, or `..` beyond them) is not opened;
 * - a path is followed to its real path (symbolic links resolved) and read only when that is
 *   still inside them — a link out of the matrix is refused, even one to a missing file;
 * - only regular files are read (never a folder, a device such as /dev/zero, or a pipe: the
 *   file is opened without blocking and checked by its descriptor, the same file that is read);
 * - a file over the size limits is refused by its size before it is read, and never more
 *   than its size is read (a file that grows meanwhile is refused).
 */
export function folderReader(folder: string, limits: Limits = LIMITS): FileReader {
  const budget = new ReadBudget(limits);
  let roots: Promise<string[]> | undefined;
  const rootsOf = async () => {
    const real = await realpath(resolve(folder)).catch(() => resolve(folder));
    // The sources folder as the layout places it: a link there leads elsewhere, and is refused.
    return [real, join(dirname(real), SOURCES_FOLDER)];
  };
  return async (relativePath, options) => {
    const refusal = sourcePathRefusal(relativePath);
    if (refusal) throw new RefusedFile(`path ${relativePath} ${refusal}`);
    const [root, sources] = await (roots ??= rootsOf());
    const path = resolve(root, relativePath);
    let real: string;
    try {
      real = await realpath(path);
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      if (error.code !== 'ENOENT') throw new RefusedFile(systemRefusal(error));
      // Missing, unless a link is there that leads nowhere (never followed, never written through).
      const link = await lstat(path).catch(() => undefined);
      if (link?.isSymbolicLink()) throw new RefusedFile('is a symbolic link to a file that does not exist; it is not followed');
      return undefined;
    }
    if (!within(real, root) && !within(real, sources)) {
      throw new RefusedFile('leads outside the matrix folder and its sources folder through a symbolic link; it was not read');
    }
    let handle;
    try {
      // O_NONBLOCK: opening a pipe never waits for a writer; O_NOFOLLOW: the real path is the file.
      handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    } catch (e) {
      throw new RefusedFile(systemRefusal(e as NodeJS.ErrnoException));
    }
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new RefusedFile('is a folder, not a file');
      if (!stat.isFile()) throw new RefusedFile('is not a regular file (a device, a pipe or a socket); it was not read');
      const over = overAsked(stat.size, options);
      if (over) throw over;
      budget.reserve(stat.size);
      // One byte more than the size: a file that grew since is refused, not read on and on.
      const bytes = new Uint8Array(stat.size + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > stat.size) throw new RefusedFile('the file grew while it was read; it was not read (read it again once it is written)');
      }
      return bytes.subarray(0, length);
    } catch (e) {
      if (e instanceof RefusedFile) throw e;
      throw new RefusedFile(systemRefusal(e as NodeJS.ErrnoException));
    } finally {
      await handle.close();
    }
  };
}

/**
 * The bytes of a zip file named on the command line, within the limits: a regular file (not
 * a device or a pipe), no larger than the limit for a zip, checked before it is read.
 */
export async function readZipFile(path: string, limits: Limits = LIMITS): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new RefusedFile(systemRefusal(e as NodeJS.ErrnoException));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new RefusedFile('is not a regular file; it was not read');
    if (stat.size > limits.zipBytes) {
      throw new RefusedFile(`the zip is ${sizeWords(stat.size)}, over the limit of ${sizeWords(limits.zipBytes)}; it was not opened`);
    }
    const bytes = new Uint8Array(stat.size);
    let length = 0;
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}

export interface MatrixInput {
  bundle: MatrixBundle;
  /** Where its files are, for `file:line:column` (a folder, or `x.zip/<matrix folder>`). */
  at: string;
  /** Remarks on how a zip was read. */
  notes: string[];
}

/**
 * The matrix named on the command line: a matrix folder (read confined, see folderReader) or a
 * zip of one (`.zip`, as `export` writes it; read within the limits, see zip-reader.ts).
 * An error message (completing "<input>: error: …") when neither can be read.
 */
export async function readMatrixInput(input: string): Promise<MatrixInput | string> {
  const stat = await statOf(input).catch(() => undefined);
  if (isZipPath(input) && stat && !stat.isDirectory()) {
    try {
      const opened = await readMatrixZip(await readZipFile(input), basename(input));
      return { bundle: opened.bundle, at: opened.folder ? join(input, opened.folder) : input, notes: opened.notes };
    } catch (e) {
      // (The zip's name is said once, by the caller.)
      return (e as Error).message.replace(`${basename(input)}: `, '');
    }
  }
  if (!stat?.isDirectory()) return isZipPath(input) ? 'no zip file here' : 'no matrix folder here';
  return { bundle: await readMatrix(folderReader(input), basename(resolve(input))), at: input, notes: [] };
}
