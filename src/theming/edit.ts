import { WtfcError } from '../errors.js';
import { categories, type Category, type Statement, type Theme, type ThemeSet } from '../core/model.js';
import { themingOrder, clusterInto, describeGroups, themeIdPrefix } from './engine.js';
import { seededRandom } from './random.js';
import { buildFeatureSpace } from './vectors.js';
import { count } from '../core/text.js';

/** What an edit did, for the history, the screen and --json. */
export interface Change {
  action: string;
  summary: string;
  /** Themes made by the edit. */
  created: string[];
  /** Themes whose name, members or flags changed. */
  changed: string[];
  /** Themes that no longer exist. */
  removed: string[];
  /** Statements that changed place: from and to a theme id, "unthemed", or (from) "new", added since the last `wtfc theme`. */
  moved: { statement: string; from: string; to: string }[];
}

export interface Edited {
  set: ThemeSet;
  change: Change;
}

export const unthemedTarget = 'unthemed';
/** Where a statement added since the last `wtfc theme` is: in no theme, and not unthemed either. */
export const notYetThemed = 'new';

/**
 * The facilitator's edits, as pure functions from one theme set to the next. Every check happens
 * before anything changes, so a refused edit changes nothing. A locked theme refuses any edit to
 * its name or statements until it is unlocked.
 */
export class ThemeEditor {
  private readonly set: ThemeSet;
  private readonly byStatement = new Map<string, Statement>();

  constructor(set: ThemeSet, private readonly statements: readonly Statement[], private readonly seed: number = set.engine.seed) {
    this.set = structuredClone(set);
    for (const s of statements) this.byStatement.set(s.id, s);
  }

  /** Finds a theme by id; an unknown id is a usage error naming the ids that exist. */
  theme(id: string): Theme {
    for (const category of categories) {
      const found = this.set.categories[category].themes.find((t) => t.id === id);
      if (found) return found;
    }
    const all = categories.flatMap((c) => this.set.categories[c].themes.map((t) => t.id));
    const meant = likelyId(id, all);
    throw new WtfcError(`there is no theme ${id}`, {
      hint: meant ? `did you mean ${meant}?` : all.length > 0 ? `theme ids here: ${abbreviate(all)}; \`wtfc themes list\` shows them all` : 'run `wtfc theme` first',
    });
  }

  rename(id: string, name: string): Edited {
    const theme = this.unlocked(this.theme(id), 'rename');
    const text = name.trim();
    if (text === '') throw new WtfcError('the new name is empty', { hint: `write it as an "I" statement, e.g. "${theme.draft}"` });
    const before = theme.name;
    if (text === before) return this.done('rename', `${id} is already named "${text}"`, {});
    theme.name = text;
    theme.edited = true;
    return this.done('rename', `renamed ${id} from "${before}" to "${text}"`, { changed: [id] });
  }

  merge(ids: readonly string[], name?: string): Edited {
    const unique = [...new Set(ids)];
    if (unique.length < 2) throw new WtfcError('merge needs two or more different theme ids');
    if (name !== undefined && name.trim() === '') throw new WtfcError('--name is empty', { hint: 'leave it out to keep the first theme’s name' });
    const themes = unique.map((id) => this.unlocked(this.theme(id), 'merge'));
    const category = themes[0]!.category;
    const other = themes.find((t) => t.category !== category);
    if (other) throw new WtfcError(`${other.id} is a "${other.category}" theme and ${themes[0]!.id} is "${category}"`, { hint: 'only themes of one category can be merged' });
    const [into, ...rest] = themes as [Theme, ...Theme[]];
    const moved = rest.flatMap((t) => t.statements.map((s) => ({ statement: s, from: t.id, to: into.id })));
    into.statements = [...into.statements, ...rest.flatMap((t) => t.statements)];
    if (name !== undefined) into.name = name.trim();
    into.edited = true;
    into.parked = into.parked && rest.every((t) => t.parked);
    const c = this.set.categories[category];
    c.themes = c.themes.filter((t) => !rest.includes(t));
    this.redescribe(category, [into]);
    return this.done('merge', `merged ${rest.map((t) => t.id).join(', ')} into ${into.id} ("${into.name}"), now ${count(into.size, 'statement')}`, {
      changed: [into.id],
      removed: rest.map((t) => t.id),
      moved,
    });
  }

