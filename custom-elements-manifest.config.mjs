// custom-elements.json from the elements' JSDoc (@summary, @attr, @fires, @slot, @csspart,
// @cssprop). Paths are rewritten from the TypeScript sources to the built modules in
// dist/esm, so tools that read the manifest find the code that ships.
// (The analyzer writes some module references with a leading slash, `/src/…`, and those of a
// re-export relative to the module that re-exports: `./grid-controller.ts`.)
import { posix } from 'node:path';

const toBuilt = (path, from = '') =>
  (path.startsWith('.') ? posix.join(posix.dirname(from.replace(/^\//, '')), path) : path)
    .replace(/^\/?src\//, 'dist/esm/')
    .replace(/\.ts$/, '.js');

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'point-at-built-modules',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          const source = mod.path;
          mod.path = toBuilt(mod.path);
          for (const entry of [...(mod.exports ?? []), ...(mod.declarations ?? [])]) {
            if (entry.declaration?.module) entry.declaration.module = toBuilt(entry.declaration.module, source);
            if (entry.superclass?.module) entry.superclass.module = toBuilt(entry.superclass.module, source);
          }
        }
      },
    },
  ],
};
