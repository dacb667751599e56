import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WtfcError } from '../errors.js';
import { categories, type Category, type Statement, type Theme, type ThemeSet } from '../core/model.js';
import { maskText, piiPlaceholders } from '../pii/detect.js';
import { type Finding, textKey } from '../pii/screen.js';
import { readText, writeFileAtomic } from '../session/atomic.js';
import { whenSucceeded } from '../session/lock.js';
import { redactedFingerprint, rejectedFingerprint } from '../core/ingest.js';
import { type HistoryEntry, readHistory, rewriteHistory } from '../session/history.js';
import { keyBytes, readSessionKey, writeSessionKey } from '../session/key.js';
import { type IgnoredFinding, readPiiFile, writePiiFile, sameFinding } from '../session/pii-file.js';
import type { Plan } from '../core/plan.js';
import { writePlanFile } from '../session/plan-file.js';
import { maskPrioritiesFile } from '../session/priorities-file.js';
import { type Session, loadSession } from '../session/session.js';
import { replaceSettingsTexts } from '../session/settings.js';
import { renderRejectedCsv, renderStatementsCsv } from '../session/statements-file.js';
import { writeThemes } from '../session/themes-cache.js';
import type { Context } from './context.js';
import { type Screened, type SessionTexts, mentionPattern, mentionWords, readSessionTexts, screenSession, typedTexts } from './pii-guard.js';
import { loadThemesState, saveThemes } from './themes-store.js';


export interface PiiReport extends Screened {
  /** How many statements were screened (of `texts` texts in all). */
  screened: number;
  /** Each flagged text, by ref and field, to show the finding in place. */
  texts: Record<string, string>;
  file: string;
}

/** `wtfc pii`: screens every text in the session. */
export async function piiReport(ctx: Context): Promise<PiiReport> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const sessionTexts = readSessionTexts(s);
  const screened = await screenSession(s, sessionTexts);
  const flagged = new Set([...screened.findings, ...screened.ignored].map(textKey));
  const texts = Object.fromEntries(typedTexts(sessionTexts).map((t) => [textKey({ statement: t.ref, field: t.field }), t.text]).filter(([key]) => flagged.has(key!)));
  return { ...screened, screened: s.statements.length, texts, file: s.show(s.paths.pii) };
}

export interface PiiChange {
  action: 'ignored' | 'unignored' | 'redacted';
  statement: string;
  findings: { type: string; span: string }[];
  /** For redact: the other texts that mentioned a redacted detail, redacted with it. */
  elsewhere?: string[];
  /** For redact: outputs in out/ that printed it, removed (render writes them again). */
  removed?: string[];
  file: string;
}

/** `wtfc pii ignore REF [SPAN]`: marks the findings in a text (or the one with SPAN) as not personal. */
export async function ignorePii(ctx: Context, ref: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const texts = readSessionTexts(s);
  const { findings } = await screenSession(s, texts);
  const chosen = choose(texts, findings, ref, span, ctx.dirFlag);
  const pii = readPiiFile(s.paths.pii, s.show(s.paths.pii));
  const added: IgnoredFinding[] = chosen.map((f) => ({ statement: f.statement, type: f.type, span: f.span }));
  writePiiFile(s.paths.pii, { ...pii, ignored: [...pii.ignored, ...added.filter((a) => !pii.ignored.some((m) => sameFinding(m, a)))] });
  return { action: 'ignored', statement: ref, findings: added.map(({ type, span: sp }) => ({ type, span: sp })), file: s.show(s.paths.pii) };
}

/** `wtfc pii unignore REF [SPAN]`: flags them again. */
export async function unignorePii(ctx: Context, ref: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const pii = readPiiFile(s.paths.pii, s.show(s.paths.pii));
  const removed = pii.ignored.filter((m) => m.statement === ref && (span === undefined || m.span === span));
  if (removed.length === 0) {
    throw new WtfcError(`nothing in ${s.show(s.paths.pii)} is marked for ${ref}${span === undefined ? '' : ` with "${span}"`}`, {
      hint: `\`wtfc pii${ctx.dirFlag}\` lists what is marked`,
    });
  }
  writePiiFile(s.paths.pii, { ...pii, ignored: pii.ignored.filter((m) => !removed.includes(m)) });
  return { action: 'unignored', statement: ref, findings: removed.map(({ type, span: sp }) => ({ type, span: sp })), file: s.show(s.paths.pii) };
}

