/**
 * Embedding: the one-file bundle (dist/policy-matrix.js, written by `npm run build`) in plain
 * host pages (tests/fixtures/embed/), each loaded in an iframe as a page the tool does not
 * control. What a host page sees: two instances that stay independent, no style coming in
 * (even from `* { font: 20px serif; line-height: 3 }`) or going out, events heard from
 * `document`, attributes and properties that act the same before and after the upgrade, a
 * clear message for a missing, unreachable or broken matrix, and a bundle loaded twice.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';

interface HostWindow extends Window {
  __errors: string[];
  __events: {
    type: string;
    target: string;
    composed: boolean;
    bubbles: boolean;
    cell?: { dimension: string; jurisdiction: string; value: string; check: string } | null;
    action?: string;
    label?: string;
    changes?: number;
    cells?: string[];
    citations?: string[];
    trigger?: string;
  }[];
}

type AnyElement = HTMLElement & Record<string, any>;

const FIXTURES = '/tests/fixtures/embed';
const REAL_MATRIX = '/matrices/eu-north-america/';
const SMALL_MATRIX = '/tests/fixtures/matrices/small/';
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Inherited (and a few box) properties compared inside the elements. */
const PROPS = [
  'font-family', 'font-size', 'font-style', 'font-weight', 'line-height', 'color', 'letter-spacing', 'word-spacing',
  'text-align', 'text-transform', 'text-indent', 'white-space-collapse', 'text-wrap-mode', 'text-shadow', 'box-sizing',
  '-webkit-text-fill-color', 'cursor', 'background-color', 'border-top-width', 'padding-top', 'margin-top',
] as const;

async function open(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'display: block; width: 1200px; height: 900px; border: 0';
  frame.src = url;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

const host = (frame: HTMLIFrameElement) => frame.contentWindow as unknown as HostWindow;

function element(doc: Document, id: string): AnyElement {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el as AnyElement;
}

function root(doc: Document, id: string): ShadowRoot {
  const r = element(doc, id).shadowRoot;
  if (!r) throw new Error(`#${id} has no shadow root (not upgraded?)`);
  return r;
}

const rowIndexes = (r: ShadowRoot) => [...new Set([...r.querySelectorAll('.ag-row[row-index]')].map((x) => Number(x.getAttribute('row-index'))))].sort((a, b) => a - b);
const columnIds = (r: ShadowRoot) => [...r.querySelectorAll('.ag-header-cell[col-id]')].map((h) => h.getAttribute('col-id'));
const cellOf = (r: ShadowRoot, row: number, col: string) => r.querySelector<HTMLElement>(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);

async function gridShown(doc: Document, id: string, rows = 1): Promise<ShadowRoot> {
  await waitUntil(() => doc.getElementById(id)?.shadowRoot && rowIndexes(root(doc, id)).length >= rows && squash(cellOf(root(doc, id), 0, '__dimension')?.textContent), `#${id} shows no grid`, { timeout: 15000 });
  return root(doc, id);
}

function styles(el: Element | null | undefined): Record<string, string> {
  if (!el) return { missing: 'yes' };
  const cs = el.ownerDocument.defaultView!.getComputedStyle(el);
  const out: Record<string, string> = {};
  for (const p of PROPS) out[p] = cs.getPropertyValue(p);
  out.height = el.getBoundingClientRect().height.toFixed(1);
  out.width = el.getBoundingClientRect().width.toFixed(1);
  return out;
}

/** Click the middle of an element inside a frame with the real mouse. */
async function clickIn(frame: HTMLIFrameElement, el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const f = frame.getBoundingClientRect();
  const b = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(f.x + b.x + b.width / 2), Math.round(f.y + b.y + b.height / 2)] });
}

/** Press a key with modifiers held (real key presses). */
async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

const alertText = (r: ShadowRoot) => squash(r.querySelector('[role="alert"]')?.textContent);

