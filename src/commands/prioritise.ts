import { WtfcError } from '../errors.js';
import { type HistoryEntry, readHistory } from '../session/history.js';
import { categories, categoryTitles, type ThemeSet } from '../core/model.js';
import type { Settings } from '../core/settings.js';
import { type Method, type Prioritisation, type PriorityChoice, isMethod, methodNames, prioritiesFrom } from '../core/prioritise.js';

import { writePriorities } from '../session/priorities-file.js';
import { type Session, loadSession } from '../session/session.js';
import type { Context } from './context.js';
import { loadThemesState } from './themes-store.js';
import { parseCategory, positive } from './flags.js';
import { loadVotes } from './votes.js';

export interface PrioritiseOptions {
  method?: string;
  category?: string;
  top?: string;
  include?: string[];
}

/** What to prioritise as the flags say it, or as `priorities.yaml` recorded it (N as a number). */
export type PriorityRequest = Omit<PrioritiseOptions, 'top'> & { top?: string | number };

/**
 * Ranks one category's themes by a method and picks the top N. Without a method: dots when dot
 * votes exist, else Borda when ranked ballots exist, else statement counts.
 */
export function computePriorities(s: Session, set: ThemeSet, options: PriorityRequest): Prioritisation {
  const { votes, ballots } = loadVotes(s);
  // Votes for a theme merged away since count for the theme it was merged into, and say so.
  const merged = mergedInto(readHistory(s.paths.history, s.show(s.paths.history)), set);
  const moved = (id: string) => merged.get(id) ?? id;
  const result = prioritiesFrom(
    { weights: s.settings.prioritise.weights, statements: s.statements, set, votes: votes.map((v) => ({ ...v, theme: moved(v.theme) })), ballots: ballots.map((b) => ({ ...b, ranking: [...new Set(b.ranking.map(moved))] })) },
    priorityChoice(s.settings, options),
  );
  const counted = [...merged].filter(([from]) => votes.some((v) => v.theme === from) || ballots.some((b) => b.ranking.includes(from)));
  if (counted.length > 0) result.notes.push(`votes for ${counted.map(([from, to]) => `${from} count for ${to}, which it was merged into`).join('; ')}`);
  return result;
}

/**
 * Each theme merged away, and the theme it was merged into, as the history of the themes tells it:
 * the theme that took most of its statements when it went, followed through later merges, when
 * that theme is still there.
 */
export function mergedInto(history: readonly HistoryEntry[], now: ThemeSet): Map<string, string> {
  const exists = new Set(categories.flatMap((c) => now.categories[c].themes.map((t) => t.id)));
  const into = new Map<string, string>();
  for (let i = 1; i < history.length; i++) {
    if (history[i]!.action !== 'merge') continue;
    const before = categories.flatMap((c) => history[i - 1]!.state.categories[c].themes);
    const after = categories.flatMap((c) => history[i]!.state.categories[c].themes);
    const afterIds = new Set(after.map((t) => t.id));
    for (const gone of before.filter((t) => !afterIds.has(t.id))) {
      const home = after.find((t) => gone.statements.length > 0 && gone.statements.every((id) => t.statements.includes(id)));
      if (home) into.set(gone.id, home.id);
    }
  }
  // Through later merges, to a theme that is still there; one still there is not moved.
  const result = new Map<string, string>();
  for (const [from] of into) {
    if (exists.has(from)) continue;
    let to = into.get(from)!;
    for (let hops = 0; !exists.has(to) && into.has(to) && hops < into.size; hops++) to = into.get(to)!;
    if (exists.has(to)) result.set(from, to);
  }
  return result;
}

/**
 * The method, category, N and tie-break choice that flags (or a recorded prioritisation) ask for,
 * checked, with the session's settings for what they leave out.
 */
export function priorityChoice(settings: Settings, options: PriorityRequest): PriorityChoice {
  const category = options.category === undefined ? settings.prioritise.category : parseCategory(options.category);
  const top = options.top === undefined ? settings.prioritise.top : typeof options.top === 'number' ? options.top : positive(options.top, '--top');
  let method: Method | undefined;
  if (options.method === undefined) method = undefined;
  else if (isMethod(options.method)) method = options.method;
  else throw new WtfcError(`--method ${options.method}: expected one of ${methodNames.join(', ')}`);
  return { method, category, top, include: options.include ?? [] };
}

export interface PrioritiseSummary extends Prioritisation {
  file: string;
}

/** Ranks the themes and records the top N in `priorities.yaml` for the plan. */
export async function prioritiseSession(ctx: Context, options: PrioritiseOptions): Promise<PrioritiseSummary> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set } = loadThemesState(ctx, s);
  const category = options.category === undefined ? s.settings.prioritise.category : parseCategory(options.category);
  const all = set.categories[category].themes;
  if (all.every((t) => t.parked)) {
    throw new WtfcError(`${categoryTitles[category]} has no themes to prioritise${all.length > 0 ? ' (all are parked)' : ''}`, {
      hint: all.length > 0 ? 'unpark one with `wtfc themes unpark ID`' : 'theme the statements first with `wtfc theme`, or choose another --category',
    });
  }
  const p = computePriorities(s, set, options);
  writePriorities(s.paths.priorities, p, ctx.io.now());
  return { ...p, file: s.show(s.paths.priorities) };
}



