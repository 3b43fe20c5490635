/**
 * What `npm run build` ships (run it first; `npm test` does): package exports that resolve,
 * a side-effect-free library entry and one that registers the tags, `sideEffects` naming
 * exactly the modules that register, a custom-elements.json that documents every public
 * element and points at the built modules, and a package (`npm pack`) that holds what runs —
 * every file its code loads, no source maps — with Lit as a peer dependency.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json'));

function built(): void {
  if (!existsSync(join(ROOT, 'dist/esm/index.js')) || !existsSync(join(ROOT, 'custom-elements.json'))) {
    throw new Error('dist/ or custom-elements.json is missing: run `npm run build` first');
  }
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : [path];
  });
}

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: { name: string; description?: string }[];
  members?: { kind: string; name: string; privacy?: string; description?: string }[];
  events?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  slots?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[] }[];
}

/** The elements a page places itself, with what each must document. */
const EMBEDDABLE: Record<string, { attributes: string[]; events: string[]; parts: string[] }> = {
  'policy-matrix': {
    attributes: ['src', 'jurisdictions', 'dimensions', 'read-only', 'theme'],
    events: ['policy-cell-select', 'policy-cell-change', 'policy-citation-open'],
    parts: ['base', 'grid', 'message'],
  },
  'policy-compare': {
    attributes: ['src', 'jurisdictions', 'dimensions', 'read-only', 'theme'],
    events: ['policy-cell-select', 'policy-cell-change', 'policy-citation-open'],
    parts: ['base', 'message'],
  },
  'policy-briefing': { attributes: ['src', 'jurisdictions', 'dimensions', 'theme'], events: [], parts: ['base', 'message'] },
};

const THEME_PROPERTIES = ['--policy-matrix-color', '--policy-matrix-background', '--policy-matrix-accent-color', '--policy-matrix-font-family'];

describe('package exports', () => {
  it('resolve to built files', () => {
    built();
    const targets: string[] = [];
    for (const value of Object.values(pkg.exports) as (string | Record<string, string>)[]) {
      targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
    }
    targets.push(pkg.main, pkg.module, pkg.types, pkg.customElements);
    for (const target of targets) expect(existsSync(join(ROOT, target)), target).toBe(true);
    expect(pkg.exports['.'].import).toBe('./dist/esm/index.js');
    expect(pkg.exports['./define'].import).toBe('./dist/esm/define.js');
    expect(pkg.exports['./bundle']).toBe('./dist/policy-matrix.js');
  });

  it('"." exports the classes without registering a tag; "./define" registers every tag', async () => {
    built();
    const registry = () => (globalThis as unknown as { customElements?: CustomElementRegistry }).customElements;
    const lib = await import(join(ROOT, 'dist/esm/index.js'));
    expect(typeof lib.PolicyMatrix).toBe('function');
    expect(typeof lib.PolicyCompare).toBe('function');
    expect(typeof lib.PolicyBriefing).toBe('function');
    expect(registry()?.get('policy-matrix')).toBeUndefined();
    await import(join(ROOT, 'dist/esm/define.js'));
    for (const tag of Object.keys(EMBEDDABLE)) expect(registry()?.get(tag), tag).toBeDefined();
    expect(registry()?.get('policy-matrix')).toBe(lib.PolicyMatrix);
  });

  it('sideEffects lists exactly the modules that register tags (and the bundle)', () => {
    built();
    const listed = new Set<string>(pkg.sideEffects);
    const registering = files('dist/esm')
      .filter((f) => f.endsWith('.js') && read(f).includes('customElements.define('))
      .map((f) => `./${f}`);
    expect(registering.length).toBeGreaterThanOrEqual(10);
    for (const f of registering) expect(listed.has(f), `${f} registers a tag but is not in sideEffects`).toBe(true);
    for (const f of registering) expect(listed.has(f.replace('./dist/esm/', './src/').replace(/\.js$/, '.ts')), `its source of ${f}`).toBe(true);
    for (const f of listed) expect(existsSync(join(ROOT, f)), `${f} is in sideEffects but does not exist`).toBe(true);
    expect([...listed].filter((f) => f.includes('.component.') || f.endsWith('index.js'))).toEqual([]);
    expect(listed.has('./dist/esm/define.js') && listed.has('./dist/policy-matrix.js')).toBe(true);
  });
});

