import { writeGuardedCsv } from '../core/csv-write.js';
import { categories } from '../core/model.js';
import { loadSession } from '../session/session.js';
import { guardOutputs } from './pii-guard.js';
import { currentThemes } from './themes-store.js';
import type { Context } from './context.js';

export const assignmentColumns = ['statement_id', 'category', 'theme_id', 'theme_name'] as const;

export interface Assignment {
  statement_id: string;
  category: string;
  /** '' for a statement that is unthemed, or added since the last `wtfc theme`. */
  theme_id: string;
  theme_name: string;
  /** With --text: the statement's words (personal details masked unless pii.policy is warn). */
  text?: string;
}


/** Every statement with the theme it is in, in statements.csv order. */
export async function exportAssignments(ctx: Context, options: { text?: boolean } = {}): Promise<Assignment[]> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const themes = currentThemes(s, ctx.dirFlag);
  // An export is data for scripts (an evaluation, a spreadsheet), so it is not refused: under
  // pii.policy block, as under mask, theme names (drafted from statements' words, or typed) show
  // placeholders for any personal detail found; under warn they are as they are.
  const policy = s.settings.pii.policy === 'warn' ? 'warn' : 'mask';
  const guard = await guardOutputs(s, ctx.dirFlag, policy);
  const mask = guard.maskName;
  const textOf = new Map(guard.statements.map((st) => [st.id, st.text]));
  const themeOf = new Map<string, { id: string; name: string }>();
  for (const category of categories) {
    for (const t of themes.categories[category].themes) for (const id of t.statements) themeOf.set(id, t);
  }
  return s.statements.map((st) => {
    const t = themeOf.get(st.id);
    return { statement_id: st.id, category: st.category, theme_id: t?.id ?? '', theme_name: t ? mask(t.name) : '', ...(options.text ? { text: textOf.get(st.id) ?? '' } : {}) };
  });
}

export function renderAssignmentsCsv(rows: readonly Assignment[], text = false): string {
  const columns = text ? [...assignmentColumns, 'text' as const] : assignmentColumns;
  return writeGuardedCsv(rows.map((r) => columns.map((c) => r[c] ?? '')), columns);
}

