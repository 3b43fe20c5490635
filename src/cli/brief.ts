import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { buildBriefing, unknownSelection } from '../model/briefing/build.ts';
import { renderBriefingHtml } from '../model/briefing/render-html.ts';
import { renderBriefingMarkdown } from '../model/briefing/render-markdown.ts';
import { PAPERS, type Briefing, type BriefingSelection, type Paper } from '../model/briefing/types.ts';
import { checkMatrix } from '../model/check/check.ts';
import { readMatrix } from '../model/format/read.ts';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import { diagnostic, formatProblem, sortProblems } from './format-problem.ts';
import { errStyle, type Io } from './io.ts';
import { folderReader } from './node-reader.ts';
import { findChromium, printToPdf } from './pdf.ts';
import { asOfDay } from '../model/time/as-of.ts';

const SYNOPSIS =
  'policy-matrix brief <matrix-folder> [--dimensions a,b] [--jurisdictions x,y] [--title "…"]\n' +
  '                    [--as-of YYYY[-MM[-DD]]] --format html|md|pdf --out <file> [--paper a4|letter] [--date YYYY-MM-DD] [--strict]';

const FORMATS = ['html', 'md', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const VALUED = ['--dimensions', '--jurisdictions', '--title', '--format', '--out', '--paper', '--date', '--as-of'] as const;
type Valued = (typeof VALUED)[number];

interface Options {
  folder: string;
  values: Partial<Record<Valued, string>>;
  strict: boolean;
}

function parse(args: string[]): Options | string {
  const parsed = parseArgs(args, { valued: VALUED, flags: ['--strict'] as const });
  if (typeof parsed === 'string') return parsed;
  const { values, positional } = parsed;
  const strict = parsed.flags.has('--strict');
  if (positional.length !== 1) return positional.length ? `one matrix folder, please (got ${positional.length})` : 'brief needs a matrix folder';
  if (!values['--format']) return '--format is needed (html, md or pdf)';
  if (!FORMATS.includes(values['--format'] as Format)) return `--format "${values['--format']}" is not one of ${FORMATS.join(', ')}`;
  if (!values['--out']) return '--out is needed (the file to write; "-" writes html or md to standard output)';
  if (values['--out'] === '-' && values['--format'] === 'pdf') return 'a PDF needs a file: give --out <file>.pdf';
  if (values['--paper'] && !PAPERS.includes(values['--paper'].toLowerCase() as Paper)) return `--paper "${values['--paper']}" is not one of a4, letter`;
  if (values['--date'] !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values['--date'])) return `--date "${values['--date']}" is not YYYY, YYYY-MM or YYYY-MM-DD`;
  if (values['--as-of'] !== undefined && asOfDay(values['--as-of']) === undefined) return `--as-of "${values['--as-of']}" is not a date: YYYY, YYYY-MM or YYYY-MM-DD`;
  return { folder: positional[0], values, strict };
}

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date (local), or the date of SOURCE_DATE_EPOCH when set (reproducible builds). */
export function today(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const summary = (b: Briefing) =>
  `${b.rows.length} dimension${b.rows.length === 1 ? '' : 's'} × ${b.columns.length} jurisdiction${b.columns.length === 1 ? '' : 's'}, ` +
  `${b.footnotes.length} footnote${b.footnotes.length === 1 ? '' : 's'}` +
  (b.notes.length ? `, ${b.notes.length} unverified cell${b.notes.length === 1 ? '' : 's'} marked` : '');

/**
 * `policy-matrix brief <folder> … --format html|md|pdf --out <file>`: a footnoted briefing
 * table. Exit 0 when written; 1 when the matrix cannot be read, a cell is flagged under
 * --strict, or the PDF cannot be printed; 2 on a wrong call.
 */
async function brief(args: string[], io: Io): Promise<number> {
  const options = parse(args);
  if (typeof options === 'string') return wrongCall(io, briefCommand, options);
  const { folder, values } = options;
  const style = errStyle(io);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(diagnostic(folder, 'error', 'no matrix folder here', style));
    return EXIT.problems;
  }
  const bundle = await readMatrix(folderReader(folder), basename(resolve(folder)));
  const errors = bundle.problems.filter((p) => p.severity === 'error' && !(p.file === 'datapackage.json' && p.line === 0));
  if (errors.length) {
    for (const p of sortProblems(errors)) io.err(formatProblem(folder, p, style));
    io.err(`${folder}: no briefing: fix the ${errors.length} error${errors.length === 1 ? '' : 's'} in the files first (policy-matrix validate shows them)`);
    return EXIT.problems;
  }
  const selection: BriefingSelection = { dimensions: list(values['--dimensions']), jurisdictions: list(values['--jurisdictions']) };
  const unknown = unknownSelection(bundle.matrix, selection);
  if (unknown.dimensions.length || unknown.jurisdictions.length) {
    if (unknown.dimensions.length) {
      io.err(`unknown dimension${unknown.dimensions.length === 1 ? '' : 's'} ${unknown.dimensions.join(', ')} (the matrix has: ${bundle.matrix.dimensions.map((d) => d.id).join(', ')})`);
    }
    if (unknown.jurisdictions.length) {
      io.err(`unknown jurisdiction${unknown.jurisdictions.length === 1 ? '' : 's'} ${unknown.jurisdictions.join(', ')} (the matrix has: ${bundle.matrix.jurisdictions.map((j) => j.id).join(', ')})`);
    }
    return EXIT.usage;
  }
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
  const briefing = buildBriefing({
    matrix: bundle.matrix,
    check,
    sourceTexts: bundle.sourceTexts,
    selection,
    title: values['--title'],
    produced: values['--date'] ?? today(),
    asOf: values['--as-of'],
  });
  if (options.strict && briefing.notes.length) {
    for (const n of briefing.notes) io.err(diagnostic(folder, 'error', `cell (${n.dimension}, ${n.jurisdiction}) is flagged: it ${n.reason}`, style));
    io.err(`${folder}: no briefing (--strict): ${briefing.notes.length} chosen cell${briefing.notes.length === 1 ? ' is' : 's are'} flagged; fix them or leave --strict out to mark them unverified`);
    return EXIT.problems;
  }
  const format = values['--format'] as Format;
  const out = values['--out']!;
  const paper = (values['--paper']?.toLowerCase() ?? 'a4') as Paper;
  const tell = out === '-' ? io.err : io.out;
  try {
    if (format === 'md') {
      const md = renderBriefingMarkdown(briefing);
      if (out === '-') io.out(md.replace(/\n$/, ''));
      else await writeFile(out, md);
    } else if (format === 'html') {
      const html = renderBriefingHtml(briefing, { paper });
      if (out === '-') io.out(html.replace(/\n$/, ''));
      else await writeFile(out, html);
    } else {
      const chromium = findChromium();
      if (!chromium.path) {
        io.err(diagnostic('policy-matrix brief', 'error', chromium.error ?? 'no Chromium', style));
        return EXIT.problems;
      }
      await printToPdf(renderBriefingHtml(briefing, { paper }), out, chromium.path);
    }
  } catch (e) {
    io.err(diagnostic(out, 'error', (e as Error).message, style));
    return EXIT.problems;
  }
  tell(`${out === '-' ? 'standard output' : out}: briefing "${briefing.title}" (${format}): ${summary(briefing)}`);
  return EXIT.ok;
}

