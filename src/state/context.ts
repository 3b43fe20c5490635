/**
 * How elements share the one store: @lit/context, with `Symbol.for` keys so that two
 * bundles on one page still agree.
 *
 * - `storeContext` carries the `MatrixStore` itself (stable; use it to dispatch commands).
 * - `snapshotContext` carries its current snapshot; the provider replaces the value on
 *   every store change, so `@consume({ context: snapshotContext, subscribe: true })`
 *   re-renders a consumer whenever the store changes.
 * - `readOnlyContext` says whether descendants may edit (a `read-only` element provides true).
 *
 * `StoreProvider` provides both from one host and keeps the snapshot in step.
 */
import { ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MatrixStore, Snapshot } from './store.ts';

export const storeContext = createContext<MatrixStore>(Symbol.for('policy-matrix/store'));
export const snapshotContext = createContext<Snapshot>(Symbol.for('policy-matrix/snapshot'));
/**
 * Whether the elements below may change the store: `true` under `<policy-matrix read-only>`
 * (and `<policy-compare read-only>`), so a citation panel inside shows evidence without its
 * editing tools. No provider means editable.
 */
export const readOnlyContext = createContext<boolean>(Symbol.for('policy-matrix/read-only'));

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Provides a store (and its snapshots) to the host's descendants; also re-renders the host
 * on every change and calls `onChange`, if given, with the new and previous snapshots.
 */
export class StoreProvider implements ReactiveController {
  private readonly storeProvider: ContextProvider<typeof storeContext>;
  private readonly snapshotProvider: ContextProvider<typeof snapshotContext>;
  private current: MatrixStore;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    store: MatrixStore,
    private readonly onChange?: (snapshot: Snapshot, previous: Snapshot) => void,
  ) {
    this.current = store;
    this.storeProvider = new ContextProvider(host, { context: storeContext, initialValue: store });
    this.snapshotProvider = new ContextProvider(host, { context: snapshotContext, initialValue: store.snapshot });
    host.addController(this);
  }

  get store(): MatrixStore {
    return this.current;
  }

  /** Provide another store (descendants that subscribed are told). */
  set store(store: MatrixStore) {
    if (store === this.current) return;
    const previous = this.current.snapshot;
    this.current = store;
    this.storeProvider.setValue(store);
    if (this.host.isConnected) this.listen();
    this.changed(store.snapshot, previous);
  }

  get snapshot(): Snapshot {
    return this.current.snapshot;
  }

  hostConnected(): void {
    this.listen();
    // The store may have changed while the host was away.
    if (this.snapshotProvider.value !== this.current.snapshot) {
      this.changed(this.current.snapshot, this.snapshotProvider.value);
    }
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private listen(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.current.subscribe((snapshot, previous) => this.changed(snapshot, previous));
  }

  private changed(snapshot: Snapshot, previous: Snapshot): void {
    this.snapshotProvider.setValue(snapshot);
    this.host.requestUpdate();
    this.onChange?.(snapshot, previous);
  }
}
