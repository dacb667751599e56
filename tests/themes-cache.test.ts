/**
 * The themes cache (`themes-cache.json`): it changes how fast the themes are read, never what is
 * read. After every kind of change wtfc makes, the cache holds exactly what parsing themes.yaml
 * gives, byte for byte as JSON; and anything that changes what the YAML would give (a hand edit, a
 * statement's perspective, a damaged or altered cache) means the YAML is read instead.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../src/session/session.js';
import { cachedThemes, readThemes } from '../src/session/themes-cache.js';
import { parseThemesFile } from '../src/session/themes-file.js';
import { exampleSession, runInProcess } from './helpers.js';

const parsed = (dir: string) => {
  const s = loadSession(dir, dir, '2026-03-14');
  return JSON.stringify(parseThemesFile(readFileSync(s.paths.themes, 'utf8'), 'themes.yaml', s.statements));
};
const fromCache = (dir: string) => {
  const set = cachedThemes(loadSession(dir, dir, '2026-03-14'));
  return set && JSON.stringify(set);
};

describe('the themes cache', () => {
  it('holds what the YAML reads after each kind of change wtfc makes', async () => {
    const cwd = await exampleSession();
    const dir = join(cwd, 's');
    const ok = async (...argv: string[]) => {
      const r = await runInProcess([...argv, '-C', 's', '--quiet'], { cwd });
      expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
      expect(fromCache(dir), argv.join(' ')).toBe(parsed(dir));
    };
    expect(fromCache(dir)).toBe(parsed(dir));
    const list = JSON.parse((await runInProcess(['themes', 'list', '--json', '-C', 's'], { cwd })).stdout) as { categories: Record<string, { themes: { id: string; statements: string[] }[] }> };
    const [a, b, c] = list.categories.not_working!.themes;
    await ok('themes', 'rename', a!.id, 'I want to know who is coming');
    await ok('themes', 'merge', a!.id, b!.id);
    await ok('themes', 'move', c!.statements[0]!, '--to', a!.id);
    await ok('themes', 'move', c!.statements[1]!, '--to', 'unthemed');
    await ok('themes', 'split', a!.id, '--into', '2');
    await ok('themes', 'park', c!.id);
    await ok('themes', 'lock', c!.id);
    await ok('themes', 'undo');
    await ok('theme');
  });

  it('is not believed when themes.yaml was edited by hand, a statement changed, or the cache itself was changed', async () => {
    const cwd = await exampleSession();
    const dir = join(cwd, 's');
    const session = () => loadSession(dir, dir, '2026-03-14');
    const themesPath = join(dir, 'themes.yaml');
    const cachePath = join(dir, 'themes-cache.json');
    const original = readFileSync(themesPath, 'utf8');
    const name = /name: (I [^\n]+)/.exec(original)![1]!;

    // A hand edit: the file's new name is what is read.
    writeFileSync(themesPath, original.replace(`name: ${name}`, 'name: I want a name typed by hand'));
    expect(cachedThemes(session())).toBeUndefined();
    expect(JSON.stringify(readThemes(session()))).toContain('I want a name typed by hand');
    writeFileSync(themesPath, original);
    expect(cachedThemes(session())).toBeDefined();

    // A statement's perspective changed in statements.csv: the counts are made again from it.
    const statementsPath = join(dir, 'statements.csv');
    const statements = readFileSync(statementsPath, 'utf8');
    writeFileSync(statementsPath, statements.replace(',working,person,', ',working,staff,'));
    expect(cachedThemes(session())).toBeUndefined();
    expect(JSON.stringify(readThemes(session()))).toBe(parsed(dir));
    writeFileSync(statementsPath, statements);

    // The cache's themes changed without its digest, or the cache damaged: the YAML is read.
    const cache = readFileSync(cachePath, 'utf8');
    writeFileSync(cachePath, cache.replace(name, 'I was never written'));
    expect(cachedThemes(session())).toBeUndefined();
    expect(JSON.stringify(readThemes(session()))).not.toContain('I was never written');
    for (const damaged of ['', 'not a digest', `${cache.slice(0, 64)}\n{"engine":`, cache.slice(0, cache.length / 2)]) {
      writeFileSync(cachePath, damaged);
      expect(cachedThemes(session())).toBeUndefined();
      expect(JSON.stringify(readThemes(session()))).toBe(parsed(dir));
    }
  });

  it('is written only with the themes: commands that only read leave it alone', async () => {
    const cwd = await exampleSession();
    const cachePath = join(cwd, 's', 'themes-cache.json');
    unlinkSync(cachePath);
    for (const argv of [['status'], ['themes', 'list'], ['render', 'report'], ['export', 'assignments'], ['compare', 's', 's']]) {
      const r = await runInProcess([...argv, ...(argv[0] === 'compare' ? [] : ['-C', 's']), '--quiet'], { cwd });
      expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
      expect(existsSync(cachePath), argv.join(' ')).toBe(false);
    }
  });
});
