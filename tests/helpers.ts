import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { WtfcError } from '../src/errors.js';
import { expect } from 'vitest';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const binPath = join(repoRoot, 'bin', 'wtfc.js');

/** A fixed clock: 2026-03-14 10:00 UTC. */
export const fixedNow = () => new Date('2026-03-14T10:00:00Z');

/** Fixed "random" bytes, so a session's key, and so its statement ids, are the same in every run. */
export const fixedRandom = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 37 + 11) & 0xff);

/** The key ingest derives ids with in tests of the core: the one `fixedRandom` makes. */
export const testSecret = fixedRandom(32);

/**
 * Marks a test or suite for the slow tier only: slow because of what it must do (a browser, a
 * spawned batch of councils, hundreds of killed processes, thousands of fuzz cases). `npm test`
 * runs every tier; `npm run test:fast` leaves these out. The tag is defined in vitest.config.ts.
 */
export const slow = { tags: ['slow'] };

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A fresh temporary directory, optionally filled from an inline file tree. It is made in the run's
 * own directory (`global-setup.ts`), which is removed when the run ends.
 */
export function tempDir(tree: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(process.env.WTFC_TEST_TMP ?? tmpdir(), 'wtfc-test-'));
  writeTree(dir, tree);
  return dir;
}

export function writeTree(dir: string, tree: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(tree)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** Runs the CLI in-process with a fake io. */
export async function runInProcess(
  argv: string[],
  options: { cwd: string; stdin?: string | Uint8Array; env?: Record<string, string>; isTTY?: boolean; randomBytes?: (size: number) => Uint8Array },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), {
    isTTY: options.isTTY ?? false,
  });
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.isTTY ?? false },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
    now: fixedNow,
    randomBytes: options.randomBytes ?? fixedRandom,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Runs the built binary, as a user would. */
export function runBinary(argv: string[], options: { cwd: string; stdin?: string | Uint8Array; env?: Record<string, string> }): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...argv], {
    cwd: options.cwd,
    input: options.stdin,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a directory with a hash of its bytes, to prove nothing changed. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** The WtfcError thrown by `fn`; fails the test if `fn` returns or throws anything else. */
export function thrown(fn: () => unknown): WtfcError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WtfcError);
    return err as WtfcError;
  }
  throw new Error('expected a WtfcError, but nothing was thrown');
}

/**
 * A fake terminal for driving the real @inquirer/prompts: keys go in on stdin, and each step waits
 * until the screen shows the question it answers.
 */
export function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  let screen = '';
  // Like process.stdout, it stays open when a prompt that piped into it ends.
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        screen += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 120, rows: 40, end: () => stdout },
  );
  let stderr = '';
  const io: Io = { stdin, stdout, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: '', now: fixedNow };
  return {
    io,
    screen: () => screen,
    stderr: () => stderr,
    /** Waits for `text` to appear after everything seen so far, then types `keys`. */
    async answer(text: string, keys: string) {
      const from = screen.length;
      for (let waited = 0; !stripAnsi(screen.slice(from)).includes(text) && !stripAnsi(screen).endsWith(text); waited += 10) {
        if (waited > 5000) throw new Error(`the screen never showed "${text}":\n${stripAnsi(screen).slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      stdin.write(keys);
    },
  };
}

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
export const enter = '\r';
export const up = '\x1b[A';
export const down = '\x1b[B';
export const ctrlC = '\x03';

/** The bundled Northmere example, run, voted on with its tally, prioritised and planned, then rendered: in `DIR/s`. */
export async function exampleSession(): Promise<string> {
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
