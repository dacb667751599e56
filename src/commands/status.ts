import { existsSync, statSync } from 'node:fs';
import { readText } from '../session/atomic.js';
import { readPriorities } from '../session/priorities-file.js';
import { parsePlanFile } from '../session/plan-file.js';
import { join } from 'node:path';
import { type Category, type Perspective, categories, perspectives } from '../core/model.js';
import { loadRejected, loadSession } from '../session/session.js';
import { currentThemes } from './themes-store.js';
import type { Context } from './context.js';
import { readSessionTexts, screenSession } from './pii-guard.js';
import { textKey } from '../pii/screen.js';
import { WtfcError } from '../errors.js';
import { modelFor } from '../model/server.js';
import { count } from '../core/text.js';

export interface StepStatus {
  step: 'init' | 'ingest' | 'screen' | 'theme' | 'review' | 'prioritise' | 'plan' | 'render';
  done: boolean;
  detail: string;
}

export interface StatusReport {
  dir: string;
  name: string;
  council: string;
  date: string;
  statements: number;
  rejected: number;
  byCategory: Record<Category, number>;
  byPerspective: Record<Perspective, number>;
  byCouncil: Record<string, number>;
  steps: StepStatus[];
  /**
   * The local model server the session is set to use (wtfc.yaml's `model`), and the models that
   * took part in its themes (themes.yaml), when any did. Absent when neither.
   */
  model?: { endpoint: string; embeddings: string; chat: string; refused?: string; themes?: { embeddings?: string; chat?: string } };
  /** The command to run next, or '' when every step is done. */
  next: string;
}

