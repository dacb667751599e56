import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeGuardedCsv } from '../core/csv-write.js';
import { PiiBlocked, guardOutputs } from './pii-guard.js';
import type { PiiPolicy } from '../core/settings.js';
import { type Category, type Statement, categories, categoryTitles } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { readPriorities } from '../session/priorities-file.js';
import { loadSession } from '../session/session.js';
import { currentThemes } from './themes-store.js';
import { alignTexts } from '../theming/engine.js';
import { escapeMarkdown } from '../render/markdown.js';
import { htmlPage } from '../render/html.js';
import { wrapLabel } from '../render/charts.js';
import { count } from '../core/text.js';

/** One council's themes, as the comparison reads them. */
interface CouncilThemes {
  council: string;
  themes: { id: string; category: Category; name: string; label: string; size: number; quotes: string[] }[];
  top: string[];
}

export interface CrossTheme {
  id: string;
  category: Category;
  name: string;
  councils: { council: string; themes: string[]; statements: number }[];
  quotes: { council: string; text: string }[];
}

export interface CrossCouncil {
  dir: string;
  themes: CrossTheme[];
  priorities: { council: string; top: { id: string; name: string; cross?: string }[] }[];
}

/**
 * Aligns the councils' themes by theming the themes: each council theme becomes one short text
 * (its keywords and its representative statements), and the engine groups those texts per
 * category by their words and what the words mean, as it groups a wall (`alignTexts`). A cross-council theme is one such
 * group; the councils it appears in are the councils of its members. The work grows with the
 * number of themes (the engine's cost), not with the square of it.
 */
