/**
 * The bench cases, shared by the Node and Chromium halves: three generated sizes and the
 * real passport-index dataset (matrices/sources/passport-index, run from the project folder).
 * Data is made on demand (the large case takes a few seconds to generate).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, SIZES, type GeneratedMatrix } from './generate.ts';
import { passportMatrix } from './passport.ts';

export interface BenchCase {
  /** Short name, as given on the command line (`npm run bench -- large`). */
  key: string;
  /** Label of the figures (the same in both halves). */
  size: string;
  runs: number;
  data: () => GeneratedMatrix;
}

export const PASSPORT_CSV = join(process.cwd(), 'matrices', 'sources', 'passport-index', 'passport-index-tidy.csv');

export function benchCases(only?: string): BenchCase[] {
  const cases: BenchCase[] = [
    ...SIZES.map((s) => ({
      key: s.name,
      size: `${s.name} (${s.jurisdictions}×${s.dimensions}, ${s.citations / 1000}k citations, ${s.sourceBytes / 1e6} MB source)`,
      // Loads at the largest size vary by ±20 % from run to run on the bench machine: nine runs give a steadier median.
      runs: s.name === 'large' ? 9 : 7,
      data: () => generate(s),
    })),
    { key: 'passport', size: 'passport-index (199×199, real data)', runs: 7, data: () => passportMatrix(readFileSync(PASSPORT_CSV, 'utf8')) },
  ];
  return cases.filter((c) => !only || c.key.startsWith(only) || c.size.startsWith(only));
}
