import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { ProblemsError } from '../src/errors.js';
import { readHistory } from '../src/session/history.js';
import type { Theme } from '../src/core/model.js';
import { wall } from './fixtures.js';
import { type CliResult, ctrlC, down, enter, fakeTerminal, readText, runBinary, runInProcess, snapshotTree, stripAnsi, tempDir, up } from './helpers.js';

// The four-topic wall is ingested first; `later` arrives afterwards.
const later: typeof wall = {
  T: ['The day centre taxi did not come this morning', 'I missed day services because the minibus was late'],
  M: ['The direct payment forms came back wrong again', 'Paying my PA through payroll is confusing'],
  C: ['A different carer came again today', 'The rota keeps changing and no one tells me'],
  L: ['Nobody listens to me at my review', 'The social worker does not hear me'],
};
const perspectives = ['person', 'family', 'staff', 'person'];

function csv(texts: typeof wall, first: number): string {
  const rows = Object.entries(texts).flatMap(([g, list]) => list.map((t, i) => `${g}${first + i},"${t.replace(/"/g, '""')}",${perspectives[i % 4]}`));
  return `id,text,perspective\n${rows.join('\n')}\n`;
}

/** A themed session of the 32 statements of `wall`, in "not working", with automatic themes. */
async function themedSession(): Promise<string> {
  const dir = tempDir({ 'first.csv': csv(wall, 0), 'later.csv': csv(later, 8) });
  await cli(dir, 'init', 's');
  await cli(dir, 'ingest', 'first.csv', '--category', 'not_working', '-C', 's');
  await cli(dir, 'theme', '-C', 's');
  return dir;
}

async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  return runInProcess(argv, { cwd });
}

async function ok(cwd: string, ...argv: string[]): Promise<CliResult> {
  const r = await cli(cwd, ...argv);
  expect(r.stderr.includes('error') ? r.stderr : '', `wtfc ${argv.join(' ')}`).toBe('');
  expect(r.code, `wtfc ${argv.join(' ')}`).toBe(0);
  return r;
}

async function themes(cwd: string): Promise<Theme[]> {
  const r = await ok(cwd, 'themes', 'list', '--json', '-C', 's');
  return (JSON.parse(r.stdout) as { categories: { not_working: { themes: Theme[] } } }).categories.not_working.themes;
}

async function unthemed(cwd: string): Promise<string[]> {
  const r = await ok(cwd, 'themes', 'list', '--json', '-C', 's');
  return (JSON.parse(r.stdout) as { categories: { not_working: { unthemed: string[] } } }).categories.not_working.unthemed;
}

/** The theme holding a statement. */
async function holder(cwd: string, statement: string): Promise<Theme> {
  const found = (await themes(cwd)).find((t) => t.statements.includes(statement));
  if (!found) throw new Error(`${statement} is in no theme`);
  return found;
}

