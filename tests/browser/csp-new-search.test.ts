/**
 * New matrix, Export references and Search sources under the strict Content Security Policy
 * (docs/security.md; sent as a header with `?csp=strict`): the dialog opened with a new scale,
 * the reference formats shown, a search run in its worker with results and the reader opened
 * at one — with no violation reported by the page or to the server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import type { PolicySourceSearch } from '../../src/components/source-search/source-search.component.ts';
import { shadow } from './helpers.ts';

interface Watched extends Window {
  __violations?: string[];
}

async function violations(frame: HTMLIFrameElement): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const reports: { 'violated-directive'?: string; 'blocked-uri'?: string; 'source-file'?: string; 'line-number'?: number }[] =
    await (await fetch('/__csp-reports')).json();
  const seen = (frame.contentWindow as Watched).__violations ?? [];
  return [...seen, ...reports.map((r) => `${r['violated-directive']} ${r['blocked-uri']} ${r['source-file']}:${r['line-number']}`)];
}

describe('New matrix, Export references and Search sources under a strict Content Security Policy', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('run with no violation', async function () {
    this.timeout(60000);
    await fetch('/__csp-reports');
    const frame = document.createElement('iframe');
    frame.width = '1200';
    frame.height = '800';
    frame.src = '/tests/fixtures/csp/app.html?csp=strict';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const doc = frame.contentDocument!;
    await waitUntil(() => doc.querySelector<PolicyMatrixApp>('policy-matrix-app')?.store.snapshot.status === 'ready', 'the app did not load', { timeout: 20000 });
    const app = doc.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    const menu = app.shadowRoot!.querySelector<PolicyFileMenu>('policy-file-menu')!;

    await menu.newMatrix();
    const dialog = shadow(shadow(menu).querySelector('policy-new-matrix'));
    const type = dialog.querySelector<HTMLSelectElement>('li.dimension select[id$="-type"]')!;
    type.value = 'ordinal';
    type.dispatchEvent(new Event('change'));
    await waitUntil(() => dialog.querySelector('button.new-scale'));
    dialog.querySelector<HTMLButtonElement>('button.new-scale')!.click();
    await waitUntil(() => dialog.querySelector('li.level'), 'no level row');
    // Styled from its adopted style sheet, not inline: the dialog is laid out as a column.
    const form = dialog.querySelector('form')!;
    expect(frame.contentWindow!.getComputedStyle(form).display).to.equal('flex');
    dialog.querySelector<HTMLButtonElement>('button.cancel')!.click();

    shadow(shadow(menu).querySelector('policy-references-menu')).querySelector<HTMLButtonElement>('button.export-references')!.click();

    await app.searchSources();
    const search = app.shadowRoot!.querySelector<PolicySourceSearch>('policy-source-search')!;
    search.setQuery('schengen "border checks"');
    await waitUntil(() => search.shadowRoot!.querySelectorAll('article.hit').length > 0, 'no results under the policy', { timeout: 15000 });
    search.shadowRoot!.querySelector<HTMLButtonElement>('article.hit button.open')!.click();
    await waitUntil(() => search.shadowRoot!.querySelector('policy-source-reader')?.shadowRoot?.querySelector('mark.passage'), 'the reader did not open');
    expect(await violations(frame)).to.deep.equal([]);
  });
});
