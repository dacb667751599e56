import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSession, repoRoot } from './helpers.js';

/*
 * Prints every HTML output of the example session in real headless Chromium (Debian's package,
 * which .ci/run installs): checks the page count and that nothing is wider than the page, and
 * keeps a PDF and a screenshot of each in .tmp/print/ for the record.
 */
const executablePath = '/usr/bin/chromium';
const outputs = ['report', 'plan', 'cards', 'ballot', 'feedback'] as const;

describe.skipIf(!existsSync(executablePath))('printing the HTML in Chromium', () => {
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
    // Anything whose right edge passes the page's printable width would be cut off.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').slice(0, 40)}`);
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
});
