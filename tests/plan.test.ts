import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { type CliResult, down, enter, fakeTerminal, readText, runInProcess, snapshotTree, stripAnsi, tempDir, up } from './helpers.js';

/* A session with known themes and recorded priorities (nw-01 and nw-02), for the plan. */
const themesYaml = `version: 1
engine: { name: hand, version: 1, seed: 1, themes: auto, min_size: 1 }
working: { themes: [], unthemed: [] }
not_working:
  themes:
    - { id: nw-01, name: "I know who is coming", statements: [n1, n2, n3] }
    - { id: nw-02, name: "I can pay my PA", statements: [n4, n5] }
    - { id: nw-03, name: "I am listened to", statements: [n6] }
  unthemed: []
future: { themes: [], unthemed: [] }
`;

async function session(): Promise<string> {
  const dir = tempDir({ 'statements.csv': `id,text,perspective\n${['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => `${id},statement ${id},person`).join('\n')}\n` });
  await cli(dir, 'init', 's');
  await cli(dir, 'ingest', 'statements.csv', '--category', 'not_working', '-C', 's');
  writeFileSync(join(dir, 's', 'themes.yaml'), themesYaml);
  await cli(dir, 'prioritise', '--top', '2', '-C', 's');
  return dir;
}

const cli = (cwd: string, ...argv: string[]): Promise<CliResult> => runInProcess(argv, { cwd });

