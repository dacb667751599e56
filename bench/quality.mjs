#!/usr/bin/env node
// npm run bench:quality — the theming engine against the scikit-learn peer (TF-IDF + k-means), on
// every labelled set in the evaluation kit, at the true number of themes, in the same run.
//   node bench/quality.mjs [--eval DIR] [--seeds N] [--peer-seeds N] [--timings N]
// Needs Debian's python3-sklearn for the scorer and the peer (see the kit's README).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = new URL('..', import.meta.url).pathname;
const evalDir = resolve(root, option('--eval', process.env.WTFC_EVAL_DIR ?? '../shared/eval'));
const seeds = Number(option('--seeds', '10'));
// Wall times on a shared machine vary from run to run: each side's time is the median of this many.
const timings = Number(option('--timings', '3'));
const peerSeeds = Number(option('--peer-seeds', '10'));
const bin = join(root, 'bin', 'wtfc.js');
const python = '/usr/bin/python3';

function timed(cmd, argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

const pct = (x) => (100 * x).toFixed(1);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];

for (const name of readdirSync(join(evalDir, 'data')).sort()) {
  const file = join(evalDir, 'data', name, 'statements.csv');
  const labels = parse(readFileSync(file), { columns: true }).map((r) => r.label);
  const k = new Set(labels).size;
  const ours = [];
  // The whole main job once, for its time.
  const runDir = mkdtempSync(join(tmpdir(), 'wtfc-quality-'));
  const run = timed(process.execPath, [bin, 'run', file, '--out', join(runDir, 'session'), '--themes', String(k), '--category', 'working', '--pii', 'warn', '--quiet']);
  rmSync(runDir, { recursive: true, force: true });
  for (let seed = 1; seed <= seeds; seed++) {
    // Theming alone, through the CLI, on a fresh session: the step compared with the peer.
    const dir = mkdtempSync(join(tmpdir(), 'wtfc-quality-'));
    const session = join(dir, 'session');
    timed(process.execPath, [bin, 'init', session, '--quiet']);
    timed(process.execPath, [bin, 'ingest', file, '--category', 'working', '-C', session, '--quiet']);
    const theme = timed(process.execPath, [bin, 'theme', '-C', session, '--themes', String(k), '--seed', String(seed), '--quiet']);
    const assignments = parse(timed(process.execPath, [bin, 'export', 'assignments', '-C', session]).stdout, { columns: true });
    const predictions = join(dir, 'predictions.csv');
    writeFileSync(predictions, `id,cluster\n${assignments.map((a) => `${a.statement_id},${a.theme_id}`).join('\n')}\n`);
    const score = JSON.parse(timed(python, [join(evalDir, 'score.py'), file, predictions]).stdout);
    ours.push({ ...score, run: run.seconds, theme: theme.seconds });
    rmSync(dir, { recursive: true, force: true });
  }
  const peerRuns = Array.from({ length: timings }, () => timed(python, [join(evalDir, 'peer_sklearn.py'), file]));
  const peerRun = peerRuns[0];
  const peerWall = median(peerRuns.map((p) => p.seconds));
  const peer = peerSeeds > 1 ? JSON.parse(timed(python, [join(evalDir, 'peer_sklearn.py'), file, '--seeds', String(peerSeeds)]).stdout) : JSON.parse(peerRun.stdout);
  const peerAcc = peer.acc_mean ?? peer.acc;
  const peerNmi = peer.nmi_mean ?? peer.nmi;
  const peerAri = peer.ari_mean ?? peer.ari;
  rows.push({
    name,
    n: labels.length,
    k,
    acc: mean(ours.map((o) => o.acc)),
    nmi: mean(ours.map((o) => o.nmi)),
    ari: mean(ours.map((o) => o.ari)),
    seedOne: ours[0],
    theme: median(ours.slice(0, timings).map((o) => o.theme)),
    run: ours[0].run,
    peerAcc,
    peerNmi,
    peerAri,
    peerWall,
  });
  console.error(`${name}: done`);
}

console.log(`wtfc: mean of seeds 1..${seeds} (seed 1 in brackets); peer: scikit-learn TF-IDF + k-means, mean of ${peerSeeds} seeds.`);
console.log(`Times are wall seconds of whole processes on this machine, in this run: wtfc theme is the median of seeds 1..${Math.min(timings, seeds)}, peer run the median of ${timings} runs.\n`);
console.log('| set | n | k | wtfc ACC | peer ACC | ΔACC | wtfc NMI | peer NMI | ΔNMI | wtfc ARI | peer ARI | wtfc theme s | wtfc run s | peer run s | theme/peer time |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.n} | ${r.k} | ${pct(r.acc)} (${pct(r.seedOne.acc)}) | ${pct(r.peerAcc)} | ${(100 * (r.acc - r.peerAcc)).toFixed(1)} | ` +
      `${pct(r.nmi)} (${pct(r.seedOne.nmi)}) | ${pct(r.peerNmi)} | ${(100 * (r.nmi - r.peerNmi)).toFixed(1)} | ${pct(r.ari)} | ${pct(r.peerAri)} | ` +
      `${r.theme.toFixed(2)} | ${r.run.toFixed(2)} | ${r.peerWall.toFixed(2)} | ${(r.theme / r.peerWall).toFixed(2)} |`,
  );
}
