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

/** Characters no entry name or file name of an export holds: separators, `:` (drives, URL schemes), those Windows refuses, controls. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/;

/**
 * Whether `path` is safe as the name of a zip entry or a file written under an export root:
 * relative, forward slashes, no `.` or `..` or empty segment, and no segment with a character
 * of UNSAFE (so no `m/http:/…`, no drive, no control character).
 */
export function isSafeEntryName(path: string): boolean {
  if (path === '' || path.length > 1024) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !UNSAFE.test(segment) && segment.trim() === segment);
}

/** A file name made safe (see isSafeEntryName): unsafe characters become `-`; `fallback` when nothing is left. */
export function safeFileName(name: string, fallback: string): string {
  const safe = name.replace(new RegExp(UNSAFE.source, 'g'), '-').trim();
  return safe === '' || /^\.+$/.test(safe) ? fallback : safe;
}
