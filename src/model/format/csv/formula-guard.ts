/**
 * Formula safety for CSV that may be opened in a spreadsheet (OWASP CSV injection).
 *
 * A field a spreadsheet would run as a formula gets a leading apostrophe; a field that
 * already starts with an apostrophe gets one more. Reading removes exactly one leading
 * apostrophe. The pair is a bijection, so canonical files stay lossless while every
 * exported field is inert.
 */

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const PLAIN_NUMBER = /^[-+]?(\d+([.,]\d+)?|[.,]\d+)([eE][-+]?\d+)?$/;

export function guardFormula(field: string): string {
  if (field === '') return field;
  const first = field[0];
  if (first === "'") return "'" + field;
  if (FORMULA_TRIGGERS.has(first) && !PLAIN_NUMBER.test(field)) return "'" + field;
  return field;
}

export function unguardFormula(field: string): string {
  return field.startsWith("'") ? field.slice(1) : field;
}

/** True when a spreadsheet would treat the (already written) field as a formula. */
export function looksLikeFormula(field: string): boolean {
  return field !== '' && FORMULA_TRIGGERS.has(field[0]) && !PLAIN_NUMBER.test(field);
}
