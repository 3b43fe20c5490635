// Preloaded into a command-line run by the hostile-input tests (node --import): at exit,
// print the process's peak resident memory, so that a test can bound it.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stderr.write(`\npeak-rss-kb ${peak ? peak[1] : -1}\n`);
});
