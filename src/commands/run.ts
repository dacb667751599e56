import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WtfcError } from '../errors.js';
import { isSession, loadSession } from '../session/session.js';
import { type Context, makeContext } from './context.js';
import { type IngestOptions, type IngestSummary, ingestFiles } from './ingest.js';
import { initSession } from './init.js';
import { type RenderSummary, renderSession } from './render.js';
import { type ThemeSummary, themeSession } from './theme.js';

export interface RunOptions extends IngestOptions {
  out: string;
  themes?: string;
  name?: string;
  templates?: string;
}

export interface RunSummary {
  session: string;
  created: boolean;
  ingest: IngestSummary;
  /** Absent when --strict stopped the run after ingest. */
  theme?: ThemeSummary;
  render?: RenderSummary;
  report?: string;
  failedStrict: boolean;
}

/**
 * The main job, with no questions asked: init (or reuse) a session in --out, ingest, theme,
 * rank by statement count, and render the report.
 */
export async function runPipeline(ctx: Context, files: string[], options: RunOptions): Promise<RunSummary> {
  const dir = resolve(ctx.io.cwd, options.out);
  const sub = makeContext(ctx.io, dir);
  let created = false;
  const existed = existsSync(dir);
  if (!isSession(dir)) {
    if (existsSync(dir) && readdirSync(dir).some((f) => !f.startsWith('.'))) {
      throw new WtfcError(`${ctx.show(dir)} already holds files and is not a wtfc session`, {
        hint: 'give --out a new or empty directory, or an existing session to add to',
      });
    }
    await initSession(sub, { name: options.name, council: options.council });
    created = true;
  }
  const ingest = await ingestFiles(sub, files, options);
  if (ingest.failedStrict) {
    // --strict writes nothing: take away the session this run made.
    if (created && !existed) rmSync(dir, { recursive: true, force: true });
    else if (created) for (const f of ['wtfc.yaml', 'statements.csv', 'out']) rmSync(join(dir, f), { recursive: true, force: true });
    return { session: ctx.show(dir), created: false, ingest, failedStrict: true };
  }
  const session = loadSession(dir, ctx.io.cwd, ctx.today());
  const theme = await themeSession(sub, { themes: options.themes }, session);
  const render = await renderSession(sub, { templates: options.templates }, session);
  return { session: ctx.show(dir), created, ingest, theme, render, report: render.files[0]!, failedStrict: false };
}

export type { Context };
