import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readMatrix } from '../model/format/read.ts';
import { asOfDay } from '../model/time/as-of.ts';
import { changesBetween, entryWords, type CellChange } from '../model/time/changes.ts';
import type { Cell } from '../model/types.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { JSON_FORMAT_VERSION, printJson } from './json.ts';
import { folderReader } from './node-reader.ts';

const entryJson = (c: Cell | undefined) =>
  c === undefined ? null : { period: c.period, value: c.value, level: c.level, status: c.status, inForceFrom: c.inForceFrom, inForceUntil: c.inForceUntil, observed: c.observed };

const changeJson = (c: CellChange) => ({
  dimension: c.dimension.id, jurisdiction: c.jurisdiction.id, direction: c.direction, words: c.words, before: entryJson(c.before), after: entryJson(c.after),
});

/**
 * `policy-matrix changes <folder> --from D --to D [--json]`: what changed between two dates,
 * per cell, with the direction where the dimension has one. Exit 0; 1 when the files cannot
 * be read; 2 on a wrong call.
 */
async function changes(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--from', '--to'] as const, flags: ['--json'] as const });
  if (typeof parsed === 'string') return wrongCall(io, changesCommand, parsed);
  const { values, positional } = parsed;
  if (positional.length !== 1) return wrongCall(io, changesCommand, positional.length ? `one matrix folder, please (got ${positional.length})` : 'changes needs a matrix folder');
  for (const name of ['--from', '--to'] as const) {
    const v = values[name];
    if (v === undefined) return wrongCall(io, changesCommand, `${name} is needed (a date: YYYY, YYYY-MM or YYYY-MM-DD)`);
    if (asOfDay(v) === undefined) return wrongCall(io, changesCommand, `${name} "${v}" is not a date: YYYY, YYYY-MM or YYYY-MM-DD`);
  }
  const folder = positional[0];
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
  const errors = bundle.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: no changes: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in the files first (policy-matrix validate shows them)`);
    return EXIT.problems;
  }
  const { matrix } = bundle;
  const result = changesBetween(matrix, values['--from']!, values['--to']!);
  if (parsed.flags.has('--json')) {
    printJson(io, { formatVersion: JSON_FORMAT_VERSION.changes, name: matrix.name, title: matrix.title, from: result.from, to: result.to, changes: result.changes.map(changeJson) });
    return EXIT.ok;
  }
  io.out(`${matrix.title || matrix.name}: changes from ${result.from} to ${result.to}: ${result.changes.length} cell${result.changes.length === 1 ? '' : 's'}`);
  for (const c of result.changes) {
    io.out('');
    io.out(`${c.dimension.label || c.dimension.id} — ${c.jurisdiction.label || c.jurisdiction.id}: ${c.words}`);
    io.out(`  ${result.from}: ${entryWords(matrix, c.before, c.beforeAbsence)}`);
    io.out(`  ${result.to}: ${entryWords(matrix, c.after, c.afterAbsence)}`);
  }
  return EXIT.ok;
}

export const changesCommand: Command = {
  name: 'changes',
  summary: 'what changed between two dates, per cell, with the direction (more / less restrictive) where the dimension has one',
  synopsis: 'policy-matrix changes <matrix-folder> --from YYYY[-MM[-DD]] --to YYYY[-MM[-DD]] [--json]',
  help: `
Shows the matrix as of each date (each cell's value in force, or last observed, then: see
docs/format.md, "Cells in time") and lists every cell whose value differs, with both values
and the direction of the change where the dimension has one ("more restrictive", "less
integrated"); otherwise "changed", "new value" (none had begun by --from) or "no value yet".

options:
  --from, --to   the two dates (YYYY, YYYY-MM or YYYY-MM-DD; a year stands for its end)
  --json         print one JSON document instead, with formatVersion

${exitStatus({ ok: 'listed', problems: 'the matrix has errors in its files, or the folder is not there', usage: 'a wrong call: a missing or bad date' })}`,
  run: changes,
};
