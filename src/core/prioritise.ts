import { WtfcError } from '../errors.js';
import { type Category, categories, categoryTitles, type Perspective, perspectives, type Statement, type Theme, type ThemeSet } from './model.js';

/** A voter's dots on one theme, as stored in `votes.csv`. */
export interface DotVote {
  voter: string;
  perspective: Perspective;
  theme: string;
  dots: number;
  source: string;
  line: number;
  /**
   * A group's tally (a table, or everyone of one perspective) entered as one voter: how many people
   * placed these dots. Absent for one person. It widens the allowance and counts in how many voters
   * a group has; who in the group placed which dot is not known, so the tie-break counts it once.
   */
  people?: number;
}

/** A voter's ranked ballot, best first, as stored in `ballots.csv`. */
export interface Ballot {
  voter: string;
  perspective: Perspective;
  ranking: string[];
  source: string;
  line: number;
}

export const methodNames = ['count', 'dots', 'weighted', 'borda', 'schulze'] as const;
export type Method = (typeof methodNames)[number];

export interface PrioritiseInput {
  /** The themes that can be prioritised: one category's, parked ones left out. */
  themes: readonly Theme[];
  statements: readonly Statement[];
  votes: readonly DotVote[];
  ballots: readonly Ballot[];
  /** Relative total weight per perspective group for `weighted`; a group left out weighs 1. */
  weights: Partial<Record<Perspective, number>>;
}

export interface RankedTheme {
  /** Competition ranking: tied themes share a rank, and the next rank skips (1, 2, 2, 4). */
  rank: number;
  /** True when another theme has the same rank. */
  tied: boolean;
  themeId: string;
  themeName: string;
  score: number;
  /** The method's documented tie-break value (see `tieRule`); 0 where there is none. */
  tieBreak: number;
  /** The score's parts, by perspective group. */
  byPerspective: Partial<Record<Perspective, number>>;
}

/** A theme one group put near its top and another gave nothing to (or put near its bottom). */
export interface Divided {
  themeId: string;
  /** Groups that put it in their top N. */
  highFor: Perspective[];
  /** Groups that gave it nothing, or ranked it in their bottom half. */
  lowFor: Perspective[];
  /** Each group's own rank of the theme; a group that gave it nothing is left out. */
  groupRanks: Partial<Record<Perspective, number>>;
}

interface Scored {
  /** `order`, when given, ranks instead of the score (higher first); the score is still shown. */
  rows: { themeId: string; score: number; order?: number; tieBreak: number; byPerspective: Partial<Record<Perspective, number>> }[];
  arithmetic: Record<string, unknown>;
}

interface MethodSpec {
  /** What the method reads. */
  uses: 'statements' | 'dots' | 'ballots';
  /** What it computes, in a sentence. */
  computes: string;
  /** How ties are broken, in a sentence; themes equal on score and tie-break share a rank. */
  tieRule: string;
  score(input: PrioritiseInput): Scored;
}

/** The methods, one table: what each reads, computes, and how it breaks ties. */
export const methods: Record<Method, MethodSpec> = {
  count: {
    uses: 'statements',
    computes: 'statements per theme',
    tieRule: 'more distinct people behind the statements ranks higher (ten statements from ten people outrank ten from three); equal on both is a tie',
    score: scoreCount,
  },
  dots: {
    uses: 'dots',
    computes: 'total dots per theme',
    tieRule: 'more voters giving the theme any dots ranks higher; equal on both is a tie',
    score: (input) => scoreDots(input, false),
  },
  weighted: {
    uses: 'dots',
    computes: "dots, with each perspective group's dots scaled so every group present has the same total weight (or the weights in wtfc.yaml)",
    tieRule: 'more voters giving the theme any dots ranks higher; equal on both is a tie',
    score: (input) => scoreDots(input, true),
  },
  borda: {
    uses: 'ballots',
    computes: 'Borda points from ranked ballots: with n themes, a ballot gives its first choice n-1 points, its second n-2, and so on; themes it leaves out get 0',
    tieRule: 'more first choices ranks higher; equal on both is a tie',
    score: scoreBorda,
  },
  schulze: {
    uses: 'ballots',
    computes: 'the Schulze method over ranked ballots: a theme ranks above another when its strongest path of pairwise wins is stronger; the score is how many themes it beats',
    tieRule: 'none: themes that neither beats the other are tied',
    score: scoreSchulze,
  },
};

