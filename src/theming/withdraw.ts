import { categories, type Statement, type ThemeSet } from '../core/model.js';
import { describeGroups } from './engine.js';

/** What taking withdrawn statements out of a theme set did: the set, and what a facilitator should know. */
export interface Withdrawal {
  set: ThemeSet;
  /** Themes that lost statements (with the facilitator's work in them said) or went. */
  notes: string[];
}

/**
 * Takes statements that are no longer in the input out of every theme, locked ones included: a
 * withdrawn statement cannot stay on the wall. A theme that loses some is recounted (its keywords,
 * draft and cohesion), and keeps its name when someone gave it one; a theme left empty goes.
 * `statements` are the statements that remain.
 */
export function withdrawStatements(set: ThemeSet, gone: ReadonlySet<string>, statements: readonly Statement[]): Withdrawal {
  const notes: string[] = [];
  const out = structuredClone(set);
  for (const c of categories) {
    const group = out.categories[c];
    const members = statements.filter((s) => s.category === c);
    const index = new Map(members.map((s, i) => [s.id, i]));
    group.unthemed = group.unthemed.filter((id) => !gone.has(id));
    group.themes = group.themes.flatMap((t) => {
      const kept = t.statements.filter((id) => !gone.has(id));
      const lost = t.statements.length - kept.length;
      if (lost === 0) return [t];
      const work = t.locked ? 'locked ' : t.edited ? 'edited ' : '';
      if (kept.length === 0) {
        notes.push(`${work}theme ${t.id} (${JSON.stringify(t.name)}) held only withdrawn statements, and is gone`);
        return [];
      }
      notes.push(`${work}theme ${t.id} (${JSON.stringify(t.name)}) lost ${lost} withdrawn statement${lost === 1 ? '' : 's'}`);
      const [described] = describeGroups(c, members, undefined, [kept.map((id) => index.get(id)!)]);
      // A name nobody changed follows the draft; one a facilitator gave is theirs.
      const named = t.edited || t.locked || t.name !== t.draft ? t.name : described!.draft;
      return [{ ...t, ...described!, name: named, statements: kept }];
    });
  }
  return { set: out, notes };
}
