#!/usr/bin/env node
// npm run bench:ingest — one large file through `wtfc ingest`: generates ROWS realistic statements
// (1,000,000 by default, from bench/generate.mjs), runs `wtfc init` and `wtfc ingest` through the
// built binary into a fresh session, and prints wall time, CPU time and peak RSS, with a Python
// peer (the standard csv module: read, tidy white space, drop repeats of (category, person, text),
// write) on the same file in the same run. Targets: ingest within 30 s and 2 GB peak RSS.
//   node bench/ingest.mjs [--rows N] [--keep]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStatements } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rows = Number(option('--rows', '1000000'));
const keep = args.includes('--keep');
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'wtfc.js');
const timer = '/usr/bin/time';
if (!existsSync(timer)) throw new Error('bench:ingest needs GNU time (/usr/bin/time) to measure peak RSS');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');

const dir = mkdtempSync(join(tmpdir(), 'wtfc-ingest-'));
const file = join(dir, 'statements.csv');
writeFileSync(file, generateStatements(rows));
const mb = statSync(file).size / (1024 * 1024);

/**
 * Runs a command under GNU time: wall seconds (measured here), CPU seconds (user + system) and peak
 * RSS in MB. Its output goes to files, so a million warnings do not pass through this process.
 */
function measure(name, cmd, argv) {
  const out = openSync(join(dir, `${name}.out`), 'w');
  const err = openSync(join(dir, `${name}.err`), 'w');
  const figures = join(dir, `${name}.time`);
  const start = process.hrtime.bigint();
  const r = spawnSync(timer, ['-o', figures, '-f', '%U %S %M', cmd, ...argv], { stdio: ['ignore', out, err] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(out);
  closeSync(err);
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}):\n${readFileSync(join(dir, `${name}.err`), 'utf8').slice(-2000)}`);
  const [user, system, kb] = readFileSync(figures, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system, rss: kb / 1024 };
}

const lines = (path) => readFileSync(path, 'utf8').split('\n').length - 2; // less the header and the final newline

const session = join(dir, 'session');
const init = measure('init', process.execPath, [bin, 'init', session, '--quiet']);
const wtfc = measure('ingest', process.execPath, [bin, 'ingest', file, '-C', session]);
const added = lines(join(session, 'statements.csv'));
const peer = measure('peer', 'python3', [join(root, 'bench', 'ingest_peer.py'), file, join(dir, 'peer.csv')]);
const kept = lines(join(dir, 'peer.csv'));

const fmt = (x, d = 1) => x.toFixed(d);
console.log(`${rows.toLocaleString('en-GB')} rows, ${fmt(mb)} MB of CSV (bench/generate.mjs); wtfc init took ${fmt(init.wall, 2)} s.`);
console.log('');
console.log('| | rows written | wall s | CPU s (user + sys) | peak RSS MB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(`| \`wtfc ingest\` | ${added.toLocaleString('en-GB')} | ${fmt(wtfc.wall)} | ${fmt(wtfc.cpu)} | ${fmt(wtfc.rss, 0)} |`);
console.log(`| Python csv peer | ${kept.toLocaleString('en-GB')} | ${fmt(peer.wall)} | ${fmt(peer.cpu)} | ${fmt(peer.rss, 0)} |`);
console.log(`| wtfc ÷ peer | | ${fmt(wtfc.wall / peer.wall, 2)} | ${fmt(wtfc.cpu / peer.cpu, 2)} | ${fmt(wtfc.rss / peer.rss, 2)} |`);
console.log('');
const met = (ok) => (ok ? 'met' : 'MISSED');
console.log(`targets: wall ≤ 30 s ${met(wtfc.wall <= 30)}, peak RSS ≤ 2 GB ${met(wtfc.rss <= 2048)}`);
if (keep) console.log(`kept in ${dir}`);
else rmSync(dir, { recursive: true, force: true });
