/**
 * Where each file of an exported matrix goes (docs/format.md, "Exporting"). Pure: the zip
 * writer and the command line's folder export both follow it.
 *
 * The export root holds the matrix folder (named after the matrix) and the source texts at
 * their paths from sources.csv, resolved against the matrix folder, so the paths stay as
 * they are: `../sources/x.txt` → `sources/x.txt`, `x.txt` → `<matrix>/x.txt`. This is the
 * layout of the repository's `matrices/` folder. A path that leads outside the export root
 * (absolute, or too many `..`) is rewritten to `../sources/<file name>`, and a note says so.
 */
import { withFoundPositions } from '../check/positions.ts';
import { anchorCitation } from '../check/check.ts';
import { otherFilePaths } from '../sources/source-files.ts';
import { locatorFor, type TextMap } from '../sources/text-map.ts';
import { saveMatrix } from '../format/save.ts';
import type { Matrix } from '../types.ts';
import { MATRIX_FILES } from '../format/read.ts';
import { baseName, isSafeEntryName, joinPath, safeFileName } from './paths.ts';

export interface ExportLayout {
  /** The matrix folder inside the export root. */
  folder: string;
  /** The matrix as exported (equal to the input unless a source path had to be rewritten). */
  matrix: Matrix;
  /** Canonical files of the matrix folder (saveMatrix of `matrix`), by file name. */
  files: Record<string, string>;
  /** Source texts by path relative to the export root. */
  sources: Map<string, string>;
  /** The sources' other files (originals, maps) by path relative to the export root. */
  sourceFiles: Map<string, Uint8Array | string>;
  /** What the export changed or left out, in words. */
  notes: string[];
}

/** A folder name made of the matrix name: no separators or characters file systems refuse. */
export function folderNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim();
  return safe === '' || safe === '.' || safe === '..' ? 'matrix' : safe;
}

/** What a matrix has of its sources besides their texts (both from the store, or from `readMatrix`). */
export interface SourceExtras {
  /** The sources' other files (originals, map files) by path relative to the matrix folder. */
  files?: ReadonlyMap<string, Uint8Array | string>;
  /** Each source's text map, by source id: a found citation without a locator gets the map's. */
  maps?: ReadonlyMap<string, TextMap>;
}

/** The matrix with each found citation that has no locator given the one its source's map says. */
function withMapLocators(matrix: Matrix, sourceTexts: ReadonlyMap<string, string>, maps: ReadonlyMap<string, TextMap> | undefined): Matrix {
  if (!maps?.size) return matrix;
  let changed = false;
  const citations = matrix.citations.map((c) => {
    const map = maps.get(c.source);
    if (!map || c.locator.trim() !== '' || !sourceTexts.has(c.source)) return c;
    const { status, range } = anchorCitation(c, sourceTexts);
    const locator = status === 'found' && range ? locatorFor(map, range) : '';
    if (locator === '') return c;
    changed = true;
    return { ...c, locator };
  });
  return changed ? { ...matrix, citations } : matrix;
}

export function exportLayout(current: Matrix, sourceTexts: ReadonlyMap<string, string>, folder = folderNameOf(current.name), extras: SourceExtras = {}): ExportLayout {
  // Positions as found now: a quote edited since loading carries where it reads; locators from the maps.
  const matrix = withMapLocators(withFoundPositions(current, sourceTexts), sourceTexts, extras.maps);
  const sources = new Map<string, string>();
  const sourceFiles = new Map<string, Uint8Array | string>();
  const notes: string[] = [];
  const reserved = new Set(MATRIX_FILES.map((f) => `${folder}/${f}`));
  let rewritten = false;
  const exportedSources = matrix.sources.map((source) => {
    const text = sourceTexts.get(source.id);
    if (source.path === '') return source;
    if (text === undefined) {
      notes.push(`the text of source "${source.id}" (${source.path}) is not included: it was not loaded`);
      return source;
    }
    const at = joinPath(folder, source.path);
    if (at !== undefined && at !== folder && isSafeEntryName(at) && !reserved.has(at) && (!sources.has(at) || sources.get(at) === text)) {
      sources.set(at, text);
      // The original and the map beside it, where they are in the matrix folder (fixity checks the original).
      for (const path of otherFilePaths(source)) {
        const data = extras.files?.get(path);
        const to = joinPath(folder, path);
        if (data === undefined || to === undefined || reserved.has(to)) notes.push(`source "${source.id}": ${path} is not included: it was not loaded`);
        else sourceFiles.set(to, data);
      }
      return source;
    }
    // Outside the export (or clashing with another file): put it under sources/ instead.
    const name = safeFileName(baseName(source.path), `${safeFileName(source.id, 'source')}.txt`);
    let target = `sources/${name}`;
    for (let n = 2; sources.has(target) && sources.get(target) !== text; n++) target = `sources/${name.replace(/(\.[^.]*)?$/, `-${n}$1`)}`;
    sources.set(target, text);
    rewritten = true;
    const path = `../${target}`;
    notes.push(`source "${source.id}": path ${source.path} leads outside the export (or is not a safe file name); written as ${path}`);
    return { ...source, path };
  });
  const exported = rewritten ? { ...matrix, sources: exportedSources } : matrix;
  return { folder, matrix: exported, files: saveMatrix(exported), sources, sourceFiles, notes };
}
