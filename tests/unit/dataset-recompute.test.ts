/** Recomputing a small hand-made matrix after its dataset is replaced: cells and row citations, old and new. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { applyRecompute, recompute } from '../../src/model/dataset/recompute.ts';
import { readMatrix } from '../../src/model/format/read.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'matrices');
const load = (name: string) => readMatrix(folderReader(join(fixtures, name)), 'dataset');

describe('recompute after a dataset is replaced', () => {
  it('reports every cell and row citation unchanged on the data they were computed from', async () => {
    const b = await load('dataset');
    const report = recompute(b.matrix, b.datasets!, b.locations);
    expect(report.datasets.map((d) => d.status)).toEqual(['unchanged']);
    expect(report.counts.cells).toEqual({ unchanged: 9, changed: 0, orphaned: 0, unchecked: 0 });
    expect(report.counts.citations).toMatchObject({ unchanged: 2, changed: 0 });
  });

  it('a newer release (Aland needs only an eTA for Northland): the cited row changed, old and new values, and the counts that depend on it', async () => {
    const b = await load('dataset-changed');
    const report = recompute(b.matrix, b.datasets!, b.locations);
    expect(report.datasets[0].status).toBe('replaced');
    expect(report.citations.filter((c) => c.status === 'changed')).toEqual([
      expect.objectContaining({ dimension: 'aland-entry', jurisdiction: 'north', old: 'Requirement=visa required', new: 'Requirement=eta' }),
    ]);
    const changed = report.cells.filter((c) => c.status === 'changed').map((c) => [c.dimension, c.jurisdiction, c.old.value, c.new!.value]);
    expect(changed).toContainEqual(['visa-needed', 'north', '4', '3']);
    const applied = applyRecompute(b.matrix, report);
    expect(applied.citations.find((c) => c.dimension === 'aland-entry' && c.jurisdiction === 'north')!.quote).toBe('Requirement=eta');
    expect(applied.cells.find((c) => c.dimension === 'visa-needed' && c.jurisdiction === 'north')!.value).toBe('3');
    expect(applied.sources[0].sha256).toBe(b.datasets!.get('visas')!.sha256);
    // Applied, nothing is left to change.
    expect(recompute(applied, b.datasets!).counts.cells.changed).toBe(0);
  });
});
