import { existsSync } from 'node:fs';
import { type Problem, WtfcError } from '../errors.js';
import { categories } from '../core/model.js';
import { type Ballot, type DotVote, peopleVoting } from '../core/prioritise.js';
import { type VoteLayout, readVoteFile } from '../core/votes.js';
import { readText, writeFileAtomic } from '../session/atomic.js';
import { type Session, loadSession } from '../session/session.js';
import { parseBallotsFile, parseVotesFile, renderBallotsCsv, renderVotesCsv } from '../session/votes-file.js';
import type { Context } from './context.js';
import { readSource } from './ingest.js';
import { parseDelimiter, parseEncoding } from './flags.js';
import { loadThemesState } from './themes-store.js';

export interface VotesImportOptions {
  strict?: boolean;
  replace?: boolean;
  encoding?: string;
  delimiter?: string;
}

export interface VoteFileSummary {
  file: string;
  layout: VoteLayout;
  rows: number;
  skipped: number;
  voters: number;
  dots: number;
  ballots: number;
  problems: Problem[];
}

export interface VotesImportSummary {
  files: VoteFileSummary[];
  /** Whether anything was written: not under --strict with problems. */
  written: boolean;
  failedStrict: boolean;
  /** What the session holds now (or would have held). */
  held: { voters: number; dots: number; ballots: number };
  votesFile: string;
  ballotsFile: string;
}

export function loadVotes(s: Session): { votes: DotVote[]; ballots: Ballot[] } {
  return {
    votes: existsSync(s.paths.votes) ? parseVotesFile(readText(s.paths.votes), s.show(s.paths.votes)) : [],
    ballots: existsSync(s.paths.ballots) ? parseBallotsFile(readText(s.paths.ballots), s.show(s.paths.ballots)) : [],
  };
}

/**
 * Imports dot votes and ranked ballots. Each problem is reported with its file and line; bad rows
 * are left out and counted. Under --strict any problem means nothing is written (exit 1).
 */
export async function importVotes(ctx: Context, files: string[], options: VotesImportOptions): Promise<VotesImportSummary> {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set } = loadThemesState(ctx, s);
  const themes = categories.flatMap((c) => set.categories[c].themes);
  const stored = loadVotes(s);
  const sources = [];
  // The session's ingest limits hold here too: a vote file of millions of rows is a mistake.
  let rows = 0;
  for (const file of files) {
    const source = await readSource(ctx, file, parseEncoding(options.encoding), parseDelimiter(options.delimiter), s.settings.ingest, rows);
    rows += source.csv.rows.length;
    sources.push(source);
  }

  const allowance = s.settings.prioritise.dots;
  // The layouts decide which stored kind --replace clears, and which files are written.
  const layouts = sources.map((src) => readVoteFile(src.csv, src.file, src.source, { themes, allowance, voters: new Map() }).layout);
  const dotFiles = layouts.some((l) => l !== 'ranked');
  const ballotFiles = layouts.includes('ranked');
  const kept = {
    votes: options.replace && dotFiles ? [] : stored.votes,
    ballots: options.replace && ballotFiles ? [] : stored.ballots,
  };
  const dotVoters = new Map<string, string>();
  const ballotVoters = new Map<string, string>();
  for (const v of kept.votes) if (!dotVoters.has(v.voter)) dotVoters.set(v.voter, `${v.source}:${v.line}`);
  for (const b of kept.ballots) ballotVoters.set(b.voter, `${b.source}:${b.line}`);
  const read = sources.map((src, i) => {
    const voters = layouts[i] === 'ranked' ? ballotVoters : dotVoters;
    const r = readVoteFile(src.csv, src.file, src.source, { themes, allowance, voters });
    for (const v of r.votes) if (!voters.has(v.voter)) voters.set(v.voter, `${src.file}:${v.line}`);
    for (const b of r.ballots) voters.set(b.voter, `${src.file}:${b.line}`);
    return r;
  });
  const problems = read.reduce((t, r) => t + r.problems.length, 0);
  const failedStrict = Boolean(options.strict) && problems > 0;
  const votes = [...kept.votes, ...read.flatMap((r) => r.votes)];
  const ballots = [...kept.ballots, ...read.flatMap((r) => r.ballots)];
  const write = !failedStrict;
  if (write) {
    if (dotFiles) writeFileAtomic(s.paths.votes, renderVotesCsv(votes));
    if (ballotFiles) writeFileAtomic(s.paths.ballots, renderBallotsCsv(ballots));
  }
  return {
    files: read.map((r) => ({
      file: r.file,
      layout: r.layout,
      rows: r.rows,
      skipped: r.skipped,
      voters: peopleVoting(r.votes) + new Set(r.ballots.map((b) => b.voter)).size,
      dots: r.votes.reduce((t, v) => t + v.dots, 0),
      ballots: r.ballots.length,
      problems: r.problems,
    })),
    written: write,
    failedStrict,
    held: {
      voters: peopleVoting(write ? votes : stored.votes),
      dots: (write ? votes : stored.votes).reduce((t, v) => t + v.dots, 0),
      ballots: (write ? ballots : stored.ballots).length,
    },
    votesFile: s.show(s.paths.votes),
    ballotsFile: s.show(s.paths.ballots),
  };
}

