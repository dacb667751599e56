import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { categories, type Statement, type ThemeSet } from '../core/model.js';
import type { PiiSpan } from '../core/pii.js';
import { maskText, piiPlaceholders } from '../pii/detect.js';
import { type Finding, type TypedText, screenTexts, screenVersion } from '../pii/screen.js';
import { ScreenCache } from '../session/screen-cache.js';
import { readSessionKey } from '../session/key.js';
import { whenSucceeded } from '../session/lock.js';
import { type HistoryEntry, readHistory } from '../session/history.js';
import type { Plan } from '../core/plan.js';
import { readPlanFile } from '../session/plan-file.js';
import { readPiiFile, sameFinding } from '../session/pii-file.js';
import { type Session, loadRejected } from '../session/session.js';
import type { PiiPolicy, Settings } from '../core/settings.js';
import type { RejectedRow } from '../session/statements-file.js';
import { currentThemes } from './themes-store.js';

/**
 * One rule for personal details: once the screen finds one, no output prints it, under
 * pii.policy block (outputs refused) or mask (placeholders). The rule covers every text people
 * type into a session, not the statements alone: the rows ingest turned away, theme names, the
 * plan's causes, success statements and actions, and the session's name and council.
 */

/** Everything in a session that holds typed text, as read from its files. */
export interface SessionTexts {
  statements: readonly Statement[];
  rejected: readonly RejectedRow[];
  themes: ThemeSet | undefined;
  history: readonly HistoryEntry[];
  plan: Plan | undefined;
  settings: Settings;
}

export function readSessionTexts(s: Session): SessionTexts {
  return {
    statements: s.statements,
    rejected: loadRejected(s),
    themes: existsSync(s.paths.themes) ? currentThemes(s) : undefined,
    history: readHistory(s.paths.history, s.show(s.paths.history)),
    plan: existsSync(s.paths.plan) ? readPlanFile(s.paths.plan, s.show(s.paths.plan)) : undefined,
    settings: s.settings,
  };
}

/** The refs of texts that are not statements; see `TypedText`. */
export const textRef = {
  rejected: (row: number) => `rejected:${row}`,
  theme: (id: string) => `theme:${id}`,
  history: (seq: number) => `history:${seq}`,
  plan: (id: string) => `plan:${id}`,
  settings: 'wtfc.yaml',
} as const;

/** Every typed text, each with the ref that `wtfc pii ignore` and `redact` take. */
export function typedTexts(x: SessionTexts): TypedText[] {
  const out: TypedText[] = x.statements.map((st) => ({ ref: st.id, place: 'statement', text: st.text }));
  x.rejected.forEach((r, i) => out.push({ ref: textRef.rejected(i + 1), place: 'rejected', text: r.text }));
  const current = new Set<string>();
  for (const c of categories) {
    for (const t of x.themes?.categories[c].themes ?? []) {
      out.push({ ref: textRef.theme(t.id), place: 'theme', field: 'name', text: t.name });
      current.add(t.name);
    }
  }
  // Names themes had before: each once, in the first state that holds it.
  for (const e of x.history) {
    for (const c of categories) {
      for (const t of e.state.categories[c].themes) {
        if (current.has(t.name)) continue;
        current.add(t.name);
        out.push({ ref: textRef.history(e.seq), place: 'history', field: t.id, text: t.name });
      }
    }
  }
  for (const tp of x.plan?.themes ?? []) {
    for (const cause of tp.causes) out.push({ ref: textRef.plan(cause.id), place: 'plan', field: 'text', text: cause.text });
    for (const success of tp.success) out.push({ ref: textRef.plan(success.id), place: 'plan', field: 'text', text: success.text });
    for (const a of tp.actions) for (const field of ['what', 'who', 'measure'] as const) out.push({ ref: textRef.plan(a.id), place: 'plan', field, text: a[field] });
  }
  for (const field of ['name', 'council'] as const) out.push({ ref: textRef.settings, place: 'settings', field, text: x.settings[field] });
  return out.filter((t) => t.text !== '');
}

/** The screen's findings for a session, split by whether someone marked them as not personal. */
export interface Screened {
  policy: PiiPolicy;
  /** Findings nobody has resolved. */
  findings: Finding[];
  /** Findings marked as not personal details in pii.yaml. */
  ignored: Finding[];
  /** How many texts were screened, the statements among them. */
  textCount: number;
}

