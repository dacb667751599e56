import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Perspective, Statement, Theme } from '../src/core/model.js';
import { type Ballot, type DotVote, type Method, type PrioritiseInput, dividedThemes, prioritise, topPriorities } from '../src/core/prioritise.js';

function theme(id: string, statements: string[] = [], name = `Theme ${id}`): Theme {
  return { id, category: 'not_working', name, draft: name, label: '', statements, representative: [], size: statements.length, perspectives: {}, cohesion: 0, locked: false, parked: false, edited: false };
}

function dots(voter: string, perspective: Perspective, given: Record<string, number>): DotVote[] {
  return Object.entries(given).map(([t, n], i) => ({ voter, perspective, theme: t, dots: n, source: 'v.csv', line: i + 2 }));
}

function ballot(voter: string, perspective: Perspective, ranking: string[]): Ballot {
  return { voter, perspective, ranking, source: 'b.csv', line: 2 };
}

const input = (themes: Theme[], extra: Partial<PrioritiseInput>): PrioritiseInput => ({ themes, statements: [], votes: [], ballots: [], weights: {}, ...extra });
const table = (method: Method, i: PrioritiseInput) => prioritise(method, i).ranking.map((r) => [r.themeId, r.rank, r.score]);

describe('dots', () => {
  const themes = [theme('a'), theme('b'), theme('c'), theme('d')];
  const votes = [...dots('P1', 'person', { a: 3, b: 2 }), ...dots('P2', 'person', { b: 4, c: 1 }), ...dots('S1', 'staff', { a: 3, c: 2 })];

  it('adds up the dots: a 3+3=6, b 2+4=6, c 1+2=3, d 0', () => {
    // a and b tie on dots (6) and on voters (2 each): they share rank 1, and c is third.
    expect(table('dots', input(themes, { votes }))).toEqual([['a', 1, 6], ['b', 1, 6], ['c', 3, 3], ['d', 4, 0]]);
  });

  it('breaks a tie in dots by the number of voters', () => {
    const v = [...dots('P1', 'person', { a: 4 }), ...dots('P2', 'person', { b: 2 }), ...dots('P3', 'person', { b: 2 })];
    expect(table('dots', input([theme('a'), theme('b')], { votes: v }))).toEqual([['b', 1, 4], ['a', 2, 4]]);
  });

  it('with a single voter, ranks by that voter alone', () => {
    expect(table('dots', input(themes, { votes: dots('P1', 'person', { c: 5 }) }))).toEqual([['c', 1, 5], ['a', 2, 0], ['b', 2, 0], ['d', 2, 0]]);
  });

  it('counts the parts by perspective', () => {
    const a = prioritise('dots', input(themes, { votes })).ranking.find((r) => r.themeId === 'a')!;
    expect(a.byPerspective).toEqual({ person: 3, staff: 3 });
  });
});