describe('scripted review, then new statements and a re-theme', () => {
  it('keeps locked and edited themes exactly as left, lands new statements sensibly, and undo steps back', async () => {
    const dir = await themedSession();
    const start = await themes(dir);
    // The engine separates the four topics (some into two themes).
    for (const t of start) expect(new Set(t.statements.map((s) => s[0])).size).toBe(1);

    const transport = await holder(dir, 'T0');
    const money = await holder(dir, 'M0');
    const carers = await holder(dir, 'C0');
    // The theme L5 is moved out of becomes edited.
    const listened = await holder(dir, 'L5');

    await ok(dir, 'themes', 'rename', transport.id, 'I can get to the day centre on time', '-C', 's');
    // Merge money into carers, then undo it: the two themes come back as they were.
    await ok(dir, 'themes', 'merge', carers.id, money.id, '-C', 's');
    expect((await themes(dir)).map((t) => t.id)).not.toContain(money.id);
    const undo = await ok(dir, 'themes', 'undo', '-C', 's');
    expect(undo.stdout).toContain('undid merge');
    expect((await themes(dir)).find((t) => t.id === money.id)!.statements).toEqual(money.statements);
    expect((await themes(dir)).find((t) => t.id === carers.id)!.statements).toEqual(carers.statements);
    // Move one statement to unthemed, and lock the carers theme.
    await ok(dir, 'themes', 'move', 'L5', '--to', 'unthemed', '-C', 's');
    await ok(dir, 'themes', 'lock', carers.id, '-C', 's');
    const asLeft = await themes(dir);
    const kept = asLeft.filter((t) => t.locked || t.edited);
    expect(kept.map((t) => t.id).sort()).toEqual([carers.id, listened.id, transport.id].sort());

    // New statements arrive and are themed.
    await ok(dir, 'ingest', 'later.csv', '--category', 'not_working', '-C', 's');
    const retheme = await ok(dir, 'theme', '-C', 's');
    expect(retheme.stdout).toContain('8 new statement(s); 3 reviewed theme(s) kept exactly as they were');
    expect(retheme.stdout).toContain(`to ${money.id}`);
    const after = await themes(dir);
    for (const t of kept) {
      const now = after.find((x) => x.id === t.id)!;
      expect(now.name).toBe(t.name);
      expect(now.statements).toEqual(t.statements);
      expect(now.locked).toBe(t.locked);
    }
    // The money themes, which no one edited, took in the new money statements.
    const moneyNow = after.filter((t) => t.statements.some((x) => x[0] === 'M')).flatMap((t) => t.statements);
    expect(moneyNow).toEqual(expect.arrayContaining(['M8', 'M9']));
    // New statements that fit a kept theme best wait, unthemed, for the facilitator.
    const waiting = await unthemed(dir);
    expect(waiting).toContain('L5');
    for (const id of ['C8', 'C9', 'T8', 'T9', 'L8', 'L9']) {
      expect(waiting.includes(id) || after.some((t) => !kept.some((k) => k.id === t.id) && t.statements.includes(id))).toBe(true);
    }
    expect(retheme.stderr).toMatch(/fits .* best, which is reviewed/);

    // Undo steps back over the re-theme: the new statements are no longer placed.
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect((await themes(dir)).map((t) => ({ id: t.id, statements: t.statements }))).toEqual(asLeft.map((t) => ({ id: t.id, statements: t.statements })));
  });

  it('runs a second re-theme with nothing new as a no-op', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    await ok(dir, 'themes', 'lock', transport.id, '-C', 's');
    const before = await themes(dir);
    const r = await ok(dir, 'theme', '-C', 's');
    expect(r.stdout).toContain('no new statements; every theme is as it was');
    expect(await themes(dir)).toEqual(before);
  });

  it('splits a theme by hand and by the engine, and gives new parts new ids', async () => {
    const dir = await themedSession();
    const all0 = await themes(dir);
    const transport = await holder(dir, 'T0');
    const r = await ok(dir, 'themes', 'split', transport.id, '--statements', 'T0,T1', '--json', '-C', 's');
    const change = JSON.parse(r.stdout) as { change: { created: string[] } };
    expect(change.change.created).toHaveLength(1);
    const part = (await themes(dir)).find((t) => t.id === change.change.created[0])!;
    expect(part.statements.sort()).toEqual(['T0', 'T1']);
    expect(part.id).toBe(`nw-${String(all0.length + 1).padStart(2, '0')}`);
    const money = await holder(dir, 'M0');
    const e = await ok(dir, 'themes', 'split', money.id, '--into', '2', '--json', '-C', 's');
    const created = (JSON.parse(e.stdout) as { change: { created: string[] } }).change.created;
    expect(created).toEqual([`nw-${String(all0.length + 2).padStart(2, '0')}`]);
    const all = await themes(dir);
    expect(all.find((t) => t.id === money.id)!.size + all.find((t) => t.id === created[0])!.size).toBe(money.size);
  });

  it('parks and unparks a theme, and parked themes drop out of the report ranking', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    const park = await ok(dir, 'themes', 'park', transport.id, '-C', 's');
    expect(park.stdout).toContain('parked');
    expect((await holder(dir, 'T0')).parked).toBe(true);
    await ok(dir, 'render', '-C', 's');
    const report = readText(join(dir, 's', 'out', 'report.md'));
    const ranking = report.slice(report.indexOf('Priorities'));
    expect(ranking).not.toContain(`| ${transport.id} `);
    await ok(dir, 'themes', 'unpark', transport.id, '-C', 's');
    expect((await holder(dir, 'T0')).parked).toBe(false);
  });
});

