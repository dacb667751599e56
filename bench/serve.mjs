#!/usr/bin/env node
/**
 * How quickly `wtfc serve` answers: the wall's first load (the page, its script and style, and the
 * whole wall as JSON) and one edit's round trip (a rename, saved under the lock and recorded, with
 * the wall sent back), each the median of 15, on a session of real feedback.
 *
 *   npm run bench:serve                 300 statements
 *   npm run bench:serve -- --size 2000
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'wtfc.js');
const source = join(root, '..', 'shared', 'eval', 'data', 'care_feedback', 'statements.csv');
const i = process.argv.indexOf('--size');
const size = i >= 0 ? Number(process.argv[i + 1]) : 300;
if (!existsSync(source)) {
  console.error(`bench:serve: cannot find ${source} (the evaluation kit's real feedback)`);
  process.exit(2);
}
const rows = parse(readFileSync(source), { columns: true });
const work = mkdtempSync(join(tmpdir(), 'wtfc-bench-serve-'));
const table = [['id', 'text', 'category', 'council']];
for (let n = 0; n < size; n++) table.push([`R${n}`, rows[n % rows.length].text + (n >= rows.length ? ` (${n})` : ''), rows[n % rows.length].category, 'Bench']);
writeFileSync(join(work, 'in.csv'), stringify(table));
execFileSync(process.execPath, [bin, 'run', 'in.csv', '--out', 's', '--pii', 'warn', '--quiet'], { cwd: work });

const server = spawn(process.execPath, [bin, 'serve', '-C', 's'], { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /http:\/\/\S+/.exec(out);
    if (m) resolve(m[0]);
  });
});
const { origin } = new URL(url);
const token = new URL(url).searchParams.get('token');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
try {
  const load = [];
  const edit = [];
  let nw;
  for (let k = 0; k < 15; k++) {
    load.push(
      await time(async () => {
        await (await fetch(url)).text();
        await Promise.all(['/wall.js', '/wall.css'].map(async (p) => (await fetch(`${origin}${p}?token=${token}`)).text()));
        const state = await (await fetch(`${origin}/api/state?token=${token}`)).json();
        nw ??= state.categories.flatMap((c) => c.themes)[0].id;
      }),
    );
  }
  for (let k = 0; k < 15; k++) {
    edit.push(
      await time(async () => {
        const r = await fetch(`${origin}/api/themes/rename?token=${token}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin },
          body: JSON.stringify({ id: nw, name: `I want the bench to say ${k}` }),
        });
        if (!r.ok) throw new Error(`rename: ${r.status} ${await r.text()}`);
        await r.json();
      }),
    );
  }
  console.log(`${size} statements; medians of 15 (lowest–highest)`);
  console.log(`the wall's first load (page, script, style, wall JSON): ${median(load).toFixed(1)} ms (${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)})`);
  console.log(`one edit's round trip (rename, saved and recorded):     ${median(edit).toFixed(1)} ms (${Math.min(...edit).toFixed(1)}–${Math.max(...edit).toFixed(1)})`);
} finally {
  server.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
}
