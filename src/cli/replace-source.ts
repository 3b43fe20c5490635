import { basename } from 'node:path';
import { isSourceError } from '../model/sources/errors.ts';
import { prepareNewVersion, versionEdit } from '../model/sources/new-version.ts';
import type { ReanchorDecision, ReanchorItem } from '../model/sources/reanchor.ts';
import { parseArgs } from './args.ts';
import { openForSourceEdit } from './add-source.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { pathsOnDisk, planOnFolder, writeEdit } from './matrix-edit.ts';

/** A citation as the analyst names it on the command line: dimension/jurisdiction/seq. */
const nameOf = (item: ReanchorItem) => `${item.citation.dimension}/${item.citation.jurisdiction}/${item.citation.seq}`;

/** A passage on one line, not too long to read. */
const shown = (text: string, max = 160) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return `“${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
};

/** The lines that report one citation. */
function describe(item: ReanchorItem, accepted: boolean): string[] {
  const head = `${item.status.padEnd(9)} ${nameOf(item)}`;
  const locator = (loc: string | undefined) => (loc ? ` (${loc})` : '');
  switch (item.status) {
    case 'unchanged':
    case 'moved':
      return [`${head}${item.status === 'moved' && item.proposal?.locator ? `: now ${item.proposal.locator}` : ''}${accepted ? '' : ' — kept as it was (rejected)'}`];
    case 'changed':
      return [
        `${head}: a close passage, similarity ${item.similarity?.toFixed(2)} — ${accepted ? 'accepted' : `suggested, not attached (--accept ${nameOf(item)} takes it)`}`,
        `    old: ${shown(item.citation.quote)}${locator(item.citation.locator)}`,
        `    new: ${shown(item.passage?.text ?? item.proposal?.quote ?? '')}${locator(item.proposal?.locator)}`,
      ];
    case 'ambiguous':
      return [`${head}: found in ${item.candidates?.length ?? 'several'} places — ${accepted ? 'the suggested place taken' : `kept as it is (--accept ${nameOf(item)} takes the suggested place)`}`];
    default:
      return [`${head}: ${item.reason}; kept as it is`, `    quote: ${shown(item.citation.quote)}`];
  }
}

/**
 * `policy-matrix replace-source <matrix-folder> <source-id> <file>`: a new version of a
 * source; every citation re-anchored into it and reported; changes only suggested.
 */
async function replaceSource(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--accept', '--reject'] as const, flags: ['--dry-run'] as const });
  if (typeof parsed === 'string') return wrongCall(io, replaceSourceCommand, parsed);
  if (parsed.positional.length !== 3) return wrongCall(io, replaceSourceCommand, 'replace-source needs a matrix folder, a source id and a file');
  const [folder, id, file] = parsed.positional;
  const style = errStyle(io);
  const ready = await openForSourceEdit(folder, file, io, 'not replaced');
  if (typeof ready === 'number') return ready;
  const { bytes, opened } = ready;
  const { bundle, check } = opened;
  if (!bundle.matrix.sources.some((s) => s.id === id)) {
    return wrongCall(io, replaceSourceCommand, `there is no source "${id}" (sources: ${bundle.matrix.sources.map((s) => s.id).join(', ') || 'none'})`);
  }
  let version;
  try {
    version = await prepareNewVersion({
      matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts, sourceMaps: bundle.sourceMaps,
      source: id, bytes, fileName: basename(file), takenAlso: pathsOnDisk(folder),
    });
  } catch (e) {
    if (isSourceError(e)) {
      io.err(diagnostic(file, 'error', `${e.message.replace(/^"[^"]*" /, '')}; nothing was replaced`, style));
      return EXIT.problems;
    }
    io.err(diagnostic(folder, 'error', `not replaced: ${(e as Error).message}`, style));
    return EXIT.problems;
  }
  // The analyst's decisions: --accept all | a,b,c; --reject a,b,c (names: dimension/jurisdiction/seq).
  const items = version.report.items;
  const byName = new Map(items.map((item) => [nameOf(item), item]));
  const decisions = new Map<string, ReanchorDecision>();
  for (const [option, decision] of [['--accept', 'accept'], ['--reject', 'reject']] as const) {
    const value = parsed.values[option];
    if (value === undefined) continue;
    const names = value === 'all' ? [...byName.keys()] : value.split(',').map((n) => n.trim()).filter(Boolean);
    for (const name of names) {
      const item = byName.get(name);
      if (!item) return wrongCall(io, replaceSourceCommand, `${option}: no citation ${name} of source "${id}" (citations are named dimension/jurisdiction/seq)`);
      decisions.set(item.key, decision);
    }
  }
  const edit = versionEdit(version, decisions);
  const updated = new Set((edit.updates ?? []).map((u) => `${u.dimension}/${u.jurisdiction}/${u.seq}`));
  const { counts } = version.report;
  io.out(`${folder}: source "${id}", new version from ${basename(file)}: ${items.length} citation${items.length === 1 ? '' : 's'} — ` +
    `${counts.unchanged} unchanged, ${counts.moved} moved, ${counts.changed} changed, ${counts.ambiguous} ambiguous, ${counts.orphaned} orphaned`);
  for (const item of items) for (const line of describe(item, updated.has(nameOf(item)) || (item.status === 'unchanged' && decisions.get(item.key) !== 'reject'))) io.out(`  ${line}`);
  for (const w of version.warnings) io.out(`  note: ${w}`);
  if (parsed.flags.has('--dry-run')) {
    io.out('(dry run: nothing was written)');
    return EXIT.ok;
  }
  const plan = planOnFolder(opened, edit);
  if (!plan.ok) {
    io.err(diagnostic(folder, 'error', `not replaced: ${plan.message}`, style));
    return EXIT.problems;
  }
  try {
    await writeEdit(folder, bundle.matrix, plan);
  } catch (e) {
    io.err(diagnostic(folder, 'error', `not replaced: ${(e as Error).message}`, style));
    return EXIT.problems;
  }
  const old = bundle.matrix.sources.find((s) => s.id === id)!;
  const kept = [old.original, old.path, old.map].filter((p): p is string => !!p);
  io.out(`${folder}: source "${id}" is now ${[edit.source.original, edit.source.path].filter(Boolean).join(' and ')}; ${updated.size} citation${updated.size === 1 ? '' : 's'} re-anchored; the earlier version's files are kept (${kept.join(', ')})`);
  return EXIT.ok;
}

