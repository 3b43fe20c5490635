/**
 * The bundled matrix already carries the columns that format version 2 adds (the codebook,
 * cells in time, kinds of support). Format version 1 keeps a column it does not know and
 * warns once per column, so until version 2 is read natively these warnings — and only
 * these — are expected when the bundled matrix is loaded or validated.
 */

/** The format 2 columns the bundled matrix carries, by file. */
export const FORMAT_2_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dimensions.csv': ['basis', 'coding_rules'],
  'scales.csv': ['needs_absolute'],
  'cells.csv': ['period', 'in_force_from', 'in_force_until', 'observed', 'confidence', 'relative'],
  'citations.csv': ['period', 'support', 'attribution'],
};

/** How many warnings those columns give: one per column. */
export const FORMAT_2_COLUMN_WARNINGS = Object.values(FORMAT_2_COLUMNS).reduce((n, columns) => n + columns.length, 0);

const KEPT = /^column "([^"]+)" is not part of the format; it is kept and written back$/;

/** Whether a problem is the warning about one of the format 2 columns of its file. */
export function isFormat2ColumnWarning(p: { severity: string; file: string; message: string }): boolean {
  const column = KEPT.exec(p.message)?.[1];
  return p.severity === 'warning' && column !== undefined && (FORMAT_2_COLUMNS[p.file] ?? []).includes(column);
}

/** The problems other than the format 2 column warnings. */
export function withoutFormat2ColumnWarnings<T extends { severity: string; file: string; message: string }>(problems: readonly T[]): T[] {
  return problems.filter((p) => !isFormat2ColumnWarning(p));
}

/** Lines of the command line's text output other than the format 2 column warnings. */
export function withoutFormat2ColumnWarningLines(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    const m = /(?:^|\/)([a-z]+\.csv):\d+:\d+: warning: (.*)$/.exec(line);
    return !(m && isFormat2ColumnWarning({ severity: 'warning', file: m[1], message: m[2] }));
  });
}
