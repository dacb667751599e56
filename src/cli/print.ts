import type { ChalkInstance } from 'chalk';
import type { ModelReport } from '../commands/model.js';
import { categories, categoryTitles, type Perspective, perspectives, type Theme } from '../core/model.js';
import type { InitResult } from '../commands/init.js';
import type { IngestSummary } from '../commands/ingest.js';
import type { RenderSummary } from '../commands/render.js';
import type { RunSummary } from '../commands/run.js';
import type { StatusReport } from '../commands/status.js';
import type { ThemeSummary } from '../commands/theme.js';
import type { EditResult, ThemeDetail, ThemeListing } from '../commands/themes.js';
import type { VotesImportSummary } from '../commands/votes.js';
import type { Comparison } from '../commands/compare.js';
import type { BatchSummary } from '../commands/batch.js';
import type { PlanChange, PlanView } from '../commands/plan.js';
import { type ThemePlan, whyChains } from '../core/plan.js';
import type { Prioritisation } from '../core/prioritise.js';
import type { PrioritiseSummary } from '../commands/prioritise.js';
import type { PiiChange, PiiReport } from '../commands/pii.js';
import { textKey } from '../pii/text-key.js';
import { count, terminalModel, terminalText } from '../core/text.js';
import { formatProblem } from '../errors.js';
import type { Io } from './io.js';

/** Where a command's output goes: data on stdout, chatter (warnings, hints) on stderr. */
export interface Printer {
  json: boolean;
  quiet: boolean;
  c: ChalkInstance;
  /** A line of the product, on stdout; dropped with --quiet. */
  out(line?: string): void;
  /** A line of chatter, on stderr; dropped with --quiet and --json. */
  note(line: string): void;
  /** Data, as JSON on stdout. */
  data(value: unknown): void;
}

export function makePrinter(io: Io, c: ChalkInstance, options: { json: boolean; quiet: boolean }): Printer {
  return {
    json: options.json,
    quiet: options.quiet,
    c,
    out: (line = '') => {
      if (!options.quiet && !options.json) io.stdout.write(`${line}\n`);
    },
    note: (line) => {
      if (!options.quiet && !options.json) io.stderr.write(`${line}\n`);
    },
    data: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}

const shownRejections = 10;

/** A list of names that could be long (a file's header row): the first ten, each cut to 40 characters. */
function listBriefly(names: readonly string[]): string {
  const cut = (n: string) => (n.length > 40 ? `${n.slice(0, 39)}…` : n);
  const shown = names.slice(0, 10).map(cut).join(', ');
  return names.length > 10 ? `${shown} … and ${names.length - 10} more` : shown;
}

export function printInit(p: Printer, r: InitResult): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  p.out(`Created a session in ${r.dir}:`);
  for (const f of r.files) p.out(`  ${f}`);
  p.out();
  p.out(`Next: wtfc ingest FILE...${r.dir === '.' ? '' : ` -C ${r.dir}`}`);
}