export function isMethod(value: string): value is Method {
  return (methodNames as readonly string[]).includes(value);
}

/** Scores and ranks themes by one method. */
export function prioritise(method: Method, input: PrioritiseInput): { ranking: RankedTheme[]; arithmetic: Record<string, unknown> } {
  const { rows, arithmetic } = methods[method].score(input);
  const names = new Map(input.themes.map((t) => [t.id, t.name]));
  const key = (x: number) => Math.round(x * 1e9) / 1e9;
  const order = (r: Scored['rows'][number]) => key(r.order ?? r.score);
  const sorted = [...rows].sort((a, b) => order(b) - order(a) || b.tieBreak - a.tieBreak || (a.themeId < b.themeId ? -1 : a.themeId > b.themeId ? 1 : 0));
  const ranking: RankedTheme[] = [];
  sorted.forEach((row, i) => {
    const prev = ranking[i - 1];
    const same = prev !== undefined && order(sorted[i - 1]!) === order(row) && prev.tieBreak === row.tieBreak;
    if (same) prev.tied = true;
    // Rounded, so that the order dots are added in (floating point) never shows.
    const byPerspective = Object.fromEntries(Object.entries(row.byPerspective).map(([p, x]) => [p, key(x)]));
    ranking.push({ rank: same ? prev.rank : i + 1, tied: same, themeId: row.themeId, themeName: names.get(row.themeId) ?? '', score: key(row.score), tieBreak: row.tieBreak, byPerspective });
  });
  return { ranking, arithmetic };
}

/**
 * The top N. A tie across the cut is never broken silently: without choices, every theme tied at
 * the cut goes forward and `tieAtCut` says so; `include` names which of the tied themes fill the
 * places left, and must name exactly that many.
 */
export function topPriorities(
  ranked: readonly RankedTheme[],
  n: number,
  include: readonly string[] = [],
): { top: RankedTheme[]; tieAtCut: boolean; tiedAtCut: RankedTheme[]; places: number } {
  if (ranked.length <= n) return { top: [...ranked], tieAtCut: false, tiedAtCut: [], places: 0 };
  const cutRank = ranked[n - 1]!.rank;
  const above = ranked.filter((r) => r.rank < cutRank);
  const atCut = ranked.filter((r) => r.rank === cutRank);
  if (above.length + atCut.length <= n) return { top: [...above, ...atCut], tieAtCut: false, tiedAtCut: [], places: 0 };
  const places = n - above.length;
  const chosen = atCut.filter((r) => include.includes(r.themeId));
  return chosen.length > 0
    ? { top: [...above, ...chosen], tieAtCut: true, tiedAtCut: atCut, places }
    : { top: [...above, ...atCut], tieAtCut: true, tiedAtCut: atCut, places };
}

function scoreCount(input: PrioritiseInput): Scored {
  const byId = new Map(input.statements.map((s) => [s.id, s]));
  const rows = input.themes.map((t) => {
    const people = new Set<string>();
    const byPerspective: Partial<Record<Perspective, number>> = {};
    for (const id of t.statements) {
      const s = byId.get(id);
      if (!s) continue;
      // A person is a council and a person reference; a statement without one is its own person.
      people.add(s.person === '' ? `\u0000${s.id}` : `${s.council}\u0000${s.person}`);
      byPerspective[s.perspective] = (byPerspective[s.perspective] ?? 0) + 1;
    }
    return { themeId: t.id, score: t.statements.length, tieBreak: people.size, byPerspective };
  });
  return { rows, arithmetic: { people: Object.fromEntries(rows.map((r) => [r.themeId, r.tieBreak])) } };
}

