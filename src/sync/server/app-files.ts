/**
 * The app the team server serves: the page of index.html's app built from the source with
 * esbuild when the server first needs it (kept in memory), else the prebuilt element bundle
 * of `npm run build` (dist/policy-matrix.js) on a page of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AppFile {
  readonly type: string;
  readonly body: string | Uint8Array;
}

const JS = 'text/javascript; charset=utf-8';

const page = (script: string, body: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Policy matrix</title>
    <link rel="icon" href="data:," />
    <style>html, body { height: 100%; margin: 0; } body { font-family: system-ui, sans-serif; background: #f6f7f9; color: #1f2328; }</style>
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>
`;

/** The app's files, built once on first use. */
export class AppFiles {
  private built: Promise<Map<string, AppFile>> | undefined;

  constructor(private readonly root: string) {}

  get(path: string): Promise<AppFile | undefined> {
    this.built ??= this.build();
    return this.built.then((files) => files.get(path));
  }

  private async build(): Promise<Map<string, AppFile>> {
    const files = new Map<string, AppFile>();
    const source = join(this.root, 'src/app/main.ts');
    let esbuild: typeof import('esbuild') | undefined;
    try {
      esbuild = existsSync(source) ? await import('esbuild') : undefined;
    } catch {
      esbuild = undefined;
    }
    if (esbuild) {
      const result = await esbuild.build({
        entryPoints: { app: source, 'policy-matrix.worker': join(this.root, 'src/worker/load.worker.ts') },
        outdir: '/app', write: false, bundle: true, format: 'esm', target: 'es2022', minify: true, sourcemap: 'linked',
        define: { 'globalThis.POLICY_MATRIX_PRODUCTION': 'true', 'globalThis.POLICY_MATRIX_WORKER': '"./policy-matrix.worker.js"' },
        logLevel: 'silent',
      });
      for (const out of result.outputFiles) files.set(out.path, { type: out.path.endsWith('.map') ? 'application/json' : JS, body: out.contents });
      files.set('/app/', { type: 'text/html; charset=utf-8', body: page('/app/app.js', '<policy-matrix-app>Loading the policy matrix…</policy-matrix-app>') });
      return files;
    }
    const bundle = join(this.root, 'dist/policy-matrix.js');
    if (existsSync(bundle)) {
      files.set('/app/policy-matrix.js', { type: JS, body: readFileSync(bundle) });
      const worker = join(this.root, 'dist/policy-matrix.worker.js');
      if (existsSync(worker)) files.set('/app/policy-matrix.worker.js', { type: JS, body: readFileSync(worker) });
      files.set('/app/', {
        type: 'text/html; charset=utf-8',
        body: page('/app/policy-matrix.js', '<policy-matrix></policy-matrix><script type="module">const m = new URLSearchParams(location.search).get("matrix"); if (m) document.querySelector("policy-matrix").src = m;</script>'),
      });
    }
    return files;
  }
}
