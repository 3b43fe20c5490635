// Component tests in a real headless Chromium (Debian's package, found on PATH or via CHROME_PATH).
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync } from 'node:fs';
import { plugins, sourcesAsJs, STRICT_POLICY } from './web-dev-server.config.mjs';
import { serveHostile } from './tests/fixtures/hostile/serve.mjs';
import { hostileMiddleware, hostilePlugin } from './tests/browser/support/hostile-server.mjs';
import { unloadPlugin } from './tests/browser/support/unload-plugin.mjs';
import { validateExport } from './tests/browser/server/validate-export.mjs';

const executablePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/**
 * Pages asked for with `?csp=strict` get the strict policy as a header, with a report-uri:
 * the browser posts every violation here, from any page or frame (one that has no listener of
 * its own, like /docs/, too). GET /__csp-reports gives the reports so far, and forgets them.
 */
let cspReports = [];
async function strictPolicyReported(ctx, next) {
  if (ctx.path === '/__csp-reports') {
    if (ctx.method === 'POST') {
      const chunks = [];
      for await (const chunk of ctx.req) chunks.push(chunk);
      try {
        cspReports.push(JSON.parse(Buffer.concat(chunks).toString('utf8'))['csp-report'] ?? {});
      } catch {
        cspReports.push({ unreadable: true });
      }
      ctx.status = 204;
    } else {
      ctx.body = JSON.stringify(cspReports);
      ctx.type = 'application/json';
      cspReports = [];
    }
    return;
  }
  await next();
  if (ctx.query.csp === 'strict' && ctx.response.is('html')) ctx.set('Content-Security-Policy', `${STRICT_POLICY}; report-uri /__csp-reports`);
}

export default {
  files: ['tests/browser/**/*.test.ts'],
  // The component tests run the sources in development mode: AG Grid's ValidationModule
  // explains a misconfigured grid in words (it is never part of the embed bundle).
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>policy-matrix tests</title></head><body>` +
    `<script type="module" src="/src/dev/grid-validation.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
  // (The confinement tests' logger first: it sees every request.)
  middleware: [hostileMiddleware, strictPolicyReported, serveHostile, sourcesAsJs],
  nodeResolve: true,
  plugins: [...plugins, hostilePlugin(), unloadPlugin(), validateExport],
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
