import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WtfcError } from '../errors.js';
import { planDrift } from '../session/plan-file.js';
import { categories, type ThemeSet } from '../core/model.js';
import { readPriorities } from '../session/priorities-file.js';
import { htmlDocument, htmlPage, reportCharts } from '../render/html.js';
import { guardOutputs, maskPlan, maskSettings, maskThemeNames, readSessionTexts } from './pii-guard.js';
import { parsePiiPolicy } from './flags.js';
import type { Prioritisation } from '../core/prioritise.js';
import { computePriorities } from './prioritise.js';
import { readText, writeFileAtomic } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import { buildReportModel } from '../render/report-model.js';
import { renderTemplate } from '../render/templates.js';
import type { Context } from './context.js';
import { type RenderTarget, renderFormats, renderTargets } from './render-targets.js';
import { noThemesYet } from './themes-store.js';

export const builtInTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface RenderSummary {
  files: string[];
  /** What the facilitator should know, such as priorities that no longer apply. */
  notes: string[];
}

/**
 * Templates by file name: the built-in ones, overridden by any in the session's own `templates/`
 * folder, then by `--templates DIR`.
 */
export function loadTemplates(dirs: string[]): Record<string, string> {
  return loadTemplateFiles(dirs).templates;
}

/** The same, with the path each template was read from, to name it in errors. */
function loadTemplateFiles(dirs: string[]): { templates: Record<string, string>; paths: Record<string, string> } {
  const templates: Record<string, string> = {};
  const paths: Record<string, string> = {};
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.liquid')) continue;
      templates[name] = readText(join(dir, name));
      paths[name] = join(dir, name);
    }
  }
  return { templates, paths };
}

/**
 * The priorities as `wtfc prioritise` last recorded them (its method, category, N and choices),
 * recomputed from the current themes and votes; the default method when none is recorded.
 */
export function recordedPriorities(s: Session, themes: ThemeSet, notes: string[] = []): Prioritisation {
  const r = readPriorities(s.paths.priorities, s.show(s.paths.priorities));
  if (!r) return computePriorities(s, themes, {});
  const recorded = { method: r.method, category: r.category, top: r.n };
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

const titles: Record<RenderTarget, string> = {
  report: 'Report',
  plan: 'Action plan',
  facilitator: 'Facilitator’s sheet',
  cards: 'Wall cards',
  ballot: 'Voting sheet',
  feedback: 'You said, we did',
};

/**
 * Renders the session's outputs to `out/`: the report, the plan, cards, the ballot and feedback
 * (or one of them), as markdown, printable HTML, or both.
 */
export async function renderSession(
  ctx: Context,
  options: { templates?: string; what?: string; format?: string; pii?: string },
  session?: Session,
): Promise<RenderSummary> {
  const what = options.what ?? 'all';
  if (what !== 'all' && !(renderTargets as readonly string[]).includes(what)) {
    throw new WtfcError(`render ${what}: expected one of ${renderTargets.join(', ')} or all`);
  }
  const format = options.format ?? 'both';
  if (!(renderFormats as readonly string[]).includes(format)) throw new WtfcError(`--format ${format}: expected md, html or both`);
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const texts = readSessionTexts(s);
  if (!texts.themes) throw noThemesYet(ctx.dirFlag);
  // Every text a person typed goes out through the guard: statements, theme names, the plan, the session's name.
  const guard = await guardOutputs(s, ctx.dirFlag, parsePiiPolicy(options.pii), texts);
  const shown = maskThemeNames(texts.themes, guard.maskName);
  const notes: string[] = [...guard.notes];
  const plan = texts.plan && maskPlan(texts.plan, guard);
  const names = new Map(categories.flatMap((c) => shown.categories[c].themes).map((t) => [t.id, t.name]));
  if (plan) notes.push(...planDrift(plan, names));
  const recorded = readPriorities(s.paths.priorities, s.show(s.paths.priorities));
  const model = buildReportModel({
    settings: maskSettings(s.settings, guard),
    statements: guard.statements,
    themes: shown,
    priorities: recordedPriorities(s, shown, notes),
    plan,
    // Feedback tells contributors what the room chose: only what `wtfc prioritise` recorded.
    chosen: recorded?.top.filter((id) => names.has(id)) ?? [],
  });
  const dirs = [builtInTemplates, join(s.paths.dir, 'templates')];
  if (options.templates) {
    const own = resolve(ctx.io.cwd, options.templates);
    if (!existsSync(own)) throw new WtfcError(`--templates ${options.templates}: there is no such folder`, { hint: 'give the folder that holds your .liquid templates' });
    dirs.push(own);
  }
  const { templates, paths } = loadTemplateFiles(dirs);
  const fill = (name: string) => {
    try {
      return renderTemplate(name, templates, model);
    } catch (err) {
      // Name the file the user can open, not just the template.
      if (err instanceof WtfcError && err.where?.file === name && paths[name]) {
        throw new WtfcError(err.message, { where: { ...err.where, file: s.show(paths[name]!) }, hint: err.hint, exitCode: err.exitCode });
      }
      throw err;
    }
  };
  // Every output is rendered before any is written, so a template error leaves out/ as it was.
  const outputs: { file: string; text: string }[] = [];
  for (const target of what === 'all' ? renderTargets : [what as RenderTarget]) {
    const markdown = tidy(fill(`${target}.md.liquid`));
    if (format !== 'html') outputs.push({ file: join(s.paths.out, `${target}.md`), text: markdown });
    if (format !== 'md') {
      const title = `${titles[target]}: ${model.session.name || model.session.council || 'wtfc'}`;
      // The room's handouts print from HTML templates of their own; the staff documents from their markdown.
      const text = templates[`${target}.html.liquid`] !== undefined
        ? htmlDocument(fill(`${target}.html.liquid`), target, title)
        : htmlPage(markdown, target, title, target === 'report' ? reportCharts(model) : '');
      outputs.push({ file: join(s.paths.out, `${target}.html`), text });
    }
  }
  mkdirSync(s.paths.out, { recursive: true });
  for (const o of outputs) writeFileAtomic(o.file, o.text);
  return { files: outputs.map((o) => s.show(o.file)), notes };
}

/** One blank line at most between blocks, and one newline at the end, whatever a template's loops leave. */
function tidy(markdown: string): string {
  return markdown.replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n');
}
