/**
 * Rules of computed cells on hand-made datasets whose answers are known (ties at a level's
 * least figure, missing keys, repeated keys, values in no category, groups whose members
 * disagree), and the figures the issue quotes, measured from the Passport Index's tidy file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRule, formatNumber, type RuleResult, type RuleResultOk } from '../../src/model/dataset/compute.ts';
import { datasetFromRows, type Dataset } from '../../src/model/dataset/dataset.ts';
import { parseDataset } from '../../src/model/dataset/parse-dataset.ts';
import { compileRule, describeRule, type RuleProblem } from '../../src/model/dataset/rule.ts';
import type { ComputedRule, Dimension, Level } from '../../src/model/types.ts';

const CATEGORIES = 'free=visa free|eta|{number}; visa=visa required|e-visa; {leave out}=-1';

const rule = (fields: Partial<ComputedRule>): ComputedRule => ({
  dimension: 'd', jurisdiction: 'j', period: 1, source: 'visas', rule: 'same', column: 'Requirement', categories: CATEGORIES,
  filter: '', category: '', entityColumn: 'Destination', a: '', b: '', over: 'Passport', levels: '', decimals: '', note: '', ...fields,
});

const number: Dimension = { id: 'n', label: 'N', definition: '', theme: '', valueType: 'number', scale: '', unit: '', order: 1, basis: '', codingRules: '', direction: '' };
const ordinal: Dimension = { ...number, id: 'o', valueType: 'ordinal', scale: 'depth' };
const text: Dimension = { ...number, id: 't', valueType: 'text' };
const depth: Level[] = ['low', 'mid', 'high'].map((id, i) => ({ scale: 'depth', rank: i + 1, id, label: id, definition: '', needsAbsolute: false }));

function run(dataset: Dataset, fields: Partial<ComputedRule>, dimension: Dimension = number): RuleResult {
  const problems: RuleProblem[] = [];
  const compiled = compileRule(rule(fields), problems);
  expect(problems).toEqual([]);
  return computeRule(compiled, dataset, dimension, depth);
}

function ok(result: RuleResult): RuleResultOk {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result;
}

/** Seven made-up countries (the fixture matrix's data, tests/fixtures/matrices/dataset/data/visas.csv). */
const visas = (() => {
  const lines = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'matrices', 'dataset', 'data', 'visas.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  return datasetFromRows('visas', 'visas.csv', lines[0], lines.slice(1));
})();

