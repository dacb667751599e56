import { createHash } from 'node:crypto';
import { type Category, type Perspective, type Statement, categories } from '../core/model.js';
import { Centres, type Clustering, anchoredStart } from './kmeans.js';
import { draftName, nounTest } from './naming.js';
import { defaultRefineOptions, refineByClassification } from './refine.js';
import { seededRandom } from './random.js';
import { type FeatureSpace, buildFeatureSpace, dotDense } from './vectors.js';

export interface ThemeOptions {
  /** Themes per category: a number gives exactly that many; 'auto' chooses. */
  themes: 'auto' | number;
  /** Auto mode: statements in smaller groups are left unthemed. */
  minSize: number;
  seed: number;
}

export interface Theme {
  id: string;
  category: Category;
  /** The "I" statement the room works with: the draft until a facilitator renames it. */
  name: string;
  /** The engine's draft "I" statement. */
  draft: string;
  /** Short keyword label. */
  label: string;
  statements: string[];
  /** Up to three statement ids, closest to the theme's centre first. */
  representative: string[];
  size: number;
  perspectives: Partial<Record<Perspective, number>>;
  /** Mean cosine similarity of members to the theme's centre, 0 to 1. */
  cohesion: number;
  /** Reviewed: re-theming and edits leave it exactly as it is until it is unlocked. */
  locked: boolean;
  /** Kept, but left out of prioritising. */
  parked: boolean;
  /** A facilitator has changed it (renamed, merged, split, moved statements, parked): re-theming keeps it. */
  edited: boolean;
}

export interface CategoryThemes {
  themes: Theme[];
  /** The method's "odd ones out": statements that fit no theme. */
  unthemed: string[];
}

export interface ThemeSet {
  engine: { name: string; version: number; seed: number; themes: 'auto' | number; minSize: number };
  categories: Record<Category, CategoryThemes>;
}

export const engineName = 'tfidf-spherical-kmeans';
export const engineVersion = 2;

export const themeIdPrefix: Record<Category, string> = { working: 'w', not_working: 'nw', future: 'f' };

/**
 * Proposes themes for each category separately, as the workshop themes each wall on its own.
 * Statements are sorted by id first, so the input order never changes the result.
 */
export function themeStatements(statements: readonly Statement[], options: ThemeOptions): ThemeSet {
  const pending = proposeThemes(statements, options);
  return completeThemes(pending, options, pending.map((p) => nounTest(p.samples)));
}

/**
 * A category's themes, grouped and measured but not yet named. Naming needs a part-of-speech
 * tagger, which is slow to load, so it is a separate step that can wait for a tagger loaded
 * elsewhere (see `nouns.ts`) while the grouping runs.
 */
export interface PendingCategory {
  category: Category;
  measured: MeasuredGroup[];
  unthemed: string[];
  /** The texts whose words the names are checked against: the central statements of each group. */
  samples: string[];
}

export function proposeThemes(statements: readonly Statement[], options: ThemeOptions): PendingCategory[] {
  return categories.map((category) => {
    const members = statements.filter((s) => s.category === category).sort(themingOrder);
    const { space, groups, unthemed } = groupCategory(members, options);
    const measured = measureGroups(members, space, groups);
    return { category, measured, unthemed: unthemed.map((i) => members[i]!.id).sort(), samples: measured.flatMap((m) => m.sample) };
  });
}

/** Names the pending themes, with one noun test per category, and numbers them largest first. */
export function completeThemes(pending: readonly PendingCategory[], options: ThemeOptions, nounTests: readonly ((label: string) => boolean)[]): ThemeSet {
  const result = {} as Record<Category, CategoryThemes>;
  pending.forEach((p, c) => {
    const described = nameGroups(p.category, p.measured, nounTests[c]!);
    described.sort((a, b) => b.statements.length - a.statements.length || compareIds(a.statements[0], b.statements[0]));
    const themes = described.map((d, index): Theme => ({
      id: `${themeIdPrefix[p.category]}-${String(index + 1).padStart(2, '0')}`,
      category: p.category,
      name: d.draft,
      ...d,
      locked: false,
      parked: false,
      edited: false,
    }));
    result[p.category] = { themes, unthemed: p.unthemed };
  });
  return {
    engine: { name: engineName, version: engineVersion, seed: options.seed, themes: options.themes, minSize: options.minSize },
    categories: result,
  };
}

/** Themes one category's statements, in this thread. */
export function themeCategory(category: Category, statements: Statement[], options: ThemeOptions): CategoryThemes {
  const p = proposeThemes(statements, options).find((x) => x.category === category)!;
  return completeThemes([p], options, [nounTest(p.samples)]).categories[category];
}

