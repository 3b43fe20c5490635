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
 * "force-\nsupport" and "force-support"), except between two digits, where it is one "-"
 * ("2001 – 2005" and "2001-2005" are equal, "20012005" is not), and before a digit where no
 * letter or digit comes just before it, where it is a minus sign, one "-" with the space
 * before it kept ("fell to −5", "fell to -5" and "fell to\n-5" are equal, "fell to 5" is not;
 * "(-5)" is not "(5)"); curly quotes → straight;
 * canonically equivalent text is one text (Unicode NFC: "cafe\u0301" is "café"); the
 * typographic ligatures (ﬁ, ﬂ, …) and the ellipsis are spelt out. Nothing else is folded:
 * compatibility look-alikes (fullwidth Ｍ, mathematical 𝐌, superscript ², circled ①) stay
 * themselves, so a quote never reads at a passage that only looks like it.
 */

import { readsAsPrintedLines } from './printed-lines.ts';

const SPACE = 32;
const HYPHEN = 45;

// Character classes, looked up per UTF-16 unit (sources run to megabytes: no per-char calls).
const KEEP = 1;
const WHITE = 2;
const DASH = 3;
const DROP = 4;
const MAP = 5; // replaced by one unit (curly quotes)
const EXPAND = 6; // replaced by something else (NFC, or a ligature spelt out): see `expansions`
const SURROGATE = 7;
const MARK = 8; // a combining character: composed with the character before it (NFC)

const classes = new Uint8Array(65536); // 0 = not yet classified
const mapped = new Uint16Array(65536);
const expansions = new Map<number, string>();
/** 0 = not yet known, 1 = not a decimal digit, 2 = a decimal digit. */
const digits = new Uint8Array(65536);
/** 0 = not yet known, 1 = not part of a word, 2 = a letter, a digit or a mark. */
const wordUnits = new Uint8Array(65536);

/**
 * The compatibility characters print extraction produces in running text, spelt out: Latin
 * ligatures and the ellipsis. Every other compatibility character is kept as it is (see above).
 */
const TYPOGRAPHIC: Record<number, string> = {
  0xfb00: 'ff', 0xfb01: 'fi', 0xfb02: 'fl', 0xfb03: 'ffi', 0xfb04: 'ffl', 0xfb05: 'st', 0xfb06: 'st', 0x2026: '...',
};

const MARK_PATTERN = /^\p{M}$/u;

/** Conjoining Hangul vowels and final consonants compose with the syllable before them, as marks do. */
const isJamoTail = (c: number) => (c >= 0x1161 && c <= 0x1175) || (c >= 0x11a8 && c <= 0x11c2);

function classify(c: number): number {
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) return WHITE;
  if (c === 45 || c === 0xad || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return DASH;
  if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff) return DROP;
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032 || c === 0x02bc) {
    mapped[c] = 39;
    return MAP;
  }
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033) {
    mapped[c] = 34;
    return MAP;
  }
  if (c < 128) return KEEP;
  if (c >= 0xd800 && c <= 0xdfff) return SURROGATE;
  const typographic = TYPOGRAPHIC[c];
  if (typographic !== undefined) {
    expansions.set(c, typographic);
    return EXPAND;
  }
  const ch = String.fromCharCode(c);
  if (MARK_PATTERN.test(ch) || isJamoTail(c)) return MARK;
  const folded = ch.normalize('NFC');
  if (folded === ch) return KEEP;
  expansions.set(c, folded);
  return EXPAND;
}

// ASCII classified at once: `fold` copies printable ASCII without looking its class up, and
// the composing of combining characters reads the class of the unit before them.
for (let c = 0; c < 128; c++) classes[c] = classify(c);

function classOf(c: number): number {
  return classes[c] || (classes[c] = classify(c));
}

/** Whether a UTF-16 unit is a decimal digit (any script's). */
function isDigit(c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  return (digits[c] || (digits[c] = /^\p{Nd}$/u.test(String.fromCharCode(c)) ? 2 : 1)) === 2;
}

