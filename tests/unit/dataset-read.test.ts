/**
 * Reading a dataset source: every value kept as the string it is, lines of rows right
 * whatever the file holds, a Frictionless descriptor followed only to a file beside it, and
 * every input bounded (size, rows, columns) with a clear error naming the file and the line.
 */
import { describe, expect, it } from 'vitest';
import { lineOf, rowValues } from '../../src/model/dataset/dataset.ts';
import { MAX_DATASET_BYTES, MAX_DATASET_COLUMNS } from '../../src/model/dataset/limits.ts';
import { parseDataset } from '../../src/model/dataset/parse-dataset.ts';
import { readDataset } from '../../src/model/dataset/read-dataset.ts';
import type { FileReader } from '../../src/model/format/read.ts';
import type { Problem, Source } from '../../src/model/types.ts';

const at = { source: 's', file: 'd.csv', sha256: '' };

function parse(text: string) {
  const problems: Problem[] = [];
  const dataset = parseDataset(text, at, problems);
  return { dataset, problems: problems.map((p) => `${p.line}: ${p.message}`) };
}

const source = (path: string, extra: Partial<Source> = {}): Source => ({ id: 'visas', title: 'Visas', authors: '', year: '', path, kind: 'dataset', ...extra });

const reader = (files: Record<string, string | Uint8Array>): FileReader => async (path) => files[path];

