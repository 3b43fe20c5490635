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
  /** What the export changed or left out, in words. */
  notes: string[];
}

/** A folder name made of the matrix name: no separators or characters file systems refuse. */
export function folderNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim();
  return safe === '' || safe === '.' || safe === '..' ? 'matrix' : safe;
}

export function exportLayout(current: Matrix, sourceTexts: ReadonlyMap<string, string>, folder = folderNameOf(current.name)): ExportLayout {
  // Positions as found now: a quote edited since loading carries where it reads.
  const matrix = withFoundPositions(current, sourceTexts);
  const sources = new Map<string, string>();
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
  return { folder, matrix: exported, files: saveMatrix(exported), sources, notes };
}
