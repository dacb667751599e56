import { type Category, type Perspective, type Statement, categories } from '../core/model.js';
import { Centres, type Clustering, sphericalKMeans } from './kmeans.js';
import { refineByClassification } from './refine.js';
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
  /** Draft "I" statement, for a facilitator to edit. */
  name: string;
  /** Short keyword label. */
  label: string;
  statements: string[];
  /** Up to three statement ids, closest to the theme's centre first. */
  representative: string[];
  size: number;
  perspectives: Partial<Record<Perspective, number>>;
  /** Mean cosine similarity of members to the theme's centre, 0 to 1. */
  cohesion: number;
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
export const engineVersion = 1;

export const themeIdPrefix: Record<Category, string> = { working: 'w', not_working: 'nw', future: 'f' };

/**
 * Proposes themes for each category separately, as the workshop themes each wall on its own.
 * Statements are sorted by id first, so the input order never changes the result.
 */
export function themeStatements(statements: readonly Statement[], options: ThemeOptions): ThemeSet {
  const result = {} as Record<Category, CategoryThemes>;
  for (const category of categories) {
    const members = statements.filter((s) => s.category === category).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    result[category] = themeCategory(category, members, options);
  }
  return {
    engine: { name: engineName, version: engineVersion, seed: options.seed, themes: options.themes, minSize: options.minSize },
    categories: result,
  };
}

function themeCategory(category: Category, statements: Statement[], options: ThemeOptions): CategoryThemes {
  const n = statements.length;
  if (n === 0) return { themes: [], unthemed: [] };
  const fixedK = options.themes === 'auto' ? undefined : Math.min(options.themes, n);
  const space = buildFeatureSpace(statements.map((s) => s.text));
  const dim = space.features.length;

  if (fixedK === undefined && n < options.minSize) return { themes: [], unthemed: statements.map((s) => s.id) };
  if (dim === 0 || n === 1 || fixedK === 1) {
    return finish(category, statements, space, [statements.map((_, i) => i)], []);
  }

  const random = seededRandom(options.seed);
  let clustering: Clustering;
  if (fixedK !== undefined) {
    clustering = clusterInto(space, fixedK, random);
  } else {
    clustering = chooseK(space, n, options.minSize, random);
  }

  const groups: number[][] = Array.from({ length: clustering.k }, () => []);
  const unthemed: number[] = [];
  for (let i = 0; i < n; i++) {
    // A statement that shares no feature with any other fits no theme.
    if (fixedK === undefined && clustering.similarity[i]! <= 0) unthemed.push(i);
    else groups[clustering.assignment[i]!]!.push(i);
  }
  if (fixedK === undefined) {
    for (const group of groups) {
      if (group.length > 0 && group.length < options.minSize) unthemed.push(...group.splice(0));
    }
  }
  return finish(category, statements, space, groups.filter((g) => g.length > 0 || fixedK !== undefined), unthemed);
}

/**
 * Automatic number of themes: the k with the best simplified silhouette (each statement's cosine
 * distance to its own theme's centre against the nearest other centre), over k from 2 to the most
 * themes that could each reach the minimum size, capped at 20 (a workshop wall holds no more).
 */
function chooseK(space: FeatureSpace, n: number, minSize: number, random: () => number): Clustering {
  const maxK = Math.max(2, Math.min(20, Math.floor(n / minSize)));
  let best: Clustering | undefined;
  let bestScore = -Infinity;
  for (let k = 2; k <= maxK; k++) {
    const c = sphericalKMeans(space.vectors, space.features.length, k, random, { restarts: 3 });
    const score = simplifiedSilhouette(space, c);
    if (score > bestScore + 1e-9) {
      best = c;
      bestScore = score;
    }
  }
  return best!;
}

