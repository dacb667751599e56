/**
 * The session lock, `.wtfc.lock`: one command at a time writes a session. Held by a running
 * command it refuses the next writer (exit 75, naming the holder) and leaves every file alone;
 * left by a dead one it is taken over with a note; read-only commands never wait for it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { ExitCode } from '../src/errors.js';
import { createExclusive, lockFileName, moveAsideIfUnchanged, takeoverFileName, withSessionLock } from '../src/session/lock.js';
import { wall } from './fixtures.js';
import { type CliResult, ctrlC, fakeTerminal, fixedNow, repoRoot, runBinary, runInProcess, slow, snapshotTree, tempDir } from './helpers.js';

const cli = (cwd: string, ...argv: string[]): Promise<CliResult> => runInProcess(argv, { cwd });

/** A themed session in `DIR/s`: the 32 statements of `wall`, in "not working". */
async function themedSession(): Promise<string> {
  const rows = Object.entries(wall).flatMap(([g, list]) => list.map((t, i) => `${g}${i},"${t}",person`));
  const dir = tempDir({ 'in.csv': `id,text,perspective\n${rows.join('\n')}\n` });
  for (const argv of [['init', 's'], ['ingest', 'in.csv', '--category', 'not_working', '-C', 's'], ['theme', '-C', 's']]) {
    const r = await cli(dir, ...argv);
    expect(r.code, r.stderr).toBe(0);
  }
  return dir;
}

const lockPath = (dir: string) => join(dir, 's', lockFileName);

function writeLock(dir: string, holder: { pid: number; started?: string; hostname?: string; command?: string }): void {
  const lock = { started: '2026-11-26T11:52:03.000Z', hostname: hostname(), command: 'wtfc review', ...holder };
  writeFileSync(lockPath(dir), `${JSON.stringify(lock)}\n`);
}

/** The id of a process that has certainly exited: a child that ran nothing and was waited for. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

const sleepers: ChildProcess[] = [];
afterAll(() => {
  for (const s of sleepers) s.kill('SIGKILL');
});

/** A process that stays alive until the tests end (or it is killed), to stand for a running wtfc. */
function liveProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  sleepers.push(child);
  return child;
}

/** Waits until a spawned process has exited, so its pid is no longer running. */
function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

const firstTheme = async (dir: string) => {
  const r = await cli(dir, 'themes', 'list', '--json', '-C', 's');
  return (JSON.parse(r.stdout) as { categories: { not_working: { themes: { id: string; name: string }[] } } }).categories.not_working.themes[0]!;
};

