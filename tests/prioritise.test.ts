import { describe, expect, it } from 'vitest';
import type { Perspective, Statement, Theme } from '../src/core/model.js';
import { type RankedTheme, prioritise, topPriorities } from '../src/core/prioritise.js';

function statement(id: string, person: string, perspective: Perspective = 'person', council = 'Northmere'): Statement {
  return { id, text: `statement ${id}`, category: 'not_working', perspective, person, council, source: 'in.csv', line: 2 };
}

/** A theme whose size and perspectives deliberately say nothing useful: ranking must count. */
function theme(id: string, statements: string[]): Theme {
  return { id, category: 'not_working', name: `Theme ${id}`, draft: '', label: '', statements, representative: [], size: 0, perspectives: {}, cohesion: 0, locked: false, parked: false, edited: false };
}

function rankByCount(themes: Theme[], statements: Statement[]): (RankedTheme & { people: number })[] {
  return prioritise('count', { themes, statements, votes: [], ballots: [], weights: {} }).ranking.map((r) => ({ ...r, people: r.tieBreak }));
}

const summary = (ranked: (RankedTheme & { people: number })[]) => ranked.map((r) => [r.themeId, r.rank, r.tied, r.score, r.people]);

// ---------------------------------------------------------------------------------------------

describe('count', () => {
  it('ranks by statement count, highest first', () => {
    const statements = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1'].map((id, i) => statement(id, `P${i}`));
    const ranked = rankByCount([theme('a', ['a1', 'a2']), theme('b', ['b1', 'b2', 'b3']), theme('c', ['c1'])], statements);
    expect(summary(ranked)).toEqual([
      ['b', 1, false, 3, 3],
      ['a', 2, false, 2, 2],
      ['c', 3, false, 1, 1],
    ]);
    expect(ranked[0]!.themeName).toBe('Theme b');
  });

  it('breaks a tie in count by the number of distinct people', () => {
    // Both themes hold three statements: x's come from three people, y's from one person.
    const statements = [
      statement('y1', 'P1'),
      statement('y2', 'P1'),
      statement('y3', 'P1'),
      statement('x1', 'P2'),
      statement('x2', 'P3'),
      statement('x3', 'P4'),
    ];
    // y is listed first and sorts first by id, so only the people count can put x ahead.
    const ranked = rankByCount([theme('y', ['y1', 'y2', 'y3']), theme('x', ['x1', 'x2', 'x3'])], statements);
    expect(summary(ranked)).toEqual([
      ['x', 1, false, 3, 3],
      ['y', 2, false, 3, 1],
    ]);
  });

  it('counts a statement with no person as its own person', () => {
    const statements = [statement('n1', ''), statement('n2', ''), statement('n3', ''), statement('p1', 'P1'), statement('p2', 'P1'), statement('p3', 'P2')];
    const ranked = rankByCount([theme('a-named', ['p1', 'p2', 'p3']), theme('b-anon', ['n1', 'n2', 'n3'])], statements);
    // Three anonymous statements are three people; P1, P1, P2 are two.
    expect(summary(ranked)).toEqual([
      ['b-anon', 1, false, 3, 3],
      ['a-named', 2, false, 3, 2],
    ]);
  });

  it('counts people with the same reference in different councils as different people', () => {
    // Person references are pseudonyms given per council (the report's people total and the
    // top-two check both key on council + person), so P1 of Northmere is not P1 of Eastbrook.
    const statements = [statement('e1', 'P1', 'person', 'Northmere'), statement('e2', 'P1', 'person', 'Eastbrook')];
    const [row] = rankByCount([theme('t', ['e1', 'e2'])], statements);
    expect(row!.people).toBe(2);
  });

  it('gives full ties a shared rank and skips the next (1, 2, 2, 4)', () => {
    const statements = [
      // t1: 4 statements, 2 people
      statement('a1', 'P1'),
      statement('a2', 'P1'),
      statement('a3', 'P2'),
      statement('a4', 'P2'),
      // t2 and t3: 3 statements from 3 people each (one anonymous in t3)
      statement('b1', 'P3'),
      statement('b2', 'P4'),
      statement('b3', 'P5'),
      statement('c1', 'P6'),
      statement('c2', 'P7'),
      statement('c3', ''),
      // t4: 3 statements from 2 people: the same count as t2 and t3, but fewer people
      statement('d1', 'P8'),
      statement('d2', 'P8'),
      statement('d3', 'P9'),
      // t5: 1 statement
      statement('e1', 'P10'),
    ];
    const ranked = rankByCount(
      [theme('t5', ['e1']), theme('t3', ['c1', 'c2', 'c3']), theme('t4', ['d1', 'd2', 'd3']), theme('t1', ['a1', 'a2', 'a3', 'a4']), theme('t2', ['b1', 'b2', 'b3'])],
      statements,
    );
    expect(summary(ranked)).toEqual([
      ['t1', 1, false, 4, 2],
      ['t2', 2, true, 3, 3],
      ['t3', 2, true, 3, 3],
      ['t4', 4, false, 3, 2],
      ['t5', 5, false, 1, 1],
    ]);
  });

  it('flags every member of a three-way tie, and only them', () => {
    const statements = ['a', 'b', 'c', 'd1', 'd2'].map((id) => statement(id, id.toUpperCase()));
    const ranked = rankByCount([theme('c', ['c']), theme('d', ['d1', 'd2']), theme('a', ['a']), theme('b', ['b'])], statements);
    expect(summary(ranked)).toEqual([
      ['d', 1, false, 2, 2],
      ['a', 2, true, 1, 1],
      ['b', 2, true, 1, 1],
      ['c', 2, true, 1, 1],
    ]);
  });

  it('counts statements by perspective', () => {
    const statements = [statement('s1', 'P1', 'person'), statement('s2', 'P2', 'family'), statement('s3', 'P3', 'family'), statement('s4', '', 'staff')];
    const [row] = rankByCount([theme('t', ['s1', 's2', 's3', 's4'])], statements);
    expect(row!.byPerspective).toEqual({ person: 1, family: 2, staff: 1 });
  });

  it('ranks nothing when there are no themes', () => {
    expect(rankByCount([], [statement('s1', 'P1')])).toEqual([]);
  });
});