/**
 * `wtfc pii redact REF [SPAN]`: replaces the findings in a text (or the one with SPAN) by their
 * placeholders, for good. Redaction is final: the detail and its words leave every copy the
 * session keeps, not only the text it was found in:
 *  - every statement and every row of rejected.csv that mentions it (with its capital);
 *  - theme names, drafts and keywords, in any case (drafts are made from statements' words);
 *  - every earlier state in history.jsonl, so that undo cannot bring it back;
 *  - the plan's causes, success statements and actions, the ranking in priorities.yaml, and the
 *    session's name;
 *  - the outputs in out/ that print it, which are removed for render to write again.
 * The input file it came from is not touched. Files are written in an order that leaves the
 * finding itself for last, so a command cut short can be run again to finish.
 */
export async function redactPii(ctx: Context, ref: string, span?: string): Promise<PiiChange> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const texts = readSessionTexts(s);
  const { findings } = await screenSession(s, texts);
  const chosen = linkedFindings(choose(texts, findings, ref, span, ctx.dirFlag), findings);
  const sweep = sweeper(chosen);
  const changed = new Set<string>();
  const files: string[] = [];
  const note = (r: string, before: string, after: string) => {
    if (before !== after && r !== ref) changed.add(r);
    return after;
  };

  const statements: Statement[] = s.statements.map((st) => {
    const text = note(st.id, st.text, sweep.text(st.id, undefined, st.text));
    return text === st.text ? st : { ...st, text };
  });

  // The themes and every state before them: the history first, so undo never finds the detail.
  if (texts.themes) {
    const state = loadThemesState(ctx, s);
    const history = readHistory(s.paths.history, s.show(s.paths.history));
    const maskedHistory = history.map((e) => maskHistoryEntry(e, sweep.name));
    if (history.some((e, i) => JSON.stringify(e) !== JSON.stringify(maskedHistory[i]))) {
      rewriteHistory(s.paths.history, maskedHistory);
      files.push(s.show(s.paths.history));
    }
    const set = maskThemeSet(state.set, (t, field, text) => {
      const own = field === 'name' && `theme:${t.id}` === ref ? maskText(text, chosen.filter((f) => f.field === 'name')) : text;
      return note(`theme:${t.id}`, text, sweep.name(own));
    });
    if (JSON.stringify(set) !== JSON.stringify(state.set)) {
      // Saved with the statements as they will be: the file's reminders quote them.
      saveThemes(ctx, { ...state, session: { ...s, statements }, history: maskedHistory, unrecorded: undefined }, set, { action: 'redact', summary: 'personal details redacted' });
      if (!files.includes(s.show(s.paths.history))) files.push(s.show(s.paths.history));
      files.push(s.show(s.paths.themes));
    } else if (statements.some((st, i) => st !== s.statements[i])) {
      // The themes are the same, but the file's reminders quote the statements as they were.
      writeThemes(s, state.set, statements);
      files.push(s.show(s.paths.themes));
    }
  }

  // Every earlier state of the plan too, so `wtfc plan undo` never brings the detail back.
  if (existsSync(s.paths.planHistory)) {
    const lines = readText(s.paths.planHistory).split('\n').filter((l) => l.trim() !== '');
    const masked = lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { change: string; before: Plan };
        // An earlier text may hold the detail elsewhere in it: every span chosen goes, wherever it is.
        const scrub = (text: string) => chosen.reduce((t, f) => t.split(f.span).join(piiPlaceholders[f.type]), sweep.name(text));
        return [JSON.stringify({ ...entry, change: scrub(entry.change), before: maskPlanTexts(entry.before, (id, field, text) => scrub(sweep.text(`plan:${id}`, field, text)), scrub) })];
      } catch {
        // A line that cannot be read cannot be undone to, and may hold the detail: it goes.
        return [];
      }
    });
    if (masked.length !== lines.length || masked.some((l, i) => l !== lines[i])) {
      writeFileAtomic(s.paths.planHistory, masked.map((l) => `${l}\n`));
      files.push(s.show(s.paths.planHistory));
    }
  }

  if (texts.plan) {
    const plan = maskPlanTexts(texts.plan, (id, field, text) => note(`plan:${id}`, text, sweep.text(`plan:${id}`, field, text)), sweep.name);
    if (JSON.stringify(plan) !== JSON.stringify(texts.plan)) {
      writePlanFile(s.paths.plan, plan);
      files.push(s.show(s.paths.plan));
    }
  }

  if (existsSync(s.paths.priorities)) {
    const after = maskPrioritiesFile(readText(s.paths.priorities), sweep.name);
    if (after !== undefined) {
      writeFileAtomic(s.paths.priorities, after);
      files.push(s.show(s.paths.priorities));
    }
  }

  const settings = { name: sweep.text('wtfc.yaml', 'name', s.settings.name), council: sweep.text('wtfc.yaml', 'council', s.settings.council) };
  if (settings.name !== s.settings.name || settings.council !== s.settings.council) {
    if (ref !== 'wtfc.yaml') changed.add('wtfc.yaml');
    writeFileAtomic(s.paths.settings, replaceSettingsTexts(readText(s.paths.settings), settings));
    files.push(s.show(s.paths.settings));
  }

  const rejected = texts.rejected.map((r, i) => {
    const text = note(`rejected:${i + 1}`, r.text, sweep.text(`rejected:${i + 1}`, undefined, r.text));
    return text === r.text ? r : { ...r, text };
  });
  if (rejected.some((r, i) => r !== texts.rejected[i])) {
    writeFileAtomic(s.paths.rejected, renderRejectedCsv(rejected));
    files.push(s.show(s.paths.rejected));
  }

  const removed = removeStaleOutputs(s, sweep.anyCase);

  // What the changed statements and rows said before, by keyed fingerprint: their input, ingested
  // again, is then known for what it is and not added back with the detail.
  const existingKey = readSessionKey(s.paths.key, s.show);
  const secret = existingKey ?? Uint8Array.from((ctx.io.randomBytes ?? randomBytes)(keyBytes));
  const record = [
    ...s.statements.filter((st, i) => statements[i] !== st).map((st) => ({ of: st.id, fingerprint: redactedFingerprint(secret, st) })),
    ...texts.rejected.flatMap((r, i) => (rejected[i] !== r ? [{ of: `rejected:${i + 1}`, fingerprint: rejectedFingerprint(secret, r) }] : [])),
  ];
  if (record.length > 0) {
    if (!existingKey) writeSessionKey(s.paths.key, secret);
    const pii = readPiiFile(s.paths.pii, s.show(s.paths.pii));
    const known = new Set(pii.redacted.map((r) => r.fingerprint));
    writePiiFile(s.paths.pii, { ...pii, redacted: [...pii.redacted, ...record.filter((r) => !known.has(r.fingerprint))] });
    files.push(s.show(s.paths.pii));
  }

  if (statements.some((st, i) => st !== s.statements[i])) {
    writeFileAtomic(s.paths.statements, renderStatementsCsv(statements));
    files.unshift(s.show(s.paths.statements));
  }

  // What a model server made of the detail (a vector of the statement, a name that repeats it), and
  // the screen's own findings (which quote it), may be in the caches: they go, and are made again.
  for (const cache of [s.paths.modelCache, s.paths.screenCache]) {
    if (files.length > 0 && existsSync(cache)) {
      unlinkSync(cache);
      files.push(s.show(cache));
    }
  }
  // The screen read the texts before they were redacted, and would keep what it found: not this time.
  if (files.length > 0) whenSucceeded(s.paths.dir, () => existsSync(s.paths.screenCache) && unlinkSync(s.paths.screenCache));

  return {
    action: 'redacted',
    statement: ref,
    findings: chosen.map(({ type, span: sp }) => ({ type, span: sp })),
    elsewhere: [...changed],
    removed,
    file: files.join(', ') || 'nothing (the detail was already gone from every file)',
  };
}

