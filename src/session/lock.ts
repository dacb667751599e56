import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, WtfcError } from '../errors.js';
import { tempPath, writerOfTemp } from './atomic.js';
import { sessionFileNames } from './paths.js';

/**
 * `.wtfc.lock`: one command at a time writes a session. Each file on its own is replaced
 * atomically, but a command reads several files, decides, and writes several back; two at once
 * would each write from what they read, and the later would silently undo the earlier.
 */
export const lockFileName = '.wtfc.lock';

/** What the lock file holds: who is writing the session, and since when. */
export interface LockHolder {
  pid: number;
  /** ISO time the command took the lock. */
  started: string;
  hostname: string;
  /** The command, e.g. `wtfc review`. */
  command: string;
}

export interface LockRequest {
  /** The command taking the lock, as the user would type it: `wtfc themes rename`. */
  command: string;
  now: Date;
  /** A path as the user should see it. */
  show: (path: string) => string;
  /** Where the one line about taking over a dead command's lock goes. */
  note: (line: string) => void;
  /**
   * The command creates the session folder (init, run, a council in batch): make it if it is
   * missing, and remove it again if the command leaves it empty (it failed before writing).
   */
  create?: boolean;
}

/** The session folders whose lock the current command holds, so nested use does not wait on itself. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** What to do once the command holding the lock has succeeded: keep its caches. */
const afterwards = new AsyncLocalStorage<(() => void)[]>();

/**
 * Runs `fn` once the command holding the session's lock in `dir` has succeeded, and never if it
 * fails or refuses (a refused command writes nothing, a cache included). Without the lock, `fn`
 * does not run: a command that only reads leaves the session's files as they are. A failure of
 * `fn` (a cache that cannot be written) does not fail the command.
 */
export function whenSucceeded(dir: string, fn: () => void): void {
  let mine = false;
  try {
    mine = held.getStore()?.has(realpathSync(dir)) ?? false;
  } catch {
    mine = false;
  }
  if (mine) afterwards.getStore()?.push(fn);
}

/**
 * Runs `fn` holding the lock of the session in `dir`, and releases it afterwards, whether `fn`
 * succeeds or throws. Within `fn` (and anything it awaits), taking the same lock again just runs:
 * `wtfc run` ingests, themes and renders as one command. Another command, even in this process,
 * is refused with exit 75 while the lock is held.
 *
 * A folder that does not exist (or is not a folder) holds no session files to protect: `fn` runs
 * without a lock and reports that itself, unless `create` asks for the folder to be made.
 */
export async function withSessionLock<T>(dir: string, request: LockRequest, fn: () => Promise<T>): Promise<T> {
  const made = prepareFolder(resolve(dir), request.create ?? false);
  if (made === false) return fn();
  const key = realpathSync(dir);
  const mine = held.getStore() ?? new Set<string>();
  if (mine.has(key)) return fn();
  let lock: TakenLock;
  try {
    lock = takeLock(dir, request);
  } catch (err) {
    removeIfEmpty(dir, made);
    throw err;
  }
  const after: (() => void)[] = [];
  try {
    const result = await held.run(new Set([...mine, key]), () => afterwards.run(after, fn));
    for (const f of after) {
      try {
        f();
      } catch {
        // A cache that cannot be written is made again next time.
      }
    }
    return result;
  } finally {
    releaseLock(lock);
    removeIfEmpty(dir, made);
  }
}

/**
 * Whether there is a folder to lock: the folder made for the command (the first one `mkdir -p`
 * created, to remove again if left empty), true when it was already there, false when there is none.
 */
function prepareFolder(dir: string, create: boolean): string | boolean {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat) return stat.isDirectory();
  if (!create) return false;
  return mkdirSync(dir, { recursive: true }) ?? true;
}

function removeIfEmpty(dir: string, made: string | boolean): void {
  if (typeof made !== 'string') return;
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return; // not empty: the command wrote something, so the folder stays
    }
    if (d === made || dirname(d) === d) return;
  }
}

interface TakenLock {
  path: string;
  /** Exactly what we wrote, to release only our own lock. */
  content: string;
}