describe('custom-elements.json', () => {
  const manifest = (): Manifest => {
    built();
    return JSON.parse(read('custom-elements.json'));
  };
  const elements = () => manifest().modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ module: m.path, d })));

  it('points at the built modules, never at TypeScript sources', () => {
    const m = manifest();
    for (const mod of m.modules) {
      expect(mod.path, mod.path).toMatch(/^dist\/esm\/.*\.js$/);
      expect(existsSync(join(ROOT, mod.path)), mod.path).toBe(true);
      for (const e of mod.exports ?? []) {
        if (e.declaration.module) {
          expect(e.declaration.module, `${mod.path} → ${e.name}`).toMatch(/^dist\/esm\/.*\.js$/);
          expect(existsSync(join(ROOT, e.declaration.module)), e.declaration.module).toBe(true);
        }
      }
    }
    const definitions = m.modules.flatMap((mod) => (mod.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
    for (const tag of Object.keys(EMBEDDABLE)) expect(definitions).toContain(tag);
  });

  it('documents every element: a summary, and a description for each attribute, event, part and custom property', () => {
    const all = elements();
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const { d } of all) {
      expect(d.tagName, d.name).toBeTruthy();
      expect((d.summary ?? d.description ?? '').length, `${d.tagName} has no @summary`).toBeGreaterThan(20);
      for (const list of [d.attributes, d.events, d.cssParts, d.cssProperties]) {
        for (const item of list ?? []) expect(item.description ?? '', `${d.tagName}: ${item.name} is not described`).not.toBe('');
      }
    }
  });

  it('gives the embeddable elements their attributes, events, parts and theme properties', () => {
    const byTag = new Map(elements().map(({ d }) => [d.tagName!, d]));
    for (const [tag, want] of Object.entries(EMBEDDABLE)) {
      const d = byTag.get(tag)!;
      const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);
      expect(names(d.attributes), `${tag} attributes`).toEqual(expect.arrayContaining(want.attributes));
      expect(names(d.events), `${tag} events`).toEqual(expect.arrayContaining(want.events));
      expect(names(d.cssParts), `${tag} parts`).toEqual(expect.arrayContaining(want.parts));
      expect(names(d.cssProperties), `${tag} custom properties`).toEqual(expect.arrayContaining(THEME_PROPERTIES));
    }
  });
});

