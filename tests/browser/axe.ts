/**
 * axe-core (the accessibility rules engine) in the browser tests: its source is injected into
 * the page under test (a frame holding the real app or docs page), and it checks the whole
 * document, open shadow roots included (axe walks them itself).
 *
 * `expectAccessible` fails on any critical or serious violation, naming rule, impact and the
 * elements (their selectors through shadow roots), and prints the moderate and minor ones.
 */
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

type AxeWindow = Window & { axe?: { run(context: Document | Element, options: RunOptions): Promise<AxeResults> } };

/** The axe-core package's script, as published (fetched once from the test server). */
let source: Promise<string> | undefined;
const axeSource = () => (source ??= fetch(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)).then((r) => r.text()));

/** Put axe into a window (once): a script element with the package's source. */
export async function injectAxe(win: Window): Promise<void> {
  if ((win as AxeWindow).axe) return;
  const script = win.document.createElement('script');
  script.textContent = await axeSource();
  win.document.head.append(script);
  if (!(win as AxeWindow).axe) throw new Error('axe-core did not load');
}

/** A violation as one line per element: `rule (impact): help — target`. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n');
}

export interface AxeSummary {
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
  violations: Result[];
}

/** Run axe on a window's document (every rule axe runs by default: WCAG 2.x A/AA, 2.2 and best practices). */
export async function runAxe(win: Window, context?: Element): Promise<AxeSummary> {
  await injectAxe(win);
  const results = await (win as AxeWindow).axe!.run(context ?? win.document, { resultTypes: ['violations'] });
  const count = (impact: ImpactValue) => results.violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
  return { critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor'), violations: results.violations };
}

/** Check a view: no critical or serious violation (the report lists them); moderate and minor ones are printed. */
export async function expectAccessible(win: Window, view: string, context?: Element): Promise<AxeSummary> {
  const summary = await runAxe(win, context);
  const blocking = summary.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const other = summary.violations.filter((v) => !blocking.includes(v));
  console.log(`axe: ${view}: ${summary.critical} critical, ${summary.serious} serious, ${summary.moderate} moderate, ${summary.minor} minor`);
  if (other.length) console.log(`axe: ${view}: moderate and minor:\n${describeViolations(other)}`);
  if (blocking.length) throw new Error(`axe: ${view}: ${summary.critical} critical and ${summary.serious} serious violations:\n${describeViolations(blocking)}`);
  return summary;
}
