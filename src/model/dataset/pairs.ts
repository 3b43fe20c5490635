/**
 * The small notation the dataset features write in one CSV field: a row's key
 * (`Passport=Brazil; Destination=Canada`), a cited row's values (`Requirement=eta`), a rule's
 * conditions (`Destination=Canada|Mexico`), categories (`visa needed=visa required|e-visa`),
 * levels (`harmonization=100; collaboration=90`) and lists of entities (`Austria | Belgium`).
 *
 * - Items are separated by `;`, a name from its values by the first `=`, values by `|`.
 * - White space around names and values is ignored (`A = x ; B=y` reads as `A=x; B=y`).
 * - A backslash makes the next character plain: `\;` `\=` `\|` `\\`, `\ ` for a space that
 *   counts at either end, `\{` for a value that starts with a brace.
 * - `{number}` and `{leave out}`, written as they are (not escaped), are the notation's own
 *   words (see rule.ts): `special` says so.
 *
 * The writer escapes exactly what the reader needs, so every name and value round-trips, and
 * the canonical form is `Name=value|value; Name=value`. Pure, no DOM.
 */

export interface PairValue {
  text: string;
  /** Written as `{…}` unescaped: one of the notation's own words. */
  special: boolean;
}

export interface Pair {
  name: PairValue;
  values: PairValue[];
}

export type ParsedPairs = { ok: true; pairs: Pair[] } | { ok: false; message: string };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * One piece of text up to the next unescaped separator in `stops`: its text with escapes
 * removed and the white space at either end (unescaped) trimmed.
 */
function piece(text: string, from: number, stops: string): { value: PairValue; end: number } {
  let out = '';
  // Where the text kept so far ends with plain (unescaped) white space: trimmed at the end.
  let keep = 0;
  let started = false;
  let escapedStart = false;
  let i = from;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      if (!started) escapedStart = true;
      started = true;
      out += text[++i];
      keep = out.length;
      continue;
    }
    if (stops.includes(c)) break;
    if (isSpace(c)) {
      if (started) out += c;
      continue;
    }
    started = true;
    out += c;
    keep = out.length;
  }
  const value = out.slice(0, keep);
  return { value: { text: value, special: !escapedStart && value.startsWith('{') && value.endsWith('}') }, end: i };
}

/** Read `Name=value|value; Name=value` (see the notation above); empty items are skipped. */
export function parsePairs(text: string): ParsedPairs {
  const pairs: Pair[] = [];
  let i = 0;
  while (i <= text.length) {
    const name = piece(text, i, ';=|');
    i = name.end;
    if (i >= text.length || text[i] === ';') {
      if (name.value.text !== '') return { ok: false, message: `"${name.value.text}" has no "=" and value` };
      i++;
      continue;
    }
    if (text[i] === '|') return { ok: false, message: `"|" before "=" in "${name.value.text}|…"` };
    if (name.value.text === '') return { ok: false, message: 'a "=" with no name before it' };
    i++;
    const values: PairValue[] = [];
    for (;;) {
      const value = piece(text, i, ';|');
      values.push(value.value);
      i = value.end;
      if (i < text.length && text[i] === '|') {
        i++;
        continue;
      }
      break;
    }
    pairs.push({ name: name.value, values });
    i++;
  }
  return { ok: true, pairs };
}

/** Read a list of values, `a | b | c` (escapes as above); empty values are skipped. */
export function parseList(text: string): PairValue[] {
  const out: PairValue[] = [];
  let i = 0;
  while (i <= text.length) {
    const value = piece(text, i, '|');
    if (value.value.text !== '' || value.value.special) out.push(value.value);
    i = value.end + 1;
  }
  return out;
}

/** A name or value as written: separators and backslashes escaped, and spaces at either end and a leading `{` (unless `special`). */
export function escapeValue(value: string, special = false): string {
  if (special) return value;
  let out = value.replace(/[\\;=|]/g, (c) => `\\${c}`);
  if (out.startsWith('{')) out = `\\${out}`;
  // White space at either end would be trimmed: each such character escaped.
  const lead = /^[ \t\r\n]+/.exec(out)?.[0] ?? '';
  const rest = out.slice(lead.length);
  const trail = /[ \t\r\n]+$/.exec(rest)?.[0] ?? '';
  const body = rest.slice(0, rest.length - trail.length);
  const esc = (s: string) => s.replace(/[ \t\r\n]/g, (c) => `\\${c}`);
  return esc(lead) + body + esc(trail);
}

/** Write pairs in the canonical form `Name=value|value; Name=value`. */
export function formatPairs(pairs: readonly { name: string; values: readonly string[] }[]): string {
  return pairs.map((p) => `${escapeValue(p.name)}=${p.values.map((v) => escapeValue(v)).join('|')}`).join('; ');
}

/** Write a list of values, `a | b | c`. */
export function formatList(values: readonly string[]): string {
  return values.map((v) => escapeValue(v)).join(' | ');
}

export const isEdgeSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** `text.slice(from, to)` without the white space at either end (as the full reader trims it). */
export function trimmed(text: string, from: number, to: number): string {
  while (from < to && isEdgeSpace(text.charCodeAt(from))) from++;
  while (to > from && isEdgeSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/**
 * `parseRowValues` of a text with no escape and no `|` (nearly every row key and cited row):
 * split at `;` and the first `=`, as the full reader would; undefined for anything it would
 * report (the full reader then says why). A dataset cited row by row reads thousands of these.
 */
function plainRowValues(text: string): { ok: true; columns: string[]; values: string[] } | undefined {
  const columns: string[] = [];
  const values: string[] = [];
  let from = 0;
  while (from <= text.length) {
    let end = text.indexOf(';', from);
    if (end < 0) end = text.length;
    const eq = text.indexOf('=', from);
    if (eq < 0 || eq > end) {
      if (trimmed(text, from, end) !== '') return undefined;
    } else {
      const name = trimmed(text, from, eq);
      if (name === '' || columns.includes(name)) return undefined;
      columns.push(name);
      values.push(trimmed(text, eq + 1, end));
    }
    from = end + 1;
  }
  return columns.length ? { ok: true, columns, values } : undefined;
}

/** A row key or a row's values: one plain value per name, each name once (else why not). */
export function parseRowValues(text: string): { ok: true; columns: string[]; values: string[] } | { ok: false; message: string } {
  if (!text.includes('\\') && !text.includes('|')) {
    const plain = plainRowValues(text);
    if (plain) return plain;
  }
  const parsed = parsePairs(text);
  if (!parsed.ok) return parsed;
  const columns: string[] = [];
  const values: string[] = [];
  for (const p of parsed.pairs) {
    if (p.values.length !== 1) return { ok: false, message: `column "${p.name.text}" has ${p.values.length} values: a row is named by one value per column` };
    if (columns.includes(p.name.text)) return { ok: false, message: `column "${p.name.text}" is named twice` };
    columns.push(p.name.text);
    values.push(p.values[0].text);
  }
  if (columns.length === 0) return { ok: false, message: 'no column is named (write Column=value; Column=value)' };
  return { ok: true, columns, values };
}