/** Dots per group present (a group is present when its voters placed any dots on these themes). */
function groupTotals(votes: readonly DotVote[]): Map<Perspective, { dots: number; voters: Map<string, number> }> {
  const groups = new Map<Perspective, { dots: number; voters: Map<string, number> }>();
  for (const v of votes) {
    if (v.dots <= 0) continue;
    const g = groups.get(v.perspective) ?? { dots: 0, voters: new Map<string, number>() };
    g.dots += v.dots;
    g.voters.set(v.voter, v.people ?? 1);
    groups.set(v.perspective, g);
  }
  return groups;
}

/** How many people are behind some votes: one for each voter, or a tally's count of people. */
export function peopleVoting(votes: readonly DotVote[]): number {
  const people = new Map<string, number>();
  for (const v of votes) people.set(v.voter, v.people ?? 1);
  return [...people.values()].reduce((t, n) => t + n, 0);
}

function scoreDots(input: PrioritiseInput, weighted: boolean): Scored {
  const ids = new Set(input.themes.map((t) => t.id));
  const votes = input.votes.filter((v) => ids.has(v.theme));
  const groups = groupTotals(votes);
  const total = [...groups.values()].reduce((t, g) => t + g.dots, 0);
  const present = perspectives.filter((p) => groups.has(p));
  const weightSum = present.reduce((t, p) => t + (input.weights[p] ?? 1), 0);
  // Each group's dots are scaled so the group's total is its share of all the dots: equal shares
  // by default. Scores then still add up to the number of dots placed.
  const scale = new Map<Perspective, number>(
    present.map((p) => [p, weighted ? (total * (input.weights[p] ?? 1)) / weightSum / groups.get(p)!.dots : 1]),
  );
  const rows = input.themes.map((t) => {
    const byPerspective: Partial<Record<Perspective, number>> = {};
    const voters = new Set<string>();
    let score = 0;
    for (const v of votes) {
      if (v.theme !== t.id || v.dots <= 0) continue;
      const part = v.dots * scale.get(v.perspective)!;
      byPerspective[v.perspective] = (byPerspective[v.perspective] ?? 0) + part;
      score += part;
      voters.add(v.voter);
    }
    return { themeId: t.id, score, tieBreak: voters.size, byPerspective };
  });
  const perVoter = new Map<string, { voter: string; perspective: Perspective; people?: number; dots: Record<string, number>; weight: number }>();
  for (const v of votes) {
    const e = perVoter.get(v.voter) ?? { voter: v.voter, perspective: v.perspective, ...(v.people ? { people: v.people } : {}), dots: {}, weight: scale.get(v.perspective) ?? 1 };
    e.dots[v.theme] = (e.dots[v.theme] ?? 0) + v.dots;
    perVoter.set(v.voter, e);
  }
  return {
    rows,
    arithmetic: {
      total_dots: total,
      groups: Object.fromEntries(
        present.map((p) => [
          p,
          {
            voters: [...groups.get(p)!.voters.values()].reduce((t, n) => t + n, 0),
            dots: groups.get(p)!.dots,
            weight: weighted ? (input.weights[p] ?? 1) / weightSum : groups.get(p)!.dots / total,
            scale: scale.get(p),
            weighted_total: groups.get(p)!.dots * scale.get(p)!,
          },
        ]),
      ),
      voters: [...perVoter.values()].sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : 0)),
    },
  };
}

/** Each ballot's ranking, kept to the themes in play, without repeats. */
function cleanBallots(input: PrioritiseInput): { ballot: Ballot; ranking: string[] }[] {
  const ids = new Set(input.themes.map((t) => t.id));
  return input.ballots.map((ballot) => ({ ballot, ranking: [...new Set(ballot.ranking.filter((id) => ids.has(id)))] }));
}

