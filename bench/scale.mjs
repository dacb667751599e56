#!/usr/bin/env node
// npm run bench:scale — themes generated sets of 1k, 10k and 100k statements through the CLI
// (auto number of themes, the default) and prints wall time, peak memory and how time grows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStatements } from './generate.mjs';

const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const bin = new URL('../bin/wtfc.js', import.meta.url).pathname;
const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a wtfc command; returns wall seconds and peak RSS in MB (from GNU time, when present). */
function measure(args) {
  const cmd = timer ? [timer, '-f', '%e %M', process.execPath, bin, ...args] : [process.execPath, bin, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`wtfc ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const rss = timer ? Number(last.split(' ')[1]) / 1024 : NaN;
  return { wall, rss };
}

const rows = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'wtfc-scale-'));
  const file = join(dir, 'statements.csv');
  writeFileSync(file, generateStatements(n));
  const session = join(dir, 'session');
  const run = measure(['run', file, '--out', session, '--pii', 'warn', '--quiet']);
  const theme = measure(['theme', '-C', session, '--quiet']);
  rows.push({ n, run, theme });
  rmSync(dir, { recursive: true, force: true });
  console.error(`n=${n} done`);
}

console.log('| statements | run (ingest+theme+render) s | run peak RSS MB | theme alone s | theme peak RSS MB | time ratio vs previous n |');
console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
rows.forEach((r, i) => {
  const prev = rows[i - 1];
  const growth = prev ? `${(r.theme.wall / prev.theme.wall).toFixed(1)}x for ${(r.n / prev.n).toFixed(0)}x n` : '';
  console.log(`| ${r.n} | ${r.run.wall.toFixed(2)} | ${r.run.rss.toFixed(0)} | ${r.theme.wall.toFixed(2)} | ${r.theme.rss.toFixed(0)} | ${growth} |`);
});
if (rows.length > 1) {
  const a = rows[0], b = rows.at(-1);
  const exponent = Math.log(b.theme.wall / a.theme.wall) / Math.log(b.n / a.n);
  console.log(`\ntheme time grows as about n^${exponent.toFixed(2)} from ${a.n} to ${b.n} statements`);
}