export async function compareCouncils(
  out: string,
  councils: { council: string; session: string }[],
  today: string,
  pii?: PiiPolicy,
): Promise<CrossCouncil> {
  const read: CouncilThemes[] = [];
  for (const c of councils.filter((x) => existsSync(join(x.session, 'themes.yaml')))) {
    const s = loadSession(c.session, c.session, today);
    const set = currentThemes(s);
    // The comparison is an output like any other: the council's policy for personal details
    // (or the batch's --pii) masks it, and a council still blocked is left out.
    let guard: Awaited<ReturnType<typeof guardOutputs>>;
    try {
      guard = await guardOutputs(s, '', pii);
    } catch (err) {
      if (err instanceof PiiBlocked) continue;
      throw err;
    }
    const text = new Map(guard.statements.map((x) => [x.id, x.text]));
    read.push({
      council: c.council,
      themes: categories.flatMap((cat) =>
        set.categories[cat].themes.map((t) => ({
          id: t.id,
          category: cat,
          name: guard.maskName(t.name),
          label: guard.maskName(t.label),
          size: t.statements.length,
          quotes: t.representative.map((r) => text.get(r) ?? '').filter(Boolean),
        })),
      ),
      top: readPriorities(s.paths.priorities, s.show(s.paths.priorities))?.top ?? [],
    });
  }
  const themes: CrossTheme[] = [];
  const crossOf = new Map<string, string>();
  for (const category of categories) {
    const members = read.flatMap((c) => c.themes.filter((t) => t.category === category).map((t) => ({ c, t })));
    if (members.length === 0) continue;
    // Each council theme as a statement for the engine, with an id that sorts the same every run.
    const docs: Statement[] = members.map(({ c, t }, i) => ({
      id: `${c.council}\u0000${t.id}`,
      text: [t.label, ...t.quotes].join('. '),
      category,
      perspective: 'unknown',
      person: '',
      council: c.council,
      source: 'comparison',
      line: i,
    }));
    const byId = new Map(members.map((m, i) => [docs[i]!.id, m]));
    const grouped = alignTexts(category, [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    const groups = [...grouped.themes.map((g) => ({ name: g.name, ids: g.statements })), ...grouped.unthemed.map((id) => ({ name: '', ids: [id] }))];
    const used = new Set<string>();
    for (const g of groups) {
      const parts = g.ids.map((id) => byId.get(id)!);
      const perCouncil = new Map<string, { themes: string[]; statements: number }>();
      for (const { c, t } of parts) {
        const e = perCouncil.get(c.council) ?? { themes: [], statements: 0 };
        e.themes.push(t.id);
        e.statements += t.size;
        perCouncil.set(c.council, e);
      }
      // (Never a name another cross-council theme of the category has: the engine's own names differ.)
      const named = [sharedName(parts.map((p) => p.t)), g.name, parts[0]!.t.name].find((n) => n && !used.has(n)) ?? (g.name || parts[0]!.t.name);
      used.add(named);
      const quotes = crossQuotes(parts.map(({ c, t }) => ({ council: c.council, ...t })), named);
      themes.push({
        id: '',
        category,
        name: named,
        councils: [...perCouncil.entries()].map(([council, e]) => ({ council, ...e })).sort((a, b) => (a.council < b.council ? -1 : 1)),
        quotes,
      });
    }
  }
  themes.sort((a, b) => b.councils.length - a.councils.length || categories.indexOf(a.category) - categories.indexOf(b.category) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  themes.forEach((t, i) => {
    t.id = `x-${String(i + 1).padStart(3, '0')}`;
    for (const c of t.councils) for (const id of c.themes) crossOf.set(`${c.council}\u0000${id}`, t.id);
  });
  const priorities = read.map((c) => ({
    council: c.council,
    top: c.top.map((id) => ({ id, name: c.themes.find((t) => t.id === id)?.name ?? id, cross: crossOf.get(`${c.council}\u0000${id}`) })),
  }));
  const dir = join(out, 'comparison');
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'themes.csv'), themesCsv(themes));
  const markdown = comparisonMarkdown(themes, priorities, read.map((c) => c.council));
  writeFileAtomic(join(dir, 'comparison.md'), markdown);
  writeFileAtomic(join(dir, 'comparison.html'), htmlPage(markdown, 'comparison', 'Cross-council comparison', heatmap(themes, read.map((c) => c.council))));
  return { dir, themes, priorities };
}

/**
 * A cross-council theme's quotes: the first representative statement of up to three of its council
 * themes, one a council, from the themes that have its name first (they say what the name says),
 * then the largest.
 */
export function crossQuotes(themes: readonly { council: string; name: string; size: number; quotes: readonly string[] }[], name: string): CrossTheme['quotes'] {
  const quotes: CrossTheme['quotes'] = [];
  for (const t of [...themes].sort((a, b) => Number(b.name === name) - Number(a.name === name) || b.size - a.size)) {
    if (quotes.length < 3 && !quotes.some((q) => q.council === t.council) && t.quotes[0]) quotes.push({ council: t.council, text: t.quotes[0] });
  }
  return quotes;
}

/**
 * The name two or more councils gave their themes of a cross-council theme, where they did: the
 * idea as the councils' own theming said it ("I don't want to wait hours for an ambulance"). The
 * name most of them gave, then the one with most statements, then the first in the alphabet.
 */
export function sharedName(themes: readonly { name: string; size: number }[]): string | undefined {
  const byName = new Map<string, { count: number; statements: number }>();
  for (const t of themes) {
    const e = byName.get(t.name) ?? { count: 0, statements: 0 };
    byName.set(t.name, { count: e.count + 1, statements: e.statements + t.size });
  }
  const [best] = [...byName].sort(([a, x], [b, y]) => y.count - x.count || y.statements - x.statements || (a < b ? -1 : a > b ? 1 : 0));
  return best && best[1].count >= 2 ? best[0] : undefined;
}

function themesCsv(themes: CrossTheme[]): string {
  return writeGuardedCsv(
    themes.map((t) => [
      t.id,
      t.category,
      t.name,
      String(t.councils.length),
      t.councils.map((c) => c.council).join('; '),
      t.councils.map((c) => `${c.council}: ${c.statements}`).join('; '),
      t.councils.map((c) => `${c.council}: ${c.themes.join(' ')}`).join('; '),
      t.quotes.map((q) => `${q.council}: ${q.text}`).join(' | '),
    ]),
    ['id', 'category', 'name', 'councils', 'council_list', 'statements_per_council', 'council_themes', 'representative_statements'],
  );
}

function comparisonMarkdown(themes: CrossTheme[], priorities: CrossCouncil['priorities'], councils: string[]): string {
  const e = escapeMarkdown;
  const lines = ['# Cross-council comparison', '', `${count(councils.length, 'council')}; ${count(themes.length, 'theme')} across them.`, ''];
  lines.push('## Themes that recur', '', 'Ranked by how many councils share them.', '');
  lines.push('| Theme | Wall | Councils | Statements | A quote |', '| --- | --- | ---: | ---: | --- |');
  for (const t of themes.filter((x) => x.councils.length > 1)) {
    const q = t.quotes[0];
    lines.push(`| ${e(t.name)} (${t.id}) | ${e(categoryTitles[t.category])} | ${t.councils.length} | ${t.councils.reduce((n, c) => n + c.statements, 0)} | ${q ? `${e(q.text)} *(${e(q.council)})*` : '–'} |`);
  }
  lines.push('', '## Each council\'s priorities', '', '| Council | Priorities |', '| --- | --- |');
  for (const p of priorities) lines.push(`| ${e(p.council)} | ${p.top.length > 0 ? p.top.map((t) => `${e(t.name)}${t.cross ? ` (${t.cross})` : ''}`).join('; ') : 'none recorded'} |`);
  lines.push('', '## Themes found in one council only', '');
  const unique = themes.filter((x) => x.councils.length === 1);
  if (unique.length === 0) lines.push('None: every theme is shared.');
  for (const t of unique) lines.push(`- ${e(t.name)} (${t.id}, ${e(categoryTitles[t.category])}): ${e(t.councils[0]!.council)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Cross-council themes (rows) by council (columns), as SVG heatmaps: each cell says how many of a
 * council's statements are in the theme, darker for more, with the number written in it. Council
 * names are written in full, slanted; a theme's name wraps onto a second line. A key explains the
 * shades. Large comparisons are drawn in blocks of at most 16 councils and 24 themes, each block
 * with its own headings, so each prints whole on its page.
 */
function heatmap(themes: CrossTheme[], councils: string[]): string {
  const rows = themes.slice(0, mostRows);
  const max = Math.max(1, ...rows.flatMap((t) => t.councils.map((c) => c.statements)));
  const blocks: string[] = [];
  for (let r = 0; r < Math.max(1, rows.length); r += blockRows) {
    for (let c = 0; c < Math.max(1, councils.length); c += blockCols) {
      blocks.push(heatmapBlock(rows.slice(r, r + blockRows), councils.slice(c, c + blockCols), max));
    }
  }
  const cut = themes.length > mostRows ? `<p>The ${mostRows} themes shared by the most councils are drawn; themes.csv lists all ${themes.length}.</p>\n` : '';
  return `<h2>Which councils raised each theme</h2>\n${cut}${blocks.join('\n')}`;
}

const mostRows = 48;
const blockRows = 24;
const blockCols = 16;

function heatmapBlock(rows: CrossTheme[], cols: string[], max: number): string {
  const cell = 26;
  const left = 300;
  const slant = Math.sin(Math.PI / 3);
  const longest = Math.max(1, ...cols.map((c) => Array.from(c).length));
  const top = Math.ceil(longest * 6.2 * slant) + 24;
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const shadeOf = (n: number) => (n === 0 ? '#f2f2f2' : `rgba(31,95,139,${(0.2 + (0.8 * n) / max).toFixed(2)})`);
  const parts: string[] = [];
  cols.forEach((c, j) => parts.push(`<text transform="translate(${left + j * cell + cell / 2 + 4},${top - 8}) rotate(-60)" font-size="11">${xml(c)}</text>`));
  rows.forEach((t, i) => {
    const y = top + i * cell;
    const label = wrapLabel(`${t.id} ${t.name}`, 44, 2);
    const first = y + cell / 2 + 4 - ((label.length - 1) * 12) / 2;
    parts.push(`<text text-anchor="end" font-size="11">${label.map((l, k) => `<tspan x="${left - 6}" y="${(first + k * 12).toFixed(1)}">${xml(l)}</tspan>`).join('')}</text>`);
    cols.forEach((c, j) => {
      const n = t.councils.find((x) => x.council === c)?.statements ?? 0;
      parts.push(`<rect x="${left + j * cell}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${shadeOf(n)}"/>`);
      if (n > 0) parts.push(`<text x="${left + j * cell + (cell - 2) / 2}" y="${y + cell / 2 + 3}" text-anchor="middle" font-size="11" fill="${n / max > 0.45 ? '#fff' : '#1a1a1a'}">${n}</text>`);
    });
  });
  const keyY = top + rows.length * cell + 24;
  const steps = [...new Set([0, 1, Math.round(max / 2), max])].filter((n) => n <= max);
  parts.push(`<text x="${left - 6}" y="${keyY}" text-anchor="end" font-size="11" font-weight="bold">Key: statements</text>`);
  steps.forEach((n, k) => {
    const x = left + k * 52;
    parts.push(`<rect x="${x}" y="${keyY - 13}" width="18" height="18" fill="${shadeOf(n)}" stroke="#767676" stroke-width="0.5"/><text x="${x + 23}" y="${keyY}" font-size="11">${n}</text>`);
  });
  const alt = `Heatmap of ${rows.length} themes by ${cols.length} councils, statements in each: ${rows
    .map((t) => `${t.id} ${t.name}: ${cols.map((c) => `${c} ${t.councils.find((x) => x.council === c)?.statements ?? 0}`).join(', ')}`)
    .join('; ')}.`;
  const width = Math.max(left + cols.length * cell + 30, left + steps.length * 52 + 20) + Math.ceil(longest * 6.2 * 0.5);
  const height = keyY + 12;
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${xml(alt)}" viewBox="0 0 ${width} ${height}" width="100%"><title>${xml(alt)}</title><style>text{font-family:sans-serif;fill:#1a1a1a}</style>${parts.join('')}</svg></figure>`;
}
