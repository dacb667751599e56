import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess, snapshotTree, tempDir } from './helpers.js';

/*
 * Every output of the example session, against snapshots in tests/__outputs__/ (update with
 * `npx vitest run tests/outputs.test.ts -u` and read the diff). The session is the bundled
 * Northmere example, voted on with its tally, with a short plan.
 */
async function exampleSession(): Promise<string> {
  const dir = tempDir();
  const step = async (...argv: string[]) => {
    const r = await runInProcess(argv, { cwd: dir });
    expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
  };
  const example = (file: string) => join(repoRoot, 'examples', 'northmere', file);
  await step('run', example('statements.csv'), example('wide-excel.csv'), '--out', 's', '--name', 'Northmere: support at home', '--council', 'Northmere', '--quiet');
  await step('votes', 'import', example('votes.csv'), '-C', 's', '--quiet');
  await step('prioritise', '--method', 'weighted', '-C', 's', '--quiet');
  await step('plan', 'cause', 'nw-01', 'Discharge letters go to the wrong team', '-C', 's', '--quiet');
  await step('plan', 'cause', 'nw-01', 'The hospital uses an old address list', '--because', 'c1', '-C', 's', '--quiet');
  await step('plan', 'success', 'nw-01', 'I know who will look after me when I get home', '-C', 's', '--quiet');
  await step('plan', 'action', 'nw-01', '--what', 'Fix the address list', '--who', 'Discharge team lead', '--by', '2027-02-28', '--measure', 'No misdirected letters in a month', '-C', 's', '--quiet');
  await step('plan', 'status', 'a1', 'done', '-C', 's', '--quiet');
  await step('render', '-C', 's', '--quiet');
  return dir;
}

describe('the outputs of the example session', async () => {
  const dir = await exampleSession();
  const out = (name: string) => readFileSync(join(dir, 's', 'out', `${name}.md`), 'utf8');

  it.each(['report', 'plan', 'cards', 'ballot', 'feedback'])('%s.md and %s.html match their snapshots', async (name) => {
    await expect(out(name)).toMatchFileSnapshot(`__outputs__/${name}.md`);
    await expect(readFileSync(join(dir, 's', 'out', `${name}.html`), 'utf8')).toMatchFileSnapshot(`__outputs__/${name}.html`);
  });

  it('HTML is self-contained: no scripts, no links out, no external fonts or images', () => {
    for (const name of ['report', 'plan', 'cards', 'ballot', 'feedback']) {
      const html = readFileSync(join(dir, 's', 'out', `${name}.html`), 'utf8');
      expect(html, name).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
      expect(html, name).toContain('@page { size: A4;');
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
    expect(bad.stderr).toContain('render poster: expected one of report, plan, cards, ballot, feedback or all');
  });

  it('the ballot lists every theme that can be voted on, with a box per dot', () => {
    expect(out('ballot')).toContain('| nw-01 | I want hospital and package to work for me | ○ ○ ○ ○ ○ |');
  });

  it('feedback says what was done, in plain words', () => {
    expect(out('feedback')).toContain('We did:\n\n- Fix the address list.\n');
  });
});
