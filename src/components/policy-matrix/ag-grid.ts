/**
 * The AG Grid code `<policy-matrix>` runs, in one module that the grid controller imports
 * dynamically (grid-controller.ts): AG Grid is two thirds of the elements' code, so a page
 * loads it only once a matrix grid is about to render, and a page without one never does.
 * Bundlers (esbuild for dist/, Vite, webpack) make it a chunk of its own.
 */
import { colorSchemeLight, createGrid, themeQuartz } from 'ag-grid-community';
import { gridModules } from './grid-modules.ts';

export { createGrid, gridModules };

/**
 * AG Grid theme: Quartz, with the element's theme tokens (common/theme.ts) as its colours and
 * type, so `theme="dark"` and the `--policy-matrix-*` properties reach the grid too. The light
 * colour scheme replaces Quartz's variable one, which would follow a `data-ag-theme-mode`
 * attribute on the host page's body.
 */
export const gridTheme = themeQuartz.withPart(colorSchemeLight).withParams({
  fontFamily: 'inherit',
  fontSize: 'calc(var(--pm-font-size) - 1px)',
  headerFontSize: 'calc(var(--pm-font-size) - 1px)',
  headerFontWeight: 600,
  spacing: 6,
  foregroundColor: 'var(--pm-color)',
  backgroundColor: 'var(--pm-background)',
  headerBackgroundColor: 'var(--pm-surface)',
  borderColor: 'var(--pm-border)',
  accentColor: 'var(--pm-accent)',
  browserColorScheme: 'inherit',
  wrapperBorderRadius: 'var(--pm-radius)',
  rowHoverColor: 'var(--pm-accent-faint)',
});

/**
 * The CSS of the theme's parameters, as AG Grid injects it with a grid: it names the `--ag-*`
 * properties a host page could set to restyle the grid (common/grid-isolation.ts shuts them
 * out before the first grid is created). '' if this AG Grid version does not expose it; the
 * names then come from the first grid's CSS.
 */
export function themeParamsCss(): string {
  const theme = gridTheme as unknown as { _getParamsCss?: () => string };
  try {
    return typeof theme._getParamsCss === 'function' ? theme._getParamsCss() : '';
  } catch {
    return '';
  }
}