function scoreBorda(input: PrioritiseInput): Scored {
  const n = input.themes.length;
  const ballots = cleanBallots(input);
  const points = new Map(input.themes.map((t) => [t.id, { score: 0, first: 0, byPerspective: {} as Partial<Record<Perspective, number>> }]));
  const perVoter = ballots.map(({ ballot, ranking }) => {
    const given: Record<string, number> = {};
    ranking.forEach((id, r) => {
      const p = points.get(id)!;
      const pts = n - 1 - r;
      p.score += pts;
      p.byPerspective[ballot.perspective] = (p.byPerspective[ballot.perspective] ?? 0) + pts;
      if (r === 0) p.first++;
      given[id] = pts;
    });
    return { voter: ballot.voter, perspective: ballot.perspective, points: given };
  });
  return {
    rows: input.themes.map((t) => ({ themeId: t.id, score: points.get(t.id)!.score, tieBreak: points.get(t.id)!.first, byPerspective: points.get(t.id)!.byPerspective })),
    arithmetic: { themes: n, ballots: ballots.length, voters: perVoter },
  };
}

function scoreSchulze(input: PrioritiseInput): Scored {
  const ids = input.themes.map((t) => t.id);
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  // d[i][j]: ballots preferring i to j. A ranked theme is preferred to every theme left unranked.
  const d = ids.map(() => new Array<number>(n).fill(0));
  const firsts = ids.map(() => ({}) as Partial<Record<Perspective, number>>);
  for (const { ballot, ranking } of cleanBallots(input)) {
    const position = new Array<number>(n).fill(Infinity);
    ranking.forEach((id, r) => (position[index.get(id)!] = r));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (position[i]! < position[j]!) d[i]![j]!++;
    if (ranking.length > 0) {
      const f = firsts[index.get(ranking[0]!)!]!;
      f[ballot.perspective] = (f[ballot.perspective] ?? 0) + 1;
    }
  }
  // p[i][j]: the strength of the strongest path from i to j (widest path, winning votes).
  const p = ids.map((_, i) => ids.map((__, j) => (i !== j && d[i]![j]! > d[j]![i]! ? d[i]![j]! : 0)));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        p[i]![j] = Math.max(p[i]![j]!, Math.min(p[i]![k]!, p[k]![j]!));
      }
    }
  }
  const beats = ids.map((_, i) => ids.filter((__, j) => j !== i && p[i]![j]! > p[j]![i]!).length);
  // The Schulze order: the themes no remaining theme beats come first, together; then the same
  // among the rest. (Sorting by how many themes each beats is not the same order.)
  const level = new Array<number>(n).fill(-1);
  for (let tier = 0, left = n; left > 0; tier++) {
    const unbeaten = ids
      .map((_, i) => i)
      .filter((i) => level[i] === -1 && !ids.some((__, j) => j !== i && level[j] === -1 && p[j]![i]! > p[i]![j]!));
    for (const i of unbeaten) level[i] = tier;
    left -= unbeaten.length;
  }
  return {
    rows: ids.map((id, i) => ({ themeId: id, score: beats[i]!, order: -level[i]!, tieBreak: 0, byPerspective: firsts[i]! })),
    arithmetic: {
      themes: ids,
      pairwise: Object.fromEntries(ids.map((id, i) => [id, Object.fromEntries(ids.map((o, j) => [o, d[i]![j]!]))])),
      strongest_paths: Object.fromEntries(ids.map((id, i) => [id, Object.fromEntries(ids.map((o, j) => [o, p[i]![j]!]))])),
    },
  };
}

/**
 * Themes the groups disagree on, shown rather than hidden. With dots: one group put the theme in
 * its own top N and gave it at least a fifth of its dots, while another group gave it none. With
 * ranked ballots: one group's own Borda ranking puts it in the top N, and another's puts it in the
 * bottom half. Only groups with two or more voters count, so one voter never speaks for a group.
 * The count method has no votes to compare.
 */
