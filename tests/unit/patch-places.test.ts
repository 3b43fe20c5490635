import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTablePatch, type TablePatch } from '../../src/model/edit/patch.ts';
import { LayeredMap } from '../../src/model/collections/layered-map.ts';

/**
 * A big table's objects are found through places carried from version to version (patch.ts):
 * whatever the history — runs of replacements, rows removed and inserted, undo, patches of an
 * older version (a branch) — a patch gives exactly what a plain search would, and a patch that
 * names an object not in the table is refused.
 */
type Row = { id: number };
const SIZE = 5000; // past the size from which tables keep their places

/** The reference: each object searched for in the table, replaced, removed, inserted. */
function reference(array: readonly Row[], patch: TablePatch<Row>): Row[] {
  let out = array.map((row) => {
    const swap = patch.replace?.find(([from]) => from === row);
    return swap ? swap[1] : row;
  });
  out = out.filter((row) => !patch.remove?.includes(row));
  for (const [i, row] of [...(patch.insert ?? [])].sort((a, b) => a[0] - b[0])) out.splice(i, 0, row);
  return out;
}

const step = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'insert', 'undo', 'branch'),
  picks: fc.uniqueArray(fc.nat({ max: SIZE - 200 }), { minLength: 1, maxLength: 30 }),
  back: fc.nat({ max: 20 }),
});

describe('a table patch on a big table (places carried between versions)', () => {
  it('gives what a plain search gives, through any history of patches', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        let next = SIZE;
        const first = Array.from({ length: SIZE }, (_, id) => ({ id }));
        const versions: { rows: Row[]; inverse?: TablePatch<Row> }[] = [{ rows: first }];
        for (const { kind, picks, back } of steps) {
          const at = kind === 'branch' ? Math.max(0, versions.length - 1 - back) : versions.length - 1;
          const { rows, inverse } = versions[at];
          let patch: TablePatch<Row>;
          if (kind === 'undo' && inverse) patch = inverse;
          else if (kind === 'remove') patch = { remove: picks.map((i) => rows[i % rows.length]).filter((r, k, all) => all.indexOf(r) === k) };
          else if (kind === 'insert') patch = { insert: picks.map((i, k) => [Math.min(i, rows.length + k), { id: next++ }] as const) };
          else patch = { replace: [...new Set(picks.map((i) => rows[i % rows.length]))].map((row) => [row, { id: next++ }] as const) };
          const expected = reference(rows, patch);
          const result = applyTablePatch(rows, patch);
          expect(result.array).toEqual(expected);
          expect(result.array.every((row, i) => row === expected[i])).toBe(true);
          versions.push({ rows: result.array, inverse: result.inverse });
        }
        // An object of an older version, replaced since, is not in the newest table.
        const last = versions.at(-1)!.rows;
        const gone = first.filter((row) => !last.includes(row)).slice(0, 12);
        if (gone.length) expect(() => applyTablePatch(last, { replace: gone.map((row) => [row, { id: -1 }] as const) })).toThrow(/not in its table/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('LayeredMap', () => {
  it('holds what a Map given the same changes holds, through its folds', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.nat({ max: 3000 }), fc.option(fc.nat(), { nil: undefined })), { minLength: 50, maxLength: 400 }), { minLength: 2, maxLength: 12 }), (batches) => {
        const start = new Map(Array.from({ length: 2000 }, (_, i) => [i, i] as [number, number]));
        let layered = LayeredMap.from(new Map(start));
        const model = new Map(start);
        for (const batch of batches) {
          layered = layered.with(batch);
          for (const [k, v] of batch) {
            if (v === undefined) model.delete(k);
            else model.set(k, v);
          }
          expect(layered.size).toBe(model.size);
          const sorted = (m: Iterable<[number, number]>) => [...m].sort((a, b) => a[0] - b[0]);
          expect(sorted(layered)).toEqual(sorted(model));
          for (const k of [0, 1999, 2500]) expect(layered.get(k)).toBe(model.get(k));
        }
      }),
      { numRuns: 40 },
    );
  });
});
