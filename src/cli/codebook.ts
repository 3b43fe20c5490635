import { existsSync, statSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { codebookOf, renderCodebookHtml, renderCodebookMarkdown } from '../model/codebook/document.ts';
import { readMatrix } from '../model/format/read.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';
import { writeFileAtomic } from './node-writer.ts';
import { today } from './brief.ts';

const FORMATS = ['html', 'md', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const PAPERS = ['a4', 'letter'] as const;

/**
 * Why `out` cannot be written, or undefined: a link there is refused (never written
 * through, nor replaced: the link may be someone's), and so is a folder or a special file.
 */
async function refusedOut(out: string): Promise<string | undefined> {
  const there = await lstat(out).catch(() => undefined);
  if (!there) return undefined;
  if (there.isSymbolicLink()) return 'is a symbolic link: the codebook is not written through a link (remove it or choose another --out)';
  if (there.isDirectory()) return 'is a folder: --out names the file to write';
  if (!there.isFile()) return 'is not a regular file: --out names the file to write';
  return undefined;
}

/**
 * `policy-matrix codebook <folder> --format html|md|pdf [--out <file>]`: the matrix's codebook as
 * a document. Exit 0 when written; 1 when the files cannot be read or written; 2 on a wrong call.
 */
async function codebook(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--format', '--out', '--paper', '--date'] as const });
  if (typeof parsed === 'string') return wrongCall(io, codebookCommand, parsed);
  const { values, positional } = parsed;
  if (positional.length !== 1) return wrongCall(io, codebookCommand, positional.length ? `one matrix folder, please (got ${positional.length})` : 'codebook needs a matrix folder');
  const format = (values['--format'] ?? 'html') as Format;
  if (!FORMATS.includes(format)) return wrongCall(io, codebookCommand, `--format "${format}" is not one of ${FORMATS.join(', ')}`);
  const out = values['--out'] ?? '-';
  if (format === 'pdf' && out === '-') return wrongCall(io, codebookCommand, 'a PDF needs a file: give --out <file>.pdf');
  const paper = (values['--paper'] ?? 'a4').toLowerCase() as (typeof PAPERS)[number];
  if (!PAPERS.includes(paper)) return wrongCall(io, codebookCommand, `--paper "${values['--paper']}" is not one of ${PAPERS.join(', ')}`);
  if (values['--paper'] !== undefined && format !== 'pdf') return wrongCall(io, codebookCommand, '--paper is for --format pdf');
  const date = values['--date'];
  if (date !== undefined && !/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(date)) return wrongCall(io, codebookCommand, `--date "${date}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
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
  let pages = '';
  try {
    if (out !== '-') {
      const refused = await refusedOut(out);
      if (refused) throw new Error(refused);
    }
    if (format === 'pdf') {
      const { renderCodebookPdf } = await import('./codebook-pdf.ts');
      const pdf = await renderCodebookPdf(book, { paper, date: date ?? today() });
      if (pdf.missingGlyphs.length) {
        io.err(diagnostic(out, 'warning', `the font (DejaVu Sans) has no glyph for ${pdf.missingGlyphs.length} character${pdf.missingGlyphs.length === 1 ? '' : 's'} of the matrix's text, shown as a box: ${pdf.missingGlyphs.slice(0, 20).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}`, style));
      }
      await writeFileAtomic(out, pdf.bytes);
      pages = `, ${pdf.pages} page${pdf.pages === 1 ? '' : 's'}`;
    } else {
      const text = format === 'md' ? renderCodebookMarkdown(book) : renderCodebookHtml(book);
      if (out === '-') io.out(text.replace(/\n$/, ''));
      else await writeFileAtomic(out, text);
    }
  } catch (e) {
    io.err(diagnostic(out, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
  const dimensions = book.themes.reduce((n, t) => n + t.entries.length, 0);
  (out === '-' ? io.err : io.out)(`${out === '-' ? 'standard output' : out}: codebook of "${book.title}" (${format}): ${dimensions} dimension${dimensions === 1 ? '' : 's'}${pages}`);
  return EXIT.ok;
}

export const codebookCommand: Command = {
  name: 'codebook',
  summary: 'the matrix\'s codebook as a document (HTML, Markdown or PDF): per dimension its basis, coding rules and levels',
  synopsis: 'policy-matrix codebook <matrix-folder> [--format html|md|pdf] [--out <file>] [--paper a4|letter] [--date YYYY-MM-DD]',
  help: `
Writes the codebook of a matrix: for each dimension (by theme, in matrix order) its
definition, coding basis (de jure or de facto), coding rules, direction and the levels of its
scale, each with its definition and whether it needs an absolute statement in the source.

options:
  --format html|md|pdf
                     a standalone HTML page (default), Markdown, or a PDF document: a title
                     page (the matrix, the format version, the date, the contents with page
                     numbers), each theme from a new page, each dimension's levels as a
                     table, page numbers on every page, the dimensions as bookmarks. The
                     PDF embeds the DejaVu Sans font, so accents, dashes, quotes, Greek and
                     Cyrillic print as typed; a character it has no glyph for is named in a
                     warning
  --out <file>       where to write it (default: -, standard output; a PDF needs a file).
                     Written atomically; a symbolic link, a folder or a special file there
                     is refused, and left as it is
  --paper a4|letter  the PDF's paper size (default: a4)
  --date YYYY-MM-DD  the date the PDF says it was produced (default: today, or
                     SOURCE_DATE_EPOCH)

${exitStatus({ ok: 'written', problems: 'dimensions.csv or scales.csv has errors, the file could not be written, or the folder is not there', usage: 'a wrong call' })}`,
  run: codebook,
};
