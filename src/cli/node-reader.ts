import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FileReader } from '../model/format/read.ts';

/** A matrix reader over the file system; a missing file reads as undefined. */
export function folderReader(folder: string): FileReader {
  return async (relativePath) => {
    try {
      return new Uint8Array(await readFile(resolve(folder, relativePath)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
}
