/**
 * AG Grid's theme CSS, as constructed stylesheets: no `<style>` element, so the grid is styled
 * in a page whose Content Security Policy has `style-src 'self'` (no `'unsafe-inline'`).
 *
 * AG Grid 36 injects its theme as `<style>` elements into its `themeStyleContainer` (by
 * default the grid's shadow root), which such a policy refuses: the grid then renders
 * unstyled. Its only other remedy, `styleNonce`, needs a nonce in the policy. Instead the
 * grid is given a container that is not in any document: a `<style>` element there is inert
 * (never checked against the policy, never applied), and its text is copied into
 * constructed stylesheets adopted by the shadow root, which a policy does not govern, as
 * each is inserted; a MutationObserver follows other changes (a theme's params CSS removed
 * when the theme changes).
 *
 * Sheets are shared by text across every grid of the page: the same CSS is parsed once.
 */
const sheets = new Map<string, CSSStyleSheet>();

function sheetFor(text: string): CSSStyleSheet {
  let sheet = sheets.get(text);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    sheets.set(text, sheet);
  }
  return sheet;
}

export class GridStyles {
  /** The container to give AG Grid as `themeStyleContainer`. */
  readonly container: HTMLElement = document.createElement('div');
  private adopted: CSSStyleSheet[] = [];
  private readonly observer = new MutationObserver(() => this.sync());

  constructor(private readonly root: ShadowRoot) {
    this.observer.observe(this.container, { childList: true, subtree: true, characterData: true });
    // AG Grid measures its theme's sizes (row height, header height…) as soon as it has
    // injected them, in the same task: the sheets must be adopted at once, not when the
    // observer is told (a microtask later), or the grid lays out with default sizes first and
    // again when the styles arrive. So each insertion, by the container's `insertBefore` or a
    // style element's `after` (AG Grid's two ways), adopts at once.
    const container = this.container;
    const insertBefore = container.insertBefore.bind(container);
    container.insertBefore = <T extends Node>(node: T, child: Node | null): T => {
      const inserted = insertBefore(node, child);
      this.inserted(node);
      return inserted;
    };
  }

  private inserted(node: Node): void {
    if (node instanceof HTMLStyleElement) {
      const after = node.after.bind(node);
      node.after = (...nodes: (Node | string)[]) => {
        after(...nodes);
        for (const n of nodes) if (typeof n !== 'string') this.inserted(n);
      };
    }
    this.sync();
  }

  /** Adopt the CSS now in the container (in its order), in place of what was adopted before. */
  sync(): void {
    const next = [...this.container.querySelectorAll('style')].map((s) => sheetFor(s.textContent ?? ''));
    if (next.length === this.adopted.length && next.every((s, i) => s === this.adopted[i])) return;
    const previous = new Set(this.adopted);
    // The grid's sheets go first: the element's own styles (adopted by Lit) come after and win.
    const others = this.root.adoptedStyleSheets.filter((s) => !previous.has(s));
    this.root.adoptedStyleSheets = [...next, ...others];
    this.adopted = next;
  }

  /** Stop following the container, and drop the grid's sheets from the shadow root. */
  disconnect(): void {
    this.observer.disconnect();
    const previous = new Set(this.adopted);
    this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((s) => !previous.has(s));
    this.adopted = [];
  }
}
