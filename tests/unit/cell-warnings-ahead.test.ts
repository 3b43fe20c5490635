/**
 * The cells' codebook warnings made ahead of the check (while a load's citations are still
 * being anchored, see cell-warnings-ahead.ts) are the check's own: the same problems, in the
 * same order, at the same line and column, whether all, some or none were made ahead, and
 * whether the load ran in a worker with the page taking its time between messages.
 */
import { describe, expect, it } from 'vitest';
import { anchorCitation, checkMatrix, CheckBuilder, SourceIndexCache, type MatrixCheck } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { RowLocations } from '../../src/model/format/row-locations.ts';
import { LoadAssembler } from '../../src/state/load-worker.ts';
import { runLoad } from '../../src/worker/load-job.ts';
import type { WorkerMessage } from '../../src/worker/load-protocol.ts';
import { textsReader } from './support/small-matrix.ts';

const SOURCE = 'It has been argued that the rule is strict. The rule is strict. Detention is more common than in the south.';

/**
 * A matrix whose cells break each rule about a cell, alone and together: a note over two
 * lines (the rows after it are a line further down), a row cut short (no confidence column),
 * a repeated cell (its warnings are not the check's), a later period, and a de jure cell
 * whose only support is a reported claim (the rule that reads the citations) with a warning of its own too.
 */
function files(): Record<string, string> {
  return {
    'datapackage.json': JSON.stringify({ name: 'ahead', title: 'Warnings ahead', policyMatrixFormat: 2 }),
    'jurisdictions.csv': 'id,label,group,order\nnorth,North,,1\nsouth,South,,2\neast,East,,3\nwest,West,,4\n',
    'dimensions.csv': [
      'id,label,definition,theme,value_type,scale,unit,order,basis,coding_rules,direction',
      'rule,Rule,What the law says,Asylum,ordinal,strictness,,1,de_jure,strict: the law says so,restrictive',
      'practice,Practice,Observed practice,Asylum,ordinal,strictness,,2,de_facto,,',
      '',
    ].join('\n'),
    'scales.csv': 'scale,rank,level,label,definition,needs_absolute\nstrictness,1,lenient,Lenient,,no\nstrictness,2,strict,Strict,,yes\n',
    'cells.csv': [
      'dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note',
      'rule,north,1,Strict,strict,,,,supported,,no,',
      'rule,south,1,Strict,strict,,,2005,supported,high,no,"a note, over',
      'two lines"',
      'practice,north,1,Strict,strict,,,,supported,,yes,',
      'practice,south,1,Lenient,lenient,,,2005,supported,,yes,',
      'practice,east,1,Strict,strict,,,2005,supported',
      'practice,north,1,Lenient,lenient,,,,supported,,yes,repeated',
      'practice,west,1,Strict,strict,2004,,,supported,low,yes,',
      'practice,west,2,Strict,strict,,,,supported,,no,',
      'rule,east,1,,,,,,not_in_source,,no,',
      '',
    ].join('\n'),
    'citations.csv': [
      'dimension,jurisdiction,period,seq,source,quote,prefix,suffix,locator,support,attribution',
      'rule,north,1,1,src,It has been argued that the rule is strict,,,,reports,Critics',
      'rule,south,1,1,src,The rule is strict,,,,states,',
      'practice,north,1,1,src,Detention is more common than in the south,,,,states,',
      'practice,south,1,1,src,The rule is strict,,,,states,',
      'practice,east,1,1,src,The rule is strict,,,,states,',
      'practice,west,1,1,src,The rule is strict,,,,states,',
      'practice,west,2,1,src,The rule is strict,,,,states,',
      '',
    ].join('\n'),
    'sources.csv': 'id,title,authors,year,path\nsrc,Source,,2006,source.txt\n',
    'source.txt': SOURCE,
  };
}

const said = (check: MatrixCheck) => check.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field} ${p.message}`);

describe('cell warnings made ahead of the check', () => {
  it('are the check\'s own, whether all, some or none of the cells\' were made ahead', () => {
    const { matrix, problems, locations, pairs } = loadMatrix('ahead', files());
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      expect.stringMatching(/^row has 9 fields/), expect.stringMatching(/^duplicate cell \(practice, north\)/),
    ]);
    const texts = new Map([['src', SOURCE]]);
    const plain = checkMatrix(matrix, texts, { cache: new SourceIndexCache(), locations, pairs });
    // Each rule about a cell, where it points, in the order the check finds them: after the
    // two-line note, cells.csv's lines are one more than their rows; the row cut short is
    // pointed at its end; the repeated cell (line 8) has none.
    const rule = (s: string) => s.replace(/:( say| give| cite).*$/, '').replace(/, but its level .*$/, '');
    expect(said(plain).map(rule)).toEqual([
      'cells.csv:2:41 confidence cell (rule, north) has a level but no confidence',
      'cells.csv:2:30 observed supported cell (rule, north) has no date',
      'citations.csv:2:66 support cell (rule, north) of de jure dimension "Rule" rests only on reported claims (support: reports)',
      'cells.csv:5:45 confidence cell (practice, north) has a level but no confidence',
      'cells.csv:5:34 observed supported cell (practice, north) has no date',
      'cells.csv:5:46 relative cell (practice, north) is graded only by comparison (relative)',
      'cells.csv:6:51 confidence cell (practice, south) has a level but no confidence',
      'cells.csv:7:47 confidence cell (practice, east) has a level but no confidence',
      'cells.csv:9:52 relative cell (practice, west) is graded only by comparison (relative)',
      'cells.csv:10:44 confidence cell (practice, west, period 2) has a level but no confidence',
      'cells.csv:10:33 observed supported cell (practice, west, period 2) has no date',
    ]);
    for (let made = 0; made <= matrix.cells.length; made++) {
      const builder = new CheckBuilder(matrix, (citation, i, anchors) => anchors.set(i, anchorCitation(citation, texts, new SourceIndexCache())), { locations, pairs });
      const ahead = builder.warnCellsAhead((i, column) => (locations as RowLocations).rowOf('cells', i, matrix.cells[i])?.locate(column) ?? { line: 0, column: 0 });
      ahead.step(made);
      expect(ahead.made).toBe(made);
      builder.step(Infinity);
      const check = builder.result();
      expect(said(check)).toEqual(said(plain));
      expect(check.problems).toEqual(plain.problems);
    }
  });

  it('are made while the worker anchors, and the load gives the problems a load on the main thread gives', async () => {
    const read = textsReader(files());
    const messages: WorkerMessage[] = [];
    await runLoad({ type: 'load', url: 'http://localhost/m/', name: 'ahead' }, (message, transfer) => messages.push(structuredClone(message, { transfer })), read);
    const types = messages.map((m) => m.type).filter((t) => t !== 'progress');
    // cells.csv's location right after the cells, before the citations.
    expect(types.indexOf('location')).toBe(types.lastIndexOf('cells') + 1);
    expect(types.indexOf('location')).toBeLessThan(types.indexOf('citations'));
    // The page takes its turns between the messages, as it does between a worker's messages.
    const assembler = new LoadAssembler();
    for (const message of messages) {
      if (message.type !== 'progress') assembler.receive(message);
      await new Promise((r) => setTimeout(r, 1));
    }
    const loaded = await assembler.assemble({ slice: 1 });
    const bundle = await readMatrix(read, 'ahead');
    const plain = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations });
    expect(said(loaded.check)).toEqual(said(plain));
    expect(loaded.check.problems).toEqual(plain.problems);
    expect(loaded.check.problems.filter((p) => p.category === 'codebook' && p.file === 'cells.csv')).toHaveLength(10);
  });
});
