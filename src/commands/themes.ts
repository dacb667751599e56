import { existsSync, readFileSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { type Category, categories } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type HistoryEntry, appendHistory, effectiveChanges, readHistory } from '../session/history.js';
import { type Session, loadSession } from '../session/session.js';
import { parseThemesFile, renderThemesFile } from '../session/themes-file.js';
import { type Change, type Edited, ThemeEditor } from '../theming/edit.js';
import type { Theme, ThemeSet } from '../theming/engine.js';
import type { Context } from './context.js';

/** The themes as they stand, with the history that led to them. */
export interface ThemesState {
  session: Session;
  set: ThemeSet;
  history: HistoryEntry[];
}

/**
 * Loads `themes.yaml` and its history. If the file differs from the last state wtfc recorded, a
 * person has edited it in a text editor: every theme they changed is marked edited, and the edit
 * is recorded as a change of its own, so it can be undone like any other and is never lost.
 */
export function loadThemesState(ctx: Context, session?: Session): ThemesState {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  if (!existsSync(s.paths.themes)) {
    throw new WtfcError('there are no themes yet', { hint: `propose some with \`wtfc theme${ctx.dirFlag}\`` });
  }
  const set = parseThemesFile(readFileSync(s.paths.themes, 'utf8'), s.show(s.paths.themes), s.statements);
  let history = readHistory(s.paths.history, s.show(s.paths.history));
  const last = effectiveChanges(history).at(-1);
  if (!last) {
    history = [...history, appendHistory(s.paths.history, history, { action: 'start', summary: 'the themes as found, before any recorded change', state: set }, ctx.io.now())];
  } else if (!sameThemes(last.state, set)) {
    markHandEdits(last.state, set);
    writeFileAtomic(s.paths.themes, renderThemesFile(set, s.statements));
    history = [...history, appendHistory(s.paths.history, history, { action: 'hand-edit', summary: `${s.show(s.paths.themes)} was edited outside wtfc`, state: set }, ctx.io.now())];
  }
  return { session: s, set, history };
}

/** Saves a new state: the themes file first (atomically), then its line in the history. */
export function saveThemes(ctx: Context, state: ThemesState, set: ThemeSet, change: Omit<HistoryEntry, 'seq' | 'at' | 'state'>): HistoryEntry {
  const s = state.session;
  writeFileAtomic(s.paths.themes, renderThemesFile(set, s.statements));
  return appendHistory(s.paths.history, state.history, { ...change, state: set }, ctx.io.now());
}

export interface EditResult {
  file: string;
  change: Change;
  /** The themes the change touched, as they are now. */
  themes: Theme[];
}

/** Applies one edit and saves it at once. A refused edit throws before anything is written. */
export function editThemes(ctx: Context, edit: (editor: ThemeEditor) => Edited, state?: ThemesState): EditResult {
  const st = state ?? loadThemesState(ctx);
  const { set, change } = edit(new ThemeEditor(st.set, st.session.statements));
  const nothing = change.created.length + change.changed.length + change.removed.length + change.moved.length === 0;
  if (!nothing) saveThemes(ctx, st, set, { action: change.action, summary: change.summary });
  const ids = new Set([...change.created, ...change.changed]);
  return {
    file: st.session.show(st.session.paths.themes),
    change,
    themes: categories.flatMap((c) => set.categories[c].themes.filter((t) => ids.has(t.id))),
  };
}

/** Steps back from the last change still in effect. */
export function undoThemes(ctx: Context): EditResult {
  const st = loadThemesState(ctx);
  const changes = effectiveChanges(st.history);
  if (changes.length < 2) throw new WtfcError('there is nothing to undo', { hint: 'every change since themes were first proposed has been undone' });
  const last = changes.at(-1)!;
  const back = changes.at(-2)!.state;
  saveThemes(ctx, st, back, { action: 'undo', summary: `undid ${last.action}: ${last.summary}`, undoes: last.seq });
  const before = new Set(categories.flatMap((c) => last.state.categories[c].themes.map((t) => t.id)));
  const after = new Set(categories.flatMap((c) => back.categories[c].themes.map((t) => t.id)));
  const change: Change = {
    action: 'undo',
    summary: `undid ${last.action}: ${last.summary}`,
    created: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id)),
    changed: [...after].filter((id) => before.has(id) && !sameTheme(find(last.state, id)!, find(back, id)!)),
    moved: [],
  };
  const ids = new Set([...change.created, ...change.changed]);
  return { file: st.session.show(st.session.paths.themes), change, themes: categories.flatMap((c) => back.categories[c].themes.filter((t) => ids.has(t.id))) };
}

export interface ThemeListing {
  categories: Record<Category, { themes: Theme[]; unthemed: string[] }>;
}

export function listThemes(ctx: Context, category?: string): ThemeListing {
  const only = category === undefined ? undefined : checkCategory(category);
  const { set } = loadThemesState(ctx);
  const result = {} as ThemeListing['categories'];
  for (const c of categories) {
    if (only && c !== only) continue;
    result[c] = set.categories[c];
  }
  return { categories: result };
}

export interface ThemeDetail {
  theme: Theme;
  statements: { id: string; text: string; perspective: string; person: string }[];
}

export function showTheme(ctx: Context, id: string): ThemeDetail {
  const st = loadThemesState(ctx);
  const theme = new ThemeEditor(st.set, st.session.statements).theme(id);
  const byId = new Map(st.session.statements.map((s) => [s.id, s]));
  return {
    theme,
    statements: theme.statements.map((sid) => {
      const s = byId.get(sid)!;
      return { id: s.id, text: s.text, perspective: s.perspective, person: s.person };
    }),
  };
}

export function checkCategory(value: string): Category {
  const c = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((categories as readonly string[]).includes(c)) return c as Category;
  throw new WtfcError(`--category ${value}: expected one of ${categories.join(', ')}`);
}

function find(set: ThemeSet, id: string): Theme | undefined {
  for (const c of categories) {
    const t = set.categories[c].themes.find((x) => x.id === id);
    if (t) return t;
  }
  return undefined;
}

function sameTheme(a: Theme, b: Theme): boolean {
  return a.name === b.name && a.locked === b.locked && a.parked === b.parked && a.edited === b.edited && a.statements.join('\n') === b.statements.join('\n');
}

function sameThemes(a: ThemeSet, b: ThemeSet): boolean {
  return categories.every((c) => {
    const x = a.categories[c];
    const y = b.categories[c];
    return (
      x.themes.length === y.themes.length &&
      x.themes.every((t, i) => t.id === y.themes[i]!.id && sameTheme(t, y.themes[i]!)) &&
      [...x.unthemed].sort().join('\n') === [...y.unthemed].sort().join('\n')
    );
  });
}

/** Marks as edited every theme whose name or statements differ from the recorded state, or that is new. */
function markHandEdits(recorded: ThemeSet, now: ThemeSet): void {
  for (const c of categories) {
    for (const t of now.categories[c].themes) {
      const was = find(recorded, t.id);
      if (!was || was.name !== t.name || [...was.statements].sort().join('\n') !== [...t.statements].sort().join('\n')) t.edited = true;
    }
  }
}
