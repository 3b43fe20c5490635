/**
 * A new source of a matrix, from a file and its extraction: the sources.csv record and the
 * files to write beside the matrix. The command line's `add-source` and the app's
 * **Add source…** both make a source this way, so that one matrix always gets the same files.
 *
 *   sources/<name>.<ext>        the original file, byte for byte (PDF, web page, DOCX, Markdown)
 *   sources/<name>.txt          the extracted text citations anchor to (UTF-8, no BOM, \n)
 *   sources/<name>.map.json     its map: pages with printed labels, headings (see map-file.ts)
 *
 * A plain-text file whose bytes are already the extracted text is kept once, as the text.
 */
import { EMPTY_TEXT_MAP } from './text-map.ts';
import { serializeTextMap } from './map-file.ts';
import { sha256Hex } from './fixity.ts';
import type { ExtractedSource } from './extract/types.ts';
import type { EvidenceType, Source, SourceKind } from '../types.ts';

/** The folder of a matrix that holds its sources' files. */
export const SOURCES_FOLDER = 'sources';

/** The ending an original of each kind is saved with. */
const EXTENSION: Record<SourceKind, string> = { pdf: 'pdf', html: 'html', docx: 'docx', markdown: 'md', text: 'txt' };

/** Longest file-name stem made from an analyst's file name. */
const MAX_STEM = 60;

/** Names Windows reserves for devices, whatever the ending. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file-name stem that is safe on every system, from a file name as the analyst picked it:
 * the last path component, without its ending, in lower-case letters, digits and single
 * hyphens (accents dropped). Never empty, never a path, never a device name.
 */
export function safeStem(fileName: string, fallback = 'source'): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const withoutExtension = base.replace(/\.[A-Za-z0-9]{1,10}$/, '');
  let stem = withoutExtension
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/g, '');
  if (stem === '' && fallback !== '') stem = safeStem(fallback, '');
  if (stem === '') stem = 'source';
  return RESERVED.test(stem) ? `${stem}-source` : stem;
}

export interface SourceFromExtractionInput {
  /** The new source's id (sources.csv `id`). */
  id: string;
  /** The original's file name as the analyst picked it (only its last component is used). */
  fileName: string;
  /** The original's bytes, as read (hashed, and saved as they are). */
  bytes: Uint8Array;
  /** What `extractSource` gave for these bytes. */
  extracted: ExtractedSource;
  /** Bibliographic fields the analyst gave; each, when missing, comes from the file's own metadata. */
  title?: string;
  authors?: string;
  year?: string;
  url?: string;
  archiveUrl?: string;
  /** When the source was retrieved: YYYY-MM-DD (the caller's today, typically). */
  retrieved?: string;
  evidenceType?: EvidenceType;
  publisher?: string;
  /**
   * The matrix's sources so far (or any paths already in use in the matrix folder): the new
   * files never take a name one of them uses (compared without regard to case, as macOS and
   * Windows do).
   */
  existing?: Iterable<Source | string>;
}

export interface SourceRecord {
  /** The sources.csv row. Paths are relative to the matrix folder. */
  source: Source;
  /** The files to write, by path relative to the matrix folder: bytes as they are, strings as UTF-8. */
  files: Map<string, Uint8Array | string>;
}

const utf8 = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function takenPaths(existing: Iterable<Source | string> | undefined): Set<string> {
  const taken = new Set<string>();
  for (const entry of existing ?? []) {
    const paths = typeof entry === 'string' ? [entry] : [entry.path, entry.original, entry.map];
    for (const p of paths) if (p) taken.add(p.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase());
  }
  return taken;
}

/**
 * The sources.csv record of a new source and the files to write for it. The title, authors,
 * year, URL and publisher given win over those read from the file; the title falls back to
 * the file's name. Hashes: `sha256` of the original's bytes, `text_sha256` of the text's
 * UTF-8 bytes (as written).
 */
export async function sourceFromExtraction(input: SourceFromExtractionInput): Promise<SourceRecord> {
  const { extracted, bytes } = input;
  if (input.id.trim() === '') throw new Error('a source needs an id');
  const kind = extracted.kind;
  const text = extracted.text;
  const textBytes = utf8.encode(text);
  // A text file that is its own extraction (UTF-8, no BOM, \n line breaks) is kept once.
  const textIsOriginal = kind === 'text' && sameBytes(textBytes, bytes);
  const hasMap = extracted.map.pages.length > 0 || extracted.map.headings.length > 0;

  const taken = takenPaths(input.existing);
  const base = safeStem(input.fileName, input.id);
  const pathsFor = (stem: string) => {
    const at = (name: string) => `${SOURCES_FOLDER}/${name}`;
    return {
      text: at(`${stem}.txt`),
      original: textIsOriginal ? undefined : at(kind === 'text' ? `${stem}.original.txt` : `${stem}.${EXTENSION[kind]}`),
      map: hasMap ? at(`${stem}.map.json`) : undefined,
    };
  };
  let stem = base;
  let paths = pathsFor(stem);
  for (let n = 2; [paths.text, paths.original, paths.map].some((p) => p !== undefined && taken.has(p.toLowerCase())); n++) {
    stem = `${base}-${n}`;
    paths = pathsFor(stem);
  }

  const [sha256, textSha256] = await Promise.all([sha256Hex(bytes), textIsOriginal ? undefined : sha256Hex(textBytes)]);
  const metadata = extracted.metadata ?? {};
  const pick = (given: string | undefined, found: string | undefined) => {
    const value = (given ?? '').trim() || (found ?? '').trim();
    return value === '' ? undefined : value;
  };
  const source: Source = {
    id: input.id,
    // The analyst's title, else the document's own, else the file's name without its ending, else the id.
    title: pick(input.title, extracted.title) ?? pick((input.fileName.split(/[\\/]/).pop() ?? '').replace(/\.[A-Za-z0-9]{1,10}$/, ''), undefined) ?? input.id,
    authors: pick(input.authors, metadata.authors) ?? '',
    year: pick(input.year, metadata.year) ?? '',
    path: paths.text,
    kind,
    sha256,
    textSha256: textSha256 ?? sha256,
  };
  if (paths.original) source.original = paths.original;
  if (paths.map) source.map = paths.map;
  const optional: [keyof Source, string | undefined][] = [
    ['url', pick(input.url, metadata.url)], ['archiveUrl', pick(input.archiveUrl, undefined)], ['retrieved', pick(input.retrieved, undefined)],
    ['publisher', pick(input.publisher, metadata.publisher)],
  ];
  for (const [key, value] of optional) if (value !== undefined) (source as unknown as Record<string, string>)[key] = value;
  if (input.evidenceType) source.evidenceType = input.evidenceType;

  const files = new Map<string, Uint8Array | string>();
  if (paths.original) files.set(paths.original, bytes);
  files.set(paths.text, textIsOriginal ? bytes : text);
  if (paths.map) files.set(paths.map, serializeTextMap(extracted.map ?? EMPTY_TEXT_MAP));
  return { source, files };
}
