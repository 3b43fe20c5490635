// A test-runner command: `executeServerCommand('validate-export', { zip })` unpacks a zip the
// app exported (base64) into a temporary folder and runs the real command line on it,
// `policy-matrix validate --json <matrix folder>`, as an analyst would after downloading it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export const validateExport = {
  name: 'validate-export',
  executeCommand({ command, payload }) {
    if (command !== 'validate-export') return undefined;
    const dir = mkdtempSync(join(tmpdir(), 'policy-matrix-export-'));
    try {
      const files = unzipSync(new Uint8Array(Buffer.from(payload.zip, 'base64')));
      const folders = new Set();
      for (const [path, data] of Object.entries(files)) {
        if (path.endsWith('/')) continue;
        const target = resolve(dir, path);
        if (!target.startsWith(dir + sep)) throw new Error(`zip entry outside the folder: ${path}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, data);
        if (path.endsWith('/datapackage.json')) folders.add(dirname(target));
      }
      const [folder] = folders;
      const r = spawnSync(process.execPath, [join(root, 'bin', 'policy-matrix.js'), 'validate', '--json', folder], { cwd: root, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, files: Object.keys(files).sort() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
