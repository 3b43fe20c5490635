import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { checkMatrix } from '../model/check/check.ts';
import {
  CONVERGENCE_LABELS, compareMatrix, comparisonReport, groupsOf, orderedJurisdictions, resolveSides, themesOf,
  SORT_ORDERS, type ComparisonReport, type DimensionReport, type DisplayFilters, type PairReport, type SortOrder,
} from '../model/compare/index.ts';
import { readMatrix } from '../model/format/read.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, usage, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { JSON_FORMAT_VERSION, printJson } from './json.ts';
import { folderReader } from './node-reader.ts';
import { asOfDay } from '../model/time/as-of.ts';
import { withUnit } from '../model/value-text.ts';

const SYNOPSIS =
  'policy-matrix compare <matrix-folder> [--jurisdictions a,b[,c]] [--theme "…"] [--only-differences]\n' +
  '                      [--only-evidence] [--sort order|divergence] [--as-of YYYY[-MM[-DD]]] [--json]';

const FLAGS = ['--json', '--only-differences', '--only-evidence'] as const;
const VALUED = ['--jurisdictions', '--theme', '--sort', '--as-of'] as const;
type Valued = (typeof VALUED)[number];

interface Options {
  folder: string;
  values: Partial<Record<Valued, string>>;
  json: boolean;
  filters: DisplayFilters;
}

