/**
 * Entry point of the app page (index.html): registers `<policy-matrix-app>` and its parts.
 * `?matrix=<folder URL>` in the page address shows another matrix folder; `?view=compare`
 * or `?view=briefing` opens that view.
 */
import { isView } from './app-shell.ts';

const params = new URLSearchParams(location.search);
const requested = params.get('matrix');
const view = params.get('view');
for (const app of document.querySelectorAll('policy-matrix-app')) {
  if (requested) app.src = requested;
  if (isView(view)) app.view = view;
}
