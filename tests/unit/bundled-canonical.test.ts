import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/model/format/load.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';

const root = join(import.meta.dirname, '..', '..', 'matrices');
const folders = readdirSync(root).filter((d) => existsSync(join(root, d, 'cells.csv')));

describe('bundled matrices are stored in canonical form', () => {
  it.each(folders)('%s: load then save reproduces every file byte for byte', (folder) => {
    // Every file of the folder (computed.csv only where the matrix has computed cells).
    const texts = Object.fromEntries(MATRIX_FILES.filter((f) => existsSync(join(root, folder, f))).map((f) => [f, readFileSync(join(root, folder, f), 'utf8')]));
    const { matrix } = loadMatrix(folder, texts);
    expect(saveMatrix(matrix)).toEqual(texts);
  });
});
