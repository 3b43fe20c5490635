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
  const lines = [header.map((h) => quoteField(guardFormula(h))).join(',')];
  for (const row of rows) lines.push(row.map((f) => quoteField(guardFormula(f))).join(','));
  return lines.join('\n') + '\n';
}
