import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSession, repoRoot, runInProcess, slow } from './helpers.js';

/*
 * Prints every HTML output in real headless Chromium (Debian's package, which .ci/run installs),
 * as the example session makes them and again with long names, and reads each page as a reader
 * would: no word broken across lines, nothing wider than the page, large type on the room's
 * handouts, no codes where the room reads. A PDF and a screenshot of each are kept in .tmp/print/.
 */
const executablePath = '/usr/bin/chromium';
const outputs = ['report', 'plan', 'facilitator', 'cards', 'ballot', 'feedback'] as const;
const room = new Set(['cards', 'ballot', 'feedback']);
/** 16pt in CSS pixels. */
const sixteenPoint = (16 * 96) / 72;

interface Printed {
  pages: number;
  overflow: string[];
  /** Words of 20 characters or fewer that a line break splits. */
  broken: string[];
  /** Text in the room's handouts printed smaller than 16pt (the small codes on the ballot aside). */
  small: string[];
  /** What a reader reads, less the ballot's small codes. */
  text: string;
}

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

  async function print(file: string, name: string): Promise<Printed> {
    const html = readFileSync(file, 'utf8');
    const landscape = /@page \{ size: A4 landscape/.test(html);
    // The page's printable width, in CSS pixels: A4 less its margins.
    const page = await browser.newPage({ viewport: { width: landscape ? 1123 : 794, height: landscape ? 794 : 1123 } });
    await page.goto(`file://${file}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(record, `${name}.pdf`), pdf);
    await page.screenshot({ path: join(record, `${name}.png`) });
    const read = await page.evaluate((least) => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5 || (e instanceof HTMLElement && e.scrollWidth > e.clientWidth + 1));
      const pageWide = document.documentElement.scrollWidth > width + 1 ? [`page: ${document.documentElement.scrollWidth}px wide`] : [];
      const broken: string[] = [];
      const small = new Set<string>();
      let text = '';
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const parent = node.parentElement!;
        if (parent.closest('svg, style, title')) continue;
        const own = parent.closest('.ref') === null;
        if (own) text += ` ${node.data}`;
        if (own && node.data.trim() !== '' && parseFloat(getComputedStyle(parent).fontSize) < least - 0.01) small.add(`${parent.tagName.toLowerCase()}: ${node.data.trim().slice(0, 30)} (${getComputedStyle(parent).fontSize})`);
        for (const m of node.data.matchAll(/\S+/g)) {
          if (m[0].length > 20) continue;
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
      return { overflow: [...pageWide, ...wide.map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').slice(0, 40)}`)], broken, small: [...small], text };
    }, sixteenPoint);
    await page.close();
    return { pages: pageCount(pdf), ...read };
  }

  const out = (name: string) => join(dir, 's', 'out', `${name}.html`);
  const ids = /\b(?:w|nw|f)-\d{2,}\b|\bs-[0-9a-f]{8}\b|\b[wf]-\d+\b/;

  function readsWell(name: string, p: Printed): void {
    expect(p.overflow, `${name}: wider than the page`).toEqual([]);
    expect(p.broken, `${name}: words broken across lines`).toEqual([]);
    expect(p.pages, name).toBeGreaterThan(0);
    if (room.has(name)) expect(p.small, `${name}: text under 16pt`).toEqual([]);
    if (name === 'cards' || name === 'feedback') expect(p.text, `${name}: a code where the room reads`).not.toMatch(ids);
  }

  it.each(outputs)('%s.html prints whole: nothing wider than the page, no word broken, large type for the room, no codes', async (name) => {
    readsWell(name, await print(out(name), name));
  }, 60_000);

  it('prints each wall card on a page of its own, the odd ones out too', async () => {
    const cards = (readFileSync(out('cards'), 'utf8').match(/<section class="card /g) ?? []).length;
    const themes = (readFileSync(join(dir, 's', 'out', 'facilitator.md'), 'utf8').match(/^\| (?:w|nw|f)-\d+ \|/gm) ?? []).length;
    expect(cards).toBeGreaterThan(themes);
    const { pages } = await print(out('cards'), 'cards');
    expect(pages).toBeGreaterThanOrEqual(cards);
    expect(pages).toBeLessThanOrEqual(cards + 3);
  }, 60_000);

  it('prints the ballot and the plan on one page each, and the feedback on two at most', async () => {
    for (const name of ['ballot', 'plan']) expect((await print(out(name), name)).pages, name).toBe(1);
    expect((await print(out('feedback'), 'feedback')).pages).toBeLessThanOrEqual(2);
  }, 60_000);

  it('with long names, long words and a long action, every output still prints whole', async () => {
    const long = 'Averyveryverylongwordwithnospacesatallthatwouldrunoffthepageedgeifleftunwrapped';
    for (const argv of [
      ['themes', 'rename', 'nw-03', `I want ${long}`],
      ['themes', 'rename', 'nw-01', 'I want the discharge co-ordinators and the re-ablement team to tell me who is coming, on what day, and what they will do when they get here'],
      ['plan', 'action', 'nw-01', '--what', `Commissioning review of ${long} across all three localities, with providers`, '--who', 'Head of Commissioning and Quality Assurance', '--by', '2027-06-30', '--measure', long],
      ['votes', 'import', 'ballot.csv', '--replace'],
      ['render'],
    ]) {
      if (argv[0] === 'votes') writeFileSync(join(dir, 'ballot.csv'), `voter,perspective,theme,dots\nx,person,nw-03,5\ny,family,nw-01,5\n`);
      const r = await runInProcess([...argv, '-C', 's', '--quiet'], { cwd: dir });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    }
    for (const name of outputs) readsWell(name, await print(out(name), `long-${name}`));
  }, 180_000);

  it('the batch comparison prints whole, with full council names and numbers in its heatmap', async () => {
    const rows = readFileSync(join(repoRoot, 'examples', 'northmere', 'statements.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const councils = ['Northmere Metropolitan Borough Council', 'Southmere and District Council', 'Eastmere'];
    const csv = [`${rows[0]},Council`, ...rows.slice(1).map((r, i) => `${r},${councils[i % 3]}`)].join('\n');
    writeFileSync(join(dir, 'councils.csv'), `${csv}\n`);
    const r = await runInProcess(['batch', 'councils.csv', '--out', 'b', '--by', 'Council', '--jobs', '1', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, 'b', 'comparison', 'comparison.html');
    const html = readFileSync(file, 'utf8');
    for (const council of councils) expect(html).toContain(`>${council}</text>`);
    expect(html).toContain('Key: statements');
    expect(html).toMatch(/<text[^>]*text-anchor="middle"[^>]*>\d+<\/text>/);
    readsWell('comparison', await print(file, 'comparison'));
  }, 180_000);
});