/** The groups of one category's statements (indices into them), and the ones left unthemed. */
function groupCategory(statements: readonly Statement[], options: ThemeOptions): { space: FeatureSpace; groups: number[][]; unthemed: number[] } {
  const n = statements.length;
  const space = buildFeatureSpace(statements.map((s) => s.text));
  if (n === 0) return { space, groups: [], unthemed: [] };
  const fixedK = options.themes === 'auto' ? undefined : Math.min(options.themes, n);
  const dim = space.features.length;

  if (fixedK === undefined && n < options.minSize) return { space, groups: [], unthemed: statements.map((_, i) => i) };
  if (fixedK === 1 || (fixedK === undefined && n === 1)) {
    return { space, groups: [statements.map((_, i) => i)], unthemed: [] };
  }
  if (dim === 0) {
    // No two statements share a word. Auto mode: all are odd ones out. A fixed k still gets
    // exactly k themes, dealt out in id order.
    if (fixedK === undefined) return { space, groups: [], unthemed: statements.map((_, i) => i) };
    const groups: number[][] = Array.from({ length: fixedK }, () => []);
    statements.forEach((_, i) => groups[i % fixedK]!.push(i));
    return { space, groups, unthemed: [] };
  }

  const random = seededRandom(options.seed);
  if (fixedK !== undefined) {
    const c = clusterInto(space, fixedK, random);
    const groups: number[][] = Array.from({ length: fixedK }, () => []);
    for (let i = 0; i < n; i++) groups[c.assignment[i]!]!.push(i);
    return { space, groups, unthemed: [] };
  }
  const chosen = chooseK(n <= autoSample ? space : sampleSpace(statements), n, options.minSize, random);
  const c = n <= autoSample ? chosen.clustering : clusterInto(space, chosen.k, random);
  return { space, ...settleSmallThemes(space, c, options.minSize) };
}

/**
 * Choosing k tries every candidate, so on a large set it looks at a sample: the statements whose
 * id hashes lowest. The sample depends only on the ids, never on the input order.
 */
const autoSample = 2000;

function sampleSpace(statements: readonly Statement[]): FeatureSpace {
  const hash = (id: string) => createHash('sha1').update(id).digest('hex');
  const sample = statements
    .map((s) => ({ s, h: hash(s.id) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .slice(0, autoSample)
    .map((x) => x.s.text);
  return buildFeatureSpace(sample);
}

/**
 * Auto mode keeps only themes of at least `minSize`. The members of a smaller one move to the
 * theme they fit best among those left, if they share any word with it; otherwise, and for any
 * statement that shares no word with its own theme, they are the method's odd ones out.
 */
function settleSmallThemes(space: FeatureSpace, c: Clustering, minSize: number): { groups: number[][]; unthemed: number[] } {
  const assignment = Int32Array.from(c.assignment);
  const alive = new Array<boolean>(c.k).fill(true);
  const unthemed = new Set<number>();
  const dim = space.features.length;
  for (;;) {
    const sizes = new Int32Array(c.k);
    for (let i = 0; i < assignment.length; i++) if (!unthemed.has(i)) sizes[assignment[i]!]!++;
    let smallest = -1;
    for (let t = 0; t < c.k; t++) {
      if (alive[t] && sizes[t]! < minSize && (smallest < 0 || sizes[t]! < sizes[smallest]!)) smallest = t;
    }
    if (smallest < 0) break;
    alive[smallest] = false;
    if (!alive.some(Boolean)) {
      for (let i = 0; i < assignment.length; i++) unthemed.add(i);
      break;
    }
    const centres = Centres.of(space.vectors.map((v, i) => (unthemed.has(i) ? emptyVector : v)), dim, assignment, c.k);
    const scores = new Float64Array(c.k);
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] !== smallest || unthemed.has(i)) continue;
      centres.score(space.vectors[i]!, scores);
      let best = -1;
      for (let t = 0; t < c.k; t++) if (alive[t] && scores[t]! > 0 && (best < 0 || scores[t]! > scores[best]!)) best = t;
      if (best < 0) unthemed.add(i);
      else assignment[i] = best;
    }
  }
  const final = withSimilarity(space, assignment, c.k);
  const groups: number[][] = Array.from({ length: c.k }, () => []);
  for (let i = 0; i < assignment.length; i++) {
    if (unthemed.has(i) || final.similarity[i]! <= 0) unthemed.add(i);
    else groups[assignment[i]!]!.push(i);
  }
  return { groups: groups.filter((g) => g.length > 0), unthemed: [...unthemed].sort((a, b) => a - b) };
}

const emptyVector = { indices: new Int32Array(0), values: new Float64Array(0) };

/**
 * Automatic number of themes, by the simplified silhouette (each statement's cosine distance to
 * its own theme's centre against the nearest other centre), over k from 2 to the most themes that
 * could each reach the minimum size, capped at 20 (a workshop wall holds no more).
 */
