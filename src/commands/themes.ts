import { WtfcError } from '../errors.js';
import { categories, type Category, type Theme, type ThemeSet } from '../core/model.js';
import { effectiveChanges, redoableChanges } from '../session/history.js';
import { type Change, type Edited, ThemeEditor } from '../theming/edit.js';
import type { Context } from './context.js';
import { parseCategory } from './flags.js';
import { type ThemesState, find, loadThemesState, recordUnrecorded, sameTheme, saveThemes } from './themes-store.js';

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
  const st = recordUnrecorded(ctx, loadThemesState(ctx));
  const changes = effectiveChanges(st.history);
  if (changes.length < 2) throw new WtfcError('there is nothing to undo', { hint: 'every change since themes were first proposed has been undone' });
  const last = changes.at(-1)!;
  const back = changes.at(-2)!.state;
  const summary = `undid ${last.action}: ${last.summary}`;
  saveThemes(ctx, st, back, { action: 'undo', summary, undoes: last.seq });
  return stepped(st, last.state, back, 'undo', summary);
}

/**
 * Makes again the change the last undo stepped back from. Undos can be redone in turn, newest
 * first, until a change of any other kind is made: that change starts a new line of history.
 */
export function redoThemes(ctx: Context): EditResult {
  const st = recordUnrecorded(ctx, loadThemesState(ctx));
  const next = redoableChanges(st.history).at(-1);
  if (!next) throw new WtfcError('there is nothing to redo', { hint: 'redo makes again a change that undo stepped back from, until another change is made' });
  const from = effectiveChanges(st.history).at(-1)!.state;
  saveThemes(ctx, st, next.state, { action: next.action, summary: next.summary, redoes: next.redoes ?? next.seq });
  return stepped(st, from, next.state, 'redo', `redid ${next.action}: ${next.summary}`);
}

/** What an undo or a redo changed, from one whole state to another. */
function stepped(st: ThemesState, from: ThemeSet, to: ThemeSet, action: string, summary: string): EditResult {
  const before = new Set(categories.flatMap((c) => from.categories[c].themes.map((t) => t.id)));
  const after = new Set(categories.flatMap((c) => to.categories[c].themes.map((t) => t.id)));
  const change: Change = {
    action,
    summary,
    created: [...after].filter((id) => !before.has(id)),
    removed: [...before].filter((id) => !after.has(id)),
    changed: [...after].filter((id) => before.has(id) && !sameTheme(find(from, id)!, find(to, id)!)),
    moved: [],
  };
  const ids = new Set([...change.created, ...change.changed]);
  return { file: st.session.show(st.session.paths.themes), change, themes: categories.flatMap((c) => to.categories[c].themes.filter((t) => ids.has(t.id))) };
}

export interface ThemeListing {
  categories: Partial<Record<Category, { themes: Theme[]; unthemed: string[]; notYetThemed: string[] }>>;
}

export function listThemes(ctx: Context, category?: string): ThemeListing {
  const only = category === undefined ? undefined : parseCategory(category);
  const st = loadThemesState(ctx);
  const result: ThemeListing['categories'] = {};
  for (const c of categories) {
    if (only && c !== only) continue;
    result[c] = { ...st.set.categories[c], notYetThemed: notYetThemed(st, c) };
  }
  return { categories: result };
}

/** Statements of a category added since the last `wtfc theme`: in no theme, and not unthemed either. */
export function notYetThemed(state: ThemesState, category: Category): string[] {
  const c = state.set.categories[category];
  const placed = new Set([...c.themes.flatMap((t) => t.statements), ...c.unthemed]);
  return state.session.statements.filter((s) => s.category === category && !placed.has(s.id)).map((s) => s.id);
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
