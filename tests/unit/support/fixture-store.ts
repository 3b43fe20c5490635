/** A store holding one of the fixture matrices (tests/fixtures/matrices/<folder>), read as a page reads it. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readMatrix } from '../../../src/model/format/read.ts';
import { MatrixStore } from '../../../src/state/store.ts';

export async function fixtureStore(folder: string): Promise<MatrixStore> {
  const base = new URL(`../../fixtures/matrices/${folder}/`, import.meta.url);
  const bundle = await readMatrix(async (rel) => {
    try {
      return await readFile(fileURLToPath(new URL(rel, base)), 'utf8');
    } catch {
      return undefined;
    }
  }, folder);
  const store = new MatrixStore();
  store.load(bundle, folder);
  return store;
}
