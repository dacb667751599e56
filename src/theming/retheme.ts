import { categories, type Category, type CategoryThemes, type Statement, type Theme, type ThemeSet } from '../core/model.js';
import { type ThemeOptions, themingOrder, describeGroups, engineName, engineVersion, themeCategory, themeIdPrefix } from './engine.js';
import { buildFeatureSpace, dotDense } from './vectors.js';

/** What re-theming did in one category. */
export interface RethemeCategoryReport {
  /** Statements that were not in the themes file before. */
  newStatements: number;
  /** Locked or edited themes, kept exactly as they were. */
  kept: string[];
  /** New statements added to existing themes that no one had edited. */
  added: { theme: string; statements: string[] }[];
  /** Themes proposed for new statements that fit no existing theme. */
  created: string[];
  /** New statements left unthemed. */
  unthemed: string[];
  /** Unthemed new statements that fit a kept theme best: for the facilitator to place. */
  suggested: { statement: string; theme: string }[];
}

export type RethemeReport = Record<Category, RethemeCategoryReport>;

/**
 * A statement joins an existing theme when that theme is the one it fits best and its cosine to
 * the theme's centre is at least this share of the theme's cohesion (its members' mean cosine).
 */
export const joinShare = 0.5;

/**
 * Themes new statements without undoing anyone's work. Every theme already in `previous` keeps
 * its id and name. A locked or edited theme also keeps its statements exactly. Each new statement
 * goes to the existing theme it fits best, if it fits well enough and no one has edited that
 * theme; the new statements that fit nowhere are themed among themselves (automatic number of
 * themes) or left unthemed. Statements that were unthemed before stay unthemed: a person may have
 * put them there.
 */
export function rethemeStatements(previous: ThemeSet, statements: readonly Statement[], options: ThemeOptions): { set: ThemeSet; report: RethemeReport } {
  const result = {} as Record<Category, CategoryThemes>;
  const report = {} as RethemeReport;
  // New ids are free in every category: a hand edit may have put any id anywhere.
  const taken = new Set(categories.flatMap((c) => previous.categories[c].themes.map((t) => t.id)));
  for (const category of categories) {
    const members = statements.filter((s) => s.category === category).sort(themingOrder);
    const r = rethemeCategory(category, previous.categories[category], members, options, taken);
    result[category] = r.themes;
    report[category] = r.report;
  }
  return {
    set: { engine: { name: engineName, version: engineVersion, seed: options.seed, themes: 'auto', minSize: options.minSize }, categories: result },
    report,
  };
}

function rethemeCategory(
  category: Category,
  before: CategoryThemes,
  statements: Statement[],
  options: ThemeOptions,
  taken: Set<string>,
): { themes: CategoryThemes; report: RethemeCategoryReport } {
  const themes: Theme[] = structuredClone(before.themes);
  const kept = themes.filter((t) => t.locked || t.edited);
  const report: RethemeCategoryReport = { newStatements: 0, kept: kept.map((t) => t.id), added: [], created: [], unthemed: [], suggested: [] };
  const placed = new Set([...themes.flatMap((t) => t.statements), ...before.unthemed]);
  const fresh = statements.map((s, i) => ({ s, i })).filter(({ s }) => !placed.has(s.id));
  report.newStatements = fresh.length;
  if (fresh.length === 0) return { themes: { themes, unthemed: [...before.unthemed] }, report };

  const space = buildFeatureSpace(statements.map((s) => s.text));
  const index = new Map(statements.map((s, i) => [s.id, i]));
  const dim = space.features.length;
  // Each theme's centre and cohesion, from its statements now. Parked themes take no one new.
  const open = themes.filter((t) => !t.parked);
  const centres = open.map((t) => {
    const centre = new Float64Array(dim);
    for (const id of t.statements) {
      const v = space.vectors[index.get(id)!]!;
      for (let j = 0; j < v.indices.length; j++) centre[v.indices[j]!]! += v.values[j]!;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += centre[j]! * centre[j]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dim; j++) centre[j]! /= norm;
    let cohesion = 0;
    for (const id of t.statements) cohesion += dotDense(space.vectors[index.get(id)!]!, centre);
    return { centre, cohesion: t.statements.length > 0 ? cohesion / t.statements.length : 0 };
  });

  const additions = new Map<Theme, string[]>();
  const rest: Statement[] = [];
  for (const { s, i } of fresh) {
    let best = -1;
    let bestFit = 0;
    open.forEach((_, t) => {
      const fit = dotDense(space.vectors[i]!, centres[t]!.centre);
      if (fit > bestFit) {
        best = t;
        bestFit = fit;
      }
    });
    const theme = best >= 0 && bestFit >= joinShare * centres[best]!.cohesion ? open[best]! : undefined;
    if (!theme) rest.push(s);
    else if (theme.locked || theme.edited) {
      report.suggested.push({ statement: s.id, theme: theme.id });
      report.unthemed.push(s.id);
    } else additions.set(theme, [...(additions.get(theme) ?? []), s.id]);
  }

  // Existing themes that grew: recounted, with their ids and names as they were.
  const grown = [...additions.keys()];
  const described = describeGroups(category, statements, space, grown.map((t) => [...t.statements, ...additions.get(t)!].map((id) => index.get(id)!)));
  grown.forEach((t, g) => {
    const { draft: _draft, ...rest } = described[g]!;
    Object.assign(t, rest);
    report.added.push({ theme: t.id, statements: additions.get(t)! });
  });

  // The rest are themed among themselves, numbered after the themes that exist.
  const proposed = themeCategory(category, rest, { ...options, themes: 'auto' });
  const prefix = themeIdPrefix[category];
  let next = Math.max(0, ...[...taken].map((id) => Number(new RegExp(`^${prefix}-(\\d+)$`).exec(id)?.[1] ?? 0))) + 1;
  for (const t of proposed.themes) {
    while (taken.has(`${prefix}-${String(next).padStart(2, '0')}`)) next++;
    t.id = `${prefix}-${String(next++).padStart(2, '0')}`;
    taken.add(t.id);
    themes.push(t);
    report.created.push(t.id);
  }
  report.unthemed.push(...proposed.unthemed);
  report.unthemed.sort();
  return { themes: { themes, unthemed: [...before.unthemed, ...report.unthemed].sort() }, report };
}
