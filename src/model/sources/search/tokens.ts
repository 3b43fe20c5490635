/**
 * Words of a folded text (see anchor/normalize.ts), as search matches them: runs of letters,
 * digits and combining marks; everything else separates words. Folding drops a dash with the
 * white space around it ("neces-⏎sary" → "necessary", "third-country" → "thirdcountry"), so a
 * run of word characters in which the original had a dash is split there again: "third" and
 * "country" are two words, joined (see `TokenStream.joined`), and the index also knows the
 * joined run as one word ("thirdcountry", so that "necessary" finds "neces-⏎sary").
 *
 * A word's key, what queries are compared with, is the word in lower case without diacritics
 * ("Québec" → "quebec"), cut to `MAX_KEY` units.
 */

/** Longer words are compared on their first MAX_KEY units (queries are cut the same way). */
export const MAX_KEY = 64;

const WORD = 1;
const OTHER = 2;
/** 0 = not yet classified; per UTF-16 unit (surrogates are decided per pair). */
const classes = new Uint8Array(65536);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function classOf(c: number): number {
  let k = classes[c];
  if (k === 0) {
    if (c < 128) k = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : OTHER;
    else k = WORD_CHAR.test(String.fromCharCode(c)) ? WORD : OTHER;
    classes[c] = k;
  }
  return k;
}

/** Width (1 or 2 units) of the word character at `i` of `s`, or 0 when it is not one. */
export function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
    return 0;
  }
  return classOf(c) === WORD ? 1 : 0;
}

/** 1 for ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = classOf(c) === WORD ? 1 : 0;

const MARKS = /\p{M}+/gu;

/** The key of a word (as it reads in the folded text): lower case, no diacritics, at most MAX_KEY units. */
export function keyOf(word: string): string {
  let key = word.toLowerCase();
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 128) {
      key = key.normalize('NFD').replace(MARKS, '').normalize('NFC');
      break;
    }
  }
  return key.length > MAX_KEY ? key.slice(0, MAX_KEY) : key;
}

/** Words of a folded text: offsets in the folded text, and whether each is joined to the one before. */
export interface TokenStream {
  count: number;
  /** Folded offset of each word's first unit. */
  starts: Int32Array;
  /** Folded offset one past each word's last unit. */
  ends: Int32Array;
  /** 1 where the word follows the one before with only a dropped dash (or other dropped characters) between. */
  joined: Uint8Array;
}

/**
 * The words of `folded`, a text folded by `foldWithOrigin`, whose `origin` maps each folded
 * unit to its offset in `original`. A run of word characters is split where folding dropped
 * characters of the original between two of its units (a dash, and any white space with it).
 */
export function tokenize(folded: string, origin: Int32Array, original: string): TokenStream {
  let capacity = Math.max(16, folded.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let joined = new Uint8Array(capacity);
  let n = 0;
  let inWord = false;
  /** Original offset of the previous folded unit. */
  let previous = -1;
  const length = folded.length;
  for (let i = 0; i < length; ) {
    const c = folded.charCodeAt(i);
    const width = c < 128 ? (ASCII_WORD[c] as number) : wordCharAt(folded, i);
    if (width === 0) {
      if (inWord) {
        ends[n - 1] = i;
        inWord = false;
      }
      i++;
      continue;
    }
    const o = origin[i];
    // A gap in the original inside a run of word characters: characters folding dropped.
    // (The next unit's origin is one more, the same for an NFKC expansion's units, two more
    // after a surrogate pair: only a larger step needs a look at the original.)
    let gap = false;
    if (inWord && o !== previous + 1 && o > previous) {
      const pc = original.charCodeAt(previous);
      gap = o > previous + (pc >= 0xd800 && pc <= 0xdbff ? 2 : 1);
    }
    if (!inWord || gap) {
      if (inWord) ends[n - 1] = i;
      if (n === capacity) {
        capacity *= 2;
        const s = new Int32Array(capacity);
        s.set(starts);
        starts = s;
        const e = new Int32Array(capacity);
        e.set(ends);
        ends = e;
        const j = new Uint8Array(capacity);
        j.set(joined);
        joined = j;
      }
      starts[n] = i;
      joined[n] = gap ? 1 : 0;
      n++;
      inWord = true;
    }
    previous = o;
    i += width;
  }
  if (inWord) ends[n - 1] = length;
  return { count: n, starts, ends, joined };
}
