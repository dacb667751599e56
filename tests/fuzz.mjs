// `npm run fuzz`: tests/fuzz.test.ts with many more cases. FUZZ_RUNS (default 10) multiplies every
// case count; FUZZ_SEED (default: a random one) seeds them all. Both are printed, so a failure can
// be replayed with exactly the same cases: FUZZ_SEED=… FUZZ_RUNS=… npm run fuzz
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seed = process.env.FUZZ_SEED || String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS || '10';
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`;
console.log(`fuzz: ${replay}`);
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/fuzz.test.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
if (r.status !== 0) console.log(`fuzz: failed; replay with ${replay}`);
process.exitCode = r.status ?? 1;
