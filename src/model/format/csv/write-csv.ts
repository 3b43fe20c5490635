import { guardFormula } from './formula-guard.ts';

/** Quote a field only when it must be: separator, quote, line break, or edge white space. */
function quoteField(field: string): string {
  if (/[",\r\n]|^\s|\s$/.test(field)) return '"' + field.replaceAll('"', '""') + '"';
  return field;
}

/**
 * Write rows as canonical CSV: header first, LF line endings, a final newline,
 * minimal quoting, and every field formula-guarded (see formula-guard.ts).
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return joinCsvLines(lines);
}

/** One row of canonical CSV, without its line ending. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => quoteField(guardFormula(f))).join(',');
}

/** The text of a file from its lines (header first): LF line endings, a final newline. */
export function joinCsvLines(lines: readonly string[]): string {
  return lines.join('\n') + '\n';
}
