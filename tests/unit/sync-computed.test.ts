/**
 * Team mode on a matrix with cells computed from a dataset: a join shows the same computed
 * cells, checks and problems as loading the folder; a rule attached by one analyst computes
 * the cell in every analyst's matrix, and the folder on disk is written back with it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { computedOf } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { LiveMatrix } from '../../src/sync/client.ts';
import { folderMatrixFiles, teamServer, until, type TeamFixture, liveFiles as files } from './support/team-server.ts';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'matrices', 'dataset');
const CATEGORIES = 'free=visa free|eta|{number}; visa=visa required|e-visa; {leave out}=-1';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

const problems = (list: readonly { severity: string; file: string; line: number; column: number; message: string }[]) =>
  list.map((p) => `${p.severity} ${p.file}:${p.line}:${p.column} ${p.message}`).sort();
const cell = (live: LiveMatrix, d: string, j: string) => live.store.snapshot.matrix!.cells.find((c) => c.dimension === d && c.jurisdiction === j)!;

describe('team mode with cells computed from a dataset', () => {
  it('a join has the computed cells, their checks and the problems of the folder loaded from disk', async () => {
    team = await teamServer({ from: fixture });
    const local = await readMatrix(folderReader(fixture), 'shared');
    const alice = await team.join('alice');
    expect(files(alice)['computed.csv']).toBe(saveMatrix(local.matrix)['computed.csv']);
    expect(alice.store.snapshot.datasets?.size ?? 0, 'the dataset is read through the server').toBe(local.datasets?.size ?? 0);
    expect(computedOf(alice.store.snapshot.check, 'same-visa', 'north')?.status).toBe('matches');
    expect(cell(alice, 'same-visa', 'north').value).toBe('3');
    expect(problems(alice.store.snapshot.problems)).toEqual(problems(local.problems));
  });

  it('a rule attached by one analyst computes the cell for every analyst, and on disk', async () => {
    team = await teamServer({ from: fixture, writeDelay: 50 });
    const alice = await team.join('alice');
    const bob = await team.join('bob');
    expect(cell(bob, 'visa-needed', 'south')).toMatchObject({ value: '', status: 'not_in_source' });
    const rule = {
      source: 'visas', rule: 'count' as const, column: 'Requirement', categories: CATEGORIES, filter: 'Destination=Southland', category: 'visa',
      entityColumn: '', a: '', b: '', over: '', levels: '', decimals: '', note: '',
    };
    expect(alice.store.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule }).ok).toBe(true);
    await until(() => cell(bob, 'visa-needed', 'south').value === '2', 'the computed cell at Bob’s');
    expect(cell(bob, 'visa-needed', 'south').status).toBe('supported');
    expect(computedOf(bob.store.snapshot.check, 'visa-needed', 'south')?.status).toBe('matches');
    expect(files(bob)).toEqual(files(alice));
    await until(() => folderMatrixFiles(team!.folder)['computed.csv'] === files(alice)['computed.csv'], 'computed.csv on disk');
    const disk = folderMatrixFiles(team.folder);
    expect(disk['cells.csv']).toBe(files(alice)['cells.csv']);
    expect(loadMatrix('shared', disk).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