describe('a second writer while a command holds the lock', () => {
  it('is refused with exit 75, naming the holder, its pid and start time, and every file is left as it was', async () => {
    const dir = await themedSession();
    const theme = await firstTheme(dir);
    const t = fakeTerminal();
    t.io.cwd = dir;
    const review = run(['review', '-C', 's'], t.io);
    await t.answer('Pick a theme', ''); // the review is running and holds the lock
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8'))).toEqual({ pid: process.pid, started: fixedNow().toISOString(), hostname: hostname(), command: 'wtfc review' });
    const before = snapshotTree(join(dir, 's'));

    // Every command that writes the session, each stopped before it reads a thing.
    for (const argv of [
      ['init', 's'],
      ['ingest', 'in.csv', '--category', 'not_working'],
      ['theme', '--fresh', '--yes'],
      ['review'],
      ...['rename', 'merge', 'split', 'move', 'park', 'unpark', 'lock', 'unlock'].map((edit) => ['themes', edit, theme.id, ...(edit === 'move' ? ['--to', 'unthemed'] : edit === 'rename' ? ['I want'] : [])]),
      ['themes', 'undo'],
      ['votes', 'import', 'in.csv'],
      ['prioritise'],
      ['plan'],
      ['plan', 'cause', theme.id, 'Because'],
      ['plan', 'success', theme.id, 'I know'],
      ['plan', 'action', theme.id, '--what', 'x', '--who', 'y', '--by', '2027-01-01', '--measure', 'z'],
      ['plan', 'status', 'a1', 'done'],
      ['render'],
      ['pii', 'ignore', 's-1'],
      ['pii', 'unignore', 's-1'],
      ['pii', 'redact', 's-1'],
      ['run', 'in.csv', '--out', 's', '--category', 'not_working'],
    ]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(ExitCode.busy);
      expect(r.stderr).toContain(`wtfc: error: session s is in use: wtfc review (pid ${process.pid}, started 2026-03-14 10:00 UTC)`);
      expect(r.stderr).toContain(`hint: wait for it to finish, then try again; if you are sure no wtfc is running on this session, delete ${join('s', lockFileName)}`);
      expect(r.stdout).toBe('');
    }
    expect(snapshotTree(join(dir, 's'))).toEqual(before);

    (t.io.stdin as PassThrough).write(ctrlC); // the review is still at its first question
    expect(await review).toBe(130);
    expect(existsSync(lockPath(dir))).toBe(false);
    const after = await cli(dir, 'themes', 'rename', theme.id, 'I want it to work', '-C', 's');
    expect(after.code, after.stderr).toBe(0);
  });

  it('is refused while another process holds it, through the real binary', async () => {
    const dir = await themedSession();
    const holder = liveProcess();
    writeLock(dir, { pid: holder.pid!, command: 'wtfc themes merge' });
    const before = snapshotTree(join(dir, 's'));
    const r = runBinary(['themes', 'rename', (await firstTheme(dir)).id, 'I want it to work', '-C', 's'], { cwd: dir });
    expect(r.code).toBe(75);
    expect(r.stderr).toContain(`session s is in use: wtfc themes merge (pid ${holder.pid}, started 2026-11-26 11:52 UTC)`);
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('from another machine is reported and left alone: wtfc cannot tell whether it is still running', async () => {
    const dir = await themedSession();
    writeLock(dir, { pid: deadPid(), hostname: 'facilitator-laptop' });
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'render', '-C', 's');
    expect(r.code).toBe(ExitCode.busy);
    expect(r.stderr).toMatch(/session s is in use: wtfc review on host facilitator-laptop \(pid \d+, started 2026-11-26 11:52 UTC\)/);
    expect(r.stderr).toContain('cannot check from here whether pid');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });
});

describe('a lock left by a command that is no longer running', () => {
  it('is taken over with one note naming the dead pid and its start time, and the command runs', async () => {
    const dir = await themedSession();
    const pid = deadPid();
    writeLock(dir, { pid, command: 'wtfc themes merge' });
    const theme = await firstTheme(dir);
    const r = await cli(dir, 'themes', 'rename', theme.id, 'I want it to work', '-C', 's');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes(lockFileName))).toEqual([
      `Note: removed ${join('s', lockFileName)} left by wtfc themes merge (pid ${pid}, started 2026-11-26 11:52 UTC), which is no longer running.`,
    ]);
    expect((await firstTheme(dir)).name).toBe('I want it to work');
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('goes with the temporary files its command left; those of a running process stay', async () => {
    const dir = await themedSession();
    const pid = deadPid();
    const live = liveProcess().pid!;
    writeLock(dir, { pid });
    const leftovers = [`.themes.yaml.${pid}.mx1a2b.tmp`, `out/.report.md.${pid}.mx1a2c.tmp`, `.wtfc.lock.${pid}.mx1a2d.tmp`];
    const running = [`.statements.csv.${live}.mx1a2e.tmp`];
    for (const f of [...leftovers, ...running]) writeFileSync(join(dir, 's', f), 'half a fi');
    const r = await cli(dir, 'prioritise', '-C', 's', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    for (const f of leftovers) expect(existsSync(join(dir, 's', f)), f).toBe(false);
    for (const f of running) expect(existsSync(join(dir, 's', f)), f).toBe(true);
  });

  it('is taken over by exactly one of several commands starting at once, and they never overlap', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 's'));
    writeLock(dir, { pid: deadPid() });
    // Each process waits for the same moment, then takes the lock, notes when it held it, and holds it a while.
    const script = `
      import { appendFileSync } from 'node:fs';
      import { withSessionLock } from ${JSON.stringify(join(repoRoot, 'dist', 'session', 'lock.js'))};
      const [dir, at] = process.argv.slice(1);
      while (Date.now() < Number(at)) {}
      const note = (line) => appendFileSync(dir + '/../notes', line + '\\n');
      try {
        await withSessionLock(dir, { command: 'race', now: new Date(), show: (p) => p, note }, async () => {
          appendFileSync(dir + '/../held', process.pid + ' in\\n');
          await new Promise((r) => setTimeout(r, 150));
          appendFileSync(dir + '/../held', process.pid + ' out\\n');
        });
      } catch (err) {
        appendFileSync(dir + '/../refused', err.exitCode + '\\n');
      }`;
    const at = String(Date.now() + 1500);
    const racers = Array.from({ length: 6 }, () => spawn(process.execPath, ['--input-type=module', '-e', script, join(dir, 's'), at], { stdio: 'inherit' }));
    await Promise.all(racers.map(exited));
    const held = readFileSync(join(dir, 'held'), 'utf8').trim().split('\n');
    // One holder at a time: every "in" is followed by its own "out".
    for (let i = 0; i < held.length; i += 2) expect(held[i + 1]).toBe(`${held[i]!.split(' ')[0]} out`);
    const refused = existsSync(join(dir, 'refused')) ? readFileSync(join(dir, 'refused'), 'utf8').trim().split('\n') : [];
    expect(held.length / 2 + refused.length).toBe(6);
    expect(new Set(refused)).toEqual(new Set(refused.length ? ['75'] : []));
    expect(readFileSync(join(dir, 'notes'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(dir, 's'))).toEqual([]);
  });
});

