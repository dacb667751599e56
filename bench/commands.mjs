#!/usr/bin/env node
/**
 * How long each everyday command takes, as a ratio to starting Node itself (`node -e 0`), in one
 * run on this machine. Sessions are made from real feedback (`../shared/eval/data/care_feedback`,
 * repeated with a marker to reach the size) through the built binary.
 *
 *   npm run bench:commands                      300, 2,000 and 20,000 statements, 5 runs each
 *   npm run bench:commands -- --sizes 300,2000 --runs 7
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'wtfc.js');
const source = join(root, '..', 'shared', 'eval', 'data', 'care_feedback', 'statements.csv');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('--sizes', '300,2000,20000').split(',').map(Number);
const runs = Number(arg('--runs', '5'));
if (!existsSync(source)) {
  console.error(`bench:commands: cannot find ${source} (the evaluation kit's real feedback)`);
  process.exit(2);
}
const rows = parse(readFileSync(source), { columns: true });

function timed(argv, cwd) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], low: times[0], high: times.at(-1) };
}

const work = mkdtempSync(join(tmpdir(), 'wtfc-bench-commands-'));
try {
  const base = timed(['-e', '0'], work);
  const line = (what, t) =>
    console.log(`${what.padEnd(34)} ${t.median.toFixed(3).padStart(7)} s  (${t.low.toFixed(3)}–${t.high.toFixed(3)})  ×${(t.median / base.median).toFixed(1)}`);
  console.log(`${runs} runs each; median (lowest–highest), and the median as a multiple of node -e 0\n`);
  line('node -e 0', base);
  line('wtfc --version', timed([bin, '--version'], work));
  line('wtfc --help', timed([bin, '--help'], work));
  for (const n of sizes) {
    const table = [['id', 'text', 'category', 'council', 'person']];
    for (let i = 0; i < n; i++) {
      const r = rows[i % rows.length];
      const text = i < rows.length ? r.text : `${r.text} (${Math.floor(i / rows.length) + 1})`;
      table.push([`R${i}`, text, r.category, r.site, `P${i}`]);
    }
    writeFileSync(join(work, `s${n}.csv`), stringify(table));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [bin, 'run', `s${n}.csv`, '--out', `s${n}`, '--pii', 'warn', '--quiet'], { cwd: work });
    const made = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(`\n${n} statements (run, to rendered handouts: ${made.toFixed(2)} s)`);
    line('  wtfc status', timed([bin, 'status', '-C', `s${n}`], work));
    line('  wtfc themes list', timed([bin, 'themes', 'list', '-C', `s${n}`], work));
    line('  wtfc render report --format md', timed([bin, 'render', 'report', '--format', 'md', '--pii', 'warn', '-C', `s${n}`], work));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