describe('refused edits change nothing', () => {
  const cases: [string, (ids: Record<string, string>) => string[], RegExp][] = [
    ['an unknown theme id', () => ['themes', 'rename', 'nw-99', 'I …'], /there is no theme nw-99/],
    ['an unknown statement id', (ids) => ['themes', 'move', 'X9', '--to', ids.T!], /there is no statement X9/],
    ['an unknown target', () => ['themes', 'move', 'T0', '--to', 'nw-42'], /there is no theme nw-42/],
    ['a merge of one theme', (ids) => ['themes', 'merge', ids.T!, ids.T!], /two or more different/],
    ['an empty name', (ids) => ['themes', 'rename', ids.T!, '  '], /name is empty/],
    ['a split into too many', (ids) => ['themes', 'split', ids.T!, '--into', '9'], /too few to split into 9/],
    ['a split taking statements from elsewhere', (ids) => ['themes', 'split', ids.T!, '--statements', 'M0'], /M0 is not in/],
    ['a split taking every statement', (ids) => ['themes', 'split', ids.T!, '--statements', 'T0,T1,T2,T3,T4,T5,T6,T7'], /every statement/],
    ['an edit of a locked theme', (ids) => ['themes', 'rename', ids.L!, 'I am heard'], /is locked/],
    ['a move out of a locked theme', (ids) => ['themes', 'move', 'L0', '--to', ids.T!], /is locked/],
    ['a merge with a locked theme', (ids) => ['themes', 'merge', ids.T!, ids.L!], /is locked/],
  ];
  it.each(cases)('%s: exit 2, a clear message, no file touched', async (_name, argv, message) => {
    const dir = await themedSession();
    const ids = { T: (await holder(dir, 'T0')).id, L: (await holder(dir, 'L0')).id };
    await ok(dir, 'themes', 'lock', ids.L, '-C', 's');
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, ...argv(ids), '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('redo makes undone changes again, newest first, until another change is made', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    const money = await holder(dir, 'M0');
    const carers = await holder(dir, 'C0');
    await ok(dir, 'themes', 'rename', transport.id, 'I can get to the day centre on time', '-C', 's');
    await ok(dir, 'themes', 'merge', carers.id, money.id, '-C', 's');
    const merged = await themes(dir);
    await ok(dir, 'themes', 'undo', '-C', 's');
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect((await holder(dir, 'T0')).name).toBe(transport.name);
    const first = await ok(dir, 'themes', 'redo', '-C', 's');
    expect(first.stdout).toContain('redid rename');
    expect((await holder(dir, 'T0')).name).toBe('I can get to the day centre on time');
    expect((await ok(dir, 'themes', 'redo', '-C', 's')).stdout).toContain('redid merge');
    expect(await themes(dir)).toEqual(merged);
    // A redone change is undone like any other, and can be redone again.
    expect((await ok(dir, 'themes', 'undo', '-C', 's')).stdout).toContain('undid merge');
    await ok(dir, 'themes', 'redo', '-C', 's');
    expect(await themes(dir)).toEqual(merged);
    // The history names each redone change's first line.
    const lines = readFileSync(join(dir, 's', 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; redoes?: number });
    expect(lines.filter((l) => l.redoes !== undefined).map((l) => [l.action, lines.find((x) => x.seq === l.redoes)!.action])).toEqual([['rename', 'rename'], ['merge', 'merge'], ['merge', 'merge']]);
    // After a new change, nothing is left to redo, and saying so touches nothing.
    await ok(dir, 'themes', 'undo', '-C', 's');
    await ok(dir, 'themes', 'park', transport.id, '-C', 's');
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'themes', 'redo', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is nothing to redo');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('undo with nothing to undo exits 2', async () => {
    const dir = await themedSession();
    const r = await cli(dir, 'themes', 'undo', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing to undo');
  });

  it('themes commands before any themes exist say to run wtfc theme', async () => {
    const dir = tempDir({ 'first.csv': csv(wall, 0) });
    await ok(dir, 'init', 's');
    const r = await cli(dir, 'themes', 'list', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wtfc theme -C s');
  });
});

describe('hand edits to themes.yaml', () => {
  it('refuses a statement listed twice, with its line, and leaves the file alone', async () => {
    const dir = await themedSession();
    const file = join(dir, 's', 'themes.yaml');
    const text = readText(file);
    // Copy T0's line into the listening theme, under one of its statements.
    const t0 = text.split('\n').find((l) => /^\s+- T0\b/.test(l))!;
    const l0 = text.split('\n').findIndex((l) => /^\s+- L0\b/.test(l));
    const lines = text.split('\n');
    lines.splice(l0 + 1, 0, t0);
    writeFileSync(file, lines.join('\n'));
    const before = snapshotTree(join(dir, 's'));
    for (const argv of [['theme'], ['themes', 'list'], ['themes', 'lock', 'nw-01'], ['render']]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`s/themes.yaml:${l0 + 2}`);
      expect(r.stderr).toContain('T0 is listed twice');
    }
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('reports a flag that is not true or false at its line', async () => {
    const dir = await themedSession();
    const file = join(dir, 's', 'themes.yaml');
    const text = readText(file).replace('locked: false', 'locked: maybe');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('locked: maybe')) + 1;
    const r = await cli(dir, 'themes', 'list', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`s/themes.yaml:${line}`);
    expect(r.stderr).toContain('locked must be true or false');
  });

  it('records an edit made in a text editor, marks the theme edited, keeps it on re-theme, and can undo it', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    const file = join(dir, 's', 'themes.yaml');
    // Rename in the editor, and move T5 to unthemed by hand.
    let text = readText(file).replace(`name: ${transport.name}`, 'name: I can rely on my transport');
    const t5 = text.split('\n').find((l) => /^\s+- T5\b/.test(l))!;
    text = text.replace(`${t5}\n`, '');
    const [head, rest] = [text.slice(0, text.indexOf('\nnot_working:')), text.slice(text.indexOf('\nnot_working:'))];
    const section = /\n {2}unthemed: \[\]/.test(rest.split('\nfuture:')[0]!)
      ? rest.replace(/\n {2}unthemed: \[\]/, '\n  unthemed:\n    - T5')
      : rest.replace(/\n {2}unthemed:\n/, '\n  unthemed:\n    - T5\n');
    text = head + section;
    writeFileSync(file, text);
    const now = await holder(dir, 'T0');
    expect(now.name).toBe('I can rely on my transport');
    expect(now.edited).toBe(true);
    // Reading records nothing; the edit is recorded with the next change that is saved.
    const actions = () => readText(join(dir, 's', 'history.jsonl')).trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions()).toEqual(['theme']);
    await ok(dir, 'ingest', 'later.csv', '--category', 'not_working', '-C', 's');
    await ok(dir, 'theme', '-C', 's');
    expect(actions()).toEqual(['theme', 'hand-edit', 'theme']);
    const kept = await holder(dir, 'T0');
    expect(kept.name).toBe('I can rely on my transport');
    expect(kept.statements).toEqual(now.statements);
    expect(await unthemed(dir)).toContain('T5');
    // Undo the re-theme, then the hand edit.
    await ok(dir, 'themes', 'undo', '-C', 's');
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect((await holder(dir, 'T0')).name).toBe(transport.name);
    expect((await holder(dir, 'T5')).id).toBe(transport.id);
  });
});

