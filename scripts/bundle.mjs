#!/usr/bin/env node
/**
 * Bundles the compiled command line (dist/, from tsc) into dist/bundle/, which bin/wtfc.js runs.
 * Node spends much of a short command's time finding, reading and compiling modules one file at a
 * time: our own, and the many files of yaml, commander, chalk and the CSV packages, which every
 * command loads. Bundled, with each command's code in a chunk of its own that loads only when that
 * command runs, `wtfc status` on a 2,000-statement session took about a fifth less time.
 *
 * The packages that read files of their own (language models, word lists) or are large and loaded
 * only by some commands stay outside and load from node_modules as before. Entry points are written
 * at the top of dist/bundle/, one folder below the package root, as dist/cli/ is: the paths the code
 * finds from its own place (templates/, package.json, dist/vectors/, the worker files) hold in both.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = new Set(['yaml', 'commander', 'chalk', 'csv-parse', 'csv-stringify']);
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outdir = join(root, 'dist', 'bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli/main.js', 'dist/theming/tag-worker.js', 'dist/commands/batch-worker.js'].map((p) => join(root, p)),
  outdir,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !bundled.has(name)),
  // The CommonJS packages inside call require() for Node's own modules.
  banner: { js: "import { createRequire as wtfcRequire } from 'node:module'; const require = wtfcRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The wall page of `wtfc serve`: tsc compiles its script to dist/page/wall.js; its style goes beside it.
await build({ entryPoints: [join(root, 'src', 'page', 'wall.css')], outdir: join(root, 'dist', 'page'), bundle: true, logLevel: 'warning' });