describe('rules on a small dataset with known answers', () => {
  it('compares two entities over the other values: same, differ, and their own rows left out', () => {
    const r = ok(run(visas, { rule: 'same', a: 'Northland', b: 'Southland' }));
    expect(r.value).toEqual({ value: '3', level: '' });
    expect(r.counts).toEqual({ same: 3, differ: 2, 'left out': 2, missing: 0, ambiguous: 0 });
    expect(r.items!.filter((i) => i.outcome === 'differ').map((i) => i.over)).toEqual(['Eastland', 'Aland']);
    expect(r.items!.find((i) => i.over === 'Northland')).toMatchObject({ outcome: 'left out', reason: 'Northland is one of the compared entities' });
    const d = ok(run(visas, { rule: 'differ', a: 'Northland', b: 'Southland' }));
    expect(d.value.value).toBe('2');
    // The deciding rows of "differ on 2": both sides' rows of each differing passport.
    expect([...d.rows].map((row) => visas.columns.map((c) => c.strings[c.codes[row]]).join(','))).toEqual([
      'Eastland,Northland,visa required', 'Eastland,Southland,90', 'Aland,Northland,visa required', 'Aland,Southland,visa free',
    ]);
  });

  it('compares a group among itself, and a group with another entity', () => {
    const group = ok(run(visas, { rule: 'same', a: 'Eastland | Westland' }));
    expect(group.counts).toEqual({ same: 5, differ: 0, 'left out': 2, missing: 0, ambiguous: 0 });
    const against = ok(run(visas, { rule: 'same', a: 'Eastland | Westland', b: 'Northland' }));
    expect(against.counts).toMatchObject({ same: 2, differ: 2, 'left out': 3 });
  });

  it('counts a group whose members disagree as differing, and says why', () => {
    const split = datasetFromRows('v', 'v.csv', ['Passport', 'Destination', 'Requirement'], [
      ['P', 'E', 'visa free'], ['P', 'W', 'visa required'], ['Q', 'E', 'eta'], ['Q', 'W', '30'],
    ]);
    const r = ok(run(split, { rule: 'same', a: 'E|W' }));
    expect(r.counts).toMatchObject({ same: 1, differ: 1 });
    expect(r.items!.find((i) => i.over === 'P')).toMatchObject({ outcome: 'differ', reason: 'the members do not all have the same category' });
  });

  it('counts rows of a category, and their share (left-out rows not counted)', () => {
    const count = ok(run(visas, { rule: 'count', filter: 'Destination=Northland', category: 'visa', entityColumn: '', over: '' }));
    expect(count.value.value).toBe('4');
    expect(count.counts).toEqual({ counted: 4, considered: 6, 'left out': 1 });
    const share = ok(run(visas, { rule: 'share', filter: 'Destination=Northland', category: 'visa', entityColumn: '', over: '' }));
    expect(share.value.value).toBe('66.7');
    const two = ok(run(visas, { rule: 'share', filter: 'Destination=Northland', category: 'visa', entityColumn: '', over: '', decimals: '2' }));
    expect(two.value.value).toBe('66.67');
    const many = ok(run(visas, { rule: 'count', filter: 'Destination=Northland|Southland; Passport=Aland|Cland', category: 'visa', entityColumn: '', over: '' }));
    expect(many.value.value).toBe('3');
  });

  it('gives the value at a key, or its category', () => {
    expect(ok(run(visas, { rule: 'value', filter: 'Passport=Aland; Destination=Eastland', categories: '', entityColumn: '', over: '' })).value.value).toBe('30');
    expect(ok(run(visas, { rule: 'value', filter: 'Passport=Aland; Destination=Eastland', entityColumn: '', over: '' }, text)).value.value).toBe('free');
  });

  it('gives a level at the least figure of each (a tie reaches the level), and none below every one', () => {
    const levels = 'high=100; mid=60; low=0';
    const tie = ok(run(visas, { rule: 'same', a: 'Northland', b: 'Southland', levels }, ordinal));
    expect(tie.value).toEqual({ value: '3 of 5 (60%)', level: 'mid' });
    const below = ok(run(visas, { rule: 'same', a: 'Northland', b: 'Southland', levels: 'high=100; mid=61; low=0' }, ordinal));
    expect(below.value.level).toBe('low');
    const none = run(visas, { rule: 'same', a: 'Northland', b: 'Southland', levels: 'high=100; mid=61' }, ordinal);
    expect(none).toMatchObject({ ok: false, field: 'levels', message: 'the figure 60 is below every level\'s least figure (the lowest is 61)' });
    expect(run(visas, { rule: 'same', a: 'Northland', b: 'Southland', levels: 'top=100; low=0' }, ordinal)).toMatchObject({ ok: false, field: 'levels', message: 'level "top" is not on scale "depth" (levels: low, mid, high)' });
    expect(run(visas, { rule: 'same', a: 'Northland', b: 'Southland' }, ordinal)).toMatchObject({ ok: false, field: 'levels' });
  });

  it('leaves out a value an entity has no row for (a missing key), and counts it apart', () => {
    const gap = datasetFromRows('v', 'v.csv', ['Passport', 'Destination', 'Requirement'], [
      ['P', 'A', 'visa free'], ['P', 'B', 'visa free'], ['Q', 'A', 'visa required'], ['R', 'A', 'eta'], ['R', 'B', 'e-visa'],
    ]);
    const r = ok(run(gap, { rule: 'same', a: 'A', b: 'B' }));
    expect(r.counts).toEqual({ same: 1, differ: 1, 'left out': 0, missing: 1, ambiguous: 0 });
    expect(r.items!.find((i) => i.over === 'Q')).toMatchObject({ outcome: 'missing', reason: 'an entity has no row for this value' });
  });

  it('does not compare a value whose key repeats with different categories (a duplicate key), and takes a repeat that agrees', () => {
    const dup = datasetFromRows('v', 'v.csv', ['Passport', 'Destination', 'Requirement'], [
      ['P', 'A', 'visa free'], ['P', 'A', 'visa required'], ['P', 'B', 'eta'],
      ['Q', 'A', '90'], ['Q', 'A', 'visa free'], ['Q', 'B', 'eta'],
    ]);
    const r = ok(run(dup, { rule: 'same', a: 'A', b: 'B' }));
    expect(r.counts).toMatchObject({ same: 1, ambiguous: 1 });
    expect(r.items!.find((i) => i.over === 'P')).toMatchObject({ outcome: 'ambiguous' });
    expect(run(dup, { rule: 'value', filter: 'Passport=P; Destination=A', entityColumn: '', over: '' }, text)).toMatchObject({ ok: false, field: 'filter', message: '2 rows have Passport=P; Destination=A (lines 2, 3…): the filter should name one row' });
  });

  it('refuses values in no category of the rule, naming them and where they are', () => {
    const odd = datasetFromRows('v', 'odd.csv', ['Passport', 'Destination', 'Requirement'], [
      ['P', 'A', 'visa free'], ['P', 'B', 'covid ban'], ['Q', 'A', 'eta'], ['Q', 'B', 'covid ban'],
    ]);
    expect(run(odd, { rule: 'same', a: 'A', b: 'B' })).toMatchObject({
      ok: false, field: 'categories',
      message: 'Requirement value "covid ban" (2 rows, first at line 3 of odd.csv) is in no category of the rule: add it to a category, or to {leave out}',
    });
    const fine = ok(run(odd, { rule: 'same', a: 'A', b: 'B', categories: `${CATEGORIES}; banned=covid ban` }));
    expect(fine.counts).toMatchObject({ differ: 2 });
  });

  it('names what the data does not have: a column, an entity, a filter value', () => {
    expect(run(visas, { rule: 'same', a: 'Northland', b: 'Atlantis' })).toMatchObject({ ok: false, field: 'b', message: '"Atlantis" is not a value of column Destination in the dataset' });
    expect(run(visas, { rule: 'same', a: 'Northland', b: 'Southland', over: 'Citizenship' })).toMatchObject({ ok: false, field: 'over' });
    expect(run(visas, { rule: 'count', filter: 'Destination=Atlantis', entityColumn: '', over: '' })).toMatchObject({ ok: false, field: 'filter', message: 'no row has Destination="Atlantis" (a value of the filter not in the dataset)' });
  });

  it('reads only what a rule says: wrong fields for its kind, bad notation', () => {
    const problems: RuleProblem[] = [];
    compileRule(rule({ rule: 'count', a: 'X', filter: 'Destination=', category: 'nope', categories: 'free=eta; free=visa free' }), problems);
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['categories', 'a', 'over', 'entity_column']));
    const group: RuleProblem[] = [];
    compileRule(rule({ a: 'Northland' }), group);
    expect(group).toEqual([{ field: 'b', message: 'a same rule needs b (the entities compared with), or several entities in a (a group, compared among themselves)' }]);
    const words: RuleProblem[] = [];
    compileRule(rule({ categories: 'free={numbers}' }), words);
    expect(words[0].message).toContain('"{numbers}" is not a word of the notation');
  });

  it('describes a rule in words', () => {
    expect(describeRule(compileRule(rule({ a: 'Canada', b: 'United States' })))).toBe(
      'Values of Passport for which Destination Canada and United States have the same Requirement (values grouped into "free", "visa"); Passport values that are among the compared entities are left out.',
    );
  });

  it('formats figures without trailing zeros', () => {
    expect([formatNumber(92.38578, 1), formatNumber(100, 1), formatNumber(7.25, 2), formatNumber(3, 0)]).toEqual(['92.4', '100', '7.25', '3']);
  });
});

