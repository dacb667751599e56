import { readPriorities } from '../session/priorities-file.js';
import { WtfcError } from '../errors.js';
import { likelyId } from '../theming/edit.js';
import { categories, type Theme } from '../core/model.js';
import { type Action, type ActionStatus, actionStatuses, type Plan, type ThemePlan } from '../core/plan.js';
import { isDate, planDrift, readPlanFile, writePlanFile } from '../session/plan-file.js';
import { readPlanHistory, writePlanHistory } from '../session/plan-history.js';
import { type Session, loadSession } from '../session/session.js';
import type { Context } from './context.js';
import { loadThemesState } from './themes-store.js';

/** The plan, the themes it is about, and which of them are the recorded priorities. */
export interface PlanState {
  session: Session;
  plan: Plan;
  /** The plan as it was read, for the history. */
  before: Plan;
  file: string;
  themes: Map<string, Theme>;
  /** The theme ids `wtfc prioritise` recorded as going forward. */
  priorities: string[];
}

export function loadPlan(ctx: Context, session?: Session): PlanState {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set } = loadThemesState(ctx, s);
  const file = s.paths.plan;
  const plan = readPlanFile(file, s.show(file));
  const priorities = readPriorities(s.paths.priorities, s.show(s.paths.priorities))?.top ?? [];
  return { session: s, plan, file, before: structuredClone(plan), themes: new Map(categories.flatMap((c) => set.categories[c].themes).map((t) => [t.id, t])), priorities };
}

function recordPlanChange(st: PlanState, change: string, now: Date): void {
  const { paths, show } = st.session;
  const history = readPlanHistory(paths.planHistory, show(paths.planHistory));
  history.push({ at: now.toISOString(), change, before: st.before });
  writePlanHistory(paths.planHistory, history);
}

/** Steps back from the last change to the plan. */
export function undoPlan(ctx: Context): { file: string; summary: string } {
  const st = loadPlan(ctx);
  const { paths, show } = st.session;
  const history = readPlanHistory(paths.planHistory, show(paths.planHistory));
  const last = history.pop();
  if (!last) throw new WtfcError('there is no change to the plan to undo');
  writePlanFile(st.file, last.before);
  writePlanHistory(paths.planHistory, history);
  return { file: st.session.show(st.file), summary: `undid: ${last.change}` };
}

/** Finds a cause, success statement or action by its id (c1, s1, a1) anywhere in the plan. */
function planItem(st: PlanState, id: string): { theme: ThemePlan; kind: 'cause' | 'success' | 'action' } {
  for (const theme of st.plan.themes) {
    if (theme.causes.some((c) => c.id === id)) return { theme, kind: 'cause' };
    if (theme.success.some((x) => x.id === id)) return { theme, kind: 'success' };
    if (theme.actions.some((a) => a.id === id)) return { theme, kind: 'action' };
  }
  const all = st.plan.themes.flatMap((t) => [...t.causes, ...t.success, ...t.actions].map((x) => x.id));
  throw new WtfcError(`there is no cause, success statement or action ${id}`, {
    hint: all.length > 0 ? `the plan's ids are ${all.join(', ')}; \`wtfc plan show\` lists them` : 'the plan is empty',
  });
}

/**
 * Changes a cause's or a success statement's text (`text`), or an action's fields (`fields`: any
 * of what, who, by, measure). The same checks as adding apply.
 */
