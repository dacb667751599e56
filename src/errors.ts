/**
 * The exit-code contract, decided here and nowhere else. The README's table is written from it.
 */
export const ExitCode = {
  ok: 0,
  /** The command finished, but `--strict` turned warnings or rejections into a failure. */
  problems: 1,
  /** Bad usage or bad input. Nothing was written. */
  usage: 2,
  /**
   * Another wtfc command is writing the session (it holds `.wtfc.lock`): nothing was done, try
   * again when it has finished. 75 is EX_TEMPFAIL in sysexits.h, "try again later".
   */
  busy: 75,
  /** The user pressed Ctrl+C at a prompt (128 + SIGINT, as shells report it). */
  interrupted: 130,
  /** A bug in wtfc. The message asks the user to report it. */
  internal: 70,
  /** The operating system refused to read or write a file (permissions, a full disk). */
  io: 74,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface Where {
  file: string;
  line?: number;
  column?: number;
}

export function formatWhere(where: Where): string {
  let s = where.file;
  if (where.line !== undefined) s += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) s += `:${where.column}`;
  return s;
}

/**
 * An expected failure: something the user can fix. It carries the message shown to the user,
 * where the problem is, a hint saying what to do, and the exit code.
 */
export class WtfcError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly where: Where | undefined;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: ExitCodeValue; where?: Where; hint?: string } = {}) {
    super(message);
    this.name = 'WtfcError';
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.where = options.where;
    this.hint = options.hint;
  }
}

/** Bad usage or bad input; exit 2, nothing written. */
export function inputError(message: string, where?: Where, hint?: string): WtfcError {
  return new WtfcError(message, { exitCode: ExitCode.usage, where, hint });
}

/** Several problems found while loading one file, reported together. */
export class ProblemsError extends WtfcError {
  readonly problems: readonly Problem[];

  constructor(summary: string, problems: readonly Problem[], hint?: string) {
    super(summary, { exitCode: ExitCode.usage, hint });
    this.name = 'ProblemsError';
    this.problems = problems;
  }
}

export interface Problem {
  where: Where;
  message: string;
  hint?: string;
}

export function formatProblem(p: Problem): string {
  return `${formatWhere(p.where)}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;
}

const systemReasons: Record<string, [string, string]> = {
  EACCES: ['permission denied', 'check that you may write there, and that no other program (Excel, OneDrive, antivirus) has the file open'],
  EPERM: ['the operation is not permitted', 'check the file’s permissions, and that no other program (Excel, OneDrive, antivirus) has it open'],
  EBUSY: ['the file is busy', 'close any program that has it open (Excel, OneDrive, antivirus), then run the command again'],
  ENOSPC: ['the disk is full', 'free some disk space, then run the command again; the session files are as they were'],
  EDQUOT: ['the disk quota is used up', 'free some space, then run the command again; the session files are as they were'],
  EROFS: ['the disk is read-only', 'copy the session to a folder you can write to'],
  EISDIR: ['it is a folder, not a file', 'move the folder out of the way'],
  ENOTDIR: ['part of the path is a file, not a folder', 'check the path'],
  ENOENT: ['it does not exist', 'check the path'],
  EMFILE: ['too many files are open', 'close some programs, then run the command again'],
  EIO: ['the disk reported an error', 'check the disk, then run the command again'],
};

/**
 * Session files and templates that are symbolic links are refused, never followed: a session
 * folder from someone else could point them at any file of yours. Bad input: exit 2.
 */
export function linkRefused(shown: readonly string[]): WtfcError {
  const list = shown.join(', ');
  return new WtfcError(`${list} ${shown.length === 1 ? 'is a symbolic link' : 'are symbolic links'}; wtfc does not read or write a session's files or templates through links`, {
    hint: 'replace each link by a copy of the file it points to, if you trust it, or remove it',
  });
}

/**
 * An error from the operating system about a file (Node's `code`, `syscall` and `path`), as a
 * message the user can act on instead of an internal error.
 */
export function fromSystemError(err: unknown, show: (path: string) => string): WtfcError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  if (e.code === 'ELOOP') return linkRefused([show(e.path)]);
  const reason = systemReasons[e.code];
  if (!reason) return undefined;
  const syscall = e.syscall ?? '';
  const verb = syscall === 'open' ? 'open' : /^(?:read|stat|lstat|scandir|readdir|access)/.test(syscall) ? 'read' : 'write';
  return new WtfcError(`cannot ${verb} ${show(e.path)}: ${reason[0]} (${e.code})`, { exitCode: ExitCode.io, hint: reason[1] });
}
