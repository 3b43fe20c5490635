/** The reader's text selection, read across the Shadow DOM boundary. */

export type Boundary = { node: Node; offset: number };

/** The text node of a segment element (Lit also puts comment markers in it). */
export const textNodeOf = (el: Node): Text | undefined => [...el.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE);

/** The selection's range as far as it lies in `root` (Shadow DOM aware). */
export function selectedRange(root: ShadowRoot): { start: Boundary; end: Boundary; collapsed: boolean } | undefined {
  const selection = document.getSelection();
  const composed = (selection as Selection & { getComposedRanges?: (...args: unknown[]) => StaticRange[] } | null)?.getComposedRanges;
  let range: AbstractRange | undefined;
  if (selection && typeof composed === 'function') {
    let ranges: StaticRange[] = [];
    try {
      ranges = composed.call(selection, { shadowRoots: [root] });
    } catch {
      ranges = composed.call(selection, root);
    }
    range = ranges[0];
  }
  if (!range || !root.contains(range.startContainer)) {
    const own = (root as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.();
    if (own && own.rangeCount) range = own.getRangeAt(0);
  }
  if (!range) return undefined;
  return { start: { node: range.startContainer, offset: range.startOffset }, end: { node: range.endContainer, offset: range.endOffset }, collapsed: range.collapsed };
}
