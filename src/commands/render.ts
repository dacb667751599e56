import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WtfcError } from '../errors.js';
import { parse } from 'yaml';
import { parsePlanFile } from '../session/plan-file.js';
import { type Prioritisation, computePriorities } from './prioritise.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import { parseThemesFile } from '../session/themes-file.js';
import { buildReportModel } from '../render/report-model.js';
import { renderTemplate } from '../render/templates.js';
import type { ThemeSet } from '../theming/engine.js';
import type { Context } from './context.js';

export const builtInTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface RenderSummary {
  files: string[];
  /** What the facilitator should know, such as priorities that no longer apply. */
  notes: string[];
}

export function loadThemes(s: Session, dirFlag = ''): ThemeSet {
  if (!existsSync(s.paths.themes)) {
    throw new WtfcError('there are no themes yet', { hint: `run \`wtfc theme${dirFlag}\` first` });
  }
  return parseThemesFile(readFileSync(s.paths.themes, 'utf8'), s.show(s.paths.themes), s.statements);
}

/**
 * Templates by file name: the built-in ones, overridden by any in the session's own `templates/`
 * folder, then by `--templates DIR`.
 */
export function loadTemplates(dirs: string[]): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.liquid')) templates[name] = readFileSync(join(dir, name), 'utf8');
    }
  }
  return templates;
}

/**
 * The priorities as `wtfc prioritise` last recorded them (its method, category, N and choices),
 * recomputed from the current themes and votes; the default method when none is recorded.
 */
export function recordedPriorities(s: Session, themes: ThemeSet, notes: string[] = []): Prioritisation {
  if (!existsSync(s.paths.priorities)) return computePriorities(s, themes, {});
  const r = (parse(readFileSync(s.paths.priorities, 'utf8')) ?? {}) as { method?: string; category?: string; n?: number; included?: string[] };
  const recorded = { method: r.method, category: r.category, top: r.n === undefined ? undefined : String(r.n) };
  // Themes and votes may have changed since: a choice that no longer applies is dropped, and a
  // method that no longer has its votes gives way to the default, with a note either way.
  try {
    return computePriorities(s, themes, { ...recorded, include: r.included });
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    notes.push(`the recorded priorities no longer apply (${err.message}); run \`wtfc prioritise\` again`);
  }
  try {
    return computePriorities(s, themes, recorded);
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    return computePriorities(s, themes, {});
  }
}

/** Renders the session report to `out/report.md`. */
export async function renderSession(ctx: Context, options: { templates?: string }, session?: Session): Promise<RenderSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const themes = loadThemes(s, ctx.dirFlag);
  const notes: string[] = [];
  const plan = existsSync(s.paths.plan) ? parsePlanFile(readFileSync(s.paths.plan, 'utf8'), s.show(s.paths.plan)) : undefined;
  const model = buildReportModel({ settings: s.settings, statements: s.statements, themes, priorities: recordedPriorities(s, themes, notes), plan });
  const dirs = [builtInTemplates, join(s.paths.dir, 'templates')];
  if (options.templates) dirs.push(options.templates);
  const templates = loadTemplates(dirs);
  const report = renderTemplate('report.md.liquid', templates, model);
  mkdirSync(s.paths.out, { recursive: true });
  const file = join(s.paths.out, 'report.md');
  writeFileAtomic(file, report);
  return { files: [s.show(file)], notes };
}
