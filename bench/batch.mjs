#!/usr/bin/env node
// npm run bench:batch — many councils in one command: generates COUNCILS councils of SIZE statements
// each (150 × 2,000 = 300,000 by default), runs `wtfc batch` on them, and prints wall time, peak
// RSS (of the whole process tree's main process; worker threads share it) and statements per second.
//   node bench/batch.mjs [--councils N] [--size N] [--jobs N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStatements } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const councils = option('--councils', 150);
const size = option('--size', 2000);
const jobs = option('--jobs', 0);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'wtfc-batch-'));
const rows = [];
for (let c = 0; c < councils; c++) {
  const lines = generateStatements(size, 100 + c).trim().split('\n');
  if (c === 0) rows.push(`${lines[0]},council`);
  for (const line of lines.slice(1)) rows.push(`${line.replace(/^([^,]*)/, `c${c}-$1`)},Council ${String(c + 1).padStart(3, '0')}`);
}
writeFileSync(join(dir, 'programme.csv'), `${rows.join('\n')}\n`);
const argv = [join(root, 'bin', 'wtfc.js'), 'batch', join(dir, 'programme.csv'), '--out', join(dir, 'councils'), '--json', ...(jobs ? ['--jobs', String(jobs)] : [])];
const started = process.hrtime.bigint();
const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (r.status !== 0 && r.status !== 1) throw new Error(`wtfc batch failed (${r.status}):\n${r.stderr.slice(-2000)}`);
const summary = JSON.parse(r.stdout);
const rss = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
const statements = councils * size;
console.log('| councils | statements | wall s | peak RSS MB | statements/s | failed | themes across councils |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${councils} | ${statements} | ${seconds.toFixed(1)} | ${rss.toFixed(0)} | ${Math.round(statements / seconds)} | ${summary.failed} | ${summary.crossThemes} |`);
rmSync(dir, { recursive: true, force: true });
