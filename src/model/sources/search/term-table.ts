/**
 * The dictionary of a source's word keys: key → id, in an open-addressing hash table read
 * straight from the folded text (ASCII words are lower-cased as they are hashed: no string is
 * made for a word already known). A source of a megabyte has some 170,000 words and 10,000
 * different keys: this is most of what building its index costs.
 */
import { keyOf, MAX_KEY } from './tokens.ts';

export class TermTable {
  /** Keys by id. */
  readonly keys: string[] = [];
  /** id + 1 per slot (0 = empty). */
  private slots = new Int32Array(1 << 12);
  /** Hash of each key (as a signed 32-bit integer), by id. */
  private hashes = new Int32Array(1 << 11);

  /** A table of these keys, ids in their order (as `keys` of a table built before). */
  static of(keys: readonly string[]): TermTable {
    const table = new TermTable();
    for (const key of keys) table.idOf(key);
    return table;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The id of a key (added when new). */
  idOf(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h |= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s] - 1;
      if (id < 0) return this.add(key, h, s);
      if (this.hashes[id] === h && this.keys[id] === key) return id;
    }
  }

  /** The id of the key of the word folded[from, to) (lower case, no diacritics, at most MAX_KEY units). */
  idOfWord(folded: string, from: number, to: number): number {
    const end = Math.min(to, from + MAX_KEY);
    let h = 0x811c9dc5;
    for (let i = from; i < end; i++) {
      let c = folded.charCodeAt(i);
      if (c >= 128) return this.idOf(keyOf(folded.slice(from, to)));
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h |= 0;
    const length = end - from;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s] - 1;
      if (id < 0) return this.add(folded.slice(from, end).toLowerCase(), h, s);
      if (this.hashes[id] !== h) continue;
      const key = this.keys[id];
      if (key.length !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) {
        let c = folded.charCodeAt(from + i);
        if (c >= 65 && c <= 90) c += 32;
        same = key.charCodeAt(i) === c;
      }
      if (same) return id;
    }
  }

  /** The id of a known key, or -1. */
  find(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h |= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s] - 1;
      if (id < 0) return -1;
      if (this.hashes[id] === h && this.keys[id] === key) return id;
    }
  }

  private add(key: string, hash: number, slot: number): number {
    const id = this.keys.length;
    this.keys.push(ownCopy(key));
    if (id === this.hashes.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    // At most half full.
    if (this.keys.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.keys.length; id++) {
      let s = this.hashes[id] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
  }
}

/**
 * A copy of `key` that holds no reference to the text it was cut from: the engine keeps a
 * long slice of a string as a view of the whole, which would keep every source's folded text
 * alive for a few long words.
 */
function ownCopy(key: string): string {
  if (key.length < 12) return key;
  let out = '';
  for (let i = 0; i < key.length; i += 1024) out += String.fromCharCode.apply(null, Array.from(key.slice(i, i + 1024), (c) => c.charCodeAt(0)));
  return out;
}
