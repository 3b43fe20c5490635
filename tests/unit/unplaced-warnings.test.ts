/**
 * The cells' codebook warnings a check makes unplaced (see unplaced-warnings.ts) read, when
 * read, exactly as warnings located and worded at once: the same problems, in the same order,
 * at the same line and column, with the same message, whichever is read first (the whole list,
 * the views' sorted lists, one entry's problems as an edit reads them) — on files with notes
 * over two lines, quoted fields holding commas, quotes and line breaks, CRLF line endings,
 * rows cut short and repeated cells, and on random such files; and so the command line's
 * `validate` writes them, as text and as JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorCitation, checkMatrix, CheckBuilder, SourceIndexCache, type MatrixCheck } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import type { RowLocations } from '../../src/model/format/row-locations.ts';
import { entryKey, type Problem } from '../../src/model/types.ts';

const SOURCE = 'The rule is strict. Detention is common.';

const HEADER = 'dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note';

function files(cellRows: string[], eol = '\n'): Record<string, string> {
  const cited = new Set<string>();
  const citations: string[] = [];
  for (const row of cellRows) {
    const m = /^(\w+),(\w+),(\d+),/.exec(row);
    if (!m || cited.has(m[0])) continue;
    cited.add(m[0]);
    citations.push(`${m[1]},${m[2]},${m[3]},1,src,The rule is strict,,,,states,`);
  }
  return {
    'datapackage.json': JSON.stringify({ name: 'unplaced', title: 'Warnings placed when read', policyMatrixFormat: 2 }),
    'jurisdictions.csv': 'id,label,group,order\nnorth,North,,1\nsouth,South,,2\neast,East,,3\nwest,West,,4\n',
    'dimensions.csv': 'id,label,definition,theme,value_type,scale,unit,order,basis,coding_rules,direction\nrule,Rule,,Asylum,ordinal,strictness,,1,de_facto,,\npractice,Practice,,Asylum,ordinal,strictness,,2,de_facto,,\n',
    'scales.csv': 'scale,rank,level,label,definition,needs_absolute\nstrictness,1,lenient,Lenient,,no\nstrictness,2,strict,Strict,,yes\n',
    'cells.csv': [HEADER, ...cellRows, ''].join(eol),
    'citations.csv': ['dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution', ...citations, ''].join(eol),
    'sources.csv': 'id,title,authors,year,path\nsrc,Source,,2006,source.txt\n',
    'source.txt': SOURCE,
  };
}

/** The check with every cell's warnings located and worded at once (made ahead, the eager way), and the one made now (unplaced until read). */
function checks(f: Record<string, string>): { eager: MatrixCheck; lazy: () => MatrixCheck } {
  const { matrix, locations, pairs } = loadMatrix('unplaced', f);
  const texts = new Map([['src', SOURCE]]);
  const builder = new CheckBuilder(matrix, (citation, i, anchors) => anchors.set(i, anchorCitation(citation, texts, new SourceIndexCache())), { locations, pairs });
  builder.warnCellsAhead((i, column) => (locations as RowLocations).rowOf('cells', i, matrix.cells[i])?.locate(column) ?? { line: 0, column: 0 }).step(Infinity);
  builder.step(Infinity);
  return { eager: builder.result(), lazy: () => checkMatrix(matrix, texts, { cache: new SourceIndexCache(), locations, pairs }) };
}