export function editPlanItem(ctx: Context, id: string, text: string | undefined, fields: ActionFields, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  const { theme, kind } = planItem(st, id);
  const given = (['what', 'who', 'by', 'measure'] as const).filter((k) => fields[k] !== undefined);
  if (kind === 'action') {
    if (text !== undefined) throw new WtfcError(`${id} is an action: change it with --what, --who, --by or --measure`);
    if (given.length === 0) throw new WtfcError(`nothing to change in ${id}`, { hint: 'give --what, --who, --by or --measure' });
    const action = theme.actions.find((a) => a.id === id)!;
    for (const k of given) {
      const value = fields[k]!.trim();
      if (value === '') throw new WtfcError(`--${k} is empty`);
      if (k === 'by' && !isDate(value)) throw new WtfcError(`--by ${value}: expected a real date written YYYY-MM-DD`);
      action[k] = value;
    }
    return save(ctx, st, theme, `changed ${id}'s ${given.join(', ')}`);
  }
  if (given.length > 0) throw new WtfcError(`${id} is a ${kind === 'cause' ? 'cause' : 'success statement'}: give its new text, not --${given[0]}`);
  const body = required(text, `the new text of ${id}`);
  if (kind === 'success' && !/^I\b|^I['’]/.test(body)) {
    throw new WtfcError('a success statement is an "I" statement, from the person\'s side', { hint: 'start it with "I", e.g. "I know who is coming and when"' });
  }
  const item = kind === 'cause' ? theme.causes.find((c) => c.id === id)! : theme.success.find((x) => x.id === id)!;
  item.text = body;
  return save(ctx, st, theme, `changed ${id}'s text`);
}

/**
 * Removes a cause, success statement or action. The causes that answered "why?" about a removed
 * cause move up to explain what it explained, so no one's words go with it.
 */
export function removePlanItem(ctx: Context, id: string, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  const { theme, kind } = planItem(st, id);
  if (kind === 'cause') {
    const gone = theme.causes.find((c) => c.id === id)!;
    const moved = theme.causes.filter((c) => c.because === id);
    for (const c of moved) {
      if (gone.because) c.because = gone.because;
      else delete c.because;
    }
    theme.causes = theme.causes.filter((c) => c.id !== id);
    return save(ctx, st, theme, `removed cause ${id} from ${theme.theme}${moved.length > 0 ? `; ${moved.map((c) => c.id).join(', ')} now explain${moved.length === 1 ? 's' : ''} ${gone.because ?? 'the theme'}` : ''}`);
  }
  if (kind === 'success') theme.success = theme.success.filter((x) => x.id !== id);
  else theme.actions = theme.actions.filter((a) => a.id !== id);
  return save(ctx, st, theme, `removed ${kind === 'success' ? 'success statement' : 'action'} ${id} from ${theme.theme}`);
}

export interface PlanChange {
  file: string;
  summary: string;
  /** Said when the theme is not one of the recorded priorities. */
  note?: string;
  theme: ThemePlan;
}

function save(ctx: Context, st: PlanState, theme: ThemePlan, summary: string): PlanChange {
  // The plan as it was goes into plan-history.jsonl first, so `wtfc plan undo` can bring it back.
  recordPlanChange(st, summary, ctx.io.now());
  writePlanFile(st.file, st.plan);
  // A walk makes several changes with one state: the next one starts from this.
  st.before = structuredClone(st.plan);
  const note = st.priorities.length > 0 && !st.priorities.includes(theme.theme) ? `${theme.theme} is not one of the recorded priorities (${st.priorities.join(', ')})` : undefined;
  return { file: st.session.show(st.file), summary, ...(note ? { note } : {}), theme };
}

/** The theme's part of the plan, made when first needed. An unknown theme id is refused. */
function themePlan(st: PlanState, id: string, dirFlag: string): ThemePlan {
  if (!st.themes.has(id)) {
    const meant = likelyId(id, [...st.themes.keys()]);
    throw new WtfcError(`there is no theme ${id}`, {
      hint: meant ? `did you mean ${meant}?` : st.priorities.length > 0 ? `the priorities are ${st.priorities.join(', ')}` : `see the themes with \`wtfc themes list${dirFlag}\``,
    });
  }
  let t = st.plan.themes.find((x) => x.theme === id);
  if (!t) {
    t = { theme: id, name: '', causes: [], success: [], actions: [] };
    st.plan.themes.push(t);
  }
  // The name it is planned under now.
  t.name = st.themes.get(id)!.name;
  return t;
}

/** The next id of a kind (c1, s1, a1), unique across the whole plan. */
function nextId(plan: Plan, prefix: 'c' | 's' | 'a'): string {
  const used = plan.themes.flatMap((t) => [...t.causes, ...t.success, ...t.actions].map((x) => x.id));
  let n = 1 + Math.max(0, ...used.filter((x) => new RegExp(`^${prefix}\\d+$`).test(x)).map((x) => Number(x.slice(1))));
  while (used.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new WtfcError(`${what} is missing or empty`);
  return value.trim();
}

export function addCause(ctx: Context, themeId: string, text: string, because?: string, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  const body = required(text, 'the cause');
  const t = themePlan(st, themeId, ctx.dirFlag);
  if (because !== undefined && !t.causes.some((c) => c.id === because)) {
    throw new WtfcError(`--because ${because}: there is no cause ${because} for ${themeId}`, {
      hint: t.causes.length > 0 ? `its causes are ${t.causes.map((c) => c.id).join(', ')}` : 'add the first "why?" without --because',
    });
  }
  const id = nextId(st.plan, 'c');
  t.causes.push({ id, text: body, ...(because ? { because } : {}) });
  return save(ctx, st, t, `added cause ${id} to ${themeId}${because ? `, because of ${because}` : ''}`);
}

export function addSuccess(ctx: Context, themeId: string, text: string, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  const body = required(text, 'the success statement');
  if (!/^I\b|^I['’]/.test(body)) {
    throw new WtfcError('a success statement is an "I" statement, from the person\'s side', { hint: 'start it with "I", e.g. "I know who is coming and when"' });
  }
  const t = themePlan(st, themeId, ctx.dirFlag);
  const id = nextId(st.plan, 's');
  t.success.push({ id, text: body });
  return save(ctx, st, t, `added success statement ${id} to ${themeId}`);
}

export interface ActionFields {
  what?: string;
  who?: string;
  by?: string;
  measure?: string;
}

export function addAction(ctx: Context, themeId: string, fields: ActionFields, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  const missing = (['what', 'who', 'by', 'measure'] as const).filter((k) => fields[k] === undefined || fields[k]!.trim() === '');
  if (missing.length > 0) {
    throw new WtfcError(`an action needs ${missing.map((k) => `--${k}`).join(', ')}`, { hint: 'what will be done, who does it, by when (YYYY-MM-DD) and how we will know' });
  }
  const by = fields.by!.trim();
  if (!isDate(by)) throw new WtfcError(`--by ${by}: expected a real date written YYYY-MM-DD`);
  const t = themePlan(st, themeId, ctx.dirFlag);
  const action: Action = { id: nextId(st.plan, 'a'), what: fields.what!.trim(), who: fields.who!.trim(), by, measure: fields.measure!.trim(), status: 'not-started' };
  t.actions.push(action);
  return save(ctx, st, t, `added action ${action.id} to ${themeId}: ${action.what} (who: ${action.who}; by ${action.by})`);
}

export function setStatus(ctx: Context, actionId: string, status: string, state?: PlanState): PlanChange {
  const st = state ?? loadPlan(ctx);
  if (!(actionStatuses as readonly string[]).includes(status)) throw new WtfcError(`status ${status}: expected one of ${actionStatuses.join(', ')}`);
  const t = st.plan.themes.find((x) => x.actions.some((a) => a.id === actionId));
  if (!t) {
    const all = st.plan.themes.flatMap((x) => x.actions.map((a) => a.id));
    throw new WtfcError(`there is no action ${actionId}`, { hint: all.length > 0 ? `the actions are ${all.join(', ')}` : 'add one with `wtfc plan action THEME_ID --what … --who … --by … --measure …`' });
  }
  const action = t.actions.find((a) => a.id === actionId)!;
  const before = action.status;
  action.status = status as ActionStatus;
  return save(ctx, st, t, before === status ? `${actionId} was already ${status}` : `${actionId} is now ${status} (was ${before})`);
}

export interface PlanView {
  file: string;
  priorities: string[];
  /** Where the plan and the themes have drifted apart. */
  notes: string[];
  themes: (ThemePlan & { name: string; priority: boolean })[];
}

/** The plan for showing: every priority theme (planned or not), then any other planned theme. */
export function showPlan(ctx: Context): PlanView {
  const st = loadPlan(ctx);
  const ids = [...st.priorities, ...st.plan.themes.map((t) => t.theme).filter((id) => !st.priorities.includes(id))];
  return {
    file: st.session.show(st.file),
    priorities: st.priorities,
    notes: planDrift(st.plan, new Map([...st.themes].map(([id, t]) => [id, t.name]))),
    themes: ids.map((id) => ({
      ...(st.plan.themes.find((t) => t.theme === id) ?? { theme: id, name: '', causes: [], success: [], actions: [] }),
      name: st.themes.get(id)?.name ?? '(no longer a theme)',
      priority: st.priorities.includes(id),
    })),
  };
}
