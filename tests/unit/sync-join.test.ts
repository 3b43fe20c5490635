import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Problem } from '../../src/model/types.ts';
import { folderReader } from '../../src/cli/node-reader.ts';
import { fetchAgainOnce } from '../../src/sync/connection.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import { teamServer, until, type TeamFixture } from './support/team-server.ts';

let team: TeamFixture | undefined;
afterEach(async () => {
  await team?.close();
  team = undefined;
});

/** A problem as the matrix shows it: where (file, line, column), how bad, what. */
const shown = (p: Problem) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`;

/**
 * The small matrix with problems of every kind a load and its check find: rows out of
 * order, a quote over two lines (so lines and rows differ), a cell of an unknown
 * jurisdiction, a level not in its scale, a citation of no cell, a quote not in the
 * source, a supported cell without a citation, a date that is not one.
 */
const brokenTexts = () => smallMatrixTexts({
  // (A column not of the format, and values the writer quotes or guards against formulae, or
  // with edge spaces: a joiner reads the rows from the document's lines, not from a parse of
  // the text, and must locate every problem as a parse of the folder's files does.)
  'cells.csv': [
    'dimension,jurisdiction,value,level,as_of,status,note,reviewer',
    'detention,south,Common,common,,supported,"Note, with a comma","He said ""no"""',
    'stc,north,yes,,2004-12,supported,"A note',
    "over two lines\",'=1+1",
    'detention,north,Rare,sometimes,,supported,," lead and trail "',
    "stc,south,yes,,20-04,supported,,''quoted",
    'year,north,2004,,,supported,,-5',
    'year,south,,,,not_in_source,,é😀',
    'stc,west,no,,,supported,,',
    '',
  ].join('\n'),
  'citations.csv': [
    'dimension,jurisdiction,seq,source,quote,prefix,suffix,locator',
    'detention,south,1,src,"but common in the south",,,',
    'stc,north,1,src,"The two states signed a safe third',
    'country agreement in 2002",,,Chapter one',
    'stc,south,1,src,Nowhere in the source at all,,,',
    'detention,north,1,src,Detention of claimants is rare in the north,,,',
    'year,east,1,src,entered into force in December 2004,,,',
    '',
  ].join('\n'),
});

describe('joining a shared matrix', () => {
  it('shows the same matrix and the same problems, at the same file, line and column, as loading its folder', async () => {
    team = await teamServer({ texts: brokenTexts() });
    // The server's first open writes the folder back in its canonical form: join the folder as it then is.
    const first = await team.join('alice');
    await until(() => team!.log.some((l) => /wrote/.test(l)), 'the folder written back');
    first.leave();
    const live = await team.join('bob');
    const bundle = await readMatrix(folderReader(team.folder), 'shared');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs });
    const snapshot = live.store.snapshot;
    expect(saveMatrix(snapshot.matrix!)).toEqual(saveMatrix(bundle.matrix));
    expect(snapshot.matrix).toEqual(bundle.matrix);
    // The problems are there to compare: errors and warnings, of the load and of the check.
    const loadProblems = bundle.problems.map(shown);
    const checkProblems = check.problems.map(shown);
    expect(loadProblems.some((p) => / error /.test(p))).toBe(true);
    expect([...loadProblems, ...checkProblems].some((p) => / warning /.test(p))).toBe(true);
    expect(checkProblems.length).toBeGreaterThan(0);
    expect(snapshot.problems.map(shown)).toEqual(loadProblems);
    expect(snapshot.check!.problems.map(shown)).toEqual(checkProblems);
  });
});

describe('joining under load', () => {
  it('leaving while the connection is being made again (after a drop) does not bring the app down', async () => {
    team = await teamServer();
    const live = await team.join('alice');
    live.disconnect();
    await until(() => live.status.state === 'offline', 'the drop');
    live.connect();
    await until(() => live.status.state === 'connecting', 'the new connection under way');
    // The socket is still connecting: closing it makes `ws` emit an error its provider no longer listens to.
    live.leave();
    await new Promise((r) => setTimeout(r, 300));
    // Another join goes on as usual.
    const again = await team.join('bob');
    expect(again.status.state).toBe('synced');
  });
});

describe('the requests of a join', () => {
  it('a read whose kept-alive connection the server closed without answering is asked once more', async () => {
    // A server that closes the connection of its first request unanswered, as one closing an
    // idle kept-alive connection does when the request comes in at that moment.
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      if (requests === 1) req.socket.destroy();
      else res.end(JSON.stringify({ name: 'Alice', role: 'editor' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/whoami`;
    try {
      await expect(fetch(url)).rejects.toThrow(TypeError);
      requests = 0;
      const answer = await fetchAgainOnce(fetch)(url);
      expect(await answer.json()).toEqual({ name: 'Alice', role: 'editor' });
      expect(requests).toBe(2);
      // Only reads are asked again.
      requests = 0;
      await expect(fetchAgainOnce(fetch)(url, { method: 'POST', body: 'x' })).rejects.toThrow(TypeError);
      expect(requests).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});
