import { processIo, type Io } from './io.ts';
import { brief } from './brief.ts';
import { compare } from './compare.ts';
import { exportMatrix } from './export.ts';
import { formatFolder } from './format-folder.ts';
import { validate } from './validate.ts';

const USAGE = `policy-matrix — evidence-backed comparative policy matrices

usage:
  policy-matrix validate [--json] <matrix-folder>...
      check every file, value and citation; print problems as file:line:column: message
      and a coverage summary; exit status 1 on any error
  policy-matrix format <matrix-folder>
      rewrite the folder's files in canonical form (and write datapackage.json), with
      the position where each quote is found; refuses while the files have errors
  policy-matrix brief <matrix-folder> [--dimensions a,b] [--jurisdictions x,y] [--title "…"]
                      --format html|md|pdf --out <file> [--paper a4|letter] [--date YYYY-MM-DD] [--strict]
      a footnoted briefing table (each cited passage footnoted once, quoted from the
      source); flagged cells are marked unverified (--strict refuses them); pdf needs Chromium
  policy-matrix compare <matrix-folder> [--jurisdictions a,b[,c]] [--theme "…"] [--only-differences]
                        [--only-evidence] [--sort order|divergence] [--json]
      each dimension side by side with its convergence (same level, one step apart, far
      apart, not comparable), then agreement figures per pair (docs/compare.md); sides are
      jurisdiction ids or group names (e.g. --jurisdictions EU,"North America"); default: all
  policy-matrix export <matrix-folder | matrix.zip> --format canonical|wide-csv --out <path> [--force]
      canonical: the CSV files and datapackage.json in a folder (source texts beside it, at their
      paths from sources.csv), or --out <file>.zip for one self-contained zip; wide-csv: a row per
      dimension, a column per jurisdiction (--out - for standard output); every field is safe to
      open in a spreadsheet; refuses a matrix with load errors unless --force
  policy-matrix help`;

/** Run the command line; returns the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'validate':
      return validate(args, io);
    case 'format':
      return formatFolder(args, io);
    case 'brief':
      return brief(args, io);
    case 'compare':
      return compare(args, io);
    case 'export':
      return exportMatrix(args, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
