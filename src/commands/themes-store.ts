import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { categories, type Statement, type Theme, type ThemeSet } from '../core/model.js';
import { type HistoryEntry, appendHistory, effectiveChanges, readHistory } from '../session/history.js';
import { type Session, loadSession } from '../session/session.js';
import { readThemes, writeThemes } from '../session/themes-cache.js';
import { describeGroups } from '../theming/engine.js';
import type { Context } from './context.js';

/*
 * The one way commands read and save the themes: `themes.yaml` (through its cache) with its
 * history, hand edits found and marked, every save recorded.
 */

/** The themes as they stand, with the history that led to them. */
export interface ThemesState {
  session: Session;
  set: ThemeSet;
  history: HistoryEntry[];
  /**
   * The file holds something the history has not recorded yet: an edit made in a text editor, or
   * themes from before there was a history. It is recorded just before the next change is saved,
   * so commands that only read, or that refuse, write nothing.
   */
  unrecorded?: { action: 'hand-edit' | 'start'; summary: string };
}

/**
 * Loads `themes.yaml` and its history. If the file differs from the last state wtfc recorded, a
 * person has edited it in a text editor: every theme whose name or statements they changed is
 * marked edited (and its keywords, draft and cohesion recounted), so re-theming keeps it and undo
 * can step back from it.
 */
export function loadThemesState(ctx: Context, session?: Session): ThemesState {
  return themesStateOf(session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today()), ctx.dirFlag);
}

/**
 * The themes as they stand, for a command that only reads them (render, compare, export, status,
 * the screen): the same reading, hand edits marked, as a command that changes them gets.
 */
export function currentThemes(s: Session, dirFlag = ''): ThemeSet {
  return themesStateOf(s, dirFlag).set;
}

/** What every command says when it needs themes and the session has none yet. */
export function noThemesYet(dirFlag: string): WtfcError {
  return new WtfcError('there are no themes yet', { hint: `propose some with \`wtfc theme${dirFlag}\`` });
}

function themesStateOf(s: Session, dirFlag: string): ThemesState {
  if (!existsSync(s.paths.themes)) throw noThemesYet(dirFlag);
  const set = readThemes(s);
  const history = readHistory(s.paths.history, s.show(s.paths.history));
  const last = effectiveChanges(history).at(-1);
  if (!last) return { session: s, set, history, unrecorded: { action: 'start', summary: 'the themes as found, before any recorded change' } };
  if (sameThemes(last.state, set)) {
    carryEdited(last.state, set);
    return { session: s, set, history };
  }
  markHandEdits(last.state, set, s.statements);
  return { session: s, set, history, unrecorded: { action: 'hand-edit', summary: `${s.show(s.paths.themes)} was edited outside wtfc` } };
}

/** Records what the file holds that the history has not, if anything. */
export function recordUnrecorded(ctx: Context, state: ThemesState): ThemesState {
  if (!state.unrecorded) return state;
  const entry = appendHistory(state.session.paths.history, state.history, { ...state.unrecorded, state: state.set }, ctx.io.now());
  return { ...state, history: [...state.history, entry], unrecorded: undefined };
}

/** Saves a new state: the themes file first (atomically), then its line in the history. */
export function saveThemes(ctx: Context, state: ThemesState, set: ThemeSet, change: Omit<HistoryEntry, 'seq' | 'at' | 'state'>): HistoryEntry {
  const st = recordUnrecorded(ctx, state);
  const s = st.session;
  writeThemes(s, set);
  return appendHistory(s.paths.history, st.history, { ...change, state: set }, ctx.io.now());
}

/**
 * Whether the themes hold a facilitator's work: a theme locked, edited or parked, or any change
 * since the themes were proposed that is still in effect (a theme emptied and removed leaves no
 * flag behind, but it was a decision).
 */
export function holdsHumanWork(state: ThemesState): boolean {
  if (state.unrecorded?.action === 'hand-edit') return true;
  if (categories.some((c) => state.set.categories[c].themes.some((t) => t.locked || t.edited || t.parked))) return true;
  return effectiveChanges(state.history).some((e) => e.action !== 'theme' && e.action !== 'start');
}

export function find(set: ThemeSet, id: string): Theme | undefined {
  for (const c of categories) {
    const t = set.categories[c].themes.find((x) => x.id === id);
    if (t) return t;
  }
  return undefined;
}

export function sameTheme(a: Theme, b: Theme): boolean {
  return a.name === b.name && a.locked === b.locked && a.parked === b.parked && a.statements.join('\n') === b.statements.join('\n');
}

/** The same themes, names, flags, statements and unthemed lists (keywords and counts aside). */
export function sameThemeSet(a: ThemeSet, b: ThemeSet): boolean {
  return sameThemes(a, b) && categories.every((c) => a.categories[c].themes.every((t, i) => t.edited === b.categories[c].themes[i]!.edited));
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

/** The file may have lost an `edited: true` to a careless hand; the history remembers it. */
function carryEdited(recorded: ThemeSet, now: ThemeSet): void {
  for (const c of categories) for (const t of now.categories[c].themes) t.edited ||= find(recorded, t.id)?.edited ?? false;
}

/**
 * Marks as edited every theme whose name or statements differ from the recorded state, or that is
 * new, and recounts the keywords, draft and cohesion of those whose statements changed.
 */
function markHandEdits(recorded: ThemeSet, now: ThemeSet, statements: readonly Statement[]): void {
  carryEdited(recorded, now);
  for (const c of categories) {
    const changed: Theme[] = [];
    for (const t of now.categories[c].themes) {
      const was = find(recorded, t.id);
      const moved = !was || [...was.statements].sort().join('\n') !== [...t.statements].sort().join('\n');
      if (moved || was.name !== t.name) t.edited = true;
      if (moved && t.statements.length > 0) changed.push(t);
    }
    if (changed.length === 0) continue;
    const members = statements.filter((s) => s.category === c);
    const index = new Map(members.map((s, i) => [s.id, i]));
    const described = describeGroups(c, members, undefined, changed.map((t) => t.statements.map((id) => index.get(id)!)));
    changed.forEach((t, i) => Object.assign(t, described[i]!, { statements: t.statements }));
  }
}