/**
 * Whether a UTF-16 unit is part of a word (a letter, a digit, a mark; either half of a
 * surrogate pair, most of which are letters): a dash right after one joins or breaks a word,
 * a dash after anything else (a space, a bracket, the start) before a digit is a minus sign.
 */
function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return (wordUnits[c] || (wordUnits[c] = /^[\p{L}\p{N}\p{M}]$/u.test(String.fromCharCode(c)) ? 2 : 1)) === 2;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The width (1 or 2 units) of the combining character at `i` of `s`, or 0 when there is none. */
function markAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x300) return 0;
  if (c < 0xd800 || c > 0xdfff) return classOf(c) === MARK ? 1 : 0;
  if (c > 0xdbff || i + 1 >= s.length) return 0;
  return MARK_PATTERN.test(s.slice(i, i + 2)) ? 2 : 0;
}

/** The end of the run of combining characters that starts at `i` of `s`. */
function marksEnd(s: string, i: number): number {
  for (let w = markAt(s, i); w > 0; w = markAt(s, i)) i += w;
  return i;
}

/** Where a range of `s` that ends at `end` ends once the combining characters after it are taken in (a character is never split from its accents). */
export function afterMarks(s: string, end: number): number {
  return end < s.length && s.charCodeAt(end) >= 0x300 ? marksEnd(s, end) : end;
}

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each folded character, the offset of the original character it came from. */
  origin: Int32Array;
  /**
   * Whether every unit of the original is below U+0100 (Latin-1: no combining character, no
   * surrogate), so that a folded range maps back with `origin` alone (see `SourceIndex.toOriginal`).
   */
  narrow?: boolean;
}

interface Folded {
  codes: Uint16Array;
  length: number;
  origin: Int32Array | null;
  /** Whether a surrogate was met (then the codes may not be valid UTF-16). */
  surrogates: boolean;
  /** Whether every code is ASCII (then the text can be a one-byte string: half the memory). */
  ascii: boolean;
  /** Whether every unit of the input is below U+0100. */
  narrow: boolean;
}

/**
 * The output of `fold` while it is written: its arrays (grown when an expansion needs room)
 * and how many units are written. The rare characters (combining characters, expansions,
 * surrogate pairs) are written through it; the common ones in `fold`'s own loop, whose state
 * stays in local variables.
 */
interface FoldOutput {
  codes: Uint16Array;
  origin: Int32Array;
  n: number;
  bits: number;
}

/** Room in `out` for `more` units beyond one per remaining input unit. */
function reserve(out: FoldOutput, more: number, remaining: number): void {
  const needed = out.n + more + remaining + 16;
  if (needed <= out.codes.length) return;
  const size = Math.max(out.codes.length * 2, needed);
  const codes = new Uint16Array(size);
  codes.set(out.codes.subarray(0, out.n));
  out.codes = codes;
  const origin = new Int32Array(size);
  origin.set(out.origin.subarray(0, out.n));
  out.origin = origin;
}

/** Write `folded` (already NFC: the units of one character, or a composed run) for input offset `at`. */
function write(out: FoldOutput, folded: string, at: number): void {
  const { codes, origin } = out;
  let n = out.n;
  let bits = out.bits;
  for (let k = 0; k < folded.length; k++) {
    const fc = folded.charCodeAt(k);
    const fcls = classOf(fc);
    if (fcls === EXPAND) {
      // A ligature in a composed run: spelt out (its expansion is final).
      const e = expansions.get(fc)!;
      for (let m = 0; m < e.length; m++, n++) {
        codes[n] = e.charCodeAt(m);
        origin[n] = at;
      }
      continue;
    }
    if (fcls === WHITE) {
      if (n > 0 && codes[n - 1] === SPACE) continue;
      codes[n] = SPACE;
    } else codes[n] = fcls === MAP ? mapped[fc] : fc;
    bits |= codes[n];
    origin[n] = at;
    n++;
  }
  out.n = n;
  out.bits = bits;
}