export function printIngest(p: Printer, r: IngestSummary): void {
  if (p.json) {
    const { read, added, duplicates, rejected, warnings, files, rejections, unknownValues, written, total, pii } = r;
    return p.data({ read, added, duplicates, rejected, warnings, rejections, unknownValues, files, written, total, pii });
  }
  r = terminalModel(r);
  const { c } = p;
  for (const w of r.warnings) p.note(`${c.yellow('warning')}: ${w.where}: ${w.message}`);
  for (const x of r.rejections.slice(0, shownRejections)) p.note(`${c.yellow('rejected')}: ${x.where}: ${x.reason}`);
  if (r.rejections.length > shownRejections) {
    p.note(`… and ${r.rejections.length - shownRejections} more, listed in ${r.rejectedFile}`);
  }
  const width = Math.max(...r.files.map((f) => f.file.length));
  for (const f of r.files) {
    const shape = `${f.layout}, ${f.delimiter === '\t' ? 'tab' : f.delimiter === ';' ? 'semicolon' : f.delimiter === ',' ? 'comma' : f.delimiter}`;
    p.out(`${f.file.padEnd(width)}  ${shape.padEnd(16)} read ${f.read}, ${r.written ? 'added' : 'would add'} ${f.added}, duplicates ${f.duplicates}, rejected ${f.rejected}`);
    if (f.skippedLines > 0) p.note(`  ${f.file}: the column names are on line ${f.headerLine}; ${count(f.skippedLines, 'line')} above them (a title or notes) passed over`);
    if (f.ignoredColumns.length > 0) p.note(`  ignored columns in ${f.file}: ${listBriefly(f.ignoredColumns)}`);
  }
  p.out(`${c.bold('read')} ${r.read} = ${c.bold(r.written ? 'added' : 'would add')} ${r.added} + ${c.bold('duplicates')} ${r.duplicates} + ${c.bold('rejected')} ${r.rejected}`);
  if (r.unknownValues.length > 0) {
    const rows = r.unknownValues.reduce((n, u) => n + u.rows, 0);
    p.note(`${c.yellow(count(rows, 'row'))} set aside because wtfc does not know a label in them. Say what each means, then ingest the file again (the rows already in are not added twice):`);
    for (const u of r.unknownValues) {
      const choices = u.field === 'category' ? 'working, not_working or future' : 'person, family, staff, other or unknown';
      p.note(`  ${u.field} "${u.value}" (${count(u.rows, 'row')}): --value "${u.value.replace(/"/g, '\\"')}=${u.field === 'category' ? 'CATEGORY' : 'PERSPECTIVE'}", one of ${choices}`);
    }
  }
  printPiiFindings(p, r.pii);
  if (r.failedStrict) {
    p.out(c.red(`--strict: ${r.warnings.length} warning(s), ${r.rejected} rejected row(s); nothing was written.`));
  } else if (!r.written) {
    p.out('Dry run: nothing was written.');
  } else {
    p.out(`${r.statementsFile} now holds ${count(r.total, 'statement')}.${r.rejections.length > 0 ? ` Rejected rows are listed in ${r.rejectedFile}.` : ''}`);
  }
}

const shownFindings = 10;

/** The screen's findings in newly ingested statements: a few shown, and where to see them all. */
function printPiiFindings(p: Printer, pii: IngestSummary['pii']): void {
  if (pii.findings.length === 0) return;
  const { c } = p;
  // The details themselves stay out of the chatter, which can end up in a log: `wtfc pii` shows them.
  for (const f of pii.findings.slice(0, shownFindings)) p.note(`${c.yellow('personal detail')}: ${f.statement}: ${f.type}`);
  if (pii.findings.length > shownFindings) p.note(`… and ${pii.findings.length - shownFindings} more`);
  const effect = { block: '`wtfc render` refuses until they are resolved', mask: 'outputs will show placeholders', warn: 'outputs will print them as they are' }[pii.policy];
  p.note(`${pii.findings.length} personal detail(s) in the new statements (pii.policy: ${pii.policy}: ${effect}); \`${pii.list}\` lists them and says how to resolve them.`);
}