  /** Splits off the given statements as a new theme. */
  splitStatements(id: string, statementIds: readonly string[]): Edited {
    const theme = this.unlocked(this.theme(id), 'split');
    const chosen = [...new Set(statementIds)];
    if (chosen.length === 0) throw new WtfcError('--statements needs one or more statement ids');
    const foreign = chosen.filter((s) => !theme.statements.includes(s));
    if (foreign.length > 0) throw new WtfcError(`${abbreviate(foreign)} ${foreign.length === 1 ? 'is' : 'are'} not in ${id}`, { hint: `\`wtfc themes show ${id}\` lists its statements` });
    if (chosen.length === theme.statements.length) throw new WtfcError(`that is every statement in ${id}`, { hint: 'leave at least one behind, or rename the theme instead' });
    // The statements picked always form the new theme; the rest keep the theme's id and name.
    return this.splitParts(theme, [theme.statements.filter((s) => !chosen.includes(s)), theme.statements.filter((s) => chosen.includes(s))], 'by hand');
  }

  /** Splits a theme into `k` sub-themes proposed by the engine. */
  splitInto(id: string, k: number): Edited {
    const theme = this.unlocked(this.theme(id), 'split');
    // The largest part keeps the theme's id and name.
    return this.splitParts(theme, this.proposeParts(theme, k).sort((a, b) => b.length - a.length), 'by the engine');
  }

  private splitParts(theme: Theme, parts: string[][], how: string): Edited {
    const category = theme.category;
    const c = this.set.categories[category];
    const at = c.themes.indexOf(theme);
    // The first part keeps the theme's id and name; each other part is a new theme.
    const ordered = parts;
    theme.statements = ordered[0]!;
    theme.edited = true;
    const created: Theme[] = [];
    for (const members of ordered.slice(1)) {
      const part: Theme = { ...theme, id: this.nextId(category), name: '', draft: '', statements: members, locked: false, edited: true };
      c.themes.splice(at + 1 + created.length, 0, part);
      created.push(part);
    }
    this.redescribe(category, [theme, ...created]);
    for (const t of created) t.name = t.draft;
    return this.done('split', `split ${theme.id} ${how} into ${[theme, ...created].map((t) => `${t.id} (${t.size})`).join(', ')}`, {
      changed: [theme.id],
      created: created.map((t) => t.id),
      moved: created.flatMap((t) => t.statements.map((s) => ({ statement: s, from: theme.id, to: t.id }))),
    });
  }

  move(statementIds: readonly string[], to: string): Edited {
    const ids = [...new Set(statementIds)];
    if (ids.length === 0) throw new WtfcError('name one or more statement ids to move');
    const unknown = ids.filter((s) => !this.byStatement.has(s));
    if (unknown.length > 0) throw new WtfcError(`there is no statement ${abbreviate(unknown)}`, { hint: '`wtfc themes show THEME_ID` lists statement ids' });
    const target = to === unthemedTarget ? undefined : this.unlocked(this.theme(to), 'move statements into');
    const category = target?.category ?? this.byStatement.get(ids[0]!)!.category;
    const wrong = ids.filter((s) => this.byStatement.get(s)!.category !== category);
    if (wrong.length > 0) throw new WtfcError(`${abbreviate(wrong)} ${wrong.length === 1 ? 'is not a' : 'are not'} "${category}" statement${wrong.length === 1 ? '' : 's'}`, { hint: 'statements stay in their own category' });
    const c = this.set.categories[category];
    const from = new Map<string, Theme | undefined>();
    for (const s of ids) {
      const owner = c.themes.find((t) => t.statements.includes(s));
      if (owner) this.unlocked(owner, 'move statements out of');
      from.set(s, owner);
    }
    const unthemed = new Set(c.unthemed);
    const place = (s: string) => from.get(s)?.id ?? (unthemed.has(s) ? unthemedTarget : notYetThemed);
    const moved = ids.filter((s) => place(s) !== to).map((s) => ({ statement: s, from: place(s), to }));
    const leaving = new Set(moved.map((m) => m.statement));
    for (const t of c.themes) {
      if (t.statements.some((s) => leaving.has(s))) {
        t.statements = t.statements.filter((s) => !leaving.has(s));
        t.edited = true;
      }
    }
    c.unthemed = c.unthemed.filter((s) => !leaving.has(s));
    if (target) {
      target.statements = [...target.statements, ...moved.map((m) => m.statement)];
      if (moved.length > 0) target.edited = true;
    } else {
      c.unthemed = [...c.unthemed, ...moved.map((m) => m.statement)].sort();
    }
    // A theme left with no statements is gone.
    const emptied = c.themes.filter((t) => t.statements.length === 0).map((t) => t.id);
    c.themes = c.themes.filter((t) => t.statements.length > 0);
    const touched = new Set([...moved.map((m) => m.from), ...moved.map((m) => m.to)].filter((x) => x !== unthemedTarget && x !== notYetThemed && !emptied.includes(x)));
    this.redescribe(category, c.themes.filter((t) => touched.has(t.id)));
    const summary =
      moved.length === 0
        ? `nothing moved: ${ids.length === 1 ? 'that statement is' : 'those statements are'} already in ${to}`
        : `moved ${moved.length} statement${moved.length === 1 ? '' : 's'} to ${to}${emptied.length > 0 ? `; ${emptied.join(', ')} had none left and was removed` : ''}`;
    return this.done('move', summary, { changed: [...touched], removed: emptied, moved });
  }

