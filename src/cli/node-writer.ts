import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write a file atomically and never through a link (docs/security.md): the text goes to a
 * new temporary file beside the target (created exclusively, so nothing already there — a
 * link included — is opened), which is then renamed over the target. A reader sees the old
 * file or the new one, never half of one; a symbolic link at the target is replaced by the
 * file, never followed, so nothing outside the folder is written.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const before = await lstat(path).catch(() => undefined);
  const handle = await open(temporary, 'wx', 0o666);
  try {
    try {
      await handle.writeFile(data);
      // The file's permissions stay as they were (a link's target's are not looked at).
      if (before?.isFile()) await chmod(temporary, before.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}

/**
 * Write `text` (or bytes) at `path` (atomically, see `writeFileAtomic`) unless something is there
 * already: the same text is left as it is; a different file, a link (never followed, nor
 * written through, even when it leads nowhere) or a folder is left alone, and said.
 */
export async function writeNewFile(path: string, text: string | Uint8Array): Promise<'written' | 'same' | 'differs' | 'not a file'> {
  const there = await lstat(path).catch(() => undefined);
  if (there) {
    if (!there.isFile()) return 'not a file';
    // Compared as bytes: a source's original (a PDF, a DOCX) is not text.
    const wanted = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    return Buffer.compare(await readFile(path), wanted) === 0 ? 'same' : 'differs';
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
  return 'written';
}