describe('taking a dead lock over', () => {
  const claimOf = (pid: number) => `${JSON.stringify({ pid, started: '2026-11-26T11:53:00.000Z', hostname: hostname(), command: 'wtfc render' })}\n`;
  const take = (dir: string, notes: string[]) => withSessionLock(join(dir, 's'), { command: 'wtfc theme', now: new Date(), show: (p) => p, note: (line) => notes.push(line) }, async () => 'ran');

  it('leaves a dead lock alone while another command holds the takeover claim, and says the session is busy', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 's'));
    writeLock(dir, { pid: deadPid() });
    writeFileSync(join(dir, 's', takeoverFileName), claimOf(liveProcess().pid!));
    const notes: string[] = [];
    await expect(take(dir, notes)).rejects.toMatchObject({ exitCode: ExitCode.busy });
    expect(notes).toEqual([]);
    expect(existsSync(lockPath(dir))).toBe(true);
  });

  it('clears a claim its command died holding, takes the lock over once, and leaves nothing behind', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 's'));
    writeLock(dir, { pid: deadPid() });
    writeFileSync(join(dir, 's', takeoverFileName), claimOf(deadPid()));
    const notes: string[] = [];
    expect(await take(dir, notes)).toBe('ran');
    expect(notes).toHaveLength(1);
    expect(readdirSync(join(dir, 's'))).toEqual([]);
  });
});