export function printStatus(p: Printer, r: StatusReport): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const { c } = p;
  p.out(c.bold(r.name));
  p.out(`${r.council ? `${r.council} · ` : ''}${r.date} · ${r.dir}`);
  p.out();
  p.out(`${count(r.statements, 'statement')}${r.rejected ? ` (${count(r.rejected, 'row')} rejected)` : ''}`);
  if (r.statements > 0) {
    for (const cat of categories) p.out(`  ${categoryTitles[cat].padEnd(34)} ${r.byCategory[cat]}`);
    p.out(`  by perspective: ${perspectives.filter((x) => r.byPerspective[x] > 0).map((x) => `${x} ${r.byPerspective[x]}`).join(', ')}`);
    p.out(`  by council: ${Object.entries(r.byCouncil).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  p.out();
  for (const s of r.steps) p.out(`  ${s.done ? c.green('✓') : c.dim('·')} ${s.step.padEnd(10)} ${s.detail}`);
  if (r.model) {
    const m = r.model;
    const set = [m.embeddings && `${m.embeddings} for meaning`, m.chat && `${m.chat} for names`].filter(Boolean).join(', ');
    p.out();
    p.out(m.endpoint === '' ? 'Model server: none set' : `Model server: ${m.endpoint}${set ? ` (${set})` : ' (no model named, so none is used)'}`);
    if (m.refused) p.out(c.yellow(`  not used: ${m.refused} (model.allow_remote is false)`));
    const took = [m.themes?.embeddings && `meaning by ${m.themes.embeddings}`, m.themes?.chat && `names by ${m.themes.chat}`].filter(Boolean).join(', ');
    if (took) p.out(`  the themes have ${took}`);
  }
  p.out();
  const undone = r.steps.filter((s) => !s.done).map((s) => s.step);
  p.out(r.next ? `Next: ${r.next}` : undone.length === 0 ? 'Every step is done.' : `Nothing more is needed. Not done, if you want it: ${undone.join(', ')}.`);
}

export function printTheme(p: Printer, r: ThemeSummary): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  if (r.mode === 'unchanged') return p.out(`Nothing changed: ${r.file} is as it was.`);
  if (!r.meaning) p.note('Note: the word vectors (dist/vectors/words.bin) are missing, so statements were grouped by their words alone; `npm run build` makes them.');
  if (r.model) printModelReport(p, r.model);
  for (const cat of categories) {
    const x = r.categories[cat];
    if (x.statements === 0) continue;
    p.out(`${categoryTitles[cat].padEnd(34)} ${count(x.statements, 'statement')} → ${count(x.themes, 'theme')}, ${x.unthemed} unthemed (${x.unthemedShare}%)`);
    const ch = r.changes?.[cat];
    if (ch) {
      if (ch.newStatements === 0) p.out('  no new statements; every theme is as it was');
      else p.out(`  ${ch.newStatements} new statement(s); ${ch.kept.length} reviewed theme(s) kept exactly as they were`);
      for (const a of ch.added) p.out(`  + ${a.statements.length} added to ${a.theme}: ${a.statements.join(', ')}`);
      for (const id of ch.created) {
        const t = r.themes.categories[cat].themes.find((x) => x.id === id)!;
        p.out(`  new ${t.id.padEnd(6)} ${String(t.size).padStart(3)}  ${t.name}`);
      }
      if (ch.unthemed.length > 0) p.out(`  ${ch.unthemed.length} left unthemed: ${ch.unthemed.join(', ')}`);
      for (const x of ch.suggested) p.note(`  ${x.statement} fits ${x.theme} best, which is reviewed; place it with \`wtfc themes move ${x.statement} --to ${x.theme}\``);
      continue;
    }
    for (const t of r.themes.categories[cat].themes) p.out(`  ${t.id.padEnd(6)} ${String(t.size).padStart(3)}  ${t.name}`);
  }
  p.out(`Themes written to ${r.file}.`);
}

/** What the model server did: one line for each part it took, and why it was given up on, if it was. */
function printModelReport(p: Printer, m: ModelReport): void {
  if (m.damaged > 0) p.note(`Note: ${m.damaged} line(s) of model-cache.jsonl could not be read; they were dropped.`);
  if (m.fallback) {
    const offline = [m.embeddings && !m.embeddings.used && 'grouped by the engine’s own meaning', m.names && 'the remaining themes keep the engine’s names'].filter(Boolean).join('; ');
    p.note(`Note: the model server was given up on (${m.fallback}), so the offline engine was used${offline ? `: ${offline}` : ''}.`);
  }
  if (m.embeddings?.used) p.note(`Meaning from ${m.embeddings.model}: ${m.embeddings.sent} statement(s) sent, ${m.embeddings.cached} from the cache.`);
  if (m.names) {
    p.note(`Names by ${m.names.model}: ${m.names.written} theme(s)${m.names.cached ? `, ${m.names.cached} answer(s) from the cache` : ''}.`);
    for (const x of m.names.refused) p.note(`  ${x.theme} keeps the engine’s name: the model’s "${x.name}" was not used (${x.reason}).`);
  }
}

