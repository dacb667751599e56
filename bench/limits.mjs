#!/usr/bin/env node
// npm run bench:limits — inputs built to exhaust a reader, through the built binary: a single
// quoted field of 16 to 200 MB (`wtfc ingest`), a 440 MB file of 4.4 million rows (`wtfc batch`),
// and a 100 MB votes file (`wtfc votes import`). For each it prints the wall time, the peak RSS
// and how the command ended. Targets: time that does not grow faster than the input, memory that
// does not grow with it, and a typed error (exit 2, naming the file and the limit), never exit 70.
//   node bench/limits.mjs [--keep]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStatements } from './generate.mjs';

const keep = process.argv.includes('--keep');
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'wtfc.js');
const timer = '/usr/bin/time';
if (!existsSync(timer)) throw new Error('bench:limits needs GNU time (/usr/bin/time) to measure peak RSS');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');
const dir = mkdtempSync(join(tmpdir(), 'wtfc-limits-'));
const MB = 1024 * 1024;

/** Runs the binary under GNU time: wall seconds, peak RSS in MB, the exit code and the first line of stderr. */
function run(name, argv) {
  const figures = join(dir, `${name}.time`);
  const start = process.hrtime.bigint();
  const r = spawnSync(timer, ['-o', figures, '-f', '%M', process.execPath, bin, ...argv], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * MB });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const kb = Number(readFileSync(figures, 'utf8').trim().split('\n').at(-1));
  const said = (r.stderr.split('\n').find((l) => l.startsWith('wtfc:')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 150);
  return { wall, rss: kb / 1024, code: r.status, said };
}

/** Writes `total` bytes of one field, a megabyte at a time. */
function bigField(path, total) {
  writeFileSync(path, 'text,category\n"');
  const block = 'x'.repeat(MB);
  for (let written = 0; written < total; written += MB) appendFileSync(path, block);
  appendFileSync(path, '",working\n');
}

const rows = [];
const report = (what, file, r) => rows.push(`| ${what} | ${(statSync(join(dir, file)).size / MB).toFixed(0)} | ${r.wall.toFixed(1)} | ${r.rss.toFixed(0)} | ${r.code} | ${r.said.replace(/\|/g, '\\|')} |`);

run('init', ['init', 's', '--quiet']);
writeFileSync(join(dir, 'few.csv'), generateStatements(300));
for (const argv of [['ingest', 'few.csv', '-C', 's', '--quiet'], ['theme', '-C', 's', '--quiet']]) if (run(argv[0], argv).code !== 0) throw new Error(`${argv[0]} failed`);
for (const mb of [16, 32, 64, 200]) {
  bigField(join(dir, `field-${mb}.csv`), mb * MB);
  report(`ingest: one quoted field of ${mb} MB`, `field-${mb}.csv`, run(`field-${mb}`, ['ingest', `field-${mb}.csv`, '-C', 's']));
}

// 4.4 million statements of 300 councils, written 100,000 at a time.
const batchFile = join(dir, 'programme.csv');
writeFileSync(batchFile, 'id,text,category,perspective,person,council\n');
for (let part = 0; part < 44; part++) {
  const lines = generateStatements(100_000, part + 1).trim().split('\n').slice(1);
  appendFileSync(batchFile, `${lines.map((l, i) => `${l.replace(/^G/, `G${part}-`)},Council ${(part * 100_000 + i) % 300}`).join('\n')}\n`);
}
report('batch: 4.4 million rows, 300 councils', 'programme.csv', run('batch', ['batch', 'programme.csv', '--out', 'councils', '--jobs', '2']));

// A votes file of 100 MB: voters giving dots to themes.
const votesFile = join(dir, 'votes.csv');
writeFileSync(votesFile, 'voter,perspective,theme,dots\n');
const block = Array.from({ length: 100_000 }, (_, i) => `Voter ${i},person,nw-${String((i % 17) + 1).padStart(2, '0')},${(i % 5) + 1}`).join('\n');
while (statSync(votesFile).size < 100 * MB) appendFileSync(votesFile, `${block}\n`);
report('votes import: 100 MB', 'votes.csv', run('votes', ['votes', 'import', 'votes.csv', '-C', 's']));

console.log('| input | MB | wall s | peak RSS MB | exit | what it said |');
console.log('|---|---:|---:|---:|---:|---|');
for (const line of rows) console.log(line);
if (!keep) rmSync(dir, { recursive: true, force: true });
else console.log(`\nkept in ${dir}`);
