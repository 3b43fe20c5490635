import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { codebookOf, renderCodebookHtml, renderCodebookMarkdown } from '../model/codebook/document.ts';
import { readMatrix } from '../model/format/read.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';

const FORMATS = ['html', 'md'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `policy-matrix codebook <folder> --format html|md [--out <file>]`: the matrix's codebook as
 * a document. Exit 0 when written; 1 when the files cannot be read or written; 2 on a wrong call.
 */
async function codebook(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--format', '--out'] as const });
  if (typeof parsed === 'string') return wrongCall(io, codebookCommand, parsed);
  const { values, positional } = parsed;
  if (positional.length !== 1) return wrongCall(io, codebookCommand, positional.length ? `one matrix folder, please (got ${positional.length})` : 'codebook needs a matrix folder');
  const format = (values['--format'] ?? 'html') as Format;
  if (!FORMATS.includes(format)) {
    const hint = format === ('pdf' as string) ? ': write html and print it to PDF from a browser (docs/cli.md)' : '';
    return wrongCall(io, codebookCommand, `--format "${format}" is not one of ${FORMATS.join(', ')}${hint}`);
  }
  const out = values['--out'] ?? '-';
  const folder = positional[0];
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
  const errors = bundle.problems.filter((p) => p.severity === 'error' && (p.file === 'dimensions.csv' || p.file === 'scales.csv'));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: no codebook: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in dimensions.csv or scales.csv first`);
    return EXIT.problems;
  }
  const book = codebookOf(bundle.matrix);
  const text = format === 'md' ? renderCodebookMarkdown(book) : renderCodebookHtml(book);
  try {
    if (out === '-') io.out(text.replace(/\n$/, ''));
    else await writeFile(out, text);
  } catch (e) {
    io.err(diagnostic(out, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
  const dimensions = book.themes.reduce((n, t) => n + t.entries.length, 0);
  (out === '-' ? io.err : io.out)(`${out === '-' ? 'standard output' : out}: codebook of "${book.title}" (${format}): ${dimensions} dimension${dimensions === 1 ? '' : 's'}`);
  return EXIT.ok;
}

export const codebookCommand: Command = {
  name: 'codebook',
  summary: 'the matrix\'s codebook as a document (HTML or Markdown): per dimension its basis, coding rules and levels',
  synopsis: 'policy-matrix codebook <matrix-folder> [--format html|md] [--out <file>]',
  help: `
Writes the codebook of a matrix: for each dimension (by theme, in matrix order) its
definition, coding basis (de jure or de facto), coding rules, direction and the levels of its
scale, each with its definition and whether it needs an absolute statement in the source.

options:
  --format html|md   a standalone HTML page (default) or Markdown. For a PDF, open the HTML
                     page in a browser and print it (its print stylesheet keeps each
                     dimension's table on one page)
  --out <file>       where to write it (default: -, standard output)

${exitStatus({ ok: 'written', problems: 'dimensions.csv or scales.csv has errors, the file could not be written, or the folder is not there', usage: 'a wrong call' })}`,
  run: codebook,
};
