import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Statement, ThemeSet } from '../core/model.js';
import { readText, writeFileAtomic } from './atomic.js';
import type { Session } from './session.js';
import { parseThemesFile, renderThemesFile, themeSetAsRead } from './themes-file.js';

/**
 * `themes-cache.json`: the themes as `themes.yaml` reads, kept beside it so that a command that
 * only reads the themes (`status`, `themes list`, `render`) need not parse the YAML, which is most
 * of its time on a large session. wtfc writes it with the themes file. It is believed only when its
 * digest matches, and the digest covers everything the reading depends on: this cache's format,
 * the text of `themes.yaml`, each statement's id, category and perspective, and the cached themes
 * themselves. A hand edit to either file, a new statement, or a damaged cache means the YAML is
 * read as before.
 */
const format = 'wtfc themes cache 1';

function digest(themesText: string, statements: readonly Statement[], stateJson: string): string {
  const hash = createHash('sha256').update(`${format}\n`).update(themesText).update('\0');
  for (const s of statements) hash.update(`${s.id}\t${s.category}\t${s.perspective}\n`);
  return hash.update('\0').update(stateJson).digest('hex');
}

/**
 * The themes in the session's `themes.yaml` (which must exist), from the cache when it holds them
 * for exactly this file and these statements.
 */
export function readThemes(s: Session): ThemeSet {
  const text = readText(s.paths.themes);
  return cached(s, text) ?? parseThemesFile(text, s.show(s.paths.themes), s.statements);
}

/** What the cache holds for the session's `themes.yaml` as it is now, if it holds anything. */
export function cachedThemes(s: Session): ThemeSet | undefined {
  return cached(s, readText(s.paths.themes));
}

function cached(s: Session, themesText: string): ThemeSet | undefined {
  const cache = existsSync(s.paths.themesCache) ? readText(s.paths.themesCache) : '';
  const newline = cache.indexOf('\n');
  if (newline < 0) return undefined;
  const stateJson = cache.slice(newline + 1);
  if (cache.slice(0, newline) !== digest(themesText, s.statements, stateJson)) return undefined;
  try {
    return JSON.parse(stateJson) as ThemeSet;
  } catch {
    // A digest that matches text that is not JSON was not written by wtfc.
    return undefined;
  }
}

/**
 * Writes `themes.yaml` (atomically), then the cache for it. The cache is only a help: if it cannot
 * be written, the one before it no longer matches the file and is not believed.
 */
export function writeThemes(s: Session, set: ThemeSet, statements: readonly Statement[] = s.statements): void {
  const text = renderThemesFile(set, statements);
  writeFileAtomic(s.paths.themes, text);
  try {
    const stateJson = JSON.stringify(themeSetAsRead(set, statements));
    writeFileAtomic(s.paths.themesCache, `${digest(text, statements, stateJson)}\n${stateJson}`);
  } catch {
    // left as it was, and not believed
  }
}

