/**
 * The line above a live matrix's grid: how the connection stands (said in words, announced
 * politely), who one is on the server, and who else is on the matrix and on which cell.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Matrix } from '../../model/types.ts';
import type { LiveState } from './live-controller.ts';

const edits = (n: number) => `${n} edit${n === 1 ? '' : 's'}`;

export function connectionWords(state: LiveState): string {
  if (state.error) return `Not connected: ${state.error}`;
  const { status } = state;
  if (status.refused) return `Not saved: the team server refused a change from here (${status.refused}). Reload to see the matrix as the team has it.`;
  if (status.unreadable) return `Not up to date: the matrix as the team server has it cannot be read here (${status.unreadable}). Shown as last read; edits from here are still sent.`;
  switch (status.state) {
    case 'connecting':
      return 'Connecting to the team server…';
    case 'offline':
      return status.pending > 0
        ? `Offline: ${edits(status.pending)} kept here, sent when the connection returns`
        : 'Offline: edits are kept here and sent when the connection returns';
    case 'syncing':
      return `Live: sending ${edits(status.pending)}…`;
    default:
      return 'Live: all edits saved on the team server';
  }
}

/** "Detention × Mexico" for a cell key, from the matrix's labels. */
function cellWords(matrix: Matrix | undefined, key: string): string {
  const [d, j] = key.split('\u0000');
  const dimension = matrix?.dimensions.find((x) => x.id === d);
  const jurisdiction = matrix?.jurisdictions.find((x) => x.id === j);
  return `${dimension?.label || d} × ${jurisdiction?.label || j}`;
}

/**
 * `reconnect` is offered while the connection is lost (not when joining failed or the server
 * refused a change: trying again would not help there).
 */
export function liveBar(state: LiveState | undefined, matrix: Matrix | undefined, readOnly: boolean, reconnect?: () => void): TemplateResult | typeof nothing {
  if (!state) return nothing;
  const tone = state.error || state.status.unreadable ? 'failed' : state.status.state;
  const canReconnect = reconnect && state.user && !state.error && !state.status.refused && state.status.state === 'offline';
  return html`<div class="live" part="live">
    <span class="state ${tone}" role="status">${connectionWords(state)}</span>
    ${canReconnect ? html`<button type="button" class="reconnect" @click=${reconnect}>Reconnect now</button>` : nothing}
    ${state.user
      ? html`<span class="me">You: ${state.user.name} (${state.user.role}${readOnly ? ', read-only' : ''})</span>`
      : nothing}
    ${state.peers.length
      ? html`<span class="peers">Also here: <ul aria-label="Also on this matrix">${state.peers.map(
          (p) => html`<li><span class="presence" style=${styleMap({ borderColor: p.colour })}>${p.name}</span>${p.cell ? ` on ${cellWords(matrix, p.cell)}` : ''}</li>`,
        )}</ul></span>`
      : nothing}
  </div>`;
}
