/**
 * Where a matrix may read (docs/security.md, "Confinement"): its own folder, and the shared
 * sources folder of the layout (docs/format.md) — `matrices/<name>/` and `matrices/sources/`,
 * that is `../sources/` from the matrix folder. Nothing else: no absolute path, no URL, no
 * `..` beyond those two folders. This is the rule on the path as written in sources.csv,
 * the same for every reader; each reader then checks what the path really reaches (the
 * file system's real path, the URL fetched) — see node-reader.ts and `fetchReader`.
 */
import { joinPath } from '../export/paths.ts';

/** The shared sources folder, beside the matrix folders. */
export const SOURCES_FOLDER = 'sources';

/** Stands for the matrix folder while a path is resolved (no real folder name can be it). */
const MATRIX = '\u0000matrix';

const CONTROL = /[\u0000-\u001f\u007f]/;
/** `C:`, `http:`, `file:`, `data:`, `javascript:` … at the start: a drive or a URL. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Where `path` leads from the matrix folder: inside it, inside the sources folder, or elsewhere (undefined). */
function place(path: string): 'matrix' | 'sources' | undefined {
  const at = joinPath(MATRIX, path);
  if (at === undefined) return undefined;
  if (at.startsWith(`${MATRIX}/`)) return 'matrix';
  if (at.startsWith(`${SOURCES_FOLDER}/`)) return 'sources';
  return undefined;
}

/**
 * Why a source's `path` may not be read, in words completing "path … ", or undefined when it
 * may: relative, inside the matrix folder or `../sources/`. A path is also judged with its
 * percent escapes decoded (`%2e%2e/` is `../` to a web server).
 */
export function sourcePathRefusal(path: string): string | undefined {
  if (CONTROL.test(path)) return 'holds a control character';
  if (/^[/\\]/.test(path)) return 'is absolute: a source path is relative to the matrix folder (e.g. ../sources/x.txt)';
  if (SCHEME.test(path)) return 'is a URL or a drive path: a source path is relative to the matrix folder (e.g. ../sources/x.txt)';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not percent-encoded text: judged as written.
  }
  const where = [place(path), decoded === path ? place(path) : place(decoded)];
  if (where.includes(undefined)) {
    return `leads outside the matrix folder and its sources folder (${SOURCES_FOLDER}/ beside it): a matrix reads only its own folder and ../${SOURCES_FOLDER}/`;
  }
  return undefined;
}
