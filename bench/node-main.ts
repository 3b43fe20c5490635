import { mkdirSync, writeFileSync } from 'node:fs';
import { printFigures } from './measure.ts';
import { nodeFigures } from './node-bench.ts';
import { searchFigures } from './search-bench.ts';
import { datasetFigures } from './dataset-bench.ts';
import { syncFigures } from './sync-bench.ts';

const key = process.argv[2];
const figures = key === 'search' ? await searchFigures() : key === 'dataset' ? await datasetFigures() : key === 'sync' ? await syncFigures() : await nodeFigures(key);
printFigures(figures);
mkdirSync('dist/bench', { recursive: true });
writeFileSync('dist/bench/node-figures.json', JSON.stringify(figures, null, 2));
