import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { categories } from '../core/model.js';
import type { ThemeSet } from '../theming/engine.js';
import { loadThemesState, saveThemes } from './themes.js';
import type { Statement } from '../core/model.js';
import { type PiiSpan, maskText, piiPlaceholders } from '../pii/detect.js';
import { type Finding, screenStatements } from '../pii/screen.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type IgnoredFinding, readIgnored, renderIgnored, sameFinding } from '../session/pii-file.js';
import { type Session, loadSession } from '../session/session.js';
import { type PiiPolicy, piiPolicies } from '../session/settings.js';
import { renderStatementsCsv } from '../session/statements-file.js';
import type { Context } from './context.js';

/** The screen's findings for a session, split by whether someone marked them as not personal. */
export interface Screened {
  policy: PiiPolicy;
  /** Findings nobody has resolved. */
  findings: Finding[];
  /** Findings marked as not personal details in pii.yaml. */
  ignored: Finding[];
}

export async function screenSession(s: Session): Promise<Screened> {
  const marked = readIgnored(s.paths.pii, s.show(s.paths.pii));
  const found = await screenStatements(s.statements, { names: s.settings.pii.names });
  const isIgnored = (f: Finding) => marked.some((m) => sameFinding(m, f));
  // A finding marked as not a name does not make its word a name elsewhere.
  const all = [...found, ...mentionsElsewhere(s.statements, found.filter((f) => !isIgnored(f)))];
  return { policy: s.settings.pii.policy, findings: all.filter((f) => !isIgnored(f)), ignored: all.filter(isIgnored) };
}

/**
 * A name found in one statement ("my social worker Nkechi Obi") is a finding wherever else it is
 * written with its capital ("I told Nkechi"), though no context there says so.
 */
function mentionsElsewhere(statements: readonly Statement[], found: readonly Finding[]): Finding[] {
  const pattern = mentionPattern(found.filter((f) => f.type === 'name'));
  if (!pattern) return [];
  const byStatement = new Map<string, Finding[]>();
  for (const f of found) byStatement.set(f.statement, [...(byStatement.get(f.statement) ?? []), f]);
  const out: Finding[] = [];
  for (const st of statements) {
    const own = byStatement.get(st.id) ?? [];
    for (const m of st.text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (own.some((f) => start < f.end && f.start < end)) continue;
      out.push({ statement: st.id, type: 'name', span: m[0], start, end });
    }
  }
  return out;
}

export interface PiiReport extends Screened {
  screened: number;
  /** Each flagged statement's text, by id, to show the finding in place. */
  texts: Record<string, string>;
  file: string;
}

/** `wtfc pii`: screens every statement in the session. */
export async function piiReport(ctx: Context): Promise<PiiReport> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const screened = await screenSession(s);
  const flagged = new Set([...screened.findings, ...screened.ignored].map((f) => f.statement));
  const texts = Object.fromEntries(s.statements.filter((st) => flagged.has(st.id)).map((st) => [st.id, st.text]));
  return { ...screened, screened: s.statements.length, texts, file: s.show(s.paths.pii) };
}

export interface PiiChange {
  action: 'ignored' | 'unignored' | 'redacted';
  statement: string;
  findings: { type: string; span: string }[];
  /** For redact: other statements that mentioned a redacted name, redacted with it. */
  elsewhere?: string[];
  file: string;
}

/** `wtfc pii ignore ID [SPAN]`: marks a statement's findings (or the one with SPAN) as not personal. */
export async function ignorePii(ctx: Context, statement: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { findings } = await screenSession(s);
  const chosen = choose(s, findings, statement, span, ctx.dirFlag);
  const marked = readIgnored(s.paths.pii, s.show(s.paths.pii));
  const added: IgnoredFinding[] = chosen.map((f) => ({ statement: f.statement, type: f.type, span: f.span }));
  writeFileAtomic(s.paths.pii, renderIgnored([...marked, ...added]));
  return { action: 'ignored', statement, findings: added.map(({ type, span: sp }) => ({ type, span: sp })), file: s.show(s.paths.pii) };
}

/** `wtfc pii unignore ID [SPAN]`: flags them again. */
export async function unignorePii(ctx: Context, statement: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const marked = readIgnored(s.paths.pii, s.show(s.paths.pii));
  const removed = marked.filter((m) => m.statement === statement && (span === undefined || m.span === span));
  if (removed.length === 0) {
    throw new WtfcError(`nothing in ${s.show(s.paths.pii)} is marked for statement ${statement}${span === undefined ? '' : ` with "${span}"`}`, {
      hint: `\`wtfc pii${ctx.dirFlag}\` lists what is marked`,
    });
  }
  writeFileAtomic(s.paths.pii, renderIgnored(marked.filter((m) => !removed.includes(m))));
  return { action: 'unignored', statement, findings: removed.map(({ type, span: sp }) => ({ type, span: sp })), file: s.show(s.paths.pii) };
}

