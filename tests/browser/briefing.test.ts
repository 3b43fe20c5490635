import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-briefing/policy-briefing.ts';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyBriefing } from '../../src/components/policy-briefing/policy-briefing.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { cellKey } from '../../src/model/types.ts';
import { click, shadow, squash } from './helpers.ts';

const FIXTURE = '/tests/fixtures/briefing/matrix/';
const FIXTURE_SOURCE = '/tests/fixtures/briefing/sources/briefing-source.txt';
const REAL_MATRIX = '/matrices/eu-north-america/';
const DATE = '2025-03-01';

async function showBriefing(src: string, attrs: { dimensions?: string; jurisdictions?: string; heading?: string } = {}) {
  const el = await fixture<PolicyBriefing>(html`<policy-briefing
    src=${src}
    date=${DATE}
    dimensions=${attrs.dimensions ?? ''}
    jurisdictions=${attrs.jurisdictions ?? ''}
    heading=${attrs.heading ?? ''}
  ></policy-briefing>`);
  const root = shadow(el);
  await waitUntil(() => root.querySelector('article.briefing'), 'the briefing is not shown', { timeout: 10000 });
  return { el, root };
}

/** The table as a reader sees it: header texts, and per row its header and cell texts. */
function tableOf(root: ParentNode) {
  const headers = [...root.querySelectorAll('table thead th')].map((th) => squash(th.textContent));
  const rows = [...root.querySelectorAll('table tbody tr')].map((tr) => ({
    label: squash(tr.querySelector('th')?.textContent),
    cells: [...tr.querySelectorAll('td')].map((td) => ({
      text: squash(td.textContent),
      refs: [...td.querySelectorAll('sup a[href^="#fn-"]')].map((a) => Number(a.textContent)),
      td: td as HTMLElement,
    })),
  }));
  return { headers, rows };
}

/** Footnotes as shown: number and text. */
function footnotesOf(root: ParentNode) {
  return [...root.querySelectorAll('ol.footnotes > li')].map((li) => ({
    id: li.id,
    number: Number(squash(li.querySelector('.fn-num')?.textContent).replace('.', '')),
    text: squash(li.textContent),
    quote: squash(li.querySelector('.quote')?.textContent).replace(/^“|”$/g, ''),
  }));
}

