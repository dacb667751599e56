import { describe, expect, it } from 'vitest';
import { parseCsv, sniffDelimiter } from '../src/core/csv.js';
import { thrown } from './helpers.js';


const lines = (...ls: string[]) => ls.join('\n');

describe('parseCsv: delimiter sniffing', () => {
  const cases = [
    { name: 'comma', text: 'id,text,category\n1,a; b,working\n', delimiter: ',', cells: ['1', 'a; b', 'working'] },
    { name: 'semicolon', text: 'id;text;category\n1;a, b;working\n', delimiter: ';', cells: ['1', 'a, b', 'working'] },
    { name: 'tab', text: 'id\ttext\tcategory\n1\ta, b; c\tworking\n', delimiter: '\t', cells: ['1', 'a, b; c', 'working'] },
    { name: 'pipe', text: 'id|text|category\n1|a, b; c|working\n', delimiter: '|', cells: ['1', 'a, b; c', 'working'] },
  ] as const;
  for (const c of cases) {
    it(`detects a ${c.name}-separated file and splits rows on it only`, () => {
      const csv = parseCsv(c.text, 'f.csv');
      expect(csv.delimiter).toBe(c.delimiter);
      expect(csv.header).toEqual(['id', 'text', 'category']);
      expect(csv.rows).toEqual([{ line: 2, cells: [...c.cells] }]);
    });
  }

  it('ignores commas inside a quoted header cell of a semicolon file', () => {
    // Three commas inside quotes against two semicolons outside: only the ones outside count.
    const text = '"Statement, in their words, verbatim";"Category, if known";Who\n"Hi, there";working;staff\n';
    const csv = parseCsv(text, 'f.csv');
    expect(csv.delimiter).toBe(';');
    expect(csv.header).toEqual(['Statement, in their words, verbatim', 'Category, if known', 'Who']);
    expect(csv.rows[0]!.cells).toEqual(['Hi, there', 'working', 'staff']);
  });

  it('decides on the first non-blank line', () => {
    expect(sniffDelimiter('\n\nid;text\n1,2,3,4,5\n')).toBe(';');
  });

  it('uses a forced delimiter even when another is more common', () => {
    const csv = parseCsv('text,with,commas;category\nhello, world;working\n', 'f.csv', ';');
    expect(csv.header).toEqual(['text,with,commas', 'category']);
    expect(csv.rows[0]!.cells).toEqual(['hello, world', 'working']);
  });

  it('falls back to comma for a single-column file', () => {
    const csv = parseCsv('Statement\nI like my PA\n', 'f.csv');
    expect(csv.delimiter).toBe(',');
    expect(csv.rows).toEqual([{ line: 2, cells: ['I like my PA'] }]);
  });
});

