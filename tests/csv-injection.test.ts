import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGuardedCell, writeGuardedCsv } from '../src/core/csv-write.js';
import { runInProcess, tempDir } from './helpers.js';

/** What a spreadsheet would run as a formula: the first character of a cell, as it opens it. */
const formula = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const cellsOf = (csv: string) => (parse(csv, { relax_column_count: true }) as string[][]).flat();

describe('writeGuardedCsv', () => {
  const hostile = fc.string({
    unit: fc.oneof(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', '\uFF1D', '\uFF0D', ' '), fc.string({ minLength: 1, maxLength: 1 })),
    maxLength: 12,
  });

  it('writes no cell a spreadsheet would read as a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hostile, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), (rows) => {
        for (const cell of cellsOf(writeGuardedCsv(rows))) expect(cell).not.toMatch(formula);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back exactly what was written once the guard is taken off', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hostile, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const back = (parse(writeGuardedCsv(rows, ['a', 'b', 'c']), { from_line: 2 }) as string[][]).map((r) => r.map(readGuardedCell));
        expect(back).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
  });

  it('neutralises the classic payloads with one apostrophe', () => {
    expect(cellsOf(writeGuardedCsv([['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', "'=already", 'plain']]))).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'+1+1",
      "'-2",
      "'@SUM(A1)",
      "''=already",
      'plain',
    ]);
  });
});

describe('CSV files wtfc writes, opened for formula cells', () => {
  const payloads = ['=1+1 is what they charge me', '+44 is the code they dial', '-nobody rings back', '@the centre nobody helps', "'=quoted already"];

  it('statements.csv, rejected.csv, votes.csv and the export hold no formula cell, and the text comes back exact', async () => {
    const rows = payloads.map((t) => `"${t}",not_working,person,=P1`);
    const dir = tempDir({
      'in.csv': ['text,category,perspective,person', ...rows, '"=cmd|""/c calc""!A0",not_a_category,person,=P2', ''].join('\n'),
      'votes.csv': 'voter,perspective,theme,dots\n=V1,person,nw-01,2\n',
    });
    const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir });
    expect((await runInProcess(['init', 's'], { cwd: dir })).code).toBe(0);
    for (const step of [['ingest', 'in.csv'], ['theme', '--themes', '1'], ['votes', 'import', 'votes.csv']]) {
      const r = await cli(...step);
      expect(r.code, r.stderr).toBe(0);
    }
    const exported = await cli('export', 'assignments');
    expect(exported.code).toBe(0);

    for (const file of ['statements.csv', 'rejected.csv', 'votes.csv']) {
      for (const cell of cellsOf(readFileSync(join(dir, 's', file), 'utf8'))) expect(cell, file).not.toMatch(formula);
    }
    for (const cell of cellsOf(exported.stdout)) expect(cell).not.toMatch(formula);

    // wtfc reads its own files back exactly: the theme holds the statements as they were typed.
    const shown = JSON.parse((await cli('themes', 'show', 'nw-01', '--json')).stdout) as { statements: { text: string; person?: string }[] };
    expect(shown.statements.map((s) => s.text).sort()).toEqual([...payloads].sort());
    const rejected = readFileSync(join(dir, 's', 'rejected.csv'), 'utf8');
    expect(rejected).toContain('\'=cmd|""/c calc""!A0');
  });
});

describe('wtfc batch: the council copies and the comparison', () => {
  it('guard formula cells, and each council still reads its statements exactly as typed', async () => {
    const rows = ['Northmere', 'Eastbrook'].flatMap((council) => [
      `${council},"=1+1 is what the taxi charges",not_working`,
      `${council},"-the taxi never comes on time",not_working`,
      `${council},"+the taxi driver is always rushed",not_working`,
      `${council},"@the taxi company never answers",not_working`,
      `${council},the taxi is late every single week,not_working`,
      `${council},the taxi is late and I miss my club,not_working`,
    ]);
    const dir = tempDir({ 'all.csv': ['council,text,category', ...rows, ''].join('\n') });
    const r = await runInProcess(['batch', 'all.csv', '--out', 'b', '--jobs', '1', '--themes', '1'], { cwd: dir });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const copies = ['northmere', 'eastbrook'].map((c) => join(dir, 'b', c, 'input', '1-all.csv'));
    for (const file of [...copies, join(dir, 'b', 'comparison', 'themes.csv')]) {
      for (const cell of cellsOf(readFileSync(file, 'utf8'))) expect(cell, file).not.toMatch(formula);
    }
    const statements = readFileSync(join(dir, 'b', 'northmere', 'session', 'statements.csv'), 'utf8');
    const texts = (parse(statements, { columns: true }) as { text: string }[]).map((s) => readGuardedCell(s.text));
    expect(texts).toContain('=1+1 is what the taxi charges');
    expect(texts).toContain('-the taxi never comes on time');
    expect(texts).not.toContain("'=1+1 is what the taxi charges");
  });
});
