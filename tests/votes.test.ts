import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, readText, runInProcess, snapshotTree, tempDir } from './helpers.js';

/*
 * A session with hand-written themes, so every id and name is known: four "not working" themes
 * and a parked one. Votes are checked against hand computation.
 */
const statements = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10'];
const themesYaml = `version: 1
engine: { name: hand, version: 1, seed: 1, themes: auto, min_size: 1 }
working: { themes: [], unthemed: [] }
not_working:
  themes:
    - { id: nw-01, name: "I can get to the day centre", statements: [n1, n2, n3] }
    - { id: nw-02, name: "I can pay my PA", statements: [n4, n5] }
    - { id: nw-03, name: "I know who is coming", statements: [n6, n7] }
    - { id: nw-04, name: "I am listened to", statements: [n8, n9] }
    - { id: nw-05, name: "I like the garden", parked: true, statements: [n10] }
  unthemed: []
future: { themes: [], unthemed: [] }
`;

async function session(): Promise<string> {
  const dir = tempDir({
    'statements.csv': `id,text,perspective\n${statements.map((id, i) => `${id},statement ${id},${i % 2 ? 'family' : 'person'}`).join('\n')}\n`,
  });
  await cli(dir, 'init', 's');
  await cli(dir, 'ingest', 'statements.csv', '--category', 'not_working', '-C', 's');
  writeFileSync(join(dir, 's', 'themes.yaml'), themesYaml);
  return dir;
}

const cli = (cwd: string, ...argv: string[]): Promise<CliResult> => runInProcess(argv, { cwd });

async function json(cwd: string, ...argv: string[]): Promise<Record<string, unknown>> {
  const r = await cli(cwd, ...argv, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const longVotes = [
  'voter,perspective,theme,dots',
  'P1,person,nw-01,3', //                       line 2
  'P1,person,I can pay my PA,2', //              3: by exact name
  'P2,person,nw-02,5', //                        4
  'S1,staff,nw-01,4', //                         5
  'S1,staff,nw-03,1', //                         6
  'S2,staff,nw-01,4', //                         7
  'S2,staff,nw-04,2', //                         8: S2 now has 6, over the allowance of 5
  'F1,family,nw-09,2', //                        9: unknown theme
  'F2,family,nw-05,2', //                       10: parked theme
  'F3,carer,nw-03,2', //                        11: perspective "carer" is family
  'F4,alien,nw-03,2', //                        12: unknown perspective
  'F5,family,nw-03,-1', //                      13: negative
  'F6,family,nw-04,2.5', //                     14: not whole
  'P1,person,nw-01,1', //                       15: P1 gives nw-01 dots twice
].join('\n');

describe('wtfc votes import', () => {
  it('imports the valid rows, and reports each bad one at its line', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'votes.csv'), longVotes);
    const r = await cli(dir, 'votes', 'import', 'votes.csv', '-C', 's');
    expect(r.code).toBe(0);
    for (const [line, text] of [
      [9, 'unknown theme "nw-09"'],
      [10, 'theme nw-05 is parked'],
      [12, 'unknown perspective "alien"'],
      [13, 'dots "-1" is not a whole number'],
      [14, 'dots "2.5" is not a whole number'],
      [15, 'voter "P1" gave dots to nw-01 twice (first at line 2)'],
      [8, 'voter "S2" reaches 6 dots here, over the allowance of 5'],
    ] as const) {
      expect(r.stdout).toContain(`votes.csv:${line}`);
      expect(r.stdout).toContain(text);
    }
    // 14 rows: 7 with their own problem, and S2's two rows; 5 kept (P1 ×2, P2, S1 ×2) plus F3.
    expect(r.stdout).toContain('rows 14: 4 voters, 17 dots, 8 row(s) left out');
    const stored = readText(join(dir, 's', 'votes.csv'));
    expect(stored.split('\n')[0]).toBe('voter,perspective,theme,dots,source,line');
    expect(stored).toContain('F3,family,nw-03,2,votes.csv,11');
  });

  it('--strict writes nothing and exits 1 when any row has a problem', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'votes.csv'), longVotes);
    const before = snapshotTree(join(dir, 's'));
    const r = await cli(dir, 'votes', 'import', 'votes.csv', '--strict', '-C', 's');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nothing was written');
    expect(snapshotTree(join(dir, 's'))).toEqual(before);
  });

  it('reads the wide layout: one row per voter, one column per theme id', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'wide.csv'), 'voter,perspective,nw-01,nw-02,nw-77\nP1,person,2,3,\nS1,staff,5,,1\nS2,staff,4,2,\nP1,person,1,,\n');
    const r = await cli(dir, 'votes', 'import', 'wide.csv', '-C', 's');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wide.csv:1:5');
    expect(r.stdout).toContain('column "nw-77": unknown theme "nw-77"');
    // S1's dot on the unknown column still counts against the allowance: six dots were placed.
    expect(r.stdout).toContain('wide.csv:3: voter "S1" placed 6 dots, over the allowance of 5');
    expect(r.stdout).toContain('wide.csv:4: voter "S2" placed 6 dots, over the allowance of 5');
    expect(r.stdout).toContain('wide.csv:5:1: voter "P1" appears twice (first at line 2)');
    const p = await json(dir, 'prioritise', '-C', 's');
    expect((p.priorities as { theme_id: string; score: number }[]).slice(0, 2).map((x) => [x.theme_id, x.score])).toEqual([['nw-02', 3], ['nw-01', 2]]);
  });

  it('reads ranked ballots, and a voter cannot vote twice across imports', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'ballots.csv'), 'voter,perspective,rank1,rank2,rank3\nA,person,nw-02,nw-01,\nB,staff,nw-01,I am listened to,nw-02\nC,staff,nw-03,nw-03,\n');
    const r = await cli(dir, 'votes', 'import', 'ballots.csv', '-C', 's');
    expect(r.stdout).toContain('ballots.csv:4:4: ranks nw-03 twice');
    expect(r.stdout).toContain('2 ballots');
    const again = await cli(dir, 'votes', 'import', 'ballots.csv', '-C', 's');
    expect(again.stdout).toContain('voter "A" has already voted (ballots.csv:2)');
    const replaced = await cli(dir, 'votes', 'import', 'ballots.csv', '--replace', '-C', 's');
    expect(replaced.stdout).toContain('and 2 ranked ballots');
    // Borda with 4 themes in play (nw-05 is parked): 3, 2, 1 points for first, second, third.
    // nw-01: 2 + 3 = 5; nw-02: 3 + 1 = 4; nw-04: 2; nw-03: 0.
    const p = await json(dir, 'prioritise', '-C', 's');
    expect(p.method).toBe('borda');
    expect((p.priorities as { theme_id: string; score: number }[]).map((x) => [x.theme_id, x.score])).toEqual([['nw-01', 5], ['nw-02', 4], ['nw-04', 2], ['nw-03', 0]]);
  });

  it('names the file when it has no voter column', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'bad.csv'), 'who,theme,dots\nx,nw-01,1\n');
    const r = await cli(dir, 'votes', 'import', 'bad.csv', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv has no voter column');
  });
});

