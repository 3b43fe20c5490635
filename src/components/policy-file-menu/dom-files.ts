/**
 * Files from the browser (an `<input type=file>`, a drop) as the model's FileEntry list.
 * Folders dropped on the page are walked with the File and Directory Entries API
 * (`DataTransferItem.webkitGetAsEntry`); picked folders carry `webkitRelativePath`.
 */
import type { FileEntry } from '../../model/format/file-set.ts';

/** A file from the browser: a FileEntry that also carries its File (handed to the load worker, which reads it there). */
export interface PickedEntry extends FileEntry {
  size: number;
  blob: Blob;
}

const fileEntry = (file: File, path: string): PickedEntry => ({
  path,
  // Known before reading: a file over the limits is refused without being read (see limits.ts).
  size: file.size,
  read: async () => new Uint8Array(await file.arrayBuffer()),
  blob: file,
});

/** Whether every entry came from the browser's files (so the load worker can read them). */
export const arePicked = (entries: readonly FileEntry[]): entries is PickedEntry[] =>
  entries.every((e) => (e as Partial<PickedEntry>).blob instanceof Blob && typeof e.size === 'number');

/** Files picked with an input (a folder pick gives each file its path inside the folder). */
export function pickedEntries(files: Iterable<File>): PickedEntry[] {
  return [...files].map((f) => fileEntry(f, f.webkitRelativePath || f.name));
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function children(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries gives at most 100 entries per call: call until it gives none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: FileEntry[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) out.push(fileEntry(await fileOf(entry as FileSystemFileEntry), path));
  else if (entry.isDirectory) for (const child of await children(entry as FileSystemDirectoryEntry)) await walk(child, out);
}

/**
 * The files of a drop, folders walked. Call it from the drop handler itself: the browser
 * empties the DataTransfer once the event is over, so its items are taken before any await.
 */
export function droppedEntries(data: DataTransfer): Promise<FileEntry[]> {
  const items = [...data.items].filter((i) => i.kind === 'file');
  const roots = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  const files = [...data.files];
  if (roots.length === 0 || roots.some((r) => r === null)) return Promise.resolve(pickedEntries(files));
  return (async () => {
    const out: FileEntry[] = [];
    for (const root of roots) await walk(root!, out);
    return out;
  })();
}

/** Whether a drag carries files (and not, say, selected text). */
export const dragHasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');
