/**
 * An immutable Map that is cheap to derive a changed copy from: a flat base plus a small
 * layer of changes. `with(changes)` copies only the layer (O(changes so far)); when the layer
 * grows past about 2·√n entries it is folded into a new flat base (O(n), so about O(√n) per
 * change amortised). Reads cost one or two hash look-ups.
 *
 * It is a `Map` (so code typed for `Map` reads it unchanged) but refuses to be mutated:
 * old snapshots that hold it stay valid.
 */

import { LazyMap } from './lazy-map.ts';

const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

export class LayeredMap<K, V> extends LazyMap<K, V> {
  private base!: ReadonlyMap<K, V>;
  private layer!: ReadonlyMap<K, Slot<V>>;
  private entryCount = 0;
  protected override readonly refusal = 'LayeredMap is immutable: use with()';

  /** A layered map over `base` (which must not be mutated afterwards). */
  static from<K, V>(base: ReadonlyMap<K, V>): LayeredMap<K, V> {
    if (base instanceof LayeredMap) return base as LayeredMap<K, V>;
    return LayeredMap.make(base, new Map(), base.size);
  }

  private static make<K, V>(base: ReadonlyMap<K, V>, layer: ReadonlyMap<K, Slot<V>>, count: number): LayeredMap<K, V> {
    const m = new LayeredMap<K, V>();
    m.base = base;
    m.layer = layer;
    m.entryCount = count;
    m.seal();
    return m;
  }

  /** A copy with `changes` applied: a value sets the key, `undefined` deletes it. */
  with(changes: Iterable<readonly [K, V | undefined]>): LayeredMap<K, V> {
    const layer = new Map(this.layer);
    let count = this.entryCount;
    for (const [key, value] of changes) {
      const had = this.hasIn(layer, key);
      if (value === undefined) {
        if (!had) continue;
        count--;
        if (this.base.has(key)) layer.set(key, GONE);
        else layer.delete(key);
      } else {
        if (!had) count++;
        layer.set(key, value);
      }
    }
    if (layer.size > 256 + 2 * Math.sqrt(this.base.size)) return LayeredMap.fold(this.base, layer, count);
    return LayeredMap.make(this.base, layer, count);
  }

  /**
   * The layer folded into a new base: a flat copy of every entry. A base whose values are made
   * when they are asked for (a check's maps, see lazy-map.ts) is kept instead, under one layer
   * of every change so far: a flat copy would make every value (the citation lists of 100,000
   * cells, after a large load: a tenth of a second, at the edit that folds).
   */
  private static fold<K, V>(base: ReadonlyMap<K, V>, layer: ReadonlyMap<K, Slot<V>>, count: number): LayeredMap<K, V> {
    const under = base instanceof LayeredMap ? (base as LayeredMap<K, V>) : undefined;
    const root = under ? under.base : base;
    if (root instanceof LazyMap && !(root instanceof LayeredMap)) {
      const changes = under ? new Map([...under.layer, ...layer]) : layer;
      return LayeredMap.make(LayeredMap.make(root, changes, count), new Map(), count);
    }
    // The engine's copy, then the layer: as entriesOf gives, 2–4× sooner.
    const flat = new Map<K, V>(root === base ? base : LayeredMap.entriesOf(base, new Map()));
    for (const [k, slot] of layer) {
      if (slot === GONE) flat.delete(k);
      else flat.set(k, slot);
    }
    return LayeredMap.make(flat, new Map(), flat.size);
  }

  private hasIn(layer: ReadonlyMap<K, Slot<V>>, key: K): boolean {
    const slot = layer.get(key);
    if (slot !== undefined) return slot !== GONE;
    return !layer.has(key) && this.base.has(key);
  }

  private static *entriesOf<K, V>(base: ReadonlyMap<K, V>, layer: ReadonlyMap<K, Slot<V>>): IterableIterator<[K, V]> {
    for (const [k, v] of base) {
      if (!layer.has(k)) yield [k, v];
      else {
        const slot = layer.get(k)!;
        if (slot !== GONE) yield [k, slot];
      }
    }
    for (const [k, slot] of layer) if (slot !== GONE && !base.has(k)) yield [k, slot];
  }

  protected find(key: K): V | undefined {
    const slot = this.layer.get(key);
    if (slot !== undefined) return slot === GONE ? undefined : slot;
    return this.base.get(key);
  }

  protected holds(key: K): boolean {
    return this.hasIn(this.layer, key);
  }

  protected count(): number {
    return this.entryCount;
  }

  protected all(): IterableIterator<[K, V]> {
    return LayeredMap.entriesOf(this.base, this.layer);
  }
}
