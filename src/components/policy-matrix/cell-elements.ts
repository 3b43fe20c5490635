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
import { citationWarning, displayValue, plural, type CellView } from './rows.ts';

/** An element with a class, optional text and children. */
function el(tag: string, className: string, text?: string, ...children: Node[]): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  if (children.length) element.append(...children);
  return element;
}

const srOnly = (text: string) => el('span', 'sr-only', text);

/** The element AG Grid places in the cell, with the renderer's class added (no wrapper: fewer elements to style and lay out). */
function renderer(className: string, content: HTMLElement): HTMLElement {
  if (className) content.classList.add(className);
  return content;
}

/** The pinned first column: dimension label, with its theme. */
export function dimensionElement(dimension: Dimension, className: string): HTMLElement {
  const box = el('div', 'dim', undefined, el('span', 'dim-label', dimension.label || dimension.id));
  if (dimension.theme) box.append(el('span', 'dim-theme', dimension.theme));
  return renderer(className, box);
}

function levelElement(view: CellView): HTMLElement | undefined {
  if (!view.level) return undefined;
  const rank = view.levels ? ` · ${view.level.rank} of ${view.levels}` : '';
  const level = el('span', 'level', `${view.level.label}${rank}`);
  if (view.level.definition) level.title = view.level.definition;
  return level;
}

function citationCount(view: CellView): Node[] {
  if (!view.citations) return [];
  const words = plural(view.citations, 'citation');
  const sup = el('sup', 'cites', String(view.citations));
  sup.title = words;
  sup.setAttribute('aria-hidden', 'true');
  return [sup, srOnly(`, ${words}`)];
}

function badge(kind: string, title: string, icon: string, ...rest: Node[]): HTMLElement {
  const icons = el('span', '', icon);
  icons.setAttribute('aria-hidden', 'true');
  const element = el('span', `badge ${kind}`, undefined, icons, ...rest);
  element.title = title;
  return element;
}

function markers(view: CellView): Node[] {
  const out: Node[] = [];
  const warning = citationWarning(view);
  if (view.check === 'flagged') {
    const reason = view.flag ?? 'needs review';
    out.push(badge('flag', `Flagged: ${reason}`, '⚑', document.createTextNode(' Flagged'), srOnly(`: ${reason}`)));
  }
  if (view.check === 'draft') out.push(badge('draft', 'Draft: work in progress', '✎', document.createTextNode(' Draft')));
  if (warning) out.push(badge('warn', `Citation warning: ${warning}`, '⚠', srOnly(`Citation warning: ${warning}`)));
  return out;
}

/**
 * A (dimension, jurisdiction) cell: value, citation count and status markers on its first
 * line, and the level on a line of its own. One box, no element per line: a grid shows
 * hundreds of cells at once, and each element more is styled and laid out for every one.
 */
export function cellElement(view: CellView | undefined, className: string): HTMLElement {
  if (!view) return el('div', className);
  const { cell, dimension } = view;
  if (!cell) return renderer(className, el('div', 'cell missing', undefined, el('span', 'muted', 'No entry'), srOnly(' (no row in cells.csv)')));
  const value = displayValue(dimension, cell.value);
  const notInSource = cell.status === 'not_in_source' && value === '';
  const box = el(
    'div', `cell status-${view.check ?? cell.status}`, undefined,
    notInSource ? el('span', 'nis', 'Not in source') : el('span', 'value', value || '—'),
    ...citationCount(view),
    ...markers(view),
  );
  const level = levelElement(view);
  if (level) box.append(level);
  return renderer(className, box);
}
