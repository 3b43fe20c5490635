/**
 * Text extraction from every kind of source analysts use: PDF, a saved web page (HTML),
 * Word (DOCX), Markdown and plain text. The same code runs in browsers and in Node; each
 * format's library (pdf.js, Readability with linkedom, mammoth, marked) is loaded on first
 * use, so none of them is part of a bundle that does not extract.
 */
import { SourceError, throwIfAborted } from '../errors.ts';
import { detectKind, describeKind } from './detect.ts';
import { formatBytes, SOURCE_LIMITS } from './limits.ts';
import type { ExtractedSource, ExtractOptions } from './types.ts';
import type { SourceKind } from '../../types.ts';

/**
 * Extract the text of a source file, with the map from the text back to the original.
 *
 * The file's kind is read from its content and checked against its name. Rejects with a
 * `SourceError` whose `code` says why and whose `message` names the file: `not-what-name-says`,
 * `scanned-pdf`, `encrypted-pdf`, `empty`, `too-large` (see `SOURCE_LIMITS`), `unsupported`,
 * `corrupt`; with the signal's reason (an `AbortError`) when `options.signal` aborts.
 *
 * @param bytes the file's bytes (not changed: the caller can hash and keep them)
 * @param fileName the file's name as the analyst chose it (its ending says what it should be)
 */
export async function extractSource(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedSource> {
  const { signal } = options;
  throwIfAborted(signal);
  const kind = detectKind(bytes, fileName);
  const limit = options.maxBytes ?? SOURCE_LIMITS.bytes[kind];
  if (bytes.length > limit) {
    throw new SourceError('too-large', fileName, `is ${formatBytes(bytes.length)}, over the limit of ${formatBytes(limit)} for ${describeKind(kind)}`);
  }
  let extracted: ExtractedSource;
  try {
    extracted = await extractKind(kind, bytes, fileName, signal);
  } catch (error) {
    // A structure nested past what a library's recursion can follow (thousands of quote or
    // list levels), or past what memory holds: refused, as any other limit.
    if (error instanceof RangeError) {
      throw new SourceError('too-large', fileName, `is nested too deeply or too large to read (${error.message})`, { cause: error });
    }
    throw error;
  }
  throwIfAborted(signal);
  if (extracted.text.length > SOURCE_LIMITS.textChars) {
    throw new SourceError('too-large', fileName, `holds ${formatBytes(extracted.text.length)} of text, over the limit of ${formatBytes(SOURCE_LIMITS.textChars)}: split it into parts`);
  }
  return extracted;
}

async function extractKind(kind: SourceKind, bytes: Uint8Array, fileName: string, signal: AbortSignal | undefined): Promise<ExtractedSource> {
  let extracted: ExtractedSource;
  switch (kind) {
    case 'pdf':
      extracted = await (await import('./pdf/pdf-extract.ts')).extractPdf(bytes, fileName, { signal });
      break;
    case 'html':
      extracted = await (await import('./html/html-extract.ts')).extractHtml(bytes, fileName);
      break;
    case 'docx':
      extracted = await (await import('./docx/docx-extract.ts')).extractDocx(bytes, fileName);
      break;
    case 'markdown':
      extracted = await (await import('./markdown/markdown-extract.ts')).extractMarkdown(bytes, fileName);
      break;
    default:
      extracted = (await import('./text/text-extract.ts')).extractText(bytes, fileName);
  }
  return extracted;
}
