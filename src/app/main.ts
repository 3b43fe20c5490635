/**
 * Entry point of the app page (index.html): registers `<policy-matrix-app>` and its parts.
 * `?matrix=<folder URL>` in the page address shows another matrix folder; `?view=compare`
 * or `?view=briefing` opens that view. `?live=<server>/matrices/<name>/` joins that matrix
 * on its team server, with the token after `#token=` (kept out of the address at once, and
 * never sent in a request for a page) or, on the team server's own app, its sign-in cookie.
 */
import { isView } from './app-shell.ts';

const params = new URLSearchParams(location.search);
const requested = params.get('matrix');
const view = params.get('view');
const live = params.get('live');
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
if (token) history.replaceState(history.state, '', location.pathname + location.search);
for (const app of document.querySelectorAll('policy-matrix-app')) {
  if (live) {
    app.token = token;
    app.live = true;
    app.src = live;
  } else if (requested) app.src = requested;
  if (isView(view)) app.view = view;
}
