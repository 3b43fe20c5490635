/** `policy-matrix add-source` and fixity in `validate`, run as an analyst runs them: the built command on real folders. */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handPdf } from './support/pdf-writer.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeMatrix(texts: Record<string, string | undefined> = smallMatrixTexts()): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-matrix-'));
  const folder = join(dir, 'small');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(texts)) if (text !== undefined) writeFileSync(join(folder, name), text);
  return folder;
}

function writeFile(name: string, data: Uint8Array | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'policy-matrix-file-')), name);
  writeFileSync(path, data);
  return path;
}

const TWO_PAGES = handPdf({
  title: 'Border report',
  pages: [
    ['Chapter one of the border report.', 'Visa rules differ between the states.'],
    ['Detention of families ended in 2019', 'after a court ruling in the capital.'],
  ],
  pageLabels: [[0, 'D', 11]],
});

const validateJson = (folder: string) => JSON.parse(cli('validate', '--json', folder).stdout).matrices[0];

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('policy-matrix add-source', () => {
  it('keeps the PDF under sources/, extracts its text and map once, records the row with hashes, and validates clean', () => {
    const folder = writeMatrix();
    const pdf = writeFile('Border Report.pdf', TWO_PAGES);
    const r = cli('add-source', folder, pdf, '--authors', 'R. Analyst', '--year', '2021', '--url', 'https://example.org/report');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('added source "border-report" (pdf, 2 pages): Border report');
    expect(readdirSync(join(folder, 'sources')).sort()).toEqual(['border-report.map.json', 'border-report.pdf', 'border-report.txt']);
    expect(new Uint8Array(readFileSync(join(folder, 'sources', 'border-report.pdf')))).toEqual(TWO_PAGES);
    expect(readFileSync(join(folder, 'sources', 'border-report.txt'), 'utf8')).toContain('Detention of families ended in 2019');
    const csv = readFileSync(join(folder, 'sources.csv'), 'utf8');
    expect(csv).toMatch(/\nborder-report,Border report,R\. Analyst,2021,sources\/border-report\.txt,pdf,sources\/border-report\.pdf,sources\/border-report\.map\.json,[0-9a-f]{64},[0-9a-f]{64},https:\/\/example\.org\/report,,\d{4}-\d\d-\d\d,,\n/);

    // A citation of page 2 (printed "12") with no locator: validate gives it from the map.
    appendFileSync(join(folder, 'citations.csv'), 'year,north,1,border-report,Detention of families ended in 2019,,,\n');
    const report = validateJson(folder);
    expect(report.errors).toBe(0);
    expect(report.citations.find((c: { source: string }) => c.source === 'border-report')).toMatchObject({ status: 'found', locator: 'p. 12' });
  });

  it('refuses a scanned PDF, an encrypted PDF and a web page named .pdf, each with a clear message, adding nothing', () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['scan.pdf', handPdf({ pages: [['x']], imageOnly: true }), /no text layer|scan/i],
      ['locked.pdf', handPdf({ pages: [['secret']], encrypt: { user: 'pw', owner: 'owner' } }), /password|encrypted/i],
      ['page.pdf', '<!doctype html><html><body><p>Not a PDF</p></body></html>', /not a PDF|web page|HTML/i],
    ];
    for (const [name, data, message] of cases) {
      const folder = writeMatrix();
      const before = readFileSync(join(folder, 'sources.csv'), 'utf8');
      const r = cli('add-source', folder, writeFile(name, data));
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toContain('nothing was added');
      expect(readFileSync(join(folder, 'sources.csv'), 'utf8'), name).toBe(before);
      expect(existsSync(join(folder, 'sources')), name).toBe(false);
    }
  });

  it('gives a second file of the same name its own id and files', () => {
    const folder = writeMatrix();
    expect(cli('add-source', folder, writeFile('notes.md', '# Article 3\n\nVisa policy is harmonized.\n')).status).toBe(0);
    const r = cli('add-source', folder, writeFile('notes.md', '# Article 4\n\nDetention is rare.\n'), '--title', 'Second notes');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('added source "notes-2"');
    expect(readdirSync(join(folder, 'sources')).sort()).toEqual(['notes-2.map.json', 'notes-2.md', 'notes-2.txt', 'notes.map.json', 'notes.md', 'notes.txt']);
    expect(validateJson(folder).errors).toBe(0);
  });

  it('is a wrong call without a file, or with an evidence type that is not one', () => {
    const folder = writeMatrix();
    expect(cli('add-source', folder).status).toBe(2);
    expect(cli('add-source', folder, writeFile('a.txt', 'x'), '--evidence-type', 'rumour').stderr).toContain('--evidence-type must be one of');
  });
});

describe('fixity in policy-matrix validate', () => {
  it('reports an original or a text that no longer matches its hash, naming the source and the file', () => {
    const folder = writeMatrix();
    expect(cli('add-source', folder, writeFile('report.pdf', TWO_PAGES)).status).toBe(0);
    expect(cli('validate', folder).status).toBe(0);

    appendFileSync(join(folder, 'sources', 'report.txt'), 'A sentence added by hand.\n');
    let r = cli('validate', folder);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/sources\.csv:2:\d+: error: source "report": sources\/report\.txt has changed since the source was added: its SHA-256 is [0-9a-f]{12}…, text_sha256 records [0-9a-f]{12}…/);

    const pdf = readFileSync(join(folder, 'sources', 'report.pdf'));
    pdf[pdf.length - 2] ^= 1;
    writeFileSync(join(folder, 'sources', 'report.pdf'), pdf);
    r = cli('validate', folder);
    expect(r.stdout).toMatch(/error: source "report": sources\/report\.pdf has changed since the source was added: .*sha256 records/);
  });
});

describe('an exported matrix with an added source', () => {
  it('carries the original and the map, fills locators from the map, and validates with 0 errors', () => {
    const folder = writeMatrix();
    expect(cli('add-source', folder, writeFile('report.pdf', TWO_PAGES)).status).toBe(0);
    appendFileSync(join(folder, 'citations.csv'), 'year,north,1,report,"Detention of families ended in 2019\nafter a court ruling",,,\n');
    const out = join(mkdtempSync(join(tmpdir(), 'policy-matrix-out-')), 'exported');
    const r = cli('export', folder, '--format', 'canonical', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'sources')).sort()).toEqual(['report.map.json', 'report.pdf', 'report.txt']);
    expect(readFileSync(join(out, 'citations.csv'), 'utf8')).toMatch(/year,north,1,1,report,"Detention of families ended in 2019\nafter a court ruling",,,p\. 12,states,,\d+,\d+/);
    const report = validateJson(out);
    expect(report.errors).toBe(0);
    expect(report.citations.find((c: { source: string }) => c.source === 'report')).toMatchObject({ status: 'found', locator: 'p. 12' });
  });
});
