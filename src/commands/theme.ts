import { existsSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { categories, type Category, type ThemeSet } from '../core/model.js';
import { type Session, loadSession } from '../session/session.js';
import { type ThemeOptions, completeThemes, proposeThemes } from '../theming/engine.js';
import { haveWordVectors } from '../theming/embeddings.js';
import { type Tagger, startTagger } from '../theming/tagging.js';
import { type RethemeReport, rethemeStatements } from '../theming/retheme.js';
import type { Context } from './context.js';
import { integer, positive } from './flags.js';
import { holdsHumanWork, loadThemesState, sameThemeSet, saveThemes } from './themes-store.js';
import { readHistory } from '../session/history.js';
import { readSessionKey } from '../session/key.js';
import { ModelCache } from '../session/model-cache.js';
import { type ModelFlags, ModelServer, modelFor } from '../model/server.js';
import { type ModelReport, meaningFromServer, namesFromServer } from './model.js';

export interface ThemeCommandOptions extends ModelFlags {
  themes?: string;
  minSize?: string;
  seed?: string;
  fresh?: boolean;
  yes?: boolean;
}

export interface ThemeSummary {
  file: string;
  /** fresh: proposed from scratch; kept: new statements themed around the existing themes; unchanged: the user chose not to start over. */
  mode: 'fresh' | 'kept' | 'unchanged';
  categories: Record<Category, { statements: number; themes: number; unthemed: number; unthemedShare: number }>;
  /** What re-theming changed, when it kept the existing themes. */
  changes?: RethemeReport;
  themes: ThemeSet;
  /** Whether the word vectors were there to group by meaning; without them, by words alone. */
  meaning: boolean;
  /** What a local model server did, when one is set (see docs/local-model.md). */
  model?: ModelReport;
}

/**
 * Proposes themes for every category and writes `themes.yaml`. When a facilitator has already
 * locked, edited or parked a theme, their work is kept and only new statements are themed; to
 * start over they ask for --fresh, and confirm it.
 */
export async function themeSession(ctx: Context, options: ThemeCommandOptions, session?: Session): Promise<ThemeSummary> {
  // The tagger that names themes loads in another thread while this one reads and groups.
  const tagger = startTagger();
  try {
    return await theme(ctx, options, tagger, session);
  } finally {
    tagger.stop();
  }
}

async function theme(ctx: Context, options: ThemeCommandOptions, tagger: Tagger, session?: Session): Promise<ThemeSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  if (s.statements.length === 0) {
    throw new WtfcError('there are no statements to theme yet', { hint: `add some with \`wtfc ingest FILE${ctx.dirFlag}\`` });
  }
  const parsed = parseThemeOptions(options);
  const themes = parsed.themes ?? s.settings.theme.themes;
  const minSize = parsed.minSize ?? s.settings.theme.minSize;
  const seed = parsed.seed ?? s.settings.theme.seed;
  // A model server that may not be used is refused here, before anything is sent or written.
  const use = modelFor(s.settings.model, options);

  // Read the existing themes first: a themes file with problems is reported and left alone.
  const state = existsSync(s.paths.themes) ? loadThemesState(ctx, s) : undefined;
  const work = state !== undefined && holdsHumanWork(state);
  const keep = work && !options.fresh;
  checkKeepsWork(ctx, work && !options.fresh, parsed.themes);
  if (options.fresh && work && !options.yes) {
    const question = 'Start over? The facilitator’s work in these themes (locked, edited, parked, moved) will be replaced; undo can bring it back.';
    if (!ctx.io.stdin.isTTY || !ctx.io.stdout.isTTY) {
      throw new WtfcError('--fresh would replace a facilitator’s work in these themes (locked, edited, parked or moved)', { hint: 'add --yes to confirm' });
    }
    const { confirm } = await import('@inquirer/prompts');
    if (!(await confirm({ message: question, default: false }, { input: ctx.io.stdin as NodeJS.ReadableStream, output: ctx.io.stdout as NodeJS.WritableStream }))) {
      return { file: s.show(s.paths.themes), mode: 'unchanged', categories: countThemes(s, state!.set), themes: state!.set, meaning: haveWordVectors() };
    }
  }

  const server = use && new ModelServer(use);
  const cache = use && ModelCache.open(s.paths.modelCache, readSessionKey(s.paths.key, s.show));
  const model: ModelReport | undefined = use && { endpoint: use.endpoint, damaged: cache!.damaged };
  const meaning = server?.use.embeddings ? await meaningFromServer(server, cache!, s.statements, model!) : undefined;

  let set: ThemeSet;
  let changes: RethemeReport | undefined;
  if (keep) {
    ({ set, report: changes } = rethemeStatements(state!.set, s.statements, { themes: 'auto', minSize, seed, meaning }));
  } else {
    const pending = proposeThemes(s.statements, { themes, minSize, seed, meaning, readAhead: (texts) => tagger.readAhead(texts) });
    set = completeThemes(pending, { themes, minSize, seed }, await tagger.tag(pending.map((p) => p.samples)));
  }
  if (server?.use.chat) {
    const fresh = new Set(categories.flatMap((c) => (changes ? changes[c].created : set.categories[c].themes.map((t) => t.id))));
    await namesFromServer(server, cache!, set, fresh, s.statements, tagger, model!);
  }
  // Which models took part, as themes.yaml notes it; re-theming keeps what made the kept themes.
  const used = { ...(keep ? state!.set.engine.model : undefined) };
  if (model?.embeddings?.used) used.embeddings = model.embeddings.model;
  if (model?.names && model.names.written > 0) used.chat = model.names.model;
  if (used.embeddings || used.chat) set.engine.model = used;
  cache?.save(s.statements.map((st) => st.text));
  const mode = keep ? 'kept' : 'fresh';
  const summary = countThemes(s, set);
  const total = categories.reduce((t, c) => t + summary[c].themes, 0);
  const kept = categories.reduce((t, c) => t + (changes?.[c].kept.length ?? 0), 0);
  const what = keep
    ? `re-themed ${categories.reduce((t, c) => t + changes![c].newStatements, 0)} new statement(s), keeping ${kept} reviewed theme(s)`
    : `proposed ${total} theme(s)${options.fresh ? ', starting over' : ''}`;
  // Nothing new to say: the file and the history stay as they are.
  if (!state || !sameThemeSet(state.set, set)) {
    const base = state ?? { session: s, set, history: readHistory(s.paths.history, s.show(s.paths.history)) };
    saveThemes(ctx, base, set, { action: 'theme', summary: what });
  }
  return { file: s.show(s.paths.themes), mode, categories: summary, ...(changes ? { changes } : {}), themes: set, meaning: haveWordVectors(), ...(model ? { model } : {}) };
}

