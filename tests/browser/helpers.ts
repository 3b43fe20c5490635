/**
 * Shared look-ups for the browser tests: what the user sees inside the elements' shadow roots.
 *
 * Assert on text, counts and attributes, never on DOM nodes themselves
 * (`expect(node).to.exist`): when such an assertion fails, serialising the node for the
 * report walks the whole page and the browser run hangs until the 120 s limit.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import Papa from 'papaparse';

export const REAL_MATRIX = '/matrices/eu-north-america/';
export const SMALL_MATRIX = '/tests/fixtures/matrices/small/';
export const BROKEN_MATRIX = '/tests/fixtures/matrices/broken/';
/** The small matrix whose source text is not there. */
export const SOURCELESS_MATRIX = '/tests/fixtures/matrices/sourceless/';
export const EMPTY_MATRIX = '/tests/fixtures/matrices/empty/';

/** Rows of a CSV file served by the dev server, as objects keyed by header. */
export async function fetchCsv(url: string): Promise<Record<string, string>[]> {
  const text = await (await fetch(url)).text();
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

export const byOrder = (a: Record<string, string>, b: Record<string, string>) => Number(a.order) - Number(b.order);

/** Collapse white space, as a reader sees text. */
export const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function shadow(host: Element | null | undefined): ShadowRoot {
  const root = host?.shadowRoot;
  if (!root) throw new Error(`no shadow root on ${host?.tagName ?? 'nothing'}`);
  return root;
}

/** The grid cell of a row (0-based display index) and column id. */
export function gridCell(grid: ShadowRoot, rowIndex: number, colId: string): HTMLElement | null {
  return grid.querySelector<HTMLElement>(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
}

/** The grid cell, once AG Grid has rendered it with content (it fills cells over a few frames). */
export async function shownCell(grid: ShadowRoot, rowIndex: number, colId: string): Promise<HTMLElement> {
  await waitUntil(() => squash(gridCell(grid, rowIndex, colId)?.textContent), `cell ${rowIndex}/${colId} is not shown`, { timeout: 10000 });
  return gridCell(grid, rowIndex, colId)!;
}

/** Wait until the grid shows at least one data row. */
export async function gridReady(grid: ShadowRoot): Promise<void> {
  await waitUntil(() => grid.querySelector('.ag-row[row-index="0"] .ag-cell'), 'the grid shows no rows', { timeout: 10000 });
}

/** Distinct displayed row indexes of the grid. */
export function rowIndexes(grid: ShadowRoot): number[] {
  const indexes = new Set<number>();
  grid.querySelectorAll('.ag-row[row-index]').forEach((r) => indexes.add(Number(r.getAttribute('row-index'))));
  return [...indexes].sort((a, b) => a - b);
}

/** Header texts of the grid's columns, by column id. */
export function headerTexts(grid: ShadowRoot): Map<string, string> {
  const headers = new Map<string, string>();
  grid.querySelectorAll<HTMLElement>('.ag-header-cell[col-id]').forEach((h) => headers.set(h.getAttribute('col-id')!, squash(h.textContent)));
  return headers;
}

/** Fetch a text file relative to a folder URL. */
export async function fetchText(path: string, folder: string): Promise<string> {
  const response = await fetch(new URL(path, new URL(folder, location.href)));
  return response.text();
}

/** Click the middle of an element with the real mouse. */
export async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/**
 * Click a grid cell until the grid has focused it. The page may still move when the click is
 * sent (a summary or a problem list appearing above the grid once the check ends), so the
 * pointer can land on a neighbour: the click is sent again at the cell's new place.
 */
export async function clickCell(grid: ShadowRoot, rowIndex: number, colId: string): Promise<HTMLElement> {
  const focused = () => gridCell(grid, rowIndex, colId)?.classList.contains('ag-cell-focus') ?? false;
  for (let attempt = 0; attempt < 5 && !focused(); attempt++) {
    await click(await shownCell(grid, rowIndex, colId));
    await waitUntil(focused, '', { timeout: 1000 }).catch(() => undefined);
  }
  if (!focused()) throw new Error(`cell ${rowIndex}/${colId} did not take focus when clicked`);
  return gridCell(grid, rowIndex, colId)!;
}

/**
 * Move keyboard focus into the grid as a keyboard user does: Tab from `before` (an element
 * just before the grid) lands on the first column header; ArrowDown then enters the first row.
 */
export async function tabIntoGrid(before: HTMLElement): Promise<void> {
  before.focus();
  await sendKeys({ press: 'Tab' });
  await sendKeys({ press: 'ArrowDown' });
}