/**
 * `wtfc pii redact ID [SPAN]`: replaces the statement's findings (or the one with SPAN) in
 * statements.csv by their placeholders, for good. The input file the statement came from is not
 * touched.
 */
export async function redactPii(ctx: Context, statement: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { findings } = await screenSession(s);
  const chosen = choose(s, findings, statement, span, ctx.dirFlag);
  // A name goes from the whole session at once: from this statement, and wherever else it is
  // mentioned, so no statement is left naming someone the others no longer do.
  const mention = mentionPattern(chosen.filter((f) => f.type === 'name'));
  const elsewhere: string[] = [];
  const statements = s.statements.map((st) => {
    if (st.id === statement) return { ...st, text: maskText(st.text, chosen) };
    if (!mention || !mention.test(st.text)) return st;
    mention.lastIndex = 0;
    elsewhere.push(st.id);
    return { ...st, text: st.text.replace(mention, piiPlaceholders.name) };
  });
  writeFileAtomic(s.paths.statements, renderStatementsCsv(statements));
  const themesFile = redactThemeNames(ctx, { ...s, statements }, chosen);
  return {
    action: 'redacted',
    statement,
    findings: chosen.map(({ type, span: sp }) => ({ type, span: sp })),
    elsewhere,
    file: [s.show(s.paths.statements), ...(themesFile ? [themesFile] : [])].join(' and '),
  };
}

/**
 * Draft names and keywords were made from the statements' words before the redaction, so the
 * redacted words are masked in them too, as a recorded change (undo steps back over it, as over
 * any other). Returns the themes file when it changed.
 */
function redactThemeNames(ctx: Context, s: Session, redacted: readonly Finding[]): string | undefined {
  if (!existsSync(s.paths.themes)) return undefined;
  const mention = mentionPattern(redacted);
  if (!mention) return undefined;
  const anyCase = new RegExp(mention.source, 'giu');
  const typeOf = new Map(mentionWords(redacted).map(([w, t]) => [w.toLowerCase(), t]));
  const mask = (text: string) => text.replace(anyCase, (m) => piiPlaceholders[typeOf.get(m.toLowerCase()) ?? 'name']);
  const state = loadThemesState(ctx, s);
  let changed = false;
  const categoriesMasked = Object.fromEntries(
    categories.map((c) => [
      c,
      {
        ...state.set.categories[c],
        themes: state.set.categories[c].themes.map((t) => {
          const next = { ...t, name: mask(t.name), draft: mask(t.draft), label: mask(t.label) };
          if (next.name !== t.name || next.draft !== t.draft || next.label !== t.label) changed = true;
          return next;
        }),
      },
    ]),
  ) as ThemeSet['categories'];
  if (!changed) return undefined;
  saveThemes(ctx, state, { ...state.set, categories: categoriesMasked }, { action: 'redact', summary: 'personal details redacted from theme names' });
  return s.show(s.paths.themes);
}

function choose(s: Session, findings: readonly Finding[], statement: string, span: string | undefined, dirFlag: string): Finding[] {
  if (!s.statements.some((st) => st.id === statement)) {
    throw new WtfcError(`there is no statement ${statement}`, { hint: `\`wtfc pii${dirFlag}\` lists the statements with findings` });
  }
  const own = findings.filter((f) => f.statement === statement);
  const chosen = span === undefined ? own : own.filter((f) => f.span === span);
  if (chosen.length === 0) {
    const listed = own.map((f) => `"${f.span}"`).join(', ');
    throw new WtfcError(
      own.length === 0 ? `statement ${statement} has no unresolved findings` : `statement ${statement} has no finding "${span}"`,
      { hint: own.length === 0 ? `\`wtfc pii${dirFlag}\` lists the statements with findings` : `its findings are ${listed}; give one exactly as shown` },
    );
  }
  return chosen;
}

/** `--pii POLICY`: this run's policy in place of wtfc.yaml's. */
export function parsePiiPolicy(value: string | undefined): PiiPolicy | undefined {
  if (value === undefined) return undefined;
  if ((piiPolicies as readonly string[]).includes(value)) return value as PiiPolicy;
  throw new WtfcError(`--pii ${value}: expected block, mask or warn`, { hint: 'see `wtfc pii --help` for what each does' });
}