/**
 * `--themes K` asks for a fresh start, which would replace a facilitator's work: refused unless
 * --fresh says so. `wtfc run` checks this before it ingests anything.
 */
export function checkKeepsWork(ctx: Context, work: boolean, themes: ThemeOptions['themes'] | undefined): void {
  if (work && themes !== undefined && themes !== 'auto') {
    throw new WtfcError(`--themes ${themes} would start over, and these themes hold a facilitator's work`, {
      hint: `re-theme without --themes to keep that work, or start over with \`wtfc theme --fresh --themes ${themes}${ctx.dirFlag}\``,
    });
  }
}

function countThemes(s: Session, set: ThemeSet): ThemeSummary['categories'] {
  const summary = {} as ThemeSummary['categories'];
  for (const category of categories) {
    const c = set.categories[category];
    const n = s.statements.filter((st) => st.category === category).length;
    summary[category] = {
      statements: n,
      themes: c.themes.length,
      unthemed: c.unthemed.length,
      unthemedShare: n === 0 ? 0 : Math.round((1000 * c.unthemed.length) / n) / 10,
    };
  }
  return summary;
}

/** Checks the flags before anything runs, so a typo never leaves work half done. */
export function parseThemeOptions(options: ThemeCommandOptions): { themes?: 'auto' | number; minSize?: number; seed?: number } {
  return {
    themes: options.themes === undefined || options.themes === 'auto' ? (options.themes as 'auto' | undefined) : positive(options.themes, '--themes', ' or auto'),
    minSize: options.minSize === undefined ? undefined : positive(options.minSize, '--min-size'),
    seed: options.seed === undefined ? undefined : integer(options.seed, '--seed'),
  };
}

