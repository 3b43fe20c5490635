/**
 * pdf.js's worker, as a module worker of our own (see pdfjs.ts): loaded at a URL relative to
 * the module that starts it, it resolves pdf.js the way the rest of the code does. The
 * worker code starts listening as soon as it is loaded in a worker.
 */
import 'pdfjs-dist/build/pdf.worker.mjs';
