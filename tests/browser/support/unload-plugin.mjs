// For tests that leaving the page asks first: the browser's own `beforeunload` dialogs of
// the test page, recorded and answered "stay" (so the test page is not left), through the
// page's DevTools connection. Commands: `unload-dialogs-watch` (start recording),
// `unload-dialogs` (what was shown since).
const watched = new Map();

export function unloadPlugin() {
  return {
    name: 'unload-dialogs',
    async executeCommand({ command, session }) {
      if (command !== 'unload-dialogs-watch' && command !== 'unload-dialogs') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'unload-dialogs-watch') {
        if (!watched.has(session.id)) {
          const shown = [];
          watched.set(session.id, shown);
          page.on('dialog', async (dialog) => {
            shown.push(dialog.type());
            // "Stay on the page": the navigation is cancelled and the test goes on.
            await dialog.dismiss();
          });
        }
        watched.get(session.id).length = 0;
        return true;
      }
      return [...(watched.get(session.id) ?? [])];
    },
  };
}
