/**
 * New version of a source in the app: every citation re-anchored and shown (unchanged, moved,
 * changed side by side with a similarity figure, orphaned); the analyst accepts or rejects
 * each; one undoable edit; nothing lost either way.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { newSourceFromFile } from '../../src/model/sources/new-source.ts';
import { expectAccessible } from './axe.ts';
import { EMPTY_MATRIX, gridReady, shadow, squash } from './helpers.ts';

const OLD = [
  'Section one. Families are not detained in the north.',
  'Section two. Detention of families ended in 2019 after a court ruling.',
  'Section three. Visa policy is harmonized across the union.',
  'Section four. Claimants may work after six months.',
  '',
].join('\n\n');
const NEW = [
  'Section one. Families are not detained in the north.',
  'A paragraph added in the revised edition.',
  'Section two. Detention of families ended in 2020 after a court ruling.',
  'Renumbered as section five: Visa policy is harmonized across the union, the revised edition says.',
  '',
].join('\n\n');

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('<policy-replace-source> in the app', () => {
  it('shows each citation re-anchored, takes the analyst\'s decisions, and undoes', async () => {
    const page = await fixture<HTMLElement>(html`<div><policy-matrix-app src=${EMPTY_MATRIX} drafts=${`test-replace-${Date.now()}`} style="height: 900px"></policy-matrix-app></div>`);
    const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    const root = shadow(app);
    await waitUntil(() => root.querySelector('policy-matrix'));
    await gridReady(shadow(root.querySelector('policy-matrix')));
    await waitUntil(() => app.store.snapshot.status === 'ready');
    const { store } = app;
    expect(store.edit((await newSourceFromFile(store.snapshot.matrix!, utf8(OLD), 'report.txt', { title: 'Report' })).edit)).to.deep.equal({ ok: true });
    const cite = (dimension: string, jurisdiction: string, quote: string) =>
      expect(store.edit({ type: 'add-citation', dimension, jurisdiction, citation: { source: 'report', quote } })).to.deep.equal({ ok: true });
    cite('detention', 'north', 'Families are not detained in the north');
    cite('common-visa', 'north', 'Visa policy is harmonized across the union');
    cite('detention', 'south', 'Detention of families ended in 2019 after a court ruling');
    cite('common-visa', 'south', 'Claimants may work after six months');

    const el = root.querySelector('policy-replace-source')!;
    const d = shadow(el);
    await waitUntil(() => !d.querySelector<HTMLButtonElement>('button.open')!.disabled, 'the button is not enabled with a source');
    d.querySelector<HTMLButtonElement>('button.open')!.click();
    await waitUntil(() => d.querySelector('dialog')?.open);
    const input = d.querySelector<HTMLInputElement>('input.file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([utf8(NEW) as BlobPart], 'report-revised.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => d.querySelector('.counts'), 'no report', { timeout: 15000 });
    expect(squash(d.querySelector('.counts')!.textContent)).to.equal('4 citations: 1 unchanged, 1 moved, 1 changed, 0 ambiguous, 1 orphaned.');
    const changed = d.querySelector('.item.changed')!;
    const [oldSide, newSide] = [...changed.querySelectorAll('.side figure')].map((f) => squash(f.textContent?.replace(/(Old|New · similarity \d+%)/, '$1 ')));
    expect(oldSide).to.equal('Old Detention of families ended in 2019 after a court ruling');
    expect(newSide).to.match(/^New · similarity 9\d% Detention of families ended in 2020 after a court ruling$/);
    // A change is only suggested: "Keep as it is" is chosen until the analyst accepts it.
    expect(changed.querySelector<HTMLInputElement>('input[value=reject]')!.checked).to.equal(true);
    expect(squash(d.querySelector('.item.moved')!.textContent)).to.contain('Found in the new text: nothing to change.');
    expect(squash(d.querySelector('.item.orphaned')!.textContent)).to.contain('Kept as it is: neither the quote nor a close passage is in the new text.');
    await expectAccessible(window, 'New version dialog', el);

    changed.querySelector<HTMLInputElement>('input[value=accept]')!.click();
    d.querySelector<HTMLButtonElement>('button.replace')!.click();
    await waitUntil(() => store.snapshot.sourceTexts.get('report') === NEW, 'not replaced');
    const quoteOf = (dimension: string, jurisdiction: string) => store.snapshot.matrix!.citations.find((c) => c.dimension === dimension && c.jurisdiction === jurisdiction)!.quote;
    expect(quoteOf('detention', 'south')).to.equal('Detention of families ended in 2020 after a court ruling');
    // Moved and orphaned citations are kept as they were.
    expect(quoteOf('common-visa', 'north')).to.equal('Visa policy is harmonized across the union');
    expect(quoteOf('common-visa', 'south')).to.equal('Claimants may work after six months');
    expect(squash(d.querySelector('.said')!.textContent)).to.contain('“Report” is now the version from report-revised.txt: 1 citation follows the new text, 3 kept as they were.');

    expect(store.undo()).to.equal(true);
    expect(store.snapshot.sourceTexts.get('report')).to.equal(OLD);
    expect(quoteOf('detention', 'south')).to.equal('Detention of families ended in 2019 after a court ruling');
    const statuses = [...store.snapshot.check!.citations.values()].flat().map((c) => c.anchor.status);
    expect(statuses).to.deep.equal(['found', 'found', 'found', 'found']);
  });

  it('says "1 citation" of a source cited once', async () => {
    const page = await fixture<HTMLElement>(html`<div><policy-matrix-app src=${EMPTY_MATRIX} drafts=${`test-replace-one-${Date.now()}`} style="height: 900px"></policy-matrix-app></div>`);
    const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    const root = shadow(app);
    await waitUntil(() => root.querySelector('policy-matrix'));
    await gridReady(shadow(root.querySelector('policy-matrix')));
    await waitUntil(() => app.store.snapshot.status === 'ready');
    const { store } = app;
    expect(store.edit((await newSourceFromFile(store.snapshot.matrix!, utf8(OLD), 'report.txt', { title: 'Report' })).edit)).to.deep.equal({ ok: true });
    expect(store.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'report', quote: 'Families are not detained in the north' } })).to.deep.equal({ ok: true });
    const d = shadow(root.querySelector('policy-replace-source'));
    await waitUntil(() => !d.querySelector<HTMLButtonElement>('button.open')!.disabled, 'the button is not enabled with a source');
    d.querySelector<HTMLButtonElement>('button.open')!.click();
    await waitUntil(() => d.querySelector('dialog')?.open);
    const input = d.querySelector<HTMLInputElement>('input.file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([utf8(NEW) as BlobPart], 'report-revised.txt', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => d.querySelector('.counts'), 'no report', { timeout: 15000 });
    expect(squash(d.querySelector('.counts')!.textContent)).to.equal('1 citation: 1 unchanged, 0 moved, 0 changed, 0 ambiguous, 0 orphaned.');
  });
});