export async function screenSession(s: Session, texts: SessionTexts = readSessionTexts(s)): Promise<Screened> {
  const marked = readPiiFile(s.paths.pii, s.show(s.paths.pii)).ignored;
  const all = typedTexts(texts);
  // What the screen found before is read from its cache; only new or changed texts are screened.
  // A command holding the session's lock keeps the cache up to date when it succeeds; one that only
  // reads, or fails, leaves it as it was.
  const cache = ScreenCache.open(s.paths.screenCache, readSessionKey(s.paths.key, s.show), s.settings.pii.names, screenVersion);
  const found = await screenTexts(all, { names: s.settings.pii.names, cache });
  whenSucceeded(s.paths.dir, () => cache.save());
  const isIgnored = (f: Finding) => marked.some((m) => sameFinding(m, f));
  // A finding marked as not a name does not make its word a name elsewhere.
  const everything = [...found, ...mentionsElsewhere(all, found.filter((f) => !isIgnored(f)))];
  return {
    policy: s.settings.pii.policy,
    findings: everything.filter((f) => !isIgnored(f)),
    ignored: everything.filter(isIgnored),
    textCount: all.length,
  };
}

/**
 * A name found in one text ("my social worker Nkechi Obi") is a finding wherever else it is
 * written with its capital ("I told Nkechi", a plan's "Ask Nkechi"), though no context there says so.
 */