/** Render refused because of unresolved findings under pii.policy: block. Exit 2; nothing written. */
export class PiiBlocked extends WtfcError {
  constructor(message: string, hint: string) {
    super(message, { hint });
  }

  /** The same refusal, with what was done before it. */
  after(done: string): PiiBlocked {
    return new PiiBlocked(this.message, `${done}; ${this.hint}`);
  }
}

/**
 * What outputs may show of the statements under each policy. `block` refuses while findings are
 * unresolved; `mask` replaces them by placeholders, in the statements and wherever their words turn
 * up in theme names; `warn` passes them through, with a note.
 */
export async function guardOutputs(
  s: Session,
  dirFlag: string,
  override?: PiiPolicy,
): Promise<{ statements: Statement[]; maskName: (name: string) => string; notes: string[] }> {
  const screened = await screenSession(s);
  const { findings } = screened;
  const policy = override ?? screened.policy;
  const same = { statements: s.statements, maskName: (name: string) => name, notes: [] as string[] };
  if (findings.length === 0) return same;
  const statements = new Set(findings.map((f) => f.statement));
  if (policy === 'block') {
    // Ids and types only: an error can end up in a log, and the details themselves must not.
    const shown = findings.slice(0, 10).map((f) => `${f.statement} (${f.type})`);
    throw new PiiBlocked(
      `${findings.length} personal detail(s) found in ${statements.size} statement(s), and pii.policy is block: ${shown.join(', ')}${findings.length > 10 ? ', …' : ''}`,
      `see them with \`wtfc pii${dirFlag}\`; mark one that is not personal with \`wtfc pii ignore${dirFlag} ID SPAN\`, ` +
        `remove a real one with \`wtfc pii redact${dirFlag} ID\`, or set pii.policy: mask in wtfc.yaml to print placeholders`,
    );
  }
  if (policy === 'warn') {
    return { ...same, notes: [`${findings.length} personal detail(s) in ${statements.size} statement(s) are printed as they are (pii.policy: warn); \`wtfc pii${dirFlag}\` lists them`] };
  }
  const byStatement = new Map<string, PiiSpan[]>();
  for (const f of findings) byStatement.set(f.statement, [...(byStatement.get(f.statement) ?? []), f]);
  // A detail found in one place can turn up elsewhere: "Nkechi" in another statement, "nkechi" and
  // "obi" as a theme's keywords, "doe" from jane.doe@…. So every word of every finding is masked
  // wherever it appears: with its capital in statements, in any case in theme names and labels.
  const mention = mentionPattern(findings);
  const inStatement = mention ? new RegExp(mention.source, 'gu') : undefined;
  const anyCase = mention ? new RegExp(mention.source, 'giu') : undefined;
  const typeOf = new Map(mentionWords(findings).map(([w, t]) => [w.toLowerCase(), t]));
  const placeholder = (m: string) => piiPlaceholders[typeOf.get(m.toLowerCase()) ?? 'name'];
  const masked = s.statements.map((st) => {
    const own = byStatement.get(st.id);
    const text = own ? maskText(st.text, own) : st.text;
    const swept = inStatement ? text.replace(inStatement, placeholder) : text;
    return swept === st.text ? st : { ...st, text: swept };
  });
  const maskName = (name: string) => (anyCase ? name.replace(anyCase, placeholder) : name);
  return { statements: masked, maskName, notes: [`${findings.length} personal detail(s) are masked in the outputs (pii.policy: mask)`] };
}

const titles = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sister', 'nurse', 'auntie', 'aunty', 'uncle', 'father']);

/** The words by which a finding can turn up elsewhere, with its type: the span, and its parts. */
function mentionWords(findings: readonly Finding[]): [string, Finding['type']][] {
  const out: [string, Finding['type']][] = [];
  for (const f of findings) {
    out.push([f.span, f.type]);
    const parts =
      f.type === 'name'
        ? f.span.split(/\s+/).map((w) => w.replace(/\.$/, '')).filter((w) => !titles.has(w.toLowerCase()))
        : f.type === 'email'
          ? (f.span.split('@')[0] ?? '').split(/[._%+-]+/)
          : f.type === 'postcode'
            ? f.span.split(/\s+/)
            : [];
    for (const w of parts) if (w.length >= 2) out.push([w, f.type]);
  }
  return out;
}

/** One pattern for every mention, longest first, as whole words. */
function mentionPattern(findings: readonly Finding[]): RegExp | undefined {
  const words = [...new Set(mentionWords(findings).map(([w]) => w))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return undefined;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}
