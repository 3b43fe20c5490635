// Type declarations for library entry points that ship none: pdf.js types only its legacy build
// (the modern build has the same API); the worker modules, mammoth's browser build and
// Readability's class file are imported for their effect or default export.
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
declare module 'pdfjs-dist/build/pdf.worker.mjs';
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
declare module 'mammoth/mammoth.browser.js';
declare module '@mozilla/readability/Readability.js' {
  import type { Readability } from '@mozilla/readability';
  export default Readability;
}
