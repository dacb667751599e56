import { categories, type Category, categoryTitles, type Perspective, perspectives, type Statement, type ThemeSet } from '../core/model.js';
import type { Method, Prioritisation, RankedTheme } from '../core/prioritise.js';
import { type Plan, whyChains } from '../core/plan.js';
import type { Settings } from '../core/settings.js';
import { categoryMarks, plainPerspectivesText } from './marks.js';

/** Everything a report template can use. templates/README.md documents each field. */
export interface ReportModel {
  /** `date` as the data files write it (2026-11-26); `dateText` as readers read it (26 November 2026). */
  session: { name: string; council: string; date: string; dateText: string };
  totals: {
    statements: number;
    people: number;
    /** Whether every statement says whose it is: only then is `people` a count of people. */
    peopleKnown: boolean;
    themes: number;
    unthemed: number;
    councils: string[];
  };
  /** Statement counts: one row per perspective present, one column per category. */
  counts: { perspective: string; working: number; not_working: number; future: number; total: number }[];
  categoryTotals: { working: number; not_working: number; future: number; total: number };
  categories: ReportCategory[];
  priorities: {
    category: string;
    categoryTitle: string;
    /** The method's name: count, dots, weighted, borda or schulze. */
    method: string;
    /** What the method computes, and how it breaks ties, in a sentence each. */
    computes: string;
    tieRule: string;
    /** Column titles for the score and the tie-break. */
    scoreLabel: string;
    tieBreakLabel: string;
    top: number;
    tieAtCut: boolean;
    rows: (RankedTheme & { perspectivesText: string; inTop: boolean })[];
  };
  /** The action plan for each theme that has one, priorities first. */
  plan: ReportPlanTheme[];
  /** The voting sheet: the themes that can be voted on (the prioritised category, parked ones left out), by id. */
  ballot: {
    category: Category;
    plainTitle: string;
    symbol: string;
    dots: number;
    boxes: string;
    themes: { id: string; name: string }[];
    /** Two of its codes, for the facilitator's example of typing a sheet up. */
    example: [string, string];
  };
  /** "You said, we did": each priority going forward, with up to two quotes and its actions in plain words. */
  feedback: { id: string; category: Category; plainTitle: string; symbol: string; name: string; quotes: string[]; did: { what: string; byText: string }[]; will: { what: string; byText: string }[] }[];
  engine: { name: string; version: number; seed: number; themes: string; minSize: number };
}

export interface ReportPlanTheme {
  id: string;
  name: string;
  /** Causes in "why?" order: each followed by the causes that explain it, `depth` deep. */
  causes: { id: string; text: string; depth: number; indent: string; because: string }[];
  success: { id: string; text: string }[];
  actions: { id: string; what: string; who: string; by: string; byText: string; measure: string; status: string }[];
}

export interface ReportCategory {
  key: Category;
  title: string;
  /** The wall's name and symbol for the room's handouts (see `marks.ts`). */
  plainTitle: string;
  symbol: string;
  statements: number;
  themes: {
    id: string;
    name: string;
    label: string;
    size: number;
    cohesion: number;
    perspectivesText: string;
    perspectives: Partial<Record<Perspective, number>>;
    /** "People who use support 3 · Staff 1": the groups whose statements it holds, in plain words. */
    whoText: string;
    /** How large a wall card can print it and still fit a page: large, medium or small. */
    cardSize: CardSize;
    /** Its statements as they go on wall cards: one card, or more when they do not fit one page. */
    cardParts: ReportStatement[][];
    quotes: ReportStatement[];
    statements: ReportStatement[];
  }[];
  unthemed: ReportStatement[];
  /** The odd ones out's card size, and their cards. */
  unthemedCardSize: CardSize;
  unthemedCardParts: ReportStatement[][];
  unthemedShare: number;
}

export interface ReportStatement {
  id: string;
  text: string;
  perspective: Perspective;
  person: string;
}

const perspectiveLabels: Record<Perspective, string> = {
  person: 'person',
  family: 'family',
  staff: 'staff',
  other: 'other',
  unknown: 'not known',
};

const scoreLabels: Record<Method, [string, string]> = {
  count: ['Statements', 'People'],
  dots: ['Dots', 'Voters'],
  weighted: ['Weighted dots', 'Voters'],
  borda: ['Borda points', 'First choices'],
  schulze: ['Themes beaten', '–'],
};

export function perspectivesText(counts: Partial<Record<Perspective, number>>): string {
  return perspectives
    .filter((p) => (counts[p] ?? 0) > 0)
    .map((p) => `${perspectiveLabels[p]} ${counts[p]}`)
    .join(', ');
}