/**
 * Fold `input` into UTF-16 code units. One tight loop over the input (sources run to many
 * megabytes): the arrays are sized so that kept, mapped and white-space characters (at most
 * one unit each) never overflow; only expansions can, and they grow the arrays. Printable
 * ASCII other than the hyphen, most of any source, is copied with one comparison; the loop's
 * state is in local variables (the rare characters are written by `write`, through a
 * `FoldOutput`), so the engine keeps it in registers.
 *
 * A dash run (dashes and the white space around them) is held until the next kept character:
 * it becomes "-" when a digit is on both sides, " -" or "-" (a minus sign, with the space
 * before the run if there was one) when a digit follows and no letter or digit is just before
 * it, else nothing. A run of combining characters
 * is composed (NFC) with the character before it, when they touch in the input.
 *
 * `origin` is always made (a query's is small): the loop need not ask whether to write it.
 */
function fold(input: string, withOrigin: boolean, asciiFastPath = true): Folded {
  const length = input.length;
  let codes: Uint16Array = new Uint16Array(length + 16);
  let origin: Int32Array = new Int32Array(length + 16);
  let n = 0;
  let afterDash = false;
  /** The first dash of the pending dash run, and whether a digit came before the run. */
  let dashAt = 0;
  let dashAfterDigit = false;
  /** Whether a letter or digit came just before the pending dash run (else, before a digit, it is a minus sign). */
  let dashAfterWord = false;
  /** Where the space dropped before the pending dash run came from (-1: none). */
  let spaceBeforeDash = -1;
  /** The last character written other than a kept or mapped one (those are one unit, at i - 1): where it starts in the input, where its units start in `codes`, and where it ends in the input. */
  let lastStart = 0;
  let lastN = 0;
  let lastEnd = -1;
  let surrogates = false;
  let bits = 0;
  /** The bits of every input unit that is not printable ASCII (those are below 0x80). */
  let inputBits = 0;
  const out: FoldOutput = { codes, origin, n, bits };
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    // Most characters: printable ASCII other than the hyphen, kept as they are.
    if (c > SPACE && c < 127 && c !== HYPHEN && !afterDash && asciiFastPath) {
      codes[n] = c;
      origin[n] = i;
      n++;
      continue;
    }
    inputBits |= c;
    const cls = classes[c] || (classes[c] = classify(c));
    if (cls === KEEP || cls === MAP) {
      if (afterDash) {
        afterDash = false;
        if (isDigit(c) && (dashAfterDigit || !dashAfterWord)) {
          // A dash between digits stays: "2001-2005" is not "20012005". A minus sign stays,
          // with the space before it: "by -5" is not "by 5", nor "(-5)" "(5)".
          if (!dashAfterDigit && spaceBeforeDash >= 0) {
            codes[n] = SPACE;
            origin[n] = spaceBeforeDash;
            n++;
          }
          codes[n] = HYPHEN;
          origin[n] = dashAt;
          n++;
        }
      }
      const code = cls === KEEP ? c : mapped[c];
      bits |= code;
      codes[n] = code;
      origin[n] = i;
      n++;
    } else if (cls === WHITE) {
      if (!afterDash && n > 0 && codes[n - 1] !== SPACE) {
        codes[n] = SPACE;
        origin[n] = i;
        n++;
      }
    } else if (cls === DASH) {
      if (!afterDash) {
        spaceBeforeDash = -1;
        if (n > 0 && codes[n - 1] === SPACE) {
          n--;
          spaceBeforeDash = origin[n];
        }
        afterDash = true;
        dashAt = i;
        dashAfterDigit = n > 0 && isDigit(codes[n - 1]);
        dashAfterWord = spaceBeforeDash < 0 && n > 0 && isWordUnit(codes[n - 1]);
      }
    } else if (cls !== DROP) {
      bits |= 0x80;
      afterDash = false;
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < length && isLow(input.charCodeAt(i + 1));
      if (cls === SURROGATE) surrogates = true;
      out.codes = codes;
      out.origin = origin;
      out.bits = bits;
      if (cls === MARK || (wide && markAt(input, i) === 2)) {
        // Combining characters: composed with the character they follow (NFC), or, after
        // white space or a dash, kept in canonical order.
        const end = marksEnd(input, i);
        // The character they follow: a kept or mapped one just before (one unit, the last
        // written), or a longer one whose place was noted; none after white space or a dash.
        const before = i > 0 ? classOf(input.charCodeAt(i - 1)) : 0;
        const composes = before === KEEP || before === MAP || lastEnd === i;
        const from = before === KEEP || before === MAP ? i - 1 : lastEnd === i ? lastStart : i;
        if (composes) n = before === KEEP || before === MAP ? n - 1 : lastN;
        const folded = input.slice(from, end).normalize('NFC');
        out.n = n;
        reserve(out, 3 * folded.length, length - end);
        lastStart = from;
        lastN = n;
        lastEnd = end;
        write(out, folded, from);
        i = end - 1;
      } else {
        // EXPAND, or a surrogate pair folded as one character.
        const folded = wide ? input.slice(i, i + 2).normalize('NFC') : (expansions.get(c) ?? input[i]);
        out.n = n;
        reserve(out, 3 * folded.length, length - i);
        lastStart = i;
        lastN = n;
        write(out, folded, i);
        if (wide) i++;
        lastEnd = i + 1;
      }
      ({ codes, origin, n, bits } = out);
    }
  }
  return { codes, length: n, origin: withOrigin ? origin : null, surrogates, ascii: (bits & 0xff80) === 0, narrow: (inputBits & 0xff00) === 0 };
}

