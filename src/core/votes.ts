import type { Problem } from '../errors.js';
import { inputError } from '../errors.js';
import type { ParsedCsv, RawRow } from './csv.js';
import type { Ballot, DotVote } from './prioritise.js';
import { normalisePerspective, perspectiveChoices } from './values.js';
import type { Perspective, Theme } from './model.js';

export type VoteLayout = 'long' | 'wide' | 'ranked';

/** What one vote file gave: the votes and ballots that passed, and every problem, with its line. */
export interface VoteFileResult {
  file: string;
  layout: VoteLayout;
  /** Data rows read (blank rows aside). */
  rows: number;
  /** Rows skipped because of a problem. */
  skipped: number;
  votes: DotVote[];
  ballots: Ballot[];
  problems: Problem[];
}

export interface VoteContext {
  /** Every theme in the session, parked ones included (so they can be named as parked). */
  themes: readonly Theme[];
  /** Dots each voter may place. */
  allowance: number;
  /** Voters already stored or read from an earlier file, with where they came from. */
  voters: Map<string, string>;
}

const voterHeaders = ['voter', 'voter_id', 'voter id', 'participant', 'name'];
const perspectiveHeaders = ['perspective', 'group', 'who'];
const themeHeaders = ['theme', 'theme_id', 'theme id', 'theme name', 'theme_name'];
const dotsHeaders = ['dots', 'votes', 'dots placed', 'number of dots'];
const peopleHeaders = ['people', 'number of people', 'how many people'];
const rankHeader = /^rank[\s_-]*(\d+)$/;

/**
 * Reads one file of dot votes or ranked ballots. Three layouts, told apart by the header:
 * - long: `voter,perspective,theme,dots`, one row per voter and theme;
 * - wide: `voter,perspective` and one column per theme (its id or exact name), dots in the cells;
 * - ranked: `voter,perspective,rank1,rank2,…`, one ballot per row, best first.
 * A theme is named by its id or its exact current name. Bad rows are reported and left out. With
 * dots, a `people` column makes a row a group's tally: that many people placed its dots, so the
 * allowance is theirs together.
 */
export function readVoteFile(csv: ParsedCsv, file: string, source: string, context: VoteContext): VoteFileResult {
  const header = csv.header.map((h) => h.trim().toLowerCase());
  const voterCol = header.findIndex((h) => voterHeaders.includes(h));
  const perspectiveCol = header.findIndex((h) => perspectiveHeaders.includes(h));
  if (voterCol < 0) {
    throw inputError(`${file} has no voter column`, { file, line: csv.headerLine }, 'name the column "voter": one row per voter (or per voter and theme)');
  }
  if (perspectiveCol < 0) {
    throw inputError(`${file} has no perspective column`, { file, line: csv.headerLine }, 'add a "perspective" column (person, family, staff or other): the weighted count needs to know each voter\'s group');
  }
  const themeCol = header.findIndex((h) => themeHeaders.includes(h));
  const dotsCol = header.findIndex((h) => dotsHeaders.includes(h));
  const rankCols = header.map((h, i) => ({ i, m: rankHeader.exec(h) })).filter((x) => x.m).sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
  const layout: VoteLayout = themeCol >= 0 && dotsCol >= 0 ? 'long' : rankCols.length > 0 ? 'ranked' : 'wide';
  const peopleCol = layout === 'ranked' ? -1 : header.findIndex((h) => peopleHeaders.includes(h));
  const reader = new VoteRows(csv, file, source, context, layout, voterCol, perspectiveCol, peopleCol);
  if (layout === 'wide') readWide(reader, header.map((_, i) => i).filter((i) => i !== voterCol && i !== perspectiveCol && i !== peopleCol));
  else if (layout === 'long') readLong(reader, themeCol, dotsCol);
  else readRanked(reader, rankCols.map((c) => c.i));
  return reader.result;
}

/** What the three layouts share: the rows, the result, and how a cell is read and a problem told. */
class VoteRows {
  readonly result: VoteFileResult;
  readonly rows: RawRow[];
  /** Voters seen in this file, at the line they first appear. */
  readonly seenHere = new Map<string, number>();
  private readonly byId: Map<string, Theme>;
  private readonly byName: Map<string, Theme>;

  constructor(
    readonly csv: ParsedCsv,
    readonly file: string,
    readonly source: string,
    readonly context: VoteContext,
    layout: VoteLayout,
    readonly voterCol: number,
    readonly perspectiveCol: number,
    readonly peopleCol: number,
  ) {
    this.result = { file, layout, rows: 0, skipped: 0, votes: [], ballots: [], problems: [] };
    this.rows = csv.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
    this.result.rows = this.rows.length;
    this.byId = new Map(context.themes.map((t) => [t.id.toLowerCase(), t]));
    this.byName = new Map(context.themes.map((t) => [t.name.trim(), t]));
  }

  problem(line: number, message: string, column?: number, hint?: string): void {
    this.result.problems.push({ where: { file: this.file, line, ...(column !== undefined ? { column } : {}) }, message, ...(hint ? { hint } : {}) });
  }

