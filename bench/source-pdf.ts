/**
 * The source-extraction case of `npm run bench`: a 300-page report printed to PDF by
 * Chromium (running head, page numbers, justified text with soft hyphens), its text extracted
 * by `extractSource` against bare pdf.js (`getTextContent` on every page, the items' strings
 * joined) on the same bytes. The PDF is made once and kept in dist/bench/data/sources/.
 *
 * Two prints of the report: at 10 pt, where Chromium's unused soft hyphens leave no space, so
 * no page needs its marked content read; and at 10.5 pt, where they leave one on every page,
 * so every page is read with marked content (see `mayNeedMarkedContent`).
 *
 * In Node both run pdf.js's worker code on this thread, so the process's CPU time is the work
 * each does; it is the figure, because the wall time of a run on a shared machine varies by
 * 2× from one run to the next (the same extraction took 15 to 52 s of wall time for 9 to 11 s
 * of CPU). Wall-time medians are in the figure's note.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, printToPdf } from '../src/cli/pdf.ts';
import { extractSource } from '../src/model/sources/extract/extract.ts';
import { figure, median, type Figure } from './measure.ts';
import { random } from '../tests/unit/support/random.ts';

const PAGES = 300;

const WORDS = ('border management cooperation visa asylum detention security intelligence sharing agreement regional integration ' +
  'policy harmonization continental framework perimeter declaration partnership enforcement migration refugee protection procedure ' +
  'jurisdiction authority commission parliament council member state federal government ministry agency inspection screening ' +
  'biometric passport information exchange treaty protocol obligation assessment oversight accountability legislation regulation').split(' ');

/** The report's HTML: about 520 words a page of justified prose (at 10 pt), soft hyphens in long words, a running head and page numbers. */
export function longReportHtml(pages: number, type = '10pt/1.3'): string {
  const next = random(300);
  const paragraphs: string[] = [];
  // About 4.5 paragraphs of 130 words fill an A4 page at this size.
  for (let i = 0; i < Math.ceil(pages * 4.55); i++) {
    const words = Array.from({ length: 130 }, () => WORDS[Math.floor(next() * WORDS.length)].replace(/\b([a-z]{4,})([a-z]{5,})\b/, '$1&shy;$2'));
    paragraphs.push(`<p>${words.join(' ')}.</p>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Annual Report on Border Cooperation</title><style>
@page { size: A4; margin: 20mm; @top-left { content: "Annual Report on Border Cooperation"; font: 8pt serif; } @bottom-center { content: counter(page); font: 8pt serif; } }
body { font: ${type} serif; margin: 0; } p { text-align: justify; hyphens: manual; margin: 0 0 0.6em; }
</style></head><body>${paragraphs.join('\n')}</body></html>`;
}

async function reportPdf(dir: string, name: string, html: string): Promise<Uint8Array> {
  const file = join(dir, name);
  if (!existsSync(file)) {
    const chromium = findChromium();
    if (!chromium.path) throw new Error(chromium.error);
    mkdirSync(dir, { recursive: true });
    await printToPdf(html, file, chromium.path, 600_000);
  }
  return new Uint8Array(readFileSync(file));
}

/** Bare pdf.js: every page's text items, their strings joined (what any pdf.js text extraction does at least). */
async function barePdfJs(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 });
  const doc = await task.promise;
  let length = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) text += item.hasEOL ? `${item.str}\n` : item.str;
    length += text.length;
    page.cleanup();
  }
  await task.destroy();
  return length;
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** CPU time and wall time of `f`, in ms, after a full collection. */
async function measure(f: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  collect();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  await f();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

export async function sourceFigures(): Promise<Figure[]> {
  // Fewer pages of the larger type: about 300 pages too.
  const plain = await reportPdf('dist/bench/data/sources', `report-${PAGES}.pdf`, longReportHtml(PAGES));
  const marked = await reportPdf('dist/bench/data/sources', `report-${PAGES}-10.5pt.pdf`, longReportHtml(Math.round(PAGES * 0.87), '10.5pt/1.35'));
  return [
    await pdfFigure(plain, 'extract text of a PDF, CPU time (lines, paragraphs, running heads, page labels, map)'),
    await pdfFigure(marked, 'extract text of a PDF whose every page needs its marked content read (10.5 pt print), CPU time'),
  ];
}

async function pdfFigure(bytes: Uint8Array, name: string): Promise<Figure> {
  const first = await extractSource(bytes, 'report.pdf');
  const pages = first.map.pages.length;
  const runs = 3;
  await barePdfJs(bytes);
  const ours: { cpu: number; wall: number }[] = [];
  const bare: { cpu: number; wall: number }[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await measure(() => barePdfJs(bytes)));
    ours.push(await measure(() => extractSource(bytes, 'report.pdf')));
  }
  const at = (xs: { cpu: number; wall: number }[], key: 'cpu' | 'wall') => median(xs.map((x) => x[key]));
  const size = `large (${pages}-page PDF, ${(bytes.length / 1048576).toFixed(1)} MB, ${Math.round(first.text.length / 1000)}k characters of text)`;
  return figure({
    size, where: 'node', runs, unit: 'ms', name,
    median: at(ours, 'cpu'), baseline: at(bare, 'cpu'), baselineName: 'bare pdf.js: getTextContent of every page, strings joined', target: '≤ 1.2× at large',
    note: `wall time: ${Math.round(at(ours, 'wall'))} ms against ${Math.round(at(bare, 'wall'))} ms (medians); CPU of each run, ours: ${ours.map((x) => Math.round(x.cpu)).join(', ')}; bare: ${bare.map((x) => Math.round(x.cpu)).join(', ')}`,
  });
}