export function dividedThemes(method: Method, input: PrioritiseInput, top: number): Divided[] {
  const uses = methods[method].uses;
  if (uses === 'statements') return [];
  const ids = new Set(input.themes.map((t) => t.id));
  // Only votes on these themes count, and a group speaks when two or more of its voters do.
  const votes = input.votes.filter((v) => ids.has(v.theme) && v.dots > 0);
  const ballots = input.ballots.filter((b) => b.ranking.some((id) => ids.has(id)));
  const voters = (p: Perspective) => (uses === 'dots' ? peopleVoting(votes.filter((v) => v.perspective === p)) : new Set(ballots.filter((b) => b.perspective === p).map((b) => b.voter)).size);
  const present = perspectives.filter((p) => voters(p) >= 2);
  if (present.length < 2) return [];
  const n = input.themes.length;
  const groups = present.map((group) => {
    const sub: PrioritiseInput = { ...input, votes: votes.filter((v) => v.perspective === group), ballots: ballots.filter((b) => b.perspective === group) };
    const { ranking } = prioritise(uses === 'dots' ? 'dots' : 'borda', sub);
    const total = ranking.reduce((t, r) => t + r.score, 0);
    return { group, total, rows: new Map(ranking.map((r) => [r.themeId, r])) };
  });
  const result: Divided[] = [];
  for (const t of input.themes) {
    const groupRanks: Partial<Record<Perspective, number>> = {};
    const highFor: Perspective[] = [];
    const lowFor: Perspective[] = [];
    for (const { group, total, rows } of groups) {
      const r = rows.get(t.id)!;
      if (r.score > 0) groupRanks[group] = r.rank;
      if (uses === 'dots') {
        if (r.rank <= top && r.score > 0 && r.score >= total / 5) highFor.push(group);
        if (r.score === 0) lowFor.push(group);
      } else {
        if (r.rank <= top && r.score > 0) highFor.push(group);
        if (r.score === 0 || r.rank > n / 2) lowFor.push(group);
      }
    }
    if (highFor.length > 0 && lowFor.length > 0) result.push({ themeId: t.id, highFor, lowFor, groupRanks });
  }
  return result;
}

/** One category's themes ranked by a method, with the top N and how the cut fell. */
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

/** What to prioritise, and how: checked values, as the command line resolves them from its flags. */
export interface PriorityChoice {
  /** Without one: dots when dot votes exist, else Borda when ranked ballots exist, else statement counts. */
  method: Method | undefined;
  category: Category;
  top: number;
  /** Themes chosen among those tied at the cut. */
  include: readonly string[];
}

/**
 * Ranks one category's themes by a method and picks the top N, from the themes, statements and
 * votes in hand. A method whose votes are missing, or a tie-break choice that does not fit the
 * tie, is refused.
 */
export function prioritiesFrom(
  s: { weights: Record<string, number>; statements: readonly Statement[]; set: ThemeSet; votes: readonly DotVote[]; ballots: readonly Ballot[] },
  choice: PriorityChoice,
): Prioritisation {
  const { set, votes, ballots } = s;
  const { category, top: n } = choice;
  const all = set.categories[category].themes;
  const themes = all.filter((t) => !t.parked);
  const ids = new Set(themes.map((t) => t.id));
  const hasDots = votes.some((v) => ids.has(v.theme) && v.dots > 0);
  const hasBallots = ballots.some((b) => b.ranking.some((id) => ids.has(id)));
  const method: Method = choice.method ?? (hasDots ? 'dots' : hasBallots ? 'borda' : 'count');
  const uses = methods[method].uses;
  if (uses === 'dots' && !hasDots) {
    throw new WtfcError(`--method ${method} needs dot votes for ${categoryTitles[category]}, and there are none`, { hint: 'import them with `wtfc votes import FILE`, or use --method count' });
  }
  if (uses === 'ballots' && !hasBallots) {
    throw new WtfcError(`--method ${method} needs ranked ballots for ${categoryTitles[category]}, and there are none`, { hint: 'import them with `wtfc votes import FILE` (voter,perspective,rank1,rank2,…)' });
  }
  const input = { themes, statements: s.statements, votes, ballots, weights: s.weights };
  const { ranking, arithmetic } = prioritise(method, input);
  // A theme nobody voted for never goes forward on a tie: it is not a choice the room made.
  const eligible = uses === 'statements' ? ranking : ranking.filter((r) => r.score > 0 || method === 'schulze');
  const include = [...choice.include];
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
    weights: method === 'weighted' ? Object.fromEntries(Object.entries(s.weights)) : {},
    arithmetic,
    divided: dividedThemes(method, input, n),
    notes,
  };
}
