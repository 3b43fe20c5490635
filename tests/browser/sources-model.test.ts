/**
 * The sources model in the browser: search across sources, re-anchoring into a new version
 * (with its approximate-matching library, served as an ES module) and the reference list run
 * in Chromium exactly as in Node, so the app can call them on the page.
 */
import { expect } from '@open-wc/testing';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { applyReanchoring, reanchor } from '../../src/model/sources/reanchor.ts';
import { toBibtex, toCslJson } from '../../src/model/sources/references.ts';
import { citeResult, SearchIndex } from '../../src/model/sources/search/index.ts';
import { makeCitation } from '../../src/model/make.ts';

const TEXT = 'The officer may detain a foreign national on reason-\nable grounds.\n\nMinors are detained as a last resort.\n';

describe('sources model in Chromium', () => {
  it('searches a source as anchoring reads it, and cites a result', () => {
    const search = new SearchIndex();
    search.set({ id: 'act', text: TEXT, map: { pages: [{ start: 0, end: TEXT.length, index: 1, label: '7' }], headings: [] } });
    const [result] = search.search('"reasonable grounds"').results;
    expect(TEXT.slice(result.match.start, result.match.end)).to.equal('reason-\nable grounds');
    expect(result.locator).to.equal('p. 7');
    const citation = citeResult(result, new SourceIndex(TEXT))!;
    expect(citation.anchor.status).to.equal('found');
  });

  it('re-anchors a changed quote with a close passage, and accepts it as one edit', () => {
    const newText = TEXT.replace('reason-\nable', 'serious');
    const citation = makeCitation({ dimension: 'd', jurisdiction: 'j', seq: 1, source: 'act', quote: 'detain a foreign national on reasonable grounds' });
    const report = reanchor({ source: 'act', oldText: TEXT, newText, citations: [{ citation }] });
    expect(report.items[0].status).to.equal('changed');
    const { command } = applyReanchoring(report, { [report.items[0].key]: 'accept' });
    expect(command && command.type === 'update-citations' && command.updates[0].set.quote).to.equal('detain a foreign national on serious grounds');
  });

  it('writes the reference list', () => {
    const source = { id: 'act', title: 'An Act', authors: 'Parliament of Canada', year: '2001', evidence_type: 'law-or-treaty' };
    expect(toCslJson([source])[0].type).to.equal('legislation');
    expect(toBibtex([source])).to.contain('@misc{act,');
  });
});
