/**
 * The base of the elements that work on the store an ancestor provides (`<policy-matrix-app>`,
 * `<policy-matrix>`): the store, to dispatch commands, and its current snapshot, which
 * re-renders the element on every change of the store. One place for the two subscriptions
 * that every such element made the same way.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { snapshotContext, storeContext } from '../../state/context.ts';
import { emptySnapshot, type MatrixStore, type Snapshot } from '../../state/store.ts';

/**
 * Not an element of its own (no tag): the elements' documentation (custom-elements.json)
 * leaves it out.
 * @internal
 */
export class StoreConsumer extends LitElement {
  /** The store provided by an ancestor; undefined outside one. */
  @consume({ context: storeContext, subscribe: true })
  @state()
  protected store: MatrixStore | undefined;

  /** The store's current snapshot (empty outside a provider). */
  @consume({ context: snapshotContext, subscribe: true })
  @state()
  protected snapshot: Snapshot = emptySnapshot;
}
