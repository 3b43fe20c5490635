/**
 * The sources' contents beside a matrix's tables: each source's text (what citations anchor
 * to) and map by source id, and its other files (original, map file) by path
 * relative to the matrix folder. An edit that adds a source or gives one a new version sets
 * them with a `SourceContentPatch`; its inverse (the values it replaced) undoes it exactly.
 */
import type { TextMap } from '../sources/text-map.ts';

export type SourceFile = Uint8Array | string;

export interface SourceContent {
  readonly texts: ReadonlyMap<string, string>;
  readonly maps: ReadonlyMap<string, TextMap>;
  readonly files: ReadonlyMap<string, SourceFile>;
}

/** Entries to set (a value) or remove (undefined), by key. */
export interface SourceContentPatch {
  readonly texts?: readonly (readonly [string, string | undefined])[];
  readonly maps?: readonly (readonly [string, TextMap | undefined])[];
  readonly files?: readonly (readonly [string, SourceFile | undefined])[];
}

function patchMap<V>(map: ReadonlyMap<string, V>, entries: readonly (readonly [string, V | undefined])[] | undefined): { map: ReadonlyMap<string, V>; inverse?: [string, V | undefined][] } {
  if (!entries?.length) return { map };
  const next = new Map(map);
  const inverse: [string, V | undefined][] = [];
  // Undone last-first, so a key set twice comes back to what it was before the first.
  for (const [key, value] of entries) {
    inverse.unshift([key, map.has(key) || next.has(key) ? next.get(key) : undefined]);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  return { map: next, inverse };
}

/** Apply a content patch: the new contents (maps not touched are shared) and the exact inverse. */
export function applyContentPatch(content: SourceContent, patch: SourceContentPatch): { content: SourceContent; inverse: SourceContentPatch } {
  const texts = patchMap(content.texts, patch.texts);
  const maps = patchMap(content.maps, patch.maps);
  const files = patchMap(content.files, patch.files);
  return {
    content: { texts: texts.map, maps: maps.map, files: files.map },
    inverse: {
      ...(texts.inverse ? { texts: texts.inverse } : {}),
      ...(maps.inverse ? { maps: maps.inverse } : {}),
      ...(files.inverse ? { files: files.inverse } : {}),
    },
  };
}

/** The sources whose text a content patch sets or removes (their citations are anchored again). */
export const textsChangedBy = (patch: SourceContentPatch | undefined): Set<string> => new Set((patch?.texts ?? []).map(([id]) => id));
