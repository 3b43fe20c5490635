/**
 * The bundled matrix of visa harmonization measured from the Passport Index (release of
 * 12 January 2025): every computed cell is what the data gives, the pairwise figures are the
 * known answers, and `policy-matrix compute` reports a newer release cell by cell.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { folderReader } from '../../src/cli/node-reader.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { computeRule } from '../../src/model/dataset/compute.ts';
import { recompute } from '../../src/model/dataset/recompute.ts';
import { compileRule } from '../../src/model/dataset/rule.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';

const matrices = join(import.meta.dirname, '..', '..', 'matrices');
const folder = join(matrices, 'visa-harmonization-2025');
const load = (at = folder): Promise<MatrixBundle> => readMatrix(folderReader(at), 'visa-harmonization-2025');
/** The pair's latest period (2025, from the data; Canada and the US also have period 1, c. 2005, from the text). */
const cell = (b: MatrixBundle, dimension: string, jurisdiction: string) => b.matrix.cells.filter((c) => c.dimension === dimension && c.jurisdiction === jurisdiction).at(-1)!;

/** A copy of the matrix and of its sources beside it (`../sources/passport-index/`, the text), the data file rewritten by `edit`. */
function copyWithData(edit: (csv: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'policy-matrix-visas-'));
  cpSync(folder, join(root, 'visa-harmonization-2025'), { recursive: true });
  cpSync(join(matrices, 'sources', 'passport-index'), join(root, 'sources', 'passport-index'), { recursive: true });
  cpSync(join(matrices, 'sources', 'security-in-the-americas.txt'), join(root, 'sources', 'security-in-the-americas.txt'));
  const data = join(root, 'sources', 'passport-index', 'passport-index-tidy.csv');
  writeFileSync(data, edit(readFileSync(data, 'utf8')));
  return join(root, 'visa-harmonization-2025');
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (s: string) => out.push(s), err: (s: string) => err.push(s), isTTY: false, env: {} } as never);
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('visa harmonization measured (bundled, Passport Index 2025-01-12)', () => {
  it('loads with its dataset (MIT, its recorded SHA-256) and every computed cell matches the data: 0 errors, 0 warnings', async () => {
    const bundle = await load();
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
    expect([...bundle.problems, ...check.problems]).toEqual([]);
    const dataset = bundle.datasets!.get('passport-index')!;
    expect({ rows: dataset.rowCount, licence: dataset.licence, key: dataset.primaryKey }).toEqual({ rows: 39601, licence: 'MIT', key: ['Passport', 'Destination'] });
    expect(bundle.matrix.sources[0].sha256).toBe(dataset.sha256);
    expect(check.computed.size).toBe(23);
    // Rows cited by key, found as quotes are; and the text's passage for c. 2005 (period 1 of Canada and the US).
    expect(check.coverage).toMatchObject({ citations: 12, found: 12, flagged: 0 });
    expect([...check.computed.values()].every((c) => c.status === 'matches')).toBe(true);
  });

  it('asks for computed.csv only where the descriptor lists it (a matrix without computed cells asks for no missing file)', async () => {
    const asked = async (at: string) => {
      const paths: string[] = [];
      const reader = folderReader(at);
      await readMatrix(async (p) => { paths.push(p); return reader(p); }, 'm');
      return paths.includes('computed.csv');
    };
    expect(await asked(folder)).toBe(true);
    expect(await asked(join(matrices, 'eu-north-america'))).toBe(false);
  });

  it('Canada and the US: the same requirement for 182 passports, different for 15; US–Mexico 172/25; Canada–Mexico 173/24', async () => {
    const b = await load();
    const pairs = [
      ['ca', 'us'], ['us', 'ca'], ['us', 'mx'], ['mx', 'us'], ['ca', 'mx'], ['mx', 'ca'],
    ].map(([j, partner]) => [j, partner, cell(b, `same-visa-${partner}`, j).value, cell(b, `differing-visa-${partner}`, j).value]);
    expect(pairs).toEqual([
      ['ca', 'us', '182', '15'], ['us', 'ca', '182', '15'],
      ['us', 'mx', '172', '25'], ['mx', 'us', '172', '25'],
      ['ca', 'mx', '173', '24'], ['mx', 'ca', '173', '24'],
    ]);
    expect(['eu', 'ca', 'us', 'mx'].map((j) => cell(b, 'visa-harmonization-measured', j).level)).toEqual(['harmonization', 'collaboration', 'collaboration', 'coordination']);
  });

  it('Schengen members: any two of them the same for 197 passports, different for none (by the rule of the matrix)', async () => {
    const b = await load();
    const rule = b.matrix.computed!.find((r) => r.dimension === 'same-visa-members' && r.jurisdiction === 'eu')!;
    const members = rule.a.split('|').map((m) => m.trim());
    expect(members).toHaveLength(29);
    const dataset = b.datasets!.get('passport-index')!;
    const dimension = b.matrix.dimensions.find((d) => d.id === 'same-visa-members');
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const r = computeRule(compileRule({ ...rule, a: members[i], b: members[j] }), dataset, dimension);
        expect(r.ok && r.counts, `${members[i]}–${members[j]}`).toMatchObject({ same: 197, differ: 0 });
      }
    }
    expect(cell(b, 'same-visa-members', 'eu').value).toBe('170');
  });

  it('compute: a newer release in which Canada asks Brazilians for an eTA changes the Canada–US and Canada–Mexico cells, old → new', async () => {
    const copy = copyWithData((csv) => csv.replace('Brazil,Canada,visa required', 'Brazil,Canada,eta'));
    const before = await load();
    const after = await load(copy);
    // The US requires a visa of Brazilians, Mexico does not (2025): Canada now agrees with Mexico and differs from the US.
    const report = recompute(after.matrix, after.datasets!, after.locations);
    const changed = report.cells.filter((c) => c.status === 'changed').map((c) => `${c.dimension},${c.jurisdiction}: ${c.old.value} → ${c.new!.value}`);
    // Brazilians need a visa for the US and Mexico, none for the Schengen area: Canada moves away from the first two and towards the EU.
    expect(changed.sort()).toEqual([
      'differing-visa-ca,eu: 42 → 41', 'differing-visa-ca,mx: 24 → 25', 'differing-visa-ca,us: 15 → 16',
      'differing-visa-mx,ca: 24 → 25', 'differing-visa-us,ca: 15 → 16',
      'same-visa-ca,eu: 127 → 128', 'same-visa-ca,mx: 173 → 172', 'same-visa-ca,us: 182 → 181',
      'same-visa-mx,ca: 173 → 172', 'same-visa-us,ca: 182 → 181',
      'visa-harmonization-measured,ca: 182 of 197 (92.4%) → 181 of 197 (91.9%)',
      'visa-harmonization-measured,us: 182 of 197 (92.4%) → 181 of 197 (91.9%)',
    ]);
    expect(report.datasets).toEqual([expect.objectContaining({ source: 'passport-index', status: 'replaced', recorded: before.datasets!.get('passport-index')!.sha256 })]);
    expect(report.counts.cells).toMatchObject({ changed: 12, unchanged: 11, orphaned: 0 });

    const dry = await cli(['compute', copy]);
    expect(dry.status).toBe(1);
    expect(dry.out).toContain('changed    cell (same-visa-us, ca) period 2: "182" → "181"');
    expect(dry.out).toContain('dataset passport-index (../sources/passport-index/passport-index-tidy.csv, 39,601 rows): replaced (SHA-256 903552cb4838… → ');
    expect(dry.out).toContain('changed    row citation (entry-for-brazilians, ca) #1 [Passport=Brazil; Destination=Canada]: Requirement=visa required → Requirement=eta');
    expect(dry.out).toContain('not written (run with --write');

    const written = await cli(['compute', '--write', copy]);
    expect(written.status).toBe(0);
    const again = await cli(['compute', copy]);
    expect(again.out).toContain('computed cells: 23 unchanged');
    expect(again.status).toBe(0);
    // The new value went to the computed period (2025); the text's figure for c. 2005 (period 1) is left as it was.
    const stored = (await load(copy)).matrix.cells.filter((c) => c.dimension === 'same-visa-us' && c.jurisdiction === 'ca').map((c) => `${c.period}: ${c.value}`);
    expect(stored).toEqual(['1: 175', '2: 181']);
    expect((await cli(['validate', copy])).status).toBe(0);
  });

  it('compute: a release without Mexico as a destination orphans its cells (the old value kept, the reason given) and writes none of them', async () => {
    const copy = copyWithData((csv) => csv.split('\n').filter((line) => !/^[^,]*,Mexico,/.test(line)).join('\n'));
    const result = await cli(['compute', '--write', copy]);
    expect(result.status).toBe(1);
    expect(result.out).toContain('orphaned   cell (same-visa-ca, mx): "173" kept; "Mexico" is not a value of column Destination in the dataset');
    expect(result.out).toContain('orphaned   cell (visa-harmonization-measured, mx): "172 of 197 (87.3%)" (level coordination) kept');
    expect(result.out).toContain('computed cells: 12 unchanged, 11 orphaned');
    // Nothing is written: the orphaned cells keep their values, and the recorded SHA-256 still names the data they came from.
    expect(result.out).toContain('0 files written');
    expect(readFileSync(join(copy, 'cells.csv'), 'utf8')).toBe(readFileSync(join(folder, 'cells.csv'), 'utf8'));
    expect(readFileSync(join(copy, 'sources.csv'), 'utf8')).toBe(readFileSync(join(folder, 'sources.csv'), 'utf8'));
    expect((await cli(['validate', copy])).out).toContain('cannot be computed: "Mexico" is not a value of column Destination');
  });
});