async function read(path: string, files: Record<string, string | Uint8Array>, extra: Partial<Source> = {}) {
  const problems: Problem[] = [];
  const dataset = await readDataset(reader(files), source(path, extra), problems);
  return { dataset, problems: problems.map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.message}`) };
}

describe('parsing a dataset', () => {
  it('keeps every value as written: no number, date or boolean guessed, no apostrophe dropped', () => {
    const { dataset, problems } = parse('\uFEFFid,code,when,flag\n007,-1,2025-01-12,TRUE\n\'s-Hertogenbosch,=1+1, 3 ,\n');
    expect(problems).toEqual([]);
    expect([0, 1].map((r) => rowValues(dataset!, r))).toEqual([['007', '-1', '2025-01-12', 'TRUE'], ['\'s-Hertogenbosch', '=1+1', ' 3 ', '']]);
  });

  it('gives each row its line, with CRLF, blank lines and quoted line breaks', () => {
    const { dataset } = parse('a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n');
    expect([lineOf(dataset!, 0), lineOf(dataset!, 1)]).toEqual([2, 5]);
    expect(rowValues(dataset!, 0)).toEqual(['1', 'two\r\nlines']);
    const simple = parse('a,b\n1,2\n3,4\n').dataset!;
    expect(simple.lines).toBeUndefined();
    expect(lineOf(simple, 1)).toBe(3);
  });

  it('reports rows with too few or too many fields at their lines, and keeps them', () => {
    const { dataset, problems } = parse('a,b\n1\n2,3,4\n');
    expect(problems).toEqual(['2: row has 1 field, the header has 2: missing fields read as empty', '3: row has 3 fields, the header has 2: the surplus is not loaded']);
    expect(rowValues(dataset!, 0)).toEqual(['1', '']);
  });

  it('refuses a file it cannot tell rows apart in, and a header without names', () => {
    expect(parse('a,b\n1,"never closed\n2,3\n')).toEqual({ dataset: undefined, problems: ['2: unclosed quote: a field opens with " but never closes; the dataset is not loaded (its rows after this one cannot be told apart)'] });
    expect(parse('a,,c\n1,2,3\n').problems).toEqual(['1: column 2 of the header has no name: every column of a dataset needs one; the dataset is not loaded']);
    expect(parse('a,b,a\n1,2,3\n').problems).toEqual(['1: column "a" is named twice in the header; the dataset is not loaded']);
    expect(parse('').problems).toEqual(['0: the dataset is empty: its first row should name the columns']);
  });

  it('refuses more columns than allowed', () => {
    const header = Array.from({ length: MAX_DATASET_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    expect(parse(`${header}\n`).problems).toEqual([`1: the dataset has ${MAX_DATASET_COLUMNS + 1} columns, more than the ${MAX_DATASET_COLUMNS} allowed: it is not loaded`]);
  });
});

describe('reading a dataset source', () => {
  const csv = 'Passport,Destination,Requirement\nA,B,eta\n';

  it('reads a CSV named by path, and hashes its bytes', async () => {
    const { dataset, problems } = await read('data/v.csv', { 'data/v.csv': csv });
    expect(problems).toEqual([]);
    expect(dataset).toMatchObject({ file: 'data/v.csv', rowCount: 1, sha256: '901fe5f4a6959e65ed01577fe9af73bfc911253be09f08895642bbd9731c362c' });
  });

  it('warns when the data no longer has the SHA-256 sources.csv records', async () => {
    const { problems } = await read('v.csv', { 'v.csv': csv }, { sha256: '0'.repeat(64) });
    expect(problems).toEqual([expect.stringMatching(/^sources\.csv:0: warning: the data of dataset "visas" \(v\.csv\) has changed since its SHA-256 was recorded \(000000000000…, now [0-9a-f]{12}…\)/)]);
  });

  it('follows a resource descriptor to its CSV beside it, and checks its fields against the header', async () => {
    const resource = { path: 'v.csv', schema: { fields: [{ name: 'Passport' }, { name: 'Destination' }, { name: 'Needs' }], primaryKey: ['Passport', 'Destination'] }, licenses: [{ name: 'MIT' }] };
    const { dataset, problems } = await read('data/v.json', { 'data/v.json': JSON.stringify(resource), 'data/v.csv': csv });
    expect(dataset).toMatchObject({ file: 'data/v.csv', descriptor: 'data/v.json', licence: 'MIT', primaryKey: ['Passport', 'Destination'] });
    expect(problems).toEqual(['data/v.json:0: error: the table schema\'s fields (Passport, Destination, Needs) are not the columns of data/v.csv (Passport, Destination, Requirement)']);
  });

  it('reads one resource of a package, named after "#" when there are several', async () => {
    const pkg = { resources: [{ name: 'one', path: 'one.csv' }, { name: 'two', path: 'two.csv' }] };
    const files = { 'datapackage.json': JSON.stringify(pkg), 'one.csv': csv, 'two.csv': 'x\n1\n' };
    expect((await read('datapackage.json', files)).problems).toEqual(['datapackage.json:0: error: dataset "visas": the data package has 2 resources: name the one to read, as datapackage.json#<resource name>']);
    expect((await read('datapackage.json#two', files)).dataset?.columns.map((c) => c.name)).toEqual(['x']);
    expect((await read('datapackage.json#three', files)).problems[0]).toContain('the data package has no resource named "three" (its resources: one, two)');
  });

  it('reads nothing a descriptor points at outside its folder, on the web, or inline', async () => {
    for (const [path, words] of [['../secret.csv', 'is not a file beside the descriptor'], ['/etc/passwd', 'is not a file beside the descriptor'], ['https://example.org/v.csv', 'is not a file beside the descriptor'], ['a/../../b.csv', 'is not a file beside the descriptor']]) {
      const { dataset, problems } = await read('d/v.json', { 'd/v.json': JSON.stringify({ path }), '../secret.csv': csv, 'secret.csv': csv });
      expect(dataset).toBeUndefined();
      expect(problems).toEqual([`d/v.json:0: error: dataset "visas": the resource path "${path}" ${words} (a URL, an absolute path and ".." are not read)`]);
    }
    expect((await read('v.json', { 'v.json': JSON.stringify({ data: [[1]] }) })).problems).toEqual(['v.json:0: error: dataset "visas": the resource holds its data inline ("data"): give it as a CSV file ("path")']);
    expect((await read('v.json', { 'v.json': '{ not json' })).problems[0]).toMatch(/^v\.json:0: error: not valid JSON/);
  });

  it('refuses a data file larger than allowed before reading it as text', async () => {
    const big = new Uint8Array(MAX_DATASET_BYTES + 1).fill(0x61);
    const { dataset, problems } = await read('v.csv', { 'v.csv': big });
    expect(dataset).toBeUndefined();
    expect(problems).toEqual(['sources.csv:0: error: the data of dataset "visas" (v.csv) is 48 MiB, more than the 48 MiB allowed: it is not read']);
  });

  it('names the source and the path of a dataset that is not there, or not text', async () => {
    expect((await read('gone.csv', {})).problems).toEqual(['sources.csv:0: error: the data of dataset "visas" cannot be read at gone.csv']);
    expect((await read('bin.csv', { 'bin.csv': new Uint8Array([0x61, 0, 0x62]) })).problems[0]).toMatch(/^bin\.csv:0: error: file is not text/);
  });
});
