import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';

/** Third-party material kept in the repository (origin and licence in its README.md). */
const conformance = join(import.meta.dirname, '..', 'fixtures', 'conformance');
/** csv-spectrum's cases, from its published package (a development dependency). */
const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

/** All rows of a file as our loader reads them: header first, then records. */
function rows(text: string, file: string) {
  const csv = parseCsv(text, file);
  return { rows: [csv.header, ...csv.rows], problems: csv.problems };
}

describe('CSV conformance: csv-spectrum', () => {
  const dir = spectrum;
  const cases = readdirSync(join(dir, 'csvs')).map((f) => f.replace(/\.csv$/, ''));
  // Known wrong upstream: the expected JSON is a lone object and its phone number differs
  // from the CSV (location_coordinates.json in csv-spectrum 2.0.0), so no correct parser can match it.
  const KNOWN_WRONG = new Set(['location_coordinates']);

  it('has its cases', () => expect(cases.length).toBe(12));

  it.each(cases.filter((c) => !KNOWN_WRONG.has(c)))('%s reads as expected', (name) => {
    const text = readFileSync(join(dir, 'csvs', `${name}.csv`), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, 'json', `${name}.json`), 'utf8')) as Record<string, string>[];
    const csv = parseCsv(text, `${name}.csv`);
    expect(csv.problems).toEqual([]);
    const objects = csv.rows.map((fields) => Object.fromEntries(csv.header.map((h, i) => [h, fields[i]])));
    expect(objects).toEqual(expected);
  });

  it('location_coordinates reads every field of its CSV (the upstream JSON is wrong)', () => {
    const text = readFileSync(join(dir, 'csvs', 'location_coordinates.csv'), 'utf8');
    const csv = parseCsv(text, 'location_coordinates.csv');
    expect(csv.problems).toEqual([]);
    const lines = text.trim().split(/\r?\n/);
    expect(csv.rows).toHaveLength(lines.length - 1);
    expect(csv.rows.every((fields) => fields.length === csv.header.length)).toBe(true);
  });
});

describe('CSV conformance: RFC 4180 section 2 examples', () => {
  const dir = join(conformance, 'rfc4180');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { cases: { name: string; csv: string; expected_rows: string }[] };

  it.each(manifest.cases.map((c) => [c.name, c] as const))('%s reads as expected', (_name, c) => {
    const text = readFileSync(join(dir, c.csv), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, c.expected_rows), 'utf8'));
    const { rows: got, problems } = rows(text, c.csv);
    expect(problems).toEqual([]);
    expect(got).toEqual(expected);
  });
});