export const briefCommand: Command = {
  name: 'brief',
  summary: 'a footnoted briefing table (HTML, Markdown or PDF): each cited passage footnoted once, quoted from the source',
  synopsis: SYNOPSIS,
  help: `
Writes a compact briefing table of the chosen dimensions and jurisdictions with numbered
footnotes: each cited passage once, quoted from its source, shared by every cell that cites
it. Cells not in the source say so; flagged cells are marked unverified (docs/briefing.md).

options:
  --format html|md|pdf     a standalone HTML page, Markdown with footnotes, or a PDF (printed
                           by headless Chromium: CHROME_PATH, or chromium on the PATH)
  --out <file>             where to write it; - writes html or md to standard output
  --dimensions a,b         only these dimensions (ids; default: all)
  --jurisdictions x,y      only these jurisdictions (ids; default: all)
  --title "…"              the heading (default: the matrix's title)
  --paper a4|letter        the page size when printed (default: a4)
  --date YYYY-MM-DD        the date it says it was produced (default: today, or SOURCE_DATE_EPOCH)
  --as-of YYYY[-MM[-DD]]   the matrix as of this date: each cell's value in force (or last
                           observed) then (default: each cell's latest value). The briefing
                           states the period its values describe and marks each value's date
  --strict                 refuse to write when a chosen cell is flagged

${exitStatus({
    ok: 'written',
    problems: 'the matrix has errors, a chosen cell is flagged under --strict, the PDF could not be printed, or the folder is not there',
    usage: 'a wrong call, or an unknown dimension or jurisdiction',
  })}`,
  run: brief,
};