describe('parseCsv: records and line numbers', () => {
  it('reads CRLF files without leaving \\r in the cells', () => {
    const csv = parseCsv('id,text\r\n1,first\r\n2,second\r\n', 'f.csv');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['1', 'first'] },
      { line: 3, cells: ['2', 'second'] },
    ]);
  });

  it('gives each record the line it starts on, counting blank lines and multi-line records', () => {
    const text = lines(
      'id,text', //          1
      '1,"first', //         2
      'second"', //          3
      '', //                 4
      '2,plain', //          5
      '3,"a', //             6
      'b', //                7
      'c"', //               8
      '4,end', //            9
    );
    const csv = parseCsv(text, 'f.csv');
    expect(csv.headerLine).toBe(1);
    expect(csv.rows).toEqual([
      { line: 2, cells: ['1', 'first\nsecond'] },
      { line: 5, cells: ['2', 'plain'] },
      { line: 6, cells: ['3', 'a\nb\nc'] },
      { line: 9, cells: ['4', 'end'] },
    ]);
  });

  it('keeps line numbers right in an Excel-style file: CRLF between records, LF inside cells', () => {
    const text = 'id,text\r\n1,"one\ntwo"\r\n\r\n2,three\r\n';
    const csv = parseCsv(text, 'f.csv');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['1', 'one\ntwo'] },
      { line: 5, cells: ['2', 'three'] },
    ]);
  });

  it('counts a CRLF line break inside a quoted cell as one line', () => {
    // Line 2: 1,"one   line 3: two"   line 4: 2,three
    const text = 'id,text\r\n1,"one\r\ntwo"\r\n2,three\r\n';
    const csv = parseCsv(text, 'f.csv');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['1', 'one\r\ntwo'] },
      { line: 4, cells: ['2', 'three'] },
    ]);
  });

  it('skips blank lines, whitespace-only lines and rows of empty cells, before and after the header', () => {
    const text = lines('', '  ', 'id,text', ',', '1,a', '   ', ',,,', '2,b', '');
    const csv = parseCsv(text, 'f.csv');
    expect(csv.headerLine).toBe(3);
    expect(csv.header).toEqual(['id', 'text']);
    expect(csv.rows).toEqual([
      { line: 5, cells: ['1', 'a'] },
      { line: 8, cells: ['2', 'b'] },
    ]);
  });

  it('tolerates rows with extra trailing empty columns and rows that are short', () => {
    const csv = parseCsv(lines('a,b,c', '1,2,3,,', '4', '5,6,7'), 'f.csv');
    expect(csv.rows.map((r) => r.cells)).toEqual([['1', '2', '3', '', ''], ['4'], ['5', '6', '7']]);
  });

  it('keeps quotes, delimiters and surrounding spaces inside quoted cells, and trims header names only', () => {
    const csv = parseCsv(lines(' id , text ', '1,"  she said ""no"", then left  "'), 'f.csv');
    expect(csv.header).toEqual(['id', 'text']);
    expect(csv.rows[0]!.cells).toEqual(['1', '  she said "no", then left  ']);
  });

  it('ignores a BOM left at the start of the text', () => {
    expect(parseCsv('\uFEFFid,text\n1,a\n', 'f.csv').header).toEqual(['id', 'text']);
  });

  it('refuses a file with no header row', () => {
    const err = thrown(() => parseCsv('\n \n,,\n', 'empty.csv'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('empty.csv');
  });
});

describe('parseCsv: malformed quoting', () => {
  it('reports an unclosed quote at the line and column where the field opens', () => {
    const text = lines('id,text', '1,ok', '2,"never closed', '3,more', '');
    const err = thrown(() => parseCsv(text, 'bad.csv'));
    expect(err.exitCode).toBe(2);
    expect(err.where).toEqual({ file: 'bad.csv', line: 3, column: 3 });
    expect(err.message).toContain('bad.csv');
    expect(err.hint).toMatch(/quote/);
  });

  it('counts blank lines and earlier multi-line records when locating an unclosed quote', () => {
    const text = lines('id,text', '1,"a', 'b"', '', '2,"open', '3,x');
    expect(thrown(() => parseCsv(text, 'bad.csv')).where).toEqual({ file: 'bad.csv', line: 5, column: 3 });
  });

  it('points at the opening quote of the unclosed field, not an earlier well-quoted field on the line', () => {
    // `1,"fine","never closed`: the field that never closes opens at column 10.
    const text = lines('id,text,who', '1,"fine","never closed', '2,b,c');
    expect(thrown(() => parseCsv(text, 'bad.csv')).where).toEqual({ file: 'bad.csv', line: 2, column: 10 });
  });

  it('points at the line where the unclosed field starts when the record began on an earlier line', () => {
    // The record starts on line 2, but the field that never closes opens on line 3, column 8.
    const text = lines('id,text,who', '1,"two', 'lines","never closed', '2,b,c');
    expect(thrown(() => parseCsv(text, 'bad.csv')).where).toEqual({ file: 'bad.csv', line: 3, column: 8 });
  });

  it('reports a stray quote in the middle of an unquoted field with its line and column', () => {
    const text = lines('id,text', '1,fine', '2,she said "no"', '3,x');
    const err = thrown(() => parseCsv(text, 'bad.csv'));
    expect(err.exitCode).toBe(2);
    expect(err.where).toEqual({ file: 'bad.csv', line: 3, column: 12 });
    expect(err.hint).toMatch(/""/);
  });

  it('reports a stray quote after blank lines and a multi-line record on the right line', () => {
    const text = lines('id,text', '1,"a', 'b"', '', '2,bad "quote"');
    expect(thrown(() => parseCsv(text, 'bad.csv')).where?.line).toBe(5);
  });

  it('reports text after a closing quote as a quote problem on its line', () => {
    const text = lines('id,text', '1,"quoted" and more', '2,x');
    const err = thrown(() => parseCsv(text, 'bad.csv'));
    expect(err.exitCode).toBe(2);
    expect(err.where).toMatchObject({ file: 'bad.csv', line: 2 });
  });
});
