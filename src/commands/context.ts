import { resolve } from 'node:path';
import type { Io } from '../io.js';
import { displayPath } from '../session/paths.js';

/** What every command gets: the io, and the session directory it works on. */
export interface Context {
  io: Io;
  /** Absolute path of the session directory (-C, --dir). */
  dir: string;
  /** A path as the user should see it: relative to where they ran wtfc. */
  show: (path: string) => string;
  /** Today's date as YYYY-MM-DD, from the injected clock. */
  today: () => string;
  /** ` -C DIR` when the session is not the current directory, for commands suggested in hints. */
  dirFlag: string;
}

export function makeContext(io: Io, dir: string | undefined): Context {
  const full = resolve(io.cwd, dir ?? '.');
  const shown = displayPath(io.cwd, full);
  return {
    io,
    dir: full,
    dirFlag: shown === '.' ? '' : ` -C ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`,
    show: (p) => displayPath(io.cwd, p),
    today: () => io.now().toISOString().slice(0, 10),
  };
}