describe('weighted', () => {
  const themes = [theme('a'), theme('b'), theme('c')];
  // Six staff place 30 dots on a; two people place 10 on b; one family member 5 on c.
  const votes = [
    ...['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].flatMap((v) => dots(v, 'staff', { a: 5 })),
    ...dots('P1', 'person', { b: 5 }),
    ...dots('P2', 'person', { b: 5 }),
    ...dots('F1', 'family', { c: 5 }),
  ];

  it('gives every group present the same total weight: 45 dots, 15 per group', () => {
    const r = prioritise('weighted', input(themes, { votes }));
    // Plain dots: a 30, b 10, c 5. Weighted: each group's dots scaled to 45/3 = 15, so all three
    // score 15, and the tie-break (voters: 6, 2, 1) orders them.
    expect(r.ranking.map((x) => [x.themeId, x.rank, x.score])).toEqual([['a', 1, 15], ['b', 2, 15], ['c', 3, 15]]);
    const groups = r.arithmetic.groups as Record<string, { scale: number; weighted_total: number }>;
    expect(groups.staff!.scale).toBeCloseTo(0.5, 12);
    expect(groups.person!.scale).toBeCloseTo(1.5, 12);
    expect(groups.family!.scale).toBeCloseTo(3, 12);
    for (const g of Object.values(groups)) expect(g.weighted_total).toBeCloseTo(15, 12);
  });

  it('uses custom weights: person 2, staff and family 1 each (a group left out weighs 1)', () => {
    const r = prioritise('weighted', input(themes, { votes, weights: { person: 2 } }));
    // Total 45 split 2:1:1 → person 22.5, staff 11.25, family 11.25.
    expect(r.ranking.map((x) => [x.themeId, x.score])).toEqual([['b', 22.5], ['a', 11.25], ['c', 11.25]]);
  });

  it('with one group only, equals plain dots', () => {
    const one = votes.filter((v) => v.perspective === 'staff').concat(dots('S7', 'staff', { b: 2 }));
    expect(table('weighted', input(themes, { votes: one }))).toEqual(table('dots', input(themes, { votes: one })));
  });
});

describe('count', () => {
  it('ranks by statements, then by distinct people', () => {
    const statements: Statement[] = ['s1', 's2', 's3', 's4'].map((id, i) => ({ id, text: id, category: 'not_working', perspective: 'person', person: i < 2 ? 'P1' : `P${i}`, council: '', source: 'x', line: 2 }));
    const r = prioritise('count', input([theme('a', ['s1', 's2']), theme('b', ['s3', 's4'])], { statements }));
    expect(r.ranking.map((x) => [x.themeId, x.rank, x.score, x.tieBreak])).toEqual([['b', 1, 2, 2], ['a', 2, 2, 1]]);
  });
});

describe('borda', () => {
  it('the Tennessee capital example: Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107', () => {
    // The textbook Borda example (e.g. Wikipedia, "Borda count"): 42% Memphis > Nashville >
    // Chattanooga > Knoxville; 26% N > C > K > M; 15% C > K > N > M; 17% K > C > N > M.
    const themes = ['M', 'N', 'C', 'K'].map((id) => theme(id));
    const ballots = [
      ...Array.from({ length: 42 }, (_, i) => ballot(`m${i}`, 'person', ['M', 'N', 'C', 'K'])),
      ...Array.from({ length: 26 }, (_, i) => ballot(`n${i}`, 'person', ['N', 'C', 'K', 'M'])),
      ...Array.from({ length: 15 }, (_, i) => ballot(`c${i}`, 'person', ['C', 'K', 'N', 'M'])),
      ...Array.from({ length: 17 }, (_, i) => ballot(`k${i}`, 'person', ['K', 'C', 'N', 'M'])),
    ];
    expect(table('borda', input(themes, { ballots }))).toEqual([['N', 1, 194], ['C', 2, 173], ['M', 3, 126], ['K', 4, 107]]);
  });

  it('gives themes a ballot leaves out 0 points, and breaks ties by first choices', () => {
    const themes = [theme('a'), theme('b'), theme('c')];
    // a: 2 + 0 = 2 points, 1 first; b: 1 + 1 = 2 points, 0 firsts; c: 0 + 2 = 2 points, 1 first.
    const ballots = [ballot('v1', 'person', ['a', 'b']), ballot('v2', 'staff', ['c', 'b'])];
    expect(table('borda', input(themes, { ballots }))).toEqual([['a', 1, 2], ['c', 1, 2], ['b', 3, 2]]);
  });
});

describe('schulze', () => {
  it("Wikipedia's 45-voter example ranks E > A > C > B > D", () => {
    const groups: [number, string][] = [
      [5, 'ACBED'],
      [5, 'ADECB'],
      [8, 'BEDAC'],
      [3, 'CABED'],
      [7, 'CAEBD'],
      [2, 'CBADE'],
      [7, 'DCEBA'],
      [8, 'EBADC'],
    ];
    const ballots = groups.flatMap(([count, order], g) => Array.from({ length: count }, (_, i) => ballot(`${g}-${i}`, 'person', order.split(''))));
    const r = prioritise('schulze', input('ABCDE'.split('').map((id) => theme(id)), { ballots }));
    expect(r.ranking.map((x) => [x.themeId, x.rank, x.score])).toEqual([['E', 1, 4], ['A', 2, 3], ['C', 3, 2], ['B', 4, 1], ['D', 5, 0]]);
    // The pairwise counts from the example: d[A][B] = 20, d[B][A] = 25, d[E][D] = 31.
    const d = r.arithmetic.pairwise as Record<string, Record<string, number>>;
    expect([d.A!.B, d.B!.A, d.E!.D]).toEqual([20, 25, 31]);
    // The strongest paths, as the example's table gives them.
    const p = r.arithmetic.strongest_paths as Record<string, Record<string, number>>;
    const row = (x: string) => 'ABCDE'.split('').filter((y) => y !== x).map((y) => p[x]![y]);
    expect(['A', 'B', 'C', 'D', 'E'].map(row)).toEqual([
      [28, 28, 30, 24],
      [25, 28, 33, 24],
      [25, 29, 29, 24],
      [25, 28, 28, 24],
      [25, 28, 28, 31],
    ]);
  });

  it('ranks by the Schulze order, not by how many themes each beats', () => {
    // x: a > c; y: b. b is beaten by no one (a and b: 1 ballot each way), a beats c: a and b tie.
    const ballots = [ballot('x', 'person', ['a', 'c']), ballot('y', 'person', ['b'])];
    const r = prioritise('schulze', input([theme('a'), theme('b'), theme('c')], { ballots }));
    expect(r.ranking.map((x) => [x.themeId, x.rank])).toEqual([['a', 1], ['b', 1], ['c', 3]]);
  });

  it('a Condorcet cycle of three equal strengths is a three-way tie', () => {
    const ballots = [ballot('1', 'person', ['a', 'b', 'c']), ballot('2', 'person', ['b', 'c', 'a']), ballot('3', 'person', ['c', 'a', 'b'])];
    expect(table('schulze', input([theme('a'), theme('b'), theme('c')], { ballots }))).toEqual([['a', 1, 0], ['b', 1, 0], ['c', 1, 0]]);
  });
});

describe('the top N', () => {
  const themes = ['a', 'b', 'c', 'd'].map((id) => theme(id));
  // a 5; b and c 3 each from one voter each; d 1.
  const votes = [...dots('P1', 'person', { a: 5 }), ...dots('P2', 'person', { b: 3, d: 1 }), ...dots('P3', 'person', { c: 3 })];
  const ranking = prioritise('dots', input(themes, { votes })).ranking;

  it('a tie at the cut takes every tied theme, and says so', () => {
    const r = topPriorities(ranking, 2);
    expect(r.top.map((x) => x.themeId)).toEqual(['a', 'b', 'c']);
    expect(r.tieAtCut).toBe(true);
    expect(r.tiedAtCut.map((x) => x.themeId)).toEqual(['b', 'c']);
  });

  it('--include picks among the tied themes', () => {
    expect(topPriorities(ranking, 2, ['c']).top.map((x) => x.themeId)).toEqual(['a', 'c']);
  });

  it('no tie at the cut when the tie ends at it', () => {
    expect(topPriorities(ranking, 3).tieAtCut).toBe(false);
  });
});

describe('divided groups', () => {
  it('flags a theme staff put first and people gave nothing', () => {
    const themes = [theme('a'), theme('b')];
    const votes = [...dots('S1', 'staff', { a: 5 }), ...dots('S2', 'staff', { a: 5 }), ...dots('P1', 'person', { b: 5 }), ...dots('P2', 'person', { b: 2 })];
    const divided = dividedThemes('dots', input(themes, { votes }), 1);
    expect(divided.map((d) => [d.themeId, d.highFor, d.lowFor])).toEqual([
      ['a', ['staff'], ['person']],
      ['b', ['person'], ['staff']],
    ]);
  });

  it('a group of one voter does not speak for its group', () => {
    const themes = [theme('a'), theme('b')];
    const votes = [...dots('S1', 'staff', { a: 5 }), ...dots('S2', 'staff', { a: 5 }), ...dots('P1', 'person', { b: 5 })];
    expect(dividedThemes('dots', input(themes, { votes }), 1)).toEqual([]);
  });

  it('only counts votes on the themes being ranked', () => {
    const themes = [theme('a'), theme('b')];
    const votes = [...dots('S1', 'staff', { w: 5 }), ...dots('S2', 'staff', { w: 5 }), ...dots('P1', 'person', { b: 5 }), ...dots('P2', 'person', { b: 5 })];
    expect(dividedThemes('dots', input(themes, { votes }), 1)).toEqual([]);
  });

  it('flags nothing when every group agrees, or with one group', () => {
    const themes = [theme('a'), theme('b')];
    const votes = [...dots('S1', 'staff', { a: 4, b: 1 }), ...dots('S2', 'staff', { a: 4, b: 1 }), ...dots('P1', 'person', { a: 3, b: 2 }), ...dots('P2', 'person', { a: 3, b: 2 })];
    expect(dividedThemes('dots', input(themes, { votes }), 1)).toEqual([]);
    expect(dividedThemes('dots', input(themes, { votes: votes.filter((v) => v.perspective === 'staff') }), 1)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

const ids = ['t1', 't2', 't3', 't4', 't5'];
const themesArb = fc.integer({ min: 1, max: 5 }).map((n) => ids.slice(0, n).map((id) => theme(id)));
const perspectiveArb = fc.constantFrom<Perspective>('person', 'family', 'staff');
const votesArb = fc
  .array(fc.tuple(perspectiveArb, fc.array(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 3 })), { maxLength: 3 })), { maxLength: 12 })
  .map((voters) => voters.flatMap(([p, given], v) => given.map(([t, n], i) => ({ voter: `v${v}`, perspective: p, theme: t, dots: n, source: 'x', line: i }))));
const ballotsArb = fc
  .array(fc.tuple(perspectiveArb, fc.shuffledSubarray(ids, { minLength: 1 })), { maxLength: 12 })
  .map((rows) => rows.map(([p, ranking], v) => ballot(`b${v}`, p, ranking)));
const shuffle = <T>(xs: readonly T[], keys: number[]) => xs.map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)] ?? 0, i })).sort((a, b) => a.k - b.k || b.i - a.i).map((e) => e.x);
const methodArb = fc.constantFrom<Method>('dots', 'weighted', 'borda', 'schulze');

