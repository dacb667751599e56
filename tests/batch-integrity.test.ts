/**
 * No council sees another's statements, and each council's session is its current rows. The
 * security probe (issue 14, finding 3) saw a later council "A B" take the folder of "A-B" and add
 * its statements to the other's session, and a re-run with rows removed keep them in the report.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wall } from './fixtures.js';
import { runInProcess, tempDir } from './helpers.js';

const texts = Object.values(wall).flat();

/** A batch file: for each council, the statements (by index into `texts`) it has. */
function programme(councils: Record<string, number[]>): string {
  const rows = Object.entries(councils).flatMap(([council, picks]) => picks.map((i) => `${JSON.stringify(texts[i])},person,not working,${JSON.stringify(council)}`));
  return `text,perspective,category,council\n${rows.join('\n')}\n`;
}

const all = texts.map((_, i) => i);
const statementsOf = (dir: string, folder: string) => readFileSync(join(dir, 'c', folder, 'session', 'statements.csv'), 'utf8').trim().split('\n').slice(1);

async function batch(dir: string, ...more: string[]) {
  const r = await runInProcess(['batch', 'in.csv', '--out', 'c', '--jobs', '1', ...more], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('each council keeps a folder of its own', () => {
  it('"A B" after "A-B": a folder of its own, and "A-B"\'s session holds only A-B\'s statements', async () => {
    const dir = tempDir({ 'in.csv': programme({ 'A-B': all.slice(0, 16) }) });
    await batch(dir);
    expect(readdirSync(join(dir, 'c')).sort()).toEqual(['a-b', 'comparison']);
    writeFileSync(join(dir, 'in.csv'), programme({ 'A-B': all.slice(0, 16), 'A B': all.slice(16) }));
    await batch(dir);
    expect(readdirSync(join(dir, 'c')).sort()).toEqual(['a-b', 'a-b-2', 'comparison']);
    expect(statementsOf(dir, 'a-b')).toHaveLength(16);
    expect(statementsOf(dir, 'a-b-2')).toHaveLength(16);
    expect(readFileSync(join(dir, 'c', 'a-b-2', 'session', 'wtfc.yaml'), 'utf8')).toContain('council: "A B"');
    expect(readFileSync(join(dir, 'c', 'a-b', 'session', 'wtfc.yaml'), 'utf8')).toContain('council: "A-B"');
    // The folders stay theirs on the next run, whichever order the councils come in.
    writeFileSync(join(dir, 'in.csv'), programme({ 'A B': all.slice(16), 'A-B': all.slice(0, 16) }));
    await batch(dir, '--force');
    expect(readFileSync(join(dir, 'c', 'a-b-2', 'session', 'wtfc.yaml'), 'utf8')).toContain('council: "A B"');
    expect(statementsOf(dir, 'a-b')).toHaveLength(16);
  });

  it('a folder someone else made is left alone, and names Windows reserves or too long for a disk are not used', async () => {
    const long = `Council of ${'the Very Long Name '.repeat(16)}`;
    const dir = tempDir({ 'in.csv': programme({ CON: all.slice(0, 12), [long]: all.slice(12, 24) }), 'c/con-council/notes.txt': 'mine\n' });
    await batch(dir);
    const folders = readdirSync(join(dir, 'c')).sort();
    expect(folders).toContain('con-council-2');
    expect(readFileSync(join(dir, 'c', 'con-council', 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(folders.every((f) => f.length <= 42 && !/^(?:con|prn|aux|nul|com\d|lpt\d)$/.test(f))).toBe(true);
    expect(folders.some((f) => f.startsWith('council-of-the-very-long-name'))).toBe(true);
  });
});

describe('a council\'s session is its current rows', () => {
  it('rows no longer in the input leave the session, the report and the cards, and the summary says so', async () => {
    const dir = tempDir({ 'in.csv': programme({ Northmere: all }) });
    await batch(dir);
    expect(statementsOf(dir, 'northmere')).toHaveLength(32);
    const withdrawn = all.slice(0, 5).map((i) => texts[i]!);
    writeFileSync(join(dir, 'in.csv'), programme({ Northmere: all.slice(5) }));
    const r = await batch(dir);
    expect(statementsOf(dir, 'northmere')).toHaveLength(27);
    expect(r.stdout).toContain('Northmere: 5 statements no longer in the input, taken out');
    for (const file of ['report.md', 'cards.md']) {
      const out = readFileSync(join(dir, 'c', 'northmere', 'session', 'out', file), 'utf8');
      for (const t of withdrawn) expect(out, file).not.toContain(t);
    }
    // Nor are they anywhere in the themes or their history, so undo cannot bring them back.
    const session = join(dir, 'c', 'northmere', 'session');
    const ids = readFileSync(join(session, 'statements.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const mentioned = [...readFileSync(join(session, 'history.jsonl'), 'utf8').matchAll(/"(s-[0-9a-f]{8,})"/g)].map((m) => m[1]!);
    expect(mentioned.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('a changed row changes; a facilitator\'s locked theme keeps its name and the statements still there, and the summary says what it lost', async () => {
    const dir = tempDir({ 'in.csv': programme({ Northmere: all }) });
    await batch(dir);
    const session = join(dir, 'c', 'northmere', 'session');
    const cli = (...argv: string[]) => runInProcess([...argv, '-C', session], { cwd: dir });
    const listing = JSON.parse((await cli('themes', 'list', '--json')).stdout) as { categories: { not_working: { themes: { id: string; statements: string[] }[] } } };
    const theme = listing.categories.not_working.themes[0]!;
    expect((await cli('themes', 'rename', theme.id, 'I want my carers to stay', '--quiet')).code).toBe(0);
    expect((await cli('themes', 'lock', theme.id, '--quiet')).code).toBe(0);
    const lines = readFileSync(join(session, 'statements.csv'), 'utf8').trim().split('\n');
    const gone = lines.find((l) => l.startsWith(`${theme.statements[0]},`))!;
    const goneText = texts.find((t) => gone.includes(t))!;
    // That statement is reworded in the input: the old wording leaves, the new one arrives.
    writeFileSync(join(dir, 'in.csv'), readFileSync(join(dir, 'in.csv'), 'utf8').replace(JSON.stringify(goneText), JSON.stringify(`${goneText} (reworded)`)));
    const r = await batch(dir);
    expect(r.stdout).toContain(`locked theme ${theme.id} ("I want my carers to stay") lost 1 withdrawn statement`);
    const after = JSON.parse((await cli('themes', 'show', theme.id, '--json')).stdout) as { theme: { name: string; statements: string[]; locked: boolean } };
    expect(after.theme).toMatchObject({ name: 'I want my carers to stay', locked: true, statements: theme.statements.slice(1) });
    const now = readFileSync(join(session, 'statements.csv'), 'utf8');
    expect(now).toContain(`${goneText} (reworded)`);
    expect(now.split('\n').filter((l) => l.includes(goneText))).toHaveLength(1);
    expect(existsSync(join(session, 'out', 'report.md'))).toBe(true);
  });
});
