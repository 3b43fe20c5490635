/**
 * Keyboard and pointer behaviour of one grid of cells in the comparison (WAI-ARIA grid
 * pattern, roving tabindex): the grid is one Tab stop, the arrow keys, Home / End and
 * Page Up / Down move between cells (`moveInGrid`), Enter, Space or a click choose a cell.
 *
 * Cells carry `data-grid` (the grid's name), `data-r`, `data-c` and, when they stand for a
 * cell of the matrix, `data-key`. Moving to such a cell, or choosing it, fires
 * `policy-compare-cell-choose` from the host (bubbling, not composed: it is for the
 * `<policy-compare>` around it), with `trigger` set only when the user asked for the cell.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { moveInGrid, type Cell } from './grid-nav.ts';

export interface CompareCellChooseDetail {
  /** The store's key of the matrix cell. */
  key: string;
  /** How the user asked for it (click, Enter, Space); undefined when focus merely moved there. */
  trigger: 'keyboard' | 'pointer' | undefined;
}

declare global {
  interface HTMLElementEventMap {
    'policy-compare-cell-choose': CustomEvent<CompareCellChooseDetail>;
  }
}

export class RovingGridController implements ReactiveController {
  private active: Cell;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The grid's name, as its cells' `data-grid`. */
    readonly name: string,
    initial: Cell,
  ) {
    this.active = initial;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The cell that takes the Tab stop, kept inside a grid of `rows` × `columns`. */
  activeIn(rows: number, columns: number): Cell {
    const [r, c] = this.active;
    this.active = [Math.max(0, Math.min(rows - 1, r)), Math.max(0, Math.min(columns - 1, c))];
    return this.active;
  }

  /** Arrow keys and the like move; Enter and Space choose. */
  keydown(event: KeyboardEvent, rows: number, columns: number): void {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-grid]');
    if (!target || target.dataset.grid !== this.name) return;
    const at: Cell = [Number(target.dataset.r), Number(target.dataset.c)];
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(at[0], at[1], target.dataset.key, 'keyboard');
      return;
    }
    const next = moveInGrid(event.key, at, rows, columns, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    void this.focus(next);
  }

  /**
   * A cell was clicked or chosen with Enter / Space (or focus moved to it): it becomes the
   * grid's active cell, and a matrix cell is reported to the comparison.
   */
  choose(r: number, c: number, key?: string, trigger?: 'keyboard' | 'pointer'): void {
    this.active = [r, c];
    this.host.requestUpdate();
    if (key === undefined) return;
    this.host.dispatchEvent(new CustomEvent<CompareCellChooseDetail>('policy-compare-cell-choose', { detail: { key, trigger }, bubbles: true }));
  }

  private async focus([r, c]: Cell): Promise<void> {
    this.active = [r, c];
    this.host.requestUpdate();
    await this.host.updateComplete;
    const cell = this.host.querySelector<HTMLElement>(`[data-grid="${this.name}"][data-r="${r}"][data-c="${c}"]`);
    cell?.focus();
    // As in the grid: moving to a cell of the table or the level overview shows its evidence.
    if (cell?.dataset.key !== undefined) this.choose(r, c, cell.dataset.key);
  }
}