/** k-means for a start, then iterative classification to re-place what k-means got wrong. */
export function clusterInto(space: FeatureSpace, k: number, random: () => number): Clustering {
  const dim = space.features.length;
  const start = sphericalKMeans(space.vectors, dim, k, random, { restarts: 3 });
  const assignment = refineByClassification(space.vectors, dim, k, start.assignment, random);
  return withSimilarity(space, assignment, k);
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

function simplifiedSilhouette(space: FeatureSpace, c: Clustering): number {
  const centres = Centres.of(space.vectors, space.features.length, c.assignment, c.k);
  const scores = new Float64Array(c.k);
  let total = 0;
  for (let i = 0; i < space.vectors.length; i++) {
    const own = c.assignment[i]!;
    const a = 1 - c.similarity[i]!;
    centres.score(space.vectors[i]!, scores);
    let nearest = -Infinity;
    for (let j = 0; j < c.k; j++) {
      if (j !== own) nearest = Math.max(nearest, scores[j]!);
    }
    const b = 1 - nearest;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / space.vectors.length;
}

function finish(
  category: Category,
  statements: Statement[],
  space: FeatureSpace,
  groups: number[][],
  unthemed: number[],
): CategoryThemes {
  const dim = space.features.length;
  const built = groups.map((members) => {
    const centroid = new Float64Array(dim);
    for (const i of members) {
      const v = space.vectors[i]!;
      for (let j = 0; j < v.indices.length; j++) centroid[v.indices[j]!]! += v.values[j]!;
    }
    const norm = Math.hypot(...centroid);
    if (norm > 0) for (let j = 0; j < dim; j++) centroid[j]! /= norm;
    const sims = members.map((i) => ({ i, s: dotDense(space.vectors[i]!, centroid) }));
    const ranked = [...sims].sort((a, b) => b.s - a.s || a.i - b.i);
    const cohesion = sims.length ? sims.reduce((t, x) => t + x.s, 0) / sims.length : 0;
    const keywords = topKeywords(space, members, centroid);
    const perspectives: Partial<Record<Perspective, number>> = {};
    for (const i of members) {
      const p = statements[i]!.perspective;
      perspectives[p] = (perspectives[p] ?? 0) + 1;
    }
    return {
      members,
      ids: members.map((i) => statements[i]!.id),
      representative: ranked.slice(0, 3).map((x) => statements[x.i]!.id),
      cohesion,
      keywords,
      perspectives,
    };
  });
  built.sort((a, b) => b.ids.length - a.ids.length || compareIds(a.ids[0], b.ids[0]));
  const themes = built.map((t, index): Theme => ({
    id: `${themeIdPrefix[category]}-${String(index + 1).padStart(2, '0')}`,
    category,
    name: draftName(category, t.keywords),
    label: t.keywords.join(', '),
    statements: t.ids,
    representative: t.representative,
    size: t.ids.length,
    perspectives: t.perspectives,
    cohesion: round(t.cohesion),
  }));
  return { themes, unthemed: unthemed.map((i) => statements[i]!.id).sort() };
}

function compareIds(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

/**
 * The features that most set a theme apart: weight in the theme's centre, minus the feature's
 * mean weight over the whole category. A single word already inside a chosen pair is skipped.
 */
function topKeywords(space: FeatureSpace, members: number[], centroid: Float64Array): string[] {
  const overall = new Float64Array(space.features.length);
  for (const v of space.vectors) for (let j = 0; j < v.indices.length; j++) overall[v.indices[j]!]! += v.values[j]!;
  const n = space.vectors.length;
  const scored = space.features
    .map((_, f) => ({ f, score: centroid[f]! - (members.length < n ? overall[f]! / n : 0) }))
    .filter((x) => centroid[x.f]! > 0)
    .sort((a, b) => b.score - a.score || a.f - b.f);
  const chosen: string[] = [];
  for (const { f } of scored) {
    const label = space.display[f]!;
    if (chosen.some((c) => c.split(' ').includes(label) || label.split(' ').includes(c) || c === label)) continue;
    chosen.push(label);
    if (chosen.length === 3) break;
  }
  return chosen;
}

function listPhrase(words: string[]): string {
  if (words.length <= 1) return words[0] ?? 'this';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A first draft of the theme's "I" statement, from the person's side, for the facilitator to edit. */
export function draftName(category: Category, keywords: string[]): string {
  const phrase = listPhrase(keywords.slice(0, 2));
  switch (category) {
    case 'working':
      return `I value ${phrase}`;
    case 'not_working':
      return `I want ${phrase} to work for me`;
    case 'future':
      return `In future I want ${phrase}`;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
