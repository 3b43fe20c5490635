import fc from 'fast-check';
import Papa from 'papaparse';
import { looksLikeFormula } from '../../src/model/format/csv/formula-guard.ts';
import { describe, expect, it } from 'vitest';
import { sourcePathRefusal } from '../../src/model/format/confine.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { FORMAT_VERSION } from '../../src/model/format/schema.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../../src/model/make.ts';
import { EVIDENCE_TYPES, SOURCE_KINDS, type Cell, type Citation, type Dimension, type Jurisdiction, type Level, type Matrix, type Source, type ValueType } from '../../src/model/types.ts';

/** Text that stresses CSV and spreadsheets: separators, quotes, line breaks, formula triggers, other scripts. */
const nasty = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(',', '"', '\n', '\r\n', '\r', '=', '+', '-', '@', "'", ' ', '\t', ';') },
    { weight: 2, arbitrary: fc.constantFrom('é', 'ж', '中', 'ع', 'ש', 'ह', '😀', 'ﬁ', '“', '”', '—') },
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 24,
});
const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const nonEmpty = nasty.filter((s) => s !== '');
const nonBlank = nasty.filter((s) => s.trim() !== '');
/** An optional column's value: not recorded (undefined: saved as an empty field) or any non-empty text. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** A path the original or the map may have: in the matrix folder or ../sources/ (see confine.ts), with nasty characters in its name. */
const confinedPath = fc
  .tuple(fc.constantFrom('', 'sources/', '../sources/', 'a b/'), nonBlank)
  .map(([folder, name]) => `${folder}${name.replace(/[/\\\u0000-\u001f\u007f]/g, '_')}`)
  .filter((path) => sourcePathRefusal(path) === undefined);
/** The optional columns of sources.csv: valid values, and nasty text where the column takes any text. */
const sourceExtras = fc.record({
  kind: maybe(fc.constantFrom(...SOURCE_KINDS)),
  original: maybe(confinedPath),
  map: maybe(confinedPath),
  sha256: maybe(hex64),
  textSha256: maybe(hex64),
  url: maybe(fc.webUrl()),
  archiveUrl: maybe(fc.webUrl()),
  retrieved: maybe(date),
  evidenceType: maybe(fc.constantFrom(...EVIDENCE_TYPES)),
  publisher: maybe(nonEmpty),
});

const matrixArb: fc.Arbitrary<Matrix> = fc
  .record({
    title: nasty,
    description: nasty,
    jurisdictionIds: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    dimensionIds: fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    levelIds: fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
    labels: fc.array(nasty, { minLength: 12, maxLength: 12 }),
    types: fc.array(fc.constantFrom<ValueType>('ordinal', 'number', 'date', 'boolean', 'text'), { minLength: 4, maxLength: 4 }),
    cellSeeds: fc.array(fc.record({ status: fc.constantFrom('supported', 'not_in_source', 'draft'), text: nonEmpty, note: nasty, num: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), pick: fc.nat() }), { minLength: 16, maxLength: 16 }),
    quotes: fc.array(fc.record({ quote: nonBlank, prefix: nasty, suffix: nasty, locator: nasty }), { minLength: 16, maxLength: 16 }),
    citationCounts: fc.array(fc.nat({ max: 2 }), { minLength: 16, maxLength: 16 }),
    sourceExtras,
    // Format 2: the codebook, cells in time, kinds of support.
    codebook: fc.array(fc.record({ basis: fc.constantFrom('', 'de_jure', 'de_facto' as const), rules: nasty, direction: fc.constantFrom('', 'restrictive', 'integrated') }), { minLength: 4, maxLength: 4 }),
    needsAbsolute: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    times: fc.array(fc.record({
      periods: fc.nat({ max: 2 }),
      from: fc.constantFrom('', '1995', '2001-12', '2003-06-30'),
      until: fc.constantFrom('', '', '2004', '2010-01'),
      confidence: fc.constantFrom('', 'high', 'medium', 'low' as const),
      relative: fc.boolean(),
      support: fc.constantFrom('states', 'reports', 'infers' as const),
      attribution: nasty,
    }), { minLength: 16, maxLength: 16 }),
  })
  .map((r) => {
    const jurisdictions: Jurisdiction[] = r.jurisdictionIds.map((jid, i) => ({ id: jid, label: r.labels[i] || jid, group: r.labels[i + 4], order: i + 1 }));
    const levels: Level[] = r.levelIds.map((lid, i) => makeLevel({ scale: 'scale-1', rank: i + 1, id: lid, label: r.labels[8 + i] || lid, definition: r.labels[11], needsAbsolute: r.needsAbsolute[i] }));
    const dimensions: Dimension[] = r.dimensionIds.map((did, i) => {
      const valueType = r.types[i];
      return makeDimension({
        id: did, label: r.labels[i] || did, definition: r.labels[(i + 1) % 12], theme: r.labels[(i + 2) % 12], valueType,
        scale: valueType === 'ordinal' ? 'scale-1' : '', unit: valueType === 'number' ? r.labels[(i + 3) % 12] : '', order: i + 1,
        basis: r.codebook[i].basis, codingRules: r.codebook[i].rules, direction: r.codebook[i].direction,
      });
    });
    const cells: Cell[] = [];
    const citations: Citation[] = [];
    let k = 0;
    for (const d of dimensions) {
      for (const j of jurisdictions) {
        const seed = r.cellSeeds[k % 16];
        const status = seed.status as Cell['status'];
        let value = '';
        let level = '';
        if (status !== 'not_in_source') {
          if (d.valueType === 'number') value = String(Math.round(seed.num * 100) / 100);
          else if (d.valueType === 'date') value = ['2001', '2004-12', '2006-03-23'][seed.pick % 3];
          else if (d.valueType === 'boolean') value = seed.pick % 2 ? 'yes' : 'no';
          else value = seed.text;
          if (d.valueType === 'ordinal') level = levels[seed.pick % levels.length].id;
        }
        const t = r.times[k % 16];
        // A pair has one value, or up to two more later ones (format 2's periods).
        for (let period = 1; period <= 1 + t.periods; period++) {
          cells.push(makeCell({
            dimension: d.id, jurisdiction: j.id, period, value, level, status, note: seed.note,
            observed: seed.pick % 2 ? '2005' : '', inForceFrom: period === 1 ? t.from : `${2004 + period}`,
            // The last period may have ended (after it began: the loader refuses an end before the start).
            inForceUntil: period < 1 + t.periods ? '' : period === 1 ? t.until : t.until && '2010-01',
            confidence: t.confidence, relative: t.relative,
          }));
          for (let s = 1; s <= r.citationCounts[(k + period - 1) % 16]; s++) {
            const q = r.quotes[(k + s) % 16];
            citations.push(makeCitation({ dimension: d.id, jurisdiction: j.id, period, seq: s, source: 'src', ...q, support: t.support, attribution: t.attribution }));
          }
        }
        k++;
      }
    }
    return {
      name: 'random', title: r.title, description: r.description, jurisdictions, dimensions, levels, cells, citations,
      sources: [{
        id: 'src', title: r.labels[0] || 'Source', authors: r.labels[1], year: '2007', path: 'source.txt',
        ...Object.fromEntries(Object.entries(r.sourceExtras).filter(([, v]) => v !== undefined)),
      } as Source],
      extraColumns: {}, descriptorExtras: {},
    };
  });

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
