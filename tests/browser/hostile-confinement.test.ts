/**
 * Confinement in the browser (docs/security.md): the app opened with `?matrix=<folder>` reads
 * that folder and its ../sources/ folder, nothing else. The matrix served here names, besides
 * its good source, sources at the site root (`../../../package.json`), beside the folder,
 * at an absolute path, at another origin (a second real server on another port of
 * 127.0.0.1), protocol-relative, percent-encoded and behind a redirect to the other origin.
 * Each is a located error in sources.csv; the servers' logs show none was fetched; no canary
 * reaches the store or the exported zip; every good row is kept.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { isSafeEntryName } from '../../src/model/export/paths.ts';
import { unzipFiles } from '../../src/model/export/zip.ts';
import { IndexedDbDraftStorage } from '../../src/state/draft-storage.ts';
import { shadow, squash } from './helpers.ts';

interface Log {
  site: string[];
  elsewhere: string[];
}

const FOLDER = '/__confine/m/small/';
const EVIL = ['site-root', 'canary', 'absolute', 'other-origin', 'protocol-relative', 'encoded', 'redirect'];

describe('a matrix opened with ?matrix= reads only its folder and ../sources/', () => {
  it('refuses every source out of them with a located error, fetches none of them, and keeps every good row', async () => {
    const { origin, canary } = await executeServerCommand<{ origin: string; canary: string }, undefined>('hostile-origin');
    await executeServerCommand('hostile-reset');
    const drafts = `hostile-${Math.random().toString(36).slice(2)}`;
    // The page's own address names the matrix, as a link to the app would.
    history.replaceState(null, '', `${location.pathname}?matrix=${encodeURIComponent(FOLDER)}`);
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src="" drafts=${drafts} style="height: 800px"></policy-matrix-app>`);
    await import('../../src/app/main.ts');
    expect(app.src).to.equal(FOLDER);
    await waitUntil(() => app.store.snapshot.status === 'ready', 'the matrix did not load', { timeout: 15000 });
    const { snapshot } = app.store;

    // Each evil source: an error at its row of sources.csv, in its path column.
    const refused = snapshot.problems.filter((p) => p.file === 'sources.csv');
    expect(refused.map((p) => [p.line, p.field, p.severity])).to.deep.equal(EVIL.map((_, i) => [i + 2, 'path', 'error']));
    for (const p of refused) expect(p.column).to.be.greaterThan(0);
    const messages = refused.map((p) => p.message);
    expect(messages[0]).to.match(/^the text of source "site-root" is not read: path \.\.\/\.\.\/\.\.\/package\.json leads outside the matrix folder and its sources folder/);
    expect(messages[3]).to.contain(`path ${origin}/canary.txt is a URL or a drive path`);
    expect(messages[6]).to.equal('the text of source "redirect" cannot be read at redirect.txt: the server answered with a redirect, which is not followed: a matrix reads only from where it was opened');
    // Shown to the user as file:line:column.
    const root = shadow(app);
    await waitUntil(() => root.querySelectorAll('.problems:not(.findings) li code').length >= EVIL.length, 'the problems are not listed');
    const listed = [...root.querySelectorAll('.problems:not(.findings) li code')].map((c) => squash(c.textContent));
    for (let i = 0; i < EVIL.length; i++) expect(listed.some((l) => l.startsWith(`sources.csv:${i + 2}:`)), listed.join('\n')).to.equal(true);

    // Nothing out of the matrix was fetched, from this origin or the other.
    const log = await executeServerCommand<Log, undefined>('hostile-log');
    expect(log.elsewhere).to.deep.equal([]);
    const hostile = log.site.filter((p) => p.startsWith('/__confine/'));
    expect(hostile.filter((p) => !p.startsWith('/__confine/m/small/') && !p.startsWith('/__confine/m/sources/'))).to.deep.equal([]);
    expect(log.site).to.not.include('/package.json');
    expect(log.site).to.include('/__confine/m/sources/source.txt');
    expect(performance.getEntriesByType('resource').map((e) => new URL(e.name).origin).filter((o) => o !== location.origin)).to.deep.equal([]);

    // The good source is read, every row kept; no evil text anywhere in the store.
    expect([...snapshot.sourceTexts.keys()]).to.deep.equal(['small']);
    const fixtureCitations = (await (await fetch('/tests/fixtures/matrices/small/citations.csv')).text()).trimEnd().split('\n').length - 1;
    expect(snapshot.matrix!.citations).to.have.length(fixtureCitations + EVIL.length);
    const anchored = [...snapshot.check!.citations.values()].flat();
    const evil = anchored.filter(({ citation }) => EVIL.includes(citation.source));
    expect(evil.map(({ anchor }) => [anchor.status, anchor.candidates ?? null])).to.deep.equal(EVIL.map(() => ['unchecked', null]));
    expect(anchored.filter(({ citation, anchor }) => citation.source === 'small' && anchor.status === 'found').length).to.be.greaterThan(0);
    expect(JSON.stringify([...snapshot.sourceTexts.values()])).to.not.contain(canary);
    expect(JSON.stringify([...snapshot.sourceTexts.values()])).to.not.contain('devDependencies');

    // Export zip: safe entry names, no canary, no file of the site.
    const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
    const got: Blob[] = [];
    menu.download = (blob) => got.push(blob);
    await waitUntil(() => shadow(menu).querySelector<HTMLButtonElement>('button.export-zip:not([disabled])'), 'no Export zip');
    shadow(menu).querySelector<HTMLButtonElement>('button.export-zip')!.click();
    await waitUntil(() => got.length === 1, 'nothing exported');
    const files = unzipFiles(new Uint8Array(await got[0].arrayBuffer()));
    expect([...files.keys()].filter((name) => !isSafeEntryName(name))).to.deep.equal([]);
    expect([...files.keys()].sort()).to.deep.equal([
      'small/cells.csv', 'small/citations.csv', 'small/datapackage.json', 'small/dimensions.csv',
      'small/jurisdictions.csv', 'small/scales.csv', 'small/sources.csv', 'sources/source.txt',
    ]);
    const texts = [...files.values()].map((b) => new TextDecoder().decode(b)).join('\n');
    expect(texts).to.not.contain(canary);
    expect(texts).to.not.contain('devDependencies');
    const after = await executeServerCommand<Log, undefined>('hostile-log');
    expect(after.elsewhere).to.deep.equal([]);
    history.replaceState(null, '', location.pathname);
    await IndexedDbDraftStorage.drop(drafts);
  });
});