describe('what the second review found', () => {
  it('the wide layout reads only numbers in a column that names no theme (notes stay notes)', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'wide.csv'), 'Voter,Perspective,nw-01,nw-02,Notes\nliam,person,4,,late arrival\nmia,person,3,3,\n');
    const r = await cli(dir, 'votes', 'import', 'wide.csv', '-C', 's');
    expect(r.stdout).toContain('column "Notes": unknown theme "Notes"');
    expect(r.stdout).not.toContain('late arrival');
    expect(r.stdout).toContain('wide.csv:3: voter "mia" placed 6 dots');
    expect(r.stdout).toContain('rows 2: 1 voter, 4 dots, 1 row(s) left out');
  });

  it('a vote needs a perspective: a blank one is a problem, and a file without the column is refused', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'v.csv'), 'voter,perspective,theme,dots\nzed,,nw-01,1\n');
    expect((await cli(dir, 'votes', 'import', 'v.csv', '-C', 's')).stdout).toContain('v.csv:2:2: has no perspective');
    writeFileSync(join(dir, 'w.csv'), 'voter,theme,dots\nzed,nw-01,1\n');
    const r = await cli(dir, 'votes', 'import', 'w.csv', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('w.csv has no perspective column');
  });

  it('voters are counted on every row, kept or not; an empty dots cell is no vote', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'wide.csv'), 'voter,perspective,nw-01,nw-02\namy,person,4,4\namy,person,1,\n');
    const wide = await cli(dir, 'votes', 'import', 'wide.csv', '-C', 's');
    expect(wide.stdout).toContain('wide.csv:3:1: voter "amy" appears twice (first at line 2)');
    writeFileSync(join(dir, 'long.csv'), 'voter,perspective,theme,dots\nfrank,carer,nw-03,\nfrank,carer,nw-03,3\ndave,person,nw-99,3\ndave,person,nw-02,3\n');
    const long = await cli(dir, 'votes', 'import', 'long.csv', '-C', 's');
    expect(long.stdout).not.toContain('frank" gave dots to nw-03 twice');
    // dave's 3 dots on a theme that does not exist still count: 6 placed, over 5.
    expect(long.stdout).toContain('long.csv:5: voter "dave" reaches 6 dots here');
    expect(long.stdout).toContain('1 voter, 3 dots');
  });

  it('reads "Theme ID" and "Votes" as the long layout', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'v.csv'), 'Voter,Perspective,Theme ID,Votes\nann,person,nw-02,2\n');
    expect((await cli(dir, 'votes', 'import', 'v.csv', '-C', 's')).stdout).toContain('long    rows 1: 1 voter, 2 dots');
  });
});

