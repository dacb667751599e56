import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Statement, categories, perspectives, statementColumns } from '../src/core/model.js';
import { ExitCode, ProblemsError } from '../src/errors.js';
import {
  type RejectedRow,
  mergeRejected,
  parseRejectedFile,
  parseStatementsFile,
  renderRejectedCsv,
  renderStatementsCsv,
} from '../src/session/statements-file.js';

const FILE = 'statements.csv';
const HEADER = statementColumns.join(',');
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** The ProblemsError thrown by `fn`; fails the test if `fn` returns or throws anything else. */
function problemsOf(fn: () => unknown): ProblemsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemsError);
    const e = err as ProblemsError;
    expect(e.exitCode).toBe(ExitCode.usage);
    for (const p of e.problems) expect(p.where.file).toBe(FILE);
    return e;
  }
  throw new Error('expected a ProblemsError, but nothing was thrown');
}

function statement(id: string, text: string, extra: Partial<Statement> = {}): Statement {
  return { id, text, category: 'working', perspective: 'person', person: 'P1', council: 'Northmere', source: 'in.csv', line: 2, ...extra };
}

// ---------------------------------------------------------------------------------------------

describe('renderStatementsCsv → parseStatementsFile', () => {
  // Any Unicode code point, weighted towards what CSV quoting has to get right.
  const awkward = fc.constantFrom('"', ',', '\n', '\r\n', '\r', ' ', '""', ';', '\t', '\uFEFF', '\u2028', 'é', '😀', '\u0000');
  const anyText = fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });
  const statementArb = fc.record({
    id: anyText.filter((s) => s.trim() !== ''),
    text: anyText.filter((s) => s.trim() !== ''),
    category: fc.constantFrom(...categories),
    perspective: fc.constantFrom(...perspectives),
    person: anyText,
    council: anyText,
    source: anyText,
    line: fc.nat({ max: 1_000_000 }),
  });
  const statementsArb = fc.uniqueArray(statementArb, { selector: (s) => s.id, maxLength: 8 });

  it('gives back arbitrary statements, and the same bytes when written again', () => {
    fc.assert(
      fc.property(statementsArb, (statements) => {
        const csv = renderStatementsCsv(statements);
        const back = parseStatementsFile(csv, FILE);
        expect(back).toEqual(statements);
        expect(renderStatementsCsv(back)).toBe(csv);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps text with quotes, commas and LF or CRLF line breaks', () => {
    const statements = [
      statement('s1', 'She said "no", then "yes, fine"'),
      statement('s2', 'Line one\nLine two\r\nLine three', { category: 'future', perspective: 'family' }),
      statement('s3', ' padded, with a trailing space ', { person: '', council: '', line: 0 }),
    ];
    const csv = renderStatementsCsv(statements);
    expect(csv.startsWith(`${HEADER}\n`)).toBe(true);
    expect(parseStatementsFile(csv, FILE)).toEqual(statements);
  });

  it('keeps a bare CR (an old Mac line end) inside a statement', () => {
    // Ingest keeps the text of a long-layout cell as it is, so "a\rb" from a CR-only export
    // reaches statements.csv. It must come back as one statement, not split the row.
    const statements = [statement('s1', 'line one\rline two'), statement('s2', 'next')];
    const csv = renderStatementsCsv(statements);
    expect(parseStatementsFile(csv, FILE)).toEqual(statements);
  });

  it('writes nothing but the header for no statements, and reads that back as none', () => {
    const csv = renderStatementsCsv([]);
    expect(parseStatementsFile(csv, FILE)).toEqual([]);
    expect(parseStatementsFile('', FILE)).toEqual([]);
  });

  it('reads the file after a spreadsheet saved it with a BOM and CRLF line ends', () => {
    const statements = [statement('s1', 'Two\nlines'), statement('s2', 'Plain', { line: 17 })];
    const csv = renderStatementsCsv(statements);
    const excel = `\uFEFF${csv.replace(/\n/g, '\r\n')}`;
    expect(parseStatementsFile(excel, FILE)).toEqual([statement('s1', 'Two\r\nlines'), statement('s2', 'Plain', { line: 17 })]);
  });
});

describe('parseStatementsFile: problems with file:line', () => {
  it('reports a header that does not match, at its line', () => {
    const e = problemsOf(() => parseStatementsFile(lines('', 'id,category,text,perspective,person,council,source,line', 's1,working,Hi,person,,,a.csv,2'), FILE));
    expect(e.message).toBe('statements.csv has the wrong header');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where.line).toBe(2);
    expect(e.problems[0]!.message).toContain(`expected "${HEADER}"`);
  });

  it('reports a header with a column missing', () => {
    const e = problemsOf(() => parseStatementsFile(lines('id,text,category,perspective,person,council,source', 's1,Hi,working,person,,,a.csv'), FILE));
    expect(e.problems[0]!.where.line).toBe(1);
  });

  it('reports every bad row together, each at the line it starts on', () => {
    const source = lines(
      HEADER, //                                                        1
      's1,"A statement over', //                                         2
      'two lines",working,person,P1,Northmere,a.csv,2', //               3
      's1,Again,working,person,P2,Northmere,a.csv,4', //                 4  duplicate id
      's3,Wrong wall,workin,person,,,a.csv,5', //                        5  bad category
      's4,"Wrong, who",future,carer,,,a.csv,6', //                       6  bad perspective
      's5,Bad line,future,staff,,,a.csv,6a', //                          7  line not a number
      's6,Fine,future,staff,,,a.csv,8', //                               8
    );
    const e = problemsOf(() => parseStatementsFile(source, FILE));
    expect(e.message).toBe('statements.csv has 4 problem(s)');
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([
      [4, 'repeats id s1 from line 2'],
      [5, 'category "workin" is not one of working, not_working, future'],
      [6, 'perspective "carer" is not one of person, family, staff, other, unknown'],
      [7, 'line "6a" is not a number'],
    ]);
  });

  const cases: { name: string; row: string; message: string }[] = [
    { name: 'a row with a field missing', row: 's2,Hi,working,person,,,a.csv', message: 'has 7 fields, expected 8' },
    { name: 'a row with no id', row: ',Hi,working,person,,,a.csv,3', message: 'has no id' },
    { name: 'a row with blank text', row: 's2,"  ",working,person,,,a.csv,3', message: 'statement s2 has no text' },
    { name: 'a negative line', row: 's2,Hi,working,person,,,a.csv,-3', message: 'line "-3" is not a number' },
    { name: 'a category written as a title', row: "s2,Hi,What's working,person,,,a.csv,3", message: `category "What's working" is not one of working, not_working, future` },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const e = problemsOf(() => parseStatementsFile(lines(HEADER, 's1,"x\ny",working,person,,,a.csv,2', c.row), FILE));
      expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([[4, c.message]]);
    });
  }
});

