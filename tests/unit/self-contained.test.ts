/**
 * The tests and benchmarks need nothing beside the project: a fresh clone with nothing next
 * to it passes `npm ci && npm test` (which `.ci/run` proves in a clone of its own). This
 * catches, early and with a file name, a test or benchmark that reaches for a folder beside
 * the project or an absolute path of one machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : files(path);
    return /\.(ts|mjs|js|cjs)$/.test(e.name) ? [path] : [];
  });
}

const SELF = join('tests', 'unit', 'self-contained.test.ts');
const CODE = [
  ...files('tests').filter((f) => f !== SELF), ...files('bench'), ...files('scripts'),
  ...readdirSync(root).filter((f) => /\.config\.(ts|mjs|js)$/.test(f)),
];

/** A path out of the project: `../shared`, `'..', 'shared'`, three `..` from tests/unit, or /work/… */
const OUTSIDE = [
  /\.\.\/shared\b/,
  /['"]\.\.['"]\s*,\s*['"]shared['"]/,
  /['"]\.\.['"]\s*,\s*['"]\.\.['"]\s*,\s*['"]\.\.['"]/,
  /['"`]\/work\//,
];

describe('tests and benchmarks read only the project and the temporary folders they make', () => {
  it('finds the code it checks', () => {
    expect(CODE).toContain(join('tests', 'unit', 'csv-conformance.test.ts'));
    expect(CODE).toContain(join('bench', 'cases.ts'));
    expect(CODE).toContain('web-test-runner.config.mjs');
  });

  it.each(CODE)('%s names no path outside the project', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const found = text.split('\n').flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
    expect(found).toEqual([]);
  });
});
