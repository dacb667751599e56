import { WtfcError } from '../errors.js';
import { categories, type Category, type Theme } from '../core/model.js';
import { effectiveChanges } from '../session/history.js';
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