/**
 * Creates the lock, or says who holds it. A lock left by a command that is no longer running on
 * this machine is taken over, with a note; one from another machine, or one that cannot be read,
 * is reported and left alone, because wtfc cannot tell whether its command is still running.
 *
 * Only one command at a time may remove a dead holder's lock: the one that holds the takeover
 * claim (`takeoverFileName`), made as the lock is. Several commands starting at once on a session
 * whose holder died all judge its lock dead; without the claim, one could move aside, as dead, the
 * lock another had just made, and two commands would write the session at once. While the claim
 * is held, no other command removes a lock, and none can make one while the dead one is there, so
 * the lock the claimant judged dead is still that lock when it removes it.
 */
function takeLock(dir: string, request: LockRequest): TakenLock {
  const path = join(dir, lockFileName);
  const claim = join(dir, takeoverFileName);
  const me: LockHolder = { pid: process.pid, started: request.now.toISOString(), hostname: hostname(), command: request.command };
  const content = `${JSON.stringify(me)}\n`;
  for (let pass = 0; pass < takeoverPasses; pass++) {
    if (createExclusive(path, content)) {
      removeLeftovers(dir);
      return { path, content };
    }
    const found = readLock(path, request);
    if (!found) continue; // released between our attempt and the read: try again
    if (found.holder.hostname !== hostname() || isRunning(found.holder.pid)) throw inUse(dir, path, found.holder, request);
    if (createExclusive(claim, content)) {
      try {
        if (readLock(path, request)?.raw === found.raw) {
          unlinkSync(path);
          request.note(`Note: removed ${request.show(path)} left by ${describeHolder(found.holder)}, which is no longer running.`);
        }
      } finally {
        unlinkSync(claim);
      }
      continue;
    }
    // Another command is taking it over: wait a moment, unless it died doing so.
    const other = readClaim(claim);
    if (other && !isRunning(other.pid)) moveAsideIfUnchanged(claim, other.raw);
    else pause(takeoverPause);
  }
  throw new WtfcError(`session ${request.show(dir)} is in use: other wtfc commands kept taking its lock`, {
    exitCode: ExitCode.busy,
    hint: 'try again in a moment',
  });
}

/** The file a command holds while it removes a dead holder's lock (see `takeLock`). */
export const takeoverFileName = '.wtfc.lock.takeover';

/** How many times a command tries for the lock, and how long it waits (ms) while another takes a dead one over. */
const takeoverPasses = 200;
const takeoverPause = 10;

/** Who holds the takeover claim, or undefined if there is none or it cannot be read. */
function readClaim(path: string): { raw: string; pid: number } | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    const pid = (JSON.parse(raw) as Partial<LockHolder>).pid;
    return typeof pid === 'number' ? { raw, pid } : undefined;
  } catch {
    return undefined;
  }
}

/** Waits, without giving up the thread: the lock is taken before a command does anything else. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes our lock, and only ours: if someone deleted it by hand and another command took it, it stays. */
function releaseLock(lock: TakenLock): void {
  try {
    if (readFileSync(lock.path, 'utf8') === lock.content) unlinkSync(lock.path);
  } catch {
    // Already gone: nothing to release.
  }
}

/**
 * Creates `path` holding `content`, unless it exists. The content is written and fsynced under a
 * temporary name first and then hard-linked into place, and link(2) fails when the name exists, as
 * an exclusive open ('wx') would. Unlike 'wx' followed by a write, a crash can never leave an empty
 * or half-written lock, which would stop every later command until someone deleted it. Where the
 * file system has no hard links (FAT, exFAT), it falls back to 'wx'.
 */