describe('mergeRejected', () => {
  const row = (source: string, line: number, reason: string, text: string, extra: Partial<RejectedRow> = {}): RejectedRow => ({
    source,
    line,
    reason,
    id: '',
    text,
    category: '',
    perspective: '',
    person: '',
    council: '',
    ...extra,
  });
  const a = row('a.csv', 3, 'no category', 'Buses are late');
  const b = row('a.csv', 4, 'no text', '');
  const c = row('b.csv', 3, 'no category', 'Buses are late');

  it('adds new rows after the existing ones, in order', () => {
    expect(mergeRejected([a], [b, c])).toEqual([a, b, c]);
  });

  it('leaves out a row already listed, and a row repeated within the new ones', () => {
    expect(mergeRejected([a, b], [b, a, c, c])).toEqual([a, b, c]);
  });

  it('does not grow when the same file is ingested again after a round trip through rejected.csv', () => {
    const fresh = [a, b, c, row('c.csv', 10, 'duplicate of s-1', 'Text, with "quotes"\nand a line break')];
    const onDisk = parseRejectedFile(renderRejectedCsv(mergeRejected([], fresh)), 'rejected.csv');
    expect(onDisk).toEqual(fresh);
    expect(mergeRejected(onDisk, fresh)).toEqual(fresh);
  });

  it('keeps rows that differ only in line, reason or source', () => {
    const rows = [a, row('a.csv', 5, 'no category', 'Buses are late'), row('a.csv', 3, 'no text', 'Buses are late'), c];
    expect(mergeRejected([], rows)).toEqual(rows);
  });

  it('never lists an entry twice, and never loses one (property)', () => {
    const pick = fc.record({
      source: fc.constantFrom('a.csv', 'b.csv', 'stdin'),
      line: fc.integer({ min: 1, max: 4 }),
      reason: fc.constantFrom('no category', 'no text', 'duplicate of s-1'),
      text: fc.constantFrom('', 'Buses', 'Buses are late', 'a,b'),
    });
    const rowsArb = fc.array(pick.map((r) => row(r.source, r.line, r.reason, r.text)), { maxLength: 12 });
    const key = (r: RejectedRow) => JSON.stringify([r.source, r.line, r.reason, r.text]);
    fc.assert(
      fc.property(rowsArb, rowsArb, (first, second) => {
        const existing = mergeRejected([], first);
        const merged = mergeRejected(existing, second);
        const keys = merged.map(key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set([...first, ...second].map(key)));
        expect(merged.slice(0, existing.length)).toEqual(existing);
        expect(mergeRejected(merged, [...second, ...first])).toEqual(merged);
      }),
      { numRuns: 300 },
    );
  });
});
