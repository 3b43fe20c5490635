/**
 * A citation's (cell, seq) as a number, to find repeats among 200,000 citations without a
 * string or a map entry per citation.
 */

/** Seqs per cell that a citation key tells apart by number. */
const SMALL_SEQS = 64;

/** A number for the (cell, seq) of a citation whose pair id is `pair` (see PairIds): pair × 64 + seq, or -1 when that would not be one to one (then compare by key string). */
export function citationKey(pair: number, seq: number): number {
  return pair >= 0 && Number.isInteger(seq) && seq >= 0 && seq < SMALL_SEQS ? pair * SMALL_SEQS + seq : -1;
}

/** Whether `keys` holds only numbers (no -1), none of them twice. */
export function distinctKeys(keys: Float64Array): boolean {
  let largest = -1;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] < 0) return false;
    if (keys[i] > largest) largest = keys[i];
  }
  // A bit per possible key (a megabyte for 8 million keys), else a set.
  const bits = largest < 1 << 27 ? new Uint8Array((largest >> 3) + 1) : undefined;
  const seen = bits ? undefined : new Set<number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (bits) {
      const mask = 1 << (key & 7);
      if (bits[key >> 3] & mask) return false;
      bits[key >> 3] |= mask;
    } else {
      if (seen!.has(key)) return false;
      seen!.add(key);
    }
  }
  return true;
}