export function buildReportModel(input: {
  settings: Settings;
  statements: readonly Statement[];
  themes: ThemeSet;
  priorities: Prioritisation;
  plan?: Plan;
  /** The theme ids the room chose (recorded by `wtfc prioritise`), for the feedback. */
  chosen?: readonly string[];
}): ReportModel {
  const { settings, statements, themes, priorities: p } = input;
  const byId = new Map(statements.map((s) => [s.id, s]));
  const view = (id: string): ReportStatement => {
    const s = byId.get(id)!;
    return { id: s.id, text: s.text, perspective: s.perspective, person: s.person };
  };
  const reportCategories = categories.map((key) => categoryModel(key, themes, statements, view));
  const people = new Set(statements.map((s) => (s.person === '' ? `\u0000${s.id}` : `${s.council}\u0000${s.person}`)));
  const categoryTotals = { working: 0, not_working: 0, future: 0, total: statements.length };
  for (const s of statements) categoryTotals[s.category]++;
  return {
    session: { name: settings.name, council: settings.council, date: settings.date, dateText: plainDate(settings.date) },
    totals: {
      statements: statements.length,
      people: people.size,
      peopleKnown: statements.length > 0 && statements.every((s) => s.person !== ''),
      themes: reportCategories.reduce((t, c) => t + c.themes.length, 0),
      unthemed: reportCategories.reduce((t, c) => t + c.unthemed.length, 0),
      councils: [...new Set(statements.map((s) => s.council).filter((c) => c !== ''))].sort(),
    },
    counts: perspectiveCounts(statements),
    categoryTotals,
    categories: reportCategories,
    priorities: prioritiesModel(p),
    plan: planModel(input.plan, themes, p.top.map((r) => r.themeId)),
    ballot: ballotModel(themes, p.category, settings.prioritise.dots),
    feedback: (input.chosen ?? []).map((id) => feedbackModel(id, themes, input.plan, byId)),
    engine: {
      name: themes.engine.name,
      version: themes.engine.version,
      seed: themes.engine.seed,
      themes: String(themes.engine.themes),
      minSize: themes.engine.minSize,
    },
  };
}

/** Statements by perspective and category, for the groups that said anything. */
function perspectiveCounts(statements: readonly Statement[]): ReportModel['counts'] {
  return perspectives
    .map((p) => {
      const row = { perspective: perspectiveLabels[p], working: 0, not_working: 0, future: 0, total: 0 };
      for (const s of statements) if (s.perspective === p) {
        row[s.category]++;
        row.total++;
      }
      return row;
    })
    .filter((r) => r.total > 0);
}

function categoryModel(key: Category, themes: ThemeSet, statements: readonly Statement[], view: (id: string) => ReportStatement): ReportCategory {
  const c = themes.categories[key];
  const total = statements.filter((s) => s.category === key).length;
  const texts = (ids: readonly string[]) => ids.map((id) => view(id).text);
  return {
    key,
    title: categoryTitles[key],
    plainTitle: categoryMarks[key].title,
    symbol: categoryMarks[key].symbol,
    statements: total,
    themes: c.themes.map((t) => ({
      id: t.id,
      name: t.name,
      label: t.label,
      size: t.statements.length,
      cohesion: t.cohesion,
      perspectivesText: perspectivesText(t.perspectives),
      perspectives: t.perspectives,
      whoText: plainPerspectivesText(t.perspectives),
      cardSize: cardSize(t.name, texts(t.statements)),
      cardParts: cardParts(t.name, t.statements.map(view)),
      quotes: t.representative.map(view),
      statements: t.statements.map(view),
    })),
    unthemed: c.unthemed.map(view),
    unthemedCardSize: cardSize('Odd ones out', texts(c.unthemed)),
    unthemedCardParts: cardParts('Odd ones out', c.unthemed.map(view)),
    unthemedShare: total === 0 ? 0 : Math.round((100 * c.unthemed.length) / total),
  };
}

function prioritiesModel(p: Prioritisation): ReportModel['priorities'] {
  const topIds = new Set(p.top.map((r) => r.themeId));
  return {
    category: p.category,
    categoryTitle: p.categoryTitle,
    method: p.method,
    computes: p.computes,
    tieRule: p.tieRule,
    scoreLabel: scoreLabels[p.method][0],
    tieBreakLabel: scoreLabels[p.method][1],
    top: p.n,
    tieAtCut: p.tieAtCut,
    // Weighted scores are shown to one decimal, for readers; the JSON output keeps them whole.
    rows: p.ranking.map((r) => ({
      ...r,
      score: oneDecimal(r.score),
      perspectivesText: perspectivesText(Object.fromEntries(Object.entries(r.byPerspective).map(([k, v]) => [k, oneDecimal(v)]))),
      inTop: topIds.has(r.themeId),
    })),
  };
}

