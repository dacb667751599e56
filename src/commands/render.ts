import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WtfcError } from '../errors.js';
import { rankByCount, topPriorities } from '../core/prioritise.js';
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

/** Renders the session report to `out/report.md`. */
export async function renderSession(ctx: Context, options: { templates?: string }, session?: Session): Promise<RenderSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const themes = loadThemes(s, ctx.dirFlag);
  const category = s.settings.prioritise.category;
  // Parked themes are kept, but the room has set them aside: they are not ranked.
  const ranking = rankByCount(themes.categories[category].themes.filter((t) => !t.parked), s.statements);
  const { top, tieAtCut } = topPriorities(ranking, s.settings.prioritise.top);
  const model = buildReportModel({
    settings: s.settings,
    statements: s.statements,
    themes,
    ranking,
    top,
    tieAtCut,
    method: 'statement count',
  });
  const dirs = [builtInTemplates, join(s.paths.dir, 'templates')];
  if (options.templates) dirs.push(options.templates);
  const templates = loadTemplates(dirs);
  const report = renderTemplate('report.md.liquid', templates, model);
  mkdirSync(s.paths.out, { recursive: true });
  const file = join(s.paths.out, 'report.md');
  writeFileAtomic(file, report);
  return { files: [s.show(file)] };
}
