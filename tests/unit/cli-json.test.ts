/**
 * Every `--json` output of the command line carries its formatVersion and matches the JSON
 * Schema that documents it in docs/schemas/: real outputs of the built command, on matrices
 * that exercise every kind of problem, citation status and comparison. The schemas let
 * readers ignore fields they do not know; here every object is held to the fields its
 * schema lists, so that a field added to an output without documenting it fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Schema = Record<string, unknown>;
const schemaOf = (name: string): Schema => JSON.parse(readFileSync(join(root, 'docs', 'schemas', `${name}.schema.json`), 'utf8'));

/** The schema with every object closed to the fields it lists (as the published one is not, for readers' sake). */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closed(s)])) : closed(v)]));
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function validator(name: string) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  const check = ajv.compile(closed(schemaOf(name)) as Schema);
  return (output: unknown) => {
    const ok = check(output);
    return ok ? [] : (check.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** A copy of the bundled matrix whose source text is not beside it. */
function withoutSource(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-json-')), 'eu-north-america');
  cpSync(join(root, 'matrices', 'eu-north-america'), folder, { recursive: true });
  return folder;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('validate --json', () => {
  const valid = validator('validate');

  it('matches docs/schemas/validate.schema.json on good, broken, unchecked and several matrices at once', () => {
    const outputs = [
      cli('validate', '--json', 'matrices/eu-north-america'),
      cli('validate', '--json', 'tests/fixtures/matrices/small', 'tests/fixtures/matrices/broken', withoutSource()),
    ].map((r) => JSON.parse(r.stdout));
    for (const output of outputs) {
      expect(output.formatVersion).toBe(1);
      expect(valid(output)).toEqual([]);
    }
    // The outputs hold what the schema describes: every citation status, problems with and
    // without a line, targets, candidates, suggestions and reasons.
    const matrices = outputs.flatMap((o) => o.matrices);
    const citations = matrices.flatMap((m) => m.citations);
    expect(new Set(citations.map((c) => c.status))).toEqual(new Set(['found', 'ambiguous', 'orphaned', 'unchecked']));
    expect(citations.some((c) => c.candidates) && citations.some((c) => c.suggestion) && citations.some((c) => c.reason)).toBe(true);
    const problems = matrices.flatMap((m) => m.problems);
    expect(problems.some((p) => p.line === 0) && problems.some((p) => p.line > 0 && p.target)).toBe(true);
  });

  it('matches the schema on matrices with a dataset: row citations, computed cells that match, differ or fail', () => {
    const ambiguous = join(mkdtempSync(join(tmpdir(), 'policy-matrix-json-')), 'dataset');
    cpSync(join(root, 'tests', 'fixtures', 'matrices', 'dataset'), ambiguous, { recursive: true });
    writeFileSync(join(ambiguous, 'data', 'visas.csv'), `${readFileSync(join(ambiguous, 'data', 'visas.csv'), 'utf8')}Aland,Northland,covid ban\n`);
    const output = JSON.parse(cli('validate', '--json', 'tests/fixtures/matrices/dataset', 'tests/fixtures/matrices/dataset-changed', ambiguous).stdout);
    expect(valid(output)).toEqual([]);
    const computed = output.matrices.flatMap((m: { computed: { status: string }[] }) => m.computed);
    expect(new Set(computed.map((c: { status: string }) => c.status))).toEqual(new Set(['matches', 'differs', 'failed']));
    const citations = output.matrices.flatMap((m: { citations: Record<string, unknown>[] }) => m.citations);
    expect(citations.some((c: Record<string, unknown>) => c.rowKey && c.row) && citations.some((c: Record<string, unknown>) => c.rows)).toBe(true);
    expect(output.matrices[1].computed[0]).toEqual({
      dimension: 'same-visa', jurisdiction: 'north', period: 1, source: 'visas', rule: 'same', status: 'differs',
      stored: { value: '3', level: '' }, computed: { value: '4', level: '' }, rows: 8,
      outcomes: { same: 4, differ: 1, 'left out': 2, missing: 0, ambiguous: 0 },
      reason: 'has the value "3", but its rule computes "4" from dataset "visas"',
    });
  });

  it('fails the schema when the output drifts from it', () => {
    const output = JSON.parse(cli('validate', '--json', 'tests/fixtures/matrices/small').stdout);
    expect(valid({ ...output, formatVersion: 2 })).not.toEqual([]);
    expect(valid({ ...output, extra: true })).not.toEqual([]);
    const m = output.matrices[0];
    expect(valid({ ...output, matrices: [{ ...m, citations: [{ ...m.citations[0], status: 'lost' }] }] })).not.toEqual([]);
  });
});

describe('compare --json', () => {
  const valid = validator('compare');

  it('matches docs/schemas/compare.schema.json for jurisdictions, groups, a theme and filters', () => {
    const runs = [
      cli('compare', 'matrices/eu-north-america', '--json'),
      cli('compare', 'matrices/eu-north-america', '--jurisdictions', 'EU,North America', '--json', '--sort', 'divergence'),
      cli('compare', 'tests/fixtures/compare/matrix', '--jurisdictions', 'aa,bb,cc', '--json'),
      cli('compare', 'tests/fixtures/compare/matrix', '--jurisdictions=West,East', '--json', '--theme', 'Asylum', '--only-differences', '--only-evidence'),
    ];
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      const output = JSON.parse(r.stdout);
      expect(output.formatVersion).toBe(1);
      expect(valid(output)).toEqual([]);
    }
    const dims = runs.flatMap((r) => JSON.parse(r.stdout).dimensions);
    expect(new Set(dims.map((d) => d.convergence))).toEqual(new Set(['same', 'adjacent', 'far', 'not_comparable']));
  });
});

describe('changes --json', () => {
  const valid = validator('changes');

  it('matches docs/schemas/changes.schema.json on the bundled matrix, with new values and changes up a scale', () => {
    const r = cli('changes', 'matrices/eu-north-america', '--from', '2000', '--to', '2005', '--json');
    expect(r.status, r.stderr).toBe(0);
    const output = JSON.parse(r.stdout);
    expect(output.formatVersion).toBe(1);
    expect(valid(output)).toEqual([]);
    expect(output.changes.some((c: { before: unknown }) => c.before === null)).toBe(true);
    expect(output.changes.some((c: { direction: string }) => c.direction === 'more')).toBe(true);
    expect(valid({ ...output, changes: [{ ...output.changes[0], direction: 'sideways' }] })).not.toEqual([]);
  });
});

describe('compute --json', () => {
  const valid = validator('compute');

  /** A copy of the bundled visa matrix and its sources, the Passport Index data rewritten by `edit`. */
  function visasWith(edit: (csv: string) => string): string {
    const at = mkdtempSync(join(tmpdir(), 'policy-matrix-json-visas-'));
    cpSync(join(root, 'matrices', 'visa-harmonization-2025'), join(at, 'visa-harmonization-2025'), { recursive: true });
    cpSync(join(root, 'matrices', 'sources'), join(at, 'sources'), { recursive: true });
    const data = join(at, 'sources', 'passport-index', 'passport-index-tidy.csv');
    writeFileSync(data, edit(readFileSync(data, 'utf8')));
    return join(at, 'visa-harmonization-2025');
  }

  it('matches docs/schemas/compute.schema.json: unchanged, a newer release (changed, written), a release that orphans cells', () => {
    const same = cli('compute', '--json', 'matrices/visa-harmonization-2025');
    expect(same.status, same.stderr).toBe(0);
    const unchanged = JSON.parse(same.stdout);
    expect(valid(unchanged)).toEqual([]);
    expect(unchanged).toMatchObject({ formatVersion: 1, name: 'visa-harmonization-2025', write: { asked: false, files: [] } });
    expect(unchanged.counts.cells).toEqual({ unchanged: 23, changed: 0, orphaned: 0, unchecked: 0 });
    expect(unchanged.datasets).toEqual([expect.objectContaining({ source: 'passport-index', status: 'unchanged', rows: 39601 })]);
    // The known answers, as the data gives them (2025, period 2 of Canada and the US).
    const figure = (d: string, j: string) => unchanged.cells.find((c: { dimension: string; jurisdiction: string }) => c.dimension === d && c.jurisdiction === j).new.value;
    expect([figure('same-visa-us', 'ca'), figure('differing-visa-us', 'ca'), figure('same-visa-us', 'mx'), figure('differing-visa-us', 'mx'), figure('same-visa-ca', 'mx'), figure('differing-visa-ca', 'mx')])
      .toEqual(['182', '15', '172', '25', '173', '24']);

    const newer = visasWith((csv) => csv.replace('Brazil,Canada,visa required', 'Brazil,Canada,eta'));
    const dry = cli('compute', '--json', newer);
    expect(dry.status).toBe(1);
    const changed = JSON.parse(dry.stdout);
    expect(valid(changed)).toEqual([]);
    expect(changed.datasets[0].status).toBe('replaced');
    expect(changed.cells).toContainEqual(expect.objectContaining({ dimension: 'same-visa-us', jurisdiction: 'ca', period: 2, status: 'changed', old: { value: '182', level: '' }, new: { value: '181', level: '' } }));
    expect(changed.citations).toContainEqual(expect.objectContaining({ dimension: 'entry-for-brazilians', jurisdiction: 'ca', status: 'changed', old: 'Requirement=visa required', new: 'Requirement=eta' }));
    expect(changed.write).toEqual({ asked: false, files: [] });
    const written = JSON.parse(cli('compute', '--write', '--json', newer).stdout);
    expect(valid(written)).toEqual([]);
    expect(written.write.asked).toBe(true);
    expect([...written.write.files].sort()).toEqual(['cells.csv', 'citations.csv', 'sources.csv']);

    const noMexico = visasWith((csv) => csv.split('\n').filter((line) => !/^[^,]*,Mexico,/.test(line)).join('\n'));
    const orphaned = JSON.parse(cli('compute', '--write', '--json', noMexico).stdout);
    expect(valid(orphaned)).toEqual([]);
    expect(orphaned.counts.cells).toMatchObject({ orphaned: 11 });
    expect(orphaned.cells).toContainEqual(expect.objectContaining({ dimension: 'same-visa-ca', jurisdiction: 'mx', status: 'orphaned', reason: expect.stringContaining('"Mexico" is not a value of column Destination') }));
    expect(orphaned.citations).toContainEqual(expect.objectContaining({ jurisdiction: 'mx', status: 'orphaned' }));

    // The schema holds the output to it: a status it does not list, or a field it does not document, fails.
    expect(valid({ ...unchanged, cells: [{ ...unchanged.cells[0], status: 'recomputed' }] })).not.toEqual([]);
    expect(valid({ ...unchanged, extra: 1 })).not.toEqual([]);
  });
});