export function createExclusive(path: string, content: string, link: (from: string, to: string) => void = linkSync): boolean {
  const tmp = tempPath(path);
  writeSynced(tmp, 'w', content);
  try {
    link(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createWithOpen(path, content);
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function createWithOpen(path: string, content: string): boolean {
  try {
    writeSynced(path, 'wx', content);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function writeSynced(path: string, flags: 'w' | 'wx', content: string): void {
  const fd = openSync(path, flags, 0o644);
  try {
    const bytes = Buffer.from(content, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The lock as found, or undefined if it is gone; a lock that cannot be read is an error. */
function readLock(path: string, request: LockRequest): { raw: string; holder: LockHolder } | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, `it cannot be read: ${(err as Error).message}`, request);
  }
  const problem = lockProblem(raw);
  if (problem) throw unreadable(path, problem, request);
  return { raw, holder: JSON.parse(raw) as LockHolder };
}

/** What is wrong with a lock file's content, if anything. */
function lockProblem(raw: string): string | undefined {
  if (raw.trim() === '') return 'it is empty';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'it is not JSON';
  }
  const v = value as Partial<Record<keyof LockHolder, unknown>> | null;
  if (typeof v !== 'object' || v === null) return 'it is not a JSON object';
  if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return 'it has no process id (pid)';
  if (typeof v.started !== 'string' || Number.isNaN(Date.parse(v.started))) return 'it has no start time';
  if (typeof v.hostname !== 'string' || typeof v.command !== 'string') return 'it has no hostname or command';
  return undefined;
}

/** Whether a process with this id is running here. EPERM: it is, but belongs to someone else. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Moves a file a dead command left out of the way (a takeover claim), if it is still the one we
 * judged. Renaming first means that of several commands finding the same file, only one moves it.
 * Checking what was moved covers a later racer: by the time it renames, the first may already have
 * made a live one there, which it then puts straight back (by link, which never replaces a file).
 * A third command could make one in the moment between, which is why a dead holder's lock is not
 * removed this way but under the takeover claim (`takeLock`); a claim is held for a moment only,
 * so its command dying while it holds it, and others racing past it then, is the rare case left.
 */
export function moveAsideIfUnchanged(path: string, judged: string): boolean {
  const aside = tempPath(path);
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // another command moved it first
    throw err;
  }
  if (readFileSync(aside, 'utf8') === judged) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, path);
  } catch {
    if (!existsSync(path)) renameSync(aside, path);
  }
  try {
    unlinkSync(aside);
  } catch {
    // Renamed back above.
  }
  return false;
}

/**
 * Removes the temporary files that killed wtfc commands left in the session (a file half written
 * before its rename, a lock never linked into place). They are named with their writer's process
 * id; holding the lock, we know no live command of this machine is writing the session, so the
 * files of processes no longer running are leftovers.
 */
function removeLeftovers(dir: string): void {
  // (A takeover claim whose command died taking a lock over: a live claimant removes its own.)
  const claim = readClaim(join(dir, takeoverFileName));
  if (claim && !isRunning(claim.pid)) moveAsideIfUnchanged(join(dir, takeoverFileName), claim.raw);
  for (const folder of [dir, join(dir, sessionFileNames.out)]) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = writerOfTemp(name);
      if (pid === undefined || pid === process.pid || isRunning(pid)) continue;
      try {
        unlinkSync(join(folder, name));
      } catch {
        // Gone already, or not ours to remove: it does no harm where it is.
      }
    }
  }
}

/** `wtfc review (pid 4242, started 2026-11-26 11:52 UTC)` */
function describeHolder(h: LockHolder, withHost = false): string {
  const host = withHost ? ` on host ${h.hostname}` : '';
  return `${h.command}${host} (pid ${h.pid}, started ${formatStarted(h.started)})`;
}

function formatStarted(iso: string): string {
  const t = new Date(iso).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;
}

function inUse(dir: string, path: string, h: LockHolder, request: LockRequest): WtfcError {
  const here = h.hostname === hostname();
  const sure = here
    ? 'if you are sure no wtfc is running on this session'
    : `wtfc cannot check from here whether pid ${h.pid} is still running on ${h.hostname}; if you are sure it is not`;
  return new WtfcError(`session ${request.show(dir)} is in use: ${describeHolder(h, !here)}`, {
    exitCode: ExitCode.busy,
    hint: `wait for it to finish, then try again; ${sure}, delete ${request.show(path)}`,
  });
}

function unreadable(path: string, problem: string, request: LockRequest): WtfcError {
  return new WtfcError(`${request.show(path)} is not a lock wtfc can read: ${problem}`, {
    exitCode: ExitCode.usage,
    hint: `it marks the session as in use by a wtfc command; if none is running on this session, delete ${request.show(path)}`,
  });
}