/** A UTF-16 decoder for typed arrays of this platform's byte order, or null. */
let utf16: TextDecoder | undefined | null;
let utf8: TextDecoder | undefined;

function utf16Decoder(): TextDecoder | null {
  if (utf16 === undefined) {
    try {
      const littleEndian = new Uint8Array(new Uint16Array([0x0102]).buffer)[0] === 0x02;
      utf16 = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be');
    } catch {
      utf16 = null;
    }
  }
  return utf16;
}

function decode(folded: Folded): string {
  const { codes, length } = folded;
  // Long texts: one native decode. ASCII through bytes (a one-byte string); otherwise as
  // UTF-16 when there is no surrogate (a decoder would replace a lone one).
  if (length > 4096 && folded.ascii && typeof TextDecoder === 'function') {
    const bytes = new Uint8Array(length);
    bytes.set(codes.subarray(0, length));
    return (utf8 ??= new TextDecoder()).decode(bytes);
  }
  const decoder = !folded.surrogates && length > 4096 ? utf16Decoder() : null;
  if (decoder) return decoder.decode(codes.subarray(0, length));
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** Any unit from U+0100 on (for a text the engine holds a byte a unit, the answer is at once: none). */
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * `fold` (with its map back) for a text whose every unit is below U+0100: most sources in
 * English and the languages of western Europe. Below U+0100 there are only kept characters,
 * white space and dashes (no combining character, expansion, mapped quote or surrogate), so
 * the loop handles those three alone and writes a byte a unit; ASCII output is decoded from
 * those bytes as they are. Null when a unit of another class turns up (then `fold` folds the
 * text).
 *
 * Its white space and dash handling repeats `fold`'s on purpose: the state lives in the loop's
 * local variables (a shared helper would take it out of them, and this loop is most of an
 * index's build); tests/unit/anchor-fast-paths.test.ts holds the two to the same output.
 */
function foldLatin1(input: string): FoldedText | null {
  const length = input.length;
  const codes = new Uint8Array(length + 16);
  const origin = new Int32Array(length + 16);
  let n = 0;
  // The dash run held until the next kept character, as in `fold`.
  let afterDash = false;
  let dashAt = 0;
  let dashAfterDigit = false;
  let dashAfterWord = false;
  let spaceBeforeDash = -1;
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const c = input.charCodeAt(i);
    if (c > SPACE && c < 127 && c !== HYPHEN && !afterDash) {
      codes[n] = c;
      origin[n] = i;
      n++;
      continue;
    }
    const cls = classes[c] || (classes[c] = classify(c));
    if (cls === KEEP) {
      if (afterDash) {
        afterDash = false;
        if (isDigit(c) && (dashAfterDigit || !dashAfterWord)) {
          if (!dashAfterDigit && spaceBeforeDash >= 0) {
            codes[n] = SPACE;
            origin[n] = spaceBeforeDash;
            n++;
          }
          codes[n] = HYPHEN;
          origin[n] = dashAt;
          n++;
        }
      }
      bits |= c;
      codes[n] = c;
      origin[n] = i;
      n++;
    } else if (cls === WHITE) {
      if (!afterDash && n > 0 && codes[n - 1] !== SPACE) {
        codes[n] = SPACE;
        origin[n] = i;
        n++;
      }
    } else if (cls === DASH) {
      if (!afterDash) {
        spaceBeforeDash = -1;
        if (n > 0 && codes[n - 1] === SPACE) {
          n--;
          spaceBeforeDash = origin[n];
        }
        afterDash = true;
        dashAt = i;
        dashAfterDigit = n > 0 && isDigit(codes[n - 1]);
        dashAfterWord = spaceBeforeDash < 0 && n > 0 && isWordUnit(codes[n - 1]);
      }
    } else return null;
  }
  const bytes = codes.subarray(0, n);
  const text = (bits & 0x80) === 0 && typeof TextDecoder === 'function'
    ? (utf8 ??= new TextDecoder()).decode(bytes)
    : decode({ codes: new Uint16Array(bytes), length: n, origin: null, surrogates: false, ascii: false, narrow: true });
  return { text, origin: origin.subarray(0, n), narrow: true };
}

/** Fold a source text, keeping the map back to original offsets. */
export function foldWithOrigin(input: string): FoldedText {
  const latin1 = BEYOND_LATIN1.test(input) ? null : foldLatin1(input);
  if (latin1) return latin1;
  const folded = fold(input, true);
  return { text: decode(folded), origin: folded.origin!.subarray(0, folded.length), narrow: folded.narrow };
}

/**
 * `foldWithOrigin` with every unit read through its class, printable ASCII too, and a text
 * below U+0100 folded as any other (no fast path): for tests, which compare the two on random
 * texts.
 */
export function foldWithOriginByClass(input: string): FoldedText {
  const folded = fold(input, true, false);
  return { text: decode(folded), origin: folded.origin!.subarray(0, folded.length), narrow: folded.narrow };
}

/** True when folding would not change the text (the common case for typed quotes). */
function alreadyFolded(input: string): boolean {
  const n = input.length;
  if (n === 0 || input.charCodeAt(0) === SPACE || input.charCodeAt(n - 1) === SPACE) return false;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    // Printable ASCII other than space and hyphen is kept as it is.
    if (c > SPACE && c < 127 && c !== 45) {
      previousSpace = false;
      continue;
    }
    if (c === SPACE) {
      if (previousSpace) return false;
      previousSpace = true;
    } else {
      if (classOf(c) !== KEEP) return false;
      previousSpace = false;
    }
  }
  return true;
}