  /** The theme a cell names, or a reason it names none. */
  theme(value: string): Theme | string {
    const found = this.byId.get(value.trim().toLowerCase()) ?? this.byName.get(value.trim());
    if (!found) return `unknown theme "${value.trim()}"`;
    if (found.parked) return `theme ${found.id} is parked, so it is not voted on`;
    return found;
  }

  themeProblem(reason: string, line: number, column: number): void {
    this.problem(line, reason, column, reason.startsWith('unknown') ? 'name a theme by its id (nw-03) or its exact current name' : undefined);
  }

  /** The row's voter, reporting a row without one. */
  voter(row: RawRow): string {
    const voter = (row.cells[this.voterCol] ?? '').trim();
    if (voter === '') this.problem(row.line, 'has no voter', this.voterCol + 1);
    return voter;
  }

  perspective(row: RawRow): Perspective | undefined {
    const value = row.cells[this.perspectiveCol] ?? '';
    if (value.trim() === '') {
      this.problem(row.line, 'has no perspective', this.perspectiveCol + 1, `say whose vote it is: ${perspectiveChoices}`);
      return undefined;
    }
    const p = normalisePerspective(value);
    if (!p) this.problem(row.line, `unknown perspective "${value}"`, this.perspectiveCol + 1, `use one of ${perspectiveChoices}`);
    return p;
  }

  /** How many people a row's dots are from: a group's tally gives its count; blank, or no column, is one. */
  people(row: RawRow): number | undefined {
    if (this.peopleCol < 0) return 1;
    const text = (row.cells[this.peopleCol] ?? '').trim();
    if (text === '') return 1;
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 10_000) {
      this.problem(row.line, `people "${text}" is not a whole number from 1 to 10000`, this.peopleCol + 1, 'give how many people placed the dots of this row, or leave it blank for one');
      return undefined;
    }
    return Number(text);
  }

  /** The dots one voter, or a group of `people`, may place. */
  allowance(people: number): number {
    return this.context.allowance * people;
  }

  dots(value: string, line: number, column: number): number | undefined {
    const text = value.trim();
    if (text === '') return 0;
    if (!/^\d+$/.test(text)) {
      this.problem(line, `dots "${value}" is not a whole number of 0 or more`, column);
      return undefined;
    }
    return Number(text);
  }

  /** A voter named on two rows of a layout with one row a voter: the second is reported. */
  once(voter: string, line: number): void {
    const earlier = this.seenHere.get(voter);
    if (voter !== '' && earlier !== undefined) this.problem(line, `voter "${voter}" appears twice (first at line ${earlier})`, this.voterCol + 1);
    // Every row names its voter once, whether or not it is kept.
    if (voter !== '' && earlier === undefined) this.seenHere.set(voter, line);
  }

  /** A voter whose votes are stored already, or came from an earlier file: reported, and true. */
  alreadyIn(voter: string, line: number): boolean {
    const earlier = this.context.voters.get(voter);
    if (earlier !== undefined) {
      this.problem(line, `voter "${voter}" has already voted (${earlier})`, this.voterCol + 1, 'each voter votes once; to import again, use --replace');
      return true;
    }
    return false;
  }
}

/** The allowance as a message says it: "5", or for a group's tally "30 (5 each for 6 people)". */
function allowanceText(each: number, people: number): string {
  return people === 1 ? String(each) : `${each * people} (${each} each for ${people} people)`;
}

/** Wide: every column but voter and perspective names a theme, with a voter's dots in the cells. */
function readWide(r: VoteRows, themeColumns: number[]): void {
  const { csv, result, context } = r;
  const columns = themeColumns.map((i) => ({ i, theme: r.theme(csv.header[i]!) }));
  for (const c of columns) {
    if (typeof c.theme === 'string') r.problem(csv.headerLine, `column "${csv.header[c.i]}": ${c.theme}; its dots are left out`, c.i + 1);
  }
  for (const row of r.rows) {
    const before = result.problems.length;
    const voter = r.voter(row);
    const perspective = r.perspective(row);
    // A column that names no theme is read only for numbers: dots placed there still count
    // against the allowance; anything else in it (notes) is left alone.
    const dots = columns.map((c) => {
      const cell = row.cells[c.i] ?? '';
      if (typeof c.theme === 'string') return { c, n: /^\s*\d+\s*$/.test(cell) ? Number(cell) : 0 };
      return { c, n: r.dots(cell, row.line, c.i + 1) };
    });
    const total = dots.reduce((t, d) => t + (d.n ?? 0), 0);
    const people = r.people(row);
    if (people !== undefined && total > r.allowance(people)) r.problem(row.line, `voter "${voter}" placed ${total} dots, over the allowance of ${allowanceText(context.allowance, people)}`, undefined, 'check the tally; the allowance is prioritise.dots in wtfc.yaml');
    r.once(voter, row.line);
    if (result.problems.length > before || (voter !== '' && r.alreadyIn(voter, row.line)) || !perspective || people === undefined) {
      result.skipped++;
      continue;
    }
    for (const d of dots) {
      if (typeof d.c.theme !== 'string' && d.n! > 0) result.votes.push({ voter, perspective, theme: d.c.theme.id, dots: d.n!, source: r.source, line: row.line, ...(people > 1 ? { people } : {}) });
    }
  }
}

