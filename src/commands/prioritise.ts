import { stringify } from 'yaml';
import { WtfcError } from '../errors.js';
import { type HistoryEntry, readHistory } from '../session/history.js';
import { type Category, type Statement, categories, categoryTitles } from '../core/model.js';
import type { Settings } from '../session/settings.js';
import { type Ballot, type Divided, type DotVote, type Method, type RankedTheme, dividedThemes, isMethod, methodNames, methods, prioritise, topPriorities } from '../core/prioritise.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import type { ThemeSet } from '../theming/engine.js';
import type { Context } from './context.js';
import { checkCategory, loadThemesState } from './themes.js';
import { loadVotes } from './votes.js';

export interface PrioritiseOptions {
  method?: string;
  category?: string;
  top?: string;
  include?: string[];
}

export interface Prioritisation {
  method: Method;
  category: Category;
  categoryTitle: string;
  /** What the method computes, and how it breaks ties. */
  computes: string;
  tieRule: string;
  ranking: RankedTheme[];
  top: RankedTheme[];
  n: number;
  tieAtCut: boolean;
  /** The themes tied at the cut, when a tie straddles it. */
  tiedAtCut: string[];
  included: string[];
  /** Parked themes, left out. */
  parked: string[];
  weights: Record<string, number>;
  arithmetic: Record<string, unknown>;
  divided: Divided[];
  /** Things the facilitator should know about the votes behind the ranking. */
  notes: string[];
}

/**
 * Ranks one category's themes by a method and picks the top N. Without a method: dots when dot
 * votes exist, else Borda when ranked ballots exist, else statement counts.
 */
