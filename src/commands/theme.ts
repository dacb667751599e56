import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { WtfcError } from '../errors.js';
import { type Category, categories } from '../core/model.js';
import { writeFileAtomic } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import { parseThemesFile, renderThemesFile } from '../session/themes-file.js';
import { type ThemeSet, themeStatements } from '../theming/engine.js';
import type { Context } from './context.js';

export interface ThemeCommandOptions {
  themes?: string;
  minSize?: string;
  seed?: string;
}

export interface ThemeSummary {
  file: string;
  /** Where the previous themes.yaml was kept, when there was one. */
  previous?: string;
  categories: Record<Category, { statements: number; themes: number; unthemed: number; unthemedShare: number }>;
  themes: ThemeSet;
}

/** Proposes themes for every category and writes `themes.yaml`. */
export async function themeSession(ctx: Context, options: ThemeCommandOptions, session?: Session): Promise<ThemeSummary> {
  const s = session ?? loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  if (s.statements.length === 0) {
    throw new WtfcError('there are no statements to theme yet', { hint: `add some with \`wtfc ingest FILE${ctx.dirFlag}\`` });
  }
  const parsed = parseThemeOptions(options);
  const themes = parsed.themes ?? s.settings.theme.themes;
  const minSize = parsed.minSize ?? s.settings.theme.minSize;
  const seed = parsed.seed ?? s.settings.theme.seed;

  let previous: string | undefined;
  if (existsSync(s.paths.themes)) {
    // Read it first: a themes file with problems is reported and left alone, never overwritten.
    parseThemesFile(readFileSync(s.paths.themes, 'utf8'), s.show(s.paths.themes), s.statements);
    previous = s.paths.themes.replace(/\.yaml$/, '.previous.yaml');
    copyFileSync(s.paths.themes, previous);
  }

  const set = themeStatements(s.statements, { themes, minSize, seed });
  writeFileAtomic(s.paths.themes, renderThemesFile(set, s.statements));

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
  return { file: s.show(s.paths.themes), previous: previous && s.show(previous), categories: summary, themes: set };
}

/** Checks the flags before anything runs, so a typo never leaves work half done. */
export function parseThemeOptions(options: ThemeCommandOptions): { themes?: 'auto' | number; minSize?: number; seed?: number } {
  return {
    themes: options.themes === undefined || options.themes === 'auto' ? (options.themes as 'auto' | undefined) : positive(options.themes, '--themes', ' or auto'),
    minSize: options.minSize === undefined ? undefined : positive(options.minSize, '--min-size'),
    seed: options.seed === undefined ? undefined : integer(options.seed, '--seed'),
  };
}

function positive(value: string, flag: string, or = ''): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new WtfcError(`${flag} ${value}: expected a whole number above 0${or}`);
  return n;
}

function integer(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new WtfcError(`${flag} ${value}: expected a whole number`);
  return n;
}
