import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isZipPath, readMatrixZip } from '../model/export/zip.ts';
import { loadMatrix } from '../model/format/load.ts';
import { readMatrixTexts } from '../model/format/read.ts';
import { DESCRIPTOR_FILE, TABLES } from '../model/format/schema.ts';
import { cslJsonText, toBibtex } from '../model/sources/references.ts';
import type { Matrix, Problem } from '../model/types.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader, readZipFile } from './node-reader.ts';
import { writeFileAtomic } from './node-writer.ts';

const SYNOPSIS = 'policy-matrix references <matrix-folder | matrix.zip> --format csl-json|bibtex [--out <file> | -]';

export const REFERENCE_FORMATS = ['csl-json', 'bibtex'] as const;
type Format = (typeof REFERENCE_FORMATS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The matrix's tables (not its source texts: a reference list needs sources.csv alone), with the problems of reading them. */
async function readTables(input: string): Promise<{ matrix: Matrix; problems: Problem[] } | string> {
  if (isZipPath(input) && existsSync(input) && statSync(input).isFile()) {
    // Within the limits: a regular file no larger than the limit for a zip, checked before it is read.
    const { bundle } = await readMatrixZip(await readZipFile(input), basename(input));
    return { matrix: bundle.matrix, problems: bundle.problems };
  }
  if (!existsSync(input) || !statSync(input).isDirectory()) return 'no matrix folder (or zip of one) here';
  const { texts, problems } = await readMatrixTexts(folderReader(input));
  const loaded = loadMatrix(basename(resolve(input)), texts);
  return { matrix: loaded.matrix, problems: [...problems, ...loaded.problems] };
}

/** The reference list of a matrix's sources, as text in `format`. */
export function referencesText(matrix: Matrix, format: Format): string {
  return format === 'csl-json' ? cslJsonText(matrix.sources) : toBibtex(matrix.sources);
}

/**
 * `policy-matrix references <folder | zip> --format csl-json|bibtex [--out <file> | -]`:
 * the matrix's sources as a reference list, on standard output or in a file.
 */
async function references(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--format', '--out'] as const });
  if (typeof parsed === 'string') return wrongCall(io, referencesCommand, parsed);
  const { values, positional } = parsed;
  if (positional.length !== 1) return wrongCall(io, referencesCommand, positional.length ? `one matrix folder, please (got ${positional.length})` : 'references needs a matrix folder (or a zip of one)');
  const format = values['--format'];
  if (format === undefined) return wrongCall(io, referencesCommand, `--format is needed (${REFERENCE_FORMATS.join(' or ')})`);
  if (!(REFERENCE_FORMATS as readonly string[]).includes(format)) return wrongCall(io, referencesCommand, `--format "${format}" is not one of ${REFERENCE_FORMATS.join(', ')}`);
  const out = values['--out'] ?? '-';
  if (out === '') return wrongCall(io, referencesCommand, '--out needs a file name (or - for standard output)');
  const [input] = positional;
  const style = errStyle(io);

  let read: Awaited<ReturnType<typeof readTables>>;
  try {
    read = await readTables(input);
  } catch (e) {
    read = (e as Error).message;
  }
  if (typeof read === 'string') {
    io.err(diagnostic(input, 'error', read, style));
    return EXIT.problems;
  }
  // Only sources.csv makes the list: errors elsewhere (a cell, a citation) do not stop it.
  const errors = read.problems.filter((p) => p.severity === 'error' && (p.file === TABLES.sources.file || p.file === DESCRIPTOR_FILE));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(input, p, style));
    io.err(`${input}: no reference list written: sources.csv has ${plural(errors.length, 'error')}`);
    return EXIT.problems;
  }
  const { matrix } = read;
  const text = referencesText(matrix, format as Format);
  const what = `${plural(matrix.sources.length, 'reference')} (${format === 'csl-json' ? 'CSL-JSON' : 'BibTeX'})`;
  try {
    if (out === '-') {
      if (text !== '') io.out(text.replace(/\n$/, ''));
      io.err(`${input}: ${what} on standard output`);
    } else {
      await mkdir(dirname(resolve(out)), { recursive: true });
      await writeFileAtomic(out, text);
      io.out(`${out}: ${what} of ${matrix.title || matrix.name}`);
    }
  } catch (e) {
    io.err(diagnostic(out, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
  return EXIT.ok;
}

export const referencesCommand: Command = {
  name: 'references',
  summary: "the matrix's sources as a reference list: CSL-JSON or BibTeX, for reference managers",
  synopsis: SYNOPSIS,
  help: `
Writes the sources of a matrix (its sources.csv: title, authors, year, and where given the
publisher, URL, archived copy, date retrieved and type of evidence) as a reference list
that Zotero, Mendeley, JabRef, Pandoc and LaTeX import. Citation keys are the source ids,
so a source has the same key in every export (docs/sources.md, the reference list).

options:
  --format csl-json   CSL-JSON: a JSON array of items (Zotero, Mendeley, Pandoc, citeproc)
  --format bibtex     BibTeX entries (LaTeX, JabRef), UTF-8
  --out <file>        write the list there; - (the default) prints it on standard output

${exitStatus({
    ok: 'written',
    problems: 'the matrix cannot be read, sources.csv has errors, or the file cannot be written',
    usage: 'a wrong call',
  })}`,
  run: references,
};
