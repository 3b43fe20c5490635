/**
 * Loads pdf.js for this environment, once. In Node: the legacy build (for Node 20), its
 * worker code run on this thread (pdf.js's "fake worker"; imported here so that a bundler
 * that builds the command line includes it), and the character maps and standard font data
 * from the package's folder. In browsers: the modern build, parsing in a Web Worker.
 *
 * The browser worker is `pdf.worker.ts` beside this module (it imports pdf.js's worker), at
 * a URL relative to this module, as the load worker is: it works with @web/dev-server and
 * with `dist/esm`. An application that bundles the model (so that the file is not beside it)
 * sets the worker's URL with `configurePdfJs({ workerSrc })`, or pdf.js's own
 * `GlobalWorkerOptions`, before the first extraction. When a worker cannot start, pdf.js
 * falls back to parsing on the main thread.
 */
import { isNodeRuntime } from '../runtime.ts';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** Where pdf.js finds what it loads by URL (browsers only: Node takes them from the installed package). */
export interface PdfJsLocations {
  /** URL of the worker module. */
  workerSrc?: string | URL;
  /** URL of the folder of pdf.js's character maps (`pdfjs-dist/cmaps/`): needed for some CJK PDFs. */
  cMapUrl?: string | URL;
  /** URL of the folder of pdf.js's standard font data (`pdfjs-dist/standard_fonts/`). */
  standardFontDataUrl?: string | URL;
}

let locations: PdfJsLocations = {};
let loading: Promise<PdfJs> | undefined;
/** What `getDocument` is given besides the data: the folders found in Node, or the configured URLs. */
let documentOptions: { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } = {};

/** Set where pdf.js's worker, character maps and font data are served (an application that bundles the model). */
export function configurePdfJs(where: PdfJsLocations): void {
  locations = { ...locations, ...where };
}

/** The URL of the browser worker beside this module (`.ts` when served from source, `.js` when built). */
export function pdfWorkerUrl(): URL {
  const extension = new URL(import.meta.url).pathname.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./pdf.worker.${extension}`, import.meta.url);
}

async function loadInNode(): Promise<PdfJs> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Sets globalThis.pdfjsWorker, which pdf.js uses in place of a worker.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  try {
    // Named through variables: a browser's dev server and bundlers must not try to resolve them.
    const moduleName = 'node:module';
    const pathName = 'node:path';
    const { createRequire } = (await import(/* @vite-ignore */ moduleName)) as typeof import('node:module');
    const { dirname, join } = (await import(/* @vite-ignore */ pathName)) as typeof import('node:path');
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    documentOptions = { cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts') + '/' };
  } catch {
    // Not installed as a package (bundled elsewhere): PDFs that need the maps lose some characters.
  }
  return pdfjs;
}

async function loadInBrowser(): Promise<PdfJs> {
  const pdfjs = (await import('pdfjs-dist/build/pdf.mjs')) as PdfJs;
  const options = pdfjs.GlobalWorkerOptions;
  if (!options.workerPort && !options.workerSrc) options.workerSrc = String(locations.workerSrc ?? pdfWorkerUrl());
  documentOptions = {
    ...(locations.cMapUrl ? { cMapUrl: String(locations.cMapUrl), cMapPacked: true } : {}),
    ...(locations.standardFontDataUrl ? { standardFontDataUrl: String(locations.standardFontDataUrl) } : {}),
  };
  return pdfjs;
}

/** pdf.js, loaded on first use. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (isNodeRuntime() ? loadInNode() : loadInBrowser()).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The `getDocument` options that depend on the environment (after `loadPdfJs`). */
export function pdfDocumentOptions(): typeof documentOptions {
  return documentOptions;
}
