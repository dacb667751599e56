import type { Perspective, Statement } from './model.js';
import type { Theme } from '../theming/engine.js';

export interface RankedTheme {
  /** Competition ranking: tied themes share a rank, and the next rank skips (1, 2, 2, 4). */
  rank: number;
  /** True when another theme has the same rank. */
  tied: boolean;
  themeId: string;
  themeName: string;
  score: number;
  /** Distinct people behind the theme's statements: the tie-break. */
  people: number;
  byPerspective: Partial<Record<Perspective, number>>;
}

/**
 * Ranks themes by how many statements they hold, with the number of distinct people as the
 * tie-break (ten statements from ten people outrank ten from three). A person is a council and a
 * person reference; a statement without a reference counts as its own person. Themes equal on both share a rank.
 */
export function rankByCount(themes: readonly Theme[], statements: readonly Statement[]): RankedTheme[] {
  const byId = new Map(statements.map((s) => [s.id, s]));
  const rows = themes.map((t) => {
    const people = new Set<string>();
    const byPerspective: Partial<Record<Perspective, number>> = {};
    for (const id of t.statements) {
      const s = byId.get(id);
      if (!s) continue;
      people.add(s.person === '' ? `\u0000${s.id}` : `${s.council}\u0000${s.person}`);
      byPerspective[s.perspective] = (byPerspective[s.perspective] ?? 0) + 1;
    }
    return { themeId: t.id, themeName: t.name, score: t.statements.length, people: people.size, byPerspective };
  });
  rows.sort((a, b) => b.score - a.score || b.people - a.people || (a.themeId < b.themeId ? -1 : 1));
  const ranked: RankedTheme[] = [];
  rows.forEach((row, i) => {
    const prev = ranked[i - 1];
    const same = prev !== undefined && prev.score === row.score && prev.people === row.people;
    const rank = same ? prev.rank : i + 1;
    if (same) prev.tied = true;
    ranked.push({ ...row, rank, tied: same });
  });
  return ranked;
}

/** The top N, widened to include every theme tied at the cut, with a flag when that happened. */
export function topPriorities(ranked: readonly RankedTheme[], n: number): { top: RankedTheme[]; tieAtCut: boolean } {
  if (ranked.length <= n) return { top: [...ranked], tieAtCut: false };
  const cutRank = ranked[n - 1]!.rank;
  const top = ranked.filter((r) => r.rank <= cutRank);
  return { top, tieAtCut: top.length > n };
}
