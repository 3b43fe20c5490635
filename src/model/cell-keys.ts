import { cellKey } from './types.ts';

/**
 * One string object per cell key. A string caches its hash once it is hashed, so every map
 * keyed by the same key object hashes it once; a key made anew for each map is built and
 * hashed again each time (100,000 cells). (The check tells cells apart by pair id instead:
 * see pair-ids.ts.)
 */
export class CellKeys {
  private readonly byDimension = new Map<string, Map<string, string>>();

  of(dimension: string, jurisdiction: string): string {
    let keys = this.byDimension.get(dimension);
    if (!keys) this.byDimension.set(dimension, (keys = new Map()));
    let key = keys.get(jurisdiction);
    if (key === undefined) keys.set(jurisdiction, (key = cellKey(dimension, jurisdiction)));
    return key;
  }
}
