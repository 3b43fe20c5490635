// `node bench/table.mjs [bench-results.json]`: the results as Markdown tables (one per size),
// as docs/performance.md shows them.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(process.argv[2] ?? 'bench-results.json', 'utf8'));
const sizes = [...new Set(results.figures.map((f) => f.size))];
const cell = (s) => String(s).replaceAll('|', '\\|').replaceAll('<', '&lt;');
for (const size of sizes) {
  console.log(`\n#### ${size}\n`);
  console.log('| where | figure | ours (median) | baseline (median) | ratio | baseline | target |');
  console.log('|---|---|---:|---:|---:|---|---|');
  for (const f of results.figures.filter((x) => x.size === size)) {
    const target = f.met === undefined ? '' : `${f.target}: **${f.met ? 'met' : 'not met'}**`;
    const note = f.note ? ` (${f.note})` : '';
    console.log(`| ${f.where} | ${cell(f.name)}${cell(note)} | ${f.median} ${f.unit} | ${f.baseline} ${f.unit} | ${f.ratio === null ? '—' : `${f.ratio}×`} | ${cell(f.baselineName)} | ${target} |`);
  }
}
