/**
 * Reading a matrix's sources beyond their texts: each source's map (parsed and checked against
 * its text: untrusted input), and its original (kept as read, so that an export or a
 * draft holds them), and fixity: the recorded SHA-256 of the original
 * (`sha256`) and of the text (`text_sha256`) against the files as they are now. Every problem
 * is located at the source's row of sources.csv (or in the map file) and names the source and
 * the file; nothing here stops a load.
 */
import { sourcePathRefusal } from '../format/confine.ts';
import { TABLES } from '../format/schema.ts';
import type { FileReader } from '../format/read.ts';
import type { LoadResult } from '../format/load.ts';
import type { Problem, Source } from '../types.ts';
import { sha256Hex, SHA256_PATTERN } from './fixity.ts';
import { parseTextMap } from './map-file.ts';
import { sourceFilePaths } from './source-files.ts';
import type { TextMap } from './text-map.ts';

export interface SourceContents {
  /** Each source's text map, parsed, by source id (sources without a map, or with one that could not be read, have none). */
  sourceMaps: Map<string, TextMap>;
  /** The sources' other files as read (originals, map files), by path relative to the matrix folder. */
  sourceFiles: Map<string, Uint8Array | string>;
}

/** Characters of a hash shown in a message: enough to tell two apart at a glance. */
const SHOWN = 12;
const shown = (hash: string) => `${hash.slice(0, SHOWN)}…`;

const utf8 = new TextEncoder();
const bytesOf = (content: string | Uint8Array) => (typeof content === 'string' ? utf8.encode(content) : content);

/** A file's content as text for parsing (UTF-8; a byte-order mark dropped). */
const textOf = (content: string | Uint8Array) => (typeof content === 'string' ? content : new TextDecoder().decode(content)).replace(/^\uFEFF/, '');

/**
 * Whether a file matches a recorded hash: a problem saying how not (naming the source, the
 * file and both hashes' first digits), or undefined when it does. A recorded value that is
 * not a hash is reported where it is read (source-row.ts), not here.
 */
export async function fixityProblem(source: Source, column: 'sha256' | 'text_sha256', path: string, content: string | Uint8Array): Promise<string | undefined> {
  const recorded = column === 'sha256' ? source.sha256 : source.textSha256;
  if (recorded === undefined || !SHA256_PATTERN.test(recorded)) return undefined;
  const actual = await sha256Hex(bytesOf(content));
  if (actual === recorded) return undefined;
  return `source "${source.id}": ${path} has changed since the source was added: its SHA-256 is ${shown(actual)}, ${column} records ${shown(recorded)} ` +
    '(replace the source with the new version, or restore the file)';
}

/**
 * Read the maps and originals of a loaded matrix's sources and check their
 * fixity. `textContents`: each source's text file as it was read (by source id), hashed for
 * `text_sha256` (and for `sha256` when there is no original).
 */
export async function readSourceFiles(
  read: FileReader,
  loaded: LoadResult,
  sourceTexts: ReadonlyMap<string, string>,
  textContents: ReadonlyMap<string, string | Uint8Array>,
  problems: Problem[],
): Promise<SourceContents> {
  const sourceMaps = new Map<string, TextMap>();
  const sourceFiles = new Map<string, Uint8Array | string>();
  // Each path is read once, however many sources name it.
  const reads = new Map<string, Promise<{ content?: string | Uint8Array; failure?: string }>>();
  const readOnce = (path: string) => {
    let pending = reads.get(path);
    if (!pending) {
      pending = read(path).then((content) => ({ content }), (e: unknown) => ({ failure: e instanceof Error ? e.message : String(e) }));
      reads.set(path, pending);
    }
    return pending;
  };
  const seen = new Set<string>();
  // Each source's problems in a list of its own, joined in the order of sources.csv: the same
  // problems in the same order whatever order the reads finish in.
  const perSource = await Promise.all(loaded.matrix.sources.map(async (source) => {
    const own: Problem[] = [];
    if (seen.has(source.id)) return own;
    seen.add(source.id);
    const at = (field: string) => loaded.locations.get(source)?.locate(field) ?? { line: 0, column: 0 };
    const problem = (severity: Problem['severity'], field: string, message: string): Problem =>
      ({ severity, file: TABLES.sources.file, ...at(field), field, message, target: { kind: 'source', id: source.id } });
    const report = (severity: Problem['severity'], field: string, message: string) => own.push(problem(severity, field, message));
    // Confinement (docs/security.md): an original or a map out of the matrix folder and
    // ../sources/ is never handed to a reader. Its error is located at its column when the
    // row is read (source-row.ts); its fixity and locators are not checked from it.
    const { text: textPath, original: originalPath, map: mapPath } = sourceFilePaths(source);
    const confined = (path: string | undefined) => (path !== undefined && sourcePathRefusal(path) === undefined ? path : undefined);
    const paths = { text: textPath, original: confined(originalPath), map: confined(mapPath) };
    const text = sourceTexts.get(source.id);
    const textContent = textContents.get(source.id);

    // Hashes are worked out while the other files are read; their problems come first.
    const checks: Promise<Problem | undefined>[] = [];
    const check = (column: 'sha256' | 'text_sha256', path: string, content: string | Uint8Array) =>
      checks.push(fixityProblem(source, column, path, content).then((m) => (m ? problem('error', column, m) : undefined)));
    if (textContent !== undefined) {
      // (With an original refused, its hash is not the text's: sha256 is left unchecked.)
      if (!originalPath || paths.original === paths.text) check('sha256', paths.text, textContent);
      check('text_sha256', paths.text, textContent);
    }

    if (paths.original && paths.original !== paths.text) {
      const { content, failure } = await readOnce(paths.original);
      if (content === undefined) {
        report('error', 'original', `source "${source.id}": its original cannot be read at ${paths.original}${failure ? `: ${failure}` : ''}; its fixity cannot be checked`);
      } else {
        sourceFiles.set(paths.original, content);
        check('sha256', paths.original, content);
      }
    }

    if (paths.map) {
      const { content, failure } = await readOnce(paths.map);
      if (content === undefined) {
        report('error', 'map', `source "${source.id}": its map cannot be read at ${paths.map}${failure ? `: ${failure}` : ''}; locators are not filled in from it`);
      } else {
        sourceFiles.set(paths.map, content);
        if (text !== undefined) {
          try {
            sourceMaps.set(source.id, parseTextMap(textOf(content), text.length, paths.map));
          } catch (e) {
            own.push({
              severity: 'error', file: paths.map, line: 0, column: 0,
              message: `${(e as Error).message.replace(/^"[^"]*" /, '')} (the map of source "${source.id}"; locators are not filled in from it)`,
              target: { kind: 'source', id: source.id },
            });
          }
        }
      }
    }

    const fixity = (await Promise.all(checks)).filter((p): p is Problem => p !== undefined);
    return [...fixity, ...own];
  }));
  for (const list of perSource) problems.push(...list);
  return { sourceMaps, sourceFiles };
}