function chooseK(space: FeatureSpace, n: number, minSize: number, random: () => number): { k: number; clustering: Clustering } {
  const maxK = Math.max(2, Math.min(20, Math.floor(n / minSize)));
  const tried: { k: number; clustering: Clustering; score: number }[] = [];
  for (let k = 2; k <= maxK; k++) {
    const clustering = clusterInto(space, k, random);
    const settled = settleSmallThemes(space, clustering, minSize);
    tried.push({ k, clustering, score: settledSilhouette(space, settled.groups) });
  }
  // Fewer, broader themes are easier for a room to work with: take the smallest k that scores
  // within 5% of the best.
  const best = Math.max(...tried.map((t) => t.score));
  return tried.find((t) => t.score >= best - 0.05 * Math.abs(best))!;
}

/**
 * An anchored start, then iterative classification to re-place what the start got wrong. Every
 * one of the k themes ends up with at least one statement.
 */
export function clusterInto(space: FeatureSpace, k: number, random: () => number): Clustering {
  const dim = space.features.length;
  // A workshop-sized wall is cheap to cluster, so try several starts and keep the tightest.
  const starts = space.vectors.length <= smallSet ? 5 : 1;
  let best: Clustering | undefined;
  for (let s = 0; s < starts; s++) {
    // A wall tried from several starts is left to chance at each; a single start is chosen greedily.
    const start = anchoredStart(space.vectors, dim, k, random, { greedy: starts === 1 });
    const assignment = refineByClassification(space.vectors, dim, k, start.assignment, random, {
      ...defaultRefineOptions,
      keepTightest: starts > 1,
    });
    fillEmptyThemes(space, assignment, k);
    const result = withSimilarity(space, assignment, k);
    if (!best || result.objective > best.objective + 1e-9) best = result;
  }
  return best!;
}

/** Up to this many statements in a category, clustering tries several starts. */
const smallSet = 500;

/** Gives an empty theme the statement that fits its own theme worst, taken from a theme of two or more. */
function fillEmptyThemes(space: FeatureSpace, assignment: Int32Array, k: number): void {
  const sizes = new Int32Array(k);
  for (const c of assignment) sizes[c]!++;
  for (let empty = sizes.indexOf(0); empty >= 0; empty = sizes.indexOf(0)) {
    const { similarity } = withSimilarity(space, assignment, k);
    let worst = -1;
    for (let i = 0; i < assignment.length; i++) {
      if (sizes[assignment[i]!]! > 1 && (worst < 0 || similarity[i]! < similarity[worst]!)) worst = i;
    }
    if (worst < 0) return;
    sizes[assignment[worst]!]!--;
    assignment[worst] = empty;
    sizes[empty] = 1;
  }
}

function withSimilarity(space: FeatureSpace, assignment: Int32Array, k: number): Clustering {
  const centres = Centres.of(space.vectors, space.features.length, assignment, k);
  const scores = new Float64Array(k);
  const similarity = new Float64Array(assignment.length);
  let objective = 0;
  for (let i = 0; i < assignment.length; i++) {
    centres.score(space.vectors[i]!, scores);
    similarity[i] = scores[assignment[i]!]!;
    objective += similarity[i]!;
  }
  return { assignment, k, similarity, objective };
}

/**
 * The simplified silhouette of a settled grouping, over every statement: an unthemed statement
 * scores 0, so a k that leaves many odd ones out scores lower.
 */