async function ok(cwd: string, ...argv: string[]): Promise<CliResult> {
  const r = await cli(cwd, ...argv, '-C', 's');
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('wtfc plan, by script', () => {
  it('adds causes as chains of why, success statements and actions, and sets status', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'cause', 'nw-01', 'Rotas are made a week at a time');
    const because = await ok(dir, 'plan', 'cause', 'nw-01', 'The agency is short of drivers', '--because', 'c1');
    expect(because.stdout).toContain('added cause c2 to nw-01, because of c1');
    expect(because.stdout).toContain('  why? c1: Rotas are made a week at a time\n    why? c2: The agency is short of drivers');
    await ok(dir, 'plan', 'success', 'nw-01', 'I know who is coming and when');
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'Four-week rotas', '--who', 'Home care lead', '--by', '2027-03-31', '--measure', 'Rotas sent four weeks ahead');
    const status = await ok(dir, 'plan', 'status', 'a1', 'in-progress');
    expect(status.stdout).toContain('a1 is now in-progress (was not-started)');
    const shown = JSON.parse((await ok(dir, 'plan', 'show', '--json')).stdout) as { priorities: string[]; themes: { theme: string; causes: unknown[]; actions: { status: string }[] }[] };
    expect(shown.priorities).toEqual(['nw-01', 'nw-02']);
    expect(shown.themes.map((t) => t.theme)).toEqual(['nw-01', 'nw-02']);
    expect(shown.themes[0]!.causes).toEqual([
      { id: 'c1', text: 'Rotas are made a week at a time' },
      { id: 'c2', text: 'The agency is short of drivers', because: 'c1' },
    ]);
    expect(shown.themes[0]!.actions[0]!.status).toBe('in-progress');
    const file = readText(join(dir, 's', 'plan.yaml'));
    expect(file).toContain('by: 2027-03-31');
  });

  it('edits and removes causes, success statements and actions, and undoes each change', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'cause', 'nw-01', 'Rotas are made a weak at a time');
    await ok(dir, 'plan', 'cause', 'nw-01', 'The agency is short of drivers', '--because', 'c1');
    await ok(dir, 'plan', 'cause', 'nw-01', 'Drivers leave for better pay', '--because', 'c2');
    await ok(dir, 'plan', 'success', 'nw-01', 'I know who is coming');
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'Four-week rotas', '--who', 'Home care lead', '--by', '2027-03-31', '--measure', 'Rotas sent ahead');
    const shown = async () => (JSON.parse((await ok(dir, 'plan', 'show', '--json')).stdout) as { themes: { causes: { id: string; text: string; because?: string }[]; success: { id: string; text: string }[]; actions: { id: string; by: string; who: string }[] }[] }).themes[0]!;

    // A typo made in the room, corrected.
    expect((await ok(dir, 'plan', 'edit', 'c1', 'Rotas are made a week at a time')).stdout).toContain("changed c1's text");
    await ok(dir, 'plan', 'edit', 'a1', '--by', '2027-06-30', '--who', 'Rota team');
    expect((await shown()).actions[0]).toMatchObject({ by: '2027-06-30', who: 'Rota team' });
    expect((await shown()).causes[0]!.text).toBe('Rotas are made a week at a time');

    // The same checks as adding.
    const notI = await cli(dir, 'plan', 'edit', 's1', 'Knowing who is coming', '-C', 's');
    expect(notI.code).toBe(2);
    expect(notI.stderr).toContain('a success statement is an "I" statement');
    expect((await cli(dir, 'plan', 'edit', 'a1', 'new text', '-C', 's')).stderr).toContain('a1 is an action: change it with --what, --who, --by or --measure');
    expect((await cli(dir, 'plan', 'edit', 'a1', '--by', '2027-02-30', '-C', 's')).stderr).toContain('--by 2027-02-30: expected a real date');
    expect((await cli(dir, 'plan', 'remove', 'c9', '-C', 's')).stderr).toContain('there is no cause, success statement or action c9');

    // Removing a cause in the middle of a chain: what explained it now explains what it explained.
    const removed = await ok(dir, 'plan', 'remove', 'c2');
    expect(removed.stdout).toContain('removed cause c2 from nw-01; c3 now explains c1');
    expect((await shown()).causes).toEqual([
      { id: 'c1', text: 'Rotas are made a week at a time' },
      { id: 'c3', text: 'Drivers leave for better pay', because: 'c1' },
    ]);
    await ok(dir, 'plan', 'remove', 'a1');
    expect((await shown()).actions).toEqual([]);

    // Undo steps back one change at a time.
    expect((await ok(dir, 'plan', 'undo')).stdout).toContain('undid: removed action a1 from nw-01');
    expect((await shown()).actions.map((a) => a.id)).toEqual(['a1']);
    await ok(dir, 'plan', 'undo');
    expect((await shown()).causes.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    await ok(dir, 'plan', 'undo');
    await ok(dir, 'plan', 'undo');
    expect((await shown()).causes[0]!.text).toBe('Rotas are made a weak at a time');
    for (let i = 0; i < 5; i++) await ok(dir, 'plan', 'undo');
    expect((await shown()).causes).toEqual([]);
    const none = await cli(dir, 'plan', 'undo', '-C', 's');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('there is no change to the plan to undo');
  });

  it('notes a theme that is not one of the recorded priorities', async () => {
    const dir = await session();
    const r = await ok(dir, 'plan', 'success', 'nw-03', 'I am heard at my review');
    expect(r.stderr).toContain('nw-03 is not one of the recorded priorities (nw-01, nw-02)');
  });

  const refused: [string, string[], RegExp][] = [
    ['an unknown theme', ['plan', 'cause', 'nw-99', 'x'], /there is no theme nw-99/],
    ['an empty cause', ['plan', 'cause', 'nw-01', ' '], /the cause is missing or empty/],
    ['an unknown cause after --because', ['plan', 'cause', 'nw-01', 'x', '--because', 'c7'], /there is no cause c7 for nw-01/],
    ['a success statement that is not an "I" statement', ['plan', 'success', 'nw-01', 'Better rotas'], /"I" statement/],
    ['an action with fields missing', ['plan', 'action', 'nw-01', '--what', 'x'], /an action needs --who, --by, --measure/],
    ['a date that does not exist', ['plan', 'action', 'nw-01', '--what', 'x', '--who', 'y', '--by', '2027-02-30', '--measure', 'z'], /--by 2027-02-30: expected a real date/],
    ['a date in another form', ['plan', 'action', 'nw-01', '--what', 'x', '--who', 'y', '--by', '31/03/2027', '--measure', 'z'], /expected a real date written YYYY-MM-DD/],
    ['an unknown action', ['plan', 'status', 'a9', 'done'], /there is no action a9/],
    ['an unknown status', ['plan', 'status', 'a1', 'finished'], /expected one of not-started, in-progress, done/],
  ];
  it.each(refused)('%s: exit 2, a clear message, nothing written', async (_name, argv, message) => {
    const dir = await session();
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'x', '--who', 'y', '--by', '2027-01-01', '--measure', 'z');
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, ...argv, '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('checks a hand-edited plan.yaml and names the line', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'x', '--who', 'y', '--by', '2027-01-01', '--measure', 'z');
    const file = join(dir, 's', 'plan.yaml');
    const text = readText(file).replace('by: 2027-01-01', 'by: soon').replace('status: not-started', 'status: nearly');
    writeFileSync(file, text);
    const lines = text.split('\n');
    const r = await cli(dir, 'plan', 'show', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`s/plan.yaml:${lines.findIndex((l) => l.includes('by: soon')) + 1}`);
    expect(r.stderr).toContain('by "soon" is not a date');
    expect(r.stderr).toContain(`s/plan.yaml:${lines.findIndex((l) => l.includes('status: nearly')) + 1}`);
    expect(readText(file)).toBe(text);
  });
});

