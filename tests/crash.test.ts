/**
 * The kill test: real writes of a large session through the built binary, each killed with
 * SIGKILL at a random moment, after which every session file must be whole (the old version or
 * the new one, never part of one) and the session must still load (`wtfc status` exits 0).
 *
 * Two commands that rewrite big files take turns on a session of 5,000 statements of about 400
 * characters each: `wtfc ingest` of the same rows and a tenth more (writes rejected.csv, 2 MB,
 * then rewrites statements.csv, 2.2 MB) and `wtfc themes rename` (rewrites themes.yaml and appends
 * a line to history.jsonl). The new version of each file comes from the same command run to the
 * end on a copy. Two kills in three fall anywhere in the command's measured run. Writing is only
 * a few milliseconds of a run of a second or so, most of which is Node starting and the session
 * being read, so the third aims at the writing of one of its files: it falls a random time
 * after the process first touches that file (seen by fs.watch, in a worker thread whose event loop
 * is free for it), within about the time its writing took in the whole run. Nothing in wtfc is
 * there for this test. With writeFileAtomic replaced by a plain writeFileSync, this test fails.
 *
 * Each lane of runs keeps using its session folders, putting the session files back to their old
 * bytes before the next run but leaving whatever else the killed process left (its lock, its
 * temporary files): so each run also starts on the debris of a crash, and must take over the dead
 * command's lock (with its note) and clear its temporary files. `wtfc status` reads the session
 * whatever debris lies in it; it does not take the lock, so it is the next writing command that
 * takes it over.
 *
 * `npm test` builds first; run `npm run build` before running this file on its own.
 * CRASH_SEED, CRASH_RUNS and CRASH_STATEMENTS change the seed, the number of runs (200) and the
 * size of the session; a failure names its run and the seed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerOfTemp } from '../src/session/atomic.js';
import { lockFileName, takeoverFileName } from '../src/session/lock.js';
import { binPath, runInProcess, slow, tempDir } from './helpers.js';

const seed = Number(process.env.CRASH_SEED ?? 20261126);
const runs = Number(process.env.CRASH_RUNS ?? 200);
const size = Number(process.env.CRASH_STATEMENTS ?? 5000);
const lanes = 2;

/** A small seeded generator (mulberry32), so a run's kill time depends only on the seed and the run's number. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A session's files by name (those in out/ as `out/NAME`). */
type Files = Map<string, Buffer>;

