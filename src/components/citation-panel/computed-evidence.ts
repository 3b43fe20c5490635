/**
 * The evidence of a computed cell: the rule in words, the value the data gives against the
 * value stored, the figures behind it (same, differ, left out…), and the rows that decide it —
 * a summary first, the rows on demand, in a list that renders only the lines in view (a cell
 * can rest on thousands of rows). Each line (a passport compared, a row counted) shows its
 * rows, in their place in the file, one click or Enter away.
 *
 * The list is one tab stop (a listbox): arrows, Page Up/Down, Home and End move through it,
 * Enter or a click shows the rows of the line.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ComputedCheck } from '../../model/dataset/computed-checks.ts';
import type { ComparedItem, RuleResultOk, Side } from '../../model/dataset/compute.ts';
import { columnIndex, valueAt, type Dataset } from '../../model/dataset/dataset.ts';
import { describeRule } from '../../model/dataset/rule.ts';
import type { Source } from '../../model/types.ts';
import { rowPlace, rowTable } from './row-evidence.ts';

/** Height of one line of the list, in pixels (fixed, so that the lines in view are known without measuring). */
export const LINE_HEIGHT = 30;
/** Lines rendered past each edge of the view. */
const OVERSCAN = 8;
/** Height of the list's window at most. */
const WINDOW_HEIGHT = 300;

/** One line of the list: what it stands for, in words, and its rows. */
interface Line {
  label: string;
  detail: string;
  rows: number[];
}

const OUTCOME_WORDS: Record<string, string> = { same: 'the same', differ: 'different', 'left out': 'left out', missing: 'missing', ambiguous: 'ambiguous' };

/** A side of a compared value, in words: its entities' values, or how many rows and their category. */
function sideWords(dataset: Dataset, side: Side | undefined, entityColumn: number, valueColumn: number): string {
  if (!side) return '';
  if (side.rows.length <= 3) return side.rows.map((r) => `${valueAt(dataset, r, entityColumn)}: ${valueAt(dataset, r, valueColumn)}`).join(', ');
  const what = side.state === 'ok' ? `all ${side.category}` : side.state === 'disagree' ? 'not all the same' : side.state;
  return `${side.rows.length} rows, ${what}`;
}

function linesOf(dataset: Dataset, check: ComputedCheck, result: RuleResultOk): Line[] {
  const rule = check.compiled!;
  const valueColumn = columnIndex(dataset, rule.column);
  if (result.items) {
    const entityColumn = columnIndex(dataset, rule.entityColumn);
    return result.items
      .filter((item: ComparedItem) => item.outcome === rule.kind)
      .map((item) => ({
        label: item.over,
        detail: [sideWords(dataset, item.a, entityColumn, valueColumn), sideWords(dataset, item.b, entityColumn, valueColumn)].filter(Boolean).join(' · '),
        rows: [...item.a.rows, ...(item.b?.rows ?? [])],
      }));
  }
  return Array.from(result.rows, (r) => ({
    label: `Row ${(r + 1).toLocaleString('en-US')}`,
    detail: dataset.columns.map((_, c) => valueAt(dataset, r, c)).join(', '),
    rows: [r],
  }));
}

/** What the list holds, in words: "the 15 Passport values with different Requirement". */
function listWords(check: ComputedCheck, count: number): string {
  const rule = check.compiled!;
  if (rule.kind === 'same' || rule.kind === 'differ') return `${count.toLocaleString('en-US')} ${rule.over} value${count === 1 ? '' : 's'} with ${OUTCOME_WORDS[rule.kind]} ${rule.column}`;
  return `${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'} counted`;
}

export class ComputedEvidenceController implements ReactiveController {
  /** The cell whose rows are shown (state starts anew for another). */
  private key = '';
  private open = false;
  private active = 0;
  /** The line whose rows are shown under the list. */
  private chosen: number | undefined;
  private scrollTop = 0;
  private lines: Line[] = [];
  private linesOf: ComputedCheck | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostConnected(): void {}

  private reset(key: string): void {
    if (key === this.key) return;
    this.key = key;
    this.open = false;
    this.active = 0;
    this.chosen = undefined;
    this.scrollTop = 0;
  }

  private list(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.row-list');
  }

  /** Make line `i` the active one, scrolled into view. */
  private activate(i: number): void {
    this.active = Math.max(0, Math.min(this.lines.length - 1, i));
    const list = this.list();
    if (list) {
      const top = this.active * LINE_HEIGHT;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + LINE_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + LINE_HEIGHT - list.clientHeight;
      this.scrollTop = list.scrollTop;
    }
    this.host.requestUpdate();
  }

