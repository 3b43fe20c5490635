import fc from 'fast-check';
import Papa from 'papaparse';
import { looksLikeFormula } from '../../src/model/format/csv/formula-guard.ts';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { FORMAT_VERSION } from '../../src/model/format/schema.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../../src/model/make.ts';
import { matrixArb, nasty } from './support/matrix-arbitrary.ts';

describe('canonical CSV round trip (property-based)', () => {
  it('save → load gives back exactly the matrix, and saving again gives the same bytes', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const files = saveMatrix(matrix);
        const { matrix: loaded, problems } = loadMatrix('random', files);
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(loaded).toEqual(matrix);
        expect(saveMatrix(loaded)).toEqual(files);
      }),
      { numRuns: 300 },
    );
  });

  it('load → edit → save → load gives exactly the edited matrix', () => {
    fc.assert(
      fc.property(matrixArb, nasty, nasty, fc.nat(), (matrix, note, quote, pick) => {
        const { matrix: loaded } = loadMatrix('random', saveMatrix(matrix));
        const i = pick % loaded.cells.length;
        const edited: Matrix = {
          ...loaded,
          cells: loaded.cells.map((c, n) => (n === i ? { ...c, note } : c)),
          citations: loaded.citations.map((c, n) => (n === 0 ? { ...c, quote: quote || 'q' } : c)),
        };
        const reloaded = loadMatrix('random', saveMatrix(edited)).matrix;
        expect(reloaded).toEqual(edited);
      }),
      { numRuns: 200 },
    );
  });

  it('no field of a saved file starts with a formula trigger', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        for (const [file, text] of Object.entries(saveMatrix(matrix))) {
          if (!file.endsWith('.csv')) continue;
          // Read the file as a spreadsheet would (no unescaping) and look at every field.
          const fields = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
          expect(fields.filter(looksLikeFormula), file).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * The files format 1 wrote for a matrix: the same tables without format 2's columns, cells.csv
 * with `as_of` (now `observed`) in its place, and `policyMatrixFormat: 1`. Made from the
 * canonical format 2 files by dropping and renaming columns, field text untouched.
 */
function formatOneFiles(files: Record<string, string>): Record<string, string> {
  const V1: Record<string, string[]> = {
    'dimensions.csv': ['id', 'label', 'definition', 'theme', 'value_type', 'scale', 'unit', 'order'],
    'scales.csv': ['scale', 'rank', 'level', 'label', 'definition'],
    'cells.csv': ['dimension', 'jurisdiction', 'value', 'level', 'observed', 'status', 'note'],
    'citations.csv': ['dimension', 'jurisdiction', 'seq', 'source', 'quote', 'prefix', 'suffix', 'locator', 'start', 'end'],
  };
  const out = { ...files };
  for (const [file, columns] of Object.entries(V1)) {
    const rows = Papa.parse<string[]>(files[file], { skipEmptyLines: true }).data;
    const at = columns.map((c) => rows[0].indexOf(c));
    expect(at).not.toContain(-1);
    const header = columns.map((c) => (c === 'observed' ? 'as_of' : c));
    out[file] = Papa.unparse([header, ...rows.slice(1).map((r) => at.map((i) => r[i]))], { newline: '\n' }) + '\n';
  }
  const descriptor = JSON.parse(files['datapackage.json']) as Record<string, unknown>;
  out['datapackage.json'] = JSON.stringify({ ...descriptor, policyMatrixFormat: 1 });
  return out;
}

/** A matrix format 1 can hold: one period per pair, no codebook, every citation a statement. */
function formatOneMatrix(m: Matrix): Matrix {
  const cells = m.cells.filter((c) => c.period === 1).map((c) => makeCell({ ...c, inForceFrom: '', inForceUntil: '', confidence: '', relative: false }));
  const citations = m.citations.filter((c) => c.period === 1).map((c) => makeCitation({ ...c, support: 'states', attribution: '' }));
  return {
    ...m, cells, citations,
    dimensions: m.dimensions.map((d) => makeDimension({ ...d, basis: '', codingRules: '', direction: '' })),
    levels: m.levels.map((l) => makeLevel({ ...l, needsAbsolute: false })),
  };
}

describe('format 1 migration (property-based)', () => {
  it('a format 1 folder loads as the same matrix (as_of read as observed), with no problem, and saves as format 2', () => {
    expect(FORMAT_VERSION).toBe(2);
    fc.assert(
      fc.property(matrixArb, (random) => {
        const matrix = formatOneMatrix(random);
        const v2 = saveMatrix(matrix);
        const v1 = formatOneFiles(v2);
        expect(v1['cells.csv'].split('\n')[0]).toBe('dimension,jurisdiction,value,level,as_of,status,note');
        const { matrix: loaded, problems } = loadMatrix('random', v1);
        expect(problems).toEqual([]);
        expect(loaded).toEqual(matrix);
        // Nothing is lost: every as_of is an observed date, and saving writes format 2.
        expect(saveMatrix(loaded)).toEqual(v2);
        expect(JSON.parse(saveMatrix(loaded)['datapackage.json']).policyMatrixFormat).toBe(2);
      }),
      { numRuns: 200 },
    );
  });
});
