/**
 * The server's writes into a matrix folder: the canonical files, and the files of sources
 * added in the app (texts, originals, maps). Each is written with the project's one atomic
 * writer (node-writer.ts: a temporary file renamed over the target, never through a link),
 * and only where a matrix may have files: its own folder and ../sources/ beside it
 * (confine.ts), with no link on the way there — nothing is ever written outside the
 * matrices folder.
 */
import { lstat, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../../cli/node-writer.ts';
import { sourcePathRefusal } from '../../model/format/confine.ts';

/**
 * Write `data` at `path` (relative to the matrix folder `folder`, whose parent is the matrices
 * folder). Refused (an Error saying why) when the path leads out of the matrix folder and
 * ../sources/, when a folder on the way is a link, or when something other than a file is there.
 */
export async function writeInMatrix(folder: string, path: string, data: string | Uint8Array): Promise<void> {
  const refusal = sourcePathRefusal(path);
  if (refusal) throw new Error(`${path} ${refusal}: not written`);
  const matrices = dirname(resolve(folder));
  const target = resolve(folder, path);
  const steps = relative(matrices, dirname(target)).split(sep).filter(Boolean);
  // Every folder from the matrices folder down: made when missing, refused when a link.
  let at = matrices;
  for (const step of steps) {
    at = resolve(at, step);
    const info = await lstat(at).catch(() => undefined);
    if (!info) await mkdir(at);
    else if (!info.isDirectory()) throw new Error(`${relative(matrices, at)} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}: ${path} not written`);
  }
  const there = await lstat(target).catch(() => undefined);
  if (there && !there.isFile() && !there.isSymbolicLink()) throw new Error(`${path} is not a file: not written`);
  // A link at the target is replaced by the file, never followed (writeFileAtomic).
  await writeFileAtomic(target, data);
}
