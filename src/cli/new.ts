import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { newMatrix, structureOf, type NewMatrixSpec } from '../model/create/new-matrix.ts';
import { exportLayout } from '../model/export/layout.ts';
import { loadMatrix } from '../model/format/load.ts';
import { readMatrixTexts, readSourceTexts } from '../model/format/read.ts';
import { TABLES } from '../model/format/schema.ts';
import type { Problem } from '../model/types.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';
import { writeFileAtomic, writeNewFile } from './node-writer.ts';

const SYNOPSIS = 'policy-matrix new <folder> --title "…" [--description "…"] [--like <matrix-folder> [--keep-sources]]';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why `folder` cannot take a new matrix, or undefined when it is new or empty. */
function occupied(folder: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  if (!statSync(folder).isDirectory()) return 'is not a folder: a new matrix is written into a new or empty folder';
  const entries = readdirSync(folder);
  if (entries.length) return `is not empty (${plural(entries.length, 'entry', 'entries')}): a new matrix is written only into a new or empty folder, so that nothing there is overwritten`;
  return undefined;
}

/** Files of the matrix copied that the new one takes from it: the structure, and sources.csv when its sources are kept. */
const copiedFiles = (keepSources: boolean): Set<string> =>
  new Set(['datapackage.json', TABLES.jurisdictions.file, TABLES.dimensions.file, TABLES.scales.file, ...(keepSources ? [TABLES.sources.file] : [])]);

/**
 * `policy-matrix new <folder> --title "…" [--description "…"] [--like <matrix-folder> [--keep-sources]]`:
 * a new, valid matrix in a new or empty folder; every cell not in source.
 */
async function createMatrix(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--title', '--description', '--like'] as const, flags: ['--keep-sources'] as const });
  if (typeof parsed === 'string') return wrongCall(io, newCommand, parsed);
  const { values, flags, positional } = parsed;
  if (positional.length !== 1) return wrongCall(io, newCommand, positional.length ? `one folder, please (got ${positional.length})` : 'new needs the folder to write the matrix into');
  const title = (values['--title'] ?? '').trim();
  if (!title) return wrongCall(io, newCommand, values['--title'] === undefined ? '--title is needed' : '--title needs some text');
  const keepSources = flags.has('--keep-sources');
  const like = values['--like'];
  if (keepSources && like === undefined) return wrongCall(io, newCommand, '--keep-sources keeps the sources of the --like matrix: give --like <matrix-folder>');
  const [folder] = positional;
  const style = errStyle(io);

  const taken = occupied(folder);
  if (taken) {
    io.err(diagnostic(folder, 'error', taken, style));
    return EXIT.problems;
  }

  let spec: NewMatrixSpec = { title, jurisdictions: [], dimensions: [] };
  let sourceTexts = new Map<string, string>();
  if (like !== undefined) {
    if (!existsSync(like) || !statSync(like).isDirectory()) {
      io.err(diagnostic(like, 'error', 'no matrix folder here (--like)', style));
      return EXIT.problems;
    }
    const read = folderReader(like);
    const { texts, problems: decoding } = await readMatrixTexts(read);
    const loaded = loadMatrix(basename(resolve(like)), texts);
    let problems: Problem[] = [...decoding, ...loaded.problems];
    // Kept sources go with their texts: one that cannot be read is an error (at its row of sources.csv).
    if (keepSources) sourceTexts = await readSourceTexts(read, loaded, problems);
    // Only the files the new matrix takes from it matter: errors in its cells or citations do not.
    const copied = copiedFiles(keepSources);
    problems = problems.filter((p) => p.severity === 'error' && copied.has(p.file));
    if (problems.length) {
      for (const p of sortProblems(problems)) io.err(formatProblem(like, p, style));
      io.err(`${folder}: not written: the structure of ${like} has ${plural(problems.length, 'error')} (fix them first)`);
      return EXIT.problems;
    }
    spec = { ...structureOf(loaded.matrix, { keepSources }), title };
  }
  const description = values['--description'];
  spec = { ...spec, name: basename(resolve(folder)), ...(description !== undefined ? { description } : {}) };

  const made = newMatrix(spec);
  if (!made.ok) {
    for (const p of made.problems) io.err(diagnostic(like ?? folder, 'error', p.message, style));
    return EXIT.problems;
  }
  try {
    const target = resolve(folder);
    const layout = exportLayout(made.matrix, sourceTexts, basename(target));
    await mkdir(target, { recursive: true });
    for (const [name, text] of Object.entries(layout.files)) await writeFileAtomic(join(target, name), text);
    let failed = false;
    for (const [path, text] of layout.sources) {
      const at = join(dirname(target), path);
      // Never over another file, and never through a link (docs/security.md, "Writes").
      const written = await writeNewFile(at, text);
      if (written === 'differs' || written === 'not a file') {
        const what = written === 'differs' ? 'a different file is already there' : 'something other than a file (a link, a folder) is there';
        io.err(diagnostic(at, 'error', `${what}; the source text was not written (move it away, or create the matrix elsewhere)`, style));
        failed = true;
      }
    }
    for (const note of layout.notes) io.err(diagnostic(folder, 'note', note, style));
    const m = layout.matrix;
    io.out(
      `${folder}: new matrix “${m.title}”: ${plural(m.jurisdictions.length, 'jurisdiction')} × ${plural(m.dimensions.length, 'dimension')} ` +
        `(${plural(m.cells.length, 'cell')}, each not in source), ${plural(new Set(m.levels.map((l) => l.scale)).size, 'scale')}, ${plural(m.sources.length, 'source')}`,
    );
    return failed ? EXIT.problems : EXIT.ok;
  } catch (e) {
    io.err(diagnostic(folder, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
}

export const newCommand: Command = {
  name: 'new',
  summary: 'start a matrix: a new folder with its files, every cell not in source (or the structure of another matrix)',
  synopsis: SYNOPSIS,
  help: `
Writes a new matrix into <folder> (created; it must be new or empty, so that nothing is
overwritten): datapackage.json with the title and description, and the CSV files in
canonical form. Every cell starts not_in_source; there are no citations and no sources yet.
The folder's name is the matrix's name. The matrix validates with no error.

options:
  --title "…"         the matrix's title (needed)
  --description "…"   what the matrix compares
  --like <folder>     copy the structure of that matrix: its jurisdictions (with groups),
                      dimensions (definitions, themes, value types, scales, units) and scales
                      with their levels — never its cells' values or its citations
  --keep-sources      with --like: keep its sources list too, and write their texts beside
                      the new folder at their paths from sources.csv (as export does)

Without --like the matrix has no jurisdictions or dimensions yet: add them in the app
(Rows and columns…) or in jurisdictions.csv and dimensions.csv.

${exitStatus({
    ok: 'written',
    problems: 'the folder is not new or empty, the --like matrix cannot be read or its structure has errors, or a file cannot be written',
    usage: 'a wrong call (no folder, no --title, an unknown option)',
  })}`,
  run: createMatrix,
};
