/**
 * Node half of `npm run bench`: load (decode + parse + validate + anchor), anchoring alone,
 * export, comparison, briefing and heap, each against a bare baseline on the same bytes in
 * the same run (alternating runs, medians; see measure.ts). Peak memory of a whole process
 * is measured apart, in fresh processes (peak.ts).
 */
import Papa from 'papaparse';
import { SourceIndex } from '../src/model/anchor/source-index.ts';
import { foldQuery, foldWithOrigin } from '../src/model/anchor/normalize.ts';
import { buildBriefing, renderBriefingHtml } from '../src/model/briefing/index.ts';
import { checkMatrix, SourceIndexCache } from '../src/model/check/check.ts';
import { compareMatrix, groupsOf, orderedJurisdictions, sideOf, type Side } from '../src/model/compare/index.ts';
import { readMatrix, type MatrixBundle } from '../src/model/format/read.ts';
import { saveMatrix } from '../src/model/format/save.ts';
import { cellKey, type Matrix } from '../src/model/types.ts';
import { benchCases } from './cases.ts';
import { compare, figure, type Figure } from './measure.ts';

const encoder = new TextEncoder();
/** Keeps the baselines' results alive (so that no work is optimised away). */
let sink = 0;

async function load(bytes: Record<string, Uint8Array>): Promise<{ bundle: MatrixBundle; check: ReturnType<typeof checkMatrix> }> {
  const bundle = await readMatrix(async (p) => bytes[p], 'bench');
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
  return { bundle, check };
}

/**
 * The bare comparison: for every pair of the given jurisdictions, over every ordinal
 * dimension, count the dimensions where both have a level and sum the level differences.
 */
function bareComparison(matrix: Matrix, jurisdictions: readonly string[]) {
  const rank = new Map<string, number>();
  for (const l of matrix.levels) rank.set(`${l.scale}\u0000${l.id}`, l.rank);
  const dimension = new Map(matrix.dimensions.map((d) => [d.id, d]));
  const level = new Map<string, number>();
  for (const c of matrix.cells) {
    const d = dimension.get(c.dimension);
    const r = d ? rank.get(`${d.scale}\u0000${c.level}`) : undefined;
    if (r !== undefined && c.status === 'supported') level.set(cellKey(c.dimension, c.jurisdiction), r);
  }
  const out: { n: number; same: number; distance: number }[] = [];
  for (let a = 0; a < jurisdictions.length; a++) {
    for (let b = a + 1; b < jurisdictions.length; b++) {
      let n = 0;
      let same = 0;
      let distance = 0;
      for (const d of matrix.dimensions) {
        const x = level.get(cellKey(d.id, jurisdictions[a]));
        const y = level.get(cellKey(d.id, jurisdictions[b]));
        if (x === undefined || y === undefined) continue;
        n++;
        if (x === y) same++;
        distance += Math.abs(x - y);
      }
      out.push({ n, same, distance });
    }
  }
  return out;
}

