/**
 * A table of the k-grams of a text at chosen positions: hash → positions, in compact typed
 * arrays (sorted pairs plus an open-addressing table of first indexes), so sources of many
 * megabytes index in a fraction of a second and a look-up costs a cache miss or two.
 */

/** Length of the k-grams at word starts. */
export const K = 12;

export function hashAt(text: string, at: number, k = K): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + k; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Sort (hash, position) pairs by hash with two 16-bit counting passes: linear time, no comparator. */
function radixSortPairs(hashes: Uint32Array, positions: Int32Array): void {
  const n = hashes.length;
  const h2 = new Uint32Array(n);
  const p2 = new Int32Array(n);
  const counts = new Int32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((hashes[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) counts[b + 1] += counts[b];
    for (let i = 0; i < n; i++) {
      const b = (hashes[i] >>> shift) & 0xffff;
      const to = counts[b]++;
      h2[to] = hashes[i];
      p2[to] = positions[i];
    }
    hashes.set(h2);
    positions.set(p2);
  }
}

const slotOf = (hash: number, mask: number) => (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;

export class KgramTable {
  private readonly hashes: Uint32Array;
  readonly positions: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** Index the k-gram (of length `k`) at every position `p` for which `keep(p)` is true. */
  constructor(text: string, keep: (p: number) => boolean, readonly k = K) {
    let count = 0;
    for (let p = 0; p + k <= text.length; p++) if (keep(p)) count++;
    this.hashes = new Uint32Array(count);
    this.positions = new Int32Array(count);
    let n = 0;
    for (let p = 0; p + k <= text.length; p++) {
      if (keep(p)) {
        this.hashes[n] = hashAt(text, p, k);
        this.positions[n++] = p;
      }
    }
    radixSortPairs(this.hashes, this.positions);
    let size = 1024;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < count; i++) {
      if (i > 0 && this.hashes[i] === this.hashes[i - 1]) continue;
      let slot = slotOf(this.hashes[i], this.mask);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i + 1;
    }
  }

  /** The range [start, end) of `positions` whose k-gram has this hash. */
  postings(hash: number): [number, number] {
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) return [0, 0];
      if (this.hashes[entry - 1] === hash) {
        let end = entry;
        while (end < this.hashes.length && this.hashes[end] === hash) end++;
        return [entry - 1, end];
      }
      slot = (slot + 1) & this.mask;
    }
  }
}
