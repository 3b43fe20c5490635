import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isSourceError } from '../model/sources/errors.ts';
import { newSourceFromFile, type NewSourceFields } from '../model/sources/new-source.ts';
import { EVIDENCE_TYPES, type EvidenceType } from '../model/types.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { openFolder, pathsOnDisk, planOnFolder, writeEdit, type OpenedFolder } from './matrix-edit.ts';

const VALUED = ['--title', '--authors', '--year', '--url', '--archive-url', '--publisher', '--evidence-type', '--id', '--retrieved'] as const;

/** The analyst's bibliographic options as the fields of a new source; a message for a bad one. */
export function sourceFields(values: Partial<Record<(typeof VALUED)[number], string>>): NewSourceFields | string {
  const evidence = values['--evidence-type'];
  if (evidence !== undefined && !(EVIDENCE_TYPES as readonly string[]).includes(evidence)) return `--evidence-type must be one of ${EVIDENCE_TYPES.join(', ')}`;
  if (values['--year'] !== undefined && !/^\d{4}$/.test(values['--year'])) return '--year must be four digits';
  if (values['--retrieved'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['--retrieved'])) return '--retrieved must be a date: YYYY-MM-DD';
  return {
    id: values['--id'], title: values['--title'], authors: values['--authors'], year: values['--year'], url: values['--url'],
    archiveUrl: values['--archive-url'], publisher: values['--publisher'], evidenceType: evidence as EvidenceType | undefined, retrieved: values['--retrieved'],
  };
}

/** Read the file a source is made from; a message when it is not a readable file. */
export async function readSourceFile(file: string): Promise<Uint8Array | string> {
  if (!existsSync(file)) return 'no such file';
  if (!statSync(file).isFile()) return 'not a file';
  return new Uint8Array(await readFile(file));
}

/**
 * What adding or replacing a source needs before its work: the matrix folder opened and its
 * tables without errors, and the file read. Otherwise each problem is said (`refused` says
 * what did not happen) and the exit status is returned.
 */
export async function openForSourceEdit(folder: string, file: string, io: Io, refused: string): Promise<{ bytes: Uint8Array; opened: OpenedFolder } | number> {
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  const bytes = await readSourceFile(file);
  if (typeof bytes === 'string') {
    io.err(diagnostic(file, 'error', bytes, style));
    return EXIT.problems;
  }
  const opened = await openFolder(folder);
  if (opened.tableErrors.length) {
    for (const p of sortProblems(opened.tableErrors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: ${refused}: fix the ${opened.tableErrors.length} error${opened.tableErrors.length === 1 ? '' : 's'} first`);
    return EXIT.problems;
  }
  return { bytes, opened };
}

/**
 * `policy-matrix add-source <matrix-folder> <file>`: a PDF, saved web page, DOCX, Markdown
 * or text file as a new source of the matrix: the original kept under sources/, its text
 * extracted once, its map (pages, headings) saved, sources.csv given its row with hashes.
 */
async function addSource(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: VALUED });
  if (typeof parsed === 'string') return wrongCall(io, addSourceCommand, parsed);
  if (parsed.positional.length !== 2) return wrongCall(io, addSourceCommand, 'add-source needs a matrix folder and a file');
  const [folder, file] = parsed.positional;
  const fields = sourceFields(parsed.values);
  if (typeof fields === 'string') return wrongCall(io, addSourceCommand, fields);
  const style = errStyle(io);
  const ready = await openForSourceEdit(folder, file, io, 'no source added');
  if (typeof ready === 'number') return ready;
  const { bytes, opened } = ready;
  let made;
  try {
    made = await newSourceFromFile(opened.bundle.matrix, bytes, basename(file), fields, { takenAlso: pathsOnDisk(folder) });
  } catch (e) {
    if (!isSourceError(e)) throw e;
    io.err(diagnostic(file, 'error', `${e.message.replace(/^"[^"]*" /, '')}; nothing was added`, style));
    return EXIT.problems;
  }
  const plan = planOnFolder(opened, made.edit);
  if (!plan.ok) {
    io.err(diagnostic(folder, 'error', `no source added: ${plan.message}`, style));
    return EXIT.problems;
  }
  try {
    await writeEdit(folder, opened.bundle.matrix, plan);
  } catch (e) {
    io.err(diagnostic(folder, 'error', `no source added: ${(e as Error).message}`, style));
    return EXIT.problems;
  }
  const { source } = made.edit;
  const pages = made.edit.map?.pages.length ?? 0;
  const files = [source.original, source.path, source.map].filter((p): p is string => !!p);
  io.out(`${folder}: added source "${source.id}" (${source.kind}${pages ? `, ${pages} page${pages === 1 ? '' : 's'}` : ''}): ${source.title}`);
  io.out(`  files: ${files.join(', ')}`);
  for (const w of made.warnings) io.out(`  note: ${w}`);
  return EXIT.ok;
}

export const addSourceCommand: Command = {
  name: 'add-source',
  summary: 'add a PDF, saved web page, DOCX, Markdown or text file to a matrix as a source',
  synopsis: 'policy-matrix add-source <matrix-folder> <file> [--title T] [--authors A] [--year Y] [--url U]\n  [--id ID] [--publisher P] [--evidence-type TYPE] [--archive-url U] [--retrieved YYYY-MM-DD]',
  help: `
Adds the file as a new source of the matrix. The file's kind is read from its content (and
must be what its name says): PDF, a saved web page (HTML: its main text, not menus and
scripts), DOCX, Markdown or plain text. The original is kept under sources/ byte for byte,
its text is extracted once into sources/<name>.txt (what citations anchor to), and its map
(a PDF's pages with their printed labels; headings of the others) into
sources/<name>.map.json, so that locators ("p. 12", "§ Article 3") are filled in. The row in
sources.csv records the SHA-256 of the original and of the text: validate reports a file
that changes afterwards.

A scanned PDF (no text layer), an encrypted PDF, or a file that is not what its name says
is refused with a message saying so, and nothing is added.

options:
  --title, --authors ("; "-separated), --year, --url, --publisher, --archive-url
                 bibliographic fields (those left out come from the file where it has them)
  --evidence-type ${EVIDENCE_TYPES.join(' | ')}
  --id ID        the source's id (default: from the file's name)
  --retrieved    when it was retrieved (default: today)

${exitStatus({ ok: 'added', problems: 'not added: the file cannot be a source, or the matrix has errors, or a file could not be written', usage: 'a wrong call' })}`,
  run: addSource,
};
