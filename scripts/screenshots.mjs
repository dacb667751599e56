#!/usr/bin/env node
/**
 * Prints every handout of the example session as a reader would get it: each HTML output in
 * headless Chromium to an A4 PDF, then each page of the PDF to a PNG (pdftoppm, from Debian's
 * poppler-utils), in out/screenshots/. Open the PNGs to see the pages. Nothing here is committed.
 *
 *   npm run screenshots                 the Northmere example, made afresh in out/screenshots/session
 *   npm run screenshots -- -C DIR       a session of your own (its out/*.html as they are)
 *
 * Needs Chromium (/usr/bin/chromium, or CHROMIUM=path) and pdftoppm.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'out', 'screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const outputs = ['report', 'plan', 'cards', 'ballot', 'feedback', 'facilitator'];

const given = process.argv.indexOf('-C');
let session = given >= 0 ? resolve(process.argv[given + 1] ?? '.') : join(target, 'session');

for (const [what, ok] of [
  [`Chromium (${executablePath}); set CHROMIUM=path, or on Debian: apt-get install chromium`, existsSync(executablePath)],
  ['pdftoppm; on Debian: apt-get install poppler-utils', spawnSync('pdftoppm', ['-v']).status === 0],
]) {
  if (!ok) {
    console.error(`screenshots: cannot find ${what}`);
    process.exit(2);
  }
}

mkdirSync(target, { recursive: true });
if (given < 0) {
  rmSync(session, { recursive: true, force: true });
  const wtfc = (...args) => execFileSync(process.execPath, [join(root, 'bin', 'wtfc.js'), ...args, '--quiet'], { cwd: root, stdio: 'inherit' });
  const example = (file) => join(root, 'examples', 'northmere', file);
  wtfc('run', example('statements.csv'), example('wide-excel.csv'), '--out', session, '--name', 'Northmere: support at home', '--council', 'Northmere');
  wtfc('votes', 'import', example('votes.csv'), '-C', session);
  wtfc('prioritise', '--method', 'weighted', '-C', session);
  wtfc('plan', 'cause', 'nw-01', 'Discharge letters go to the wrong team', '-C', session);
  wtfc('plan', 'success', 'nw-01', 'I know who will look after me when I get home', '-C', session);
  wtfc('plan', 'action', 'nw-01', '--what', 'Fix the address list', '--who', 'Discharge manager', '--by', '2027-03-31', '--measure', 'No misdirected letters in a month', '-C', session);
  wtfc('plan', 'status', 'a1', 'in-progress', '-C', session);
  wtfc('render', '-C', session);
}

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const name of outputs) {
    const html = join(session, 'out', `${name}.html`);
    if (!existsSync(html)) continue;
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = join(target, `${name}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await page.close();
    for (const old of readdirSync(target).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) rmSync(join(target, old));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(target, name)]);
    const pages = readdirSync(target).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
    console.log(`${name}: ${pages} page(s), out/screenshots/${name}-*.png`);
  }
} finally {
  await browser.close();
}