/** The voting sheet: the category's themes that are not parked, in code order, and the dots each voter has. */
function ballotModel(themes: ThemeSet, category: Category, dots: number): ReportModel['ballot'] {
  return {
    example: ballotExample(themes, category),
    category,
    plainTitle: categoryMarks[category].title,
    symbol: categoryMarks[category].symbol,
    dots,
    boxes: Array.from({ length: dots }, () => '○').join(' '),
    themes: themes.categories[category].themes
      .filter((t) => !t.parked)
      .map((t) => ({ id: t.id, name: t.name }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** "You said, we did" for one chosen theme: two of its statements, and its actions done and to do. */
function feedbackModel(id: string, themes: ThemeSet, plan: Plan | undefined, byId: ReadonlyMap<string, Statement>): ReportModel['feedback'][number] {
  const theme = categories.flatMap((c) => themes.categories[c].themes).find((t) => t.id === id)!;
  const actions = plan?.themes.find((t) => t.theme === id)?.actions ?? [];
  // The sheet puts its own full stop after each action.
  const line = (a: (typeof actions)[number]) => ({ what: a.what.replace(/[\s.]+$/, ''), byText: plainDate(a.by) });
  return {
    id,
    category: theme.category,
    plainTitle: categoryMarks[theme.category].title,
    symbol: categoryMarks[theme.category].symbol,
    name: theme.name,
    quotes: theme.representative.slice(0, 2).map((sid) => byId.get(sid)?.text ?? '').filter((x) => x !== ''),
    did: actions.filter((a) => a.status === 'done').map(line),
    will: actions.filter((a) => a.status !== 'done').map(line),
  };
}

function planModel(plan: Plan | undefined, themes: ThemeSet, priorities: readonly string[]): ReportPlanTheme[] {
  if (!plan) return [];
  const names = new Map(categories.flatMap((c) => themes.categories[c].themes).map((t) => [t.id, t.name]));
  const order = (id: string) => (priorities.includes(id) ? priorities.indexOf(id) : priorities.length);
  return plan.themes
    .filter((t) => t.causes.length + t.success.length + t.actions.length > 0)
    .sort((a, b) => order(a.theme) - order(b.theme))
    .map((t) => {
      const causes: ReportPlanTheme['causes'] = whyChains(t.causes).map(({ cause: c, depth }) => ({ id: c.id, text: c.text, depth, indent: '  '.repeat(depth), because: c.because ?? '' }));
      return { id: t.theme, name: names.get(t.theme) ?? t.theme, causes, success: t.success, actions: t.actions.map((a) => ({ ...a, byText: plainDate(a.by) })) };
    });
}

/** Two codes of the ballot's themes, or made-up ones in their form when it has fewer. */
function ballotExample(themes: ThemeSet, category: Category): [string, string] {
  const ids = themes.categories[category].themes.filter((t) => !t.parked).map((t) => t.id).sort();
  const prefix = { working: 'w', not_working: 'nw', future: 'f' }[category];
  return [ids[0] ?? `${prefix}-01`, ids.at(-1) !== undefined && ids.length > 1 ? ids.at(-1)! : `${prefix}-02`];
}

export type CardSize = 'large' | 'medium' | 'small';

/**
 * The type a wall card uses: as large as still holds the theme on one A4 page, so it can be read
 * from across the room. 28pt (large) for up to about 470 "characters" of card, 24pt (medium) up
 * to 640, and 20pt (small) beyond; a small card with more than about 920 runs onto a second page
 * rather than shrinking further. Each statement counts its characters and 30 more for the space
 * around it; the name counts 1.6 times.
 */
export function cardSize(name: string, texts: readonly string[]): CardSize {
  const weight = cardWeight(name, texts);
  return weight <= 470 ? 'large' : weight <= 640 ? 'medium' : 'small';
}

function cardWeight(name: string, texts: readonly string[]): number {
  return name.length * 1.6 + texts.reduce((n, t) => n + t.length + 30, 0);
}

/** A small card's statements in pages that each hold about 920: a long theme goes on two cards or more, each named. */
function cardParts(name: string, statements: ReportStatement[]): ReportStatement[][] {
  const parts: ReportStatement[][] = [[]];
  for (const s of statements) {
    const part = parts.at(-1)!;
    if (part.length > 0 && cardWeight(name, [...part, s].map((x) => x.text)) > 920) parts.push([s]);
    else part.push(s);
  }
  // Even halves read better than a full card and a last line.
  if (parts.length === 2 && parts[1]!.length < parts[0]!.length / 2) {
    const all = [...parts[0]!, ...parts[1]!];
    const half = Math.ceil(all.length / 2);
    return [all.slice(0, half), all.slice(half)];
  }
  return parts;
}

/** A score as a lay reader reads it: whole numbers as they are, anything else to one decimal. */
export function oneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2027-03-31 as "31 March 2027": plain words for a handout. */
export function plainDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}
