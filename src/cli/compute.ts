import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { readMatrix } from '../model/format/read.ts';
import { saveMatrix } from '../model/format/save.ts';
import { applyRecompute, nothingChanged, recompute, type RecomputeReport } from '../model/dataset/recompute.ts';
import { valueWords } from '../model/dataset/computed-checks.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, outStyle, type Io } from './io.ts';
import { JSON_FORMAT_VERSION, printJson } from './json.ts';
import { folderReader } from './node-reader.ts';
import { writeFileAtomic } from './node-writer.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const short = (hash: string | undefined) => (hash ? `${hash.slice(0, 12)}…` : 'none recorded');

/** The report as lines of text: the datasets' fixity, then every cell and row citation that is not unchanged, then the counts. */
export function formatRecompute(report: RecomputeReport): string[] {
  const lines: string[] = [];
  for (const d of report.datasets) {
    const what = d.status === 'unchanged' ? 'unchanged' : d.status === 'replaced' ? `replaced (SHA-256 ${short(d.recorded)} → ${short(d.now)})` : `no SHA-256 recorded (now ${short(d.now)})`;
    lines.push(`dataset ${d.source} (${d.file}, ${d.rows.toLocaleString('en-US')} rows): ${what}`);
  }
  for (const c of report.cells) {
    const cell = `cell (${c.dimension}, ${c.jurisdiction})${c.period !== 1 ? ` period ${c.period}` : ''}`;
    if (c.status === 'changed') lines.push(`changed    ${cell}: ${valueWords(c.old.value, c.old.level)} → ${valueWords(c.new!.value, c.new!.level)}`);
    else if (c.status === 'orphaned') lines.push(`orphaned   ${cell}: ${valueWords(c.old.value, c.old.level)} kept; ${c.reason}`);
    else if (c.status === 'unchecked') lines.push(`unchecked  ${cell}: ${c.reason}`);
  }
  for (const c of report.citations) {
    const citation = `row citation (${c.dimension}, ${c.jurisdiction})${c.period !== 1 ? ` period ${c.period}` : ''} #${c.seq} [${c.rowKey}]`;
    if (c.status === 'changed') lines.push(`changed    ${citation}: ${c.old} → ${c.new}`);
    else if (c.status !== 'unchanged') lines.push(`${c.status.padEnd(10)} ${citation}: ${c.reason ?? ''}`);
  }
  const counts = (record: Record<string, number>) => Object.entries(record).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
  lines.push(`computed cells: ${counts(report.counts.cells)}`);
  lines.push(`row citations: ${counts(report.counts.citations)}`);
  return lines;
}

/** What --write did: asked for or not, the files written, or why nothing was. */
interface WriteOutcome {
  asked: boolean;
  files: string[];
  refused?: string;
}

/** The --json document (docs/schemas/compute.schema.json). */
function computeJson(name: string, title: string, report: RecomputeReport, write: WriteOutcome) {
  return { formatVersion: JSON_FORMAT_VERSION.compute, name, title, datasets: report.datasets, cells: report.cells, citations: report.citations, counts: report.counts, write };
}

/** `policy-matrix compute [--write] [--json] <folder>`: recompute every computed cell; report, and write the new values when asked. */
async function compute(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: [], flags: ['--write', '--json'] as const });
  if (typeof parsed === 'string') return wrongCall(io, computeCommand, parsed);
  if (parsed.positional.length !== 1) return wrongCall(io, computeCommand, parsed.positional.length ? `one matrix folder, please (got ${parsed.positional.length})` : 'compute needs a matrix folder');
  const [folder] = parsed.positional;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', errStyle(io)));
    return EXIT.problems;
  }
  const json = parsed.flags.has('--json');
  const asked = parsed.flags.has('--write');
  // In JSON, standard output holds the one document; the lines for people are not printed.
  const say = (line: string) => {
    if (!json) io.out(line);
  };
  const reader = folderReader(folder);
  const bundle = await readMatrix(reader, basename(resolve(folder)));
  const report = recompute(bundle.matrix, bundle.datasets ?? new Map(), bundle.locations);
  const done = (status: number, write: WriteOutcome): number => {
    if (json) printJson(io, computeJson(bundle.matrix.name, bundle.matrix.title, report, write));
    return status;
  };
  const style = outStyle(io);
  say(`${style.strong(folder)}: ${bundle.matrix.title}`);
  for (const line of formatRecompute(report)) say(line);
  const orphaned = report.cells.some((c) => c.status === 'orphaned' || c.status === 'unchecked') || report.citations.some((c) => c.status !== 'unchanged' && c.status !== 'changed');
  if (nothingChanged(report)) return done(EXIT.ok, { asked, files: [] });
  if (!asked) {
    say(`${folder}: not written (run with --write to store the new values)`);
    return done(EXIT.problems, { asked, files: [] });
  }
  // Writing is refused while the files have load errors (as format does): nothing is lost.
  const errors = bundle.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, errStyle(io)));
    io.err(`${folder}: not written: fix the ${plural(errors.length, 'error')} first`);
    return done(EXIT.problems, { asked, files: [], refused: `the files have ${plural(errors.length, 'error')}: fix them first` });
  }
  const before = saveMatrix(bundle.matrix);
  const after = saveMatrix(applyRecompute(bundle.matrix, report));
  const files: string[] = [];
  for (const [name, text] of Object.entries(after)) {
    if (before[name] === text) continue;
    // Atomically, never through a link (node-writer.ts), as format writes.
    await writeFileAtomic(join(folder, name), text);
    files.push(name);
  }
  say(`${folder}: ${plural(files.length, 'file')} written with the new values${orphaned ? '; orphaned ones are left for you to decide' : ''}`);
  return done(orphaned ? EXIT.problems : EXIT.ok, { asked, files });
}

export const computeCommand: Command = {
  name: 'compute',
  summary: 'recompute every computed cell from its dataset; report unchanged, changed and orphaned ones',
  synopsis: 'policy-matrix compute [--write] [--json] <matrix-folder>',
  help: `
Recomputes every computed cell of the folder (computed.csv) from its dataset as the data file
is now, and re-checks every row citation — after replacing a dataset with a newer release,
say. Prints, for each dataset, whether its data is the one whose SHA-256 sources.csv records;
then each cell whose value changed (old → new value and level), each cell whose rule cannot
be computed any more (orphaned: an entity, a column or a category gone, with the reason; the
cell keeps its value), each row citation whose row holds other values now (old → new) or is
gone; then the counts.

options:
  --write  store the new values: changed cells take the computed value and level, changed
           row citations the row's values now, and each replaced dataset's source its new
           SHA-256. Orphaned cells and citations are left as they are. Refused while the
           files have load errors.
  --json   print one JSON document instead (docs/schemas/compute.schema.json), with
           formatVersion: the datasets, every computed cell and row citation with its
           status, old and new values, the counts, and what --write did

${exitStatus({ ok: 'every computed cell and row citation unchanged (or, with --write, written and none orphaned)', problems: 'something changed and was not written, or some cell or citation is orphaned, or the folder is not there', usage: 'a wrong call' })}`,
  run: compute,
};
