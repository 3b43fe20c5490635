/** Forward-slash paths inside a matrix export or a set of picked files. Pure, no I/O. */

/**
 * Resolve `.` and `..` segments of a relative path (backslashes read as slashes).
 * Undefined when the path is absolute or climbs above its root.
 */
export function normalizePath(path: string): string | undefined {
  const p = path.replaceAll('\\', '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return undefined;
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/');
}

/** `relative` resolved against `folder` ('' = the root); undefined when it leaves the root. */
export function joinPath(folder: string, relative: string): string | undefined {
  const rel = relative.replaceAll('\\', '/');
  if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) return undefined;
  return normalizePath(folder === '' ? rel : `${folder}/${rel}`);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const p = path.replaceAll('\\', '/').replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The folder of a path ('' for a file at the root). */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