/** One voter's dots as a facilitator types them from a paper ballot, or a participant places them. */
export interface DotsEntry {
  voter: string;
  perspective: string;
  /** Dots by theme id; themes left out get none. */
  dots: Record<string, number>;
  /** For a group's tally: how many people placed these dots (one when left out). */
  people?: number;
}

/**
 * Adds one voter's dots to votes.csv, checked exactly as a row of a wide vote file is by `wtfc
 * votes import` (known, unparked themes; whole numbers; the allowance; a voter votes once). A
 * problem refuses the entry with its message, and nothing is written.
 */
export function recordDots(ctx: Context, entry: DotsEntry, where = 'the wall'): { voter: string; people: number; dots: number; votesFile: string } {
  const ids = Object.keys(entry.dots);
  const header = ['voter', 'perspective', 'people', ...ids];
  const { s, stored, read } = readEntry(ctx, header, [entry.voter, entry.perspective, String(entry.people ?? 1), ...ids.map((id) => String(entry.dots[id]))], where, 'dots');
  writeFileAtomic(s.paths.votes, renderVotesCsv([...stored.votes, ...read.votes]));
  return { voter: entry.voter.trim(), people: entry.people ?? 1, dots: read.votes.reduce((t, v) => t + v.dots, 0), votesFile: s.show(s.paths.votes) };
}

/** One voter's ranked ballot, best first, as a facilitator types it from paper. */
export interface BallotEntry {
  voter: string;
  perspective: string;
  /** Theme ids, best first. */
  ranking: string[];
}

/**
 * Adds one ranked ballot to ballots.csv, checked exactly as a row of a ranked file is by `wtfc
 * votes import` (known, unparked themes, each once; a voter's one ballot). A problem refuses it.
 */
export function recordBallot(ctx: Context, entry: BallotEntry, where = 'the wall'): { voter: string; ranked: number; ballotsFile: string } {
  // An empty ballot is still a ranked row, so the reader says it ranks no theme.
  const ranks = entry.ranking.length > 0 ? entry.ranking : [''];
  const header = ['voter', 'perspective', ...ranks.map((_, i) => `rank${i + 1}`)];
  const { s, stored, read } = readEntry(ctx, header, [entry.voter, entry.perspective, ...ranks], where, 'ballots');
  writeFileAtomic(s.paths.ballots, renderBallotsCsv([...stored.ballots, ...read.ballots]));
  return { voter: entry.voter.trim(), ranked: read.ballots[0]!.ranking.length, ballotsFile: s.show(s.paths.ballots) };
}

/** One row typed on the wall, read as `votes import` reads a row of a file; its first problem refuses it. */
function readEntry(ctx: Context, header: string[], cells: string[], where: string, kind: 'dots' | 'ballots') {
  const s = loadSession(ctx.dir, ctx.io.cwd, ctx.today());
  const { set } = loadThemesState(ctx, s);
  const themes = categories.flatMap((c) => set.categories[c].themes);
  const stored = loadVotes(s);
  const earlier = kind === 'dots' ? stored.votes : stored.ballots;
  const voters = new Map<string, string>();
  for (const v of earlier) if (!voters.has(v.voter)) voters.set(v.voter, `${v.source}:${v.line}`);
  const line = earlier.filter((v) => v.source === where).reduce((n, v) => Math.max(n, v.line), 1) + 1;
  const csv = { delimiter: ',' as const, header, headerLine: 1, rows: [{ line, cells }] };
  const read = readVoteFile(csv, where, where, { themes, allowance: s.settings.prioritise.dots, voters });
  const problem = read.problems[0];
  if (problem) throw new WtfcError(problem.message, problem.hint ? { hint: problem.hint } : {});
  return { s, stored, read };
}
