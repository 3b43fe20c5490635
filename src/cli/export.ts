import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { exportLayout } from '../model/export/layout.ts';
import { writeWideCsv } from '../model/export/wide-csv.ts';
import { isZipPath, writeMatrixZip } from '../model/export/zip.ts';
import type { MatrixBundle } from '../model/format/read.ts';
import type { Matrix } from '../model/types.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { readMatrixInput } from './node-reader.ts';
import { writeFileAtomic, writeNewFile } from './node-writer.ts';

const SYNOPSIS = 'policy-matrix export <matrix-folder | matrix.zip> --format canonical|wide-csv --out <path> [--force]';

const FORMATS = ['canonical', 'wide-csv'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  input: string;
  format: Format;
  out: string;
  force: boolean;
}

function parse(args: string[]): Options | string {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--force') {
      force = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (name !== '--format' && name !== '--out') return `unknown option ${name}`;
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return `${name} needs a value`;
      if (values[name] !== undefined) return `${name} is given twice`;
      values[name] = value;
      continue;
    }
    if (arg.startsWith('-')) return `unknown option ${arg}`;
    positional.push(arg);
  }
  if (positional.length !== 1) return positional.length ? `one matrix folder, please (got ${positional.length})` : 'export needs a matrix folder (or a zip of one)';
  const format = values['--format'];
  if (!format) return '--format is needed (canonical or wide-csv)';
  if (!FORMATS.includes(format as Format)) return `--format "${format}" is not one of ${FORMATS.join(', ')}`;
  const out = values['--out'];
  if (!out) return '--out is needed';
  if (out === '-' && format === 'canonical') return 'canonical export writes several files: give --out <folder> or --out <file>.zip';
  return { input: positional[0], format: format as Format, out, force };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a forced export keeps, in words. */
function kept(bundle: MatrixBundle): string {
  const m: Matrix = bundle.matrix;
  return [
    plural(m.dimensions.length, 'dimension'), plural(m.jurisdictions.length, 'jurisdiction'), plural(m.levels.length, 'scale level'),
    plural(m.cells.length, 'cell'), plural(m.citations.length, 'citation'),
    `${plural(m.sources.length, 'source')} (${bundle.sourceTexts.size} with text)`,
  ].join(', ');
}

/**
 * `policy-matrix export <folder> --format canonical|wide-csv --out <path> [--force]`.
 * Exit 0 when written; 1 when the matrix cannot be read, has load errors (without --force)
 * or a file cannot be written; 2 on a wrong call.
 */
async function exportMatrix(args: string[], io: Io): Promise<number> {
  const options = parse(args);
  if (typeof options === 'string') return wrongCall(io, exportCommand, options);
  const { input, format, out, force } = options;
  const style = errStyle(io);
  const tell = out === '-' ? io.err : io.out;
  // A folder (read confined to it), or a zip of one (read within the limits).
  const read = await readMatrixInput(input);
  if (typeof read === 'string') {
    io.err(diagnostic(input, 'error', read === 'no matrix folder here' ? 'no matrix folder (or zip of one) here' : read, style));
    return EXIT.problems;
  }
  const { bundle, notes, at } = read;
  for (const note of notes) io.err(diagnostic(input, 'note', note, style));

  const errors = bundle.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(at, p, style));
    if (!force) {
      io.err(`${input}: not exported: ${plural(errors.length, 'load error')} (fix them, or give --force to export what was loaded)`);
      return EXIT.problems;
    }
    io.err(`${input}: exporting despite ${plural(errors.length, 'load error')} (--force): every row was kept as read — ${kept(bundle)}`);
  }

  try {
    if (format === 'wide-csv') {
      const { matrix } = bundle;
      if (out === '-') io.out(writeWideCsv(matrix).replace(/\n$/, ''));
      else await writeFileAtomic(out, writeWideCsv(matrix, {}, { bom: true }));
      tell(`${out === '-' ? 'standard output' : out}: wide CSV, ${plural(matrix.dimensions.length, 'dimension')} × ${plural(matrix.jurisdictions.length, 'jurisdiction')}`);
      return EXIT.ok;
    }
    if (isZipPath(out)) {
      const { bytes, layout } = writeMatrixZip(bundle.matrix, bundle.sourceTexts, { files: bundle.sourceFiles, maps: bundle.sourceMaps });
      await mkdir(dirname(resolve(out)), { recursive: true });
      await writeFileAtomic(out, bytes);
      for (const note of layout.notes) io.err(diagnostic(out, 'note', note, style));
      tell(`${out}: zip of ${layout.folder}/ (${plural(Object.keys(layout.files).length, 'file')}) and ${plural(layout.sources.size, 'source text')}`);
      return EXIT.ok;
    }
    // A folder: the canonical files in it, the source texts at their paths from it (so
    // ../sources/x.txt lands beside the folder, as in the repository's matrices/).
    const folder = resolve(out);
    const layout = exportLayout(bundle.matrix, bundle.sourceTexts, basename(folder), { files: bundle.sourceFiles, maps: bundle.sourceMaps });
    await mkdir(folder, { recursive: true });
    for (const [name, text] of Object.entries(layout.files)) await writeFileAtomic(join(folder, name), text);
    let failed = false;
    for (const [path, text] of [...layout.sources, ...layout.sourceFiles]) {
      const target = join(dirname(folder), path);
      const result = await writeNewFile(target, text);
      if (result === 'differs' || result === 'not a file') {
        const what = result === 'differs' ? 'a different file' : 'a link or a folder';
        io.err(diagnostic(target, 'error', `${what} is already there; the source text was not written (move it away, or export elsewhere)`, style));
        failed = true;
      }
    }
    for (const note of layout.notes) io.err(diagnostic(out, 'note', note, style));
    tell(`${out}: ${plural(Object.keys(layout.files).length, 'canonical file')}, ${plural(layout.sources.size, 'source text')} (at ${[...layout.sources.keys()].map((p) => join(dirname(out), p)).join(', ') || 'none'})`);
    return failed ? EXIT.problems : EXIT.ok;
  } catch (e) {
    io.err(diagnostic(out, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'the matrix as canonical files (a folder, or one self-contained zip) or as a wide CSV',
  synopsis: SYNOPSIS,
  help: `
Writes the matrix (a folder, or a zip that export wrote) in another form. Every field of
every CSV written is safe to open in a spreadsheet (docs/format.md, formula safety).

options:
  --format canonical   the CSV files and datapackage.json: --out <folder> writes them there and
                       the source texts beside it, at their paths from sources.csv;
                       --out <file>.zip writes one self-contained zip (docs/format.md, exporting)
  --format wide-csv    a row per dimension, a column per jurisdiction: --out <file>, or - for
                       standard output
  --out <path>         where to write
  --force              export what was loaded even when the files have load errors

${exitStatus({
    ok: 'written',
    problems: 'the matrix cannot be read, has load errors (without --force), or a file cannot be written',
    usage: 'a wrong call',
  })}`,
  run: exportMatrix,
};
