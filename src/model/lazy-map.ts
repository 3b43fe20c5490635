/**
 * A `Map` whose values are found (or made) when they are asked for, from data kept some other
 * way: code typed for a `Map` reads it unchanged. It cannot be changed once made, like the
 * check it belongs to (an edit layers its changes over it, see edit/layered-map.ts).
 */
export abstract class LazyMap<V> extends Map<string, V> {
  private sealed = false;

  /** Call at the end of the subclass's constructor: from then on, reads go to `find`. */
  protected seal(): void {
    this.sealed = true;
  }

  /** The value of `key`, or undefined. */
  protected abstract find(key: string): V | undefined;

  /** Whether `key` has a value (without making it). */
  protected abstract holds(key: string): boolean;

  /** The number of keys. */
  protected abstract count(): number;

  /** Every key with its value, in the map's order. */
  protected abstract all(): IterableIterator<[string, V]>;

  override get(key: string): V | undefined {
    return this.sealed ? this.find(key) : super.get(key);
  }

  override has(key: string): boolean {
    return this.sealed ? this.holds(key) : super.has(key);
  }

  override get size(): number {
    return this.sealed ? this.count() : super.size;
  }

  override entries(): MapIterator<[string, V]> {
    return (this.sealed ? this.all() : super.entries()) as MapIterator<[string, V]>;
  }

  override keys(): MapIterator<string> {
    const entries = this.entries();
    return (function* () {
      for (const [key] of entries) yield key;
    })() as MapIterator<string>;
  }

  override values(): MapIterator<V> {
    const entries = this.entries();
    return (function* () {
      for (const [, value] of entries) yield value;
    })() as MapIterator<V>;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  override set(key: string, value: V): this {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    return super.delete(key);
  }

  override clear(): void {
    if (this.sealed) throw new TypeError('a check is not changed: an edit makes a new one (see recheck.ts)');
    super.clear();
  }
}
