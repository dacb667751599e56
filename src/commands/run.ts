import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { count } from '../core/text.js';
import { join, resolve } from 'node:path';
import { type Session, isSession, loadSession, sessionFileNames, sessionPaths } from '../session/session.js';
import { defaultSettings } from '../session/settings.js';
import { type Context, makeContext } from './context.js';
import { type IngestFlags, type IngestPlan, type IngestSummary, applyIngest, ingestKeys, ingestTarget, planIngest, summariseIngest } from './ingest.js';
import { checkInitTarget, initSession } from './init.js';
import { PiiBlocked } from './pii-guard.js';
import { parsePiiPolicy } from './flags.js';
import { type RenderSummary, renderSession } from './render.js';
import { type ThemeSummary, checkKeepsWork, parseThemeOptions, themeSession } from './theme.js';
import { holdsHumanWork, loadThemesState, saveThemes } from './themes-store.js';
import { readHistory, rewriteHistory } from '../session/history.js';
import { withdrawStatements } from '../theming/withdraw.js';
import { type ModelFlags, modelFor } from '../model/server.js';

export interface RunOptions extends IngestFlags, ModelFlags {
  out: string;
  themes?: string;
  name?: string;
  templates?: string;
  /** pii.policy for this run's outputs, in place of wtfc.yaml's. */
  pii?: string;
  /**
   * The session's statements become exactly the files' rows: rows no longer there are withdrawn,
   * changed rows change (batch, where each council's session mirrors its current rows). Otherwise
   * the files' rows are added to what the session holds.
   */
  replace?: boolean;
}

export interface RunSummary {
  session: string;
  created: boolean;
  ingest: IngestSummary;
  /** Absent when --strict stopped the run after reading the files. */
  theme?: ThemeSummary;
  render?: RenderSummary;
  report?: string;
  failedStrict: boolean;
  /** With `replace` on an existing session: the statements withdrawn, and what that did to the themes. */
  withdrawn?: { statements: number; notes: string[] };
}

/**
 * The main job, with no questions asked: init (or reuse) a session in --out, ingest, theme,
 * rank by statement count, and render the report. Options and input files are checked before
 * anything is written, so a run that fails on them leaves no half-made session behind.
 */
export async function runPipeline(ctx: Context, files: string[], options: RunOptions): Promise<RunSummary> {
  const dir = resolve(ctx.io.cwd, options.out);
  const sub = makeContext(ctx.io, dir);
  const themes = parseThemeOptions({ themes: options.themes }).themes;
  parsePiiPolicy(options.pii);
  const existing = isSession(dir);
  if (!existing) checkInitTarget(sub);
  const base = existing
    ? loadSession(dir, ctx.io.cwd, ctx.today())
    : { statements: [], settings: defaultSettings({ name: '', council: options.council ?? '', date: ctx.today() }) };
  // A model server that may not be used is refused before anything is read or written.
  modelFor(base.settings.model, options);
  // A session with reviewed themes refuses --themes K before anything is ingested.
  if (existing && existsSync(join(dir, sessionFileNames.themes))) {
    checkKeepsWork(sub, holdsHumanWork(loadThemesState(sub, base as Session)), themes);
  }
  const replacing = existing && Boolean(options.replace);
  const plan = await planIngest(sub, files, options, replacing ? { statements: [], settings: base.settings } : base, ingestKeys(sub, sessionPaths(dir)));
  if (plan.failedStrict) {
    const target = {
      held: base.statements.length,
      statementsFile: ctx.show(join(dir, sessionFileNames.statements)),
      rejectedFile: ctx.show(join(dir, sessionFileNames.rejected)),
    };
    return { session: ctx.show(dir), created: false, ingest: await summariseIngest(target, plan, false, base.settings, sub.dirFlag), failedStrict: true };
  }
  if (!existing) await initSession(sub, { name: options.name, council: options.council });
  const session = loadSession(dir, ctx.io.cwd, ctx.today());
  const withdrawn = replacing ? replaceStatements(sub, session, plan) : undefined;
  if (!replacing) applyIngest(session, plan);
  const ingest = await summariseIngest(ingestTarget(replacing ? { ...session, statements: [] } : session), plan, true, session.settings, sub.dirFlag);
  const updated = loadSession(dir, ctx.io.cwd, ctx.today());
  if (updated.statements.length === 0 && ingest.rejected > 0) {
    // Every row was turned away: say why, rather than "add some with wtfc ingest".
    throw new WtfcError(`none of the ${count(ingest.read, 'row')} could be used: ${ingest.rejected} rejected, with the reasons, in ${ingest.rejectedFile}`, {
      hint: ingest.unknownValues.length > 0 ? `say what the labels mean with ${ingest.unknownValues.map((u) => `--value "${u.value}=…"`).join(' ')}, or fix the rows` : 'fix the rows that file lists, and run again',
    });
  }
  const model: ModelFlags = {
    modelEndpoint: options.modelEndpoint,
    embeddingsModel: options.embeddingsModel,
    chatModel: options.chatModel,
    allowRemote: options.allowRemote,
    offline: options.offline,
  };
  const theme = await themeSession(sub, { themes: options.themes, ...model }, updated);
  let render: RenderSummary;
  try {
    render = await renderSession(sub, { templates: options.templates, pii: options.pii }, updated);
  } catch (err) {
    // The statements and themes are saved; only the outputs wait for the findings to be resolved.
    if (err instanceof PiiBlocked) throw err.after(`the statements and themes are saved in ${ctx.show(dir)}, and \`wtfc render${sub.dirFlag}\` writes the outputs once the findings are resolved`);
    throw err;
  }
  return { session: ctx.show(dir), created: !existing, ingest, theme, render, report: render.files[0]!, failedStrict: false, ...(withdrawn ? { withdrawn } : {}) };
}

/**
 * Makes the session's statements exactly the plan's: the themes and every state in their history
 * first lose the statements that are gone (so undo never brings back a statement that is no longer
 * in the input), then rejected.csv and statements.csv are written afresh. Ids are the same for the
 * same rows, as the session's key is.
 */
function replaceStatements(ctx: Context, s: Session, plan: IngestPlan): { statements: number; notes: string[] } {
  const now = plan.result.added;
  const kept = new Set(now.map((st) => st.id));
  const gone = new Set(s.statements.filter((st) => !kept.has(st.id)).map((st) => st.id));
  let notes: string[] = [];
  if (gone.size > 0 && existsSync(s.paths.themes)) {
    const state = loadThemesState(ctx, s);
    const history = readHistory(s.paths.history, s.show(s.paths.history)).map((e) => ({ ...e, state: withdrawStatements(e.state, gone, now).set }));
    rewriteHistory(s.paths.history, history);
    const withdrawal = withdrawStatements(state.set, gone, now);
    notes = withdrawal.notes;
    saveThemes(ctx, { ...state, session: { ...s, statements: now }, history, unrecorded: undefined }, withdrawal.set, {
      action: 'withdraw',
      summary: `${gone.size} statement(s) no longer in the input taken out`,
    });
  }
  applyIngest({ ...s, statements: [] }, plan, { replace: true });
  return { statements: gone.size, notes };
}