/** Fold a quote, prefix or suffix; leading and trailing white space are dropped. */
export function foldQuery(input: string): string {
  if (input === '' || alreadyFolded(input)) return input;
  const folded = fold(input, false);
  const { codes } = folded;
  let start = 0;
  let end = folded.length;
  while (start < end && codes[start] === SPACE) start++;
  while (end > start && codes[end - 1] === SPACE) end--;
  return decode({ ...folded, codes: codes.subarray(start, end), length: end - start });
}

/**
 * Whether `text` from `start` to `end`, folded, is `q` (a query folded by `foldQuery`):
 * `foldQuery(text.slice(start, end)) === q`, without slicing or folding into a new string.
 * Checks a position hint (a citation's start and end) in about the quote's length.
 *
 * Folding as `fold` does, one unit at a time: a white space run is held as a pending space,
 * written only before the next kept character (a dash drops it, and nothing is written at
 * the start or the end: `foldQuery` trims).
 */
export function foldsTo(text: string, start: number, end: number, q: string): boolean {
  const r = foldCompare(text, start, end, q);
  return r === SLOW ? foldQuery(text.slice(start, end)) === q : r !== MISMATCH;
}

/**
 * Whether `quote` (as typed: not folded) reads at [start, end) of `text` once both are folded:
 * `foldsTo(text, start, end, foldQuery(quote))`, but most quotes are compared as they are,
 * without a pass to fold them first.
 */
