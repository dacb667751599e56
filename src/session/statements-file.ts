import { type Problem, ProblemsError } from '../errors.js';
import { parseCsv } from '../core/csv.js';
import { guardCell, readGuardedCell, writeGuardedCsv } from '../core/csv-write.js';
import type { Duplicate, Rejection } from '../core/ingest.js';
import { type Statement, categories, isCategory, isPerspective, perspectives, statementColumns } from '../core/model.js';

/** Reads `statements.csv`, checking the header, every value and that ids are unique. */
export function parseStatementsFile(text: string, file: string): Statement[] {
  if (text.trim() === '') return [];
  const csv = parseCsv(text, file, ',');
  const expected = statementColumns.join(',');
  if (csv.header.join(',') !== expected) {
    throw new ProblemsError(`${file} has the wrong header`, [
      { where: { file, line: csv.headerLine }, message: `expected "${expected}", found "${csv.header.join(',')}"` },
    ], 'restore the header line exactly as shown');
  }
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const statements: Statement[] = [];
  for (const row of csv.rows) {
    const [id = '', text = '', category = '', perspective = '', person = '', council = '', source = '', line = ''] = row.cells.map(readGuardedCell);
    const where = { file, line: row.line };
    const before = problems.length;
    if (row.cells.length !== statementColumns.length) {
      problems.push({ where, message: `has ${row.cells.length} fields, expected ${statementColumns.length}` });
    }
    if (id.trim() === '') problems.push({ where, message: 'has no id' });
    const earlier = seen.get(id);
    if (earlier !== undefined) problems.push({ where, message: `repeats id ${id} from line ${earlier}`, hint: 'ids must be unique' });
    if (text.trim() === '') problems.push({ where, message: `statement ${id} has no text` });
    if (!isCategory(category)) problems.push({ where, message: `category "${category}" is not one of ${categories.join(', ')}` });
    if (!isPerspective(perspective)) problems.push({ where, message: `perspective "${perspective}" is not one of ${perspectives.join(', ')}` });
    if (!/^\d*$/.test(line)) problems.push({ where, message: `line "${line}" is not a number` });
    seen.set(id, row.line);
    if (problems.length === before) {
      statements.push({
        id,
        text,
        category: category as Statement['category'],
        perspective: perspective as Statement['perspective'],
        person,
        council,
        source,
        line: line === '' ? 0 : Number(line),
      });
    }
  }
  if (problems.length > 0) {
    throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems.slice(0, 20), 'fix those lines, or restore the file from a backup');
  }
  return statements;
}

export function renderStatementsCsv(statements: readonly Statement[]): string {
  return writeGuardedCsv(statements.map((s) => statementColumns.map((c) => String(s[c]))), statementColumns);
}

/**
 * `renderStatementsCsv`, byte for byte, in pieces of `size` statements, for writing a large file
 * without holding it whole. The cells are written here rather than by csv-stringify, which spends
 * several seconds on a million statements; the rule is csv-stringify's for these options: a cell
 * holding a quote, a comma, a CR or an LF is quoted, with its quotes doubled.
 */
export function* renderStatementsCsvPieces(statements: readonly Statement[], size = 10_000): Generator<string> {
  let lines: string[] = [statementColumns.join(',')];
  const cells: string[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    for (let c = 0; c < statementColumns.length; c++) cells[c] = csvCell(String(s[statementColumns[c]!]));
    lines.push(cells.join(','));
    if (lines.length >= size) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

const needsQuotes = /[",\n\r]/;

function csvCell(raw: string): string {
  const value = guardCell(raw);
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const rejectedColumns = ['source', 'line', 'reason', 'id', 'text', 'category', 'perspective', 'person', 'council'] as const;

/** A line of `rejected.csv`: the same shape as ingest's rejections. */
export type RejectedRow = Rejection;

export function rejectedFromDuplicate(d: Duplicate, category: string): RejectedRow {
  return {
    source: d.source,
    line: d.line,
    reason: `duplicate of ${d.of}`,
    id: '',
    text: d.text,
    category,
    perspective: '',
    person: '',
    council: '',
  };
}

/** `rejected.csv` keeps every row ingest turned away, with why, so nothing typed is lost. */
export function parseRejectedFile(text: string, file: string): RejectedRow[] {
  if (text.trim() === '') return [];
  const csv = parseCsv(text, file, ',');
  if (csv.header.join(',') !== rejectedColumns.join(',')) {
    throw new ProblemsError(`${file} has the wrong header`, [
      { where: { file, line: csv.headerLine }, message: `expected "${rejectedColumns.join(',')}"` },
    ], 'restore the header line, or move the file away to start a new list');
  }
  return csv.rows.map((row) => {
    const [source = '', line = '', reason = '', id = '', t = '', category = '', perspective = '', person = '', council = ''] = row.cells.map(readGuardedCell);
    return { source, line: Number(line) || 0, reason, id, text: t, category, perspective, person, council };
  });
}

export function renderRejectedCsv(rows: readonly RejectedRow[]): string {
  return writeGuardedCsv(rows.map((r) => rejectedColumns.map((c) => String(r[c]))), rejectedColumns);
}

/** Adds new rejections, leaving out any already listed, so re-ingesting a file does not grow the list. */
export function mergeRejected(existing: readonly RejectedRow[], fresh: readonly RejectedRow[]): RejectedRow[] {
  const key = (r: RejectedRow) => [r.source, r.line, r.reason, r.text].join('\u0000');
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const r of fresh) {
    if (seen.has(key(r))) continue;
    seen.add(key(r));
    out.push(r);
  }
  return out;
}
