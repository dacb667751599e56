import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleSession, repoRoot, runInProcess, snapshotTree } from './helpers.js';

/*
 * Every output of the example session, against snapshots in tests/__outputs__/ (update with
 * `npx vitest run tests/outputs.test.ts -u` and read the diff).
 */
describe('the outputs of the example session', async () => {
  const dir = await exampleSession();
  const out = (name: string) => readFileSync(join(dir, 's', 'out', `${name}.md`), 'utf8');

  it.each(['report', 'plan', 'facilitator', 'cards', 'ballot', 'feedback'])('%s: the markdown and the HTML match their snapshots', async (name) => {
    await expect(out(name)).toMatchFileSnapshot(`__outputs__/${name}.md`);
    await expect(readFileSync(join(dir, 's', 'out', `${name}.html`), 'utf8')).toMatchFileSnapshot(`__outputs__/${name}.html`);
  });

  it('the markdown passes markdownlint (markdownlint-cli2, with tests/markdownlint-outputs.jsonc)', () => {
    const bin = join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
    const files = ['report', 'plan', 'facilitator', 'cards', 'ballot', 'feedback'].map((n) => join(dir, 's', 'out', `${n}.md`));
    const r = spawnSync(process.execPath, [bin, '--config', join(repoRoot, 'tests', 'markdownlint-outputs.jsonc'), ...files], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('Summary: 0 error(s)');
    expect(r.status).toBe(0);
  });

  it('HTML is self-contained: no scripts, no links out, no external fonts or images', () => {
    for (const name of ['report', 'plan', 'facilitator', 'cards', 'ballot', 'feedback']) {
      const html = readFileSync(join(dir, 's', 'out', `${name}.html`), 'utf8');
      expect(html, name).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
      expect(html, name).toMatch(/@page \{ size: A4( landscape)?;/);
    }
  });

  it('the report charts say their numbers in their alt text', () => {
    const html = readFileSync(join(dir, 's', 'out', 'report.html'), 'utf8');
    expect(html).toContain(`aria-label="Statements on each wall, by who said them: What's working, 41 statements (person 25, family 10, staff 6);`);
    expect(html).toMatch(/aria-label="Votes by theme \(weighted dots\), by group: nw-01 /);
  });

  it('renders byte-identical files a second time', async () => {
    const before = snapshotTree(join(dir, 's', 'out'));
    expect((await runInProcess(['render', '-C', 's', '--quiet'], { cwd: dir })).code).toBe(0);
    expect(snapshotTree(join(dir, 's', 'out'))).toEqual(before);
  });

  it('renders one output when asked, and refuses an unknown one', async () => {
    const r = await runInProcess(['render', 'feedback', '-C', 's'], { cwd: dir });
    expect(r.stdout).toBe('Wrote s/out/feedback.md\nWrote s/out/feedback.html\n');
    const md = await runInProcess(['render', 'plan', '--format', 'md', '-C', 's'], { cwd: dir });
    expect(md.stdout).toBe('Wrote s/out/plan.md\n');
    const bad = await runInProcess(['render', 'poster', '-C', 's'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('render poster: expected one of report, plan, facilitator, cards, ballot, feedback or all');
  });

  it('the ballot lists every theme that can be voted on, with a box per dot and its small code', async () => {
    const listing = JSON.parse((await runInProcess(['themes', 'list', '--json', '-C', 's'], { cwd: dir })).stdout) as {
      categories: { not_working: { themes: { id: string; name: string; parked?: boolean }[] } };
    };
    const themes = listing.categories.not_working.themes.filter((t) => !t.parked);
    expect(themes.length).toBeGreaterThan(5);
    const html = readFileSync(join(dir, 's', 'out', 'ballot.html'), 'utf8');
    for (const t of themes) {
      expect(out('ballot')).toContain(`| ${t.name} | ○ ○ ○ ○ ○ | ${t.id} |`);
      expect(html).toContain(`<td class="name">${t.name.replace(/'/g, '&#39;')}</td><td class="dots">${'<span class="dot"></span>'.repeat(5)}</td><td class="code"><span class="ref"><span class="nb">${t.id}</span></span></td>`);
    }
    // How to type the sheets up is for the facilitator, on their own sheet.
    expect(out('ballot')).not.toContain('wtfc');
    expect(out('facilitator')).toContain('wtfc votes import FILE');
  });

  it('the cards and the feedback carry no codes, and the odd ones out have a card', () => {
    for (const name of ['cards', 'feedback']) {
      expect(out(name), name).not.toMatch(/\b(?:w|nw|f)-\d+\b|\bs-[0-9a-f]{8}\b/);
      expect(readFileSync(join(dir, 's', 'out', `${name}.html`), 'utf8').replace(/<[^>]+>/g, ''), name).not.toMatch(/\b(?:w|nw|f)-\d+\b|\bs-[0-9a-f]{8}\b/);
    }
    // Each wall's cards under its own heading, its odd ones out last among them.
    expect(out('cards')).toMatch(/^## ✗ What is not working$(?:(?!^## )[\s\S])*^### Odd ones out$/m);
    // Whose words, in plain words.
    expect(readFileSync(join(dir, 's', 'out', 'cards.html'), 'utf8')).toMatch(/statements\. People\u00a0who\u00a0use\u00a0support\u00a0\d+\u00a0· Family\u00a0and\u00a0friends\u00a0\d+/);
  });

  it('feedback says what was done, in plain words', () => {
    expect(out('feedback')).toContain('We did:\n\n- Fix the address list.\n');
  });
});

describe('a custom template', () => {
  it('with an undefined variable fails with its file and line, and leaves out/ as it was', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const dir = await exampleSession();
    mkdirSync(join(dir, 's', 'templates'));
    writeFileSync(join(dir, 's', 'templates', 'feedback.md.liquid'), '# {{ session.name }}\n\nHello {{ sesion.nme }}\n');
    const before = snapshotTree(join(dir, 's', 'out'));
    const r = await runInProcess(['render', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('template feedback.md.liquid: undefined variable: sesion');
    expect(r.stderr).toContain('at s/templates/feedback.md.liquid:3:10');
    expect(snapshotTree(join(dir, 's', 'out'))).toEqual(before);
  });
});
