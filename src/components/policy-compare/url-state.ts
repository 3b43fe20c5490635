/**
 * The comparison's state in the page address (see docs/compare.md): read once when the element
 * is first connected, written back with `history.replaceState` after every update, unless the
 * host says `noUrlState`. A cell named by the address is selected once the matrix is there;
 * until then nothing is written, so the address stays as the link gave it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseViewState, writeViewState, type CompareViewState } from '../../model/compare/index.ts';
import { cellKey } from '../../model/types.ts';
import type { Snapshot } from '../../state/store.ts';

export interface UrlStateHost extends ReactiveControllerHost {
  /** Neither read nor write the address. */
  readonly noUrlState: boolean;
  /** The state to write (sides, filters, sort, selected cell). */
  readonly viewState: CompareViewState;
}

export interface UrlStateBinding {
  /** The snapshot shown now. */
  snapshot(): Snapshot;
  /** Select a cell in the store shown. */
  select(key: string): void;
  /** Take the state read from the address (without its cell, which is selected instead). */
  restore(view: CompareViewState): void;
}

export class CompareUrlStateController implements ReactiveController {
  private read = false;
  private pendingCell: string | undefined;

  constructor(
    private readonly host: UrlStateHost,
    private readonly binding: UrlStateBinding,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.read || this.host.noUrlState) return;
    this.read = true;
    const fromUrl = parseViewState(location.search);
    this.binding.restore({ ...fromUrl, cell: undefined });
    if (fromUrl.cell) this.pendingCell = cellKey(fromUrl.cell.dimension, fromUrl.cell.jurisdiction);
    this.applyPendingCell();
  }

  hostUpdated(): void {
    this.write();
  }

  /** Select the cell named by the address once the matrix is there (call when the matrix or the store changes). */
  applyPendingCell(): void {
    if (this.pendingCell === undefined || this.binding.snapshot().status !== 'ready') return;
    const key = this.pendingCell;
    this.pendingCell = undefined;
    this.binding.select(key);
  }

  private write(): void {
    if (this.host.noUrlState || this.binding.snapshot().status !== 'ready' || this.pendingCell !== undefined) return;
    const query = writeViewState(this.host.viewState, location.search);
    if (query === location.search) return;
    history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
  }
}
