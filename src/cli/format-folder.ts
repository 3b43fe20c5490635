import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadMatrix } from '../model/format/load.ts';
import { withFoundPositions } from '../model/check/positions.ts';
import { isRefusedFile } from '../model/format/limits.ts';
import { MATRIX_FILES, readMatrixTexts, readSourceTexts, type FileReader } from '../model/format/read.ts';
import { saveMatrix } from '../model/format/save.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';
import { writeFileAtomic } from './node-writer.ts';

/**
 * `policy-matrix format <folder>`: rewrite a matrix folder in canonical form (after editing
 * it in a spreadsheet, say), with the position where each quote is found now. Refuses when
 * the files have errors, so nothing is lost. Reads only inside the matrix (node-reader.ts);
 * writes each file atomically, never through a link (node-writer.ts).
 */
async function formatFolder(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: [] });
  if (typeof parsed === 'string') return wrongCall(io, formatCommand, parsed);
  if (parsed.positional.length !== 1) return wrongCall(io, formatCommand, parsed.positional.length ? `one matrix folder, please (got ${parsed.positional.length})` : 'format needs a matrix folder');
  const [folder] = parsed.positional;
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  // One reader for the tables and the sources: one budget, the same confinement (node-reader.ts).
  const reader = folderReader(folder);
  const refused: string[] = [];
  const read: FileReader = async (path, options) => {
    try {
      return await reader(path, options);
    } catch (e) {
      if (isRefusedFile(e) && MATRIX_FILES.includes(path)) refused.push(path);
      throw e;
    }
  };
  const { texts, problems: decodeProblems } = await readMatrixTexts(read);
  const loaded = loadMatrix(basename(resolve(folder)), texts);
  const { matrix } = loaded;
  // (A refused file reads as empty: its refusal is said, not that it is empty.)
  const problems = [...decodeProblems, ...loaded.problems.filter((p) => !(refused.includes(p.file) && p.message.startsWith('empty file')))];
  // A file that was refused (a link out of the folder, a folder, too large) is never written over,
  // datapackage.json included.
  const errors = problems.filter((p) => p.severity === 'error' && (refused.includes(p.file) || !(p.file === 'datapackage.json' && p.line === 0)));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: not rewritten: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first`);
    return EXIT.problems;
  }
  // Each found quote's position as found now (see positions.ts); unreadable sources are left as they are.
  const sourceTexts = await readSourceTexts(read, loaded, []);
  const files = saveMatrix(withFoundPositions(matrix, sourceTexts));
  let changed = 0;
  for (const [name, text] of Object.entries(files)) {
    if (texts[name] === text) continue;
    try {
      await writeFileAtomic(join(folder, name), text);
    } catch (e) {
      io.err(diagnostic(join(folder, name), 'error', `not written: ${(e as Error).message}`, style));
      return EXIT.problems;
    }
    changed++;
  }
  io.out(`${folder}: ${changed} file${changed === 1 ? '' : 's'} rewritten in canonical form`);
  return EXIT.ok;
}

export const formatCommand: Command = {
  name: 'format',
  summary: 'rewrite a matrix folder in canonical form, with the position where each quote is found',
  synopsis: 'policy-matrix format <matrix-folder>',
  help: `
Rewrites the folder's CSV files and datapackage.json in canonical form (after editing them
in a spreadsheet, say), with the position in its source where each quote is found now.
Only files that change are written, each atomically (a temporary file renamed over it) and
never through a symbolic link. Refuses while the files have errors, so that nothing is
lost: the errors are printed as by validate. Reads nothing outside the matrix folder and
its ../sources/ folder (docs/security.md).

${exitStatus({ ok: 'rewritten (or already canonical)', problems: 'not rewritten: the files have errors, or the folder is not there', usage: 'a wrong call' })}`,
  run: formatFolder,
};
