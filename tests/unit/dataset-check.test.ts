/**
 * A matrix with a dataset source, loaded and checked as a user's would be: row citations
 * found, ambiguous, orphaned or unchecked as quotes are; computed cells recomputed, a stored
 * value the data no longer gives flagged with an error naming the cell and both values; the
 * coverage and the problems counting both; and the same after the dataset is replaced.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { checkMatrix, computedOf } from '../../src/model/check/check.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { cellKey } from '../../src/model/types.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'matrices');

async function load(folder: string): Promise<MatrixBundle> {
  return readMatrix(folderReader(folder), 'dataset');
}

const check = (bundle: MatrixBundle) => checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });

/** A copy of the fixture matrix, with some files replaced. */
function copy(files: Record<string, string> = {}): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-dataset-')), 'dataset');
  cpSync(join(fixtures, 'dataset'), folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const fixtureFile = (name: string) => readFileSync(join(fixtures, 'dataset', name), 'utf8');

describe('a matrix with a dataset source', () => {
  it('loads the dataset through its Frictionless descriptor, with its licence, key and hash', async () => {
    const bundle = await load(join(fixtures, 'dataset'));
    expect(bundle.problems).toEqual([]);
    const dataset = bundle.datasets!.get('visas')!;
    expect(dataset).toMatchObject({
      file: 'data/visas.csv', descriptor: 'data/datapackage.json', rowCount: 28, licence: 'CC0-1.0',
      primaryKey: ['Passport', 'Destination'], sha256: 'b27de29e2252f7d8f35c4d3d9652f69faf2cb860bdf09a0d6aaa7d29383138b6',
    });
    expect(bundle.matrix.sources[0]).toMatchObject({ kind: 'dataset', licence: 'CC0-1.0', url: 'https://example.org/visas' });
    expect(bundle.sourceTexts.size).toBe(0);
  });

  it('recomputes every computed cell: all match, each cell supported, counted in the coverage', async () => {
    const bundle = await load(join(fixtures, 'dataset'));
    const c = check(bundle);
    expect(c.problems).toEqual([]);
    expect(c.coverage).toMatchObject({ cells: 21, supported: 11, flagged: 0, citations: 2, found: 2, computed: 9, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0 });
    expect(c.cells.get(cellKey('same-visa', 'north'))).toBe('supported');
    const computed = computedOf(c, 'differing-visa', 'north')!;
    expect(computed.status).toBe('matches');
    expect(computed.result?.ok && computed.result.items?.filter((i) => i.outcome === 'differ').map((i) => i.over)).toEqual(['Eastland', 'Aland']);
  });

  it('finds each row citation at its row', async () => {
    const bundle = await load(join(fixtures, 'dataset'));
    const [north] = check(bundle).citations.get(cellKey('aland-entry', 'north'))!;
    expect(north.anchor).toEqual({ status: 'found', row: 16 });
  });

  it('flags every cell whose stored value a new release of the data contradicts, naming the cell, the stored and the computed value', async () => {
    const bundle = await load(join(fixtures, 'dataset-changed'));
    const c = check(bundle);
    expect(bundle.problems).toEqual([expect.objectContaining({
      severity: 'warning', file: 'sources.csv', line: 2, field: 'sha256',
      message: expect.stringContaining('the data of dataset "visas" (data/visas.csv) has changed since its SHA-256 was recorded'),
    })]);
    expect(c.cells.get(cellKey('same-visa', 'north'))).toBe('flagged');
    expect(c.cells.get(cellKey('same-visa', 'union'))).toBe('supported');
    expect(c.coverage).toMatchObject({ computed: 9, computedDiffering: 6, flagged: 7, found: 1, orphaned: 1 });
    expect(c.problems).toContainEqual({
      severity: 'error', file: 'cells.csv', line: 2, column: 17,
      message: 'cell (same-visa, north) is flagged: it has the value "3", but its rule computes "4" from dataset "visas"',
      target: { kind: 'cell', dimension: 'same-visa', jurisdiction: 'north' },
    });
    expect(c.problems).toContainEqual(expect.objectContaining({
      file: 'cells.csv', line: 8,
      message: 'cell (visa-level, north) is flagged: it has the value "3 of 5 (60%)" (level mid), but its rule computes "4 of 5 (80%)" (level mid) from dataset "visas"',
    }));
    const [cited] = c.citations.get(cellKey('aland-entry', 'north'))!;
    expect(cited.anchor).toEqual({ status: 'orphaned', row: 16, reason: 'the row with Passport=Aland; Destination=Northland has changed: Requirement is "eta", not "visa required"' });
    expect(c.problems).toContainEqual(expect.objectContaining({ file: 'citations.csv', line: 2, field: 'quote' }));
  });

  it('tells an ambiguous and a missing row apart, as a quote found in several places or none', async () => {
    const data = `${fixtureFile('data/visas.csv')}Aland,Northland,visa required\n`;
    const citations = `${fixtureFile('citations.csv')}aland-entry,south,1,2,visas,Requirement=visa free,,,,states,,,,Passport=Atlantis; Destination=Southland\n`;
    const bundle = await load(copy({ 'data/visas.csv': data, 'citations.csv': citations }));
    const c = check(bundle);
    expect(c.citations.get(cellKey('aland-entry', 'north'))![0].anchor).toEqual({
      status: 'ambiguous', rows: [16, 28], occurrences: 2, reason: '2 rows have Passport=Aland; Destination=Northland: add a column to the key to tell them apart',
    });
    expect(c.citations.get(cellKey('aland-entry', 'south'))![1].anchor).toEqual({ status: 'orphaned', reason: 'no row of the dataset has Passport=Atlantis; Destination=Southland' });
    // The repeated key is a warning of the descriptor's primary key; the comparison leaves that passport out.
    expect(bundle.problems).toContainEqual(expect.objectContaining({ severity: 'warning', file: 'data/visas.csv', message: expect.stringContaining('rows repeat the primary key Passport=Aland; Destination=Northland') }));
    expect(c.coverage).toMatchObject({ ambiguous: 1, orphaned: 1, found: 1 });
  });

  it('does not check, but flags without an error each, what rests on a dataset that cannot be read', async () => {
    const folder = copy();
    writeFileSync(join(folder, 'sources.csv'), fixtureFile('sources.csv').replace('data/datapackage.json', 'data/gone.csv'));
    const bundle = await load(folder);
    const c = check(bundle);
    expect(bundle.problems).toEqual([expect.objectContaining({ file: 'sources.csv', line: 2, field: 'path', message: 'the data of dataset "visas" cannot be read at data/gone.csv' })]);
    expect(c.problems).toEqual([]);
    expect(c.coverage).toMatchObject({ computed: 9, computedUnchecked: 9, unchecked: 2, flagged: 11 });
  });

  it('reports what a rule, a row citation or a source gets wrong at its file, line and column', async () => {
    const computed = `${fixtureFile('computed.csv')}visa-needed,south,1,visas,count,Requirement,,Destination=Southland,visa,,,,,,,\n` +
      'visa-needed,union,x,visas,tally,Requirement,,,,,,,,,,\n';
    const citations = `${fixtureFile('citations.csv')}aland-entry,south,1,2,visas,Requirement=visa free,,,,states,,,,Passport=Aland|Bland\n`;
    const bundle = await load(copy({ 'computed.csv': computed, 'citations.csv': citations }));
    const at = (file: string, field: string) => bundle.problems.filter((p) => p.file === file && p.field === field).map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(at('computed.csv', 'dimension')).toEqual([]);
    expect(at('computed.csv', 'category')).toEqual([]);
    expect(at('computed.csv', 'period')).toEqual(['12:19 period "x" is not a whole number from 1 (read as 1)']);
    expect(at('computed.csv', 'rule')).toEqual(['12:27 rule "tally" is not one of count, share, same, differ, value']);
    expect(at('citations.csv', 'row_key')).toEqual(['4:64 row_key cannot be read: column "Passport" has 2 values: a row is named by one value per column']);
    // The count of the cell with no value: computed, but the cell stores nothing (not in source).
    const c = check(bundle);
    expect(computedOf(c, 'visa-needed', 'south')?.status).toBe('differs');
  });

  it('saves the matrix in canonical form: computed.csv, row_key and the source columns kept byte for byte', async () => {
    const bundle = await load(join(fixtures, 'dataset'));
    const files = saveMatrix(bundle.matrix);
    for (const name of ['cells.csv', 'citations.csv', 'sources.csv', 'computed.csv', 'jurisdictions.csv', 'dimensions.csv', 'scales.csv']) {
      expect(files[name], name).toBe(fixtureFile(name));
    }
    const descriptor = JSON.parse(files['datapackage.json']);
    expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual(['jurisdictions', 'dimensions', 'scales', 'cells', 'citations', 'sources', 'computed']);
    expect(descriptor.resources[4].schema.fields.map((f: { name: string }) => f.name)).toContain('row_key');
  });

  it('recomputes a computed cell when its value is edited, and again on undo', async () => {
    const bundle = await load(join(fixtures, 'dataset'));
    const store = new MatrixStore();
    store.load(bundle);
    expect(store.edit({ type: 'set-cell', dimension: 'same-visa', jurisdiction: 'north', set: { value: '4' } }).ok).toBe(true);
    const after = store.snapshot.check!;
    expect(after.cells.get(cellKey('same-visa', 'north'))).toBe('flagged');
    expect(after.coverage).toMatchObject({ computedDiffering: 1, flagged: 1 });
    expect(after.problems).toEqual([expect.objectContaining({ message: 'cell (same-visa, north) is flagged: it has the value "4", but its rule computes "3" from dataset "visas"' })]);
    store.undo();
    expect(store.snapshot.check!.cells.get(cellKey('same-visa', 'north'))).toBe('supported');
    expect(store.snapshot.check!.coverage).toEqual(check(bundle).coverage);
  });
});