const said = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field} ${p.message}`);
const cellWarnings = (problems: readonly Problem[]) => problems.filter((p) => p.category === 'codebook' && p.file === 'cells.csv');

const ROWS = [
  // A value quoted with a comma, a doubled quote and a line break, before the warned fields.
  'rule,north,1,"Strict, ""as written""',
  'in law",strict,,,,supported,,no,',
  'rule,south,1,Strict,strict,,,2005,supported,high,no,"a note, over',
  'two lines"',
  'practice,north,1,Strict,strict,,,,supported,,yes,',
  // Cut short: no confidence column, then none after the status.
  'practice,south,1,Lenient,lenient,,,2005,supported',
  'practice,east,1,Strict,strict,,,',
  // Repeated: the first is used, the repeat has no warnings of its own.
  'practice,north,1,Lenient,lenient,,,,supported,,yes,repeated',
  'practice,west,1,"Strict,\r\nstrict",strict,2004,,,supported,,yes,',
  'practice,west,2,Strict,strict,,,,supported,,no,',
];

describe('cell warnings placed when read', () => {
  it('read as warnings placed at once, on LF and CRLF files with quoted fields, notes over two lines, rows cut short and repeated cells', () => {
    for (const eol of ['\n', '\r\n']) {
      const { eager, lazy } = checks(files(ROWS, eol));
      const check = lazy();
      expect(cellWarnings(eager.problems).length).toBe(11);
      expect(said(check.problems)).toEqual(said(eager.problems));
      expect(check.problems).toEqual(eager.problems);
      // As the command line's --json writes them: the same keys in the same order.
      expect(JSON.stringify(check.problems)).toBe(JSON.stringify(eager.problems));
      // Where they point, as a reader counts it in the file (the same with either line ending).
      expect(said(cellWarnings(check.problems)).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
        'cells.csv:3:29 confidence', 'cells.csv:3:18 observed',
        'cells.csv:6:45 confidence', 'cells.csv:6:34 observed', 'cells.csv:6:46 relative',
        // Cut short: pointed at the row's end.
        'cells.csv:7:50 confidence',
        'cells.csv:8:33 confidence',
        // After a value over two lines (CRLF inside its quotes, in either file).
        'cells.csv:11:33 confidence', 'cells.csv:11:34 relative',
        'cells.csv:12:44 confidence', 'cells.csv:12:33 observed',
      ]);
    }
  });

  it('made ahead unplaced (as a load in the worker makes them), all, some or none, read as warnings placed at once', () => {
    const f = files(ROWS, '\r\n');
    const { eager } = checks(f);
    const { matrix, locations, pairs } = loadMatrix('unplaced', f);
    const texts = new Map([['src', SOURCE]]);
    for (let made = 0; made <= matrix.cells.length; made++) {
      const builder = new CheckBuilder(matrix, (citation, i, anchors) => anchors.set(i, anchorCitation(citation, texts, new SourceIndexCache())), { locations, pairs });
      const ahead = builder.warnCellsAhead();
      ahead.step(made);
      builder.step(Infinity);
      const check = builder.result();
      // Nothing placed before it is read, nor by reading the findings (listed at every load);
      // then every one as placed at once.
      expect(said(check.problemSet.sorted('findings'))).toEqual(said(eager.problemSet.sorted('findings')));
      if (made > 3) expect(ahead.problem(0)).toMatchObject({ line: 0, column: 0, message: '' });
      if (made % 2) expect(said(check.problemSet.sorted('codebook'))).toEqual(said(eager.problemSet.sorted('codebook')));
      expect(said(check.problems)).toEqual(said(eager.problems));
      expect(JSON.stringify(check.problems)).toBe(JSON.stringify(eager.problems));
    }
  });

  it('read the same whichever is read first: one entry\'s problems, the sorted lists, or the whole list', () => {
    const f = files(ROWS, '\r\n');
    const { eager, lazy } = checks(f);
    const keys = [...new Set(eager.problems.map((p) => p.target).filter((t) => t?.kind === 'cell').map((t) => entryKey(t!.dimension, (t as { jurisdiction: string }).jurisdiction, (t as { period?: number }).period ?? 1)))];
    expect(keys.length).toBeGreaterThan(4);
    // One entry's first (as an edit re-checking it reads them), in reverse order, then the rest.
    const byEntry = lazy();
    const entries = keys.slice(1).reverse().map((k) => byEntry.problemSet.ofEntry(k));
    expect(entries.map(said)).toEqual(keys.slice(1).reverse().map((k) => said(eager.problemSet.ofEntry(k))));
    expect(said(byEntry.problems)).toEqual(said(eager.problems));
    // The same objects, placed once: an entry's problems are those of the list.
    for (const list of entries) for (const p of list) expect(byEntry.problems).toContain(p);
    // The sorted lists first (the Problems and Codebook views).
    const sortedFirst = lazy();
    expect(said(sortedFirst.problemSet.sorted('codebook'))).toEqual(said(eager.problemSet.sorted('codebook')));
    expect(said(sortedFirst.problemSet.sorted('findings'))).toEqual(said(eager.problemSet.sorted('findings')));
    expect(said(sortedFirst.problems)).toEqual(said(eager.problems));
    // An edit's set made before anything is read: its list reads as the eager one's.
    const first = keys[0];
    const edited = lazy().problemSet.replace([[first, []]]);
    const eagerEdited = eager.problemSet.replace([[first, []]]);
    expect(said(edited.list())).toEqual(said(eagerEdited.list()));
    expect(said(edited.sorted('codebook'))).toEqual(said(eagerEdited.sorted('codebook')));
  });

  it('read as warnings placed at once on random files', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const texts = ['Strict', '"Strict, as written"', '"over\ntwo lines"', '"over\r\ntwo, lines"', '"a ""quoted"" word"', ''];
    for (let round = 0; round < 40; round++) {
      const rows: string[] = [];
      for (let r = 0; r < 12; r++) {
        const fields = [pick(['rule', 'practice']), pick(['north', 'south', 'east', 'west']), pick(['1', '1', '2']), pick(texts), pick(['strict', 'lenient', '']),
          pick(['', '2004']), '', pick(['', '2005']), pick(['supported', 'draft', 'supported']), pick(['', '', 'high']), pick(['yes', 'no']), pick(texts)];
        rows.push(fields.slice(0, random() < 0.2 ? 6 + Math.floor(random() * 6) : 12).join(','));
      }
      const { eager, lazy } = checks(files(rows, pick(['\n', '\r\n'])));
      const check = lazy();
      // Half the rounds read an entry's problems first.
      if (round % 2) for (const p of eager.problems) if (p.target?.kind === 'cell') check.problemSet.ofEntry(entryKey(p.target.dimension, p.target.jurisdiction, p.target.period ?? 1));
      expect(said(check.problems)).toEqual(said(eager.problems));
      expect(JSON.stringify(check.problems)).toBe(JSON.stringify(eager.problems));
    }
  });

  it('read by the command line as placed at once: validate\'s text and --json', () => {
    const root = join(import.meta.dirname, '..', '..');
    // The command line runs from its bundle; built from the current sources.
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
    const f = files(ROWS, '\r\n');
    const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-unplaced-')), 'unplaced');
    mkdirSync(folder);
    for (const [name, text] of Object.entries(f)) writeFileSync(join(folder, name), text);
    const { eager } = checks(f);
    const warnings = cellWarnings(eager.problems);
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'policy-matrix.js'), 'validate', ...args, folder], { cwd: root, encoding: 'utf8' }).stdout;
    const text = run();
    for (const p of warnings) expect(text).toContain(`${join(folder, 'cells.csv')}:${p.line}:${p.column}: warning: ${p.message}`);
    const json = JSON.parse(run('--json')) as { matrices: { problems: unknown[] }[] };
    const listed = json.matrices[0].problems.filter((p) => (p as Problem).category === 'codebook' && (p as Problem).file === 'cells.csv');
    expect(listed).toEqual(JSON.parse(JSON.stringify([...warnings].sort((a, b) => a.line - b.line || a.column - b.column))));
  });
});