describe('prioritisation invariants', () => {
  it('permuting voters or rows never changes the result', () => {
    fc.assert(
      fc.property(themesArb, votesArb, ballotsArb, fc.array(fc.nat(), { minLength: 1 }), methodArb, (themes, votes, ballots, keys, method) => {
        const a = prioritise(method, input(themes, { votes, ballots }));
        const b = prioritise(method, input(shuffle(themes, keys), { votes: shuffle(votes, keys), ballots: shuffle(ballots, keys) }));
        expect(b.ranking).toEqual(a.ranking);
      }),
      { numRuns: 200 },
    );
  });

  it('a voter who gives no dots changes nothing', () => {
    fc.assert(
      fc.property(themesArb, votesArb, perspectiveArb, (themes, votes, p) => {
        const zero = themes.map((t) => ({ voter: 'nobody', perspective: p, theme: t.id, dots: 0, source: 'x', line: 1 }));
        for (const method of ['dots', 'weighted'] as const) {
          expect(prioritise(method, input(themes, { votes: [...votes, ...zero] })).ranking).toEqual(prioritise(method, input(themes, { votes })).ranking);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('weighted with one group equals dots', () => {
    fc.assert(
      fc.property(themesArb, votesArb, perspectiveArb, (themes, votes, p) => {
        const one = votes.map((v) => ({ ...v, perspective: p }));
        const w = prioritise('weighted', input(themes, { votes: one, weights: { [p]: 3 } })).ranking;
        const d = prioritise('dots', input(themes, { votes: one })).ranking;
        expect(w.map((r) => [r.themeId, r.rank, r.score])).toEqual(d.map((r) => [r.themeId, r.rank, r.score]));
      }),
      { numRuns: 200 },
    );
  });

  it('weighted gives every group present the same total, and the scores add up to the dots placed', () => {
    fc.assert(
      fc.property(themesArb, votesArb, (themes, votes) => {
        const r = prioritise('weighted', input(themes, { votes }));
        const groups = Object.values(r.arithmetic.groups as Record<string, { weighted_total: number }>);
        const total = votes.filter((v) => themes.some((t) => t.id === v.theme)).reduce((t, v) => t + v.dots, 0);
        for (const g of groups) expect(g.weighted_total).toBeCloseTo(total / groups.length, 9);
        expect(r.ranking.reduce((t, x) => t + x.score, 0)).toBeCloseTo(total, 6);
      }),
      { numRuns: 200 },
    );
  });
});