function mentionsElsewhere(texts: readonly TypedText[], found: readonly Finding[]): Finding[] {
  const pattern = mentionPattern(found.filter((f) => f.type === 'name'));
  if (!pattern) return [];
  const key = (ref: string, field?: string) => `${ref}\u0000${field ?? ''}`;
  const byText = new Map<string, Finding[]>();
  for (const f of found) byText.set(key(f.statement, f.field), [...(byText.get(key(f.statement, f.field)) ?? []), f]);
  const out: Finding[] = [];
  for (const t of texts) {
    const own = byText.get(key(t.ref, t.field)) ?? [];
    for (const m of t.text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (own.some((f) => start < f.end && f.start < end)) continue;
      out.push({ statement: t.ref, place: t.place, ...(t.field ? { field: t.field } : {}), type: 'name', span: m[0], start, end });
    }
  }
  return out;
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

/** What outputs may show of a session's typed text under its policy. */
export interface Guard {
  statements: Statement[];
  /** Theme names, drafts and keyword labels: the statements' words in any case. */
  maskName: (name: string) => string;
  /** A text typed somewhere other than a statement (a plan's action, the session's name), with its ref. */
  maskText: (ref: string, field: string | undefined, text: string) => string;
  notes: string[];
}

/**
 * What outputs may show under each policy. `block` refuses while findings are unresolved, wherever
 * they are; `mask` replaces them by placeholders, and their words wherever they turn up; `warn`
 * passes them through, with a note.
 */
export async function guardOutputs(s: Session, dirFlag: string, override?: PiiPolicy, texts: SessionTexts = readSessionTexts(s)): Promise<Guard> {
  const screened = await screenSession(s, texts);
  const { findings } = screened;
  const policy = override ?? screened.policy;
  const same: Guard = { statements: [...s.statements], maskName: (name) => name, maskText: (_ref, _field, text) => text, notes: [] };
  if (findings.length === 0) return same;
  const holders = new Set(findings.map((f) => f.statement));
  if (policy === 'block') {
    // Refs and types only: an error can end up in a log, and the details themselves must not.
    const shown = findings.slice(0, 10).map((f) => `${f.statement} (${f.type})`);
    throw new PiiBlocked(
      `${findings.length} personal detail(s) found in ${holders.size} text(s), and pii.policy is block: ${shown.join(', ')}${findings.length > 10 ? ', …' : ''}`,
      `see them with \`wtfc pii${dirFlag}\`; mark one that is not personal with \`wtfc pii ignore${dirFlag} REF SPAN\`, ` +
        `remove a real one with \`wtfc pii redact${dirFlag} REF\`, or set pii.policy: mask in wtfc.yaml to print placeholders`,
    );
  }
  if (policy === 'warn') {
    return { ...same, notes: [`${findings.length} personal detail(s) in ${holders.size} text(s) are printed as they are (pii.policy: warn); \`wtfc pii${dirFlag}\` lists them`] };
  }
  const masker = makeMasker(findings);
  return {
    statements: s.statements.map((st) => {
      const text = masker.text(st.id, undefined, st.text);
      return text === st.text ? st : { ...st, text };
    }),
    maskName: masker.name,
    maskText: masker.text,
    notes: [`${findings.length} personal detail(s) are masked in the outputs (pii.policy: mask)`],
  };
}

/**
 * Masks findings: each in its own text by position, and every word of every finding wherever it
 * appears, because a detail found in one place turns up in others: "Nkechi" in another statement,
 * "nkechi" and "obi" among a theme's keywords, "doe" from jane.doe@…. Typed texts are swept for
 * the words with their capital, names and labels (drafted from statements' words, in lower case)
 * in any case.
 */
export function makeMasker(findings: readonly Finding[]): { text: (ref: string, field: string | undefined, text: string) => string; name: (name: string) => string } {
  const byText = new Map<string, PiiSpan[]>();
  const key = (ref: string, field: string | undefined) => `${ref}\u0000${field ?? ''}`;
  for (const f of findings) byText.set(key(f.statement, f.field), [...(byText.get(key(f.statement, f.field)) ?? []), f]);
  const mention = mentionPattern(findings);
  const withCapital = mention ? new RegExp(mention.source, 'gu') : undefined;
  const anyCase = mention ? new RegExp(mention.source, 'giu') : undefined;
  const typeOf = new Map(mentionWords(findings).map(([w, t]) => [w.toLowerCase(), t]));
  const placeholder = (m: string) => piiPlaceholders[typeOf.get(m.toLowerCase()) ?? 'name'];
  return {
    text: (ref, field, text) => {
      const own = byText.get(key(ref, field));
      // Offsets hold only for the text the screen read.
      const positioned = own && own.every((f) => text.slice(f.start, f.end) === f.span) ? maskText(text, own) : text;
      return withCapital ? positioned.replace(withCapital, placeholder) : positioned;
    },
    name: (name) => (anyCase ? name.replace(anyCase, placeholder) : name),
  };
}

const titles = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sister', 'nurse', 'auntie', 'aunty', 'uncle', 'father']);

/** The words by which a finding can turn up elsewhere, with its type: the span, and its parts. */
export function mentionWords(findings: readonly Pick<Finding, 'type' | 'span'>[]): [string, Finding['type']][] {
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
export function mentionPattern(findings: readonly Pick<Finding, 'type' | 'span'>[]): RegExp | undefined {
  const words = [...new Set(mentionWords(findings).map(([w]) => w))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return undefined;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** The plan as outputs may show it: every typed field through `maskText`, the theme name it was planned under through `maskName`. */
export function maskPlan(plan: Plan, guard: Pick<Guard, 'maskText' | 'maskName'>): Plan {
  const ref = (id: string) => textRef.plan(id);
  return {
    themes: plan.themes.map((t) => ({
      ...t,
      name: guard.maskName(t.name),
      causes: t.causes.map((c) => ({ ...c, text: guard.maskText(ref(c.id), 'text', c.text) })),
      success: t.success.map((x) => ({ ...x, text: guard.maskText(ref(x.id), 'text', x.text) })),
      actions: t.actions.map((a) => ({ ...a, what: guard.maskText(ref(a.id), 'what', a.what), who: guard.maskText(ref(a.id), 'who', a.who), measure: guard.maskText(ref(a.id), 'measure', a.measure) })),
    })),
  };
}

/** The settings as outputs may show them: the session's name and council through `maskText`. */
export function maskSettings(settings: Settings, guard: Pick<Guard, 'maskText'>): Settings {
  return { ...settings, name: guard.maskText(textRef.settings, 'name', settings.name), council: guard.maskText(textRef.settings, 'council', settings.council) };
}

/** A theme set as outputs may show it. */
export function maskThemeNames(themes: ThemeSet, mask: (name: string) => string): ThemeSet {
  const masked = Object.fromEntries(
    categories.map((c) => [c, { ...themes.categories[c], themes: themes.categories[c].themes.map((t) => ({ ...t, name: mask(t.name), draft: mask(t.draft), label: mask(t.label) })) }]),
  ) as ThemeSet['categories'];
  return { ...themes, categories: masked };
}
