import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../src/commands/compare.js';
import { wall } from './fixtures.js';
import { runInProcess, tempDir } from './helpers.js';

/*
 * Two cycles of one council: the first heard about transport, money and carers; the second
 * about transport and money again (more of it), and about being listened to, but not carers.
 */
function csv(groups: Partial<Record<keyof typeof wall, number>>): string {
  const rows = Object.entries(groups).flatMap(([g, n]) => wall[g as keyof typeof wall].slice(0, n).map((t, i) => `${g}${i},"${t}",person`));
  return `id,text,perspective\n${rows.join('\n')}\n`;
}

async function cycles(): Promise<string> {
  const dir = tempDir({ 'old.csv': csv({ T: 6, M: 6, C: 8 }), 'new.csv': csv({ T: 8, M: 8, L: 8 }) });
  for (const [session, file] of [['old', 'old.csv'], ['new', 'new.csv']] as const) {
    for (const argv of [['run', file, '--out', session, '--category', 'not_working', '--themes', '3', '--quiet'], ['prioritise', '--top', '2', '-C', session, '--quiet']]) {
      const r = await runInProcess(argv, { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
    }
  }
  return dir;
}

describe('wtfc compare', () => {
  it('matches themes across cycles by their words: grown, gone and new, and follows the old plan', async () => {
    const dir = await cycles();
    const theme = (session: string, statement: string) =>
      runInProcess(['themes', 'list', '--json', '-C', session], { cwd: dir }).then(
        (r) => (JSON.parse(r.stdout) as { categories: { not_working: { themes: { id: string; statements: string[] }[] } } }).categories.not_working.themes.find((t) => t.statements.includes(statement))!.id,
      );
    const oldCarers = await theme('old', 'C0');
    const oldTransport = await theme('old', 'T0');
    expect((await runInProcess(['plan', 'action', oldTransport, '--what', 'New minibus contract', '--who', 'Transport lead', '--by', '2026-09-30', '--measure', 'On time 9 in 10', '-C', 'old', '--quiet'], { cwd: dir })).code).toBe(0);
    const r = await runInProcess(['compare', 'old', 'new', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    const byOld = (id: string) => c.themes.find((t) => t.old?.id === id)!;
    expect(byOld(oldTransport).change).toBe('grown');
    expect(byOld(oldTransport).new!.id).toBe(await theme('new', 'T0'));
    expect(byOld(oldCarers).change).toBe('gone');
    expect(c.themes.filter((t) => t.change === 'new').map((t) => t.new!.id)).toEqual([await theme('new', 'L0')]);
    expect(c.actions).toEqual([expect.objectContaining({ id: 'a1', theme: oldTransport, status: 'not-started', nowTheme: await theme('new', 'T0') })]);
    const text = await runInProcess(['compare', 'old', 'new'], { cwd: dir });
    expect(text.stdout).toContain('gone');
    expect(text.stdout).toContain("The earlier plan's actions:");
  });

  it('refuses a folder that is not a session', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.txt'), '');
    const r = await runInProcess(['compare', '.', 'nowhere'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a wtfc session');
  });
});
