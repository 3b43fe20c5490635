// Component tests in a real headless Chromium (Debian's package, found on PATH or via CHROME_PATH).
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { plugins } from './web-dev-server.config.mjs';

const executablePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

// Third-party test material (XSS and injection payloads, CSV cases) lives in ../shared,
// outside the served folder: serve it read-only under /shared/ for the browser tests.
const sharedRoot = join(process.cwd(), '..', 'shared');
function serveShared(ctx, next) {
  if (!ctx.path.startsWith('/shared/')) return next();
  const file = normalize(join(sharedRoot, decodeURIComponent(ctx.path.slice('/shared/'.length))));
  if (!file.startsWith(sharedRoot) || !existsSync(file)) {
    ctx.status = 404;
    return undefined;
  }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'text/plain';
  ctx.body = readFileSync(file);
  return undefined;
}

export default {
  files: ['tests/browser/**/*.test.ts'],
  middleware: [serveShared],
  nodeResolve: true,
  plugins,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
        ],
      },
    }),
  ],
};
