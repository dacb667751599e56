import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { WtfcError } from '../errors.js';
import { writeFileAtomic } from '../session/atomic.js';
import { isSession, sessionPaths } from '../session/session.js';
import { defaultSettings, renderSettings } from '../session/settings.js';
import { renderStatementsCsv } from '../session/statements-file.js';
import type { Context } from './context.js';

export interface InitOptions {
  name?: string;
  council?: string;
}

export interface InitResult {
  dir: string;
  files: string[];
}

/** The files a session owns: init refuses a directory that already has any of them. */
const owned = ['wtfc.yaml', 'statements.csv', 'rejected.csv', 'themes.yaml'];

export function checkInitTarget(ctx: Context): void {
  if (isSession(ctx.dir)) {
    throw new WtfcError(`${ctx.show(ctx.dir)} is already a wtfc session`, {
      hint: 'its files were left as they are; use `wtfc status` to see it, or choose another directory',
    });
  }
  const clash = owned.find((f) => existsSync(join(ctx.dir, f)));
  if (clash) {
    throw new WtfcError(`${ctx.show(join(ctx.dir, clash))} already exists, and a new session would overwrite it`, {
      hint: 'create the session in a new directory, for example `wtfc init my-session`',
    });
  }
}

/** Creates a session: `wtfc.yaml` with every default written out, an empty `statements.csv`, `out/`. */
export async function initSession(ctx: Context, options: InitOptions): Promise<InitResult> {
  checkInitTarget(ctx);
  const paths = sessionPaths(ctx.dir);
  mkdirSync(paths.out, { recursive: true });
  const settings = defaultSettings({
    name: options.name ?? titleFrom(basename(ctx.dir)),
    council: options.council ?? '',
    date: ctx.today(),
  });
  writeFileAtomic(paths.statements, renderStatementsCsv([]));
  // wtfc.yaml last: a directory counts as a session only once it is complete.
  writeFileAtomic(paths.settings, renderSettings(settings));
  return { dir: ctx.show(ctx.dir), files: [ctx.show(paths.settings), ctx.show(paths.statements), `${ctx.show(paths.out)}/`] };
}

function titleFrom(dirName: string): string {
  const words = dirName.replace(/[-_]+/g, ' ').trim();
  return words === '' || words === '.' ? 'Working Together for Change' : `Working Together for Change: ${words}`;
}
