#!/usr/bin/env node
// npm run bench:batch — many councils in one command: makes COUNCILS councils of SIZE statements
// each (150 × 2,000 = 300,000 by default), runs `wtfc batch` on them, and prints wall time, peak
// RSS (of the whole process tree's main process; worker threads share it) and statements per second.
//   node bench/batch.mjs [--councils N] [--size N] [--jobs N] [--real]
// With --real, each council's statements are drawn (with a seed of its own) from the real NHS
// feedback in ../shared/eval/data/care_feedback, and one in twenty gets a person's name in a
// sentence of its own, as real statements do, so the anonymisation screen has names to find.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
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
const real = args.includes('--real');
const rows = [];
if (real) {
  const source = join(root, '..', 'shared', 'eval', 'data', 'care_feedback', 'statements.csv');
  if (!existsSync(source)) throw new Error(`bench:batch --real: cannot find ${source} (the evaluation kit's real feedback)`);
  const feedback = parse(readFileSync(source), { columns: true });
  const names = ['Priya', 'Julie', 'Tom', 'Mrs Okafor', 'Wojciech', 'Sandra', 'Dr Patel', 'Aisha', 'Gary', 'Nkechi'];
  const mentions = [(n) => `${n} was lovely.`, (n) => `Thanks to ${n} on the ward.`, (n) => `My carer ${n} always listens.`, (n) => `I spoke to ${n} twice.`];
  rows.push(['id', 'text', 'category', 'person', 'council']);
  for (let c = 0; c < councils; c++) {
    let seed = 7919 * (c + 1);
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const seen = new Map();
    for (let i = 0; i < size; i++) {
      const r = feedback[Math.floor(next() * feedback.length)];
      const times = (seen.get(r.id) ?? 0) + 1;
      seen.set(r.id, times);
      let text = times === 1 ? r.text : `${r.text} (${times})`;
      if (next() < 0.05) text = `${text} ${mentions[Math.floor(next() * mentions.length)](names[Math.floor(next() * names.length)])}`;
      rows.push([`c${c}-${i}`, text, r.category, `P${c}-${i % 500}`, `Council ${String(c + 1).padStart(3, '0')}`]);
    }
  }
  writeFileSync(join(dir, 'programme.csv'), stringify(rows));
} else {
  for (let c = 0; c < councils; c++) {
    const lines = generateStatements(size, 100 + c).trim().split('\n');
    if (c === 0) rows.push(`${lines[0]},council`);
    for (const line of lines.slice(1)) rows.push(`${line.replace(/^([^,]*)/, `c${c}-$1`)},Council ${String(c + 1).padStart(3, '0')}`);
  }
  writeFileSync(join(dir, 'programme.csv'), `${rows.join('\n')}\n`);
}
const argv = [join(root, 'bin', 'wtfc.js'), 'batch', join(dir, 'programme.csv'), '--out', join(dir, 'councils'), '--json', ...(real ? ['--pii', 'mask'] : []), ...(jobs ? ['--jobs', String(jobs)] : [])];
const started = process.hrtime.bigint();
const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (r.status !== 0 && r.status !== 1) throw new Error(`wtfc batch failed (${r.status}):\n${r.stderr.slice(-2000)}`);
const summary = JSON.parse(r.stdout);
const rss = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
const statements = councils * size;
console.log('| text | councils | statements | wall s | peak RSS MB | statements/s | failed | themes across councils |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
console.log(`| ${real ? 'real' : 'generated'} | ${councils} | ${statements} | ${seconds.toFixed(1)} | ${rss.toFixed(0)} | ${Math.round(statements / seconds)} | ${summary.failed} | ${summary.crossThemes} |`);
const each = summary.councils.map((c) => c.seconds).sort((a, b) => a - b);
const sum = each.reduce((a, b) => a + b, 0);
console.log(`\nper council: median ${each[Math.floor(each.length / 2)].toFixed(2)} s, total ${sum.toFixed(1)} s over the councils; batch's own time (reading, splitting, comparing) about ${(seconds - sum / Math.max(1, summary.councils.length > 1 ? Math.min(jobs || 2, summary.councils.length) : 1)).toFixed(1)} s`);
rmSync(dir, { recursive: true, force: true });
