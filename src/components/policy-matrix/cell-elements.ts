/**
 * What a grid cell shows, built as plain elements that AG Grid places in its cells; styled by
 * policy-matrix.styles.ts (same shadow root). Every value from the data is set as
 * `textContent` or an attribute value: nothing is ever parsed as HTML.
 *
 * Built with the DOM directly rather than lit templates: a grid renders hundreds of cells at
 * once (more on every scroll), and a template instance per cell (its parts and markers) made
 * the first render of a wide matrix markedly slower than AG Grid alone.
 */
import type { Dimension } from '../../model/types.ts';
import { cellAccessibleName, citationWarning, plural, shownLevel, shownValue, type CellView } from './rows.ts';

/** An element with a class, optional text and children. */
function el(tag: string, className: string, text?: string, ...children: Node[]): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  if (children.length) element.append(...children);
  return element;
}

/** The element AG Grid places in the cell, with the renderer's class added (no wrapper: fewer elements to style and lay out). */
function renderer(className: string, content: HTMLElement): HTMLElement {
  if (className) content.classList.add(className);
  return content;
}

/** The pinned first column: the dimension's label as the box's own text, with its theme on a line below. */
export function dimensionElement(dimension: Dimension, className: string): HTMLElement {
  const box = el('div', 'dim', dimension.label || dimension.id);
  if (dimension.theme) box.append(el('span', 'dim-theme', dimension.theme));
  return renderer(className, box);
}

function levelElement(view: CellView): HTMLElement | undefined {
  const text = shownLevel(view);
  if (text === undefined) return undefined;
  const level = el('span', 'level', text);
  if (view.level?.definition) level.title = view.level.definition;
  return level;
}

function citationCount(view: CellView): HTMLElement | undefined {
  if (!view.citations) return undefined;
  const sup = el('sup', 'cites', String(view.citations));
  sup.title = plural(view.citations, 'citation');
  return sup;
}

function badge(kind: string, title: string, text: string): HTMLElement {
  const element = el('span', `badge ${kind}`, text);
  element.title = title;
  return element;
}

function markers(view: CellView): HTMLElement[] {
  const out: HTMLElement[] = [];
  const warning = citationWarning(view);
  if (view.check === 'flagged') out.push(badge('flag', `Flagged: ${view.flag ?? 'needs review'}`, '⚑ Flagged'));
  if (view.check === 'draft') out.push(badge('draft', 'Draft: work in progress', '✎ Draft'));
  if (warning) out.push(badge('warn', `Citation warning: ${warning}`, '⚠'));
  return out;
}

/**
 * A (dimension, jurisdiction) cell: the value as the box's own text, then the citation count
 * and status markers, and the level on a line of its own. The parts are separated by spaces
 * in the text (not only by margins), so that the words a reader sees are the words of the
 * cell's text: "2001" and a count of 2 read as "2001 2", not "20012".
 *
 * What a screen reader says is the grid cell's accessible name (`aria-label` on AG Grid's
 * gridcell, `cellAccessibleName`): the cell's visible words first, then the count and markers
 * spelled out. Not visually hidden elements: a grid shows hundreds of cells at once, each
 * element more is styled and laid out in every one of them, and the first render of a wide
 * matrix is measured against AG Grid alone (docs/performance.md).
 */
export function cellElement(view: CellView | undefined, className: string, gridCell?: HTMLElement): HTMLElement {
  if (!view) {
    gridCell?.removeAttribute('aria-label');
    return el('div', className);
  }
  gridCell?.setAttribute('aria-label', cellAccessibleName(view));
  const { cell } = view;
  if (!cell) return renderer(className, el('div', 'cell missing', shownValue(view)));
  const notInSource = cell.status === 'not_in_source' && cell.value === '';
  const box = el('div', `cell status-${view.check ?? cell.status}${notInSource ? ' nis' : ''}`, shownValue(view));
  const count = citationCount(view);
  if (count) box.append(' ', count);
  for (const marker of markers(view)) box.append(' ', marker);
  const level = levelElement(view);
  if (level) box.append(' ', level);
  return renderer(className, box);
}

/**
 * Others on a live matrix who have this cell selected: their names, on the cell (the colour
 * is each one's own, as a border, never the only sign), and in the cell's accessible name.
 */
export function withPresence(content: HTMLElement, peers: readonly { name: string; colour: string }[] | undefined, gridCell?: HTMLElement): HTMLElement {
  if (!peers?.length) return content;
  const names = peers.map((p) => p.name).join(', ');
  const tag = el('span', 'presence', names);
  tag.title = `${names}: on this cell now`;
  tag.style.borderColor = peers[0].colour;
  // First, in the text and in the name alike (a name holds the text it shows, in its order).
  content.prepend(tag, ' ');
  const label = gridCell?.getAttribute('aria-label');
  if (gridCell && label) gridCell.setAttribute('aria-label', `${names}: ${label}`);
  return content;
}
