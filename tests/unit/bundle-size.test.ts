/**
 * The embed bundle, built exactly as `npm run build` builds it (scripts/bundle.mjs), into
 * memory: what a page loads for each entry, gzipped file by file as a server sends them.
 * - one script tag (dist/policy-matrix.js): ≤ 250 KB at first load, AG Grid only on demand;
 * - a page with only <policy-compare> or only <policy-briefing>: ≤ 64 KB at first load (60 KB
 *   until the check kept its problems by entry, check-problems.ts: 0.8 KB; 62 KB until its
 *   sorted lists were kept in blocks, sorted-problems.ts, and the anchoring got its fast paths
 *   for sources below U+0100: 0.4 KB; 63 KB until its codebook warnings were placed when read,
 *   unplaced-warnings.ts, 64,694 bytes with the day's other work);
 * - AG Grid's ValidationModule in no file; the load worker beside the bundle, found by the
 *   code that starts it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, entrySizes, formatSizes, WORKER_FILE, type Bundle } from '../../scripts/bundle.mjs';

const KB = 1024;
let bundle: Bundle;
let sizes: ReturnType<typeof entrySizes>;
const text = (file: string) => Buffer.from(bundle.files.get(file)!).toString('utf8');
const inputsOf = (files: string[]) => files.flatMap((f) => Object.keys(bundle.inputs.get(f) ?? {}));
const agGrid = (input: string) => /node_modules\/(ag-grid-community|ag-stack)\//.test(input);

beforeAll(async () => {
  bundle = await buildBundle('dist');
  sizes = entrySizes(bundle);
}, 120_000);

describe('the embed bundle', () => {
  it('loads ≤ 250 KB gzipped at first for the one script tag, and AG Grid only when a grid renders', () => {
    const all = sizes['policy-matrix.js'];
    expect(all.first.gzip).toBeLessThanOrEqual(250 * KB);
    expect(inputsOf(all.first.files).filter(agGrid)).toEqual([]);
    // AG Grid comes on demand, with the load worker.
    expect(inputsOf(all.later.files).some(agGrid)).toBe(true);
    expect(all.later.files).toContain(WORKER_FILE);
    const matrixOnly = sizes['elements/policy-matrix.js'];
    expect(matrixOnly.first.gzip).toBeLessThanOrEqual(all.first.gzip);
    expect(inputsOf(matrixOnly.first.files).filter(agGrid)).toEqual([]);
  });

  it('loads ≤ 64 KB gzipped at first for a page with only <policy-compare> or only <policy-briefing>, and never AG Grid', () => {
    for (const entry of ['elements/policy-compare.js', 'elements/policy-briefing.js']) {
      const { first, later } = sizes[entry];
      expect(first.gzip, `${entry} at first load`).toBeLessThanOrEqual(64 * KB);
      expect([...inputsOf(first.files), ...inputsOf(later.files)].filter(agGrid), entry).toEqual([]);
    }
    // Each registers its own element and not the grid.
    expect(inputsOf(sizes['elements/policy-briefing.js'].first.files).some((i) => i.endsWith('policy-briefing.component.ts'))).toBe(true);
    expect(inputsOf(sizes['elements/policy-compare.js'].first.files).some((i) => i.endsWith('policy-compare.component.ts'))).toBe(true);
    expect(inputsOf(sizes['elements/policy-compare.js'].first.files).some((i) => i.endsWith('policy-matrix.component.ts'))).toBe(false);
  });

  it("ships no AG Grid ValidationModule and nothing of src/dev", () => {
    for (const [file] of bundle.files) {
      if (!file.endsWith('.js')) continue;
      expect(text(file), file).not.toContain('moduleName:"Validation"');
      expect(inputsOf([file]).filter((i) => i.includes('src/dev/')), file).toEqual([]);
    }
    // The grid still has the modules it uses (its row model, for one).
    expect([...bundle.files.keys()].some((f) => f.endsWith('.js') && text(f).includes('moduleName:"ClientSideRowModel"'))).toBe(true);
  });

  it('starts the load worker from the file beside the bundle, wherever the code that starts it lands', () => {
    const starters = [...bundle.files.keys()].filter((f) => f.endsWith('.js') && text(f).includes('import.meta.url') && text(f).includes(WORKER_FILE));
    expect(starters.length).toBeGreaterThan(0);
    for (const file of starters) {
      const depth = file.split('/').length - 1;
      expect(text(file), file).toContain(`new URL("${depth ? '../'.repeat(depth) : './'}${WORKER_FILE}",import.meta.url)`);
    }
    expect(bundle.files.has(WORKER_FILE)).toBe(true);
    expect(text(WORKER_FILE)).not.toMatch(/\bimport\s*\(|from\s*"\.\//);
  });

  it('says every entry\'s size, first and on demand, as `npm run build` prints it', () => {
    const printed = formatSizes(sizes);
    for (const entry of ['policy-matrix.js', 'elements/policy-matrix.js', 'elements/policy-compare.js', 'elements/policy-briefing.js', WORKER_FILE]) {
      expect(printed).toContain(`dist/${entry}\n  first load`);
    }
    expect(printed).toMatch(/on demand +\d+\.\d KB gzipped +\d+\.\d KB raw {2}\(.*chunks\/ag-grid-/);
  });
});