describe('moving a dead lock aside', () => {
  // The steps of a race, one at a time: what each command does when another got there first.
  const dead = '{"pid":1,"started":"2026-11-26T11:52:03.000Z","hostname":"h","command":"wtfc review"}\n';
  const live = '{"pid":2,"started":"2026-11-26T11:53:00.000Z","hostname":"h","command":"wtfc render"}\n';

  it('removes the lock it judged dead', () => {
    const dir = tempDir({ [lockFileName]: dead });
    expect(moveAsideIfUnchanged(join(dir, lockFileName), dead)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a live lock that replaced it meanwhile exactly where it was', () => {
    const dir = tempDir({ [lockFileName]: live });
    expect(moveAsideIfUnchanged(join(dir, lockFileName), dead)).toBe(false);
    expect(readFileSync(join(dir, lockFileName), 'utf8')).toBe(live);
    expect(readdirSync(dir)).toEqual([lockFileName]);
  });

  it('does nothing when another command moved it first', () => {
    const dir = tempDir();
    expect(moveAsideIfUnchanged(join(dir, lockFileName), dead)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('wtfc batch', () => {
  it('locks each council’s session in its worker thread: a council in use fails with the holder named, the others run', slow, async () => {
    const councils = ['Northmere', 'Southmere'];
    const rows = Object.values(wall).flat().map((t, i) => `x${i},"${t}",person,not working,${councils[i % 2]}`);
    const dir = tempDir({ 'programme.csv': `id,text,perspective,category,council\n${rows.join('\n')}\n` });
    expect((await cli(dir, 'batch', 'programme.csv', '--out', 'c', '--quiet')).code).toBe(0);
    const session = (slug: string) => join(dir, 'c', slug, 'session');
    const holder = liveProcess();
    writeFileSync(join(session('southmere'), lockFileName), JSON.stringify({ pid: holder.pid, started: '2026-11-26T11:52:03.000Z', hostname: hostname(), command: 'wtfc review' }));
    const before = snapshotTree(session('southmere'));
    const r = runBinary(['batch', 'programme.csv', '--out', 'c', '--force', '--jobs', '2', '--json'], { cwd: dir });
    expect(r.code).toBe(ExitCode.problems);
    const result = JSON.parse(r.stdout) as { councils: { council: string; status: string; error?: string }[] };
    expect(result.councils.map((c) => [c.council, c.status])).toEqual([['Northmere', 'done'], ['Southmere', 'failed']]);
    expect(result.councils[1]!.error).toContain(`is in use: wtfc review (pid ${holder.pid}, started 2026-11-26 11:52 UTC)`);
    expect(snapshotTree(session('southmere'))).toEqual(before);
    expect(readdirSync(session('northmere'))).not.toContain(lockFileName);
  });
});

describe('read-only commands', () => {
  it('work while the session is locked, and leave the lock alone', async () => {
    const dir = await themedSession();
    const holder = liveProcess();
    writeLock(dir, { pid: holder.pid! });
    const lock = readFileSync(lockPath(dir), 'utf8');
    const theme = await firstTheme(dir);
    for (const argv of [
      ['status'],
      ['themes', 'list'],
      ['themes', 'show', theme.id],
      ['plan', 'show'],
      ['export', 'assignments'],
      ['compare', 's', 's'],
      ['ingest', 'in.csv', '--category', 'not_working', '--dry-run'],
    ]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
    }
    expect(readFileSync(lockPath(dir), 'utf8')).toBe(lock);
  });
});

describe('releasing the lock', () => {
  it('happens after a command succeeds and after one fails', async () => {
    const dir = await themedSession();
    const ok = await cli(dir, 'render', '-C', 's');
    expect(ok.code).toBe(0);
    expect(readdirSync(join(dir, 's'))).not.toContain(lockFileName);
    const failed = await cli(dir, 'themes', 'rename', 'nw-99', 'I want nothing', '-C', 's');
    expect(failed.code).toBe(ExitCode.usage);
    expect(readdirSync(join(dir, 's'))).not.toContain(lockFileName);
    const missing = await cli(dir, 'votes', 'import', 'missing.csv', '-C', 's');
    expect(missing.code).toBe(ExitCode.usage);
    expect(readdirSync(join(dir, 's'))).not.toContain(lockFileName);
  });

  it('a run that fails on its input leaves no session folder (and no lock) behind', async () => {
    const dir = tempDir({ 'bad.csv': 'id,text\n1,"never closed\n' });
    const r = await cli(dir, 'run', 'bad.csv', '--out', 'new/session', '--category', 'working');
    expect(r.code).toBe(ExitCode.usage);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});

describe('a lock file wtfc cannot read', () => {
  it.each([
    ['not JSON', 'wtfc was here\n', 'it is not JSON'],
    ['empty', '', 'it is empty'],
    ['without a pid', '{"started":"2026-11-26T11:52:03.000Z","hostname":"x","command":"wtfc review"}', 'it has no process id (pid)'],
  ])('(%s) is reported, with how to remove it, and left alone', async (_what, content, problem) => {
    const dir = await themedSession();
    writeFileSync(lockPath(dir), content);
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'prioritise', '-C', 's');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain(`wtfc: error: ${join('s', lockFileName)} is not a lock wtfc can read: ${problem}`);
    expect(r.stderr).toContain(`if none is running on this session, delete ${join('s', lockFileName)}`);
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });
});

describe('withSessionLock', () => {
  const request = { command: 'wtfc test', now: fixedNow(), show: (p: string) => p, note: () => {} };

  it('runs nested use within one command without waiting on itself, but refuses a concurrent one', async () => {
    const dir = tempDir();
    let finish!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = withSessionLock(dir, request, async () => {
      const nested = await withSessionLock(dir, request, async () => 'nested ran');
      expect(nested).toBe('nested ran');
      expect(existsSync(join(dir, lockFileName))).toBe(true); // the nested release did not drop it
      await new Promise<void>((resolve) => {
        finish = resolve;
        holding();
      });
    });
    await held;
    // Started from outside the first one's async chain, as a second command in this process is.
    const second = await withSessionLock(dir, request, async () => 'second ran').catch((err: unknown) => err);
    expect(second).toMatchObject({ exitCode: ExitCode.busy, message: `session ${dir} is in use: wtfc test (pid ${process.pid}, started 2026-03-14 10:00 UTC)` });
    finish();
    await first;
    expect(readdirSync(dir)).toEqual([]);
  });

  it('wtfc run, which ingests, themes and renders inside one lock, runs on a new and an existing session', async () => {
    const dir = tempDir({ 'a.csv': `id,text\n${wall.T.map((t, i) => `t${i},${t}`).join('\n')}\n` });
    for (let i = 0; i < 2; i++) {
      const r = await cli(dir, 'run', 'a.csv', '--out', 's', '--category', 'working', '--quiet');
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(join(dir, 's'))).not.toContain(lockFileName);
  });

  it('runs without a lock where there is no folder, leaving the command to say so', async () => {
    const dir = tempDir();
    const r = await cli(dir, 'themes', 'rename', 'nw-01', 'I want', '-C', 'nowhere');
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('nowhere is not a wtfc session');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

describe('createExclusive', () => {
  it('creates the file whole, or leaves an existing one as it is', () => {
    const dir = tempDir();
    const path = join(dir, lockFileName);
    expect(createExclusive(path, 'first\n')).toBe(true);
    expect(createExclusive(path, 'second\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    expect(readdirSync(dir)).toEqual([lockFileName]);
  });

  it('falls back to an exclusive open where the file system has no hard links', () => {
    const dir = tempDir();
    const path = join(dir, lockFileName);
    const noLinks = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    expect(createExclusive(path, 'first\n', noLinks)).toBe(true);
    expect(createExclusive(path, 'second\n', noLinks)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    expect(readdirSync(dir)).toEqual([lockFileName]);
  });
});
