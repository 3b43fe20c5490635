/**
 * Best approximate occurrence of a pattern inside a window of text: the substring of the
 * window with the fewest edits (insertions, deletions, substitutions) from the pattern.
 *
 * Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm for approximate string
 * matching based on dynamic programming", JACM 46(3), 1999), in Hyyrö's block form for
 * patterns longer than a word: each column of the edit-distance table is computed 32 rows at
 * a time, so a search costs ⌈pattern/32⌉ steps per window character, where the plain
 * table (Sellers' algorithm, used before) cost one step per pattern character — a 2,000
 * character quote in a 3,000 character window: 190,000 steps, not 6 million.
 *
 * The same algorithm as the `approx-string-match` package (Hypothesis), kept here because that
 * package finds the start of every best-scoring end (a reverse search for each): in a window
 * of repeated text that is hundreds of reverse searches, where one is needed.
 */

const W = 32;

interface Pattern {
  blocks: number;
  /** Bit masks of the pattern's positions holding each character, `blocks` words per character. */
  peq: Map<number, Uint32Array>;
  ascii: (Uint32Array | undefined)[];
  empty: Uint32Array;
  /** The bit of the pattern's last row in the last block. */
  lastBit: number;
}

function compile(pattern: string): Pattern {
  const blocks = Math.ceil(pattern.length / W);
  const peq = new Map<number, Uint32Array>();
  const ascii: (Uint32Array | undefined)[] = new Array(128);
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    let bits = peq.get(c);
    if (!bits) {
      bits = new Uint32Array(blocks);
      peq.set(c, bits);
      if (c < 128) ascii[c] = bits;
    }
    bits[(i / W) | 0] |= 1 << i % W;
  }
  return { blocks, peq, ascii, empty: new Uint32Array(blocks), lastBit: 1 << (pattern.length - 1) % W };
}

/**
 * The edit distance of the pattern to the best substring of `text` ending at each offset,
 * given to `visit(end, distance)` (end exclusive). The start is free: the top row is zero.
 */
function scan(p: Pattern, text: string, visit: (end: number, distance: number) => void, length: number): void {
  const { blocks, peq, ascii, empty, lastBit } = p;
  const pv = new Uint32Array(blocks).fill(0xffffffff);
  const mv = new Uint32Array(blocks);
  // Distance at the bottom row of each block (the pattern's first 32·(b+1) characters).
  const score = new Int32Array(blocks);
  for (let b = 0; b < blocks; b++) score[b] = Math.min(length, (b + 1) * W);
  const last = blocks - 1;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    const eqs = (c < 128 ? ascii[c] : peq.get(c)) ?? empty;
    let carry = 0;
    for (let b = 0; b < blocks; b++) {
      const rowBit = b === last ? lastBit : 0x80000000;
      let eq = eqs[b];
      const pvb = pv[b];
      const mvb = mv[b];
      const xv = eq | mvb;
      if (carry < 0) eq |= 1;
      const xh = ((((eq & pvb) + pvb) >>> 0) ^ pvb) | eq;
      let ph = mvb | ~(xh | pvb);
      let mh = pvb & xh;
      const out = ph & rowBit ? 1 : mh & rowBit ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      score[b] += out;
      carry = out;
    }
    visit(j + 1, score[last]);
  }
}

const reverse = (s: string) => Array.from(s).reverse().join('');

/** Steps a search of `pattern` in `window` costs (for the caller's work limit). */
export function matchCost(patternLength: number, windowLength: number): number {
  // Forward over the window, then backwards over about the pattern's length.
  return Math.ceil(patternLength / W) * (windowLength + patternLength);
}

/**
 * The substring of `window` closest to `pattern`: the leftmost end with the fewest edits, and
 * the start at that end that makes the match longest.
 */
export function bestApproximateMatch(pattern: string, window: string): { start: number; end: number; distance: number } {
  const m = pattern.length;
  if (m === 0 || window.length === 0) return { start: 0, end: 0, distance: m };
  let bestEnd = 0;
  let best = m;
  scan(compile(pattern), window, (end, d) => {
    if (d < best) {
      best = d;
      bestEnd = end;
    }
  }, m);
  if (best === m) return { start: 0, end: 0, distance: m };
  // The start: the same search backwards from the end, over at most m + best characters.
  const from = Math.max(0, bestEnd - m - best);
  const backwards = reverse(window.slice(from, bestEnd));
  // Surrogate pairs were reversed as pairs (Array.from): lengths in UTF-16 units stay the same.
  let longest = 0;
  scan(compile(reverse(pattern)), backwards, (end, d) => {
    if (d === best) longest = end;
  }, m);
  return { start: bestEnd - longest, end: bestEnd, distance: best };
}