/**
 * The chosen findings and every other finding that shares a word with one of them: "tomasz" from
 * tomasz@example.org is also the first word of "Tomasz Nowak" in a theme name, and masking only
 * that word would leave "[email] Nowak", no longer a name the screen can see. So the whole of a
 * linked finding goes with it, and whatever that links to in turn.
 */
function linkedFindings(chosen: readonly Finding[], all: readonly Finding[]): Finding[] {
  const out = [...chosen];
  const words = new Set(mentionWords(out).map(([w]) => w.toLowerCase()));
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of all) {
      if (out.includes(f) || !mentionWords([f]).some(([w]) => words.has(w.toLowerCase()))) continue;
      out.push(f);
      for (const [w] of mentionWords([f])) words.add(w.toLowerCase());
      grew = true;
    }
  }
  return out;
}

/**
 * How the chosen findings leave a text: each by position in its own text, then every word of
 * every one wherever it is written with its capital; names and keywords in any case.
 */
function sweeper(chosen: readonly Finding[]) {
  const mention = mentionPattern(chosen)!;
  const withCapital = new RegExp(mention.source, 'gu');
  const anyCase = new RegExp(mention.source, 'giu');
  const typeOf = new Map(mentionWords(chosen).map(([w, t]) => [w.toLowerCase(), t]));
  const placeholder = (m: string) => piiPlaceholders[typeOf.get(m.toLowerCase()) ?? 'name'];
  return {
    anyCase,
    text: (ref: string, field: string | undefined, text: string) => {
      const own = chosen.filter((f) => f.statement === ref && f.field === field && text.slice(f.start, f.end) === f.span);
      return maskText(text, own).replace(withCapital, placeholder);
    },
    name: (text: string) => text.replace(anyCase, placeholder),
  };
}

