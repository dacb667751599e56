import { resolve } from 'node:path';
import { WtfcError } from '../errors.js';
import { categories, type Category, type Theme, type ThemeSet } from '../core/model.js';
import type { Plan } from '../core/plan.js';
import { readPlanFile } from '../session/plan-file.js';
import { readPriorities } from '../session/priorities-file.js';
import { type Session, displayPath, isSession, loadSession } from '../session/session.js';
import { buildFeatureSpace } from '../theming/vectors.js';
import type { Context } from './context.js';
import { currentThemes } from './themes-store.js';

/** Two themes, one per cycle, count as the same when their centres' cosine is at least this. */
export const sameThemeCosine = 0.5;

export interface ThemeChange {
  category: Category;
  /** new: only in the new cycle; gone: only in the old; grown, shrunk, steady: in both. */
  change: 'new' | 'gone' | 'grown' | 'shrunk' | 'steady';
  old?: { id: string; name: string; size: number };
  new?: { id: string; name: string; size: number };
  /** Cosine of the two themes' centres, for matched themes. */
  similarity?: number;
}

export interface Comparison {
  old: string;
  new: string;
  themes: ThemeChange[];
  priorities: { old: string[]; new: string[]; kept: string[]; dropped: string[]; added: string[] };
  /** The old plan's actions, with their status, and the new theme their theme became, if any. */
  actions: { id: string; theme: string; what: string; who: string; by: string; status: string; nowTheme?: string }[];
}

function openSession(ctx: Context, dir: string): Session {
  const full = resolve(ctx.io.cwd, dir);
  if (!isSession(full)) throw new WtfcError(`${dir} is not a wtfc session (there is no wtfc.yaml)`);
  return loadSession(full, ctx.io.cwd, ctx.today());
}

/**
 * Compares one council's two cycles of the method: which themes are new, gone, grown or shrunk;
 * how the priorities changed; and where the old plan's actions stand. Themes are matched across
 * the cycles by the words of their statements: each theme's centre in one feature space built
 * from both cycles' statements of that category, matched greedily by cosine, best pair first,
 * when the cosine is at least `sameThemeCosine`.
 */
export function compareSessions(ctx: Context, oldDir: string, newDir: string): Comparison {
  const a = openSession(ctx, oldDir);
  const b = openSession(ctx, newDir);
  const ta = currentThemes(a);
  const tb = currentThemes(b);
  const themes = categories.flatMap((c) => matchCategory(c, a, ta, b, tb));
  // The new id each old theme became, to follow the old plan's actions.
  const became = new Map(themes.filter((t) => t.old && t.new).map((t) => [t.old!.id, t.new!.id]));
  const pa = readPriorities(a.paths.priorities, a.show(a.paths.priorities))?.top ?? [];
  const pb = readPriorities(b.paths.priorities, b.show(b.paths.priorities))?.top ?? [];
  const followed = new Set(pa.map((id) => became.get(id)).filter((x): x is string => x !== undefined));
  const plan: Plan = readPlanFile(a.paths.plan, a.show(a.paths.plan));
  return {
    old: displayPath(ctx.io.cwd, a.paths.dir),
    new: displayPath(ctx.io.cwd, b.paths.dir),
    themes,
    priorities: {
      old: pa,
      new: pb,
      kept: pb.filter((id) => followed.has(id)),
      dropped: pa.filter((id) => !pb.includes(became.get(id) ?? '\u0000')),
      added: pb.filter((id) => !followed.has(id)),
    },
    actions: plan.themes.flatMap((t) =>
      t.actions.map((x) => ({ id: x.id, theme: t.theme, what: x.what, who: x.who, by: x.by, status: x.status, ...(became.has(t.theme) ? { nowTheme: became.get(t.theme)! } : {}) })),
    ),
  };
}

function matchCategory(category: Category, a: Session, ta: ThemeSet, b: Session, tb: ThemeSet): ThemeChange[] {
  const oldThemes = ta.categories[category].themes;
  const newThemes = tb.categories[category].themes;
  if (oldThemes.length + newThemes.length === 0) return [];
  const text = new Map([...a.statements, ...b.statements.map((s) => ({ ...s, id: `\u0001${s.id}` }))].map((s) => [s.id, s.text]));
  const ids = [...text.keys()];
  const space = buildFeatureSpace(ids.map((id) => text.get(id)!));
  const index = new Map(ids.map((id, i) => [id, i]));
  const dim = space.features.length;
  const centre = (t: Theme, prefix: string): Float64Array => {
    const c = new Float64Array(dim);
    for (const sid of t.statements) {
      const v = space.vectors[index.get(`${prefix}${sid}`)!];
      if (!v) continue;
      for (let j = 0; j < v.indices.length; j++) c[v.indices[j]!]! += v.values[j]!;
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += c[j]! * c[j]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dim; j++) c[j]! /= norm;
    return c;
  };
  const co = oldThemes.map((t) => centre(t, ''));
  const cn = newThemes.map((t) => centre(t, '\u0001'));
  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < co.length; i++) {
    for (let j = 0; j < cn.length; j++) {
      let s = 0;
      for (let f = 0; f < dim; f++) s += co[i]![f]! * cn[j]![f]!;
      if (s >= sameThemeCosine) pairs.push({ i, j, s });
    }
  }
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const view = (t: Theme) => ({ id: t.id, name: t.name, size: t.statements.length });
  const out: ThemeChange[] = [];
  for (const { i, j, s } of pairs) {
    if (usedOld.has(i) || usedNew.has(j)) continue;
    usedOld.add(i);
    usedNew.add(j);
    const before = oldThemes[i]!.statements.length;
    const after = newThemes[j]!.statements.length;
    out.push({ category, change: after > before ? 'grown' : after < before ? 'shrunk' : 'steady', old: view(oldThemes[i]!), new: view(newThemes[j]!), similarity: Math.round(s * 1000) / 1000 });
  }
  newThemes.forEach((t, j) => usedNew.has(j) || out.push({ category, change: 'new', new: view(t) }));
  oldThemes.forEach((t, i) => usedOld.has(i) || out.push({ category, change: 'gone', old: view(t) }));
  return out;
}
