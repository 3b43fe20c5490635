/**
 * A Word document (DOCX) as a source: mammoth turns it into HTML (headings from the Heading
 * and Title styles), which is read as a web page's article is (dom-text.ts); footnotes and
 * endnotes follow the text. The zip is checked first (zip-guard.ts): mammoth unpacks it.
 */
import { SourceError } from '../../errors.ts';
import type { ExtractedSource } from '../types.ts';
import { htmlBodyText } from '../html/html-extract.ts';
import { isNodeRuntime } from '../runtime.ts';
import { coreProperties } from './core-properties.ts';
import { guardZip } from './zip-guard.ts';

interface Mammoth {
  convertToHtml(input: { arrayBuffer: ArrayBuffer } | { buffer: Uint8Array }, options?: Record<string, unknown>): Promise<{ value: string; messages: { type: string; message: string }[] }>;
  images: { imgElement(f: (image: unknown) => Promise<{ src: string }>): unknown };
}

/** Mammoth: its Node build in Node, its browser build (one self-contained script) in browsers. */
async function loadMammoth(): Promise<Mammoth> {
  const module = (isNodeRuntime() ? await import('mammoth') : await import('mammoth/mammoth.browser.js')) as unknown as Partial<Mammoth> & { default?: Mammoth };
  return (module.convertToHtml ? module : module.default!) as Mammoth;
}

/** Styles that name a document's title and parts, beyond mammoth's defaults (Heading 1–6). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
];

const decoder = new TextDecoder();

export async function extractDocx(bytes: Uint8Array, fileName: string): Promise<ExtractedSource> {
  const parts = guardZip(bytes, fileName, ['docProps/core.xml', 'docProps/app.xml', 'word/document.xml']);
  if (!parts.has('word/document.xml')) throw new SourceError('not-what-name-says', fileName, 'is a ZIP archive without a document in it (no word/document.xml): it is not a Word document');
  const props = coreProperties(
    parts.has('docProps/core.xml') ? decoder.decode(parts.get('docProps/core.xml')) : undefined,
    parts.has('docProps/app.xml') ? decoder.decode(parts.get('docProps/app.xml')) : undefined,
  );
  const mammoth = await loadMammoth();
  let html: string;
  try {
    const copy = bytes.slice();
    const result = await mammoth.convertToHtml(
      isNodeRuntime() ? { buffer: copy } : { arrayBuffer: copy.buffer },
      {
        styleMap: STYLE_MAP,
        // Images are not text: none is read or embedded. Nothing outside the file is opened.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
    // Mammoth links each footnote back to its mark with an arrow: not text of the document.
    html = result.value.replace(/<a href="#(?:footnote|endnote|comment)-ref-[\w-]+">\u2191<\/a>/g, '');
  } catch (error) {
    throw new SourceError('corrupt', fileName, `is a damaged Word document: ${(error as Error).message ?? error}`, { cause: error });
  }
  const { text, headings } = await htmlBodyText(html);
  if (text.trim() === '') throw new SourceError('empty', fileName, 'is a Word document with no text to cite');
  const title = props.title ?? (headings.find((h) => h.level === 1)?.text);
  return { kind: 'docx', text, map: { pages: [], headings }, ...(title ? { title } : {}), metadata: props.metadata };
}
