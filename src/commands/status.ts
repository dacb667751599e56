import { existsSync, statSync } from 'node:fs';
import { readPriorities } from '../session/priorities-file.js';
import { readPlanFile } from '../session/plan-file.js';
import { join } from 'node:path';
import { type Category, type Perspective, type ThemeSet, categories, perspectives } from '../core/model.js';
import { type Session, loadRejected, loadSession } from '../session/session.js';
import { currentThemes } from './themes-store.js';
import type { Context } from './context.js';
import { type SessionTexts, readSessionTexts, screenSession } from './pii-guard.js';
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
  const rejected = loadRejected(s).length;
  // Every typed text, for the screen; the themes among them are reused for the theme steps.
  const texts = s.statements.length > 0 ? readSessionTexts(s) : undefined;
  const set = texts?.themes ?? (existsSync(s.paths.themes) ? currentThemes(s) : undefined);
  const themeSteps = themeStatus(s, set);
  const steps: StepStatus[] = [
    { step: 'init', done: true, detail: `${s.show(s.paths.settings)} is valid` },
    {
      step: 'ingest',
      done: s.statements.length > 0,
      detail: s.statements.length > 0 ? `${count(s.statements.length, 'statement')}${rejected ? `, ${count(rejected, 'row')} in ${s.show(s.paths.rejected)}` : ''}` : 'no statements yet',
    },
    texts ? await screenStatus(s, texts) : { step: 'screen', done: false, detail: 'no statements yet' },
    ...themeSteps,
    prioritiseStatus(s),
    planStatus(s),
    renderStatus(s, themeSteps[0]!.done),
  ];
  const model = modelStatus(s, set?.engine.model);
  return {
    ...(model ? { model } : {}),
    dir: s.show(s.paths.dir),
    name: s.settings.name,
    council: s.settings.council,
    date: s.settings.date,
    statements: s.statements.length,
    rejected,
    ...counts(s),
    steps,
    next: nextCommand(s, steps),
  };
}

function counts(s: Session): Pick<StatusReport, 'byCategory' | 'byPerspective' | 'byCouncil'> {
  const byCategory = Object.fromEntries(categories.map((c) => [c, 0])) as Record<Category, number>;
  const byPerspective = Object.fromEntries(perspectives.map((p) => [p, 0])) as Record<Perspective, number>;
  const byCouncil: Record<string, number> = {};
  for (const st of s.statements) {
    byCategory[st.category]++;
    byPerspective[st.perspective]++;
    const council = st.council || '(none)';
    byCouncil[council] = (byCouncil[council] ?? 0) + 1;
  }
  return { byCategory, byPerspective, byCouncil };
}

async function screenStatus(s: Session, texts: SessionTexts): Promise<StepStatus> {
  const { policy, findings, ignored } = await screenSession(s, texts);
  const holders = new Set(findings.map(textKey)).size;
  const marked = ignored.length > 0 ? `; ${ignored.length} marked not personal` : '';
  const effect = policy === 'block' ? 'block the outputs' : policy === 'mask' ? 'are masked in the outputs' : 'are printed as they are';
  return {
    step: 'screen',
    done: findings.length === 0 || policy !== 'block',
    detail: findings.length === 0 ? `no personal details found${marked}` : `${findings.length} personal detail(s) in ${holders} text(s) ${effect} (pii.policy: ${policy})${marked}`,
  };
}

/** Theme (every statement placed) and review (every theme locked by a facilitator, or parked). */
function themeStatus(s: Session, set: ThemeSet | undefined): [StepStatus, StepStatus] {
  if (!set) return [{ step: 'theme', done: false, detail: 'no themes yet' }, { step: 'review', done: false, detail: 'no themes yet' }];
  const all = categories.flatMap((c) => set.categories[c].themes);
  const placed = new Set(categories.flatMap((c) => [...set.categories[c].themes.flatMap((t) => t.statements), ...set.categories[c].unthemed]));
  const waiting = s.statements.filter((st) => !placed.has(st.id)).length;
  const themed = waiting === 0 && s.statements.length > 0;
  const locked = all.filter((t) => t.locked).length;
  const parked = all.filter((t) => t.parked && !t.locked).length;
  const edited = all.filter((t) => t.edited).length;
  return [
    { step: 'theme', done: themed, detail: waiting > 0 ? `${count(all.length, 'theme')}; ${count(waiting, 'statement')} added since, not yet themed` : count(all.length, 'theme') },
    {
      step: 'review',
      done: themed && locked + parked === all.length,
      detail: `${locked} of ${count(all.length, 'theme')} locked as reviewed${parked ? `, ${parked} parked` : ''}${edited ? `, ${edited} edited` : ''}`,
    },
  ];
}

function prioritiseStatus(s: Session): StepStatus {
  const recorded = readPriorities(s.paths.priorities, s.show(s.paths.priorities));
  if (!recorded) return { step: 'prioritise', done: false, detail: 'not yet (import votes with `wtfc votes import`, then `wtfc prioritise`)' };
  return { step: 'prioritise', done: true, detail: `by ${recorded.method ?? '?'}; going forward: ${(recorded.top ?? []).join(', ')}` };
}

function planStatus(s: Session): StepStatus {
  if (!existsSync(s.paths.plan)) return { step: 'plan', done: false, detail: 'no plan yet' };
  const plan = readPlanFile(s.paths.plan, s.show(s.paths.plan));
  const actions = plan.themes.flatMap((t) => t.actions);
  const done = actions.filter((a) => a.status === 'done').length;
  return { step: 'plan', done: actions.length > 0, detail: `${plan.themes.length} theme(s) planned, ${actions.length} action(s), ${done} done` };
}

/** Outputs made before the last change to what they print are out of date. */
function renderStatus(s: Session, themed: boolean): StepStatus {
  const report = join(s.paths.out, 'report.md');
  const rendered = existsSync(report);
  const changed = rendered ? newerThan(statSync(report).mtimeMs, [s.paths.statements, s.paths.themes, s.paths.votes, s.paths.ballots, s.paths.priorities, s.paths.plan, s.paths.settings]) : [];
  return {
    step: 'render',
    done: rendered && themed && changed.length === 0,
    detail: !rendered ? 'no report yet' : changed.length > 0 ? `${s.show(report)} is out of date: ${changed.map((f) => s.show(f)).join(', ')} changed since` : s.show(report),
  };
}

/**
 * The next step is the first one not done after the last step of the method that is done: a
 * room that has prioritised and planned has moved past review, even with themes not locked.
 * Rendering is not such a step: `wtfc run` renders a report before anyone has reviewed a theme.
 */
function nextCommand(s: Session, steps: readonly StepStatus[]): string {
  const dirFlag = s.show(s.paths.dir) === '.' ? '' : ` -C ${s.show(s.paths.dir)}`;
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
  return nextStep ? commands[nextStep.step] : '';
}

/** The session's model server, as `wtfc theme` would judge it, and the models its themes came from. */
function modelStatus(s: Session, themesModel: { embeddings?: string; chat?: string } | undefined): StatusReport['model'] {
  const { endpoint, embeddings, chat } = s.settings.model;
  let refused: string | undefined;
  try {
    modelFor(s.settings.model);
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    refused = err.message;
  }
  return endpoint !== '' || themesModel ? { endpoint, embeddings, chat, ...(refused ? { refused } : {}), ...(themesModel ? { themes: themesModel } : {}) } : undefined;
}

/** The files among `paths` changed after `time` (a modification time in ms). */
function newerThan(time: number, paths: readonly string[]): string[] {
  return paths.filter((p) => existsSync(p) && statSync(p).mtimeMs > time + 1);
}