export function computePriorities(s: Session, set: ThemeSet, options: PrioritiseOptions): Prioritisation {
  const { votes, ballots } = loadVotes(s);
  // Votes for a theme merged away since count for the theme it was merged into, and say so.
  const merged = mergedInto(readHistory(s.paths.history, s.show(s.paths.history)), set);
  const moved = (id: string) => merged.get(id) ?? id;
  const result = prioritiesFrom(
    { settings: s.settings, statements: s.statements, set, votes: votes.map((v) => ({ ...v, theme: moved(v.theme) })), ballots: ballots.map((b) => ({ ...b, ranking: [...new Set(b.ranking.map(moved))] })) },
    options,
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

/** The same, from data in hand. */
export function prioritiesFrom(
  s: { settings: Settings; statements: readonly Statement[]; set: ThemeSet; votes: readonly DotVote[]; ballots: readonly Ballot[] },
  options: PrioritiseOptions,
): Prioritisation {
  const { set, votes, ballots } = s;
  const category = options.category === undefined ? s.settings.prioritise.category : checkCategory(options.category);
  const n = options.top === undefined ? s.settings.prioritise.top : positive(options.top, '--top');
  const all = set.categories[category].themes;
  const themes = all.filter((t) => !t.parked);
  const ids = new Set(themes.map((t) => t.id));
  const hasDots = votes.some((v) => ids.has(v.theme) && v.dots > 0);
  const hasBallots = ballots.some((b) => b.ranking.some((id) => ids.has(id)));
  let method: Method;
  if (options.method === undefined) method = hasDots ? 'dots' : hasBallots ? 'borda' : 'count';
  else if (isMethod(options.method)) method = options.method;
  else throw new WtfcError(`--method ${options.method}: expected one of ${methodNames.join(', ')}`);
  const uses = methods[method].uses;
  if (uses === 'dots' && !hasDots) {
    throw new WtfcError(`--method ${method} needs dot votes for ${categoryTitles[category]}, and there are none`, { hint: 'import them with `wtfc votes import FILE`, or use --method count' });
  }
  if (uses === 'ballots' && !hasBallots) {
    throw new WtfcError(`--method ${method} needs ranked ballots for ${categoryTitles[category]}, and there are none`, { hint: 'import them with `wtfc votes import FILE` (voter,perspective,rank1,rank2,…)' });
  }
  const input = { themes, statements: s.statements, votes, ballots, weights: s.settings.prioritise.weights };
  const { ranking, arithmetic } = prioritise(method, input);
  // A theme nobody voted for never goes forward on a tie: it is not a choice the room made.
  const eligible = uses === 'statements' ? ranking : ranking.filter((r) => r.score > 0 || method === 'schulze');
  const include = options.include ?? [];
  const picked = topPriorities(eligible, n, include);
  for (const id of include) {
    if (!picked.tiedAtCut.some((r) => r.themeId === id)) {
      throw new WtfcError(
        picked.tieAtCut ? `${id} is not one of the themes tied at the cut (${picked.tiedAtCut.map((r) => r.themeId).join(', ')})` : `--include ${id}: there is no tie at the cut to choose from`,
        { hint: '--include chooses among themes tied at the top-N cut' },
      );
    }
  }
  if (include.length > 0 && new Set(include).size !== picked.places) {
    throw new WtfcError(`${picked.places} place(s) are left at the cut, and --include names ${new Set(include).size}`, {
      hint: `name exactly ${picked.places} of ${picked.tiedAtCut.map((r) => r.themeId).join(', ')}`,
    });
  }
  const notes: string[] = [];
  if (eligible.length < n && uses !== 'statements') notes.push(`only ${eligible.length} theme(s) received any votes, so only they go forward`);
  const known = new Set(categories.flatMap((c) => set.categories[c].themes.map((t) => t.id)));
  const gone = [...new Set([...votes.map((v) => v.theme), ...ballots.flatMap((b) => b.ranking)].filter((id) => !known.has(id)))];
  if (gone.length > 0 && uses !== 'statements') {
    notes.push(`votes name theme(s) that no longer exist (${gone.join(', ')}), perhaps after a merge: they are not counted; import the votes again with --replace if they should be`);
  }
  return {
    method,
    category,
    categoryTitle: categoryTitles[category],
    computes: methods[method].computes,
    tieRule: methods[method].tieRule,
    ranking,
    top: picked.top,
    n,
    tieAtCut: picked.tieAtCut && include.length === 0,
    tiedAtCut: picked.tiedAtCut.map((r) => r.themeId),
    included: include,
    parked: all.filter((t) => t.parked).map((t) => t.id),
    weights: method === 'weighted' ? Object.fromEntries(Object.entries(s.settings.prioritise.weights)) : {},
    arithmetic,
    divided: dividedThemes(method, input, n),
    notes,
  };
}

export interface PrioritiseSummary extends Prioritisation {
  file: string;
}

/** Ranks the themes and records the top N in `priorities.yaml` for the plan. */
export async function prioritiseSession(ctx: Context, options: PrioritiseOptions): Promise<PrioritiseSummary> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set } = loadThemesState(ctx, s);
  const category = options.category === undefined ? s.settings.prioritise.category : checkCategory(options.category);
  const all = set.categories[category].themes;
  if (all.every((t) => t.parked)) {
    throw new WtfcError(`${categoryTitles[category]} has no themes to prioritise${all.length > 0 ? ' (all are parked)' : ''}`, {
      hint: all.length > 0 ? 'unpark one with `wtfc themes unpark ID`' : 'theme the statements first with `wtfc theme`, or choose another --category',
    });
  }
  const p = computePriorities(s, set, options);
  writeFileAtomic(s.paths.priorities, renderPrioritiesFile(p, ctx.io.now()));
  return { ...p, file: s.show(s.paths.priorities) };
}


function renderPrioritiesFile(p: Prioritisation, now: Date): string {
  const body = {
    version: 1,
    recorded: now.toISOString(),
    method: p.method,
    category: p.category,
    n: p.n,
    top: p.top.map((r) => r.themeId),
    tie_at_cut: p.tieAtCut,
    included: p.included,
    ranking: p.ranking.map((r) => ({ rank: r.rank, theme: r.themeId, name: r.themeName, score: r.score })),
  };
  return `# wtfc priorities: written by \`wtfc prioritise\`; the plan works on the themes under top.\n${stringify(body, { lineWidth: 0 })}`;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new WtfcError(`${flag} ${value}: expected a whole number above 0`);
  return n;
}
