/**
 * A `Map` whose values are found (or made) when they are asked for, from data kept some other
 * way: code typed for a `Map` reads it unchanged. It cannot be changed once made (a check's
 * maps: an edit layers its changes over them, see edit/layered-map.ts).
 */
export abstract class LazyMap<K, V> extends Map<K, V> {
  private sealed = false;
  /** Why it refuses to be changed. */
  protected readonly refusal: string = 'a check is not changed: an edit makes a new one (see recheck.ts)';

  /** Call at the end of the subclass's constructor: from then on, reads go to `find`. */
  protected seal(): void {
    this.sealed = true;
  }

  /** The value of `key`, or undefined. */
  protected abstract find(key: K): V | undefined;

  /** Whether `key` has a value (without making it). */
  protected abstract holds(key: K): boolean;

  /** The number of keys. */
  protected abstract count(): number;

  /** Every key with its value, in the map's order. */
  protected abstract all(): IterableIterator<[K, V]>;

  override get(key: K): V | undefined {
    return this.sealed ? this.find(key) : super.get(key);
  }

  override has(key: K): boolean {
    return this.sealed ? this.holds(key) : super.has(key);
  }

  override get size(): number {
    return this.sealed ? this.count() : super.size;
  }

  override entries(): MapIterator<[K, V]> {
    return (this.sealed ? this.all() : super.entries()) as MapIterator<[K, V]>;
  }

  override keys(): MapIterator<K> {
    const entries = this.entries();
    return (function* () {
      for (const [key] of entries) yield key;
    })() as MapIterator<K>;
  }

  override values(): MapIterator<V> {
    const entries = this.entries();
    return (function* () {
      for (const [, value] of entries) yield value;
    })() as MapIterator<V>;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  override set(key: K, value: V): this {
    if (this.sealed) throw new TypeError(this.refusal);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (this.sealed) throw new TypeError(this.refusal);
    return super.delete(key);
  }

  override clear(): void {
    if (this.sealed) throw new TypeError(this.refusal);
    super.clear();
  }
}
