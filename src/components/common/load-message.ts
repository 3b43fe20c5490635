/**
 * What an element shows instead of its content while a matrix loads, or when it cannot show
 * one: never an empty box. A failure names the URL that was read and the problem, in an
 * element with role="alert" (screen readers say it at once).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { problemPlace } from '../../model/format/problem-place.ts';
import { MATRIX_FILES, OPTIONAL_TABLE_FILES } from '../../model/format/file-names.ts';
import type { Matrix, Problem } from '../../model/types.ts';

/** Where an element is in loading its matrix (a store's snapshot fits). */
export interface LoadState {
  readonly status: 'empty' | 'loading' | 'ready' | 'failed';
  readonly matrix: Matrix | undefined;
  readonly problems: readonly Problem[];
}

/** The folder URL `src` names, resolved against the page (as it is fetched). */
export function folderUrl(src: string): string {
  try {
    return new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI).href;
  } catch {
    return src;
  }
}

/** Loaded, but with nothing to show: no dimension or no jurisdiction (a wrong folder, a page instead of CSV…). */
export function isUnusable(state: LoadState): boolean {
  return state.status === 'ready' && (!state.matrix || state.matrix.dimensions.length === 0 || state.matrix.jurisdictions.length === 0);
}

/** At most `n` problems (errors first) as `file:line:column: message`. */
function problemLines(problems: readonly Problem[], n: number): string[] {
  const errors = problems.filter((p) => p.severity === 'error');
  return errors.slice(0, n).map((p) => `${problemPlace(p)}: ${p.message}`);
}

/** Why nothing can be shown, in words. */
function unusableReason(state: LoadState): string {
  const missing = state.problems.filter((p) => p.severity === 'error' && p.line === 0 && p.message.startsWith('missing file')).map((p) => p.file);
  // The tables every matrix has (an optional one, computed.csv, is never reported missing).
  const tables = MATRIX_FILES.filter((f) => f.endsWith('.csv') && !OPTIONAL_TABLE_FILES.includes(f));
  if (tables.every((f) => missing.includes(f))) {
    return `no matrix files were found there (${tables.join(', ')}). Check that the src attribute names a matrix folder.`;
  }
  const matrix = state.matrix;
  if (!matrix || matrix.dimensions.length === 0) return 'it has no dimension (rows) to show.';
  return 'it has no jurisdiction (columns) to show.';
}

/**
 * The message for a state, or nothing when the content can be shown (problems of a matrix
 * that still shows are listed by `problemNotice`).
 */
export function loadMessage(state: LoadState, src: string, what = 'the matrix'): TemplateResult | typeof nothing {
  const url = src ? folderUrl(src) : '';
  if (state.status === 'loading') {
    return html`<p class="pm-load" role="status">Loading ${what}${url ? html` from <span class="pm-url">${url}</span>` : nothing}…</p>`;
  }
  if (state.status === 'failed') {
    const problem = state.problems[0]?.message.replace(/^cannot read the matrix: /, '') ?? 'unknown error';
    const network = /failed to fetch|networkerror|load failed/i.test(problem)
      ? ' (the server could not be reached, or it does not allow this page to read the files: check the address and, for another site, its CORS headers)'
      : '';
    return html`<div class="pm-load pm-error" role="alert">
      <strong>Could not load ${what}</strong> from <span class="pm-url">${url}</span>: ${problem}${network}.
    </div>`;
  }
  if (isUnusable(state)) {
    const lines = problemLines(state.problems, 3);
    return html`<div class="pm-load pm-error" role="alert">
      <strong>Nothing to show</strong> from <span class="pm-url">${url}</span>: ${unusableReason(state)}
      ${lines.length ? html`<ul class="pm-problems">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : nothing}
    </div>`;
  }
  if (state.status === 'empty') {
    return html`<p class="pm-load" role="status">No matrix: set the <code>src</code> attribute to a matrix folder.</p>`;
  }
  return nothing;
}

/** A short notice of the errors found in a matrix that is shown anyway (e.g. a bad row). */
export function problemNotice(state: LoadState): TemplateResult | typeof nothing {
  if (state.status !== 'ready' || isUnusable(state)) return nothing;
  const errors = state.problems.filter((p) => p.severity === 'error');
  if (!errors.length) return nothing;
  const lines = problemLines(errors, 20);
  return html`<details class="pm-load pm-warning">
    <summary>The matrix has ${errors.length === 1 ? '1 problem' : `${errors.length} problems`}: some cells may be missing or wrong.</summary>
    <ul class="pm-problems">${lines.map((l) => html`<li>${l}</li>`)}${errors.length > lines.length ? html`<li>…</li>` : nothing}</ul>
  </details>`;
}

/** Styles of the messages (uses the tokens of `hostStyles`). */
export const loadStyles = css`
  .pm-load {
    margin: 0 0 8px;
    padding: 8px 12px;
    border-radius: var(--pm-radius);
    background: var(--pm-surface);
    color: var(--pm-secondary);
    border: 1px solid var(--pm-border);
    overflow-wrap: anywhere;
  }
  .pm-load.pm-error {
    background: var(--pm-danger-soft);
    color: var(--pm-danger-text);
    border-color: var(--pm-danger-border);
  }
  .pm-load.pm-warning {
    background: var(--pm-warning-soft);
    color: var(--pm-warning-text);
    border-color: var(--pm-warning-border);
  }
  .pm-load summary {
    cursor: pointer;
  }
  .pm-url {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.92em;
  }
  .pm-problems {
    margin: 6px 0 0;
    padding-left: 20px;
    font-size: 0.92em;
  }
`;
