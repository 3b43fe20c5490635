/**
 * Writing a file of a matrix folder so that a reader never sees half of it: the text goes to
 * a new temporary file beside it (created exclusively: never an existing file or link), is
 * flushed to disk, then renamed over the target in one step. A target that is a symbolic link
 * is refused (the rename would replace the link, not write where it points: neither is what
 * the folder's owner meant).
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

export async function writeFileAtomic(folder: string, name: string, text: string): Promise<void> {
  if (name !== basename(name) || name === '.' || name === '..' || name === '') throw new Error(`not a file name of the folder: ${JSON.stringify(name)}`);
  const target = join(folder, name);
  try {
    if ((await lstat(target)).isSymbolicLink()) throw new Error(`${target} is a symbolic link: not written`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => {});
    throw e;
  }
  // The rename itself reaches the disk with the folder's entry.
  const dir = await open(folder, 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => {});
    await dir.close();
  }
}
