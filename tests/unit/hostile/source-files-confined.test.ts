/**
 * Loading reads a source's original and map (sources/load-files.ts) only where its text may
 * be (docs/security.md, "Confinement"): a path out of the matrix folder and ../sources/ is
 * an error at its column of sources.csv, and no reader is ever handed it — whatever reader
 * (folder, fetch, picked files, zip) loads the matrix.
 */
import { describe, expect, it } from 'vitest';
import { readMatrix } from '../../../src/model/format/read.ts';
import { smallMatrixTexts } from '../support/small-matrix.ts';

const HEADER = 'id,title,authors,year,path,kind,original,map';

async function load(row: string, extra: Record<string, string> = {}) {
  const texts = smallMatrixTexts({ 'sources.csv': `${HEADER}\n${row}\n`, ...extra });
  const asked: string[] = [];
  const bundle = await readMatrix(async (path) => {
    asked.push(path);
    return texts[path];
  }, 'small');
  return { bundle, asked };
}

describe("a source's original and map out of the matrix are never read", () => {
  it.each([
    ['../../outside/report.pdf', '../../outside/report.map.json'],
    ['/etc/passwd', 'C:/secrets/map.json'],
    ['https://example.org/report.pdf', '..%2f..%2foutside%2fmap.json'],
  ])('original %s, map %s: an error at each column, neither handed to the reader', async (original, map) => {
    const { bundle, asked } = await load(`src,Small source,A. Author,2020,source.txt,pdf,${original},${map}`);
    expect(asked).not.toContain(original);
    expect(asked).not.toContain(map);
    expect(asked).toContain('source.txt');
    const errors = bundle.problems.filter((p) => p.severity === 'error' && p.file === 'sources.csv');
    expect(errors.map((p) => [p.line, p.field])).toEqual([[2, 'original'], [2, 'map']]);
    expect(errors[0].message).toContain(`original ${original}`);
    expect(errors[1].message).toContain(`map ${map}`);
    // Nothing else is said of them (no "cannot be read", no fixity from a file never read).
    expect(bundle.problems.filter((p) => p.field === 'sha256' || /cannot be read/.test(p.message))).toEqual([]);
    expect([...(bundle.sourceFiles ?? new Map()).keys()]).toEqual([]);
    expect(bundle.sourceMaps?.size ?? 0).toBe(0);
    // The text is in the matrix: the citations are checked against it.
    expect(bundle.sourceTexts.get('src')).toBeDefined();
  });

  it('an original and a map inside the matrix are read and kept', async () => {
    const { bundle, asked } = await load('src,Small source,A. Author,2020,source.txt,pdf,report.pdf,source.map.json', {
      'report.pdf': '%PDF-1.4 not really',
      'source.map.json': 'not a map',
    });
    expect(asked).toEqual(expect.arrayContaining(['report.pdf', 'source.map.json']));
    expect([...(bundle.sourceFiles ?? new Map()).keys()].sort()).toEqual(['report.pdf', 'source.map.json']);
  });
});