describe('wtfc prioritise', () => {
  async function voted(): Promise<string> {
    const dir = await session();
    writeFileSync(join(dir, 'votes.csv'), longVotes);
    await cli(dir, 'votes', 'import', 'votes.csv', '-C', 's');
    return dir;
  }

  it('ranks by dots by default, leaves out parked themes, records the top N, and prints the arithmetic as JSON', async () => {
    const dir = await voted();
    // Kept votes: P1 nw-01 3, nw-02 2; P2 nw-02 5; S1 nw-01 4, nw-03 1; F3 (family) nw-03 2.
    const p = await json(dir, 'prioritise', '-C', 's');
    expect(p.method).toBe('dots');
    expect(p.category).toBe('not_working');
    const rows = p.priorities as { rank: number; theme_id: string; theme_name: string; score: number; by_perspective: Record<string, number> }[];
    expect(rows.map((x) => [x.rank, x.theme_id, x.score])).toEqual([[1, 'nw-01', 7], [1, 'nw-02', 7], [3, 'nw-03', 3], [4, 'nw-04', 0]]);
    expect(rows[0]!.by_perspective).toEqual({ person: 3, staff: 4 });
    expect(p.top).toEqual(['nw-01', 'nw-02', 'nw-03']);
    expect(p.parked).toEqual(['nw-05']);
    expect(p.arithmetic).toHaveProperty('voters');
    expect(readText(join(dir, 's', 'priorities.yaml'))).toContain('- nw-03');
  });

  it('weighted gives each group present equal total weight by default', async () => {
    const dir = await voted();
    // person 10 dots, staff 5, family 2: 17 in all, 17/3 per group.
    const p = await json(dir, 'prioritise', '--method', 'weighted', '-C', 's');
    const groups = (p.arithmetic as { groups: Record<string, { weighted_total: number; scale: number }> }).groups;
    for (const g of ['person', 'staff', 'family']) expect(groups[g]!.weighted_total).toBeCloseTo(17 / 3, 9);
    expect(groups.family!.scale).toBeCloseTo(17 / 3 / 2, 9);
    const rows = p.priorities as { theme_id: string; score: number }[];
    // nw-03: staff 1 × (17/15) + family 2 × (17/6) = 6.8; nw-01: 3 × 17/30 + 4 × 17/15 = 6.233…
    expect(rows.find((x) => x.theme_id === 'nw-03')!.score).toBeCloseTo(1 * (17 / 15) + 2 * (17 / 6), 6);
    expect(rows[0]!.theme_id).toBe('nw-03');
  });

  it('a tie across the cut is said, and --include chooses', async () => {
    const dir = await voted();
    const r = await cli(dir, 'prioritise', '--top', '1', '-C', 's');
    expect(r.stdout).toContain('A tie straddles the top-1 cut: nw-01, nw-02 share rank 1');
    expect(r.stdout).toContain('--include nw-01 or --include nw-02');
    const chosen = await json(dir, 'prioritise', '--top', '1', '--include', 'nw-02', '-C', 's');
    expect(chosen.top).toEqual(['nw-02']);
    const wrong = await cli(dir, 'prioritise', '--top', '1', '--include', 'nw-03', '-C', 's');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('nw-03 is not one of the themes tied at the cut');
    const both = await cli(dir, 'prioritise', '--top', '1', '--include', 'nw-01', '--include', 'nw-02', '-C', 's');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('1 place(s) are left at the cut, and --include names 2');
  });

  it('render still works when votes change after a choice at the cut, and says the choice no longer applies', async () => {
    const dir = await voted();
    await cli(dir, 'prioritise', '--top', '1', '--include', 'nw-02', '-C', 's');
    writeFileSync(join(dir, 'more.csv'), 'voter,perspective,theme,dots\nQ1,person,nw-02,1\n');
    await cli(dir, 'votes', 'import', 'more.csv', '-C', 's');
    const r = await cli(dir, 'render', '-C', 's');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the recorded priorities no longer apply');
  });

  it('themes nobody voted for never go forward on a tie; votes on merged-away themes follow the merge', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'votes.csv'), 'voter,perspective,theme,dots\nP1,person,nw-01,2\nP2,person,nw-03,1\n');
    await cli(dir, 'votes', 'import', 'votes.csv', '-C', 's');
    const p = await json(dir, 'prioritise', '-C', 's');
    expect(p.top).toEqual(['nw-01', 'nw-03']);
    expect(p.notes).toEqual(['only 2 theme(s) received any votes, so only they go forward']);
    // A merge carries its votes: nw-03's dot now counts for nw-02, and the note says so.
    await cli(dir, 'themes', 'merge', 'nw-02', 'nw-03', '-C', 's');
    const merged = await json(dir, 'prioritise', '-C', 's');
    expect(merged.top).toEqual(['nw-01', 'nw-02']);
    expect(merged.notes).toContain('votes for nw-03 count for nw-02, which it was merged into');
    // Followed through a second merge.
    await cli(dir, 'themes', 'merge', 'nw-01', 'nw-02', '-C', 's');
    const twice = await json(dir, 'prioritise', '-C', 's');
    expect(twice.top).toEqual(['nw-01']);
    expect(twice.notes).toContain('votes for nw-03 count for nw-01, which it was merged into');
    // A theme gone another way (deleted by hand) is pointed out, and its votes are not counted.
    writeFileSync(join(dir, 's', 'votes.csv'), 'voter,perspective,theme,dots,source,line\nP1,person,nw-01,2,votes.csv,2\nP9,person,nw-77,1,votes.csv,3\n');
    const after = await cli(dir, 'prioritise', '-C', 's');
    expect(after.stdout).toContain('votes name theme(s) that no longer exist (nw-77)');
  });

  it('a category with no themes is refused', async () => {
    const dir = await session();
    const r = await cli(dir, 'prioritise', '--category', 'future', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no themes to prioritise');
  });

  it('count needs no votes; a ballot method without ballots is refused with the way out', async () => {
    const dir = await session();
    const p = await json(dir, 'prioritise', '-C', 's');
    expect(p.method).toBe('count');
    expect((p.priorities as { theme_id: string }[])[0]!.theme_id).toBe('nw-01');
    const r = await cli(dir, 'prioritise', '--method', 'schulze', '-C', 's');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('wtfc votes import');
    const m = await cli(dir, 'prioritise', '--method', 'approval', '-C', 's');
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('expected one of count, dots, weighted, borda, schulze');
  });

  it('shows a theme the groups disagree on, and the explanation', async () => {
    const dir = await session();
    writeFileSync(join(dir, 'votes.csv'), 'voter,perspective,theme,dots\nP1,person,nw-02,5\nP2,person,nw-02,4\nS1,staff,nw-01,5\nS2,staff,nw-01,4\nS2,staff,nw-03,1\n');
    await cli(dir, 'votes', 'import', 'votes.csv', '-C', 's');
    const r = await cli(dir, 'prioritise', '--explain', '-C', 's');
    expect(r.stdout).toContain("Divided: nw-01 is near the top for staff but gets no dots from person (each group's own rank: staff 1)");
    expect(r.stdout).toContain("Divided: nw-02 is near the top for person but gets no dots from staff (each group's own rank: person 1)");
    expect(r.stdout).not.toContain('Divided: nw-03');
    expect(r.stdout).toContain('How the scores were worked out');
    expect(r.stdout).toContain('voter S2 (staff): nw-01 4, nw-03 1');
  });

  it('takes a group\'s tally as one row: its allowance is its people\'s, and it counts as that many voters', async () => {
    const dir = await session();
    writeFileSync(
      join(dir, 'tally.csv'),
      [
        'voter,perspective,people,nw-01,nw-02,nw-03,nw-04',
        'Table 1,family,4,10,6,4,0', //   line 2: 20 dots from 4 people, the allowance exactly
        'Table 2,staff,3,0,0,12,4', //     3: 16 dots, over 3 × 5
        'Table 3,person,two,1,0,0,0', //   4: not a number of people
        'Ann,person,,0,5,0,0', //          5: a blank is one person
        '',
      ].join('\n'),
    );
    const r = await cli(dir, 'votes', 'import', 'tally.csv', '-C', 's');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tally.csv:3: voter "Table 2" placed 16 dots, over the allowance of 15 (5 each for 3 people)');
    expect(r.stdout).toContain('tally.csv:4:3: people "two" is not a whole number from 1 to 10000');
    expect(r.stdout).toContain('The session now holds 5 dot voters (25 dots)');
    // votes.csv keeps how many people each row's voter is.
    expect(readText(join(dir, 's', 'votes.csv'))).toContain('Table 1,family,nw-01,10,tally.csv,2,4');
    const p = await json(dir, 'prioritise', '--method', 'weighted', '-C', 's');
    const a = p.arithmetic as { groups: Record<string, { voters: number; dots: number }>; voters: { voter: string; people?: number }[] };
    expect(a.groups.family).toMatchObject({ voters: 4, dots: 20 });
    expect(a.voters.find((v) => v.voter === 'Table 1')!.people).toBe(4);
    const explained = await cli(dir, 'prioritise', '--explain', '-C', 's');
    expect(explained.stdout).toContain('voter Table 1 (family, a tally of 4 people): nw-01 10, nw-02 6, nw-03 4');
    // Only groups of two or more voters can be divided: Table 1 is four family voters, and a second
    // tally of two persons makes person a group that speaks too.
    writeFileSync(join(dir, 'more.csv'), 'voter,perspective,theme,dots,people\nTable 4,person,nw-04,10,2\nTable 4,person,nw-03,0,3\n');
    const more = await cli(dir, 'votes', 'import', 'more.csv', '-C', 's');
    expect(more.stdout).toContain('more.csv:3:5: voter "Table 4" is 3 people here but 2 at line 2');
    const divided = await cli(dir, 'prioritise', '--explain', '-C', 's');
    expect(divided.stdout).toContain('Divided: nw-01 is near the top for family but gets no dots from person');
  });

  it('a stored tally reads back as it was written, and a session without one keeps its old header', async () => {
    const dir = await voted();
    expect(readText(join(dir, 's', 'votes.csv')).split('\n')[0]).toBe('voter,perspective,theme,dots,source,line');
    writeFileSync(join(dir, 'tally.csv'), 'voter,perspective,people,nw-04\nTable 9,family,3,12\n');
    expect((await cli(dir, 'votes', 'import', 'tally.csv', '-C', 's')).code).toBe(0);
    const stored = readText(join(dir, 's', 'votes.csv'));
    expect(stored.split('\n')[0]).toBe('voter,perspective,theme,dots,source,line,people');
    expect(stored).toContain('P1,person,nw-01,3,votes.csv,2,1');
    const p = await json(dir, 'prioritise', '-C', 's');
    expect((p.priorities as { theme_id: string; score: number }[]).find((x) => x.theme_id === 'nw-04')!.score).toBe(12);
    writeFileSync(join(dir, 's', 'votes.csv'), stored.replace('Table 9,family,nw-04,12,tally.csv,2,3', 'Table 9,family,nw-04,12,tally.csv,2,0'));
    const bad = await cli(dir, 'prioritise', '-C', 's');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('people "0" is not a whole number from 1');
  });

  // Found while fuzzing: a hand-edited votes.csv with 400 nines as dots read as Infinity, and every
  // score and chart came out NaN.
  it('refuses a stored vote with more dots than a number can hold, at its line', async () => {
    const dir = await voted();
    const path = join(dir, 's', 'votes.csv');
    const lines = readText(path).split('\n');
    lines[1] = lines[1]!.replace(/^([^,]*,[^,]*,[^,]*),\d+,/, `$1,${'9'.repeat(400)},`);
    writeFileSync(path, lines.join('\n'));
    for (const argv of [['prioritise'], ['render']]) {
      const r = await cli(dir, ...argv, '-C', 's');
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('s/votes.csv:2: dots 99999999999999999999… is too large');
    }
  });

  it('the report ranks by the recorded method', async () => {
    const dir = await voted();
    await cli(dir, 'prioritise', '--method', 'weighted', '-C', 's');
    expect((await cli(dir, 'render', '-C', 's')).code).toBe(0);
    const report = readText(join(dir, 's', 'out', 'report.md'));
    expect(report).toContain('Ranked by the weighted method');
    expect(report).toContain('| Rank | Theme | Weighted dots | Voters |');
    expect(existsSync(join(dir, 's', 'priorities.yaml'))).toBe(true);
  });
});
