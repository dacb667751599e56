/**
 * No session file is read or written through a symbolic link. A session folder shared in git with
 * `history.jsonl -> ../.bashrc` and a theme named `I value $(touch PWNED) support` once appended
 * JSON to the .bashrc, which ran the command when sourced; a linked template printed a file from
 * outside the session. Each case here would have followed the link.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { appendHistory } from '../src/session/history.js';
import { readText } from '../src/session/atomic.js';
import { wall } from './fixtures.js';
import { runInProcess, snapshotTree, tempDir } from './helpers.js';

const rows = Object.values(wall).flat().map((t, i) => `x${i},"${t}",person`);
const shellStartup = 'alias ll="ls -l"\n';

/** A themed, rendered session in DIR/s, and a file outside it for links to point at. */
async function session(): Promise<{ dir: string; s: string; outside: string }> {
  const dir = tempDir({ 'in.csv': `id,text,perspective\n${rows.join('\n')}\n`, bashrc: shellStartup });
  const r = await runInProcess(['run', 'in.csv', '--out', 's', '--category', 'not_working', '--themes', '4', '--quiet'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { dir, s: join(dir, 's'), outside: join(dir, 'bashrc') };
}

/** Replaces a session file by a link to `target`. */
function linkTo(path: string, target: string): void {
  if (existsSync(path)) unlinkSync(path);
  symlinkSync(target, path);
}

describe('a session file that is a symbolic link', () => {
  it('history.jsonl linked to a shell start-up file: a rename is refused with exit 2, and the file is untouched', async () => {
    const { dir, s, outside } = await session();
    linkTo(join(s, 'history.jsonl'), outside);
    const before = snapshotTree(s);
    const r = await runInProcess(['themes', 'rename', 'nw-01', 'I value $(touch PWNED) support', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/history.jsonl is a symbolic link; wtfc does not read or write');
    expect(readFileSync(outside, 'utf8')).toBe(shellStartup);
    expect(snapshotTree(s)).toEqual(before);
  });

  it.each(['statements.csv', 'themes.yaml', 'wtfc.yaml', 'plan.yaml', 'pii.yaml'])('%s linked elsewhere: every command refuses it, naming it', async (name) => {
    const { dir, s, outside } = await session();
    if (existsSync(join(s, name))) writeFileSync(outside, readFileSync(join(s, name)));
    linkTo(join(s, name), outside);
    for (const argv of [['status'], ['themes', 'list'], ['render']]) {
      const r = await runInProcess([...argv, '-C', 's'], { cwd: dir });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(ExitCode.usage);
      expect(r.stderr).toContain(`s/${name} is a symbolic link`);
    }
  });

  it('out/ linked to another folder: render is refused and writes nothing there', async () => {
    const { dir, s } = await session();
    mkdirSync(join(dir, 'elsewhere'));
    rmSync(join(s, 'out'), { recursive: true });
    symlinkSync(join(dir, 'elsewhere'), join(s, 'out'));
    const r = await runInProcess(['render', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/out is a symbolic link');
    expect(snapshotTree(join(dir, 'elsewhere'))).toEqual({});
  });

  it('a template that is a link is refused, in the session\'s templates/ and in --templates', async () => {
    const { dir, s, outside } = await session();
    writeFileSync(outside, 'secret: {{ session.name }}\n');
    mkdirSync(join(s, 'templates'));
    symlinkSync(outside, join(s, 'templates', 'report.md.liquid'));
    let r = await runInProcess(['render', 'report', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('s/templates/report.md.liquid is a symbolic link');

    unlinkSync(join(s, 'templates', 'report.md.liquid'));
    mkdirSync(join(dir, 'mine'));
    symlinkSync(outside, join(dir, 'mine', 'report.md.liquid'));
    r = await runInProcess(['render', 'report', '--templates', 'mine', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('mine/report.md.liquid is a symbolic link');
    expect(readFileSync(join(s, 'out', 'report.md'), 'utf8')).not.toContain('secret:');
  });

  it('the readers and the history append refuse a link even when asked directly', () => {
    const dir = tempDir({ target: 'x\n' });
    symlinkSync(join(dir, 'target'), join(dir, 'history.jsonl'));
    expect(() => readText(join(dir, 'history.jsonl'))).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    const state = { engine: { name: 'e', version: 1, seed: 1, themes: 'auto' as const, minSize: 2 }, categories: { working: { themes: [], unthemed: [] }, not_working: { themes: [], unthemed: [] }, future: { themes: [], unthemed: [] } } };
    expect(() => appendHistory(join(dir, 'history.jsonl'), [], { action: 'theme', summary: 's', state }, new Date())).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('x\n');
  });
});
