import { closeSync, constants, fsyncSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Session files are never read or written through a symbolic link: a session folder shared in git
 * with `history.jsonl -> ../.bashrc` would otherwise have wtfc append to the user's shell start-up
 * file. POSIX systems refuse to open a link with O_NOFOLLOW (ELOOP); Windows has no such flag, so
 * the link is also looked for first.
 */
export const noFollow = constants.O_NOFOLLOW ?? 0;

/** Throws ELOOP, as an open with O_NOFOLLOW would, when `path` is a symbolic link. */
export function refuseLink(path: string, syscall = 'open'): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return; // Missing or unreadable: the open that follows says so.
  }
  if (link) throw Object.assign(new Error(`ELOOP: ${path} is a symbolic link`), { code: 'ELOOP', syscall, path });
}

/** Opens a session file without following a link, for reading or with `flags`. */
export function openNoFollow(path: string, flags: number = constants.O_RDONLY, mode = 0o644): number {
  refuseLink(path);
  return openSync(path, flags | noFollow, mode);
}

/**
 * Replaces a file so that a crash leaves either the old or the new content, never a mix: write a
 * temporary file beside it, fsync it, rename it over the target, then fsync the directory so the
 * rename itself is durable.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array | Iterable<string>): void {
  const dir = dirname(path);
  const tmp = tempPath(path);
  let fd: number;
  try {
    // A name of its own, created here and now: never an existing file, nor a link planted there.
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | noFollow, 0o644);
  } catch (err) {
    throw aboutTarget(err, path);
  }
  try {
    // Text may come in pieces, so a large file need not be held whole in memory.
    const pieces = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    removeQuietly(tmp);
    throw aboutTarget(err, path);
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    throw aboutTarget(err, path);
  }
  syncDirectory(dir);
}

/**
 * Reads a session file as text, never through a link. A refusal names the file: reading a folder
 * fails in the read itself (EISDIR), whose error carries no path of its own.
 */
export function readText(path: string): string {
  let fd: number;
  try {
    fd = openNoFollow(path);
  } catch (err) {
    throw aboutTarget(err, path);
  }
  try {
    return readFileSync(fd, 'utf8');
  } catch (err) {
    throw aboutTarget(err, path);
  } finally {
    closeSync(fd);
  }
}

/** Reads a file the user named (a batch.yaml), following links as any program would. */
export function readNamedText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw aboutTarget(err, path);
  }
}

/** A system error names the file the user asked for, not the temporary one beside it. */
function aboutTarget(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e instanceof Error && typeof e.code === 'string') e.path = path;
  return e;
}

function removeQuietly(tmp: string): void {
  try {
    unlinkSync(tmp);
  } catch {
    // Already gone, or the disk refuses even that: the error being reported matters more.
  }
}

/**
 * A temporary name beside `path`: hidden and ending in `.tmp`, so no wtfc command ever reads it as
 * a session file, and carrying this process's id, so what a killed writer leaves behind can be
 * told apart from the files of a command still running (see `writerOfTemp`).
 */
export function tempPath(path: string): string {
  const name = basename(path).replace(/^\./, '');
  return join(dirname(path), `.${name}.${process.pid}.${Date.now().toString(36)}.tmp`);
}

/** The process id in a name made by `tempPath`, or undefined for any other name. */
export function writerOfTemp(name: string): number | undefined {
  const m = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Makes a file's creation or renaming in `dir` durable. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