describe('what the review found', () => {
  it('a refused command leaves a hand-edited file exactly as it is, and records nothing', async () => {
    const dir = await themedSession();
    const file = join(dir, 's', 'themes.yaml');
    const transport = await holder(dir, 'T0');
    writeFileSync(file, readText(file).replace(`name: ${transport.name}`, `name: ${transport.name} # my note`));
    const before = snapshotTree(join(dir, 's'));
    expect((await cli(dir, 'themes', 'rename', 'nope', 'X', '-C', 's')).code).toBe(2);
    await ok(dir, 'themes', 'show', transport.id, '-C', 's');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('a theme emptied by moves is a decision: wtfc theme keeps the work rather than starting over', async () => {
    const dir = await themedSession();
    const smallest = (await themes(dir)).at(-1)!;
    await ok(dir, 'themes', 'move', ...smallest.statements, '--to', 'unthemed', '-C', 's');
    const r = await ok(dir, 'theme', '-C', 's');
    expect(r.stdout).toContain('no new statements');
    expect((await themes(dir)).map((t) => t.id)).not.toContain(smallest.id);
    expect(await unthemed(dir)).toEqual(expect.arrayContaining(smallest.statements));
    expect((await cli(dir, 'theme', '--fresh', '-C', 's')).stderr).toContain('add --yes');
  });

  it('wtfc run with --themes on a reviewed session is refused before anything is ingested', async () => {
    const dir = await themedSession();
    await ok(dir, 'themes', 'lock', (await holder(dir, 'T0')).id, '-C', 's');
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'run', 'later.csv', '--out', 's', '--category', 'not_working', '--themes', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fresh');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('new ids are free in every category, even after a hand edit put an id in the wrong form', async () => {
    const dir = await themedSession();
    const file = join(dir, 's', 'themes.yaml');
    const transport = await holder(dir, 'T0');
    const count = (await themes(dir)).length;
    const next = `nw-${String(count + 1).padStart(2, '0')}`;
    // A working theme, written by hand, that takes the id a split would give next.
    const text = readText(file).replace(/working:\n {2}themes: \[\]/, `working:\n  themes:\n    - id: ${next}\n      name: I like my garden\n      statements: []`);
    writeFileSync(file, text);
    const r = await ok(dir, 'themes', 'split', transport.id, '--statements', 'T0', '--json', '-C', 's');
    const created = (JSON.parse(r.stdout) as { change: { created: string[] } }).change.created;
    expect(created).toEqual([`nw-${String(count + 2).padStart(2, '0')}`]);
    await ok(dir, 'themes', 'list', '-C', 's');
  });

  it('a split by hand makes the picked statements the new theme, however many are picked', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    const picked = transport.statements.slice(0, transport.statements.length - 1);
    const r = await ok(dir, 'themes', 'split', transport.id, '--statements', picked.join(','), '--json', '-C', 's');
    const created = (JSON.parse(r.stdout) as { change: { created: string[] } }).change.created[0]!;
    const all = await themes(dir);
    expect(all.find((t) => t.id === created)!.statements.sort()).toEqual([...picked].sort());
    expect(all.find((t) => t.id === transport.id)!.statements).toEqual(transport.statements.slice(-1));
    expect(all.find((t) => t.id === transport.id)!.name).toBe(transport.name);
  });

  it('statements added since the last wtfc theme are listed, and can be moved to unthemed or a theme', async () => {
    const dir = await themedSession();
    await ok(dir, 'ingest', 'later.csv', '--category', 'not_working', '-C', 's');
    const list = await ok(dir, 'themes', 'list', '-C', 's');
    expect(list.stdout).toContain("8 statement(s) added since the last `wtfc theme`");
    const moved = await ok(dir, 'themes', 'move', 'T8', '--to', 'unthemed', '--json', '-C', 's');
    expect((JSON.parse(moved.stdout) as { change: { moved: unknown[] } }).change.moved).toEqual([{ statement: 'T8', from: 'new', to: 'unthemed' }]);
    expect(await unthemed(dir)).toContain('T8');
    const transport = await holder(dir, 'T0');
    await ok(dir, 'themes', 'move', 'T9', '--to', transport.id, '-C', 's');
    expect((await holder(dir, 'T9')).id).toBe(transport.id);
  });

  it('re-theming with nothing new records nothing', async () => {
    const dir = await themedSession();
    await ok(dir, 'themes', 'lock', (await holder(dir, 'T0')).id, '-C', 's');
    const before = snapshotTree(join(dir, 's'));
    await ok(dir, 'theme', '-C', 's');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('history numbers keep counting when themes.yaml is deleted and proposed again', async () => {
    const dir = await themedSession();
    await ok(dir, 'themes', 'rename', (await holder(dir, 'T0')).id, 'I get there', '-C', 's');
    rmSync(join(dir, 's', 'themes.yaml'));
    await ok(dir, 'theme', '-C', 's');
    const seqs = readText(join(dir, 's', 'history.jsonl')).trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('--into that is not a number is refused, quoting what was typed', async () => {
    const dir = await themedSession();
    const r = await cli(dir, 'themes', 'split', (await holder(dir, 'T0')).id, '--into', 'abc', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--into "abc": expected a whole number of 2 or more');
  });

  it('merge --name "" is refused like an empty rename', async () => {
    const dir = await themedSession();
    const r = await cli(dir, 'themes', 'merge', (await holder(dir, 'T0')).id, (await holder(dir, 'M0')).id, '--name', ' ', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--name is empty');
  });

  it('themes list for an empty category still answers', async () => {
    const dir = await themedSession();
    const r = await ok(dir, 'themes', 'list', '--category', 'future', '-C', 's');
    expect(r.stdout).toContain("What's important for the future: 0 themes, 0 unthemed");
  });
});

describe('history', () => {
  it('appends one line per change, each holding the state after it', async () => {
    const dir = await themedSession();
    const transport = await holder(dir, 'T0');
    await ok(dir, 'themes', 'rename', transport.id, 'I get there on time', '-C', 's');
    // The name it already has: not a change.
    expect((await ok(dir, 'themes', 'rename', transport.id, ' I get there on time', '-C', 's')).stdout).toContain(`${transport.id} is already named "I get there on time"`);
    await ok(dir, 'themes', 'lock', transport.id, '-C', 's');
    await ok(dir, 'themes', 'lock', transport.id, '-C', 's'); // already locked: not a change
    await ok(dir, 'themes', 'undo', '-C', 's');
    const lines = readText(join(dir, 's', 'history.jsonl')).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; undoes?: number });
    expect(lines.map((l) => l.action)).toEqual(['theme', 'rename', 'lock', 'undo']);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(lines[3]!.undoes).toBe(3);
    expect((await holder(dir, 'T0')).locked).toBe(false);
    expect((await holder(dir, 'T0')).name).toBe('I get there on time');
  });

  it('reads past a last line cut short by a crash, and refuses a damaged line in the middle', async () => {
    const dir = await themedSession();
    const path = join(dir, 's', 'history.jsonl');
    appendFileSync(path, '{"seq": 2, "action": "ren');
    await ok(dir, 'themes', 'list', '-C', 's');
    // The next change starts on a line of its own, and the file stays readable.
    await ok(dir, 'themes', 'lock', (await holder(dir, 'T0')).id, '-C', 's');
    await ok(dir, 'themes', 'lock', (await holder(dir, 'M0')).id, '-C', 's');
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect((await holder(dir, 'M0')).locked).toBe(false);
    expect((await holder(dir, 'T0')).locked).toBe(true);
    writeFileSync(path, `not json\n${readText(path)}`);
    const r = await cli(dir, 'themes', 'list', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('s/history.jsonl:1');
  });

  // Found by fuzzing: a line with a whole state of the wrong shape inside (a theme that is null, a
  // name that is a number) was taken as it was, and undo or the next load crashed on it (exit 70).
  const wrong: [string, (state: { categories: { not_working: { themes: Record<string, unknown>[] } } }) => void][] = [
    ['a theme that is null', (st) => void (st.categories.not_working.themes[0] = null as never)],
    ['a name that is a number', (st) => void (st.categories.not_working.themes[0]!.name = 7)],
    ['statements that are not a list', (st) => void (st.categories.not_working.themes[0]!.statements = 'T0')],
    ['a size that is not a number', (st) => void (st.categories.not_working.themes[0]!.size = { toString: 1 })],
  ];
  it.each(wrong)('refuses a history line whose state has %s, naming the line', async (_name, damage) => {
    const dir = await themedSession();
    await ok(dir, 'themes', 'lock', (await holder(dir, 'T0')).id, '-C', 's');
    const path = join(dir, 's', 'history.jsonl');
    const [first, ...rest] = readText(path).trim().split('\n');
    const entry = JSON.parse(first!) as { state: Parameters<typeof damage>[0] };
    damage(entry.state);
    writeFileSync(path, `${[JSON.stringify(entry), ...rest].join('\n')}\n`);
    for (const argv of [['themes', 'undo'], ['themes', 'list']]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('s/history.jsonl:1: is not a history entry (missing seq, action, summary or a whole state)');
    }
  });

  // Found by fuzzing: each damaged line copied the rest of the file to see whether it was the last,
  // so 100,000 of them took about a minute and 50,000 about fifteen seconds.
  it('reports a file of many damaged lines at once, in linear time', () => {
    const path = join(tempDir(), 'history.jsonl');
    writeFileSync(path, 'not json\n'.repeat(50_000));
    // A hang guard on CPU time, which a busy machine does not inflate; quadratic work took minutes.
    const started = process.cpuUsage();
    let error: unknown;
    try {
      readHistory(path, 'history.jsonl');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProblemsError);
    // Every line ends with its newline, so none is an append cut short: all are damage.
    expect((error as ProblemsError).message).toBe('history.jsonl has 50000 damaged line(s)');
    expect((error as ProblemsError).problems[0]!.where).toEqual({ file: 'history.jsonl', line: 1 });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });

  it('starts a history for a themes file that has none, so the first change can be undone', async () => {
    const dir = await themedSession();
    writeFileSync(join(dir, 's', 'history.jsonl'), '');
    const transport = await holder(dir, 'T0');
    await ok(dir, 'themes', 'rename', transport.id, 'I get there', '-C', 's');
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect((await holder(dir, 'T0')).name).toBe(transport.name);
  });
});

describe('wtfc theme --fresh', () => {
  it('asks first: off a terminal it needs --yes, and changes nothing without it', async () => {
    const dir = await themedSession();
    await ok(dir, 'themes', 'lock', (await holder(dir, 'T0')).id, '-C', 's');
    const count = (await themes(dir)).length;
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'theme', '--fresh', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --yes');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
    const k = await cli(dir, 'theme', '--themes', '3', '-C', 's');
    expect(k.code).toBe(2);
    expect(k.stderr).toContain('--fresh');
    await ok(dir, 'theme', '--fresh', '--yes', '--themes', '3', '-C', 's');
    expect(await themes(dir)).toHaveLength(3);
    await ok(dir, 'themes', 'undo', '-C', 's');
    expect(await themes(dir)).toHaveLength(count);
    expect((await holder(dir, 'T0')).locked).toBe(true);
  });
});

describe('wtfc review', () => {
  it('off a terminal, names the scriptable commands and exits 2', async () => {
    const dir = await themedSession();
    const r = await cli(dir, 'review', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wtfc themes rename');
    expect(existsSync(join(dir, 's', 'themes.yaml'))).toBe(true);
  });

  it('the built binary says the same when stdin is a pipe', async () => {
    const dir = await themedSession();
    const r = runBinary(['review', '-C', 's'], { cwd: dir, stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs a terminal');
    expect(readFileSync(join(dir, 's', 'themes.yaml'), 'utf8')).toContain('version: 1');
  });
});

describe('wtfc review at a terminal (real prompts, scripted keys)', () => {
  it('renames a theme, keeps that name on Enter at a second rename, locks another, and quits with everything saved', async () => {
    const dir = await themedSession();
    const first = (await themes(dir))[0]!;
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['review', '-C', 's', '--category', 'not_working'], t.io);
    await t.answer('Pick a theme', enter); // the first theme
    await t.answer(`What should happen to ${first.id}?`, enter); // Rename it
    await t.answer('New name', 'I get to the day centre on time' + enter);
    // A second rename, and Enter: the name the facilitator gave is offered, and kept.
    await t.answer('Pick a theme', enter);
    await t.answer(`What should happen to ${first.id}?`, enter);
    await t.answer('New name', enter);
    await t.answer('Pick a theme', down + enter); // the second theme
    await t.answer('What should happen to', down.repeat(6) + enter); // Lock it as reviewed
    // The list opens where it was left, on the second theme: up twice reaches Quit at the bottom.
    await t.answer('Pick a theme', up.repeat(2) + enter);
    expect(await running).toBe(0);
    expect(stripAnsi(t.screen())).toContain(first.draft);
    const now = await themes(dir);
    expect(now[0]!.name).toBe('I get to the day centre on time');
    expect(now[1]!.locked).toBe(true);
    const actions = readText(join(dir, 's', 'history.jsonl')).trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['theme', 'rename', 'lock']);
  });

  it('shows a split before keeping it, and puts it back when asked; a merge can be renamed', async () => {
    const dir = await themedSession();
    const [first, second] = await themes(dir);
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['review', '-C', 's', '--category', 'not_working'], t.io);
    await t.answer('Pick a theme', enter);
    await t.answer(`What should happen to ${first!.id}?`, down.repeat(2) + enter); // Split: the engine proposes
    await t.answer('How many sub-themes?', enter);
    await t.answer('Keep this split?', down + enter); // No, put it back
    await t.answer('Pick a theme', enter);
    await t.answer(`What should happen to ${first!.id}?`, down + enter); // Merge
    await t.answer('Merge which themes', ' ' + enter); // tick the first other theme: the second
    await t.answer('Name for the merged theme', '\x15I get to the day centre' + enter);
    await t.answer('Pick a theme', up + enter); // from the merged theme, at the top: up wraps to Quit
    expect(await running).toBe(0);
    const screen = stripAnsi(t.screen());
    expect(screen).toMatch(/Saved: split .* into/);
    expect(screen).toContain('Saved: undid split');
    expect(screen).toContain(`from ${second!.id} (${second!.name}):`);
    const now = await themes(dir);
    expect(now.find((x) => x.id === first!.id)).toMatchObject({ name: 'I get to the day centre', statements: [...first!.statements, ...second!.statements] });
    expect(now.find((x) => x.id === second!.id)).toBeUndefined();
  });

  it('offers a locked theme only what may be done to it', async () => {
    const dir = await themedSession();
    const first = (await themes(dir))[0]!;
    await ok(dir, 'themes', 'lock', first.id, '-C', 's');
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['review', '-C', 's', '--category', 'not_working'], t.io);
    await t.answer('Pick a theme', enter);
    await t.answer(`What should happen to ${first.id}?`, enter); // the first choice: Park it
    await t.answer('Pick a theme', up + enter); // Quit
    expect(await running).toBe(0);
    const screen = stripAnsi(t.screen());
    expect(screen).toContain('locked as reviewed: unlock it to rename, merge, split or move its statements');
    expect(screen).not.toContain('Rename it');
    expect((await themes(dir))[0]!).toMatchObject({ id: first.id, locked: true, parked: true, name: first.name });
  });

  it('Ctrl+C at a prompt exits 130 and keeps what was already done', async () => {
    const dir = await themedSession();
    const [first, second] = await themes(dir);
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['review', '-C', 's'], t.io);
    await t.answer('Pick a theme', down + enter);
    await t.answer(`What should happen to ${second!.id}?`, down + enter); // Merge other themes into it
    await t.answer('Merge which themes', ' ' + enter); // tick the first theme
    await t.answer('Name for the merged theme', enter); // its statements were shown; keep the name
    await t.answer('Pick a theme', enter); // the list opens on the theme just merged into
    await t.answer('What should happen to', ctrlC);
    expect(await running).toBe(130);
    expect(t.stderr()).toContain('Everything done before Ctrl+C was saved');
    const now = await themes(dir);
    expect(now.find((x) => x.id === first!.id)).toBeUndefined();
    expect(now.find((x) => x.id === second!.id)!.statements).toEqual([...second!.statements, ...first!.statements]);
  });

  it('moves statements to unthemed and back, and undoes and redoes from the menu', async () => {
    const dir = await themedSession();
    const [first] = await themes(dir);
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['review', '-C', 's', '--category', 'not_working'], t.io);
    await t.answer('Pick a theme', enter);
    await t.answer(`What should happen to ${first!.id}?`, down.repeat(4) + enter); // Move some of its statements
    await t.answer('Move which statements', ' ' + enter); // its first statement
    await t.answer('Move them to', up + enter); // Unthemed, at the bottom
    await t.answer('Pick a theme', up.repeat(3) + enter); // Undo the last change
    await t.answer('Pick a theme', down + enter); // Redo what was undone, just below Undo where the list opens
    await t.answer('Pick a theme', up + enter); // Undo again, just above Redo
    await t.answer('Pick a theme', down.repeat(2) + enter); // Quit, below Redo
    expect(await running).toBe(0);
    expect(stripAnsi(t.screen())).toContain('Saved: moved 1 statement to unthemed');
    expect(stripAnsi(t.screen())).toContain('Saved: undid move');
    expect(stripAnsi(t.screen())).toContain('Saved: redid move');
    expect((await themes(dir))[0]!.statements).toEqual(first!.statements);
  });
});

describe('a mistyped theme id', () => {
  it('is met with the id it most likely meant', async () => {
    const { likelyId } = await import('../src/theming/edit.js');
    const ids = ['nw-01', 'nw-05', 'nw-10', 'w-01', 'f-02'];
    expect(likelyId('nw-5', ids)).toBe('nw-05');
    expect(likelyId('NW05', ids)).toBe('nw-05');
    expect(likelyId('nw 10', ids)).toBe('nw-10');
    expect(likelyId('f-2', ids)).toBe('f-02');
    expect(likelyId('w-1', ids)).toBe('w-01');
    expect(likelyId('nw-0', ids)).toBeUndefined();
    expect(likelyId('nw-99', ids)).toBeUndefined();
    const dir = await themedSession();
    const r = await cli(dir, 'themes', 'show', 'nw-1', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('there is no theme nw-1');
    expect(r.stderr).toContain('did you mean nw-01?');
  });
});