describe('<policy-briefing> on the fixture matrix', () => {
  it('renders value and level per cell, footnotes in reading order, one per shared passage, and says what is not in the source', async () => {
    const { root } = await showBriefing(FIXTURE);
    const { headers, rows } = tableOf(root);
    expect(headers).to.deep.equal(['Dimension', 'Union', 'Federation', 'Republic']);
    expect(rows.map((r) => r.label)).to.deep.equal([
      'Border integration', 'Smart Border Declaration', "Claimants' access to work", 'Share of claimants detained', 'Safe third country',
    ]);
    const [border, smart, work, detention, safe] = rows;
    // Reading order: row by row, left to right, a cell's citations in seq order.
    expect(border.cells.map((c) => c.refs)).to.deep.equal([[1, 2], [3, 4], []]);
    expect(border.cells[0].text).to.contain('Integrated: internal checks abolished');
    expect(border.cells[0].text).to.contain('Level: Full (3 of 3)');
    expect(border.cells[1].text).to.contain('Level: Partial (2 of 3)');
    // The same passage (also cited with other spacing) is one footnote, shared by three cells.
    expect(smart.cells.map((c) => c.refs)).to.deep.equal([[], [4], [4]]);
    expect(work.cells.map((c) => c.refs)).to.deep.equal([[5], [5], []]);
    expect(safe.cells[1].refs).to.deep.equal([7]);

    // Never a blank: not in source, no entry.
    expect(border.cells[2].text).to.equal('Not in source');
    expect(border.cells[2].td.querySelector('em')).to.exist;
    expect(smart.cells[0].text).to.equal('Not in source');
    expect(work.cells[2].text).to.equal('No entry');
    expect(work.cells[1].text).to.contain('draft');

    // Flagged cells: marked unverified with a lettered note, no footnote.
    expect(detention.cells[1].text).to.match(/^⚠ Unverified\s*A\s*3%$/);
    expect(detention.cells[2].text).to.match(/^⚠ Unverified\s*B\s*5%$/);
    expect(detention.cells[1].refs).to.deep.equal([]);
    const notes = [...root.querySelectorAll('ul.notes > li')].map((li) => squash(li.textContent));
    expect(notes[0]).to.match(/^A\. Share of claimants detained — Federation: not verified/);
    expect(notes[1]).to.match(/^B\. Share of claimants detained — Republic: not verified/);
    expect(notes[2]).to.contain("Claimants' access to work — Union, citation 2");

    // Data is text: the value's <i> is shown, not made an element.
    expect(work.cells[0].text).to.contain('After six months <i>(at the earliest)</i> | not before');
    expect(work.cells[0].td.querySelector('i')).to.equal(null);

    const footnotes = footnotesOf(root);
    expect(footnotes.map((f) => f.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(footnotes.map((f) => f.id)).to.deep.equal(footnotes.map((f) => `fn-${f.number}`));
    // Quotes are the source's own words: the hyphen-broken "bor-\nder" reads joined.
    expect(footnotes[2].quote).to.equal('The federation keeps its own border checks');
    expect(footnotes[3].text).to.equal('4. Borders and asylum: a test text, ch. 1: “Smart Border Declaration on 12 December 2001”');
    const source = new SourceIndex(await (await fetch(FIXTURE_SOURCE)).text());
    for (const f of footnotes) expect(source.anchor({ quote: f.quote }).status, f.text).to.equal('found');

    const sources = [...root.querySelectorAll('ul.sources > li')].map((li) => squash(li.textContent));
    expect(sources).to.deep.equal(['A. Author; B. Author (2024). Borders and asylum: a test text. Text: briefing-source.txt. Footnotes 1–7.']);
    expect(squash(root.querySelector('.colophon')?.textContent)).to.contain(`Produced ${DATE}`);
  });

  it('takes its dimensions, jurisdictions and heading from attributes', async () => {
    const { root, el } = await showBriefing(FIXTURE, { dimensions: 'smart-border,work', jurisdictions: 'republic,federation', heading: 'Two rows <b>only</b>' });
    const { headers, rows } = tableOf(root);
    // Matrix order, whatever the order of the list.
    expect(headers).to.deep.equal(['Dimension', 'Federation', 'Republic']);
    expect(rows.map((r) => r.label)).to.deep.equal(['Smart Border Declaration', "Claimants' access to work"]);
    // Numbered afresh in this table's reading order.
    expect(rows.map((r) => r.cells.map((c) => c.refs))).to.deep.equal([[[1], [1]], [[2], []]]);
    expect(squash(root.querySelector('h2.title')?.textContent)).to.equal('Two rows <b>only</b>');
    expect(root.querySelector('h2.title b')).to.equal(null);
    const input = root.querySelector<HTMLInputElement>('input[name="title"]')!;
    expect(input.value).to.equal('Two rows <b>only</b>');
    expect(el.briefing?.footnotes).to.have.length(2);
  });

  it('reads the deprecated title attribute once, with a warning, and keeps no tooltip on the element', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<PolicyBriefing>(html`<policy-briefing src=${FIXTURE} date=${DATE} title="Old-style title"></policy-briefing>`);
      const root = shadow(el);
      await waitUntil(() => root.querySelector('article.briefing'), 'the briefing is not shown', { timeout: 10000 });
      expect(squash(root.querySelector('h2.title')?.textContent)).to.equal('Old-style title');
      // The global attribute would show "Old-style title" as a tooltip over the whole element.
      expect(el.hasAttribute('title')).to.equal(false);
      expect(el.title).to.equal('');
      expect(el.heading).to.equal('Old-style title');
      expect(warnings.filter((w) => w.includes('title attribute is deprecated'))).to.have.length(1);
      // `heading` is the attribute now; set later, it changes the title.
      el.setAttribute('heading', 'New title');
      await waitUntil(() => squash(root.querySelector('h2.title')?.textContent) === 'New title', 'heading set later is not shown');
    } finally {
      console.warn = warn;
    }
  });

  it('chooses dimensions and jurisdictions with the keyboard (Tab, Space); footnotes renumber', async () => {
    const { root } = await showBriefing(FIXTURE);
    const boxes = () => [...root.querySelectorAll<HTMLInputElement>('fieldset.dimensions input[type="checkbox"]')];
    // Each checkbox is named by its dimension's label.
    expect(boxes().map((b) => squash(b.closest('label')?.textContent))).to.deep.equal([
      'Border integration', 'Smart Border Declaration', "Claimants' access to work", 'Share of claimants detained', 'Safe third country',
    ]);
    expect(boxes().every((b) => b.checked)).to.equal(true);

    // From the title field: Tab to the paper menu, Tab to the first dimension.
    root.querySelector<HTMLInputElement>('input[name="title"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(boxes()[0]);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => tableOf(root).rows.length === 4, 'unchecking did not remove the row');
    expect(boxes()[0].checked).to.equal(false);
    let table = tableOf(root);
    expect(table.rows[0].label).to.equal('Smart Border Declaration');
    // The first footnote is now the Smart Border passage.
    expect(table.rows[0].cells.map((c) => c.refs)).to.deep.equal([[], [1], [1]]);
    expect(footnotesOf(root)[0].quote).to.equal('Smart Border Declaration on 12 December 2001');
    expect(footnotesOf(root).map((f) => f.number)).to.deep.equal([1, 2, 3, 4]);

    // Tab, Space: the second dimension goes too.
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(boxes()[1]);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => tableOf(root).rows.length === 3, 'the second row was not removed');

    // And a jurisdiction: focus its checkbox, Space.
    const union = root.querySelector<HTMLInputElement>('fieldset.jurisdictions input[value="union"]')!;
    union.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => tableOf(root).headers.length === 3, 'the jurisdiction was not removed');
    table = tableOf(root);
    expect(table.headers).to.deep.equal(['Dimension', 'Federation', 'Republic']);
    expect(table.rows.map((r) => r.cells.map((c) => c.refs))).to.deep.equal([[[1], []], [[], []], [[2], []]]);
  });

  it('copies rich HTML (a real table with the footnotes) and plain text to the clipboard', async () => {
    const { root, el } = await showBriefing(FIXTURE);
    const clipboard = navigator.clipboard;
    const original = clipboard.write;
    let items: ClipboardItems | undefined;
    Object.defineProperty(clipboard, 'write', {
      configurable: true,
      value: async (written: ClipboardItems) => {
        items = written;
      },
    });
    try {
      const copy = [...root.querySelectorAll('button')].find((b) => squash(b.textContent) === 'Copy')!;
      await click(copy);
      await waitUntil(() => items, 'nothing was written to the clipboard');
    } finally {
      Object.defineProperty(clipboard, 'write', { configurable: true, value: original });
    }
    expect(items).to.have.length(1);
    const item = items![0];
    expect(item.types).to.include.members(['text/html', 'text/plain']);
    const htmlText = await (await item.getType('text/html')).text();
    const plain = await (await item.getType('text/plain')).text();

    const doc = new DOMParser().parseFromString(htmlText, 'text/html');
    const table = doc.querySelector('table');
    expect(table, 'a real table').to.exist;
    // Inline styles: a word processor ignores stylesheets.
    expect(doc.querySelector('style')).to.equal(null);
    expect(table!.getAttribute('style')).to.contain('border-collapse');
    expect(doc.querySelector('td')!.getAttribute('style')).to.contain('border');
    const { rows, headers } = tableOf(doc);
    expect(headers).to.deep.equal(['Dimension', 'Union', 'Federation', 'Republic']);
    // Same numbers as on screen.
    const sup = (td: HTMLElement) => squash(td.querySelector('sup')?.textContent);
    expect(sup(rows[0].cells[0].td)).to.equal('1, 2');
    expect(sup(rows[1].cells[2].td)).to.equal('4');
    expect(rows[0].cells[2].text).to.equal('Not in source');
    expect(rows[3].cells[1].text).to.contain('⚠ Unverified');
    const paragraphs = [...doc.querySelectorAll('p')].map((p) => squash(p.textContent));
    const footnotes = paragraphs.filter((p) => /^\d+\. /.test(p));
    expect(footnotes.map((p) => Number(p.split('.')[0]))).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(footnotes[3]).to.equal('4. Borders and asylum: a test text, ch. 1: “Smart Border Declaration on 12 December 2001”');
    expect(doc.querySelectorAll('script, i, img, [onerror], [onclick]')).to.have.length(0);
    expect(plain.split('\n')).to.include('Dimension\tUnion\tFederation\tRepublic');
    expect(plain).to.contain('4. Borders and asylum: a test text, ch. 1: “Smart Border Declaration on 12 December 2001”');
    expect(htmlText).to.equal(el.clipboardContent()!.html);
    await waitUntil(() => squash(root.querySelector('.message')?.textContent).startsWith('Copied the table and 7 footnotes'), 'no message');
  });

  it('falls back to a selection copy with the same HTML when the clipboard API refuses', async () => {
    const { root, el } = await showBriefing(FIXTURE);
    const clipboard = navigator.clipboard;
    const original = clipboard.write;
    Object.defineProperty(clipboard, 'write', {
      configurable: true,
      value: async () => {
        throw new DOMException('refused', 'NotAllowedError');
      },
    });
    let copied: { html: string; text: string } | undefined;
    const listen = (e: ClipboardEvent) => {
      copied = { html: e.clipboardData!.getData('text/html'), text: e.clipboardData!.getData('text/plain') };
    };
    window.addEventListener('copy', listen);
    try {
      const copy = [...root.querySelectorAll('button')].find((b) => squash(b.textContent) === 'Copy')!;
      await click(copy);
      await waitUntil(() => copied, 'no copy happened');
    } finally {
      window.removeEventListener('copy', listen);
      Object.defineProperty(clipboard, 'write', { configurable: true, value: original });
    }
    expect(copied!.html).to.equal(el.clipboardContent()!.html);
    expect(copied!.text).to.equal(el.clipboardContent()!.text);
    expect(copied!.html).to.contain('<table');
  });

  it('downloads a standalone HTML file and Markdown with the same numbers', async () => {
    const { root } = await showBriefing(FIXTURE, { heading: 'Borders: a “briefing”' });
    const clicked: { href: string; download: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) clicked.push({ href: this.href, download: this.download });
      else original.call(this);
    };
    try {
      const button = (name: string) => [...root.querySelectorAll('button')].find((b) => squash(b.textContent) === name)!;
      // Letter paper, chosen in the menu.
      const paper = root.querySelector<HTMLSelectElement>('select[name="paper"]')!;
      paper.value = 'letter';
      paper.dispatchEvent(new Event('change'));
      await click(button('Download HTML'));
      await click(button('Download Markdown'));
      await waitUntil(() => clicked.length === 2, 'no downloads');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked.map((c) => c.download)).to.deep.equal(['borders-a-briefing.html', 'borders-a-briefing.md']);
    const page = await (await fetch(clicked[0].href)).text();
    const md = await (await fetch(clicked[1].href)).text();
    expect(page.startsWith('<!doctype html>')).to.equal(true);
    expect(page).to.contain('size: letter portrait');
    expect(page).to.not.contain('<script');
    const doc = new DOMParser().parseFromString(page, 'text/html');
    expect(doc.title).to.equal('Borders: a “briefing”');
    expect(tableOf(doc).rows[0].cells.map((c) => c.refs)).to.deep.equal([[1, 2], [3, 4], []]);
    expect(footnotesOf(doc).map((f) => f.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(md).to.contain('| **Smart Border Declaration** | *Not in source* | Yes[^4] · as of 2001-12 | Yes[^4] |');
    expect(md).to.contain('[^4]: Borders and asylum: a test text, ch. 1: “Smart Border Declaration on 12 December 2001”');
    expect(md.match(/^\[\^\d+\]: /gm)).to.have.length(7);
  });

  it('prints the briefing alone from a frame with its print stylesheet', async () => {
    const { root, el } = await showBriefing(FIXTURE);
    const button = [...root.querySelectorAll('button')].find((b) => squash(b.textContent) === 'Print')!;
    await click(button);
    const frame = await waitUntil(() => root.querySelector<HTMLIFrameElement>('iframe.print-frame'), 'no print frame').then(
      () => root.querySelector<HTMLIFrameElement>('iframe.print-frame')!,
    );
    // The standalone document, its stylesheet adopted rather than in a <style> element (which
    // a strict Content Security Policy, inherited by the frame, would refuse).
    expect(frame.srcdoc).to.equal(el.documentHtml()!.replace(/<style>[^]*<\/style>\n/, ''));
    await waitUntil(() => frame.contentDocument?.querySelector('table'), 'the frame shows no table');
    const doc = frame.contentDocument!;
    expect(doc.querySelector('style')).to.equal(null);
    expect(footnotesOf(doc).map((f) => f.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    // The print rules are in force in the frame.
    await waitUntil(() => doc.adoptedStyleSheets.length > 0, 'no stylesheet in the frame');
    const rules = [...doc.styleSheets, ...doc.adoptedStyleSheets].flatMap((s) => [...s.cssRules]);
    // (The frame has its own CSSRule classes: tell the rules apart by their text, not instanceof.)
    const page = rules.find((r) => r.cssText.startsWith('@page')) as CSSPageRule | undefined;
    expect(page?.style.getPropertyValue('size')).to.match(/^a4\b/i);
    const print = rules.find((r) => r.cssText.startsWith('@media print')) as CSSMediaRule;
    const printText = [...print.cssRules].map((r) => r.cssText).join('\n');
    expect(printText).to.contain('display: table-header-group');
    expect(printText).to.match(/tr[^{]*\{[^}]*break-inside: avoid/);
  });
});

describe('<policy-briefing> with the bundled matrix', () => {
  it('footnotes every cited passage once, each quote found in the source', async () => {
    const { root, el } = await showBriefing(REAL_MATRIX);
    const b = el.briefing!;
    expect(tableOf(root).rows).to.have.length(b.rows.length);
    expect(b.rows.length).to.be.greaterThan(10);
    const footnotes = footnotesOf(root);
    expect(footnotes.length).to.equal(b.footnotes.length);
    expect(footnotes.map((f) => f.number)).to.deep.equal(footnotes.map((_, i) => i + 1));
    const sources = new Map<string, SourceIndex>();
    for (const s of el.briefing!.sources) {
      const [header, ...rows] = (await (await fetch(`${REAL_MATRIX}sources.csv`)).text()).split('\n');
      // The bundled sources.csv has no quoted field: a row splits at its commas.
      const path = rows.find((l) => l.startsWith(`${s.id},`))!.split(',')[header.split(',').indexOf('path')];
      sources.set(s.id, new SourceIndex(await (await fetch(new URL(path, new URL(REAL_MATRIX, location.href)))).text()));
    }
    const ranges = new Set<string>();
    b.footnotes.forEach((f, i) => {
      const anchor = sources.get(f.source)!.anchor({ quote: footnotes[i].quote });
      expect(anchor.status, footnotes[i].text).to.equal('found');
      ranges.add(`${f.source}:${f.range.start}:${f.range.end}`);
    });
    // One footnote per passage.
    expect(ranges.size).to.equal(b.footnotes.length);
    // Cells that cite the same passage share its number; markers on screen match the model.
    const shared = b.footnotes.filter((f) => f.cells.length > 1);
    expect(shared.length).to.be.greaterThan(0);
    const table = tableOf(root);
    b.rows.forEach((row, r) => row.cells.forEach((cell, c) => expect(table.rows[r].cells[c].refs).to.deep.equal(cell.footnotes)));
    // Every not-in-source cell says so.
    const notInSource = b.rows.flatMap((row, r) => row.cells.map((cell, c) => ({ cell, r, c }))).filter((x) => x.cell.status === 'not_in_source');
    expect(notInSource.length).to.be.greaterThan(0);
    for (const x of notInSource) expect(table.rows[x.r].cells[x.c].text).to.equal('Not in source');
  });

  it('inside a matrix, uses its store: the selected cell’s row by default', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <policy-matrix src=${REAL_MATRIX} style="height: 400px">
        <policy-briefing date=${DATE}></policy-briefing>
      </policy-matrix>
    </div>`);
    const matrix = page.querySelector<PolicyMatrix>('policy-matrix')!;
    const briefing = page.querySelector<PolicyBriefing>('policy-briefing')!;
    const root = shadow(briefing);
    await waitUntil(() => root.querySelector('article.briefing'), 'the briefing did not get the store', { timeout: 10000 });
    const all = tableOf(root).rows.length;
    expect(all).to.equal(matrix.store.snapshot.matrix!.dimensions.length);
    matrix.store.select(cellKey('visa-harmonization', 'ca'));
    await waitUntil(() => tableOf(root).rows.length === 1, 'the selection did not narrow the briefing');
    expect(tableOf(root).rows[0].label).to.equal('Visa harmonization');
    expect(tableOf(root).headers).to.have.length(5);
  });
});
