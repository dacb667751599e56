import { type Problem, ProblemsError } from '../errors.js';
import { parseCsv } from '../core/csv.js';
import { readGuardedCell, writeGuardedCsv } from '../core/csv-write.js';
import { isPerspective } from '../core/model.js';
import type { Ballot, DotVote } from '../core/prioritise.js';

export const voteColumns = ['voter', 'perspective', 'theme', 'dots', 'source', 'line'] as const;
/** With a group's tally among the votes: how many people each row's voter is. */
const tallyColumns = [...voteColumns, 'people'] as const;
export const ballotColumns = ['voter', 'perspective', 'rank', 'theme', 'source', 'line'] as const;

/**
 * `votes.csv`: one row per voter and theme with dots, as imported. A `people` column is added only
 * when a group's tally is among them, so a session of single voters keeps the file it always had.
 */
export function renderVotesCsv(votes: readonly DotVote[]): string {
  const tallies = votes.some((v) => (v.people ?? 1) > 1);
  const row = (v: DotVote) => [v.voter, v.perspective, v.theme, String(v.dots), v.source, String(v.line), ...(tallies ? [String(v.people ?? 1)] : [])];
  return writeGuardedCsv(votes.map(row), tallies ? tallyColumns : voteColumns);
}

/** `ballots.csv`: one row per voter and ranked theme, rank 1 first. */
export function renderBallotsCsv(ballots: readonly Ballot[]): string {
  return writeGuardedCsv(
    ballots.flatMap((b) => b.ranking.map((theme, r) => [b.voter, b.perspective, String(r + 1), theme, b.source, String(b.line)])),
    ballotColumns,
  );
}

function rowsOf(text: string, file: string, columns: readonly string[], alternative?: readonly string[]) {
  if (text.trim() === '') return [];
  const csv = parseCsv(text, file, ',');
  const header = csv.header.join(',');
  if (header !== columns.join(',') && header !== alternative?.join(',')) {
    throw new ProblemsError(`${file} has the wrong header`, [{ where: { file, line: csv.headerLine }, message: `expected "${columns.join(',')}", found "${header}"` }], 'restore the header line exactly as shown');
  }
  return csv.rows.map((row) => ({ ...row, cells: row.cells.map(readGuardedCell) }));
}

export function parseVotesFile(text: string, file: string): DotVote[] {
  const problems: Problem[] = [];
  const votes: DotVote[] = [];
  for (const row of rowsOf(text, file, voteColumns, tallyColumns)) {
    const [voter = '', perspective = '', theme = '', dots = '', source = '', line = '', people = '1'] = row.cells;
    const where = { file, line: row.line };
    if (voter.trim() === '' || theme.trim() === '') problems.push({ where, message: 'needs a voter and a theme' });
    else if (!isPerspective(perspective)) problems.push({ where, message: `perspective "${perspective}" is not one wtfc knows` });
    else if (!/^\d+$/.test(dots)) problems.push({ where, message: `dots "${dots}" is not a whole number` });
    // A number too big to hold exactly (400 nines is Infinity) made every score NaN.
    else if (!Number.isSafeInteger(Number(dots))) problems.push({ where, message: `dots ${dots.length > 20 ? `${dots.slice(0, 20)}…` : dots} is too large` });
    else if (!/^[1-9]\d{0,4}$/.test(people)) problems.push({ where, message: `people "${people}" is not a whole number from 1` });
    else votes.push({ voter, perspective, theme, dots: Number(dots), source, line: Number(line) || 0, ...(Number(people) > 1 ? { people: Number(people) } : {}) });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems.slice(0, 20), 'fix those lines, or import the votes again with --replace');
  return votes;
}

export function parseBallotsFile(text: string, file: string): Ballot[] {
  const problems: Problem[] = [];
  const ballots = new Map<string, Ballot & { ranks: number[] }>();
  for (const row of rowsOf(text, file, ballotColumns)) {
    const [voter = '', perspective = '', rank = '', theme = '', source = '', line = ''] = row.cells;
    const where = { file, line: row.line };
    if (voter.trim() === '' || theme.trim() === '') problems.push({ where, message: 'needs a voter and a theme' });
    else if (!isPerspective(perspective)) problems.push({ where, message: `perspective "${perspective}" is not one wtfc knows` });
    else if (!/^[1-9]\d*$/.test(rank)) problems.push({ where, message: `rank "${rank}" is not a whole number from 1` });
    else {
      const b = ballots.get(voter) ?? { voter, perspective, ranking: [], ranks: [], source, line: Number(line) || 0 };
      b.ranking.push(theme);
      b.ranks.push(Number(rank));
      ballots.set(voter, b);
    }
  }
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems.slice(0, 20), 'fix those lines, or import the ballots again with --replace');
  return [...ballots.values()].map(({ ranks, ...b }) => ({
    ...b,
    ranking: b.ranking.map((t, i) => ({ t, r: ranks[i]! })).sort((x, y) => x.r - y.r).map((x) => x.t),
  }));
}
