import { mkdirSync, writeFileSync } from 'node:fs';
import { printFigures } from './measure.ts';
import { sourceFigures } from './source-pdf.ts';

const figures = await sourceFigures();
printFigures(figures);
mkdirSync('dist/bench', { recursive: true });
writeFileSync('dist/bench/source-figures.json', JSON.stringify(figures, null, 2));
