/**
 * A new version of a source (a revised report, an amended law): the file extracted once, as
 * `newSourceFromFile` does, and every citation of the source re-anchored into the new text
 * (`reanchor`): unchanged, moved, changed (a close passage, with a similarity figure, only
 * suggested) or orphaned. The analyst's decisions then make one `replace-source` edit
 * (`versionEdit`): the source's row, text, map and files, and the citations as decided. A
 * citation whose change is rejected keeps its quote; nothing is lost either way, and the
 * edit undoes.
 */
import type { MatrixCheck } from '../check/check.ts';
import type { ReplaceSourceEdit } from '../edit/source-commands.ts';
import type { Matrix } from '../types.ts';
import type { ExtractOptions } from './extract/types.ts';
import { newSourceFromFile, type NewSourceFields } from './new-source.ts';
import { applyReanchoring, reanchor, type ReanchorDecision, type ReanchorReport } from './reanchor.ts';
import type { TextMap } from './text-map.ts';

export interface NewVersion {
  /** The edit without the citations' updates (those come from the decisions). */
  base: Omit<ReplaceSourceEdit, 'updates'>;
  report: ReanchorReport;
  warnings: string[];
}

export interface NewVersionInput {
  matrix: Matrix;
  check: MatrixCheck;
  sourceTexts: ReadonlyMap<string, string>;
  sourceMaps?: ReadonlyMap<string, TextMap>;
  /** The source given a new version. */
  source: string;
  bytes: Uint8Array;
  fileName: string;
  /** Bibliographic fields that change with the version (the others are kept). */
  fields?: NewSourceFields;
  /** Paths in use besides the sources' own (files on disk, in the app). */
  takenAlso?: Iterable<string>;
  signal?: ExtractOptions['signal'];
}

/** Extract the new version and re-anchor the source's citations into it. Throws the extraction's `SourceError`, or an Error when there is no such source or its text is not loaded. */
export async function prepareNewVersion(input: NewVersionInput): Promise<NewVersion> {
  const old = input.matrix.sources.find((s) => s.id === input.source);
  if (!old) throw new Error(`there is no source "${input.source}"`);
  const oldText = input.sourceTexts.get(old.id);
  if (oldText === undefined) throw new Error(`the text of source "${old.id}" is not loaded, so its citations cannot be re-anchored`);
  const keep: NewSourceFields = {
    title: old.title, authors: old.authors, year: old.year, url: old.url, archiveUrl: old.archiveUrl,
    publisher: old.publisher, evidenceType: old.evidenceType,
  };
  const made = await newSourceFromFile(input.matrix, input.bytes, input.fileName, { ...keep, ...input.fields, id: old.id }, { takenAlso: input.takenAlso, signal: input.signal });
  const { source, text, map, files } = made.edit;
  const citations = [...input.check.citations.values()].flat().filter((c) => c.citation.source === old.id);
  const report = reanchor({
    source: old.id, oldText, newText: text, citations,
    oldMap: input.sourceMaps?.get(old.id), newMap: map,
  });
  return { base: { type: 'replace-source', source, text, ...(map ? { map } : {}), files: files ?? [] }, report, warnings: made.warnings };
}

/** The `replace-source` edit for the analyst's decisions (by `ReanchorItem.key`; see `applyReanchoring` for the defaults). */
export function versionEdit(version: NewVersion, decisions: ReadonlyMap<string, ReanchorDecision> | Readonly<Record<string, ReanchorDecision>> = {}): ReplaceSourceEdit {
  const { command } = applyReanchoring(version.report, decisions);
  const updates = command?.type === 'update-citations' ? command.updates : [];
  return { ...version.base, updates };
}
