/**
 * Whether extraction runs in Node (the command line, tests) or in a browser: the only thing
 * that differs is which build of a library is loaded (pdf.js's legacy build and its worker
 * on this thread in Node; its modern build with a Web Worker in browsers; mammoth's Node or
 * browser build). The extraction logic is the same.
 */
export function isNodeRuntime(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}
