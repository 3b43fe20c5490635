import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { checkMatrix } from '../model/check/check.ts';
import { readMatrix } from '../model/format/read.ts';
import { formatCoverage, formatProblem, sortProblems } from './format-problem.ts';
import { folderReader } from './node-reader.ts';
import type { Io } from './io.ts';

/** `policy-matrix validate [--json] <folder>...`: exit 1 when any matrix has an error. */
export async function validate(args: string[], io: Io): Promise<number> {
  const json = args.includes('--json');
  const folders = args.filter((a) => a !== '--json');
  const unknown = folders.filter((a) => a.startsWith('-'));
  if (unknown.length || folders.length === 0) {
    io.err(unknown.length ? `unknown option ${unknown[0]}` : 'validate needs at least one matrix folder');
    io.err('usage: policy-matrix validate [--json] <matrix-folder>...');
    return 2;
  }
  let failed = false;
  const reports = [];
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      io.err(`${folder}: error: no matrix folder here`);
      failed = true;
      continue;
    }
    const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs });
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
          seq: citation.seq,
          source: citation.source,
          status: anchor.status,
          range: anchor.range ?? null,
          ...(anchor.candidates ? { candidates: anchor.candidates } : {}),
          ...(anchor.suggestion ? { suggestion: anchor.suggestion } : {}),
          ...(anchor.reason ? { reason: anchor.reason } : {}),
        })),
        cells: [...check.cells.entries()].map(([key, status]) => {
          const [dimension, jurisdiction] = key.split('\u0000');
          return { dimension, jurisdiction, status };
        }),
      });
    } else {
      for (const p of problems) io.out(formatProblem(folder, p));
      io.out(`${folder}: ${bundle.matrix.title}`);
      io.out(formatCoverage(check.coverage));
      io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    }
  }
  if (json) io.out(JSON.stringify({ matrices: reports }, null, 2));
  return failed ? 1 : 0;
}