describe('wtfc plan at a terminal', () => {
  it('off a terminal, names the scriptable commands and exits 2', async () => {
    const dir = await session();
    const r = await cli(dir, 'plan', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wtfc plan cause THEME_ID');
  });

  it('adds a cause, a success statement and an action through the real prompts, each saved at once', async () => {
    const dir = await session();
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['plan', '-C', 's'], t.io);
    await t.answer('Which priority?', enter); // nw-01
    await t.answer('What next for nw-01?', enter); // Add a root cause
    await t.answer('Why?', 'Rotas are made a week at a time' + enter);
    // Down the chain: the next "why?" is about the cause just given, until Enter alone.
    await t.answer('Why does that happen? (c1', 'The agency is short of drivers' + enter);
    await t.answer('Why does that happen? (c2', enter);
    await t.answer('Which priority?', enter);
    await t.answer('What next for nw-01?', down + enter); // success
    // Not an "I" statement: asked again with the words kept, so nothing typed is lost.
    await t.answer('What would good look like?', 'Knowing who is coming' + enter);
    await t.answer('start it with "I"', '\x01I want to be ' + enter);
    await t.answer('Which priority?', enter);
    await t.answer('What next for nw-01?', down + enter); // another success, plainly
    await t.answer('What would good look like?', 'I know who is coming' + enter);
    await t.answer('Which priority?', enter);
    await t.answer('What next for nw-01?', down.repeat(2) + enter); // action
    await t.answer('What will be done?', 'Four-week rotas' + enter);
    await t.answer('Who will do it?', 'Home care lead' + enter);
    await t.answer('By when?', '2027-13-01' + enter); // not a date: asked again, nothing lost
    await t.answer('a real date written YYYY-MM-DD', '\x7f'.repeat(10) + '2027-03-31' + enter);
    await t.answer('How will we know?', 'Rotas sent ahead' + enter);
    await t.answer('Which priority?', up + enter); // Quit
    expect(await running).toBe(0);
    const screen = stripAnsi(t.screen());
    expect(screen).toContain('Saved: added cause c1 to nw-01');
    expect(screen).toContain('Saved: added cause c2 to nw-01, because of c1');
    // The theme's statements are shown, to ask "why?" about.
    expect(screen).toContain('· statement n1 (person)');
    expect(screen).toContain('Saved: added action a1 to nw-01');
    const file = readText(join(dir, 's', 'plan.yaml'));
    expect(file).toContain('text: Rotas are made a week at a time');
    expect(file).toContain('text: I know who is coming');
    expect(file).toContain('because: c1');
    expect(file).toContain('text: I want to be Knowing who is coming');
    expect(file).toContain('what: Four-week rotas');
    expect(file).toContain('by: 2027-03-31');
  });
});

describe('wtfc plan at a terminal: corrections', () => {
  it('corrects a cause, removes an action and undoes the removal, all from the walk', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'cause', 'nw-01', 'Rotas are made a weak at a time');
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'Four-week rotas', '--who', 'Home care lead', '--by', '2027-03-31', '--measure', 'Rotas sent ahead');
    const t = fakeTerminal();
    t.io.cwd = dir;
    const running = run(['plan', '-C', 's'], t.io);
    await t.answer('Which priority?', enter); // nw-01
    await t.answer('What next for nw-01?', down.repeat(4) + enter); // Correct or remove
    await t.answer('Which one?', enter); // c1
    await t.answer('c1:', enter); // Correct it
    await t.answer('The corrected text', '\x15Rotas are made a week at a time' + enter);
    await t.answer('Which priority?', enter);
    await t.answer('What next for nw-01?', down.repeat(4) + enter);
    await t.answer('Which one?', down + enter); // a1
    await t.answer('a1:', down + enter); // Remove it
    await t.answer('Which priority?', up.repeat(2) + enter); // Undo the last change to the plan
    await t.answer('Which priority?', up + enter); // Quit
    expect(await running).toBe(0);
    const screen = stripAnsi(t.screen());
    expect(screen).toContain("Saved: changed c1's text");
    expect(screen).toContain('Saved: removed action a1 from nw-01');
    expect(screen).toContain('Saved: undid: removed action a1 from nw-01');
    const file = readText(join(dir, 's', 'plan.yaml'));
    expect(file).toContain('text: Rotas are made a week at a time');
    expect(file).toContain('what: Four-week rotas');
  });
});