/** Where the session stands: what it holds, which steps are done, what to run next. */
export async function sessionStatus(ctx: Context): Promise<StatusReport> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const byCategory = Object.fromEntries(categories.map((c) => [c, 0])) as Record<Category, number>;
  const byPerspective = Object.fromEntries(perspectives.map((p) => [p, 0])) as Record<Perspective, number>;
  const byCouncil: Record<string, number> = {};
  for (const st of s.statements) {
    byCategory[st.category]++;
    byPerspective[st.perspective]++;
    const council = st.council || '(none)';
    byCouncil[council] = (byCouncil[council] ?? 0) + 1;
  }
  const rejected = loadRejected(s).length;

  const steps: StepStatus[] = [{ step: 'init', done: true, detail: `${s.show(s.paths.settings)} is valid` }];
  steps.push({
    step: 'ingest',
    done: s.statements.length > 0,
    detail: s.statements.length > 0 ? `${count(s.statements.length, 'statement')}${rejected ? `, ${count(rejected, 'row')} in ${s.show(s.paths.rejected)}` : ''}` : 'no statements yet',
  });

  // Every typed text, for the screen; the themes among them are reused below.
  const texts = s.statements.length > 0 ? readSessionTexts(s) : undefined;
  if (texts) {
    const { policy, findings, ignored } = await screenSession(s, texts);
    const holders = new Set(findings.map(textKey)).size;
    const marked = ignored.length > 0 ? `; ${ignored.length} marked not personal` : '';
    steps.push({
      step: 'screen',
      done: findings.length === 0 || policy !== 'block',
      detail:
        findings.length === 0
          ? `no personal details found${marked}`
          : `${findings.length} personal detail(s) in ${holders} text(s) ${policy === 'block' ? 'block the outputs' : policy === 'mask' ? 'are masked in the outputs' : 'are printed as they are'} (pii.policy: ${policy})${marked}`,
    });
  } else {
    steps.push({ step: 'screen', done: false, detail: 'no statements yet' });
  }

  let themed = false;
  let themesModel: { embeddings?: string; chat?: string } | undefined;
  if (existsSync(s.paths.themes)) {
    const set = texts?.themes ?? currentThemes(s);
    themesModel = set.engine.model;
    const placed = new Set<string>();
    let themes = 0;
    for (const c of categories) {
      themes += set.categories[c].themes.length;
      for (const t of set.categories[c].themes) for (const id of t.statements) placed.add(id);
      for (const id of set.categories[c].unthemed) placed.add(id);
    }
    const waiting = s.statements.filter((st) => !placed.has(st.id)).length;
    themed = waiting === 0 && s.statements.length > 0;
    steps.push({
      step: 'theme',
      done: themed,
      detail: waiting > 0 ? `${count(themes, 'theme')}; ${count(waiting, 'statement')} added since, not yet themed` : count(themes, 'theme'),
    });
    // Reviewed: every theme locked by a facilitator, or parked.
    const all = categories.flatMap((c) => set.categories[c].themes);
    const locked = all.filter((t) => t.locked).length;
    const parked = all.filter((t) => t.parked && !t.locked).length;
    const edited = all.filter((t) => t.edited).length;
    steps.push({
      step: 'review',
      done: themed && locked + parked === all.length,
      detail: `${locked} of ${count(all.length, 'theme')} locked as reviewed${parked ? `, ${parked} parked` : ''}${edited ? `, ${edited} edited` : ''}`,
    });
  } else {
    steps.push({ step: 'theme', done: false, detail: 'no themes yet' });
    steps.push({ step: 'review', done: false, detail: 'no themes yet' });
  }
  if (existsSync(s.paths.priorities)) {
    const recorded = readPriorities(s.paths.priorities, s.show(s.paths.priorities))!;
    steps.push({ step: 'prioritise', done: true, detail: `by ${recorded.method ?? '?'}; going forward: ${(recorded.top ?? []).join(', ')}` });
  } else {
    steps.push({ step: 'prioritise', done: false, detail: 'not yet (import votes with `wtfc votes import`, then `wtfc prioritise`)' });
  }
  if (existsSync(s.paths.plan)) {
    const plan = parsePlanFile(readText(s.paths.plan), s.show(s.paths.plan));
    const actions = plan.themes.flatMap((t) => t.actions);
    const done = actions.filter((a) => a.status === 'done').length;
    steps.push({ step: 'plan', done: actions.length > 0, detail: `${plan.themes.length} theme(s) planned, ${actions.length} action(s), ${done} done` });
  } else {
    steps.push({ step: 'plan', done: false, detail: 'no plan yet' });
  }
  const report = join(s.paths.out, 'report.md');
  const rendered = existsSync(report);
  // Outputs made before the last change to what they print are out of date.
  const changed = rendered ? newerThan(statSync(report).mtimeMs, [s.paths.statements, s.paths.themes, s.paths.votes, s.paths.ballots, s.paths.priorities, s.paths.plan, s.paths.settings]) : [];
  steps.push({
    step: 'render',
    done: rendered && themed && changed.length === 0,
    detail: !rendered ? 'no report yet' : changed.length > 0 ? `${s.show(report)} is out of date: ${changed.map((f) => s.show(f)).join(', ')} changed since` : s.show(report),
  });

  const dirFlag = s.show(s.paths.dir) === '.' ? '' : ` -C ${s.show(s.paths.dir)}`;
  // The next step is the first one not done after the last step of the method that is done: a
  // room that has prioritised and planned has moved past review, even with themes not locked.
  // Rendering is not such a step: `wtfc run` renders a report before anyone has reviewed a theme.
  const lastDone = steps.reduce((at, st, i) => (st.done && st.step !== 'render' ? i : at), -1);
  const nextStep = steps.slice(lastDone + 1).find((st) => !st.done);
  const commands: Record<StepStatus['step'], string> = {
    init: `wtfc init`,
    ingest: `wtfc ingest FILE...${dirFlag}`,
    screen: `wtfc pii${dirFlag}`,
    theme: `wtfc theme${dirFlag}`,
    review: `wtfc review${dirFlag}`,
    prioritise: `wtfc prioritise${dirFlag}`,
    plan: `wtfc plan${dirFlag}`,
    render: `wtfc render${dirFlag}`,
  };
  const { endpoint, embeddings, chat } = s.settings.model;
  // The same check `wtfc theme` makes: a server it would refuse is not one the session uses.
  let refused: string | undefined;
  try {
    modelFor(s.settings.model);
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    refused = err.message;
  }
  const model = endpoint !== '' || themesModel ? { endpoint, embeddings, chat, ...(refused ? { refused } : {}), ...(themesModel ? { themes: themesModel } : {}) } : undefined;
  return {
    ...(model ? { model } : {}),
    dir: s.show(s.paths.dir),
    name: s.settings.name,
    council: s.settings.council,
    date: s.settings.date,
    statements: s.statements.length,
    rejected,
    byCategory,
    byPerspective,
    byCouncil,
    steps,
    next: nextStep ? commands[nextStep.step] : '',
  };
}

/** The files among `paths` changed after `time` (a modification time in ms). */
function newerThan(time: number, paths: readonly string[]): string[] {
  return paths.filter((p) => existsSync(p) && statSync(p).mtimeMs > time + 1);
}
