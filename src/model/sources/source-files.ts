/**
 * The files a source has in its matrix folder, by what sources.csv says: its text (`path`,
 * what citations anchor to), its original (`original`: the PDF, web page, DOCX or Markdown
 * file it was extracted from) and its map (`map`: pages and headings). Loading reads them,
 * an export and a draft keep them, fixity checks them.
 */
import type { Source } from '../types.ts';

export interface SourceFilePaths {
  text: string;
  original?: string;
  map?: string;
}

/** What sources.csv says the source's files are (empty fields left out). */
export function sourceFilePaths(source: Source): SourceFilePaths {
  return {
    text: source.path,
    ...(source.original ? { original: source.original } : {}),
    ...(source.map ? { map: source.map } : {}),
  };
}

/** Every file of the source but its text: original, map (each once, in that order). */
export function otherFilePaths(source: Source): string[] {
  const { original, map } = sourceFilePaths(source);
  const out: string[] = [];
  for (const path of [original, map]) if (path && path !== source.path && !out.includes(path)) out.push(path);
  return out;
}
