import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../src/core/model.js';
import { crossQuotes, sharedName } from '../src/commands/comparison.js';
import { alignTexts } from '../src/theming/engine.js';
import { wall } from './fixtures.js';
import { runBinary, runInProcess, slow, tempDir } from './helpers.js';

/* Three councils in one file, and a fourth whose only row has no words. */
function programme(): string {
  const councils = ['Northmere', 'Southmere', 'Westmere'];
  const rows = Object.values(wall)
    .flat()
    .map((t, i) => `x${i},"${t}",person,not working,${councils[i % 3]}`);
  return `id,text,perspective,category,Council\n${rows.join('\n')}\ne1,,person,not working,Eastmere\n`;
}

describe('wtfc batch', () => {
  it('gives each council a session of its own, reports a failing council at the end with exit 1, and skips unchanged councils on a re-run', async () => {
    const dir = tempDir({ 'programme.csv': programme() });
    const r = await runInProcess(['batch', 'programme.csv', '--out', 'councils'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('4 councils in councils: 3 run, 0 unchanged, 1 failed');
    expect(r.stdout).toMatch(/Eastmere: none of the \d+ rows? could be used: \d+ rejected, with the reasons, in \S*rejected.csv/);
    for (const slug of ['northmere', 'southmere', 'westmere']) {
      expect(existsSync(join(dir, 'councils', slug, 'session', 'out', 'report.md')), slug).toBe(true);
      const statements = readFileSync(join(dir, 'councils', slug, 'session', 'statements.csv'), 'utf8').trim().split('\n').length - 1;
      expect(statements, slug).toBeGreaterThanOrEqual(10);
    }
    // Each council's own statements, and no other's.
    expect(readFileSync(join(dir, 'councils', 'northmere', 'session', 'statements.csv'), 'utf8')).not.toContain('Southmere');
    const again = await runInProcess(['batch', 'programme.csv', '--out', 'councils', '--json'], { cwd: dir });
    const summary = JSON.parse(again.stdout) as { skipped: number; failed: number };
    expect(summary.skipped).toBe(3);
    expect(summary.failed).toBe(1);
    const forced = await runInProcess(['batch', 'programme.csv', '--out', 'councils', '--force', '--json'], { cwd: dir });
    expect((JSON.parse(forced.stdout) as { skipped: number }).skipped).toBe(0);
  });

  it('the built binary runs the councils in worker threads, one after another in each, and gives the same sessions', slow, async () => {
    const dir = tempDir({ 'programme.csv': programme() });
    // One thread takes every council in turn, keeping what it loaded for the first.
    const r = runBinary(['batch', 'programme.csv', '--out', 'councils', '--jobs', '1'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[\d\/4\] Northmere: \d+ statements, \d+ themes/);
    const two = runBinary(['batch', 'programme.csv', '--out', 'two', '--jobs', '2'], { cwd: dir });
    expect(two.code).toBe(1);
    // In this process, from the sources, each council runs here, one by one.
    expect((await runInProcess(['batch', 'programme.csv', '--out', 'here'], { cwd: dir })).code).toBe(1);
    for (const slug of ['northmere', 'southmere', 'westmere']) {
      const themes = (out: string) => readFileSync(join(dir, out, slug, 'session', 'themes.yaml'), 'utf8');
      expect(themes('councils'), slug).toBe(themes('here'));
      expect(themes('two'), slug).toBe(themes('here'));
    }
  });

  // Found by fuzzing: a damaged stamp crashed the next run with exit 70. It is wtfc's own record of
  // the last run, so one it cannot read means the council runs again.
  it('runs a council again when its stamp of the last run is damaged', async () => {
    const dir = tempDir({ 'programme.csv': programme() });
    await runInProcess(['batch', 'programme.csv', '--out', 'councils'], { cwd: dir });
    writeFileSync(join(dir, 'councils', 'northmere', 'batch.json'), '{"hash": ');
    writeFileSync(join(dir, 'councils', 'southmere', 'batch.json'), 'null');
    const again = await runInProcess(['batch', 'programme.csv', '--out', 'councils', '--json'], { cwd: dir });
    expect(again.code, again.stderr).toBe(1);
    const summary = JSON.parse(again.stdout) as { councils: { council: string; status: string }[] };
    expect(summary.councils.map((c) => [c.council, c.status])).toEqual([
      ['Eastmere', 'failed'],
      ['Northmere', 'done'],
      ['Southmere', 'done'],
      ['Westmere', 'skipped'],
    ]);
  });

  it('names the file when there is no council column', async () => {
    const dir = tempDir({ 'a.csv': 'id,text\n1,hello\n' });
    const r = await runInProcess(['batch', 'a.csv', '--out', 'councils', '--by', 'LA'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.csv has no "LA" column to group by');
    expect(existsSync(join(dir, 'councils'))).toBe(false);
  });
});

describe('the cross-council comparison', () => {
  it('writes themes.csv, comparison.md and comparison.html: recurring themes, each council\'s priorities, themes unique to one council, a heatmap', async () => {
    const dir = tempDir({ 'programme.csv': programme() });
    await runInProcess(['batch', 'programme.csv', '--out', 'councils'], { cwd: dir });
    const csv = readFileSync(join(dir, 'councils', 'comparison', 'themes.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('id,category,name,councils,council_list,statements_per_council,council_themes,representative_statements');
    expect(csv.length).toBeGreaterThan(2);
    const md = readFileSync(join(dir, 'councils', 'comparison', 'comparison.md'), 'utf8');
    expect(md).toContain('## Themes that recur');
    expect(md).toMatch(/\| Northmere \| .*\(x-\d{3}\)/);
    expect(md).toContain('## Themes found in one council only');
    const html = readFileSync(join(dir, 'councils', 'comparison', 'comparison.html'), 'utf8');
    expect(html).toMatch(/aria-label="Heatmap of \d+ themes by 3 councils/);
    // The four topics are split across the three councils, so the topics recur.
    const recurring = csv.slice(1).filter((l) => /^x-\d{3},not_working,[^,]*,(2|3),/.test(l));
    expect(recurring.length).toBeGreaterThan(0);
  });
});

describe('planted themes', () => {
  it('finds a theme planted in every council as recurring, one planted in one council as unique, and writes the same files twice', async () => {
    // Every council hears about transport (T); only Westmere hears about being listened to (L).
    const rows: string[] = [];
    let n = 0;
    for (const council of ['Northmere', 'Southmere', 'Westmere']) {
      const topics: (keyof typeof wall)[] = council === 'Westmere' ? ['T', 'M', 'L'] : ['T', 'M'];
      for (const g of topics) for (const t of wall[g]) rows.push(`p${n++},"${t}",person,not working,${council},${g}`);
    }
    const dir = tempDir({ 'planted.csv': `id,text,perspective,category,council,topic\n${rows.join('\n')}\n` });
    const run = () => runInProcess(['batch', 'planted.csv', '--out', 'councils', '--force', '--quiet'], { cwd: dir });
    expect((await run()).code).toBe(0);
    const csv = readFileSync(join(dir, 'councils', 'comparison', 'themes.csv'), 'utf8');
    const lines = csv.trim().split('\n').slice(1);
    // The transport theme: in all three councils.
    expect(lines.some((l) => /,3,Northmere; Southmere; Westmere,/.test(l) && /taxi|minibus|transport|bus/i.test(l))).toBe(true);
    // A cross-council theme whose councils gave their themes one name has that name.
    const namesOf = (c: string) => readFileSync(join(dir, 'councils', c, 'session', 'themes.yaml'), 'utf8').split('\n').flatMap((l) => /^ {6}name: (.*)$/.exec(l)?.[1] ?? []);
    const everywhere = namesOf('northmere').filter((n) => namesOf('southmere').includes(n) && namesOf('westmere').includes(n));
    expect(everywhere.length).toBeGreaterThan(0);
    for (const name of everywhere) expect(lines.some((l) => l.includes(`,${name},3,Northmere; Southmere; Westmere,`)), name).toBe(true);
    // Each cross-council theme says which council themes it joins, by their ids in each council's themes.yaml.
    const { parse } = await import('csv-parse/sync');
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const { parse: parseYaml } = await import('yaml');
    const nameOf = (council: string, id: string) => (parseYaml(readFileSync(join(dir, 'councils', council.toLowerCase(), 'session', 'themes.yaml'), 'utf8')) as Record<string, { themes?: { id: string; name: string }[] }>).not_working!.themes!.find((t) => t.id === id)?.name;
    for (const r of records) {
      const joined = r.council_themes!.split('; ').map((part) => part.split(': ') as [string, string]);
      expect(joined.map(([c]) => c).join('; ')).toBe(r.council_list);
      for (const [c, ids] of joined) for (const id of ids.split(' ')) expect(nameOf(c, id), `${c} ${id}`).toBeDefined();
      // Where the councils share the name, their themes of that name are the ones joined.
      if (everywhere.includes(r.name!)) for (const [c, ids] of joined) expect(ids.split(' ').map((id) => nameOf(c, id))).toContain(r.name);
    }
    // Being listened to: in Westmere alone.
    expect(lines.some((l) => /,1,Westmere,/.test(l) && /listen|review|hear/i.test(l))).toBe(true);
    const first = readFileSync(join(dir, 'councils', 'comparison', 'comparison.md'), 'utf8');
    expect((await run()).code).toBe(0);
    expect(readFileSync(join(dir, 'councils', 'comparison', 'comparison.md'), 'utf8')).toBe(first);
    expect(readFileSync(join(dir, 'councils', 'comparison', 'themes.csv'), 'utf8')).toBe(csv);
  });
});

describe('matching councils by meaning', () => {
  it('meets transport themes across councils that use no word in common for it, and names them as "I" statements', async () => {
    // Neither council's transport statements use a word of the other's, nor a word the synonym table folds.
    const transport: Record<string, string[]> = {
      Northmere: [
        'My lift to the day centre never turns up',
        'The driver who takes me to the centre is always late',
        'No lift home after the club',
        'The journey to the centre takes two hours',
        'I missed the club because my lift let me down',
        'The driver forgot to pick me up',
      ],
      Southmere: [
        'The shuttle to college is always delayed',
        'The shuttle leaves before I reach the stop',
        'No shuttle back from college on Fridays',
        'The ride to college is far too slow',
        'My shuttle to college broke down again',
        'The shuttle did not collect me',
      ],
    };
    const { analyse } = await import('../src/theming/analyse.js');
    const wordsOf = (texts: string[]) => new Set(texts.flatMap((t) => analyse(t).stems));
    const northWords = wordsOf(transport.Northmere!);
    expect([...wordsOf(transport.Southmere!)].filter((w) => northWords.has(w))).toEqual([]);
    const rows: string[] = [];
    let n = 0;
    for (const council of ['Northmere', 'Southmere']) {
      for (const t of [...transport[council]!, ...wall.M, ...wall.L]) rows.push(`p${n++},"${t}",person,not working,${council}`);
    }
    const dir = tempDir({ 'councils.csv': `id,text,perspective,category,council\n${rows.join('\n')}\n` });
    const r = await runInProcess(['batch', 'councils.csv', '--out', 'out', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const records = parse(readFileSync(join(dir, 'out', 'comparison', 'themes.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const shuttle = records.filter((x) => /shuttle/.test(x.representative_statements!));
    expect(shuttle, JSON.stringify(records, null, 1)).toHaveLength(1);
    expect(shuttle[0]!.council_list, JSON.stringify(records, null, 1)).toBe('Northmere; Southmere');
    expect(shuttle[0]!.representative_statements).toMatch(/Northmere: [^|]*(lift|driver|journey)/);
    // Every cross-council name is a first-person sentence, and no two are the same.
    const names = records.map((x) => x.name!);
    for (const name of names) expect(name).toMatch(/^I [a-z']+ /);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('aligning council themes', () => {
  // Three councils of one ambulance service, each with four themes: every council's themes but
  // the food speak of the ambulance, so they are all somewhat alike.
  const councils: Record<string, Record<string, string>> = {
    North: {
      wait: 'wait, ambulance, hours. Waited four hours for the ambulance. The ambulance took hours to come. We waited all night for an ambulance.',
      vehicle: 'ambulance, cold, dirty. The ambulance was cold and dirty. A bumpy ride in an old ambulance. The ambulance seat was broken.',
      crew: 'ambulance, crew, rude. The ambulance crew were rude to my mother. The ambulance man was rude and dismissive. Their manner was cold.',
      food: 'food, ward, meals. The food on the ward is cold. Meals are the same every day. No fresh fruit on the ward.',
    },
    South: {
      wait: 'ambulance, waiting, long. A long wait for an ambulance. The ambulance was hours late. Waiting so long for the ambulance to arrive.',
      vehicle: 'ambulance, uncomfortable, vehicle. The ambulance was uncomfortable. The vehicle was filthy inside. The ambulance had no heating.',
      crew: 'ambulance, staff, attitude. The ambulance staff had a poor attitude. The ambulance crew were rude. Nobody in the ambulance was kind to my dad.',
      food: 'meals, food, choice. Poor choice of meals. The food is tasteless. Meals come cold to the ward.',
    },
    West: {
      wait: 'ambulance, wait, came. The ambulance came after five hours. Far too long a wait for the ambulance. Left waiting hours for an ambulance.',
      vehicle: 'ambulance, dirty, bumpy. A dirty ambulance. The ambulance ride was bumpy and cold. Old ambulances that rattle.',
      crew: 'ambulance, rude, crew. The ambulance crew were unkind and rude. A rude ambulance crew member. The ambulance staff did not treat me with respect.',
      food: 'food, cold, menu. The food was cold again. The menu never changes. Not enough food at tea time.',
    },
  };
  const texts: Statement[] = Object.entries(councils)
    .flatMap(([council, themes]) => Object.entries(themes).map(([key, text]) => ({ id: `${council}:${key}`, text, category: 'not_working' as const, perspective: 'unknown' as const, person: '', council, source: 'comparison', line: 0 })))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  it('names a cross-council theme as two or more of its councils named their themes, most of them first', () => {
    expect(sharedName([{ name: 'I want more staff', size: 3 }, { name: 'I want more staff', size: 12 }, { name: 'I want staff to be kind', size: 20 }])).toBe('I want more staff');
    // As many councils each way: the name with more statements behind it.
    expect(sharedName([{ name: 'A', size: 3 }, { name: 'A', size: 3 }, { name: 'B', size: 5 }, { name: 'B', size: 2 }])).toBe('B');
    // No name given twice: none shared.
    expect(sharedName([{ name: 'A', size: 30 }, { name: 'B', size: 5 }])).toBeUndefined();
  });

  it('quotes first the council themes that have the cross-council theme\'s name, one a council, then the largest', () => {
    const themes = [
      { council: 'A', name: 'I want more staff', size: 3, quotes: ['More staff please.'] },
      { council: 'B', name: 'I want kind staff', size: 40, quotes: ['The staff were rude.'] },
      { council: 'C', name: 'I want more staff', size: 12, quotes: ['Not enough staff on the ward.'] },
      { council: 'C', name: 'I want more staff', size: 20, quotes: ['Short staffed every night.'] },
      { council: 'D', name: 'I want staff', size: 5, quotes: [] },
    ];
    expect(crossQuotes(themes, 'I want more staff')).toEqual([
      { council: 'C', text: 'Short staffed every night.' },
      { council: 'A', text: 'More staff please.' },
      { council: 'B', text: 'The staff were rude.' },
    ]);
  });

  it('never joins more than two themes of one council, even where a wall would join them as one idea', () => {
    const subjects = {
      taxi: 'transport, late, taxi. The taxi was late again. The taxi never came on time. Late taxi every week.',
      minibus: 'transport, cancelled, minibus. The minibus was cancelled. They cancelled the minibus again. No minibus on Fridays.',
      bus: 'transport, bus, late. The bus is late. The bus was late so I missed lunch. No bus on time to the day centre.',
      food: 'food, cold, dinner. The dinners are cold. Cold food every day. The food is not hot.',
    };
    const themes = Object.entries(subjects).flatMap(([subject, text]) =>
      ['North', 'South'].map((council) => ({ id: `${council}:${subject}`, text, category: 'not_working' as const, perspective: 'unknown' as const, person: '', council, source: 'comparison', line: 0 })),
    );
    // (Split for North's three transport themes, two of the parts were one idea, transport, and a
    // wall's themes of one idea are joined.)
    const aligned = alignTexts('not_working', themes.sort((a, b) => (a.id < b.id ? -1 : 1)));
    for (const theme of aligned.themes) {
      for (const council of ['North', 'South']) expect(theme.statements.filter((id) => id.startsWith(`${council}:`)).length, theme.statements.join(' ')).toBeLessThanOrEqual(2);
    }
  });

  it('never joins more than two themes of one council: they are different ideas, and such a group is a catch-all', () => {
    const aligned = alignTexts('not_working', texts);
    for (const theme of aligned.themes) {
      const perCouncil = Object.keys(councils).map((c) => theme.statements.filter((id) => id.startsWith(`${c}:`)).length);
      expect(Math.max(...perCouncil), theme.statements.join(' ')).toBeLessThanOrEqual(2);
    }
    // Each council's rude crew meets the others', and so does the food.
    const crew = aligned.themes.find((t) => t.statements.includes('North:crew'))!;
    expect(crew.statements).toEqual(['North:crew', 'South:crew', 'West:crew']);
    expect(aligned.themes.find((t) => t.statements.includes('North:food'))!.statements).toEqual(['North:food', 'South:food', 'West:food']);
  });

  it('leaves one council\'s themes each on its own where no other council has the idea: a group of one council aligns nothing', () => {
    const garden = [
      { id: 'North:flowers', text: 'garden, flowers, lovely. The flowers in the garden are lovely. I sit among the flowers in the garden. Lovely garden flowers.' },
      { id: 'North:garden', text: 'garden, bench, sit. A bench in the garden to sit on. Sitting in the garden in the sun. The garden is so peaceful to sit in.' },
    ].map((t) => ({ ...t, category: 'not_working' as const, perspective: 'unknown' as const, person: '', council: 'North', source: 'comparison', line: 0 }));
    const aligned = alignTexts('not_working', [...texts, ...garden].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(aligned.unthemed).toEqual(expect.arrayContaining(['North:flowers', 'North:garden']));
    for (const theme of aligned.themes) expect(new Set(theme.statements.map((id) => id.split(':')[0])).size, theme.statements.join(' ')).toBeGreaterThan(1);
  });
});

describe('progress', () => {
  it('on a terminal, draws a progress bar of councils done, statements a second and time left', async () => {
    const { Writable, PassThrough } = await import('node:stream');
    const { run } = await import('../src/cli/main.js');
    const { fixedNow } = await import('./helpers.js');
    const dir = tempDir({ 'programme.csv': programme() });
    let screen = '';
    const stderr = Object.assign(new Writable({ write: (chunk, _e, done) => ((screen += String(chunk)), done()) }), { isTTY: true, columns: 100 });
    const stdout = { write: () => true, isTTY: true };
    const code = await run(['batch', 'programme.csv', '--out', 'councils'], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: dir, now: fixedNow });
    expect(code).toBe(1);
    expect(screen).toMatch(/councils 4\/4 \|=+\| \d+ statements\/s/);
  });
});

describe('the batch.yaml form', () => {
  it('runs each council with its own files, themes setting and votes', async () => {
    const { repoRoot } = await import('./helpers.js');
    const { copyFileSync } = await import('node:fs');
    const dir = tempDir({
      'batch.yaml': 'out: councils\ncouncils:\n  - name: Northmere\n    files: [north.csv]\n    votes: votes.csv\n  - name: Eastbrook\n    files: [east.txt]\n    themes: 4\n',
    });
    copyFileSync(join(repoRoot, 'examples', 'northmere', 'statements.csv'), join(dir, 'north.csv'));
    copyFileSync(join(repoRoot, 'examples', 'northmere', 'votes.csv'), join(dir, 'votes.csv'));
    copyFileSync(join(repoRoot, 'examples', 'eastbrook', 'statements.txt'), join(dir, 'east.txt'));
    const r = await runInProcess(['batch', 'batch.yaml', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'councils', 'northmere', 'session', 'priorities.yaml'), 'utf8')).toContain('method: dots');
    const east = readFileSync(join(dir, 'councils', 'eastbrook', 'session', 'themes.yaml'), 'utf8');
    expect(east).toContain('themes: 4');
    const again = JSON.parse((await runInProcess(['batch', 'batch.yaml', '--json'], { cwd: dir })).stdout) as { skipped: number };
    expect(again.skipped).toBe(2);
  });

  it('reports each problem in the file with its line, and runs nothing', async () => {
    const dir = tempDir({ 'bad.yaml': 'councils:\n  - name: X\n    files: [nope.csv]\n    colour: red\n' });
    const r = await runInProcess(['batch', 'bad.yaml', '--out', 'c'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:4: unknown key "colour"');
    expect(r.stderr).toContain('bad.yaml:3: council X: cannot find nope.csv');
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });
  // Found by fuzzing: a folder passed the "cannot find" check, and the run then crashed reading
  // it (EISDIR, exit 70).
  it('reports a folder named as a council\'s file, as its votes, or as the batch file', async () => {
    const dir = tempDir({ 'b.yaml': 'out: c\ncouncils:\n  - name: X\n    files: [sub]\n    votes: sub\n', 'sub/a.csv': 'text\nhi\n', 'folder.yaml/a': '' });
    const r = await runInProcess(['batch', 'b.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('b.yaml:4: council X: sub is a folder, not a file');
    expect(r.stderr).toContain('b.yaml:5: council X: sub is a folder, not a file');
    const folder = await runInProcess(['batch', 'folder.yaml'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('folder.yaml is a folder, not a file');
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });
});

describe('a broken file', () => {
  it('fails its own council with the reason; the other two complete, and the exit code is 1', async () => {
    const { repoRoot } = await import('./helpers.js');
    const { copyFileSync } = await import('node:fs');
    const dir = tempDir({
      'batch.yaml': 'out: councils\ncouncils:\n  - name: Northmere\n    files: [north.csv]\n  - name: Eastbrook\n    files: [east.txt]\n  - name: Brokenham\n    files: [broken.csv]\n',
      'broken.csv': 'id,text,category\n1,"an unclosed quote,not_working\n2,fine,working\n',
    });
    copyFileSync(join(repoRoot, 'examples', 'northmere', 'statements.csv'), join(dir, 'north.csv'));
    copyFileSync(join(repoRoot, 'examples', 'eastbrook', 'statements.txt'), join(dir, 'east.txt'));
    const r = await runInProcess(['batch', 'batch.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('3 councils in councils: 2 run, 0 unchanged, 1 failed');
    expect(r.stdout).toMatch(/Brokenham: .*broken\.csv/);
    expect(r.stdout).toMatch(/quote/);
    for (const slug of ['northmere', 'eastbrook']) expect(existsSync(join(dir, 'councils', slug, 'session', 'out', 'report.html')), slug).toBe(true);
  });
});