describe('the plan in the report', () => {
  it('renders causes under the cause they explain, success statements and an action table, literally', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'cause', 'nw-01', 'Rotas | made <b>weekly</b>');
    await ok(dir, 'plan', 'cause', 'nw-01', 'Too few drivers', '--because', 'c1');
    await ok(dir, 'plan', 'success', 'nw-01', 'I know who is coming');
    await ok(dir, 'plan', 'action', 'nw-01', '--what', 'Four-week rotas | sent out', '--who', 'Home care lead', '--by', '2027-03-31', '--measure', 'Rotas sent ahead');
    await ok(dir, 'render');
    const report = readText(join(dir, 's', 'out', 'report.md'));
    const plan = report.slice(report.indexOf('## The plan'), report.indexOf('## How this report'));
    expect(plan).toContain('### I know who is coming (nw-01)');
    expect(plan).toContain('- Rotas \\| made \\<b\\>weekly\\</b\\> *(c1)*\n  - Too few drivers *(c2)*');
    expect(plan).toContain('- I know who is coming\n');
    expect(plan).toContain('| a1 | Four-week rotas \\| sent out | Home care lead | 31 March 2027 | Rotas sent ahead | not-started |');
  });
});

describe('what the third review found', () => {
  it('says when a planned theme has changed or gone, and feedback tells only what was chosen', async () => {
    const dir = await session();
    await ok(dir, 'plan', 'action', 'nw-02', '--what', 'Simpler forms', '--who', 'Finance', '--by', '2027-01-31', '--measure', 'Fewer calls');
    await ok(dir, 'themes', 'rename', 'nw-01', 'I know my carers');
    await ok(dir, 'themes', 'merge', 'nw-03', 'nw-02');
    const r = await ok(dir, 'render');
    expect(r.stderr).toContain('the plan for nw-02 ("I can pay my PA") names a theme that no longer exists');
    const shown = await ok(dir, 'plan', 'show');
    expect(shown.stderr).toContain('names a theme that no longer exists');
    const feedback = readText(join(dir, 's', 'out', 'feedback.md'));
    expect(feedback).toContain('## You said: I know my carers');
    expect(feedback).not.toContain('I am listened to');
  });

  it('a session nobody has prioritised gets no list of choices in its feedback', async () => {
    const dir = await session();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 's', 'priorities.yaml'));
    await ok(dir, 'render', 'feedback');
    expect(readText(join(dir, 's', 'out', 'feedback.md'))).toContain('We have not chosen what to work on yet');
  });

  const broken: [string, string, RegExp][] = [
    ['a loop of because', 'themes:\n  - theme: nw-01\n    causes:\n      - { id: c1, text: a, because: c2 }\n      - { id: c2, text: b, because: c1 }\n', /cause c1 is part of a loop of because/],
    ['an unknown key', 'themes:\n  - theme: nw-01\n    notes: agreed at the board\n', /unknown key "notes"/],
    ['a theme planned twice', 'themes:\n  - theme: nw-01\n  - theme: nw-01\n', /theme nw-01 is planned twice \(first at line 2\)/],
    ['a because that is not an id', 'themes:\n  - theme: nw-01\n    causes:\n      - { id: c1, text: a }\n      - { id: c2, text: b, because: 1 }\n', /because must be the id of another cause/],
  ];
  it.each(broken)('a hand-edited plan with %s is refused with its line, and kept as it is', async (_name, text, message) => {
    const dir = await session();
    writeFileSync(join(dir, 's', 'plan.yaml'), text);
    const r = await cli(dir, 'plan', 'show', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/s\/plan\.yaml:\d+/);
    expect(readText(join(dir, 's', 'plan.yaml'))).toBe(text);
  });

  it('a damaged priorities.yaml is reported with its line, not an internal error', async () => {
    const dir = await session();
    writeFileSync(join(dir, 's', 'priorities.yaml'), 'top: [nw-01\n');
    for (const argv of [['render'], ['plan', 'show'], ['status']]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('s/priorities.yaml');
      expect(r.stderr).toContain('wtfc prioritise');
    }
  });

  // Found by fuzzing: reading the file followed its YAML aliases, and a bad alias, a bomb of them or
  // an entry with no text form crashed every command that reads it.
  const damaged: [string, string, RegExp][] = [
    ['an alias to no anchor', 'method: dots\ntop: *b\n', /s\/priorities\.yaml:2: top must be a list of theme ids/],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]\n`).join('')}top: [*h]\n`, /s\/priorities\.yaml:\d+: top must be a list of theme ids/],
    ['a map in the list', 'top:\n  - nw-01\n  - { toString: 1 }\n', /s\/priorities\.yaml:2: top must be a list of theme ids/],
    ['a list instead of keys', '- nw-01\n', /s\/priorities\.yaml:1: expected keys/],
  ];
  it.each(damaged)('a priorities.yaml with %s is reported with its line', async (_name, text, message) => {
    const dir = await session();
    writeFileSync(join(dir, 's', 'priorities.yaml'), text);
    for (const argv of [['status'], ['plan', 'show']]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('wtfc prioritise');
    }
  });

  it('--templates naming a folder that does not exist is refused', async () => {
    const dir = await session();
    const r = await cli(dir, 'render', '--templates', 'nowhere', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--templates nowhere: there is no such folder');
  });
});