describe('topPriorities', () => {
  const row = (themeId: string, rank: number, tied: boolean): RankedTheme => ({
    rank,
    tied,
    themeId,
    themeName: themeId,
    score: 10 - rank,
    tieBreak: 1,
    byPerspective: {},
  });
  const ranked = [row('t1', 1, false), row('t2', 2, true), row('t3', 2, true), row('t4', 4, false), row('t5', 5, false)];
  const ids = (r: { top: RankedTheme[] }) => r.top.map((t) => t.themeId);

  it('takes the top N when no tie straddles the cut', () => {
    const r = topPriorities(ranked, 1);
    expect(ids(r)).toEqual(['t1']);
    expect(r.tieAtCut).toBe(false);
  });

  it('widens the list to every theme tied at the cut, and says so', () => {
    const r = topPriorities(ranked, 2);
    expect(ids(r)).toEqual(['t1', 't2', 't3']);
    expect(r.tieAtCut).toBe(true);
  });

  it('does not flag a tie that ends exactly at the cut', () => {
    const r = topPriorities(ranked, 3);
    expect(ids(r)).toEqual(['t1', 't2', 't3']);
    expect(r.tieAtCut).toBe(false);
  });

  it('takes everything, with no tie flag, when there are fewer themes than N', () => {
    const r = topPriorities(ranked, 8);
    expect(ids(r)).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(r.tieAtCut).toBe(false);
  });

  it('takes everything when there are exactly N themes', () => {
    const r = topPriorities(ranked.slice(0, 3), 3);
    expect(ids(r)).toEqual(['t1', 't2', 't3']);
    expect(r.tieAtCut).toBe(false);
  });

  it('takes all of a tie for first place', () => {
    const r = topPriorities([row('a', 1, true), row('b', 1, true), row('c', 1, true), row('d', 4, false)], 1);
    expect(ids(r)).toEqual(['a', 'b', 'c']);
    expect(r.tieAtCut).toBe(true);
  });

  it('works on the output of rankByCount end to end', () => {
    const statements = ['a1', 'a2', 'b1', 'c1', 'd1'].map((id) => statement(id, id));
    const ranking = rankByCount([theme('a', ['a1', 'a2']), theme('b', ['b1']), theme('c', ['c1']), theme('d', ['d1'])], statements);
    const r = topPriorities(ranking, 2);
    expect(ids(r)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.tieAtCut).toBe(true);
  });

  it('returns a copy, not the ranking itself', () => {
    const r = topPriorities(ranked, 10);
    expect(r.top).not.toBe(ranked);
    expect(r.top).toEqual(ranked);
  });
});
