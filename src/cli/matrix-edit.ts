/**
 * Editing a matrix folder from the command line with the app's edit commands: the folder is
 * read as `validate` reads it, the edit is planned by the same model (`planEdit`, so it is
 * refused for the same reasons), and what it changes is written back: the sources' new
 * files first, then sources.csv (and citations.csv, datapackage.json where they change). A
 * write that fails takes back the files written before it: nothing is half-added.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { checkMatrix, type MatrixCheck } from '../model/check/check.ts';
import { planEdit, type EditCommand, type EditPlan, type EditRefusal } from '../model/edit/commands.ts';
import { indexMatrix } from '../model/edit/matrix-index.ts';
import { applyPatch } from '../model/edit/patch.ts';
import { readMatrix, MATRIX_FILES, type MatrixBundle } from '../model/format/read.ts';
import { saveMatrix } from '../model/format/save.ts';
import { locatorFor } from '../model/sources/text-map.ts';
import { SOURCES_FOLDER } from '../model/sources/source-record.ts';
import type { Matrix, Problem } from '../model/types.ts';
import { folderReader } from './node-reader.ts';

export interface OpenedFolder {
  bundle: MatrixBundle;
  check: MatrixCheck;
  /** Errors in the matrix's own files (its CSV tables, datapackage.json): an edit is refused while there are any. */
  tableErrors: Problem[];
}

const TABLE_FILES = new Set<string>(MATRIX_FILES);

/** Read a matrix folder and check it. */
export async function openFolder(folder: string): Promise<OpenedFolder> {
  const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs });
  // A datapackage.json that is missing altogether is not an error an edit must wait for (format's rule).
  const tableErrors = bundle.problems.filter((p) => p.severity === 'error' && TABLE_FILES.has(p.file) && !(p.file === 'datapackage.json' && p.line === 0));
  return { bundle, check, tableErrors };
}

/** Plan an edit on the opened folder, as the app plans it on its store. */
export function planOnFolder({ bundle, check }: OpenedFolder, command: EditCommand): EditPlan | EditRefusal {
  return planEdit({
    matrix: bundle.matrix,
    index: indexMatrix(bundle.matrix),
    citationsOf: (key) => (check.citations.get(key) ?? []).map((c) => c.citation),
    locatorOf: (source, range) => {
      const map = bundle.sourceMaps?.get(source);
      return map ? locatorFor(map, range) : '';
    },
  }, command);
}

/** Paths under the folder's sources/ folder that are on disk now (`sources/x.pdf`): new files never take them. */
export function pathsOnDisk(folder: string): string[] {
  const at = join(folder, SOURCES_FOLDER);
  if (!existsSync(at) || !statSync(at).isDirectory()) return [];
  return readdirSync(at).map((name) => `${SOURCES_FOLDER}/${name}`);
}

/**
 * Write what a planned edit changes: its new source files (never over a file that is there:
 * those are refused by the plan), then the matrix files whose text changes. Returns the
 * matrix after the edit. On a failure, the files written are removed and the error thrown.
 */
export async function writeEdit(folder: string, before: Matrix, plan: EditPlan): Promise<Matrix> {
  const { matrix } = applyPatch(before, plan.patch);
  const oldFiles = saveMatrix(before);
  const newFiles = saveMatrix(matrix);
  const written: string[] = [];
  const originals = new Map<string, Uint8Array>();
  try {
    for (const [path, data] of plan.patch.content?.files ?? []) {
      if (data === undefined) continue;
      const target = resolve(folder, path);
      await mkdir(dirname(target), { recursive: true });
      // 'wx': a file that is there is never overwritten.
      await writeFile(target, data, { flag: 'wx' });
      written.push(target);
    }
    for (const [id, text] of plan.patch.content?.texts ?? []) {
      const source = matrix.sources.find((s) => s.id === id);
      if (!source || text === undefined) continue;
      const target = resolve(folder, source.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text, { flag: 'wx' });
      written.push(target);
    }
    for (const [name, text] of Object.entries(newFiles)) {
      if (oldFiles[name] === text) continue;
      const target = join(folder, name);
      if (existsSync(target)) originals.set(target, new Uint8Array(await readFile(target)));
      await writeFile(target, text);
      written.push(target);
    }
  } catch (e) {
    for (const path of written.reverse()) {
      const old = originals.get(path);
      await (old !== undefined ? writeFile(path, old) : rm(path, { force: true })).catch(() => undefined);
    }
    throw e;
  }
  return matrix;
}
