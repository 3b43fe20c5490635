/**
 * Node half of `npm run bench`: load (decode + parse + validate + anchor), anchoring alone,
 * export, briefing and memory, each against a bare baseline on the same bytes in the same run.
 */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceIndex } from '../src/model/anchor/source-index.ts';
import { foldQuery, foldWithOrigin } from '../src/model/anchor/normalize.ts';
import { buildBriefing, renderBriefingHtml } from '../src/model/briefing/index.ts';
import { checkMatrix, SourceIndexCache } from '../src/model/check.ts';
import { readMatrix, type MatrixBundle } from '../src/model/read.ts';
import { saveMatrix } from '../src/model/save.ts';
import { compare, figure, median, type Figure } from './measure.ts';
import { generate, SIZES, type GeneratedMatrix } from './generate.ts';
import { passportMatrix } from './passport.ts';

const encoder = new TextEncoder();

interface Case {
  size: string;
  data: GeneratedMatrix;
  runs: number;
}

async function load(bytes: Record<string, Uint8Array>): Promise<{ bundle: MatrixBundle; check: ReturnType<typeof checkMatrix> }> {
  const bundle = await readMatrix(async (p) => bytes[p], 'bench');
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations });
  return { bundle, check };
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

export async function nodeFigures(only?: string): Promise<Figure[]> {
  // Run from the project folder; shared/ sits beside it (as in CI).
  const shared = join(process.cwd(), '..', 'shared', 'data', 'passport-index', 'passport-index-tidy.csv');
  const cases: Case[] = [
    ...SIZES.map((s) => ({ size: `${s.name} (${s.jurisdictions}×${s.dimensions}, ${s.citations / 1000}k citations, ${s.sourceBytes / 1e6} MB source)`, data: generate(s), runs: s.name === 'large' ? 3 : 5 })),
    { size: 'passport-index (199×199, real data)', data: passportMatrix(readFileSync(shared, 'utf8')), runs: 5 },
  ].filter((c) => !only || c.size.startsWith(only));
  const figures: Figure[] = [];
  for (const c of cases) {
    const bytes: Record<string, Uint8Array> = { 'source.txt': encoder.encode(c.data.source) };
    for (const [name, text] of Object.entries(c.data.files)) bytes[name] = encoder.encode(text);
    const csvNames = Object.keys(c.data.files).filter((n) => n.endsWith('.csv'));
    const papaparseAll = () => {
      for (const name of csvNames) Papa.parse(new TextDecoder().decode(bytes[name]), { skipEmptyLines: true });
    };
    const at = { size: c.size, where: 'node' as const, runs: c.runs, unit: 'ms' as const };

    const l = await compare(c.runs, () => load(bytes), papaparseAll);
    figures.push(figure({ ...at, name: 'load (parse + validate + anchor)', median: l.ours, baseline: l.baseline, baselineName: 'papaparse parsing the same CSV files', target: '≤ 2×' }));

    const { bundle, check } = await load(bytes);
    if (check.coverage.found + check.coverage.ambiguous !== check.coverage.citations) throw new Error(`bench data did not anchor: ${JSON.stringify(check.coverage)}`);
    const source = new TextDecoder().decode(bytes['source.txt']);
    const quotes = bundle.matrix.citations;
    // indexOf over the whole text per quote is far too slow to run 200,000 times: time a
    // sample of quotes and scale up to all of them.
    const sample = quotes.filter((_, i) => i % Math.max(1, Math.floor(quotes.length / 200)) === 0).slice(0, 200);
    const folded = foldWithOrigin(source).text;
    const indexOfSample = () => { for (const q of sample) folded.indexOf(foldQuery(q.quote)); };
    const anchorAll = () => { const index = new SourceIndex(source); for (const q of quotes) index.anchor(q); };
    const a = await compare(c.runs, anchorAll, indexOfSample);
    figures.push(figure({ ...at, name: `anchor all ${quotes.length} quotes (index + look-ups)`, median: a.ours, baseline: a.baseline * (quotes.length / sample.length), baselineName: `plain indexOf scan per quote (${sample.length} timed, scaled)`, target: '≤ 1000 ms at large' }));

    const rows = bundle.matrix.cells.map((x) => [x.dimension, x.jurisdiction, x.value, x.level, x.asOf, x.status, x.note]);
    const citationRows = bundle.matrix.citations.map((x) => [x.dimension, x.jurisdiction, String(x.seq), x.source, x.quote, x.prefix, x.suffix, x.locator]);
    const e = await compare(c.runs, () => saveMatrix(bundle.matrix), () => { Papa.unparse(rows); Papa.unparse(citationRows); });
    figures.push(figure({ ...at, name: 'export canonical CSV', median: e.ours, baseline: e.baseline, baselineName: 'papaparse unparse of the same rows' }));

    const dims = bundle.matrix.dimensions.slice(0, 20).map((d) => d.id);
    const jurs = bundle.matrix.jurisdictions.slice(0, 10).map((j) => j.id);
    const b = await compare(c.runs,
      () => renderBriefingHtml(buildBriefing({ matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts, selection: { dimensions: dims, jurisdictions: jurs }, produced: '2026-01-01' })),
      () => {
        const wanted = new Set(dims.map((d) => d + '|' + jurs.join('|')));
        let html = '<table>';
        for (const cell of bundle.matrix.cells) if (wanted.size && dims.includes(cell.dimension) && jurs.includes(cell.jurisdiction)) html += `<td>${cell.value}</td>`;
        return html + '</table>';
      });
    figures.push(figure({ ...at, name: 'briefing (20 dimensions × 10 jurisdictions, HTML)', median: b.ours, baseline: b.baseline, baselineName: 'bare template of the same cells' }));

    // Memory: heap held by a loaded, checked matrix against the heap of papaparse's rows.
    const memory: number[] = [];
    const memoryBase: number[] = [];
    for (let i = 0; i < 2; i++) {
      let before = heapMB();
      const kept = csvNames.map((name) => Papa.parse(new TextDecoder().decode(bytes[name]), { skipEmptyLines: true }).data);
      memoryBase.push(heapMB() - before);
      void kept.length;
      before = heapMB();
      const loaded = await load(bytes);
      memory.push(heapMB() - before);
      void loaded.check;
    }
    figures.push(figure({ ...at, unit: 'MB', name: 'heap held after load', median: median(memory), baseline: median(memoryBase), baselineName: 'heap held by papaparse rows', runs: 2 }));
    console.error(`  measured ${c.size}`);
  }
  return figures;
}