export function readsAt(text: string, start: number, end: number, quote: string): boolean {
  if (quote === '') return false;
  // Most quotes are copied from print: compared a line at a time, natively, first.
  if (readsAsPrintedLines(text, start, end, quote) || readsAsPrinted(text, start, end, quote)) return true;
  const raw = foldCompare(text, start, end, quote);
  // The range folds to the quote itself, and with no expansion that is a folded text
  // (kept characters and single inner spaces): the quote is folded already.
  if (raw === PLAIN_MATCH) return true;
  const q = foldQuery(quote);
  if (q === '' || (q === quote && raw === MISMATCH)) return false;
  return foldsTo(text, start, end, q);
}

const isBlank = (c: number) => c === SPACE || c === 9 || c === 10 || c === 13;

/** The first offset at or after `i` (before `end`) that is not a blank. */
function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether `quote` is [start, end) of `text` as printed, each run of white space (a line
 * break with the blanks around it) read as one space, and a hyphen that ends a line read
 * with or without the hyphen ("exam-⏎ple" as "exam-ple" or "example"): how quotes are copied
 * from a source with hard line breaks. Folding cannot tell these apart (a run of white space
 * folds to one space; a dash is dropped, and white space next to it), so then both fold alike,
 * and the quote reads there. Two units compared per character, with no class look-up: a few
 * times faster than `foldCompare`, which decides every other quote.
 */
