/**
 * AG Grid lets `--ag-*` custom properties set anywhere above a grid override its theme: its
 * params CSS reads `--ag-foreground-color` from the grid's ancestors into
 * `--ag-inherited-foreground-color`, and uses that before the theme's own value. In someone
 * else's page (one that styles its own AG Grid with `:root { --ag-row-height: 60px }`), that
 * would change our grid. So every param AG Grid reads that way is set to `initial` on the
 * element that holds the grid (`initial` = no value: the theme's own value is used).
 *
 * The names are taken from the params CSS AG Grid has injected into the shadow root, so they
 * follow the AG Grid version; one constructed stylesheet is shared by all grids.
 */
let sheet: CSSStyleSheet | undefined;

/**
 * Call with the grid's shadow root and a selector of the grid's container before `createGrid`
 * and after it. `themeCss`, the theme's parameters CSS as AG Grid will inject it, gives the
 * names before the first grid exists: the grid then measures its sizes (row height…) with the
 * page's values already shut out. Without it, the first grid's injected CSS gives them.
 */
export function isolateGridVariables(root: ShadowRoot, container: string, themeCss = ''): void {
  if (!sheet) {
    const names = new Set<string>();
    const texts = [
      themeCss,
      ...[...root.querySelectorAll('style')].map((s) => s.textContent ?? ''),
      ...root.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)),
    ];
    for (const text of texts) for (const m of text.matchAll(/--ag-inherited-([a-z0-9-]+)\s*:/g)) names.add(`--ag-${m[1]}`);
    if (!names.size) return;
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${container} { ${[...names].map((n) => `${n}: initial;`).join(' ')} }`);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

let scrollbarWidth: number | undefined;

/**
 * The browser's scrollbar width, measured inside `root`. AG Grid otherwise measures it with a
 * probe `<div>` appended to the page's body, where the page's styles (a border, padding on
 * every div) falsify it; give the result to the grid as `scrollbarWidth`. Measured once: the
 * page's scrollbar styles do not reach into shadow roots, so every grid's is the same (and a
 * measurement forces a layout of the page).
 */
export function scrollbarWidthIn(root: ShadowRoot): number | undefined {
  if (scrollbarWidth !== undefined) return scrollbarWidth;
  const probe = document.createElement('div');
  probe.style.cssText =
    'all: initial; display: block; position: absolute; top: 0; left: 0; box-sizing: content-box; width: 100px; height: 100px; overflow: scroll; visibility: hidden; border: 0; padding: 0; margin: 0';
  root.appendChild(probe);
  const width = probe.offsetWidth - probe.clientWidth;
  const measured = probe.clientWidth > 0 || width > 0;
  probe.remove();
  if (measured) scrollbarWidth = width;
  return measured ? width : undefined;
}