  flag(id: string, action: 'park' | 'unpark' | 'lock' | 'unlock'): Edited {
    const theme = this.theme(id);
    const key = action === 'park' || action === 'unpark' ? 'parked' : 'locked';
    const value = action === 'park' || action === 'lock';
    if (theme[key] === value) return this.done(action, `${id} is already ${value ? '' : 'not '}${key}`, {});
    theme[key] = value;
    if (key === 'parked') theme.edited = true;
    const what = { park: 'parked (kept, left out of prioritising)', unpark: 'unparked', lock: 'locked as reviewed', unlock: 'unlocked' }[action];
    return this.done(action, `${id} "${theme.name}" ${what}`, { changed: [id] });
  }

  private unlocked(theme: Theme, verb: string): Theme {
    if (theme.locked) throw new WtfcError(`${theme.id} is locked, so wtfc will not ${verb} it`, { hint: `unlock it first: \`wtfc themes unlock ${theme.id}\`` });
    return theme;
  }

  private proposeParts(theme: Theme, k: number): string[][] {
    if (!Number.isInteger(k) || k < 2) throw new WtfcError(`cannot split into ${k} parts: give a whole number of 2 or more`);
    if (k > theme.statements.length) throw new WtfcError(`${theme.id} has ${theme.statements.length} statements, too few to split into ${k}`);
    const members = theme.statements.map((s) => this.byStatement.get(s)!).sort(themingOrder);
    const space = buildFeatureSpace(members.map((s) => s.text));
    if (space.features.length === 0) {
      throw new WtfcError(`the statements in ${theme.id} share no words, so the engine cannot split it`, { hint: 'pick the statements yourself with --statements ID,ID,…' });
    }
    const c = clusterInto(space, k, seededRandom(this.seed));
    const parts: string[][] = Array.from({ length: k }, () => []);
    members.forEach((s, i) => parts[c.assignment[i]!]!.push(s.id));
    return parts.filter((p) => p.length > 0);
  }

  /** Recounts size, perspectives, representatives, cohesion, label and draft for edited themes. */
  private redescribe(category: Category, themes: readonly Theme[]): void {
    if (themes.length === 0) return;
    const members = this.statements.filter((s) => s.category === category);
    const index = new Map(members.map((s, i) => [s.id, i]));
    const described = describeGroups(category, members, undefined, themes.map((t) => t.statements.map((s) => index.get(s)!)));
    themes.forEach((t, i) => Object.assign(t, described[i]!, { statements: t.statements }));
  }

  /** The next free id of the category's form (nw-14), free in every category, as a hand edit may have put any id anywhere. */
  private nextId(category: Category): string {
    return nextThemeId(category, this.set);
  }

  private done(action: string, summary: string, change: Partial<Omit<Change, 'action' | 'summary'>>): Edited {
    return {
      set: this.set,
      change: { action, summary, created: change.created ?? [], changed: change.changed ?? [], removed: change.removed ?? [], moved: change.moved ?? [] },
    };
  }
}

function abbreviate(ids: readonly string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more`;
}

/** The next free theme id of a category's form: one past the highest number used, and free in every category. */
export function nextThemeId(category: Category, set: ThemeSet): string {
  const prefix = themeIdPrefix[category];
  const taken = new Set(categories.flatMap((c) => set.categories[c].themes.map((t) => t.id)));
  let max = 0;
  for (const id of taken) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (taken.has(`${prefix}-${String(n).padStart(2, '0')}`)) n++;
  return `${prefix}-${String(n).padStart(2, '0')}`;
}

/**
 * The theme id a mistyped one most likely meant: the same id written differently ("nw-5", "NW05",
 * "nw 05" for nw-05), or the only id one keystroke away. Undefined when there is no clear one.
 */
export function likelyId(typed: string, ids: readonly string[]): string | undefined {
  const shape = (id: string) => {
    const m = /^([a-z]+)[\s_-]*0*(\d+)$/i.exec(id.trim());
    return m ? `${m[1]!.toLowerCase()}-${Number(m[2])}` : id.trim().toLowerCase();
  };
  const same = ids.filter((id) => shape(id) === shape(typed));
  if (same.length === 1) return same[0];
  const near = ids.filter((id) => editDistance(id.toLowerCase(), typed.trim().toLowerCase()) === 1);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
