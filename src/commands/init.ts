import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { WtfcError } from '../errors.js';
import { writeFileAtomic } from '../session/atomic.js';
import { isSession, sessionPaths } from '../session/session.js';
import { defaultSettings, renderSettings } from '../session/settings.js';
import { renderStatementsCsv } from '../session/statements-file.js';
import type { Context } from './context.js';

export interface InitOptions {
  name?: string;
  council?: string;
  /** Allow a directory that already holds other files (run uses this for a fresh --out). */
  allowNonEmpty?: boolean;
}

export interface InitResult {
  dir: string;
  files: string[];
}

/** Creates a session: `wtfc.yaml` with every default written out, an empty `statements.csv`, `out/`. */
export async function initSession(ctx: Context, options: InitOptions): Promise<InitResult> {
  const paths = sessionPaths(ctx.dir);
  if (isSession(ctx.dir)) {
    throw new WtfcError(`${ctx.show(ctx.dir)} is already a wtfc session`, {
      hint: 'its files were left as they are; use `wtfc status` to see it, or choose another directory',
    });
  }
  if (existsSync(ctx.dir) && !options.allowNonEmpty && readdirSync(ctx.dir).some((f) => !f.startsWith('.'))) {
    throw new WtfcError(`${ctx.show(ctx.dir)} already holds other files`, {
      hint: 'choose an empty or new directory for the session',
    });
  }
  mkdirSync(paths.out, { recursive: true });
  const settings = defaultSettings({
    name: options.name ?? `${titleFrom(basename(ctx.dir))}`,
    council: options.council ?? '',
    date: ctx.today(),
  });
  writeFileAtomic(paths.statements, renderStatementsCsv([]));
  writeFileAtomic(paths.settings, renderSettings(settings));
  return { dir: ctx.show(ctx.dir), files: [paths.settings, paths.statements, `${paths.out}/`].map(ctx.show) };
}

function titleFrom(dirName: string): string {
  const words = dirName.replace(/[-_]+/g, ' ').trim();
  return words === '' || words === '.' ? 'Working Together for Change' : `Working Together for Change: ${words}`;
}
