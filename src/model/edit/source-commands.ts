/**
 * Edits of a matrix's sources: adding a source (its sources.csv row with its text, map and
 * files: what **Add source…** makes with `sourceFromExtraction`), and giving a source a new
 * version (the new row, text, map and files, and the
 * citations re-anchored into the new text as the analyst decided: `applyReanchoring`'s
 * updates). Each is one edit: one undo step, one history entry, autosaved with its files.
 */
import type { TextMap } from '../sources/text-map.ts';
import { otherFilePaths } from '../sources/source-files.ts';
import type { Source } from '../types.ts';
import type { Change, EditContext, EditPlan, EditRefusal } from './commands.ts';
import type { MatrixPatch } from './patch.ts';
import type { SourceContentPatch, SourceFile } from './source-content.ts';
import { planCitationUpdates, type CitationUpdate } from './update-citations.ts';

export interface AddSourceEdit {
  readonly type: 'add-source';
  /** The new sources.csv row (its `path` names where `text` is kept). */
  readonly source: Readonly<Source>;
  /** The text citations anchor to. */
  readonly text: string;
  /** Its map (pages, headings), when it has one. */
  readonly map?: TextMap;
  /** The source's other files by path relative to the matrix folder: the original, the map file. */
  readonly files?: readonly (readonly [string, SourceFile])[];
}

export interface ReplaceSourceEdit {
  readonly type: 'replace-source';
  /** The new sources.csv row of the source (the same id). */
  readonly source: Readonly<Source>;
  readonly text: string;
  /** The new version's map; left out, the source has none any more. */
  readonly map?: TextMap;
  /** Files to write: the new version's original and map file. The earlier version's files stay in the undo step. */
  readonly files?: readonly (readonly [string, SourceFile])[];
  /** Files of the source no longer at their paths (the earlier version's original and map, when the new one has others). */
  readonly removed?: readonly string[];
  /** The citations' changes (`applyReanchoring`'s updates). */
  readonly updates?: readonly CitationUpdate[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const refuse = (message: string): EditRefusal => ({ ok: false, message });

/** Paths compared as macOS and Windows compare them (without regard to case), `./` and backslashes aside. */
const pathKey = (path: string) => path.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();

/** Every file path the matrix's sources use (texts, originals, maps), but those of `except`. */
function usedPaths(ctx: EditContext, except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.matrix.sources) {
    if (s.id === except) continue;
    for (const path of [s.path, ...otherFilePaths(s)]) if (path) used.add(pathKey(path));
  }
  return used;
}

const sourceName = (s: Pick<Source, 'id' | 'title'>) => `“${s.title || s.id}”`;

/** Plan an `add-source` edit: refused when the id or a file path is taken, or the row is not complete. */
export function planAddSource(ctx: EditContext, c: AddSourceEdit): EditPlan | EditRefusal {
  const { source } = c;
  if (!ID.test(source.id)) return refuse(`the source id "${source.id}" should be letters, digits, "-", "_", "." or ":" with no spaces`);
  if (ctx.matrix.sources.some((s) => s.id === source.id)) return refuse(`there is a source "${source.id}" already: give the new one another id`);
  if (source.title.trim() === '') return refuse('a source needs a title');
  if (source.path.trim() === '') return refuse('a source needs the path of its text');
  const used = usedPaths(ctx);
  const files = c.files ?? [];
  for (const path of [source.path, ...files.map(([p]) => p)]) {
    if (used.has(pathKey(path)) || ctx.sourcePathTaken?.(path)) return refuse(`the file ${path} belongs to another source already`);
  }
  const content: SourceContentPatch = {
    texts: [[source.id, c.text]],
    ...(c.map ? { maps: [[source.id, c.map]] } : {}),
    ...(files.length ? { files: files.map(([path, data]) => [path, data] as const) } : {}),
  };
  const target = { kind: 'source', id: source.id } as const;
  return {
    ok: true,
    label: `Add source ${sourceName(source)}`,
    changes: [
      { target, field: 'title', old: '', new: source.title },
      { target, field: 'path', old: '', new: source.path },
    ],
    patch: { sources: { insert: [[ctx.matrix.sources.length, { ...source }]] }, content },
  };
}

const SOURCE_FIELDS = ['title', 'authors', 'year', 'path', 'kind', 'original', 'map', 'sha256', 'textSha256', 'url', 'archiveUrl', 'retrieved', 'evidenceType', 'publisher'] as const;
const COLUMN: Partial<Record<(typeof SOURCE_FIELDS)[number], string>> = { textSha256: 'text_sha256', archiveUrl: 'archive_url', evidenceType: 'evidence_type' };

/** Plan a `replace-source` edit: the row, the text, map and files, and the citations, as one patch. */
export function planReplaceSource(ctx: EditContext, c: ReplaceSourceEdit): EditPlan | EditRefusal {
  const old = ctx.matrix.sources.find((s) => s.id === c.source.id);
  if (!old) return refuse(`there is no source "${c.source.id}" to replace`);
  if (c.source.path.trim() === '') return refuse('a source needs the path of its text');
  const used = usedPaths(ctx, old.id);
  for (const [path] of c.files ?? []) {
    if (used.has(pathKey(path))) return refuse(`the file ${path} belongs to another source already`);
  }
  const next: Source = { ...c.source };
  const target = { kind: 'source', id: old.id } as const;
  const changes: Change[] = SOURCE_FIELDS.filter((f) => (old[f] ?? '') !== (next[f] ?? '')).map((f) => ({ target, field: COLUMN[f] ?? f, old: old[f] ?? '', new: next[f] ?? '' }));
  const patch: { -readonly [K in keyof MatrixPatch]: MatrixPatch[K] } = {
    sources: { replace: [[old, next]] },
    content: {
      texts: [[old.id, c.text]],
      maps: [[old.id, c.map]],
      files: [...(c.removed ?? []).map((path) => [path, undefined] as const), ...(c.files ?? []).map(([path, data]) => [path, data] as const)],
    },
  };
  let updated = 0;
  if (c.updates?.length) {
    const plan = planCitationUpdates(ctx, '', c.updates);
    if (!plan.ok && !plan.noop) return plan;
    if (plan.ok) {
      patch.citations = plan.patch.citations;
      changes.push(...plan.changes);
      updated = plan.patch.citations?.replace?.length ?? 0;
    }
  }
  return {
    ok: true,
    label: `New version of source ${sourceName(next)}${updated ? ` (${updated} citation${updated === 1 ? '' : 's'} re-anchored)` : ''}`,
    changes,
    patch,
  };
}