describe('the npm package', () => {
  const packed = (): { files: { path: string; size: number }[]; size: number; unpackedSize: number } => {
    built();
    // --ignore-scripts: list what `npm run build` made (prepack would build again).
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout)[0];
  };

  it('holds every file its code loads, and no source maps, sources or tests', () => {
    const pack = packed();
    const paths = new Set(pack.files.map((f) => f.path));
    for (const needed of [
      'bin/policy-matrix.js', 'dist/cli.js', 'dist/policy-matrix.js', 'dist/policy-matrix.worker.js',
      'dist/elements/policy-matrix.js', 'dist/elements/policy-compare.js', 'dist/elements/policy-briefing.js',
      'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/define.js', 'dist/esm/worker/load.worker.js',
      'dist/esm/components/policy-matrix/ag-grid.js', 'custom-elements.json', 'README.md', 'package.json',
    ]) {
      expect(paths.has(needed), needed).toBe(true);
    }
    const unwanted = [...paths].filter((p) => p.endsWith('.map') || /^(src|tests|bench|scripts|matrices|node_modules|dist\/bench)\//.test(p));
    expect(unwanted).toEqual([]);
    // Every relative import, dynamic import and `new URL(…, import.meta.url)` of a shipped
    // module names a shipped file; every bare import is a dependency or a peer dependency.
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const missing: string[] = [];
    for (const file of [...paths].filter((p) => p.endsWith('.js'))) {
      // Without comments (tsc keeps them; they quote code).
      const code = read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const specifiers = [
        ...code.matchAll(/(?:^|[;\n])\s*(?:import|export)\s*(?:[\w*$\s{},]*?\bfrom\s*)?["']([^"']+)["']/g),
        ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g),
      ].map((m) => m[1]);
      for (const spec of specifiers) {
        // Only in a clone, to build dist/cli.js from the sources (the package ships it built).
        if (file === 'bin/policy-matrix.js' && ['../scripts/build-cli.mjs', '../src/'].includes(spec)) continue;
        // Only in a clone too: the team server builds the app from src/app/ with esbuild when
        // it is there (a devDependency), and serves the built bundle otherwise.
        if (file === 'dist/cli.js' && spec === 'esbuild') continue;
        if (spec.startsWith('.')) {
          const target = posix.normalize(posix.join(posix.dirname(file), spec));
          if (!paths.has(target)) missing.push(`${file} → ${spec}`);
        } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (!declared.has(name)) missing.push(`${file} → ${spec} (not a dependency)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  // What it holds: the embed bundle (AG Grid's chunk alone is 0.75 MB raw), the unbundled
  // modules, the command line (0.8 MB, with the team server) and the elements' manifest; source
  // maps would add several MB. Without team mode it packs to 1.25 MB (4.35 MB unpacked); team
  // mode adds about 0.13 MB packed (0.48 MB unpacked): the live client (Yjs and the Hocuspocus
  // provider, a chunk of the embed bundle loaded only when a matrix is joined), its modules in
  // dist/esm, and the server in the command line. The features since (datasets, the codebook,
  // team mode's own growth) brought it to 1.40 MB packed (4.9 MB unpacked) in December 2026,
  // and the team server's kept answer to joiners (src/sync/server/join-cache.ts) 1.4 KB past
  // that, its latency under 20 editors (one write per connection per turn, checkpoints off its
  // thread, merges without a scan) 1.5 KB more, and the check's codebook warnings placed when
  // read (a module in the embed bundle, the worker's, the command line and dist/esm) 6 KB more;
  // docs/performance.md (a history of measurements, about 30 KB packed) stays in the repository.
  it('is small: under 1.42 MB packed and 5 MB unpacked', () => {
    const pack = packed();
    expect(pack.size).toBeLessThan(1.42 * 1024 * 1024);
    expect(pack.unpackedSize).toBeLessThan(5 * 1024 * 1024);
  });

  it('takes Lit from the application (peer dependencies with ranges), and runs no script when installed', () => {
    for (const name of ['lit', '@lit/context']) {
      expect(pkg.dependencies?.[name], `${name} in dependencies`).toBeUndefined();
      expect(pkg.peerDependencies?.[name], `${name} peer range`).toMatch(/^\^\d+\.\d+\.\d+$/);
      // The project itself builds and tests against one exact version.
      expect(pkg.devDependencies?.[name], `${name} for the project`).toMatch(/^\d+\.\d+\.\d+$/);
    }
    for (const hook of ['prepare', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts?.[hook], hook).toBeUndefined();
    // Packing builds what the package ships.
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('runs the command line in a clone where nothing is built yet (it builds dist/cli.js first)', () => {
    const clone = mkdtempSync(join(tmpdir(), 'policy-matrix-clone-'));
    try {
      for (const part of ['bin', 'src', 'scripts', 'package.json']) cpSync(join(ROOT, part), join(clone, part), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
      expect(existsSync(join(clone, 'dist'))).toBe(false);
      const r = spawnSync(process.execPath, [join(clone, 'bin/policy-matrix.js'), 'validate', join(ROOT, 'matrices/eu-north-america')], { cwd: clone, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/0 errors/);
      expect(existsSync(join(clone, 'dist/cli.js'))).toBe(true);
      // After a change to the sources (a pull), the next run builds again: it runs the checkout's code.
      const before = statSync(join(clone, 'dist/cli.js')).mtimeMs;
      const later = new Date(Date.now() + 5000);
      utimesSync(join(clone, 'src/cli/main.ts'), later, later);
      const again = spawnSync(process.execPath, [join(clone, 'bin/policy-matrix.js'), 'validate', join(ROOT, 'matrices/eu-north-america')], { cwd: clone, encoding: 'utf8' });
      expect(again.status).toBe(0);
      expect(statSync(join(clone, 'dist/cli.js')).mtimeMs).toBeGreaterThan(before);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 60_000);
});