export const replaceSourceCommand: Command = {
  name: 'replace-source',
  summary: 'give a source a new version; every citation re-anchored, changes suggested, never made silently',
  synopsis: 'policy-matrix replace-source <matrix-folder> <source-id> <file> [--accept all|CITATIONS] [--reject CITATIONS] [--dry-run]',
  help: `
Replaces a source with a new version of it (a revised report, an amended law): the new file
is kept and extracted as add-source does, and every citation of the source is looked for in
the new text and reported as
  unchanged  the quote is where it was
  moved      the quote is there, elsewhere (its locator follows it)
  changed    only a close passage is there: old and new are shown with a similarity figure;
             it is suggested, not attached, unless you accept it
  ambiguous  the quote is in several places (the suggested one only when accepted)
  orphaned   neither the quote nor a close passage is there; the citation is kept as it is
Unchanged and moved citations follow the new text unless rejected. A citation not changed
keeps its quote (validate then says where it is not found). The earlier version's files stay
in the folder.

options:
  --accept all | d/j/s,…  take the suggestions for these citations (dimension/jurisdiction/seq)
  --reject d/j/s,…        keep these citations exactly as they are
  --dry-run               report only; write nothing

${exitStatus({ ok: 'replaced (or reported, with --dry-run)', problems: 'not replaced: the file cannot be a source, the matrix has errors, or a file could not be written', usage: 'a wrong call (no such source or citation)' })}`,
  run: replaceSource,
};
