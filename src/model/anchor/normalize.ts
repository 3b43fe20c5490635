/**
 * Normalization for matching quotes against print-extracted text.
 *
 * Print extraction adds hard line breaks, runs of spaces and end-of-line hyphens, and
 * typography varies (curly quotes, dash kinds, ligatures). Both the source and the quote
 * are folded the same way, and the source keeps a map from each folded character back to
 * its original offset, so a match is reported as a range of the original text.
 *
 * Rules: white space runs → one space; a dash of any kind and the white space around it
 * → nothing (so "neces-\nsary", "neces- sary" and "necessary" are equal, as are
 * "force-\nsupport" and "force-support"); curly quotes → straight; NFKC for the rest.
 */

const SPACE = 32;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function isDash(c: number): boolean {
  return c === 45 || c === 0xad || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d;
}

/** Characters dropped entirely: zero-width marks and the byte-order mark. */
function isInvisible(c: number): boolean {
  return c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff;
}

function foldQuote(c: number): number {
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x02bc) return 39; // '
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033) return 34; // "
  return c;
}

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each folded character, the offset of the original character it came from. */
  origin: Int32Array;
}

function fold(input: string, withOrigin: boolean): { codes: Uint16Array; length: number; origin: Int32Array | null } {
  // NFKC can expand a character (e.g. "ﬃ" → "ffi"); 3× room covers what we emit per unit.
  const cap = input.length + 16;
  let codes = new Uint16Array(cap);
  let origin = withOrigin ? new Int32Array(cap) : null;
  let n = 0;
  let afterDash = false;
  const push = (code: number, at: number) => {
    if (n === codes.length) {
      const grow = new Uint16Array(codes.length * 2);
      grow.set(codes);
      codes = grow;
      if (origin) {
        const g = new Int32Array(codes.length);
        g.set(origin);
        origin = g;
      }
    }
    codes[n] = code;
    if (origin) origin[n] = at;
    n++;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (isSpace(c)) {
      if (!afterDash && n > 0 && codes[n - 1] !== SPACE) push(SPACE, i);
      continue;
    }
    if (isDash(c)) {
      if (n > 0 && codes[n - 1] === SPACE) n--;
      afterDash = true;
      continue;
    }
    if (isInvisible(c)) continue;
    afterDash = false;
    if (c < 128) {
      push(c, i);
      continue;
    }
    const q = foldQuote(c);
    if (q !== c) {
      push(q, i);
      continue;
    }
    // Surrogate pairs are folded as one character.
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < input.length;
    const ch = wide ? input.slice(i, i + 2) : input[i];
    const folded = ch.normalize('NFKC');
    for (let k = 0; k < folded.length; k++) {
      const fc = folded.charCodeAt(k);
      if (isSpace(fc)) {
        if (n > 0 && codes[n - 1] !== SPACE) push(SPACE, i);
      } else push(foldQuote(fc), i);
    }
    if (wide) i++;
  }
  return { codes, length: n, origin };
}

function decode(codes: Uint16Array, length: number): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** Fold a source text, keeping the map back to original offsets. */
export function foldWithOrigin(input: string): FoldedText {
  const { codes, length, origin } = fold(input, true);
  return { text: decode(codes, length), origin: origin!.subarray(0, length) };
}

/** Fold a quote, prefix or suffix; leading and trailing white space are dropped. */
export function foldQuery(input: string): string {
  const { codes, length } = fold(input, false);
  let start = 0;
  let end = length;
  while (start < end && codes[start] === SPACE) start++;
  while (end > start && codes[end - 1] === SPACE) end--;
  return decode(codes.subarray(start, end), end - start);
}
