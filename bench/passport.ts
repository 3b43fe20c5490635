/**
 * The real passport-index dataset (matrices/sources/passport-index, MIT) as a matrix: passports
 * are jurisdictions, destinations are dimensions, the requirement is the value on an
 * ordinal "ease of entry" scale. The tidy CSV itself is the source text and each cell cites
 * its own row, so anchoring runs on real, repetitive text.
 */
import { saveMatrix } from '../src/model/format/save.ts';
import type { Cell, Citation, Dimension, Jurisdiction, Level, Matrix } from '../src/model/types.ts';
import { positioned, type GeneratedMatrix } from './generate.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../src/model/make.ts';

const LEVELS: [string, string][] = [
  ['no-admission', 'No admission'], ['visa-required', 'Visa required'], ['e-visa', 'e-Visa'],
  ['eta', 'Electronic travel authorisation'], ['visa-on-arrival', 'Visa on arrival'], ['visa-free', 'Visa free'],
];

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function level(requirement: string): string {
  if (/^\d+$/.test(requirement) || requirement === 'visa free') return 'visa-free';
  return slug(requirement);
}

export function passportMatrix(tidy: string): GeneratedMatrix {
  const lines = tidy.split('\n').slice(1).filter((l) => l.trim() !== '');
  const passports = new Map<string, Jurisdiction>();
  const destinations = new Map<string, Dimension>();
  const cells: Cell[] = [];
  const citations: Citation[] = [];
  for (const line of lines) {
    const [passport, destination, requirement] = line.split(',');
    if (!passports.has(passport)) passports.set(passport, { id: slug(passport), label: passport, group: '', order: passports.size + 1 });
    if (!destinations.has(destination)) {
      destinations.set(destination, makeDimension({
        id: slug(destination), label: destination, definition: `Entry requirement for travel to ${destination}`, theme: 'Entry',
        valueType: 'ordinal', scale: 'entry', unit: '', order: destinations.size + 1,
      }));
    }
    const dimension = destinations.get(destination)!.id;
    const jurisdiction = passports.get(passport)!.id;
    if (requirement === '-1') {
      cells.push(makeCell({ dimension, jurisdiction, status: 'not_in_source', note: 'own country' }));
      continue;
    }
    const value = /^\d+$/.test(requirement) ? `${requirement} days visa free` : requirement;
    cells.push(makeCell({ dimension, jurisdiction, value, level: level(requirement), observed: '2025-01-12', status: 'supported' }));
    citations.push(makeCitation({ dimension, jurisdiction, seq: 1, source: 'passport-index', quote: line }));
  }
  const levels: Level[] = LEVELS.map(([id, label], i) => makeLevel({ scale: 'entry', rank: i + 1, id, label, definition: label }));
  const matrix: Matrix = {
    name: 'passport-index', title: 'Passport index 2025-01-12', description: 'Visa requirements between 199 countries.',
    jurisdictions: [...passports.values()], dimensions: [...destinations.values()], levels, cells, citations,
    sources: [{ id: 'passport-index', title: 'Passport Index dataset (tidy)', authors: 'Ilya Ilyankou', year: '2025', path: 'source.txt' }],
    extraColumns: {}, descriptorExtras: {},
  };
  return positioned(saveMatrix(matrix), tidy, matrix);
}
