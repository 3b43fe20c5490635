import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadMatrix } from '../model/format/load.ts';
import { withFoundPositions } from '../model/check/positions.ts';
import { readMatrixTexts, readSourceTexts } from '../model/format/read.ts';
import { saveMatrix } from '../model/format/save.ts';
import { formatProblem, sortProblems } from './format-problem.ts';
import type { Io } from './io.ts';
import { folderReader } from './node-reader.ts';

/**
 * `policy-matrix format <folder>`: rewrite a matrix folder in canonical form (after editing
 * it in a spreadsheet, say), with the position where each quote is found now. Refuses when
 * the files have errors, so nothing is lost.
 */
export async function formatFolder(args: string[], io: Io): Promise<number> {
  const [folder, ...rest] = args;
  if (!folder || rest.length || folder.startsWith('-')) {
    io.err('usage: policy-matrix format <matrix-folder>');
    return 2;
  }
  const { texts, problems: decodeProblems } = await readMatrixTexts(folderReader(folder));
  const loaded = loadMatrix(basename(resolve(folder)), texts);
  const { matrix } = loaded;
  const problems = [...decodeProblems, ...loaded.problems];
  const errors = problems.filter((p) => p.severity === 'error' && !(p.file === 'datapackage.json' && p.line === 0));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p));
    io.err(`${folder}: not rewritten: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first`);
    return 1;
  }
  // Each found quote's position as found now (see positions.ts); unreadable sources are left as they are.
  const sourceTexts = await readSourceTexts(folderReader(folder), loaded, []);
  const files = saveMatrix(withFoundPositions(matrix, sourceTexts));
  let changed = 0;
  for (const [name, text] of Object.entries(files)) {
    if (texts[name] === text) continue;
    await writeFile(join(folder, name), text);
    changed++;
  }
  io.out(`${folder}: ${changed} file${changed === 1 ? '' : 's'} rewritten in canonical form`);
  return 0;
}
