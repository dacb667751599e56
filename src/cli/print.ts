import type { ChalkInstance } from 'chalk';
import { categoryTitles, categories, perspectives } from '../core/model.js';
import type { InitResult } from '../commands/init.js';
import type { IngestSummary } from '../commands/ingest.js';
import type { RenderSummary } from '../commands/render.js';
import type { RunSummary } from '../commands/run.js';
import type { StatusReport } from '../commands/status.js';
import type { ThemeSummary } from '../commands/theme.js';
import type { EditResult, ThemeDetail, ThemeListing } from '../commands/themes.js';
import type { Theme } from '../theming/engine.js';
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

export function printInit(p: Printer, r: InitResult): void {
  if (p.json) return p.data(r);
  p.out(`Created a session in ${r.dir}:`);
  for (const f of r.files) p.out(`  ${f}`);
  p.out();
  p.out(`Next: wtfc ingest FILE...${r.dir === '.' ? '' : ` -C ${r.dir}`}`);
}

export function printIngest(p: Printer, r: IngestSummary): void {
  if (p.json) {
    const { read, added, duplicates, rejected, warnings, files, rejections, written, total } = r;
    return p.data({ read, added, duplicates, rejected, warnings, rejections, files, written, total });
  }
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
    if (f.ignoredColumns.length > 0) p.note(`  ignored columns in ${f.file}: ${f.ignoredColumns.join(', ')}`);
  }
  p.out(`${c.bold('read')} ${r.read} = ${c.bold(r.written ? 'added' : 'would add')} ${r.added} + ${c.bold('duplicates')} ${r.duplicates} + ${c.bold('rejected')} ${r.rejected}`);
  if (r.failedStrict) {
    p.out(c.red(`--strict: ${r.warnings.length} warning(s), ${r.rejected} rejected row(s); nothing was written.`));
  } else if (!r.written) {
    p.out('Dry run: nothing was written.');
  } else {
    p.out(`${r.statementsFile} now holds ${r.total} statements.${r.rejections.length > 0 ? ` Rejected rows are listed in ${r.rejectedFile}.` : ''}`);
  }
}

export function printStatus(p: Printer, r: StatusReport): void {
  if (p.json) return p.data(r);
  const { c } = p;
  p.out(c.bold(r.name));
  p.out(`${r.council ? `${r.council} · ` : ''}${r.date} · ${r.dir}`);
  p.out();
  p.out(`${r.statements} statements${r.rejected ? ` (${r.rejected} rows rejected)` : ''}`);
  if (r.statements > 0) {
    for (const cat of categories) p.out(`  ${categoryTitles[cat].padEnd(34)} ${r.byCategory[cat]}`);
    p.out(`  by perspective: ${perspectives.filter((x) => r.byPerspective[x] > 0).map((x) => `${x} ${r.byPerspective[x]}`).join(', ')}`);
    p.out(`  by council: ${Object.entries(r.byCouncil).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  p.out();
  for (const s of r.steps) p.out(`  ${s.done ? c.green('✓') : c.dim('·')} ${s.step.padEnd(8)} ${s.detail}`);
  p.out();
  p.out(r.next ? `Next: ${r.next}` : 'Every step is done.');
}

export function printTheme(p: Printer, r: ThemeSummary): void {
  if (p.json) return p.data(r);
  if (r.mode === 'unchanged') return p.out(`Nothing changed: ${r.file} is as it was.`);
  for (const cat of categories) {
    const x = r.categories[cat];
    if (x.statements === 0) continue;
    p.out(`${categoryTitles[cat].padEnd(34)} ${x.statements} statements → ${x.themes} themes, ${x.unthemed} unthemed (${x.unthemedShare}%)`);
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

export function printRender(p: Printer, r: RenderSummary): void {
  if (p.json) return p.data(r);
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
  p.out(r.created ? `Created a session in ${r.session}.` : `Added to the session in ${r.session}.`);
  printIngest(p, r.ingest);
  if (!r.theme || !r.report) return;
  p.out();
  printTheme(p, r.theme);
  p.out();
  p.out(p.c.bold(`Report: ${r.report}`));
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
  const shown = categories.filter((cat) => r.categories[cat]);
  for (const cat of shown) {
    const c = r.categories[cat]!;
    // Every category asked for gets a line, even an empty one; a full listing skips empty ones.
    if (shown.length > 1 && c.themes.length + c.unthemed.length + c.notYetThemed.length === 0) continue;
    p.out(`${categoryTitles[cat]}: ${c.themes.length} themes, ${c.unthemed.length} unthemed`);
    for (const t of c.themes) p.out(themeLine(p, t));
    if (c.notYetThemed.length > 0) p.out(`  ${c.notYetThemed.length} statement(s) added since the last \`wtfc theme\`: ${c.notYetThemed.join(', ')}`);
  }
}

export function printThemeDetail(p: Printer, r: ThemeDetail): void {
  if (p.json) return p.data(r);
  const t = r.theme;
  p.out(`${t.id}  ${t.name}`);
  if (t.draft !== t.name) p.out(p.c.dim(`  draft: ${t.draft}`));
  const counts = perspectives.filter((x) => t.perspectives[x]).map((x) => `${x} ${t.perspectives[x]}`).join(', ');
  p.out(`  ${categoryTitles[t.category]} · ${t.size} statements (${counts}) · cohesion ${t.cohesion}${flags(t) ? ` · ${flags(t)}` : ''}`);
  p.out(`  keywords: ${t.label}`);
  for (const s of r.statements) p.out(`  ${s.id}  ${p.c.dim(s.perspective.padEnd(7))} ${s.text}`);
}

export function printEdit(p: Printer, r: EditResult): void {
  if (p.json) return p.data(r);
  p.out(`${r.change.summary}.`);
  for (const t of r.themes) p.out(themeLine(p, t));
  if (r.change.removed.length > 0) p.out(`  removed: ${r.change.removed.join(', ')}`);
  if (r.change.created.length + r.change.changed.length + r.change.removed.length + r.change.moved.length > 0) p.note(`Saved to ${r.file}; \`wtfc themes undo\` steps back.`);
}