export async function nodeFigures(only?: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const c of benchCases(only)) {
    const data = c.data();
    const bytes: Record<string, Uint8Array> = { 'source.txt': encoder.encode(data.source) };
    for (const [name, text] of Object.entries(data.files)) bytes[name] = encoder.encode(text);
    const csvNames = Object.keys(data.files).filter((n) => n.endsWith('.csv'));
    const papaparseAll = () => {
      for (const name of csvNames) Papa.parse(new TextDecoder().decode(bytes[name]), { skipEmptyLines: true });
    };
    const at = { size: c.size, where: 'node' as const, runs: c.runs, unit: 'ms' as const };

    const l = await compare(c.runs, () => load(bytes), papaparseAll);
    figures.push(figure({ ...at, name: 'load (parse + validate + anchor)', median: l.ours, baseline: l.baseline, baselineName: 'papaparse parsing the same CSV files (decoded from the same bytes)', target: '≤ 2× at large' }));

    // The same folder without positions (an older file, another tool's): every quote is looked up.
    const plainBytes: Record<string, Uint8Array> = { ...bytes };
    for (const [name, text] of Object.entries(data.filesWithoutPositions)) plainBytes[name] = encoder.encode(text);
    const papaparsePlain = () => {
      for (const name of csvNames) Papa.parse(new TextDecoder().decode(plainBytes[name]), { skipEmptyLines: true });
    };
    const lp = await compare(c.runs, () => load(plainBytes), papaparsePlain);
    figures.push(figure({ ...at, name: 'load, citations without positions (parse + validate + index + look-ups)', median: lp.ours, baseline: lp.baseline, baselineName: 'papaparse parsing the same CSV files (decoded from the same bytes)' }));

    const { bundle, check } = await load(bytes);
    if (check.coverage.found + check.coverage.ambiguous !== check.coverage.citations) throw new Error(`bench data did not anchor: ${JSON.stringify(check.coverage)}`);
    const source = new TextDecoder().decode(bytes['source.txt']);
    const quotes = bundle.matrix.citations;
    // The plain way to anchor: fold the quote and scan the folded text for every occurrence
    // (found once, or ambiguous). Far too slow to run 200,000 times: time a sample of quotes
    // and scale up to all of them.
    const sample = quotes.filter((_, i) => i % Math.max(1, Math.floor(quotes.length / 200)) === 0).slice(0, 200);
    const folded = foldWithOrigin(source).text;
    const indexOfSample = () => {
      for (const q of sample) {
        const quote = foldQuery(q.quote);
        for (let at = folded.indexOf(quote); at >= 0; at = folded.indexOf(quote, at + 1)) sink++;
      }
    };
    const anchorAll = () => { const index = new SourceIndex(source); for (const q of quotes) index.anchor(q); };
    const a = await compare(c.runs, anchorAll, indexOfSample);
    figures.push(figure({ ...at, name: `anchor all ${quotes.length} quotes (index + look-ups)`, median: a.ours, baseline: a.baseline * (quotes.length / sample.length), baselineName: `plain indexOf scan of the folded text for every occurrence of each quote (${sample.length} timed, scaled)`, target: '≤ 1000 ms at large' }));

    const rows = bundle.matrix.cells.map((x) => [x.dimension, x.jurisdiction, String(x.period), x.value, x.level, x.inForceFrom, x.inForceUntil, x.observed, x.status, x.confidence, x.relative ? 'yes' : 'no', x.note]);
    const citationRows = bundle.matrix.citations.map((x) => [x.dimension, x.jurisdiction, String(x.period), String(x.seq), x.source, x.quote, x.prefix, x.suffix, x.locator, x.support, x.attribution, String(x.start ?? ''), String(x.end ?? '')]);
    const e = await compare(c.runs, () => saveMatrix(bundle.matrix), () => { Papa.unparse(rows); Papa.unparse(citationRows); });
    figures.push(figure({ ...at, name: 'export canonical CSV', median: e.ours, baseline: e.baseline, baselineName: 'papaparse unparse of the same rows' }));

    // Comparison: ten jurisdictions side by side (the comparison view's usual size), and the
    // groups of the matrix (every pair of their members gets pair figures) when it has groups.
    const matrix = bundle.matrix;
    const ten = orderedJurisdictions(matrix).slice(0, 10);
    const tenSides = ten.map((j) => sideOf(matrix, j.id)!);
    const cmp = await compare(c.runs, () => compareMatrix(matrix, check, tenSides), () => bareComparison(matrix, ten.map((j) => j.id)));
    figures.push(figure({ ...at, name: 'comparison of 10 jurisdictions (all dimensions)', median: cmp.ours, baseline: cmp.baseline, baselineName: 'bare loop: level distance per pair over the same cells' }));
    const groups = groupsOf(matrix);
    if (groups.length > 1) {
      const groupSides = groups.map((g) => sideOf(matrix, g.name)!).filter((s): s is Side => !!s);
      const members = groupSides.flatMap((s) => s.members.map((j) => j.id));
      const g = await compare(Math.min(c.runs, 3), () => compareMatrix(matrix, check, groupSides), () => bareComparison(matrix, members));
      figures.push(figure({ ...at, runs: Math.min(c.runs, 3), name: `comparison of ${groupSides.length} groups (pair figures for all ${members.length} members)`, median: g.ours, baseline: g.baseline, baselineName: 'bare loop: level distance per pair over the same cells' }));
    }

    const dims = matrix.dimensions.slice(0, 20).map((d) => d.id);
    const jurs = matrix.jurisdictions.slice(0, 10).map((j) => j.id);
    const b = await compare(c.runs,
      () => renderBriefingHtml(buildBriefing({ matrix, check, sourceTexts: bundle.sourceTexts, selection: { dimensions: dims, jurisdictions: jurs }, produced: '2026-01-01' })),
      () => {
        let html = '<table>';
        for (const cell of matrix.cells) if (dims.includes(cell.dimension) && jurs.includes(cell.jurisdiction)) html += `<td>${cell.value}</td>`;
        return html + '</table>';
      });
    figures.push(figure({ ...at, name: 'briefing (20 dimensions × 10 jurisdictions, HTML)', median: b.ours, baseline: b.baseline, baselineName: 'bare template of the same cells' }));

    console.error(`  measured ${c.size} (node)`);
  }
  if (sink < 0) console.log(sink);
  return figures;
}