export function printRender(p: Printer, r: RenderSummary): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  for (const note of r.notes) p.note(`Note: ${note}.`);
  for (const f of r.files) p.out(`Wrote ${f}`);
}

export function printRun(p: Printer, r: RunSummary): void {
  if (p.json) {
    return p.data({
      session: r.session,
      created: r.created,
      failedStrict: r.failedStrict,
      ingest: { read: r.ingest.read, added: r.ingest.added, duplicates: r.ingest.duplicates, rejected: r.ingest.rejected, warnings: r.ingest.warnings },
      theme: r.theme?.categories,
      report: r.report,
    });
  }
  r = terminalModel(r);
  p.out(r.created ? `Created a session in ${r.session}.` : `Added to the session in ${r.session}.`);
  printIngest(p, r.ingest);
  if (!r.theme || !r.report) return;
  p.out();
  printTheme(p, r.theme);
  p.out();
  // The page to open and print, when it was written; the markdown is beside it.
  const page = r.render?.files.find((f) => f.endsWith('report.html'));
  p.out(p.c.bold(`Report: ${page ?? r.report}`));
  if (page) p.out(`Open it in a browser to read or print it. The handouts for the room are beside it: ${page.replace(/report\.html$/, '')}cards.html, ballot.html.`);
}

function flags(t: Theme): string {
  return [t.locked ? 'locked' : '', t.parked ? 'parked' : '', t.edited ? 'edited' : ''].filter(Boolean).join(', ');
}

function themeLine(p: Printer, t: Theme): string {
  const f = flags(t);
  return `  ${t.id.padEnd(6)} ${String(t.size).padStart(3)}  ${t.name}${f ? p.c.dim(`  [${f}]`) : ''}`;
}

export function printThemeList(p: Printer, r: ThemeListing): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const shown = categories.filter((cat) => r.categories[cat]);
  for (const cat of shown) {
    const c = r.categories[cat]!;
    // Every category asked for gets a line, even an empty one; a full listing skips empty ones.
    if (shown.length > 1 && c.themes.length + c.unthemed.length + c.notYetThemed.length === 0) continue;
    p.out(`${categoryTitles[cat]}: ${count(c.themes.length, 'theme')}, ${c.unthemed.length} unthemed`);
    for (const t of c.themes) p.out(themeLine(p, t));
    if (c.notYetThemed.length > 0) p.out(`  ${c.notYetThemed.length} statement(s) added since the last \`wtfc theme\`: ${c.notYetThemed.join(', ')}`);
  }
}

export function printThemeDetail(p: Printer, r: ThemeDetail): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const t = r.theme;
  p.out(`${t.id}  ${t.name}`);
  if (t.draft !== t.name) p.out(p.c.dim(`  draft: ${t.draft}`));
  const counts = perspectives.filter((x) => t.perspectives[x]).map((x) => `${x} ${t.perspectives[x]}`).join(', ');
  p.out(`  ${categoryTitles[t.category]} · ${count(t.size, 'statement')} (${counts}) · cohesion ${t.cohesion}${flags(t) ? ` · ${flags(t)}` : ''}`);
  p.out(`  keywords: ${t.label}`);
  for (const s of r.statements) p.out(`  ${s.id}  ${p.c.dim(s.perspective.padEnd(7))} ${s.text}`);
}

export function printEdit(p: Printer, r: EditResult): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  p.out(`${r.change.summary}.`);
  for (const t of r.themes) p.out(themeLine(p, t));
  if (r.change.removed.length > 0) p.out(`  removed: ${r.change.removed.join(', ')}`);
  if (r.change.created.length + r.change.changed.length + r.change.removed.length + r.change.moved.length > 0) p.note(`Saved to ${r.file}; \`wtfc themes undo\` steps back.`);
}

