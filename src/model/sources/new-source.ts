/**
 * A file an analyst picked, as the edit that adds it to a matrix (or gives a source of the
 * matrix a new version): extracted once, its sources.csv row, text, map and files made by
 * `sourceFromExtraction`. The app's **Add source…** and the command line's `add-source` and
 * `replace-source` both go through here, so one file always gives the same source.
 *
 * Extraction comes first and throws a `SourceError` (scanned, encrypted, not what its name
 * says, …) before anything is planned: a file that cannot be a source adds nothing.
 */
import type { AddSourceEdit } from '../edit/source-commands.ts';
import type { EvidenceType, Matrix } from '../types.ts';
import { extractSource } from './extract/extract.ts';
import type { ExtractOptions } from './extract/types.ts';
import { safeStem, sourceFromExtraction } from './source-record.ts';
import { otherFilePaths } from './source-files.ts';

/** What the analyst says about the source (each field, when left out, comes from the file's own metadata). */
export interface NewSourceFields {
  id?: string;
  title?: string;
  authors?: string;
  year?: string;
  url?: string;
  archiveUrl?: string;
  publisher?: string;
  evidenceType?: EvidenceType;
  /** YYYY-MM-DD; today (UTC) when left out. */
  retrieved?: string;
}

export interface NewSource {
  edit: AddSourceEdit;
  /** Things the analyst should know that did not stop the extraction (pages without text, …). */
  warnings: string[];
}

/** A source id from a file name that no source of the matrix has: `report`, `report-2`, … */
export function newSourceId(matrix: Pick<Matrix, 'sources'>, fileName: string): string {
  const taken = new Set(matrix.sources.map((s) => s.id.toLowerCase()));
  const base = safeStem(fileName);
  let id = base;
  for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}-${n}`;
  return id;
}

/** Every path the matrix's sources use, and any other taken path (`also`): new files never take one. */
function takenPaths(matrix: Pick<Matrix, 'sources'>, also: Iterable<string>): string[] {
  const out: string[] = [...also];
  for (const s of matrix.sources) out.push(s.path, ...otherFilePaths(s));
  return out.filter((p) => p !== '');
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Extract `bytes` (named `fileName`) and plan it as a new source of `matrix`. Rejects with
 * the extraction's `SourceError` when the file cannot be a source.
 *
 * @param takenAlso paths in the matrix folder that are in use besides the sources' own (files on disk, files in the app)
 */
export async function newSourceFromFile(
  matrix: Pick<Matrix, 'sources'>,
  bytes: Uint8Array,
  fileName: string,
  fields: NewSourceFields = {},
  options: ExtractOptions & { takenAlso?: Iterable<string> } = {},
): Promise<NewSource> {
  const extracted = await extractSource(bytes, fileName, options);
  const id = fields.id?.trim() || newSourceId(matrix, fileName);
  const record = await sourceFromExtraction({
    id, fileName, bytes, extracted,
    title: fields.title, authors: fields.authors, year: fields.year, url: fields.url, archiveUrl: fields.archiveUrl,
    publisher: fields.publisher, evidenceType: fields.evidenceType, retrieved: fields.retrieved ?? today(),
    existing: takenPaths(matrix, options.takenAlso ?? []),
  });
  const { source, files } = record;
  const text = extracted.text;
  const hasMap = extracted.map.pages.length > 0 || extracted.map.headings.length > 0;
  const other = [...files].filter(([path]) => path !== source.path);
  return {
    edit: { type: 'add-source', source, text, ...(hasMap ? { map: extracted.map } : {}), files: other },
    warnings: extracted.warnings ?? [],
  };
}
