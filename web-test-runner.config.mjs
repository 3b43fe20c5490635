// Component tests in a real headless Chromium (Debian's package, found on PATH or via CHROME_PATH).
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync } from 'node:fs';
import { plugins } from './web-dev-server.config.mjs';

const executablePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

export default {
  files: ['tests/browser/**/*.test.ts'],
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
