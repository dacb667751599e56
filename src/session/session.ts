import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { readText } from './atomic.js';
import { join } from 'node:path';
import { WtfcError, linkRefused } from '../errors.js';
import type { Statement } from '../core/model.js';
import type { Settings } from '../core/settings.js';
import { parseSettings } from './settings.js';
import { type RejectedRow, parseRejectedFile, parseStatementsFile } from './statements-file.js';
import { type SessionPaths, displayPath, sessionFileNames, sessionPaths } from './paths.js';

export { type SessionPaths, displayPath, sessionFileNames, sessionPaths };

export interface Session {
  paths: SessionPaths;
  settings: Settings;
  statements: Statement[];
  /** How to name a session file in messages: relative to where the user is. */
  show: (path: string) => string;
}


export function isSession(dir: string): boolean {
  return existsSync(join(dir, sessionFileNames.settings));
}

/** Loads and validates a session's settings and statements. */
export function loadSession(dir: string, cwd: string, fallbackDate: string): Session {
  const paths = sessionPaths(dir);
  const show = (p: string) => displayPath(cwd, p);
  if (!isSession(dir)) {
    const target = show(dir) === '.' ? '' : ` ${show(dir)}`;
    throw new WtfcError(`${show(dir)} is not a wtfc session (there is no ${sessionFileNames.settings})`, {
      hint: `create one with \`wtfc init${target}\`, or point at one with -C DIR`,
    });
  }
  refuseLinks(paths, show);
  const settings = parseSettings(readText(paths.settings), show(paths.settings), fallbackDate);
  const statements = existsSync(paths.statements)
    ? parseStatementsFile(readText(paths.statements), show(paths.statements))
    : [];
  return { paths, settings, statements, show };
}

export function loadRejected(session: Session): RejectedRow[] {
  const path = session.paths.rejected;
  return existsSync(path) ? parseRejectedFile(readText(path), session.show(path)) : [];
}

/**
 * A session whose files are symbolic links is refused before anything is read or written: every
 * session file, the out/ and templates/ folders and what is in them. The session folder itself
 * may be a link; the user chose it with -C.
 */
export function refuseLinks(paths: SessionPaths, show: (path: string) => string): void {
  const isLink = (path: string) => {
    try {
      return lstatSync(path).isSymbolicLink();
    } catch {
      return false;
    }
  };
  const inside = (dir: string) => {
    try {
      return lstatSync(dir).isDirectory() ? readdirSync(dir).map((name) => join(dir, name)) : [];
    } catch {
      return [];
    }
  };
  const folders = [paths.out, join(paths.dir, 'templates')];
  const candidates = [...Object.entries(paths).filter(([key]) => key !== 'dir').map(([, path]) => path), join(paths.dir, 'templates'), ...folders.flatMap(inside)];
  const links = [...new Set(candidates)].filter(isLink);
  if (links.length > 0) throw linkRefused(links.map(show));
}
