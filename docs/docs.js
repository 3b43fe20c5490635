// The documentation page (docs/index.html): loads the elements, stamps each example's
// <template> into a live area followed by its code (the same text, so the code shown is the
// code that runs), adds Copy buttons, logs the elements' events, and writes the reference
// tables from custom-elements.json. Plain JavaScript: served as is.

const loaded = document.getElementById('loaded');

/** The built bundle when there is one, else the sources through the dev server. */
async function loadElements() {
  const bundle = '/dist/policy-matrix.js';
  const head = await fetch(bundle, { method: 'HEAD' }).catch(() => undefined);
  if (head?.ok) {
    await import(bundle);
    return `Using the built bundle, ${bundle}.`;
  }
  await import('/src/define.ts');
  return 'Using the TypeScript sources through the dev server (run npm run build to use dist/policy-matrix.js).';
}

/** The template's text without the indentation shared by its lines. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function copyButton(pre) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.addEventListener('click', async () => {
    const text = pre.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const range = document.createRange();
      range.selectNodeContents(pre);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.execCommand('copy');
    }
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
  return button;
}

function wrapWithCopy(pre) {
  // A code block scrolls sideways: focusable, so a keyboard can scroll it too (WCAG 2.1.1).
  pre.tabIndex = 0;
  const block = document.createElement('div');
  block.className = 'code-block';
  pre.replaceWith(block);
  block.append(pre, copyButton(pre));
}

function stampExamples() {
  for (const template of document.querySelectorAll('template.example')) {
    const live = document.createElement('div');
    live.className = 'live';
    live.dataset.example = template.dataset.name;
    live.append(document.importNode(template.content, true));
    const pre = document.createElement('pre');
    pre.className = 'code';
    const code = document.createElement('code');
    code.textContent = dedent(template.innerHTML);
    pre.append(code);
    template.after(live, pre);
    wrapWithCopy(pre);
  }
  for (const pre of document.querySelectorAll('section > pre.code')) wrapWithCopy(pre);
}

function logEvents() {
  const log = document.getElementById('event-log');
  for (const type of ['policy-cell-select', 'policy-cell-change', 'policy-citation-open']) {
    document.addEventListener(type, (event) => {
      const d = event.detail ?? {};
      const cell = d.cell ? `${d.cell.dimensionLabel} — ${d.cell.jurisdictionLabel}` : d.cells ? d.cells.map((c) => `${c.dimension}/${c.jurisdiction}`).join(', ') : 'nothing';
      const more = d.label ? `: ${d.label}` : d.citations ? `: ${d.citations.length} citation(s), ${d.citations.map((c) => c.status).join(', ')}` : '';
      const item = document.createElement('li');
      item.textContent = `${type} from #${event.target.id || event.target.localName}: ${cell}${more}`;
      log.append(item);
      log.scrollTop = log.scrollHeight;
    });
  }
}

function cell(tr, text, asCode = false) {
  const td = document.createElement('td');
  if (asCode) {
    const code = document.createElement('code');
    code.textContent = text;
    td.append(code);
  } else td.textContent = text;
  tr.append(td);
}

function table(caption, headers, rows) {
  const t = document.createElement('table');
  t.className = 'ref';
  const c = document.createElement('caption');
  c.textContent = caption;
  c.style.cssText = 'text-align: left; font-weight: 600; padding: 4px 0';
  const head = document.createElement('tr');
  for (const h of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  t.append(c, head);
  for (const row of rows) {
    const tr = document.createElement('tr');
    row.forEach((value, i) => cell(tr, value, i === 0));
    t.append(tr);
  }
  return t;
}

async function reference() {
  const response = await fetch('/custom-elements.json').catch(() => undefined);
  if (!response?.ok) return;
  const manifest = await response.json();
  const out = document.getElementById('reference-tables');
  out.textContent = '';
  const wanted = ['policy-matrix', 'policy-compare', 'policy-briefing', 'policy-citation-panel'];
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && wanted.includes(d.tagName));
  declarations.sort((a, b) => wanted.indexOf(a.tagName) - wanted.indexOf(b.tagName));
  for (const d of declarations) {
    const h = document.createElement('h3');
    const code = document.createElement('code');
    code.textContent = `<${d.tagName}>`;
    h.append(code);
    const summary = document.createElement('p');
    summary.textContent = (d.summary ?? d.description ?? '').split('\n\n')[0];
    out.append(h, summary);
    if (d.attributes?.length) out.append(table('Attributes', ['attribute', 'meaning'], d.attributes.map((a) => [a.name, a.description ?? ''])));
    if (d.events?.length) out.append(table('Events', ['event', 'when'], d.events.map((e) => [e.name, e.description ?? ''])));
    if (d.cssParts?.length) out.append(table('CSS parts', ['part', 'what'], d.cssParts.map((p) => [`::part(${p.name})`, p.description ?? ''])));
    if (d.cssProperties?.length) out.append(table('CSS custom properties', ['property', 'what'], d.cssProperties.map((p) => [p.name, p.description ?? ''])));
    if (d.slots?.length) out.append(table('Slots', ['slot', 'what'], d.slots.map((s) => [s.name || '(default)', s.description ?? ''])));
  }
}

logEvents();
stampExamples();
void reference();
loadElements().then(
  (how) => {
    loaded.textContent = how;
  },
  (error) => {
    loaded.textContent = `The elements could not be loaded: ${error.message}. Run npm run build, or npm start.`;
    loaded.classList.add('error');
  },
);
