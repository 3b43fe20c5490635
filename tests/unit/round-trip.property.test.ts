import fc from 'fast-check';
import Papa from 'papaparse';
import { looksLikeFormula } from '../../src/model/format/csv/formula-guard.ts';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
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
