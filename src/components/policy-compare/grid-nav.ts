/**
 * Keyboard movement in a grid of cells (WAI-ARIA grid pattern, roving tabindex): the cell
 * reached from `at` by a key, or undefined when the key does not move. Pure.
 *
 * Arrow keys move by one cell; Home / End go to the first / last cell of the row; with
 * Ctrl (or ⌘), to the first / last cell of the grid; PageUp / PageDown move by `page` rows.
 */
export type Cell = readonly [row: number, column: number];

export function moveInGrid(key: string, at: Cell, rows: number, columns: number, ctrl = false, page = 5): Cell | undefined {
  if (rows <= 0 || columns <= 0) return undefined;
  const clamp = (r: number, c: number): Cell => [Math.min(rows - 1, Math.max(0, r)), Math.min(columns - 1, Math.max(0, c))];
  const [r, c] = clamp(at[0], at[1]);
  switch (key) {
    case 'ArrowUp': return clamp(r - 1, c);
    case 'ArrowDown': return clamp(r + 1, c);
    case 'ArrowLeft': return clamp(r, c - 1);
    case 'ArrowRight': return clamp(r, c + 1);
    case 'Home': return ctrl ? [0, 0] : [r, 0];
    case 'End': return ctrl ? [rows - 1, columns - 1] : [r, columns - 1];
    case 'PageUp': return clamp(r - page, c);
    case 'PageDown': return clamp(r + page, c);
    default: return undefined;
  }
}
