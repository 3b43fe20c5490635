/**
 * A table of the k-grams of a text at chosen positions: hash → positions, in compact typed
 * arrays (pairs sorted by hash plus a directory indexed by the hash's top bits), so sources
 * of many megabytes index in a fraction of a second and a look-up costs a cache miss or two.
 * The arrays are plain typed arrays: a table built in a worker can be handed over (see
 * `KgramTable.fromParts`) without building it again.
 */

/** Length of the k-grams at word starts. */
export const K = 12;

/** FNV-1a over `k` UTF-16 units, then a final mix so that the top bits are well spread. */
export function hashAt(text: string, at: number, k = K): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + k; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Sort (hash, position) pairs by hash with two 16-bit counting passes: linear time, no
 * comparator. The first pass writes into scratch arrays and the second back into the given
 * ones (no copy between passes).
 */
function radixSortPairs(hashes: Uint32Array, positions: Int32Array): void {
  const n = hashes.length;
  const h2 = new Uint32Array(n);
  const p2 = new Int32Array(n);
  const counts = new Int32Array(65537);
  countingPass(hashes, positions, h2, p2, 0, counts);
  countingPass(h2, p2, hashes, positions, 16, counts);
}

/** One stable counting pass on 16 bits of the hashes (from `shift`), from one pair of arrays into the other. */
function countingPass(fromHashes: Uint32Array, fromPositions: Int32Array, toHashes: Uint32Array, toPositions: Int32Array, shift: number, counts: Int32Array): void {
  const n = fromHashes.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[((fromHashes[i] >>> shift) & 0xffff) + 1]++;
  for (let b = 0; b < 65536; b++) counts[b + 1] += counts[b];
  for (let i = 0; i < n; i++) {
    const h = fromHashes[i];
    const to = counts[(h >>> shift) & 0xffff]++;
    toHashes[to] = h;
    toPositions[to] = fromPositions[i];
  }
}

/** Positions of every word start (offset 0, or after a space) with a full k-gram after it. */
export function wordStarts(text: string, k = K): Int32Array {
  const last = text.length - k;
  if (last < 0) return new Int32Array(0);
  // Native scans from space to space, in one pass: into a buffer for a word start every 4
  // units, grown if the words are shorter, then cut to size.
  let out = new Int32Array((last >> 2) + 2);
  let n = 1;
  for (let p = text.indexOf(' '); p >= 0 && p < last; p = text.indexOf(' ', p + 1)) {
    if (n === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = p + 1;
  }
  return out.slice(0, n);
}

/** Every `step`-th position (0, step, 2·step, …) with a full k-gram after it. */
export function everyNth(text: string, step: number, k: number): Int32Array {
  const last = text.length - k;
  if (last < 0) return new Int32Array(0);
  const out = new Int32Array(Math.floor(last / step) + 1);
  for (let i = 0; i < out.length; i++) out[i] = i * step;
  return out;
}

/** The arrays of a table, for handing it to another thread. */
export interface KgramTableParts {
  k: number;
  hashes: Uint32Array;
  positions: Int32Array;
  directory: Int32Array;
  shift: number;
}

export class KgramTable {
  readonly k: number;
  private readonly hashes: Uint32Array;
  readonly positions: Int32Array;
  /** directory[b] = first index whose hash has top bits b; directory[b + 1] ends the bucket. */
  private readonly directory: Int32Array;
  private readonly shift: number;
  /** Range of the last look-up (`count`): positions[lo] … positions[hi - 1]. */
  lo = 0;
  hi = 0;

  /** A table from the arrays of `parts()` (e.g. posted by a worker). */
  constructor(parts: KgramTableParts) {
    this.k = parts.k;
    this.hashes = parts.hashes;
    this.positions = parts.positions;
    this.directory = parts.directory;
    this.shift = parts.shift;
  }

  /** Index the k-gram (of length `k`) at each of `positions` (an array the table keeps, reordered). */
  static build(text: string, positions: Int32Array, k = K): KgramTable {
    const count = positions.length;
    const hashes = new Uint32Array(count);
    for (let i = 0; i < count; i++) hashes[i] = hashAt(text, positions[i], k);
    radixSortPairs(hashes, positions);
    let bits = 10;
    while (1 << bits < count / 4 && bits < 24) bits++;
    const shift = 32 - bits;
    const directory = new Int32Array((1 << bits) + 1);
    for (let i = 0; i < count; i++) directory[(hashes[i] >>> shift) + 1]++;
    for (let b = 0; b < 1 << bits; b++) directory[b + 1] += directory[b];
    return new KgramTable({ k, hashes, positions, directory, shift });
  }

  parts(): KgramTableParts {
    return { k: this.k, hashes: this.hashes, positions: this.positions, directory: this.directory, shift: this.shift };
  }

  /** How many positions have a k-gram with this hash; sets `lo` and `hi` to their range. */
  count(hash: number): number {
    const b = hash >>> this.shift;
    const end = this.directory[b + 1];
    const hashes = this.hashes;
    let i = this.directory[b];
    let j: number;
    if (end - i <= 16) {
      // Most buckets hold a few hashes: scanned.
      while (i < end && hashes[i] < hash) i++;
      j = i;
      while (j < end && hashes[j] === hash) j++;
    } else {
      // A k-gram repeated thousands of times (a repetitive source) fills its bucket: halved,
      // so that a look-up never costs the number of its places.
      let hi = end;
      while (i < hi) {
        const mid = (i + hi) >>> 1;
        if (hashes[mid] < hash) i = mid + 1;
        else hi = mid;
      }
      j = i;
      hi = end;
      while (j < hi) {
        const mid = (j + hi) >>> 1;
        if (hashes[mid] <= hash) j = mid + 1;
        else hi = mid;
      }
    }
    this.lo = i;
    this.hi = j;
    return j - i;
  }

  /** The range [start, end) of `positions` whose k-gram has this hash. */
  postings(hash: number): [number, number] {
    this.count(hash);
    return [this.lo, this.hi];
  }
}
