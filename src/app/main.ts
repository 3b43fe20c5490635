/**
 * Entry point of the app page (index.html): registers `<policy-matrix-app>` and its parts.
 * `?matrix=<folder URL>` in the page address shows another matrix folder.
 */
import './app-shell.ts';

const requested = new URLSearchParams(location.search).get('matrix');
if (requested) {
  for (const app of document.querySelectorAll('policy-matrix-app')) app.src = requested;
}