describe('the Passport Index (2025-01-12): the figures of the issue', () => {
  const file = join(import.meta.dirname, '..', '..', 'matrices', 'sources', 'passport-index', 'passport-index-tidy.csv');
  const tidy = parseDataset(readFileSync(file, 'utf8'), { source: 'passport-index', file: 'passport-index-tidy.csv', sha256: '' }, [])!;
  // Visa free, visa on arrival, eTA and a number of days: no visa needed in advance; visa
  // required, e-visa and no admission: a visa needed; -1 (the passport's own country): left out.
  const categories = 'no visa needed in advance=visa free|visa on arrival|eta|{number}; visa needed=visa required|e-visa|no admission; {leave out}=-1';
  const pair = (a: string, b: string) => ok(run(tidy, { categories, rule: 'same', a, b })).counts;
  const SCHENGEN = [
    'Austria', 'Belgium', 'Bulgaria', 'Croatia', 'Czech Republic', 'Denmark', 'Estonia', 'Finland', 'France', 'Germany', 'Greece',
    'Hungary', 'Iceland', 'Italy', 'Latvia', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Malta', 'Netherlands', 'Norway', 'Poland',
    'Portugal', 'Romania', 'Slovakia', 'Slovenia', 'Spain', 'Sweden', 'Switzerland',
  ];

  it('reads 39,601 rows of 199 passports and 199 destinations', () => {
    expect(tidy.rowCount).toBe(39601);
    expect(tidy.columns.map((c) => [c.name, c.strings.length])).toEqual([['Passport', 199], ['Destination', 199], ['Requirement', 24]]);
  });

  it('Canada and the US: the same requirement for 182 of the other passports, different for 15', () => {
    expect(pair('Canada', 'United States')).toMatchObject({ same: 182, differ: 15, 'left out': 2 });
  });

  it('the US and Mexico: 172 and 25; Canada and Mexico: 173 and 24', () => {
    expect(pair('United States', 'Mexico')).toMatchObject({ same: 172, differ: 25 });
    expect(pair('Canada', 'Mexico')).toMatchObject({ same: 173, differ: 24 });
  });

  it('Schengen members: any two of the 29 the same for 197 of the other passports, different for none', () => {
    for (let i = 0; i < SCHENGEN.length; i++) {
      for (let j = i + 1; j < SCHENGEN.length; j++) expect(pair(SCHENGEN[i], SCHENGEN[j])).toMatchObject({ same: 197, differ: 0 });
    }
    // As a group: all 29 the same for each of the 170 passports of other countries.
    expect(ok(run(tidy, { categories, rule: 'same', a: SCHENGEN.join(' | ') })).counts).toMatchObject({ same: 170, differ: 0, 'left out': 29 });
  });

  it('the 15 passports on which Canada and the US differ, each with its two rows', () => {
    const r = ok(run(tidy, { categories, rule: 'differ', a: 'Canada', b: 'United States' }));
    const differing = r.items!.filter((i) => i.outcome === 'differ');
    expect(differing).toHaveLength(15);
    expect(r.rows.length).toBe(30);
    for (const item of differing) expect(item.a.category).not.toBe(item.b!.category);
  });
});