function parse(args: string[]): Options | string {
  const parsed = parseArgs(args, { valued: VALUED, flags: FLAGS });
  if (typeof parsed === 'string') return parsed;
  const { values, flags, positional } = parsed;
  if (positional.length !== 1) return positional.length ? `one matrix folder, please (got ${positional.length})` : 'compare needs a matrix folder';
  if (values['--as-of'] !== undefined && asOfDay(values['--as-of']) === undefined) return `--as-of "${values['--as-of']}" is not a date: YYYY, YYYY-MM or YYYY-MM-DD`;
  const sort = values['--sort'] ?? 'order';
  if (!(SORT_ORDERS as readonly string[]).includes(sort)) return `--sort "${sort}" is not one of ${SORT_ORDERS.join(', ')}`;
  return {
    folder: positional[0],
    values,
    json: flags.has('--json'),
    filters: { onlyDifferences: flags.has('--only-differences'), onlyEvidence: flags.has('--only-evidence'), sort: sort as SortOrder },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Fit text in a column: cut with an ellipsis, pad to the width. */
function fit(text: string, width: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const cut = t.length > width ? `${t.slice(0, width - 1)}…` : t;
  return cut.padEnd(width);
}

function cellText(d: DimensionReport, c: DimensionReport['cells'][number], unit: string): string {
  if (c.evidence !== 'supported') return `(${c.note?.toLowerCase() ?? c.evidence})`;
  if (d.levels > 0) return c.rank !== null ? `${c.levelLabel} ${c.rank}/${d.levels}` : `${c.value} (${c.note ?? 'no level'})`;
  if (d.valueType === 'number') return withUnit(c.value, unit);
  return c.value;
}

function convergenceText(d: DimensionReport, sides: number): string {
  const label = CONVERGENCE_LABELS[d.convergence].toLowerCase();
  if (d.convergence === 'not_comparable') return `${label}: ${d.reason}`;
  const gap = d.convergence === 'far' ? `: ${plural(d.gap ?? 0, 'step')}` : '';
  const partial = d.comparedSides < sides ? ` (${d.comparedSides} of ${sides} sides)` : '';
  return `${label}${gap}${partial}`;
}

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const decimal = (x: number | null) => (x === null ? '—' : x.toFixed(2));

function pairTable(pairs: PairReport[]): string[] {
  const names = pairs.map((p) => `${p.aLabel} – ${p.bLabel}`);
  const w = Math.max(4, ...names.map((n) => n.length));
  const lines = [`${'pair'.padEnd(w)}  ${'n'.padStart(3)}  same  1 step  far  same level  mean distance  mean normalised`];
  pairs.forEach((p, i) => {
    lines.push(
      `${names[i].padEnd(w)}  ${String(p.n).padStart(3)}  ${String(p.same).padStart(4)}  ${String(p.adjacent).padStart(6)}  ${String(p.far).padStart(3)}` +
        `  ${percent(p.sameShare).padStart(10)}  ${decimal(p.meanDistance).padStart(13)}  ${decimal(p.meanNormalisedDistance).padStart(15)}`,
    );
  });
  return lines;
}

/** The comparison as a plain-text table and figures. */
export function formatComparison(report: ComparisonReport, units: Map<string, string>): string[] {
  const lines: string[] = [];
  const sideCount = report.sides.length;
  lines.push(`${report.matrix.title || report.matrix.name}: ${report.sides.map((s) => (s.kind === 'group' ? `${s.label} (${s.members.join(', ')})` : s.label)).join(' vs ')}`);
  const c = report.counts;
  const scope = report.theme ? ` in theme "${report.theme}"` : '';
  lines.push(
    `${plural(report.dimensionsInScope, 'dimension')}${scope}: ${c.far} far apart, ${c.adjacent} one step apart, ${c.same} same level, ${c.not_comparable} not comparable` +
      (report.dimensions.length < report.dimensionsInScope ? `; showing ${report.dimensions.length}` : '') +
      (report.filters.sort === 'divergence' ? ', most divergent first' : ''),
  );
  lines.push('');
  const columns = report.sides.flatMap((s) => s.members.map((id, i) => ({ side: s, id, label: s.memberLabels[i] })));
  const headerOf = (col: (typeof columns)[number]) => (col.side.kind === 'group' ? `${col.label} [${col.side.label}]` : col.side.label);
  const rows = report.dimensions.map((d) => ({
    label: d.label || d.id,
    cells: columns.map((col) => {
      const cell = d.cells.find((x) => x.jurisdiction === col.id);
      return cell ? cellText(d, cell, units.get(d.id) ?? '') : '';
    }),
    convergence: convergenceText(d, sideCount),
  }));
  const dw = Math.min(30, Math.max(9, ...rows.map((r) => r.label.length)));
  const cw = columns.map((col, i) => Math.min(26, Math.max(headerOf(col).length, ...rows.map((r) => r.cells[i].length))));
  lines.push([fit('dimension', dw), ...columns.map((col, i) => fit(headerOf(col), cw[i])), 'convergence'].join('  '));
  for (const r of rows) lines.push([fit(r.label, dw), ...r.cells.map((x, i) => fit(x, cw[i])), r.convergence].join('  ').trimEnd());
  lines.push('');
  lines.push(`figures per pair (over the ${report.theme ? 'theme\'s ' : ''}dimensions on a scale where both have evidence; n = how many):`);
  lines.push(...pairTable(report.sidePairs));
  if (report.sides.some((s) => s.kind === 'group') && report.jurisdictionPairs.length) {
    lines.push('');
    lines.push('between jurisdictions:');
    lines.push(...pairTable(report.jurisdictionPairs));
  }
  return lines;
}

/**
 * `policy-matrix compare <folder> --jurisdictions a,b[,c]`: each dimension's values side
 * by side with its convergence class, then the pairwise figures (docs/compare.md). Exit 0;
 * 1 when the matrix has errors (the comparison is still printed unless the files could not
 * be loaded); 2 on a wrong call (options, unknown jurisdictions, groups or theme).
 */
async function compare(args: string[], io: Io): Promise<number> {
  const options = parse(args);
  if (typeof options === 'string') return wrongCall(io, compareCommand, options);
  const { folder, values, filters } = options;
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
  const { matrix } = bundle;
  const loadErrors = bundle.problems.filter((p) => p.severity === 'error');
  if (loadErrors.length) {
    for (const p of sortProblems(loadErrors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: no comparison: fix the ${plural(loadErrors.length, 'error')} in the files first (policy-matrix validate shows them)`);
    return EXIT.problems;
  }

  const available = () =>
    `jurisdictions: ${orderedJurisdictions(matrix).map((j) => j.id).join(', ')}; groups: ${groupsOf(matrix).map((g) => g.name).join(', ') || 'none'}`;
  const tokens = values['--jurisdictions'] === undefined
    ? orderedJurisdictions(matrix).map((j) => j.id)
    : values['--jurisdictions'].split(',').map((t) => t.trim()).filter(Boolean);
  const resolution = resolveSides(matrix, tokens);
  if (resolution.unknown.length) {
    io.err(`unknown jurisdiction or group ${resolution.unknown.map((t) => `"${t}"`).join(', ')} (${available()})`);
    return EXIT.usage;
  }
  if (resolution.overlapping.length) {
    for (const o of resolution.overlapping) io.err(`"${o.side.id}" overlaps "${o.earlier.id}": ${o.jurisdiction.id} cannot be on two sides`);
    return EXIT.usage;
  }
  if (resolution.sides.length < 2) {
    io.err(`compare needs at least two jurisdictions or groups (${available()})`);
    io.err(usage(compareCommand));
    return EXIT.usage;
  }
  const theme = values['--theme'] ?? '';
  if (theme !== '' && !themesOf(matrix).includes(theme)) {
    io.err(`unknown theme "${theme}" (themes: ${themesOf(matrix).join(', ')})`);
    return EXIT.usage;
  }

  const check = checkMatrix(matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
  const comparison = compareMatrix(matrix, check, resolution.sides, { theme, asOf: values['--as-of'] });
  const report = comparisonReport(comparison, { name: matrix.name, title: matrix.title }, filters);
  if (options.json) printJson(io, { formatVersion: JSON_FORMAT_VERSION.compare, ...report });
  else io.out(formatComparison(report, new Map(matrix.dimensions.map((d) => [d.id, d.unit]))).join('\n'));

  const errors = check.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: ${plural(errors.length, 'error')} in the evidence; flagged cells are shown but not compared`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'jurisdictions or groups side by side: each dimension\'s convergence, then agreement figures per pair',
  synopsis: SYNOPSIS,
  help: `
Puts two or more jurisdictions or groups side by side over the matrix's dimensions: each
dimension's values and its convergence (same level, one step apart, far apart, not
comparable), then the agreement figures of each pair (share at the same level, mean level
distance; defined in docs/compare.md). Only cells with evidence are compared.

options:
  --jurisdictions a,b[,c]   the sides: jurisdiction ids or group names, e.g. EU,"North America"
                            (default: every jurisdiction)
  --theme "…"               only the dimensions of this theme
  --only-differences        show only dimensions where the sides differ (figures unchanged)
  --only-evidence           show only dimensions where every side has evidence
  --sort order|divergence   matrix order (default), or most divergent first
  --as-of YYYY[-MM[-DD]]    the matrix as of this date: each cell's value in force (or last
                            observed) then (default: each cell's latest value)
  --json                    print one JSON document instead, with formatVersion
                            (JSON Schema: docs/schemas/compare.schema.json; see docs/cli.md)

${exitStatus({
    ok: 'compared',
    problems: 'the matrix has errors (the comparison is still printed when the files could be loaded; flagged cells are not compared), or the folder is not there',
    usage: 'a wrong call, or an unknown jurisdiction, group or theme',
  })}`,
  run: compare,
};
