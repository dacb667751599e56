import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSession, repoRoot, slow } from './helpers.js';

/*
 * Prints every HTML output of the example session in real headless Chromium (Debian's package,
 * which .ci/run installs): checks the page count and that nothing is wider than the page, and
 * keeps a PDF and a screenshot of each in .tmp/print/ for the record.
 */
const executablePath = '/usr/bin/chromium';
const outputs = ['report', 'plan', 'cards', 'ballot', 'feedback'] as const;

describe.skipIf(!existsSync(executablePath))('printing the HTML in Chromium', slow, () => {
  let browser: Browser;
  let dir: string;
  const record = join(repoRoot, '.tmp', 'print');

  beforeAll(async () => {
    dir = await exampleSession();
    browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    mkdirSync(record, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Pages in a PDF: its page objects (not the page tree). */
  const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

  async function print(name: string): Promise<{ pages: number; overflow: string[] }> {
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    await page.goto(`file://${join(dir, 's', 'out', `${name}.html`)}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(record, `${name}.pdf`), pdf);
    await page.screenshot({ path: join(record, `${name}.png`) });
    // Anything whose right edge passes the page's printable width would be cut off, and so would
    // text wider than the box it is in.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5 || (e instanceof HTMLElement && e.scrollWidth > e.clientWidth + 1));
      const page = document.documentElement.scrollWidth > width + 1 ? [`page: ${document.documentElement.scrollWidth}px wide`] : [];
      return [...page, ...wide.map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').slice(0, 40)}`)];
    });
    await page.close();
    return { pages: pageCount(pdf), overflow };
  }

  it.each(outputs)('%s.html prints with nothing wider than the page', async (name) => {
    const { pages, overflow } = await print(name);
    expect(overflow).toEqual([]);
    expect(pages).toBeGreaterThan(0);
  }, 60_000);

  it('prints one page per theme card', async () => {
    const { readFileSync } = await import('node:fs');
    const themes = (readFileSync(join(dir, 's', 'out', 'cards.md'), 'utf8').match(/^## /gm) ?? []).length;
    expect(themes).toBeGreaterThan(10);
    expect((await print('cards')).pages).toBe(themes);
  }, 60_000);

  it('prints the ballot, the plan and the feedback on one page each', async () => {
    for (const name of ['ballot', 'plan', 'feedback']) expect((await print(name)).pages, name).toBe(1);
  }, 60_000);

  it('long unbroken words and a long action never run off the page', async () => {
    const { runInProcess } = await import('./helpers.js');
    const long = 'Averyveryverylongwordwithnospacesatallthatwouldrunoffthepageedgeifleftunwrapped';
    for (const argv of [
      ['themes', 'rename', 'nw-03', `I want ${long}`],
      ['plan', 'action', 'nw-01', '--what', `Commissioning review of ${long} across all three localities, with providers`, '--who', 'Head of Commissioning and Quality Assurance', '--by', '2027-06-30', '--measure', long],
      ['votes', 'import', 'ballot.csv', '--replace'],
      ['render'],
    ]) {
      if (argv[0] === 'votes') writeFileSync(join(dir, 'ballot.csv'), `voter,perspective,theme,dots\nx,person,nw-03,5\n`);
      const r = await runInProcess([...argv, '-C', 's', '--quiet'], { cwd: dir });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    }
    for (const name of outputs) expect((await print(name)).overflow, name).toEqual([]);
  }, 120_000);
});
