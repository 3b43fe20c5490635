/**
 * Export references in the app's file menu, by keyboard: the formats shown under the button,
 * CSL-JSON and BibTeX downloaded from the open matrix's sources, Escape closing the formats.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu, PolicyFileExportDetail } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { REAL_MATRIX, gridReady, shadow, squash } from './helpers.ts';

describe('Export references', () => {
  it('downloads the sources as CSL-JSON and as BibTeX, chosen with the keyboard', async () => {
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${REAL_MATRIX} drafts=${`test-refs-${Date.now()}`} style="height: 800px"></policy-matrix-app>`);
    const root = shadow(app);
    await waitUntil(() => root.querySelector('policy-matrix')?.shadowRoot, 'no grid');
    await gridReady(shadow(root.querySelector('policy-matrix')));
    const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
    const downloads: { blob: Blob; filename: string }[] = [];
    menu.download = (blob, filename) => downloads.push({ blob, filename });
    const exported: PolicyFileExportDetail[] = [];
    app.addEventListener('policy-file-export', (e) => exported.push(e.detail));
    const refs = shadow(shadow(menu).querySelector('policy-references-menu'));
    const button = refs.querySelector<HTMLButtonElement>('button.export-references')!;
    const formats = refs.querySelector<HTMLElement>('.formats')!;
    expect(formats.hidden).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('false');

    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !formats.hidden, 'the formats are not shown');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect([...formats.querySelectorAll('button')].map((b) => squash(b.textContent))).to.deep.equal(['CSL-JSON for Zotero, Mendeley, Pandoc', 'BibTeX for LaTeX, JabRef']);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => downloads.length === 1, 'no CSL-JSON download');
    expect(downloads[0].filename).to.equal('eu-north-america-references.json');
    const items = JSON.parse(await downloads[0].blob.text()) as { id: string; type: string; title: string; author: { family: string }[] }[];
    expect(items.map((i) => [i.id, i.type, i.title, i.author.map((a) => a.family)])).to.deep.equal([
      ['security-americas', 'document', 'Security in the Americas (edited volume excerpt)', ['Durepos', 'Mace']],
    ]);
    expect(formats.hidden, 'choosing closes the formats').to.equal(true);
    expect(squash(shadow(menu).querySelector('.message')?.textContent)).to.equal('Exported eu-north-america-references.json: 1 reference (CSL-JSON).');

    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !formats.hidden);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => downloads.length === 2, 'no BibTeX download');
    expect(downloads[1].filename).to.equal('eu-north-america-references.bib');
    const bib = await downloads[1].blob.text();
    expect(bib).to.equal('@misc{security-americas,\n  author = {Durepos, Catherine and Mace, Gordon},\n  title = {{Security in the Americas (edited volume excerpt)}}\n}\n');
    expect(exported.map((e) => e.format)).to.deep.equal(['csl-json', 'bibtex']);

    // Escape closes the formats and the focus goes back to the button.
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !formats.hidden);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => formats.hidden, 'Escape did not close the formats');
    expect(refs.activeElement).to.equal(button);
  });
});
