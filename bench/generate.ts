/**
 * Deterministic generated matrices for benchmarks: N jurisdictions × M dimensions, C
 * citations cut from a generated print-like source text (hard line breaks, end-of-line
 * hyphens) of about S bytes. Same seed, same bytes.
 */
import { withFoundPositions } from '../src/model/check/positions.ts';
import { saveMatrix } from '../src/model/format/save.ts';
import type { Cell, Citation, Dimension, Jurisdiction, Level, Matrix } from '../src/model/types.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../src/model/make.ts';
import { random as rng } from '../tests/unit/support/random.ts';

export interface BenchSize {
  name: string;
  jurisdictions: number;
  dimensions: number;
  citations: number;
  sourceBytes: number;
}

export const SIZES: BenchSize[] = [
  { name: 'small', jurisdictions: 20, dimensions: 50, citations: 2_000, sourceBytes: 100_000 },
  { name: 'medium', jurisdictions: 100, dimensions: 200, citations: 40_000, sourceBytes: 2_000_000 },
  { name: 'large', jurisdictions: 200, dimensions: 500, citations: 200_000, sourceBytes: 10_000_000 },
];

const SYLLABLES = ['ra', 'po', 'li', 'cy', 'bor', 'der', 'vi', 'sa', 'as', 'y', 'lum', 'de', 'ten', 'tion', 'in', 'tel', 'se', 'cu', 'ri', 'ty', 'mi', 'gra', 'na', 'ex', 'com', 'par', 'ti', 've'];

export interface GeneratedMatrix {
  /** The matrix folder as the tool saves it after an export or `policy-matrix format`: with each citation's position. */
  files: Record<string, string>;
  /** The same folder without positions (written before they existed, or by another tool): every quote is looked up. */
  filesWithoutPositions: Record<string, string>;
  source: string;
  matrix: Matrix;
}

/** The generated matrix with each found quote's position, as an export or `policy-matrix format` writes it. */
export function positioned(files: Record<string, string>, source: string, matrix: Matrix): GeneratedMatrix {
  const withPositions = withFoundPositions(matrix, new Map(matrix.sources.map((s) => [s.id, source])));
  return { files: saveMatrix(withPositions), filesWithoutPositions: files, source, matrix: withPositions };
}

export function generate(size: BenchSize, seed = 42): GeneratedMatrix {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const vocabulary = Array.from({ length: 6000 }, () => {
    let w = '';
    const n = 1 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w;
  });

  // Source: logical words, printed in lines of ≤ 72 characters with some end-of-line hyphens.
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  let lineLength = 0;
  while (text.length < size.sourceBytes) {
    const w = pick(vocabulary) + (random() < 0.08 ? '.' : random() < 0.05 ? ',' : '');
    words.push(w);
    if (lineLength + w.length + 1 > 72) {
      if (w.length > 6 && random() < 0.3) {
        const cut = 3 + Math.floor(random() * (w.length - 5));
        starts.push(text.length);
        text += `${w.slice(0, cut)}-\n${w.slice(cut)}`;
        ends.push(text.length);
        lineLength = w.length - cut;
        text += ' ';
        continue;
      }
      text += '\n';
      lineLength = 0;
    }
    starts.push(text.length);
    text += w;
    ends.push(text.length);
    text += ' ';
    lineLength += w.length + 1;
  }

  const jurisdictions: Jurisdiction[] = Array.from({ length: size.jurisdictions }, (_, i) => ({
    id: `j${i + 1}`, label: `Jurisdiction ${i + 1}`, group: `Group ${(i % 5) + 1}`, order: i + 1,
  }));
  const levels: Level[] = ['none', 'low', 'medium', 'high', 'full'].map((id, i) => makeLevel({
    scale: 'depth', rank: i + 1, id, label: id[0].toUpperCase() + id.slice(1), definition: `Level ${i + 1} of 5`,
  }));
  const types = ['ordinal', 'ordinal', 'ordinal', 'ordinal', 'number', 'number', 'date', 'boolean', 'text', 'text'] as const;
  const dimensions: Dimension[] = Array.from({ length: size.dimensions }, (_, i) => {
    const valueType = types[i % types.length];
    return makeDimension({
      id: `d${i + 1}`, label: `Dimension ${i + 1}`, definition: `What dimension ${i + 1} measures`, theme: `Theme ${(i % 8) + 1}`,
      valueType, scale: valueType === 'ordinal' ? 'depth' : '', unit: valueType === 'number' ? '%' : '', order: i + 1,
    });
  });
  const cells: Cell[] = [];
  const supported: Cell[] = [];
  for (const d of dimensions) {
    for (const j of jurisdictions) {
      const inSource = random() < 0.8;
      let value = '';
      let level = '';
      if (inSource) {
        if (d.valueType === 'ordinal') {
          const l = pick(levels);
          level = l.id;
          value = `${l.label} ${pick(vocabulary)}`;
        } else if (d.valueType === 'number') value = String(Math.floor(random() * 1000) / 10);
        else if (d.valueType === 'date') value = `${1990 + Math.floor(random() * 30)}`;
        else if (d.valueType === 'boolean') value = random() < 0.5 ? 'yes' : 'no';
        else value = `${pick(vocabulary)} ${pick(vocabulary)}, ${pick(vocabulary)}`;
      }
      const cell: Cell = makeCell({ dimension: d.id, jurisdiction: j.id, value, level, status: inSource ? 'supported' : 'not_in_source' });
      cells.push(cell);
      if (inSource) supported.push(cell);
    }
  }
  const citations: Citation[] = [];
  const seqOf = new Map<Cell, number>();
  for (let k = 0; k < size.citations; k++) {
    // Every supported cell gets one citation first, then the rest at random.
    const cell = k < supported.length ? supported[k] : pick(supported);
    const seq = (seqOf.get(cell) ?? 0) + 1;
    seqOf.set(cell, seq);
    const n = 10 + Math.floor(random() * 10);
    const i = Math.floor(random() * (words.length - n));
    citations.push(makeCitation({
      dimension: cell.dimension, jurisdiction: cell.jurisdiction, seq, source: 'src',
      quote: words.slice(i, i + n).join(' '), locator: `p. ${1 + Math.floor(starts[i] / 3000)}`,
    }));
  }
  const matrix: Matrix = {
    name: `generated-${size.name}`, title: `Generated ${size.name} matrix`, description: 'Generated for benchmarks.',
    jurisdictions, dimensions, levels, cells, citations,
    sources: [{ id: 'src', title: 'Generated source', authors: '', year: '2026', path: 'source.txt' }],
    extraColumns: {}, descriptorExtras: {},
  };
  void ends;
  return positioned(saveMatrix(matrix), text, matrix);
}