/** Long: a row per voter and theme. Rows are grouped by voter first, so a voter over the allowance loses all their rows. */
function readLong(r: VoteRows, themeCol: number, dotsCol: number): void {
  const { result, context } = r;
  const accepted: DotVote[] = [];
  const placed: { voter: string; dots: number; line: number }[] = [];
  const firstLine = new Map<string, { line: number; perspective: string }>();
  const groupSize = new Map<string, { line: number; people: number }>();
  const themeLine = new Map<string, number>();
  for (const row of r.rows) {
    const before = result.problems.length;
    const voter = r.voter(row);
    const perspective = r.perspective(row);
    const t = r.theme(row.cells[themeCol] ?? '');
    if (typeof t === 'string') r.themeProblem(t, row.line, themeCol + 1);
    const n = r.dots(row.cells[dotsCol] ?? '', row.line, dotsCol + 1);
    const first = firstLine.get(voter);
    if (voter !== '' && first && perspective && first.perspective !== perspective) {
      r.problem(row.line, `voter "${voter}" is "${perspective}" here but "${first.perspective}" at line ${first.line}`, r.perspectiveCol + 1);
    }
    if (voter !== '' && !first && perspective) firstLine.set(voter, { line: row.line, perspective });
    // A group's tally names its number of people on each row, the same each time.
    const people = r.people(row);
    const size = groupSize.get(voter);
    if (voter !== '' && people !== undefined && size && size.people !== people) {
      r.problem(row.line, `voter "${voter}" is ${people} people here but ${size.people} at line ${size.line}`, r.peopleCol + 1);
    }
    if (voter !== '' && people !== undefined && !size) groupSize.set(voter, { line: row.line, people });
    // No dots is no vote: it neither counts nor blocks a later row for the same theme.
    const key = `${voter}\u0000${typeof t === 'string' ? '' : t.id}`;
    const repeat = typeof t !== 'string' && n !== undefined && n > 0 && themeLine.has(key);
    if (repeat) r.problem(row.line, `voter "${voter}" gave dots to ${(t as Theme).id} twice (first at line ${themeLine.get(key)})`);
    else if (typeof t !== 'string' && n !== undefined && n > 0) themeLine.set(key, row.line);
    // Dots placed count against the allowance, even on a theme that is unknown or parked; a
    // repeated row is a copying slip, not more dots.
    if (voter !== '' && n !== undefined && n > 0 && !repeat) placed.push({ voter, dots: n, line: row.line });
    if (result.problems.length > before || !perspective || typeof t === 'string' || n === undefined || people === undefined) {
      result.skipped++;
      continue;
    }
    accepted.push({ voter, perspective, theme: t.id, dots: n, source: r.source, line: row.line, ...(people > 1 ? { people } : {}) });
  }
  const totals = new Map<string, number>();
  const over = new Set<string>();
  for (const v of placed) {
    const total = (totals.get(v.voter) ?? 0) + v.dots;
    totals.set(v.voter, total);
    const people = groupSize.get(v.voter)?.people ?? 1;
    if (total > r.allowance(people) && !over.has(v.voter)) {
      over.add(v.voter);
      r.problem(v.line, `voter "${v.voter}" reaches ${total} dots here, over the allowance of ${allowanceText(context.allowance, people)}; all their rows are left out`, undefined, 'check the tally; the allowance is prioritise.dots in wtfc.yaml');
    }
  }
  const stored = new Set([...firstLine.keys()].filter((voter) => r.alreadyIn(voter, firstLine.get(voter)!.line)));
  for (const v of accepted) {
    if (over.has(v.voter) || stored.has(v.voter)) result.skipped++;
    else if (v.dots > 0) result.votes.push(v);
  }
}

/** Ranked: a ballot per row, its themes in the rank columns, best first. */
function readRanked(r: VoteRows, rankColumns: number[]): void {
  const { result } = r;
  for (const row of r.rows) {
    const before = result.problems.length;
    const voter = r.voter(row);
    const perspective = r.perspective(row);
    const ranking: string[] = [];
    for (const i of rankColumns) {
      const cell = (row.cells[i] ?? '').trim();
      if (cell === '') continue;
      const t = r.theme(cell);
      if (typeof t === 'string') r.themeProblem(t, row.line, i + 1);
      else if (ranking.includes(t.id)) r.problem(row.line, `ranks ${t.id} twice`, i + 1);
      else ranking.push(t.id);
    }
    if (ranking.length === 0 && result.problems.length === before) r.problem(row.line, 'ranks no theme');
    r.once(voter, row.line);
    if (result.problems.length > before || !perspective || (voter !== '' && r.alreadyIn(voter, row.line))) {
      result.skipped++;
      continue;
    }
    result.ballots.push({ voter, perspective, ranking, source: r.source, line: row.line });
  }
}