function readsAsPrinted(text: string, start: number, end: number, quote: string): boolean {
  // Folds to something: an ASCII letter or digit first (an all-dash quote folds to nothing).
  const first = text.charCodeAt(start);
  if (!((first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return false;
  let k = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === quote.charCodeAt(k)) {
      i++;
      k++;
      continue;
    }
    if (isBlank(c)) {
      // More white space after a space or a hyphen read already: nothing more in the quote.
      const before = text.charCodeAt(i - 1);
      if (before === 45 || (isBlank(before) && quote.charCodeAt(k - 1) === SPACE)) i++;
      // White space where the quote has a space: the whole run is that space.
      else if (quote.charCodeAt(k) === SPACE) {
        k++;
        i++;
      } else return false;
    } else if (c === 45 && isBlank(text.charCodeAt(i + 1)) && classOf(text.charCodeAt(i - 1)) !== WHITE) {
      // A hyphen ending a word before white space (a line's end), not in the quote: it and the
      // run read as nothing. (After white space, a dash would also drop the space before it.)
      const before = text.charCodeAt(i - 1);
      i = skipBlanks(text, i + 1, end);
      // Between digits the dash stays ("2001-⏎2005" is not "20012005"), and so does a minus
      // sign ("(-⏎5)" is not "(5)"): folding decides.
      if (i < end && (isDigit(before) || !isWordUnit(before)) && isDigit(text.charCodeAt(i))) return false;
      // Any white space after the run is dropped with it too: folding decides.
      if (i < end && classOf(text.charCodeAt(i)) === WHITE) return false;
    } else return false;
  }
  return k === quote.length;
}

const MISMATCH = 0;
const PLAIN_MATCH = 1;
const EXPANDED_MATCH = 2;
/** Not decided here (combining characters compose across units): fold the range and compare. */
const SLOW = 3;

/**
 * A mismatch at unit `i`, unless a combining character follows it in the range: it composes
 * with the unit (a decomposed "é" compared with a composed one), and the range's fold decides.
 */
function miss(text: string, i: number, end: number): number {
  const next = isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  return next < end && markAt(text, next) > 0 ? SLOW : MISMATCH;
}

/**
 * `foldsTo`, telling apart a match where an expansion was met (see `readsAt`). Folds the
 * range as `fold` does, one unit at a time, comparing as it goes: a white space run is held as
 * a pending space, written only before the next kept character (a dash drops it, and nothing
 * is written at the start or the end: `foldQuery` trims); a dash run is held until the next
 * kept character, which decides whether it is a "-" (digits on both sides) or nothing.
 */
function foldCompare(text: string, start: number, end: number, q: string): number {
  const n = q.length;
  let expanded = false;
  let k = 0;
  let pending = false;
  let afterDash = false;
  let dashAfterDigit = false;
  let dashAfterWord = false;
  let spaceBeforeDash = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // Most characters: printable ASCII other than space and hyphen, kept as they are.
    if (c > SPACE && c < 127 && c !== 45 && !pending && !afterDash) {
      if (q.charCodeAt(k) !== c) return miss(text, i, end);
      k++;
      continue;
    }
    const cls = classes[c] || (classes[c] = classify(c));
    if (cls === KEEP || cls === MAP) {
      const code = cls === KEEP ? c : mapped[c];
      if (afterDash) {
        afterDash = false;
        if (isDigit(code) && (dashAfterDigit || !dashAfterWord)) {
          // A dash between digits, or a minus sign (with the space before it): see `fold`.
          if (!dashAfterDigit && spaceBeforeDash && q.charCodeAt(k++) !== SPACE) return miss(text, i, end);
          if (q.charCodeAt(k++) !== HYPHEN) return miss(text, i, end);
        }
      }
      if (pending) {
        if (q.charCodeAt(k++) !== SPACE) return miss(text, i, end);
        pending = false;
      }
      if (k >= n || q.charCodeAt(k++) !== code) return miss(text, i, end);
    } else if (cls === WHITE) {
      if (!afterDash && k > 0) pending = true;
    } else if (cls === DASH) {
      if (!afterDash) {
        spaceBeforeDash = pending;
        pending = false;
        afterDash = true;
        dashAfterDigit = k > 0 && isDigit(q.charCodeAt(k - 1));
        dashAfterWord = !spaceBeforeDash && k > 0 && isWordUnit(q.charCodeAt(k - 1));
      }
    } else if (cls !== DROP) {
      if (cls === MARK || markAt(text, i) > 0) return SLOW;
      afterDash = false;
      expanded = true;
      const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLow(text.charCodeAt(i + 1));
      const folded = wide ? text.slice(i, i + 2).normalize('NFC') : (expansions.get(c) ?? text[i]);
      for (let m = 0; m < folded.length; m++) {
        const fc = folded.charCodeAt(m);
        const fcls = classOf(fc);
        if (fcls === WHITE) {
          if (k > 0) pending = true;
          continue;
        }
        if (pending) {
          if (q.charCodeAt(k++) !== SPACE) return miss(text, i, end);
          pending = false;
        }
        if (k >= n || q.charCodeAt(k++) !== (fcls === MAP ? mapped[fc] : fc)) return miss(text, i, end);
      }
      if (wide) i++;
    }
  }
  return k !== n ? MISMATCH : expanded ? EXPANDED_MATCH : PLAIN_MATCH;
}