  private choose(i: number): void {
    this.active = i;
    this.chosen = i;
    this.host.requestUpdate();
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(WINDOW_HEIGHT / LINE_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.activate(this.active + moves[e.key]);
    else if (e.key === 'Home') this.activate(0);
    else if (e.key === 'End') this.activate(this.lines.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') this.choose(this.active);
    else return;
    e.preventDefault();
  }

  /** The evidence of a computed cell (`key`: the cell's). */
  render(key: string, check: ComputedCheck, dataset: Dataset | undefined, source: Source | undefined): TemplateResult {
    this.reset(key);
    const rule = check.compiled;
    const result = check.result?.ok ? check.result : undefined;
    const statusWords = { matches: 'Matches the data', differs: 'Differs from the data', failed: 'Cannot be computed', unchecked: 'Not computed' }[check.status];
    return html`<section class="computed" aria-labelledby="computed-heading">
      <h3 id="computed-heading" class="citations-heading">Computed from data</h3>
      <p class="computed-source"><cite>${source?.title || check.rule.source}</cite>${source?.licence ? html` <span class="by">(${source.licence})</span>` : nothing}${dataset
        ? html` <span class="by">· ${dataset.rowCount.toLocaleString('en-US')} rows</span>`
        : nothing}</p>
      ${rule ? html`<p class="rule-words">${describeRule(rule)}</p>` : nothing}
      <p class="computed-status"><span class="badge ${check.status === 'matches' ? 'found' : 'orphaned'}">${statusWords}</span>
        ${result ? html`<span class="computed-value">The data gives <strong>${result.value.value}</strong>${result.value.level ? html`, level <strong>${result.value.level}</strong>` : nothing}.</span>` : nothing}</p>
      ${check.reason && check.status !== 'matches' ? html`<p class="reason">This cell ${check.reason}.</p>` : nothing}
      ${result && dataset && rule ? this.rowsPart(check, result, dataset) : nothing}
    </section>`;
  }

  private rowsPart(check: ComputedCheck, result: RuleResultOk, dataset: Dataset): TemplateResult {
    const counts = Object.entries(result.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`).join(', ');
    if (this.linesOf !== check) {
      this.lines = linesOf(dataset, check, result);
      this.linesOf = check;
    }
    const lines = this.lines;
    const what = listWords(check, lines.length);
    if (check.compiled!.kind === 'value') {
      const row = result.rows[0];
      return html`<p class="row-place">${rowPlace(dataset, row)}</p>${rowTable(dataset, [row], new Set([row]), new Set([check.compiled!.column]), 'The row the value is read from')}`;
    }
    return html`${counts ? html`<p class="computed-counts">${counts} (${result.rows.length.toLocaleString('en-US')} rows decide it).</p>` : nothing}
      ${lines.length
        ? html`<button type="button" class="toggle show-rows" aria-expanded=${this.open ? 'true' : 'false'}
            @click=${() => { this.open = !this.open; this.host.requestUpdate(); }}>${this.open ? 'Hide' : 'Show'} the ${what}</button>`
        : nothing}
      ${this.open && lines.length ? this.listPart(lines, what, dataset, check.compiled!.column) : nothing}`;
  }

  private listPart(lines: Line[], what: string, dataset: Dataset, valueColumn: string): TemplateResult {
    const total = lines.length * LINE_HEIGHT;
    const height = Math.min(total, WINDOW_HEIGHT);
    const first = Math.max(0, Math.floor(this.scrollTop / LINE_HEIGHT) - OVERSCAN);
    const last = Math.min(lines.length, Math.ceil((this.scrollTop + height) / LINE_HEIGHT) + OVERSCAN);
    const shown: number[] = [];
    for (let i = first; i < last; i++) shown.push(i);
    if (!shown.includes(this.active) && this.active < lines.length) shown.push(this.active);
    const id = (i: number) => `row-line-${i}`;
    const chosen = this.chosen !== undefined ? lines[this.chosen] : undefined;
    return html`<div class="row-list" role="listbox" tabindex="0" aria-label=${`The ${what}`} aria-activedescendant=${id(this.active)}
        style=${styleMap({ height: `${height}px` })}
        @keydown=${(e: KeyboardEvent) => this.onKey(e)}
        @scroll=${(e: Event) => { this.scrollTop = (e.target as HTMLElement).scrollTop; this.host.requestUpdate(); }}>
        <div class="row-list-space" style=${styleMap({ height: `${total}px` })}>
          ${shown.map((i) => html`<div role="option" id=${id(i)} class="row-line ${i === this.active ? 'active' : ''}" aria-selected=${i === this.chosen ? 'true' : 'false'}
              aria-setsize=${lines.length} aria-posinset=${i + 1}
              style=${styleMap({ top: `${i * LINE_HEIGHT}px`, height: `${LINE_HEIGHT}px` })}
              @click=${() => this.choose(i)}><span class="line-label">${lines[i].label}</span> <span class="line-detail">${lines[i].detail}</span></div>`)}
        </div>
      </div>
      ${chosen
        ? html`<div class="chosen-rows" aria-live="polite">
            <p class="row-place">${chosen.label}: ${chosen.rows.length === 1 ? rowPlace(dataset, chosen.rows[0]) : `${chosen.rows.length} rows of ${dataset.file}`}</p>
            ${rowTable(dataset, chosen.rows, new Set(chosen.rows), new Set([valueColumn]), `Rows of ${chosen.label}`)}
          </div>`
        : nothing}`;
  }
}