function settledSilhouette(space: FeatureSpace, groups: number[][]): number {
  const n = space.vectors.length;
  const k = groups.length;
  if (k === 0) return 0;
  const assignment = new Int32Array(n).fill(-1);
  groups.forEach((g, t) => g.forEach((i) => (assignment[i] = t)));
  const members = Int32Array.from(assignment, (t) => (t < 0 ? 0 : t));
  // Centres from the themed statements only: give each unthemed one an empty vector.
  const centres = Centres.of(space.vectors.map((v, i) => (assignment[i]! < 0 ? emptyVector : v)), space.features.length, members, k);
  const scores = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = assignment[i]!;
    if (own < 0) continue;
    centres.score(space.vectors[i]!, scores);
    const a = 1 - scores[own]!;
    let nearest = 0;
    for (let j = 0; j < k; j++) if (j !== own) nearest = Math.max(nearest, scores[j]!);
    const b = 1 - nearest;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/** What the engine says about a group of statements: everything in a theme but its id, name and flags. */
export type GroupDescription = Pick<Theme, 'draft' | 'label' | 'statements' | 'representative' | 'size' | 'perspectives' | 'cohesion'>;

/** A group measured against its centre, before naming. */
export interface MeasuredGroup {
  ids: string[];
  representative: string[];
  /** Its most central statements' texts, for the noun test. */
  sample: string[];
  cohesion: number;
  keywords: string[];
  perspectives: Partial<Record<Perspective, number>>;
}

/**
 * Describes groups of one category's statements (indices into `statements`), each on its own: its
 * representative statements, cohesion, keywords and draft name. `space` is the category's
 * feature space; by default it is built from `statements`.
 */
export function describeGroups(
  category: Category,
  statements: readonly Statement[],
  space: FeatureSpace = buildFeatureSpace(statements.map((s) => s.text)),
  groups: readonly number[][],
): GroupDescription[] {
  const measured = measureGroups(statements, space, groups);
  return nameGroups(category, measured, measured.length > 0 ? nounTest(measured.flatMap((m) => m.sample)) : () => false);
}

function measureGroups(statements: readonly Statement[], space: FeatureSpace, groups: readonly number[][]): MeasuredGroup[] {
  const dim = space.features.length;
  return groups.map((members) => {
    const centroid = new Float64Array(dim);
    for (const i of members) {
      const v = space.vectors[i]!;
      for (let j = 0; j < v.indices.length; j++) centroid[v.indices[j]!]! += v.values[j]!;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += centroid[j]! * centroid[j]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dim; j++) centroid[j]! /= norm;
    const sims = members.map((i) => ({ i, s: dotDense(space.vectors[i]!, centroid) }));
    const ranked = [...sims].sort((a, b) => b.s - a.s || a.i - b.i);
    const cohesion = sims.length ? sims.reduce((t, x) => t + x.s, 0) / sims.length : 0;
    const perspectives: Partial<Record<Perspective, number>> = {};
    for (const i of members) {
      const p = statements[i]!.perspective;
      perspectives[p] = (perspectives[p] ?? 0) + 1;
    }
    return {
      ids: members.map((i) => statements[i]!.id),
      representative: ranked.slice(0, 3).map((x) => statements[x.i]!.id),
      sample: ranked.slice(0, 25).map((x) => statements[x.i]!.text),
      cohesion,
      keywords: topKeywords(space, members),
      perspectives,
    };
  });
}

function nameGroups(category: Category, measured: readonly MeasuredGroup[], isNoun: (label: string) => boolean): GroupDescription[] {
  return measured.map((t) => ({
    draft: draftName(category, nameWords(t.keywords, isNoun)),
    label: t.keywords.slice(0, 3).join(', '),
    statements: t.ids,
    representative: t.representative,
    size: t.ids.length,
    perspectives: t.perspectives,
    cohesion: round(t.cohesion),
  }));
}

/** The theme's two strongest keywords that are things; its strongest keywords when none are. */
function nameWords(keywords: string[], isNoun: (label: string) => boolean): string[] {
  const nouns = keywords.filter(isNoun);
  return (nouns.length > 0 ? nouns : keywords).slice(0, 2);
}

/**
 * The order statements are grouped in: by id. The grouping's first seeds are drawn in this order,
 * and on a small wall the result depends on it (on the four-topic test wall, 38 of 40 random
 * orders put at least one statement in the wrong theme). Ids are keyed with the session's secret
 * (core/ids.ts), so the same statements can be grouped differently in another session; within a
 * session they are always grouped the same way.
 */
export function themingOrder(a: Statement, b: Statement): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareIds(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

/**
 * The words that most set a theme apart: each feature scores coverage x log(lift), where coverage
 * is the share of the theme's statements that use it and lift is that share over its share in the
 * whole category. A word used by only one statement of a larger theme is not a label. A single
 * word already inside a chosen pair is skipped.
 */
function topKeywords(space: FeatureSpace, members: number[]): string[] {
  const n = space.vectors.length;
  const inTheme = new Map<number, number>();
  for (const i of members) {
    for (const f of space.vectors[i]!.indices) inTheme.set(f, (inTheme.get(f) ?? 0) + 1);
  }
  const minCount = members.length > 2 ? 2 : 1;
  const scored = [...inTheme.entries()]
    .filter(([, count]) => count >= minCount)
    .map(([f, count]) => {
      const coverage = count / members.length;
      const lift = coverage / (space.df[f]! / n);
      return { f, score: coverage * Math.log(lift) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.f - b.f);
  // Compare features by their stems, so "direct payments" is seen inside "direct payments forms".
  const chosen: string[][] = [];
  const labels: string[] = [];
  for (const { f } of scored) {
    const stems = space.features[f]!.split(' ');
    const overlaps = (a: string[], b: string[]) => a.every((x) => b.includes(x)) || b.every((x) => a.includes(x));
    if (chosen.some((c) => overlaps(c, stems))) continue;
    chosen.push(stems);
    labels.push(space.display[f]!);
    if (labels.length === 10) break;
  }
  return labels;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
