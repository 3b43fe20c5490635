/**
 * A `ContextRoot` (@lit/context) on the document, once per page: an element that asks for a
 * context (the store) before its provider has upgraded — a `<policy-citation-panel>` inside a
 * `<policy-matrix>` whose definition runs later, as module chunks may run in any order — gets
 * its answer when the provider arrives, instead of none.
 */
import { ContextRoot } from '@lit/context';

const KEY = Symbol.for('policy-matrix/context-root');

export function attachContextRoot(): void {
  if (typeof document === 'undefined') return;
  const doc = document as Document & { [KEY]?: ContextRoot };
  if (doc[KEY]) return;
  doc[KEY] = new ContextRoot();
  doc[KEY].attach(document.documentElement ?? document);
}
