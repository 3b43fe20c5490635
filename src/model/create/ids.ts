/**
 * Identifiers made from labels: what a new matrix's jurisdictions, dimensions, scales and
 * levels are called in the files when the analyst types only a label ("European Union" →
 * `european-union`). The same rule as the loader's: letters, digits, "-", "_", "." or ":",
 * starting with a letter or digit, no spaces.
 */

/** What the format accepts as an id (the loader warns about anything else; edits refuse it). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Longest id made from a label (a long label makes a long file field, not a longer id). */
const MAX_ID = 48;

/** Whether `id` is a valid id of the format. */
export const isValidId = (id: string): boolean => ID_PATTERN.test(id);

/**
 * The id a label gives: lower case, accents dropped ("Québec" → `quebec`), every run of other
 * characters one "-", cut at a word boundary past MAX_ID characters; '' when the label has no
 * letter or digit.
 */
export function slugOf(label: string): string {
  const plain = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= MAX_ID) return plain;
  const cut = plain.slice(0, MAX_ID);
  const dash = cut.lastIndexOf('-');
  return (dash > MAX_ID / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`, … : the first that `taken` does not hold. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The ids of a list of rows: a row's own id where it has one (kept as typed, even when it
 * clashes: that is reported, not changed), else one made from its label, unique among all of
 * them; a row with neither gets `<fallback><position>` (e.g. `j3`).
 */
export function assignIds(rows: readonly { readonly id?: string; readonly label: string }[], fallback: string): string[] {
  const taken = new Set(rows.map((r) => (r.id ?? '').trim()).filter(Boolean));
  return rows.map((row, i) => {
    const own = (row.id ?? '').trim();
    if (own) return own;
    const id = uniqueId(slugOf(row.label) || `${fallback}${i + 1}`, taken);
    taken.add(id);
    return id;
  });
}