export function printVotesImport(p: Printer, r: VotesImportSummary): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const width = Math.max(...r.files.map((f) => f.file.length));
  for (const f of r.files) {
    const what = f.layout === 'ranked' ? plural(f.ballots, 'ballot') : `${plural(f.voters, 'voter')}, ${plural(f.dots, 'dot')}`;
    p.out(`${f.file.padEnd(width)}  ${f.layout.padEnd(6)}  rows ${f.rows}: ${what}, ${f.skipped} row(s) left out`);
    for (const problem of f.problems) p.out(`  ${formatProblem(problem)}`);
  }
  if (r.failedStrict) {
    p.out(p.c.red('--strict: there were problems, so nothing was written.'));
    return;
  }
  p.out(`The session now holds ${plural(r.held.voters, 'dot voter')} (${plural(r.held.dots, 'dot')}) in ${r.votesFile} and ${plural(r.held.ballots, 'ranked ballot')} in ${r.ballotsFile}.`);
}

/** One character per perspective, so the stacked bars read without colour too. */
const barMarks: Record<Perspective, string> = { person: '█', family: '▓', staff: '▒', other: '░', unknown: '·' };
const barColours: Record<Perspective, 'cyan' | 'magenta' | 'yellow' | 'green' | 'gray'> = { person: 'cyan', family: 'magenta', staff: 'yellow', other: 'green', unknown: 'gray' };

export function printPriorities(p: Printer, r: PrioritiseSummary, explain: boolean): void {
  if (p.json) return p.data(prioritiesJson(r));
  r = terminalModel(r);
  const c = p.c;
  p.out(`${r.categoryTitle}: ${count(r.ranking.length, 'theme')} ranked by ${r.method} (${r.computes}).`);
  if (r.parked.length > 0) p.out(c.dim(`Parked, so left out: ${r.parked.join(', ')}.`));
  p.out('');
  const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const max = Math.max(0, ...r.ranking.map((x) => x.score));
  const nameWidth = Math.min(48, Math.max(...r.ranking.map((x) => x.themeName.length), 5));
  const scoreWidth = Math.max(5, ...r.ranking.map((x) => fmt(x.score).length));
  const top = new Set(r.top.map((x) => x.themeId));
  // Themes nobody voted for are one line, not a column of zeros.
  const zeros = r.method === 'count' ? [] : r.ranking.filter((x) => x.score === 0);
  const listed = zeros.length > 2 ? r.ranking.filter((x) => x.score !== 0) : r.ranking;
  for (const row of listed) {
    const rank = `${row.rank}${row.tied ? '=' : ''}`.padStart(3);
    const name = row.themeName.length > nameWidth ? `${row.themeName.slice(0, nameWidth - 1)}…` : row.themeName.padEnd(nameWidth);
    const bar = perspectives
      .map((q) => {
        const part = row.byPerspective[q] ?? 0;
        const width = max > 0 && r.method !== 'schulze' ? Math.round((30 * part) / max) : 0;
        return width > 0 ? c[barColours[q]](barMarks[q].repeat(width)) : '';
      })
      .join('');
    p.out(`${top.has(row.themeId) ? c.bold('▶') : ' '} ${rank}  ${row.themeId.padEnd(6)} ${name}  ${fmt(row.score).padStart(scoreWidth)}  ${bar}`);
  }
  if (listed.length < r.ranking.length) p.out(`  ${`${zeros[0]!.rank}=`.padStart(3)}  ${c.dim(`${count(zeros.length, 'theme')} scored 0: ${zeros.map((x) => x.themeId).join(', ')}`)}`);
  const shown = perspectives.filter((q) => r.ranking.some((x) => (x.byPerspective[q] ?? 0) > 0));
  if (shown.length > 0 && r.method !== 'schulze') p.out(c.dim(`      ${shown.map((q) => `${barMarks[q]} ${q}`).join('   ')}`));
  p.out('');
  p.out(`Ties: ${r.tieRule}.`);
  if (r.tieAtCut) {
    p.out(c.yellow(`A tie straddles the top-${r.n} cut: ${r.tiedAtCut.join(', ')} share rank ${r.ranking.find((x) => x.themeId === r.tiedAtCut[0])!.rank}. All of them are recorded as going forward;`));
    p.out(c.yellow(`choose with ${r.tiedAtCut.map((id) => `--include ${id}`).join(' or ')} (repeatable).`));
  }
  for (const d of r.divided) {
    const ranks = Object.entries(d.groupRanks).map(([g, n]) => `${g} ${n}`).join(', ');
    const low = r.method === 'borda' || r.method === 'schulze' ? 'near the bottom for' : 'gets no dots from';
    p.out(c.magenta(`Divided: ${d.themeId} is near the top for ${d.highFor.join(', ')} but ${low} ${d.lowFor.join(', ')} (each group's own rank: ${ranks || 'none'}).`));
  }
  for (const note of r.notes) p.out(c.yellow(`Note: ${note}.`));
  if (explain) printArithmetic(p, r);
  p.out(`Going forward: ${r.top.map((x) => x.themeId).join(', ')}. Recorded in ${r.file}.`);
}

