import { WtfcError } from '../errors.js';
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
  const all = await screenStatements(s.statements, { names: s.settings.pii.names });
  const isIgnored = (f: Finding) => marked.some((m) => sameFinding(m, f));
  return { policy: s.settings.pii.policy, findings: all.filter((f) => !isIgnored(f)), ignored: all.filter(isIgnored) };
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
  const statements = s.statements.map((st) => (st.id === statement ? { ...st, text: maskText(st.text, chosen) } : st));
  writeFileAtomic(s.paths.statements, renderStatementsCsv(statements));
  return { action: 'redacted', statement, findings: chosen.map(({ type, span: sp }) => ({ type, span: sp })), file: s.show(s.paths.statements) };
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
