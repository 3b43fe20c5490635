import { mkdirSync, writeFileSync } from 'node:fs';
import { printFigures } from './measure.ts';
import { nodeFigures } from './node-bench.ts';

const figures = await nodeFigures(process.argv[2]);
printFigures(figures);
mkdirSync('dist/bench', { recursive: true });
writeFileSync('dist/bench/node-figures.json', JSON.stringify(figures, null, 2));
