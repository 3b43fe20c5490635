import { checkMatrix } from '../model/check/check.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatCounts, formatCoverage, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, outStyle, type Io } from './io.ts';
import { JSON_FORMAT_VERSION, printJson } from './json.ts';
import { readMatrixInput } from './node-reader.ts';
import { MAX_LISTED_PLACES } from '../model/anchor/limits.ts';
import { splitEntryKey, type TextRange } from '../model/types.ts';
import { citationLocator } from '../model/check/locator.ts';
import type { Matrix } from '../model/types.ts';
import type { ComputedCheck } from '../model/dataset/computed-checks.ts';
import { lineOf, type Dataset } from '../model/dataset/dataset.ts';

/** A dataset's row: its 1-based number among the data rows, and its line in the data file. */
const rowPlace = (dataset: Dataset | undefined, row: number) => ({ row: row + 1, line: dataset ? lineOf(dataset, row) : row + 2 });

/** A computed cell in the report: its rule, stored and computed value, and status. */
function computedReport(c: ComputedCheck, matrix: Matrix) {
  const { rule } = c;
  const cell = matrix.cells.find((x) => x.dimension === rule.dimension && x.jurisdiction === rule.jurisdiction && x.period === rule.period);
  return {
    dimension: rule.dimension, jurisdiction: rule.jurisdiction, period: rule.period, source: rule.source, rule: rule.rule,
    status: c.status,
    stored: cell ? { value: cell.value, level: cell.level } : null,
    computed: c.result?.ok ? { value: c.result.value.value, level: c.result.value.level } : null,
    ...(c.result?.ok ? { rows: c.result.rows.length, ...(c.result.items ? { outcomes: c.result.counts } : {}) } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
  };
}

/** The first few places of a quote, as start and end offsets only. */
const listedPlaces = (places: TextRange[]) => places.slice(0, MAX_LISTED_PLACES).map(({ start, end }) => ({ start, end }));

/** `policy-matrix validate [--json] <folder>...`: exit 1 when any matrix has an error. */
async function validate(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: [], flags: ['--json'] as const });
  if (typeof parsed === 'string') return wrongCall(io, validateCommand, parsed);
  const folders = parsed.positional;
  if (folders.length === 0) return wrongCall(io, validateCommand, 'validate needs at least one matrix folder');
  const json = parsed.flags.has('--json');
  const style = outStyle(io);
  let failed = false;
  const reports = [];
  for (const folder of folders) {
    // A folder (read confined to it), or a zip of one as export writes it (read within the limits).
    const input = await readMatrixInput(folder);
    if (typeof input === 'string') {
      io.err(diagnostic(folder, 'error', input, errStyle(io)));
      failed = true;
      continue;
    }
    const { bundle, at } = input;
    for (const note of input.notes) io.err(diagnostic(folder, 'note', note, errStyle(io)));
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
    const problems = sortProblems([...bundle.problems, ...check.problems]);
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    if (errors > 0) failed = true;
    if (json) {
      reports.push({
        folder,
        name: bundle.matrix.name,
        title: bundle.matrix.title,
        errors,
        warnings,
        problems,
        coverage: check.coverage,
        citations: [...check.citations.values()].flat().map(({ citation, anchor }) => ({
          dimension: citation.dimension,
          jurisdiction: citation.jurisdiction,
          period: citation.period,
          seq: citation.seq,
          source: citation.source,
          status: anchor.status,
          range: anchor.range ?? null,
          locator: citationLocator(citation, anchor.status === 'found' ? anchor.range : undefined, bundle.sourceMaps?.get(citation.source)),
          // Places and suggestions as positions in the matrix's own source, a few at most: a
          // listing never shows more of a source than the matrix's quotes already hold.
          ...(anchor.candidates ? { candidates: listedPlaces(anchor.candidates), places: anchor.occurrences ?? anchor.candidates.length } : {}),
          ...(anchor.suggestion ? { suggestion: { range: anchor.suggestion.range, similarity: anchor.suggestion.similarity } } : {}),
          ...(anchor.reason ? { reason: anchor.reason } : {}),
          // A dataset's row: the cited row (1-based data row, and its line in the data file), or the rows a key matches.
          ...(citation.rowKey ? { rowKey: citation.rowKey } : {}),
          ...(anchor.row !== undefined ? { row: rowPlace(bundle.datasets?.get(citation.source), anchor.row) } : {}),
          ...(anchor.rows ? { rows: anchor.rows.map((r) => rowPlace(bundle.datasets?.get(citation.source), r)), places: anchor.occurrences ?? anchor.rows.length } : {}),
        })),
        computed: [...check.computed.values()].map((c) => computedReport(c, bundle.matrix)),
        cells: [...check.cells.entries()].map(([key, status]) => {
          const { pair, period } = splitEntryKey(key);
          const [dimension, jurisdiction] = pair.split('\u0000');
          return { dimension, jurisdiction, period, status };
        }),
      });
    } else {
      for (const p of problems) io.out(formatProblem(at, p, style));
      io.out(`${style.strong(folder)}: ${bundle.matrix.title}`);
      io.out(formatCoverage(check.coverage));
      io.out(formatCounts(errors, warnings, style));
    }
  }
  if (json) printJson(io, { formatVersion: JSON_FORMAT_VERSION.validate, matrices: reports });
  return failed ? EXIT.problems : EXIT.ok;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check every file, value and citation of matrix folders; problems as file:line:column: message',
  synopsis: 'policy-matrix validate [--json] <matrix-folder | matrix.zip>...',
  help: `
Reads each matrix folder (or zip of one, as export writes it), checks every file, value and
citation against the source texts, and prints each problem as

  folder/file:line:column: error|warning: message

(the file alone when the whole file is at fault, e.g. a missing file), then the matrix's
title, its coverage (cells supported, not in source, draft, flagged; citations found,
ambiguous, orphaned, and unchecked when a source text is missing) and the counts of
errors and warnings. A source whose text cannot be read is one error, at its row of
sources.csv; the citations that quote it are unchecked, not each an error.

options:
  --json   print one JSON document instead: for each matrix its problems, coverage, every
           citation's status and character range and every cell's status, with formatVersion
           (JSON Schema: docs/schemas/validate.schema.json; see docs/cli.md)

${exitStatus({ ok: 'no errors (warnings allowed)', problems: 'some matrix has an error, or a folder is not there', usage: 'a wrong call' })}`,
  run: validate,
};
