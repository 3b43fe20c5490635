/**
 * Codes of distinct strings (0, 1, 2… in the order added), looked up by a span of a text
 * (`text`, `from`, `to`) without making a string of it: an open-addressing table of codes by
 * a hash of the characters, each candidate compared in place. A dataset's reader and its row
 * citations look up tens of thousands of values among a few hundred; a `Map` would first need
 * each value sliced out as a string of its own (one allocation each, and its hash computed
 * again), where the caller here has the hash already from the pass that found the span.
 */

/** FNV-1a over UTF-16 code units: `hashStep` from `HASH_START`, one character at a time. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (h: number, code: number): number => Math.imul(h ^ code, 16777619);

/** The hash of `text` from `from` to `to` (as `hashStep` gives it character by character). */
export function spanHash(text: string, from: number, to: number): number {
  let h = HASH_START;
  for (let i = from; i < to; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

export class SpanCodes {
  /**
   * One table kept for the life of the page. The engine keeps the layout of a class's objects
   * only while some object has it, and drops the code compiled for that layout with it:
   * without this one, every table collected (a dataset read again, a new release loaded) would
   * take the compiled `find` with it, and the next reading would run uncompiled until
   * compiled again (twice as slow, in the bench).
   */
  static readonly kept = new SpanCodes(['']);

  /** The strings, by code. */
  readonly strings: string[];
  private readonly hashes: number[] = [];
  /** Code + 1 by slot (0: empty); its size a power of two, at most half full. */
  private slots = new Int32Array(16);

  constructor(strings: readonly string[] = []) {
    this.strings = [];
    for (const s of strings) if (this.code(s) < 0) this.add(s);
  }

  get size(): number {
    return this.strings.length;
  }

  /** The code of the span `text[from, to)` whose hash is `hash` (spanHash); -1 when it was never added. */
  find(text: string, from: number, to: number, hash: number): number {
    const { slots, strings, hashes } = this;
    const mask = slots.length - 1;
    const length = to - from;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const at = slots[i];
      if (at === 0) return -1;
      const code = at - 1;
      if (hashes[code] !== hash) continue;
      const s = strings[code];
      if (s.length === length && text.startsWith(s, from)) return code;
    }
  }

  /** The hash of the string of a code (spanHash). */
  hashOf(code: number): number {
    return this.hashes[code];
  }

  /** The code of a string; -1 when it was never added. */
  code(value: string): number {
    return this.find(value, 0, value.length, spanHash(value, 0, value.length));
  }

  /** Add a string not added before (`find` said -1), whose hash is `hash`; its code. */
  add(value: string, hash = spanHash(value, 0, value.length)): number {
    const code = this.strings.length;
    this.strings.push(value);
    this.hashes.push(hash);
    if (2 * (code + 1) > this.slots.length) this.grow();
    else this.place(code, hash);
    return code;
  }

  private place(code: number, hash: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let i = hash & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = code + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let code = 0; code < this.strings.length; code++) this.place(code, this.hashes[code]);
  }
}
