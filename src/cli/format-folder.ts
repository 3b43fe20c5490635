import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadMatrix } from '../model/format/load.ts';
import { withFoundPositions } from '../model/check/positions.ts';
import { readMatrixTexts, readSourceTexts } from '../model/format/read.ts';
import { saveMatrix } from '../model/format/save.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';

/**
 * `policy-matrix format <folder>`: rewrite a matrix folder in canonical form (after editing
 * it in a spreadsheet, say), with the position where each quote is found now. Refuses when
 * the files have errors, so nothing is lost.
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
  const { texts, problems: decodeProblems } = await readMatrixTexts(folderReader(folder));
  const loaded = loadMatrix(basename(resolve(folder)), texts);
  const { matrix } = loaded;
  const problems = [...decodeProblems, ...loaded.problems];
  const errors = problems.filter((p) => p.severity === 'error' && !(p.file === 'datapackage.json' && p.line === 0));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: not rewritten: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} first`);
    return EXIT.problems;
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
  return EXIT.ok;
}

export const formatCommand: Command = {
  name: 'format',
  summary: 'rewrite a matrix folder in canonical form, with the position where each quote is found',
  synopsis: 'policy-matrix format <matrix-folder>',
  help: `
Rewrites the folder's CSV files and datapackage.json in canonical form (after editing them
in a spreadsheet, say), with the position in its source where each quote is found now.
Only files that change are written. Refuses while the files have errors, so that nothing is
lost: the errors are printed as by validate.

${exitStatus({ ok: 'rewritten (or already canonical)', problems: 'not rewritten: the files have errors, or the folder is not there', usage: 'a wrong call' })}`,
  run: formatFolder,
};
