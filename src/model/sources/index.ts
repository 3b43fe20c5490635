/**
 * Sources of every kind analysts use: extraction of their text (PDF, saved web page, DOCX,
 * Markdown, plain text) with the map back to the original, the map's file, fixity hashes,
 * and the sources.csv record of a new source. See docs/sources.md.
 *
 * Nothing here loads a format's library until a file of that format is extracted: importing
 * this module costs a few kilobytes.
 */
export { extractSource } from './extract/extract.ts';
export type { ExtractedSource, ExtractOptions, SourceMetadata } from './extract/types.ts';
export { detectKind, kindFromName, sniff } from './extract/detect.ts';
export { SOURCE_LIMITS } from './extract/limits.ts';
export { configurePdfJs, type PdfJsLocations } from './extract/pdf/pdfjs.ts';
export { SourceError, SOURCE_ERROR_CODES, isSourceError, type SourceErrorCode } from './errors.ts';
export { sha256Hex, SHA256_PATTERN } from './fixity.ts';
export { serializeTextMap, parseTextMap, TEXT_MAP_VERSION } from './map-file.ts';
export { sourceFromExtraction, safeStem, SOURCES_FOLDER, type SourceFromExtractionInput, type SourceRecord } from './source-record.ts';
export { EMPTY_TEXT_MAP, headingAt, locatorFor, pagesOf, type HeadingSpan, type PageSpan, type TextMap } from './text-map.ts';