function printArithmetic(p: Printer, r: PrioritiseSummary): void {
  const a = r.arithmetic as Record<string, unknown>;
  p.out('');
  p.out(p.c.bold('How the scores were worked out'));
  if (r.method === 'count') {
    p.out('Each theme scores its number of statements; the tie-break is the number of different people behind them.');
  } else if (r.method === 'dots' || r.method === 'weighted') {
    const groups = a.groups as Record<string, { voters: number; dots: number; weight: number; scale: number; weighted_total: number }>;
    p.out(`${a.total_dots} dots in all.`);
    for (const [g, x] of Object.entries(groups)) {
      p.out(
        r.method === 'weighted'
          ? `  ${g}: ${plural(x.voters, 'voter')} placed ${x.dots} dots; the group's share of the weight is ${(100 * x.weight).toFixed(1)}%, so each of its dots counts ${x.scale.toFixed(3)} (group total ${x.weighted_total.toFixed(2)})`
          : `  ${g}: ${plural(x.voters, 'voter')} placed ${x.dots} dots`,
      );
    }
    for (const v of a.voters as { voter: string; perspective: string; people?: number; dots: Record<string, number>; weight: number }[]) {
      const parts = Object.entries(v.dots).map(([t, n]) => `${t} ${n}`).join(', ');
      const who = v.people ? `${v.perspective}, a tally of ${v.people} people` : v.perspective;
      p.out(`  voter ${v.voter} (${who})${r.method === 'weighted' ? ` ×${v.weight.toFixed(3)}` : ''}: ${parts}`);
    }
  } else if (r.method === 'borda') {
    p.out(`${a.ballots} ballots over ${a.themes} themes: a first choice scores ${Number(a.themes) - 1}, a second ${Number(a.themes) - 2}, and so on; themes a ballot leaves out score 0.`);
    for (const v of a.voters as { voter: string; perspective: string; points: Record<string, number> }[]) {
      p.out(`  voter ${v.voter} (${v.perspective}): ${Object.entries(v.points).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    }
  } else {
    const ids = a.themes as string[];
    const d = a.pairwise as Record<string, Record<string, number>>;
    const s = a.strongest_paths as Record<string, Record<string, number>>;
    p.out('Ballots preferring the row theme to the column theme, then the strongest path from row to column:');
    const cell = (x: number | string) => String(x).padStart(6);
    p.out(`        ${ids.map(cell).join('')}`);
    for (const i of ids) p.out(`${i.padEnd(8)}${ids.map((j) => cell(i === j ? '–' : d[i]![j]!)).join('')}`);
    p.out('');
    for (const i of ids) p.out(`${i.padEnd(8)}${ids.map((j) => cell(i === j ? '–' : s[i]![j]!)).join('')}`);
  }
  p.out('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function printThemePlan(p: Printer, t: ThemePlan): void {
  // Causes as chains of "why?": each cause under the one it explains.
  for (const { cause: c, depth } of whyChains(t.causes)) p.out(`  ${'  '.repeat(depth)}why? ${c.id}: ${c.text}`);
  for (const s of t.success) p.out(`  success ${s.id}: ${s.text}`);
  for (const a of t.actions) p.out(`  action ${a.id}: ${a.what} · who: ${a.who} · by ${a.by} · how we'll know: ${a.measure} · ${a.status}`);
}

export function printPlan(p: Printer, r: PlanView): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  if (r.themes.length === 0) return p.out('No priorities yet: choose them with `wtfc prioritise`, then plan with `wtfc plan`.');
  for (const t of r.themes) {
    p.out(`${t.theme}  ${t.name}${t.priority ? '' : p.c.dim('  (not a recorded priority)')}`);
    if (t.causes.length + t.success.length + t.actions.length === 0) p.out(p.c.dim('  nothing planned yet'));
    printThemePlan(p, t);
  }
  for (const note of r.notes) p.note(`Note: ${note}.`);
}

export function printPlanChange(p: Printer, r: PlanChange): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  p.out(`${r.summary}.`);
  printThemePlan(p, r.theme);
  if (r.note) p.note(`Note: ${r.note}.`);
  p.note(`Saved to ${r.file}.`);
}

export function printComparison(p: Printer, r: Comparison): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  p.out(`${r.old} → ${r.new}`);
  for (const cat of categories) {
    const rows = r.themes.filter((t) => t.category === cat);
    if (rows.length === 0) continue;
    p.out('');
    p.out(categoryTitles[cat]);
    for (const t of rows) {
      const name = (t.new ?? t.old)!.name;
      const sizes = t.old && t.new ? `${t.old.size} → ${t.new.size}` : t.new ? `${t.new.size}` : `${t.old!.size}`;
      const ids = t.old && t.new ? `${t.old.id} → ${t.new.id}` : (t.new ?? t.old)!.id;
      p.out(`  ${t.change.padEnd(7)} ${ids.padEnd(14)} ${sizes.padStart(8)}  ${name}`);
    }
  }
  p.out('');
  p.out(`Priorities: before ${r.priorities.old.join(', ') || 'none recorded'}; now ${r.priorities.new.join(', ') || 'none recorded'}.`);
  if (r.priorities.kept.length > 0) p.out(`  still a priority: ${r.priorities.kept.join(', ')}`);
  if (r.priorities.added.length > 0) p.out(`  new priorities: ${r.priorities.added.join(', ')}`);
  if (r.priorities.dropped.length > 0) p.out(`  no longer a priority: ${r.priorities.dropped.join(', ')}`);
  p.out('');
  if (r.actions.length === 0) return p.out('The earlier session has no plan, so there are no actions to follow up.');
  p.out("The earlier plan's actions:");
  for (const a of r.actions) p.out(`  ${a.id} ${a.status.padEnd(11)} ${a.what} (who: ${a.who}; by ${a.by}) · was ${a.theme}${a.nowTheme ? `, now ${a.nowTheme}` : ', no matching theme now'}`);
}

