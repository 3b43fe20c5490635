// Types of scripts/bundle.mjs, for the tests that measure the bundle.
export declare const ENTRIES: Record<string, string>;
export declare const WORKER_FILE: string;

export interface Bundle {
  /** Output files by path relative to the output folder. */
  files: Map<string, Uint8Array>;
  /** For each output file: the source files in it and the bytes each takes there. */
  inputs: Map<string, Record<string, number>>;
  /** For each output file: the files it imports, statically or dynamically. */
  imports: Map<string, { path: string; kind: string }[]>;
}

export interface Load {
  files: string[];
  raw: number;
  gzip: number;
}

export declare function buildBundle(outdir?: string): Promise<Bundle>;
export declare function buildPages(entryPoints: Record<string, string>, outdir: string): Promise<string[]>;
export declare function bundleContext(outdir?: string): Promise<{ rebuild(): Promise<Bundle>; dispose(): Promise<void[]> }>;
export declare function entrySizes(bundle: Bundle): Record<string, { first: Load; later: Load }>;
export declare function formatSizes(report: Record<string, { first: Load; later: Load }>): string;
export declare function packagesIn(bundle: Bundle, names: string[]): [string, number][];