describe('embedding the bundle in a host page', () => {
  before(async () => {
    await setViewport({ width: 1300, height: 1000 });
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('is not changed by a hostile page stylesheet: inside, every element computes as on a clean page', async () => {
    const clean = await open(`${FIXTURES}/two.html`);
    const hostile = await open(`${FIXTURES}/hostile.html`);
    for (const f of [clean, hostile]) {
      const doc = f.contentDocument!;
      await gridShown(doc, 'a', 5);
      await gridShown(doc, 'b', 5);
      await waitUntil(() => doc.getElementById('c')?.shadowRoot?.querySelector('.compare-table td') && doc.getElementById('d')?.shadowRoot?.querySelector('.briefing td'), 'comparison or briefing not shown', { timeout: 15000 });
    }
    // The hostile sheet does apply to the page itself.
    const probe = hostile.contentDocument!.querySelector('p.probe')!;
    expect(getComputedStyle(probe).fontFamily).to.equal('serif');
    expect(getComputedStyle(probe).lineHeight).to.equal('60px');

    const panel = (doc: Document) => doc.querySelector('#a policy-citation-panel')!.shadowRoot!;
    const probes: [string, (doc: Document) => Element | null][] = [];
    for (const id of ['a', 'b']) {
      probes.push(
        [`#${id} header`, (doc) => root(doc, id).querySelector('.ag-header-cell-text')],
        [`#${id} dimension`, (doc) => cellOf(root(doc, id), 0, '__dimension')],
        [`#${id} dimension label`, (doc) => cellOf(root(doc, id), 0, '__dimension')!.querySelector('.dim')],
        [`#${id} cell`, (doc) => cellOf(root(doc, id), 0, 'eu')],
        [`#${id} cell text`, (doc) => cellOf(root(doc, id), 1, 'ca')!.querySelector('.cell')],
        [`#${id} row`, (doc) => root(doc, id).querySelector('.ag-row[row-index="2"]')],
        [`#${id} base`, (doc) => root(doc, id).querySelector('[part="base"]')],
      );
    }
    probes.push(
      ['panel hint', (doc) => panel(doc).querySelector('.hint')],
      ['panel legend', (doc) => panel(doc).querySelector('dd')],
      ['compare title', (doc) => root(doc, 'c').querySelector('.title')],
      ['compare cell', (doc) => root(doc, 'c').querySelector('.compare-table td')],
      ['compare select', (doc) => root(doc, 'c').querySelector('select')],
      ['compare badge', (doc) => root(doc, 'c').querySelector('.badge')],
      ['compare heading', (doc) => root(doc, 'c').querySelector('h3')],
      ['compare host', (doc) => element(doc, 'c')],
      ['briefing button', (doc) => root(doc, 'd').querySelector('button.primary')],
      ['briefing field', (doc) => root(doc, 'd').querySelector('input[name="title"]')],
      ['briefing table cell', (doc) => root(doc, 'd').querySelector('.briefing td')],
      ['briefing title', (doc) => root(doc, 'd').querySelector('.briefing .title')],
      ['briefing host', (doc) => element(doc, 'd')],
    );
    // Measure once the grids have settled. Rows grow to their content (AG Grid's autoHeight),
    // which on a busy machine can take seconds: first wait until the first row of each grid holds
    // its text on both pages, then until nothing moves.
    const holdsItsText = (doc: Document, id: string) => {
      const cell = cellOf(root(doc, id), 0, 'eu');
      const text = cell?.querySelector('.cell');
      return !!cell && !!text && text.getBoundingClientRect().bottom <= cell.getBoundingClientRect().bottom + 0.5;
    };
    await waitUntil(() => [clean, hostile].every((f) => holdsItsText(f.contentDocument!, 'a') && holdsItsText(f.contentDocument!, 'b')),
      'the rows did not grow to their content', { timeout: 15000 });
    const measure = (f: HTMLIFrameElement) => probes.map(([, find]) => styles(find(f.contentDocument!)));
    let last = '';
    await waitUntil(() => {
      const now = JSON.stringify([measure(clean), measure(hostile)]);
      const same = now === last;
      last = now;
      return same;
    }, 'the layout does not settle', { interval: 250, timeout: 10000 });
    const [inClean, inHostile] = [measure(clean), measure(hostile)];
    const differences: string[] = [];
    probes.forEach(([name], i) => {
      const a = inClean[i];
      const b = inHostile[i];
      expect(a.missing, `${name} not found on the clean page`).to.equal(undefined);
      for (const k of Object.keys(a)) if (a[k] !== b[k]) differences.push(`${name}: ${k} ${a[k]} → ${b[k]}`);
    });
    expect(differences).to.deep.equal([]);
    // The text inside is the elements' own: 13px system font in the grid, 14px elsewhere.
    const cell = styles(cellOf(root(hostile.contentDocument!, 'a'), 0, 'eu'));
    expect(cell['font-size']).to.equal('13px');
    expect(cell['font-family']).to.contain('system-ui');
    expect(cell.color).to.equal('rgb(31, 35, 40)');
    expect(styles(root(hostile.contentDocument!, 'c').querySelector('.title'))['text-transform']).to.equal('none');
  });

  it('adds no style to the host page: its own elements compute the same before and after', async () => {
    const frame = await open(`${FIXTURES}/probe.html`);
    const doc = frame.contentDocument!;
    const snapshot = () => [...doc.querySelectorAll('.probe')].map((el) => JSON.stringify(styles(el)));
    const sheets = () => [doc.styleSheets.length, doc.adoptedStyleSheets.length, doc.head.querySelectorAll('style, link').length];
    const before = snapshot();
    const sheetsBefore = sheets();
    doc.getElementById('slot')!.innerHTML =
      `<policy-matrix id="m" src="${REAL_MATRIX}" style="height: 300px"><policy-citation-panel></policy-citation-panel></policy-matrix>` +
      `<policy-compare id="c" src="/tests/fixtures/compare/matrix/" no-url-state></policy-compare>` +
      `<policy-briefing id="b" src="/tests/fixtures/compare/matrix/"></policy-briefing>`;
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = '/dist/policy-matrix.js';
    doc.head.append(script);
    await gridShown(doc, 'm', 3);
    await waitUntil(() => doc.getElementById('b')?.shadowRoot?.querySelector('.briefing td'), 'no briefing', { timeout: 15000 });
    expect(snapshot()).to.deep.equal(before);
    expect(sheets(), [...doc.head.querySelectorAll('style, link')].map((x) => x.outerHTML.slice(0, 200)).join('\n')).to.deep.equal(sheetsBefore);
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('keeps two instances of one matrix independent: selection, editing, theme', async () => {
    const frame = await open(`${FIXTURES}/two.html`);
    const doc = frame.contentDocument!;
    const a = element(doc, 'a');
    const b = element(doc, 'b');
    const ra = await gridShown(doc, 'a', 5);
    const rb = await gridShown(doc, 'b', 5);
    expect(a.store).to.not.equal(b.store);

    await clickIn(frame, cellOf(ra, 1, 'eu')!);
    await waitUntil(() => a.store.snapshot.selection !== undefined, 'clicking a cell of #a selected nothing');
    expect(b.store.snapshot.selection).to.equal(undefined);

    // An edit of #b: #a's matrix and grid stay as they were.
    const [dimension, jurisdiction] = a.store.snapshot.selection.split('\u0000');
    const before = squash(cellOf(ra, 1, 'eu')!.textContent);
    const result = b.store.edit({ type: 'set-cell', dimension, jurisdiction, set: { value: '', level: '', status: 'not_in_source' } });
    expect(result.ok).to.equal(true);
    await waitUntil(() => squash(cellOf(rb, 1, 'eu')?.textContent).startsWith('Not in source'), `#b does not show its edit: ${squash(cellOf(rb, 1, 'eu')?.textContent)}`);
    expect(squash(cellOf(ra, 1, 'eu')!.textContent)).to.equal(before);
    expect(a.store.snapshot.edits.version).to.equal(0);

    // Themes are per element: #b is dark, #a light.
    expect(getComputedStyle(cellOf(ra, 0, 'eu')!).color).to.equal('rgb(31, 35, 40)');
    expect(getComputedStyle(cellOf(rb, 0, 'eu')!).color).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(rb.querySelector('.ag-root-wrapper')!).backgroundColor).to.equal('rgb(13, 17, 23)');
    expect(getComputedStyle(ra.querySelector('.ag-root-wrapper')!).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('lets the page hear selection, changes and evidence requests from document, from the right instance', async () => {
    const frame = await open(`${FIXTURES}/two.html`);
    const doc = frame.contentDocument!;
    const events = () => host(frame).__events.filter((e) => e.type !== 'policy-matrix-load');
    const a = element(doc, 'a');
    const b = element(doc, 'b');
    const ra = await gridShown(doc, 'a', 5);
    const rb = await gridShown(doc, 'b', 5);
    const firstDimension = cellOf(ra, 0, '__dimension')!.closest('.ag-row')!.getAttribute('row-id');

    await clickIn(frame, cellOf(ra, 0, 'eu')!);
    await waitUntil(() => events().some((e) => e.type === 'policy-cell-select'), 'no policy-cell-select heard');
    let select = events().find((e) => e.type === 'policy-cell-select')!;
    expect(select).to.include({ target: 'a', composed: true, bubbles: true });
    expect(select.cell).to.include({ dimension: firstDimension, jurisdiction: 'eu' });

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => events().filter((e) => e.type === 'policy-cell-select').length === 2, 'the arrow key selected no other cell');
    select = events().filter((e) => e.type === 'policy-cell-select')[1];
    expect(select.cell).to.include({ dimension: firstDimension, jurisdiction: 'ca' });

    // Read-only #a: Enter asks for the evidence (no editor), typing and Ctrl+Z change nothing.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => events().some((e) => e.type === 'policy-citation-open'), 'Enter on a read-only cell fired no policy-citation-open');
    const opened = events().find((e) => e.type === 'policy-citation-open')!;
    expect(opened).to.include({ target: 'a', trigger: 'keyboard', composed: true });
    expect(opened.cell).to.include({ dimension: firstDimension, jurisdiction: 'ca' });
    expect(opened.citations!.length).to.equal(a.store.snapshot.check.citations.get(`${firstDimension}\u0000ca`)?.length ?? 0);
    expect(ra.querySelectorAll('.pm-editor').length).to.equal(0);
    await clickIn(frame, cellOf(ra, 0, 'ca')!);
    await sendKeys({ type: '7' });
    await chord(['Control'], 'z');
    await new Promise((r) => setTimeout(r, 200));
    expect(ra.querySelectorAll('.pm-editor').length).to.equal(0);
    expect(a.store.snapshot.edits.version).to.equal(0);
    // The slotted citation panel shows the evidence, without editing tools.
    const panel = doc.querySelector('#a policy-citation-panel')!.shadowRoot!;
    await waitUntil(() => panel.querySelector('.title'), 'the panel shows no cell');
    expect(panel.querySelectorAll('.edit-cell, .cite-from-source, .add-by-hand, .citation-tools').length).to.equal(0);

    // #b (editable): an edit, then Ctrl+Z in its grid.
    const heard = events().length;
    b.store.edit({ type: 'set-cell', dimension: firstDimension, jurisdiction: 'mx', set: { note: 'Noted by the host page' } });
    await waitUntil(() => events().some((e) => e.type === 'policy-cell-change'), 'no policy-cell-change heard');
    const change = events().find((e) => e.type === 'policy-cell-change')!;
    expect(change).to.include({ target: 'b', action: 'edit', composed: true });
    expect(change.cells).to.deep.equal([`${firstDimension}/mx`]);
    expect(change.changes).to.equal(1);
    await clickIn(frame, cellOf(rb, 2, 'eu')!);
    await chord(['Control'], 'z');
    await waitUntil(() => events().some((e) => e.type === 'policy-cell-change' && e.action === 'undo'), 'Ctrl+Z in #b fired no undo change');
    expect(b.store.snapshot.index.cells.get(`${firstDimension}\u0000mx`)?.note ?? '').to.not.equal('Noted by the host page');
    // Nothing came from #a after its read-only attempts, and every event named its element.
    expect(events().slice(heard).filter((e) => e.target === 'a' && e.type !== 'policy-cell-select')).to.deep.equal([]);
    expect(events().every((e) => e.target === 'a' || e.target === 'b')).to.equal(true);

    // The comparison: a click on a value cell selects it and asks for its evidence.
    const c = root(doc, 'c');
    await waitUntil(() => c.querySelector('.compare-table td.value-cell'), 'no comparison');
    const valueCell = c.querySelector<HTMLElement>('.compare-table td.value-cell[data-key]')!;
    const [cd, cj] = valueCell.dataset.key!.split('\u0000');
    await clickIn(frame, valueCell);
    await waitUntil(() => events().some((e) => e.target === 'c' && e.type === 'policy-citation-open'), 'no policy-citation-open from the comparison');
    expect(events().find((e) => e.target === 'c' && e.type === 'policy-cell-select')?.cell).to.include({ dimension: cd, jurisdiction: cj });
    expect(events().find((e) => e.target === 'c' && e.type === 'policy-citation-open')).to.include({ trigger: 'pointer', composed: true });
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('acts on attributes changed after the upgrade: src, jurisdictions, dimensions, theme, read-only', async () => {
    const frame = await open(`${FIXTURES}/attrs.html`);
    const doc = frame.contentDocument!;
    await waitUntil(() => frame.contentWindow!.customElements.get('policy-matrix'), 'the bundle did not register policy-matrix');
    const m = doc.createElement('policy-matrix') as AnyElement;
    m.id = 'm';
    m.style.height = '400px';
    doc.body.append(m);
    await waitUntil(() => squash(m.shadowRoot?.textContent).includes('set the src attribute'), 'no hint without src');

    m.setAttribute('src', REAL_MATRIX);
    let r = await gridShown(doc, 'm', 5);
    expect(columnIds(r)).to.deep.equal(['__dimension', 'eu', 'ca', 'us', 'mx']);

    m.setAttribute('jurisdictions', 'us, eu');
    await waitUntil(() => columnIds(r).join() === '__dimension,eu,us', `jurisdictions: ${columnIds(r).join()}`);
    m.setAttribute('dimensions', 'detention,removals');
    await waitUntil(() => rowIndexes(r).length === 2, `dimensions: ${rowIndexes(r).length} rows`);
    expect(squash(cellOf(r, 0, '__dimension')!.textContent)).to.contain('Detention');
    m.removeAttribute('jurisdictions');
    await waitUntil(() => columnIds(r).length === 5, 'all jurisdictions again');

    m.setAttribute('theme', 'dark');
    await waitUntil(() => getComputedStyle(cellOf(r, 0, 'eu')!).color === 'rgb(230, 237, 243)', 'theme="dark" did not reach the grid');
    m.setAttribute('theme', 'light');
    await waitUntil(() => getComputedStyle(cellOf(r, 0, 'eu')!).color === 'rgb(31, 35, 40)', 'theme="light"');
    // auto follows the reader's system setting.
    m.setAttribute('theme', 'auto');
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => getComputedStyle(cellOf(r, 0, 'eu')!).color === 'rgb(230, 237, 243)', 'theme="auto" is not dark on a dark system');
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(() => getComputedStyle(cellOf(r, 0, 'eu')!).color === 'rgb(31, 35, 40)', 'theme="auto" is not light on a light system');
    m.removeAttribute('theme');
    doc.body.style.setProperty('--policy-matrix-color', 'rgb(1, 2, 3)');
    await waitUntil(() => getComputedStyle(cellOf(r, 0, 'eu')!).color === 'rgb(1, 2, 3)', 'a custom property set by the page did not reach the grid');
    doc.body.style.removeProperty('--policy-matrix-color');

    // read-only on: Enter opens no editor; off: it does.
    m.setAttribute('read-only', '');
    expect(m.readonly).to.equal(true);
    await clickIn(frame, cellOf(r, 0, 'eu')!);
    await sendKeys({ press: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.querySelectorAll('.pm-editor').length).to.equal(0);
    m.removeAttribute('read-only');
    expect(m.readonly).to.equal(false);
    await clickIn(frame, cellOf(r, 0, 'eu')!);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => r.querySelectorAll('.pm-editor').length === 1, 'without read-only, Enter opened no editor');
    await sendKeys({ press: 'Escape' });

    // Another src: the other matrix.
    m.removeAttribute('dimensions');
    m.setAttribute('src', SMALL_MATRIX);
    await waitUntil(() => m.store.snapshot.origin === SMALL_MATRIX && m.store.snapshot.status === 'ready', 'the new src was not loaded');
    r = await gridShown(doc, 'm', 1);
    expect(rowIndexes(r).length).to.equal(m.store.snapshot.matrix.dimensions.length);

    // Without any height given by the page, the grid still shows (at its minimum height).
    const bare = doc.createElement('policy-matrix') as AnyElement;
    bare.id = 'bare';
    bare.setAttribute('src', REAL_MATRIX);
    doc.body.append(bare);
    const rBare = await gridShown(doc, 'bare', 3);
    expect(rBare.querySelector('.ag-root-wrapper')!.getBoundingClientRect().height).to.be.at.least(320);
    // Given a height, the grid fills it, whether the page leaves the element's display as it is
    // or sets it to block (as the README's advice after a CSS reset does).
    for (const display of ['', 'block']) {
      bare.style.cssText = `display: ${display}; height: 700px`;
      await waitUntil(() => rBare.querySelector('.ag-root-wrapper')!.getBoundingClientRect().height > 600, `display "${display}": the grid did not fill the element's 700 px`);
      const element = bare.getBoundingClientRect();
      expect(rBare.querySelector('.ag-root-wrapper')!.getBoundingClientRect().bottom).to.be.at.most(element.bottom + 1);
    }
    bare.remove();

    // The comparison and the briefing take their attributes after the upgrade too.
    const c = doc.createElement('policy-compare') as AnyElement;
    c.setAttribute('no-url-state', '');
    doc.body.append(c);
    c.setAttribute('src', '/tests/fixtures/compare/matrix/');
    await waitUntil(() => c.shadowRoot?.querySelector('.compare-table'), 'no comparison', { timeout: 15000 });
    c.setAttribute('jurisdictions', 'aa,bb');
    c.setAttribute('dimensions', 'visa,checks');
    await waitUntil(() => c.shadowRoot!.querySelectorAll('.compare-table tbody tr').length === 2 && c.shadowRoot!.querySelectorAll('.compare-table thead th').length === 4, 'compare attributes not applied');
    const d = doc.createElement('policy-briefing') as AnyElement;
    doc.body.append(d);
    d.setAttribute('src', '/tests/fixtures/compare/matrix/');
    d.setAttribute('dimensions', 'visa');
    await waitUntil(() => d.shadowRoot?.querySelectorAll('.briefing tbody tr').length === 1, 'briefing dimensions not applied', { timeout: 15000 });
    d.setAttribute('dimensions', 'visa,checks,work');
    await waitUntil(() => d.shadowRoot?.querySelectorAll('.briefing tbody tr').length === 3, 'briefing dimensions not changed');
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('acts the same on attributes and properties set before the upgrade as after', async () => {
    const frame = await open(`${FIXTURES}/late.html`);
    const doc = frame.contentDocument!;
    expect(frame.contentWindow!.customElements.get('policy-matrix')).to.equal(undefined);
    // Properties on plain (not yet upgraded) elements.
    Object.assign(element(doc, 'm-prop'), {
      src: REAL_MATRIX, jurisdictions: 'mx,eu', dimensions: 'detention,removals,intelligence-sharing', readonly: true, theme: 'dark',
    });
    Object.assign(element(doc, 'c-prop'), { src: '/tests/fixtures/compare/matrix/', jurisdictions: 'aa,cc', dimensions: 'visa,returns', noUrlState: true });
    Object.assign(element(doc, 'b-prop'), { src: '/tests/fixtures/compare/matrix/', dimensions: 'detention', jurisdictions: 'aa,bb', date: '2024-01-02' });
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = '/dist/policy-matrix.js';
    doc.head.append(script);
    await waitUntil(() => frame.contentWindow!.customElements.get('policy-matrix'), 'the bundle did not load');

    // And a third of each, made after the upgrade with the same attributes.
    const after = doc.createElement('div');
    after.innerHTML =
      `<policy-matrix id="m-after" style="height: 300px"></policy-matrix><policy-compare id="c-after"></policy-compare><policy-briefing id="b-after"></policy-briefing>`;
    doc.body.append(after);
    const attrs = (id: string) => [...element(doc, id.replace('after', 'attr')).attributes].filter((a) => a.name !== 'id' && a.name !== 'style');
    for (const id of ['m-after', 'c-after', 'b-after']) for (const a of attrs(id)) element(doc, id).setAttribute(a.name, a.value);

    const seen = async (id: string) => {
      const r = await gridShown(doc, id, 3);
      const el = element(doc, id);
      return {
        columns: columnIds(r).join(),
        rows: rowIndexes(r).length,
        colour: getComputedStyle(cellOf(r, 0, 'eu')!).color,
        readOnly: el.readonly,
        reflected: el.getAttribute('read-only'),
        theme: el.getAttribute('theme'),
      };
    };
    const want = { columns: '__dimension,eu,mx', rows: 3, colour: 'rgb(230, 237, 243)', readOnly: true, reflected: '', theme: 'dark' };
    expect(await seen('m-attr')).to.deep.equal(want);
    expect(await seen('m-prop')).to.deep.equal(want);
    expect(await seen('m-after')).to.deep.equal(want);

    const compared = async (id: string) => {
      await waitUntil(() => root(doc, id).querySelector('.compare-table'), `#${id} shows no comparison`, { timeout: 15000 });
      const r = root(doc, id);
      return [...r.querySelectorAll('.compare-table thead th, .compare-table tbody th .dimension-label')].map((x) => squash(x.textContent)).join('|');
    };
    const comparison = await compared('c-attr');
    expect(comparison).to.equal('Dimension|Alpha|Gamma|Convergence|Common visa|Returns');
    expect(await compared('c-prop')).to.equal(comparison);
    expect(await compared('c-after')).to.equal(comparison);

    const briefed = async (id: string) => {
      await waitUntil(() => root(doc, id).querySelector('.briefing table'), `#${id} shows no briefing`, { timeout: 15000 });
      return squash(root(doc, id).querySelector('.briefing table')!.textContent);
    };
    const briefing = await briefed('b-attr');
    expect(briefing).to.contain('Detention');
    expect(await briefed('b-prop')).to.equal(briefing);
    expect(await briefed('b-after')).to.equal(briefing);
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('says inside the element, never an empty box, when a matrix is missing, unreachable or broken', async () => {
    const frame = await open(`${FIXTURES}/broken.html`);
    const doc = frame.contentDocument!;
    const base = new URL('/tests/fixtures/embed/no-such-matrix/', location.href).href;
    const alertOf = async (id: string) => {
      await waitUntil(() => doc.getElementById(id)?.shadowRoot && alertText(root(doc, id)), `#${id} shows no alert`, { timeout: 15000 });
      const r = root(doc, id);
      const box = r.querySelector('[role="alert"]')!.getBoundingClientRect();
      expect(box.height, `#${id}: the alert is not visible`).to.be.greaterThan(10);
      return alertText(r);
    };
    for (const id of ['m-missing', 'c-missing', 'b-missing']) {
      const text = await alertOf(id);
      expect(text, id).to.contain(base);
      expect(text, id).to.contain('no matrix files were found there');
    }
    for (const id of ['m-offline', 'c-offline', 'b-offline']) {
      const text = await alertOf(id);
      expect(text, id).to.contain('Could not load the matrix from http://127.0.0.1:9/matrix/');
      expect(text, id).to.match(/Failed to fetch/i);
    }
    // The grid of a missing matrix is not shown at all (no empty grid under the message).
    const missing = root(doc, 'm-missing');
    expect((missing.querySelector('.grid') as HTMLElement).hidden).to.equal(true);
    // A matrix with errors still shows, with its problems listed above the grid.
    const broken = await gridShown(doc, 'm-broken', 2);
    expect(squash(broken.querySelector('.pm-warning summary')?.textContent)).to.match(/^The matrix has \d+ problems?/);
    expect(squash(broken.querySelector('.pm-warning')?.textContent)).to.contain('cells.csv:3');
    // No src: a hint, not an alert.
    expect(squash(root(doc, 'm-none').textContent)).to.contain('set the src attribute');
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('loads twice without an error: each tag is registered once and works', async () => {
    const frame = await open(`${FIXTURES}/twice.html`);
    const doc = frame.contentDocument!;
    await gridShown(doc, 'm', 5);
    await waitUntil(() => doc.getElementById('c')?.shadowRoot?.querySelector('.compare-table'), 'no comparison', { timeout: 15000 });
    // A third time, after the elements are in use.
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = '/dist/policy-matrix.js?copy=3';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    doc.head.append(script);
    await loaded;
    expect([...doc.querySelectorAll('script[src*="policy-matrix.js"]')].length).to.equal(3);
    expect(host(frame).__errors).to.deep.equal([]);
    expect(rowIndexes(root(doc, 'm')).length).to.be.greaterThan(4);
  });

  it("keeps the README's snippet in its boxes: the panel of a 480 px matrix scrolls inside it, nothing overlaps what follows", async () => {
    const frame = await open(`${FIXTURES}/readme.html`);
    const doc = frame.contentDocument!;
    const matrix = doc.querySelector('policy-matrix') as AnyElement;
    await waitUntil(() => matrix.shadowRoot && rowIndexes(matrix.shadowRoot).length === 2 && cellOf(matrix.shadowRoot, 0, 'ca'), 'the matrix shows no grid', { timeout: 15000 });
    const r = matrix.shadowRoot!;
    const panel = doc.querySelector('policy-citation-panel')!;
    // Choose a cell and ask for its evidence (read-only: Enter), as a reader would, once the
    // grid has settled (rows take their height over a few frames).
    let last = '';
    await waitUntil(() => {
      const now = JSON.stringify(cellOf(r, 0, 'ca')!.getBoundingClientRect());
      const same = now === last;
      last = now;
      return same;
    }, 'the grid does not settle', { interval: 250, timeout: 10000 });
    await clickIn(frame, cellOf(r, 0, 'ca')!);
    await waitUntil(() => matrix.store.snapshot.selection === 'detention\u0000ca', `the click selected ${matrix.store.snapshot.selection}`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.shadowRoot!.querySelector('.citations'), 'the panel shows no evidence', { timeout: 10000 });
    // What follows the element is where a reader sees it, not under the evidence.
    const after = doc.getElementById('after')!;
    after.scrollIntoView({ block: 'center' });
    const at = after.getBoundingClientRect();
    const box = matrix.getBoundingClientRect();
    expect(box.height).to.be.closeTo(480, 0.5);
    const under = doc.elementsFromPoint(at.left + 20, at.top + at.height / 2);
    expect(under[0]).to.equal(after);
    expect(under.filter((el) => el === panel || el === matrix), 'the evidence is painted under the next paragraph').to.deep.equal([]);
    const aside = r.querySelector<HTMLElement>('[part="aside"]')!;
    // The evidence is taller than the room the grid leaves: it scrolls inside the element.
    expect(aside.scrollHeight).to.be.greaterThan(aside.clientHeight);
    expect(aside.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 0.5);
    expect(r.querySelector('.grid')!.getBoundingClientRect().height).to.be.at.least(319.5);
    expect(at.top - box.top).to.be.at.least(box.height);
    // The evidence has the focus, in view inside its box.
    const focused = panel.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.matches('.title, .hint'), 'the evidence has no focus').to.equal(true);
    const f = focused!.getBoundingClientRect();
    const a = aside.getBoundingClientRect();
    expect(f.top).to.be.at.least(a.top - 0.5);
    expect(f.top).to.be.below(a.bottom);
    // The briefing's title is its heading attribute; the element carries no tooltip.
    const briefing = doc.querySelector('policy-briefing') as AnyElement;
    await waitUntil(() => briefing.shadowRoot?.querySelector('.briefing .title'), 'no briefing', { timeout: 15000 });
    expect(squash(briefing.shadowRoot!.querySelector('.briefing .title')!.textContent)).to.equal('Detention');
    expect(briefing.hasAttribute('title')).to.equal(false);
    expect(host(frame).__errors).to.deep.equal([]);
  });

  it('keeps a citation panel a block with its own text on a page that unsets every property of every element', async () => {
    const clean = await open(`${FIXTURES}/two.html`);
    const unset = await open(`${FIXTURES}/unset.html`);
    const panelOf = (f: HTMLIFrameElement) => f.contentDocument!.querySelector('policy-citation-panel')!;
    for (const f of [clean, unset]) {
      await waitUntil(() => panelOf(f).shadowRoot?.querySelector('dd'), 'the panel shows no legend', { timeout: 15000 });
    }
    // The page's reset does apply to the page's own elements (and the custom elements' hosts).
    expect(getComputedStyle(unset.contentDocument!.body).display).to.equal('inline');
    const panel = panelOf(unset);
    expect(getComputedStyle(panel).display).to.equal('block');
    // Under the same matrix (the store arrived: the panel upgraded before its matrix or after it).
    expect(squash(panel.shadowRoot!.querySelector('.hint')?.textContent)).to.contain('Select a cell');
    for (const selector of ['.hint', 'dd', 'dt']) {
      const [a, b] = [clean, unset].map((f) => styles(panelOf(f).shadowRoot!.querySelector(selector)));
      for (const k of ['font-family', 'font-size', 'line-height', 'color', 'letter-spacing', 'text-align', 'text-transform']) {
        expect(b[k], `${selector} ${k}`).to.equal(a[k]);
      }
    }
    expect(host(unset).__errors).to.deep.equal([]);
  });

  it('the documentation page shows a live example of each element, with its code', async () => {
    const frame = await open('/docs/index.html');
    const doc = frame.contentDocument!;
    const live = (name: string) => doc.querySelector(`.live[data-example="${name}"]`);
    await waitUntil(() => squash(doc.getElementById('loaded')?.textContent).startsWith('Using the built bundle'), 'the docs page did not load the bundle', { timeout: 15000 });
    await waitUntil(() => rowIndexes(live('matrix')!.querySelector('policy-matrix')!.shadowRoot!).length === 5, 'the matrix example shows no grid', { timeout: 15000 });
    await waitUntil(() => live('compare')!.querySelector('policy-compare')!.shadowRoot!.querySelector('.compare-table'), 'no compare example', { timeout: 15000 });
    await waitUntil(() => live('briefing')!.querySelector('policy-briefing')!.shadowRoot!.querySelector('.briefing table'), 'no briefing example', { timeout: 15000 });
    await waitUntil(() => alertText(live('error')!.querySelector('policy-matrix')!.shadowRoot!).includes('no-such-matrix'), 'no error example', { timeout: 15000 });
    await waitUntil(() => doc.querySelectorAll('table.ref').length >= 8, 'no reference tables', { timeout: 15000 });
    // Each example's code block is the example's markup, with a Copy button.
    const blocks = [...doc.querySelectorAll('.code-block')];
    expect(blocks.length).to.be.greaterThanOrEqual(doc.querySelectorAll('template.example').length + 2);
    for (const tag of ['policy-matrix', 'policy-compare', 'policy-briefing']) {
      expect(blocks.some((b) => b.querySelector('code')!.textContent!.includes(`<${tag}`)), tag).to.equal(true);
    }
    expect(blocks.every((b) => b.querySelector('button.copy'))).to.equal(true);
    expect([...doc.querySelectorAll('.live:not([data-example="error"]) *')].filter((el) => el.shadowRoot?.querySelector('[role="alert"]')).length).to.equal(0);
  });
});