export function printBatch(p: Printer, r: BatchSummary): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const done = r.councils.filter((c) => c.status === 'done');
  const statements = done.reduce((t, c) => t + c.statements, 0);
  p.out(`${count(r.councils.length, 'council')} in ${r.out}: ${done.length} run, ${r.skipped} unchanged, ${r.failed} failed; ${count(statements, 'statement')} in ${r.seconds.toFixed(1)} s.`);
  for (const c of r.councils.filter((x) => x.status === 'failed')) p.out(p.c.red(`  ${c.council}: ${c.error}`));
  for (const c of r.councils.filter((x) => x.withdrawn)) {
    p.out(`  ${c.council}: ${plural(c.withdrawn!.statements, 'statement')} no longer in the input, taken out${c.withdrawn!.notes.length > 0 ? ':' : '.'}`);
    for (const note of c.withdrawn!.notes) p.out(`    ${note}`);
  }
  p.out(`Comparison across councils (${count(r.crossThemes, 'theme')}): ${r.comparison}/comparison.md, comparison.html and themes.csv.`);
}

export function printPiiReport(p: Printer, r: PiiReport, dirFlag: string): void {
  if (p.json) {
    const { policy, screened, textCount, findings, ignored, file } = r;
    return p.data({ policy, screened, texts: textCount, findings, ignored, file });
  }
  // Offsets index the text as typed: it is cut first, then each piece made safe to show.
  const raw = r;
  r = terminalModel(r);
  const { c } = p;
  const holders = new Set(r.findings.map(textKey)).size;
  const others = r.textCount - r.screened;
  p.out(
    r.findings.length === 0
      ? `No personal details found in ${plural(r.screened, 'statement')} and ${plural(others, 'other text')} (pii.policy: ${r.policy}).`
      : `${plural(r.findings.length, 'personal detail')} in ${plural(holders, 'text')} (pii.policy: ${r.policy}):`,
  );
  const refWidth = Math.max(0, ...r.findings.map((f) => textKey(f).length));
  const typeWidth = Math.max(0, ...r.findings.map((f) => f.type.length));
  raw.findings.forEach((f, i) => {
    const text = raw.texts[textKey(f)] ?? '';
    const shown = `${terminalText(text.slice(0, f.start))}${c.bold.underline(terminalText(text.slice(f.start, f.end)))}${terminalText(text.slice(f.end))}`;
    p.out(`  ${textKey(r.findings[i]!).padEnd(refWidth)}  ${f.type.padEnd(typeWidth)}  ${JSON.stringify(f.span)}  ${c.dim('·')} ${shown}`);
  });
  if (r.ignored.length > 0) p.out(`${r.ignored.length} more marked as not personal in ${r.file} (\`wtfc pii unignore REF\` flags one again).`);
  if (r.findings.length > 0) {
    p.note('');
    p.note(`Not a personal detail? \`wtfc pii ignore${dirFlag} REF "SPAN"\`. A real one: \`wtfc pii redact${dirFlag} REF\` removes it from every file in the session.`);
    if (r.policy === 'block') p.note('While any is unresolved, `wtfc render` refuses (pii.policy: block; mask prints placeholders instead).');
  }
}