function maskThemeSet(set: ThemeSet, mask: (t: Theme, field: 'name' | 'draft' | 'label', text: string) => string): ThemeSet {
  const out = Object.fromEntries(
    categories.map((c) => [c, { ...set.categories[c], themes: set.categories[c].themes.map((t) => ({ ...t, name: mask(t, 'name', t.name), draft: mask(t, 'draft', t.draft), label: mask(t, 'label', t.label) })) }]),
  ) as Record<Category, ThemeSet['categories'][Category]>;
  return { ...set, categories: out };
}

function maskHistoryEntry(e: HistoryEntry, name: (text: string) => string): HistoryEntry {
  return { ...e, summary: name(e.summary), state: maskThemeSet(e.state, (_t, _field, text) => name(text)) };
}

function maskPlanTexts(plan: Plan, text: (id: string, field: string, value: string) => string, name: (text: string) => string): Plan {
  return {
    themes: plan.themes.map((t) => ({
      ...t,
      name: name(t.name),
      causes: t.causes.map((c) => ({ ...c, text: text(c.id, 'text', c.text) })),
      success: t.success.map((x) => ({ ...x, text: text(x.id, 'text', x.text) })),
      actions: t.actions.map((a) => ({ ...a, what: text(a.id, 'what', a.what), who: text(a.id, 'who', a.who), measure: text(a.id, 'measure', a.measure) })),
    })),
  };
}

/** Removes the outputs in out/ that print a redacted detail; `wtfc render` writes them again. */
function removeStaleOutputs(s: Session, words: RegExp): string[] {
  if (!existsSync(s.paths.out)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(s.paths.out).sort()) {
    const path = join(s.paths.out, name);
    if (!statSync(path).isFile()) continue;
    words.lastIndex = 0;
    if (!words.test(readText(path))) continue;
    unlinkSync(path);
    removed.push(s.show(path));
  }
  return removed;
}

/** The findings in the text REF names (all, or the one with SPAN); an unknown ref is refused. */
function choose(texts: SessionTexts, findings: readonly Finding[], ref: string, span: string | undefined, dirFlag: string): Finding[] {
  if (!typedTexts(texts).some((t) => t.ref === ref)) {
    throw new WtfcError(`there is no statement or other text ${ref}`, {
      hint: `\`wtfc pii${dirFlag}\` lists the texts with findings: a statement's id, theme:ID, plan:ID, rejected:N, history:N or wtfc.yaml`,
    });
  }
  const own = findings.filter((f) => f.statement === ref);
  const chosen = span === undefined ? own : own.filter((f) => f.span === span);
  if (chosen.length === 0) {
    const listed = own.map((f) => `"${f.span}"`).join(', ');
    throw new WtfcError(own.length === 0 ? `${ref} has no unresolved findings` : `${ref} has no finding "${span}"`, {
      hint: own.length === 0 ? `\`wtfc pii${dirFlag}\` lists the texts with findings` : `its findings are ${listed}; give one exactly as shown`,
    });
  }
  return chosen;
}