/** Every file of a session and its out/, without the lock and temporary files. */
function sessionFiles(dir: string): Files {
  const files: Files = new Map();
  for (const name of listing(dir)) {
    if (!isDebris(name) && statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}

/** Names in a session folder and its out/ (as `out/NAME`). */
function listing(dir: string): string[] {
  const out = existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).map((n) => `out/${n}`) : [];
  return [...readdirSync(dir), ...out];
}

const base = (name: string) => name.split('/').pop()!;
const isDebris = (name: string) => base(name) === lockFileName || base(name) === takeoverFileName || writerOfTemp(base(name)) !== undefined;

interface Scenario {
  name: string;
  argv: string[];
  old: Files;
  new: Files;
  /** Milliseconds from spawn to exit of a whole run. */
  duration: number;
  /** Each file the command writes, and how long its writing took in a whole run (first to last touch). */
  writes: { file: string; ms: number }[];
}

interface Outcome {
  pid: number;
  /** Exited by itself (not killed), with this code. */
  code: number | null;
  stderr: string;
  /** For each session file this process wrote, when it was first and last seen touching it (ms from spawn). */
  touched: Map<string, { first: number; last: number }>;
  ms: number;
}

type Kill = { when: 'anytime'; after: number } | { when: 'writing'; file: string; after: number };

/** Runs a command through the binary in a worker thread of its own (crash-launcher.mjs), one at a time. */
class Launcher {
  private readonly worker = new Worker(new URL('./crash-launcher.mjs', import.meta.url));

  launch(dir: string, argv: string[], kill?: Kill): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const done = (outcome: Outcome) => {
        this.worker.off('error', failed);
        resolve(outcome);
      };
      const failed = (err: Error) => {
        this.worker.off('message', done);
        reject(err);
      };
      this.worker.once('message', done).once('error', failed);
      this.worker.postMessage({ bin: binPath, dir, argv, kill });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * history.jsonl is only appended to: the old content must be a prefix, and what follows either
 * the whole new line or a torn tail of it (a crash mid-append), which the loader skips and the
 * next append cuts off; `wtfc status` succeeding on the session checks the skipping. The new line
 * carries the time it was written, so its 24 characters of time are compared as a time only.
 */
function historyProblem(now: Buffer, old: Buffer, fresh: Buffer): string | undefined {
  if (now.length < old.length || !now.subarray(0, old.length).equals(old)) return 'is not the old history followed by more';
  const tail = now.subarray(old.length);
  const line = fresh.subarray(old.length);
  if (tail.length > line.length) return `has ${tail.length - line.length} bytes more than one new line`;
  const at = line.indexOf('"at":"') + 6;
  for (let i = 0; i < tail.length; i++) {
    const timeChar = i >= at && i < at + 24;
    if (timeChar ? !/[0-9TZ:.-]/.test(String.fromCharCode(tail[i]!)) : tail[i] !== line[i]) return `differs from the new line at byte ${old.length + i}`;
  }
  return undefined;
}

/** What is wrong with the session after a killed (or finished) run, if anything. */
function stateProblems(dir: string, sc: Scenario, o: Outcome, before: { stale?: string; debris: string[] }, now = sessionFiles(dir)): string[] {
  const problems: string[] = [];
  for (const name of new Set([...sc.old.keys(), ...sc.new.keys(), ...now.keys()])) {
    const [cur, old, fresh] = [now.get(name), sc.old.get(name), sc.new.get(name)];
    if (name === 'history.jsonl' && cur && old && fresh) {
      const p = historyProblem(cur, old, fresh);
      if (p) problems.push(`${name} ${p}`);
    } else if (!same(cur, old) && !same(cur, fresh)) {
      problems.push(`${name} is neither the old nor the new version (${cur?.length ?? 'no'} bytes; old ${old?.length ?? 'none'}, new ${fresh?.length ?? 'none'})`);
    }
  }
  // Anything else is the lock or a temporary file: hidden, ending in .tmp, named for a process that
  // is now dead (this one, or one killed earlier), which no command reads as a session file.
  for (const name of listing(dir).filter(isDebris)) {
    if (base(name) === lockFileName) {
      const lock = readFileSync(join(dir, name), 'utf8');
      if (lock !== before.stale && (JSON.parse(lock) as { pid: number }).pid !== o.pid) problems.push(`the lock is neither the old one nor this run's: ${lock}`);
      continue;
    }
    // (The claim a command holds for a moment while it removes a dead command's lock.)
    if (base(name) === takeoverFileName) {
      const claim = readFileSync(join(dir, name), 'utf8');
      if ((JSON.parse(claim) as { pid: number }).pid !== o.pid && !before.debris.includes(name)) problems.push(`the takeover claim is neither an earlier run's nor this run's: ${claim}`);
      continue;
    }
    if (!/^\..+\.tmp$/.test(base(name))) problems.push(`${name} is not a hidden .tmp name`);
    if (writerOfTemp(base(name)) !== o.pid && !before.debris.includes(name)) problems.push(`${name} was left by a process other than this run's`);
  }
  // A dead command's lock that this run replaced with its own (or that is gone when it finished)
  // was removed by this run, which said so first. Killed between the two, it may not have said so.
  const lockNow = existsSync(join(dir, lockFileName)) ? readFileSync(join(dir, lockFileName), 'utf8') : undefined;
  const mine = lockNow !== undefined && (JSON.parse(lockNow) as { pid: number }).pid === o.pid;
  if (before.stale && (mine || o.code !== null)) {
    const dead = JSON.parse(before.stale) as { pid: number };
    if (!new RegExp(`^Note: removed \\S+ left by wtfc \\S+(?: \\S+)? \\(pid ${dead.pid}, started [0-9-]+ [0-9:]+ UTC\\), which is no longer running\\.$`, 'm').test(o.stderr)) {
      problems.push(`the dead lock of pid ${dead.pid} was removed without the note; stderr: ${o.stderr}`);
    }
  }
  // A run that was not killed finished the job and tidied up after itself and the dead.
  if (o.code !== null) {
    if (o.code !== 0) problems.push(`exited by itself with ${o.code}: ${o.stderr}`);
    if (lockNow !== undefined) problems.push('finished, but left the lock');
    if (listing(dir).some(isDebris)) problems.push(`finished, but left ${listing(dir).filter(isDebris).join(', ')}`);
    for (const [name, fresh] of sc.new) {
      const whole = name === 'history.jsonl' ? now.get(name)?.length === fresh.length : same(now.get(name), fresh);
      if (!whole) problems.push(`finished, but ${name} is not the new version`);
    }
  }
  return problems;
}

/** Which version of a session file this is, for telling states apart: old, new, or its hash. */
function versionOf(name: string, bytes: Buffer, sc: Scenario): string {
  if (same(bytes, sc.old.get(name))) return 'old';
  if (same(bytes, sc.new.get(name))) return 'new';
  if (name === 'history.jsonl' && bytes.length === sc.new.get(name)?.length && bytes.at(-1) === 0x0a) return 'new';
  return name === 'history.jsonl' ? `torn at ${bytes.length}` : createHash('sha256').update(bytes).digest('hex');
}

const same = (a: Buffer | undefined, b: Buffer | undefined) => (a === undefined ? b === undefined : b !== undefined && a.equals(b));

/** Puts the session files back as they were before the command; the lock and temporary files stay. */
function restore(dir: string, sc: Scenario): void {
  const now = sessionFiles(dir);
  for (const name of new Set([...sc.old.keys(), ...now.keys()])) {
    const old = sc.old.get(name);
    if (old === undefined) rmSync(join(dir, name));
    else if (!same(now.get(name), old)) writeFileSync(join(dir, name), old);
  }
}

/** What a run starts on: the lock and temporary files that earlier, killed runs left. */
function leftBehind(dir: string): { stale?: string; debris: string[] } {
  const lock = join(dir, lockFileName);
  return { stale: existsSync(lock) ? readFileSync(lock, 'utf8') : undefined, debris: listing(dir).filter((n) => isDebris(n) && base(n) !== lockFileName) };
}

describe(`the kill test: ${runs} runs, each killed at a random moment (seed ${seed})`, slow, () => {
  let root = '';
  const scenarios: Scenario[] = [];
  const launchers: Launcher[] = [];

  beforeAll(async () => {
    root = tempDir();
    for (let l = 0; l < lanes; l++) launchers.push(new Launcher());
    // Five generated sentences a statement (about 400 characters), so the files are large for the
    // rows they hold: what is slow to write is bytes, what is slow to read and theme is rows.
    const { generateStatements } = (await import(new URL('../bench/generate.mjs', import.meta.url).href)) as { generateStatements: (n: number, seed?: number) => string };
    const rows = generateStatements(Math.round(size * 1.1) * 5).trim().split('\n').slice(1);
    const text = (row: string) => /"([^"]*)"/.exec(row)![1]!;
    const long = Array.from({ length: Math.round(size * 1.1) }, (_, i) => {
      const sentences = Array.from({ length: 5 }, (_, j) => text(rows[i * 5 + j]!));
      return rows[i]!.replace(/"[^"]*"/, `"${sentences.join(' ')}"`);
    });
    const header = 'id,text,category,perspective,person';
    writeFileSync(join(root, 'in.csv'), [header, ...long.slice(0, size), ''].join('\n'));
    // The same rows and a tenth more: the first ones are duplicates, listed in rejected.csv.
    writeFileSync(join(root, 'more.csv'), [header, ...long, ''].join('\n'));
    const step = async (...argv: string[]) => {
      const r = await runInProcess([...argv, '--quiet'], { cwd: root });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    };
    await step('init', 'base');
    const settings = join(root, 'base', 'wtfc.yaml');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('max_text_length: 400', 'max_text_length: 1000'));
    await step('ingest', 'in.csv', '-C', 'base');
    await step('theme', '--themes', '12', '-C', 'base');
    for (const [name, argv] of [
      ['ingest of more rows', ['ingest', join(root, 'more.csv')]],
      ['themes rename', ['themes', 'rename', 'nw-01', 'I want the taxi to come when it says it will']],
    ] as const) {
      // The new version: the same command run to completion on a copy, timed.
      const dir = join(root, `reference-${scenarios.length}`);
      cpSync(join(root, 'base'), dir, { recursive: true });
      const old = sessionFiles(dir);
      const whole = await launchers[0]!.launch(dir, [...argv]);
      expect(whole.code, whole.stderr).toBe(0);
      const fresh = sessionFiles(dir);
      const writes = [...whole.touched].map(([file, t]) => ({ file, ms: t.last - t.first }));
      expect(writes.map((w) => w.file).sort()).toEqual([...fresh.keys()].filter((f) => !same(fresh.get(f), old.get(f))).sort());
      scenarios.push({ name, argv: [...argv], old, new: fresh, duration: whole.ms, writes });
    }
    const [ingest, rename] = scenarios as [Scenario, Scenario];
    expect(ingest.new.get('statements.csv')!.length).toBeGreaterThan(ingest.old.get('statements.csv')!.length);
    expect(ingest.new.get('rejected.csv')!.length).toBeGreaterThan(1_000_000);
    expect(rename.new.get('themes.yaml')!.equals(rename.old.get('themes.yaml')!)).toBe(false);
    expect(rename.new.get('history.jsonl')!.subarray(0, rename.old.get('history.jsonl')!.length)).toEqual(rename.old.get('history.jsonl'));
    for (let lane = 0; lane < lanes; lane++) for (let s = 0; s < scenarios.length; s++) cpSync(join(root, 'base'), join(root, `lane-${lane}-${s}`), { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(launchers.map((l) => l.close()));
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves every file whole and the session loadable, and the next command takes over the dead lock', async () => {
    const problems: string[] = [];
    const loaded = new Set<string>();
    const tally = { killedBeforeWriting: 0, killedWhileWriting: 0, finished: 0, tornHistory: 0, statusRuns: 0 };
    let next = 0;
    const lane = async (l: number) => {
      while (next < runs && problems.length === 0) {
        const i = next++;
        const sc = scenarios[i % scenarios.length]!;
        const rng = random(seed * 7919 + i);
        // Two kills in three anywhere in the run; one in three while one of its files is being
        // written, from the first sign of it to a little after its writing took in the whole run.
        const target = sc.writes[Math.floor(rng() * sc.writes.length)]!;
        const kill: Kill =
          Math.floor(i / scenarios.length) % 3 !== 2
            ? { when: 'anytime', after: rng() * sc.duration }
            : { when: 'writing', file: target.file, after: rng() * (target.ms * 1.5 + 2) };
        const label = `run ${i} (CRASH_SEED=${seed}): ${sc.name}, killed ${kill.after.toFixed(1)} ms after ${kill.when === 'anytime' ? 'its start' : `it first touched ${kill.file}`}`;
        const dir = join(root, `lane-${l}-${i % scenarios.length}`);
        restore(dir, sc);
        const before = leftBehind(dir);
        const o = await launchers[l]!.launch(dir, sc.argv, kill);
        if (o.code !== null) tally.finished++;
        else if (o.touched.size > 0) tally.killedWhileWriting++;
        else tally.killedBeforeWriting++;
        const files = sessionFiles(dir);
        const found = stateProblems(dir, sc, o, before, files);
        const history = files.get('history.jsonl');
        if (history && history.length > 0 && history[history.length - 1] !== 0x0a) tally.tornHistory++;
        // Status reads only the session files (never the lock or temporary files), so it runs once
        // on each distinct set of them: the same bytes load the same way. A new history line differs
        // only in its time from run to run, so the history counts as old, new, or torn at a length.
        const key = [...files.keys()].sort().map((n) => `${n}:${versionOf(n, files.get(n)!, sc)}`).join('|');
        if (!loaded.has(key)) {
          loaded.add(key);
          tally.statusRuns++;
          const status = await launchers[l]!.launch(dir, ['status', '--quiet']);
          if (status.code !== 0) found.push(`wtfc status then exits ${status.code}: ${status.stderr}`);
        }
        problems.push(...found.map((p) => `${label}: ${p}`));
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, l) => lane(l)));
    expect(problems).toEqual([]);

    // Last, each session the runs left (a dead lock, perhaps temporary files) takes the command to the end.
    for (let l = 0; l < lanes; l++) {
      for (const [s, sc] of scenarios.entries()) {
        const dir = join(root, `lane-${l}-${s}`);
        restore(dir, sc);
        const before = leftBehind(dir);
        const o = await launchers[l]!.launch(dir, sc.argv);
        expect(stateProblems(dir, sc, o, before), `lane ${l}, ${sc.name}, run to the end`).toEqual([]);
        expect((await launchers[l]!.launch(dir, ['status', '--quiet'])).code).toBe(0);
      }
    }
    console.log(
      `kill test: ${runs} runs (${scenarios.map((s) => `${s.name} ${Math.round(s.duration)} ms, writing ${s.writes.map((w) => `${w.file} ${w.ms.toFixed(1)} ms`).join(', ')}`).join('; ')}): ` +
        `${tally.killedBeforeWriting} killed before writing, ${tally.killedWhileWriting} while writing, ${tally.finished} finished; ` +
        `${tally.tornHistory} torn history tails; wtfc status run on ${tally.statusRuns} distinct states`,
    );
    // The test means something only if many kills land while files are being written.
    expect(tally.killedWhileWriting).toBeGreaterThanOrEqual(runs / 5);
    // A hang guard, not a speed test: the 200 runs take a minute or two on a quiet machine, and
    // were seen to take four and a half minutes on a busy one.
  }, 900_000);
});