export function printPiiChange(p: Printer, r: PiiChange): void {
  if (p.json) return p.data(r);
  r = terminalModel(r);
  const what = r.findings.map((f) => `${f.type} ${JSON.stringify(f.span)}`).join(', ');
  const verb = { ignored: 'Marked as not personal', unignored: 'Flagged again', redacted: 'Redacted' }[r.action];
  p.out(`${verb} in ${r.statement}: ${what}.`);
  if (r.elsewhere && r.elsewhere.length > 0) p.out(`Also redacted where ${r.elsewhere.length === 1 ? 'it was' : 'they were'} mentioned: ${r.elsewhere.join(', ')}.`);
  if (r.removed && r.removed.length > 0) p.out(`Removed outputs that printed it: ${r.removed.join(', ')}; \`wtfc render\` writes them again.`);
  p.note(`Saved to ${r.file}.`);
}

/** `wtfc prioritise --json`: the ranking, the choice and the whole arithmetic. */
function prioritiesJson(p: Prioritisation): Record<string, unknown> {
  return {
    method: p.method,
    category: p.category,
    priorities: p.ranking.map((r) => ({
      rank: r.rank,
      tied: r.tied,
      theme_id: r.themeId,
      theme_name: r.themeName,
      score: r.score,
      tie_break: r.tieBreak,
      by_perspective: r.byPerspective,
    })),
    top: p.top.map((r) => r.themeId),
    n: p.n,
    tie_rule: p.tieRule,
    tie_at_cut: p.tieAtCut,
    tied_at_cut: p.tiedAtCut,
    included: p.included,
    parked: p.parked,
    weights: p.weights,
    arithmetic: p.arithmetic,
    divided: p.divided.map((d) => ({ theme_id: d.themeId, high_for: d.highFor, low_for: d.lowFor, group_ranks: d.groupRanks })),
    notes: p.notes,
  };
}
