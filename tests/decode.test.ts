import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/core/csv.js';
import { decodeBytes } from '../src/core/decode.js';
import { thrown } from './helpers.js';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const BOM_UTF8 = [0xef, 0xbb, 0xbf];
const BOM_UTF16LE = [0xff, 0xfe];
const BOM_UTF16BE = [0xfe, 0xff];


// Non-ASCII on purpose: a decoder that guessed wrong would mangle at least one of these.
const sample = 'id,text\n1,Café costs £5 – “fine”\n';

describe('decodeBytes: Unicode files', () => {
  it('reads UTF-8 without a BOM exactly', () => {
    expect(decodeBytes(utf8(sample), 'a.csv')).toEqual({ text: sample, encoding: 'utf-8', bom: false });
  });

  it('reads UTF-8 with a BOM (Excel "CSV UTF-8") and strips the BOM', () => {
    const d = decodeBytes(concat(BOM_UTF8, utf8(sample)), 'a.csv');
    expect(d).toEqual({ text: sample, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16LE with a BOM and TABs (Excel "Unicode text"), and the CSV parser sees tab columns', () => {
    const text = 'Statement\tCategory\tWho\r\nMy PA’s great – £10 well spent\tWhat’s working\tPerson\r\n';
    const d = decodeBytes(concat(BOM_UTF16LE, utf16le(text)), 'unicode.txt');
    expect(d).toEqual({ text, encoding: 'utf-16le', bom: true });
    const csv = parseCsv(d.text, 'unicode.txt');
    expect(csv.delimiter).toBe('\t');
    expect(csv.header).toEqual(['Statement', 'Category', 'Who']);
    expect(csv.rows).toEqual([{ line: 2, cells: ['My PA’s great – £10 well spent', 'What’s working', 'Person'] }]);
  });

  it('reads UTF-16BE with a BOM', () => {
    const d = decodeBytes(concat(BOM_UTF16BE, utf16be(sample)), 'be.csv');
    expect(d).toEqual({ text: sample, encoding: 'utf-16be', bom: true });
  });

  it('recognises BOM-less UTF-16LE from its zero bytes', () => {
    const text = 'id\ttext\n1\tMostly ASCII, with one £\n';
    expect(decodeBytes(utf16le(text), 'nobom.txt')).toEqual({ text, encoding: 'utf-16le', bom: false });
  });

  it('recognises BOM-less UTF-16BE from its zero bytes', () => {
    const text = 'id,text\n1,plain words\n';
    expect(decodeBytes(utf16be(text), 'nobom.txt')).toEqual({ text, encoding: 'utf-16be', bom: false });
  });
});

describe('decodeBytes: Windows-1252 (Excel "CSV" on a UK Windows machine)', () => {
  it('decodes the pound sign 0xA3 as £', () => {
    const bytes = concat(utf8('text\nIt cost '), [0xa3], utf8('40 a week\n'));
    expect(decodeBytes(bytes, 'ansi.csv')).toEqual({ text: 'text\nIt cost £40 a week\n', encoding: 'windows-1252', bom: false });
  });

  it('decodes curly quotes 0x91-0x94 and the en dash 0x96 as the characters Windows-1252 assigns them', () => {
    // 0x80-0x9F is where Windows-1252 differs from Latin-1: reading these as Latin-1 gives C1 control characters.
    const bytes = concat(
      utf8('text\n'),
      [0x91], utf8('15-minute calls'), [0x92], // ‘…’
      utf8(' '), [0x96], utf8(' she said '), // –
      [0x93], utf8('we can'), [0x92], utf8('t'), [0x94], // “we can’t”
      utf8(' '), [0xa3], utf8('5\n'),
    );
    const d = decodeBytes(bytes, 'ansi.csv');
    expect(d.encoding).toBe('windows-1252');
    expect(d.text).toBe('text\n‘15-minute calls’ – she said “we can’t” £5\n');
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    // "é" in UTF-8 is C3 A9, which would read as "Ã©" in Windows-1252.
    expect(decodeBytes(utf8('text\nCafé\n'), 'a.csv').text).toBe('text\nCafé\n');
  });
});

describe('decodeBytes: files that are not CSV', () => {
  const cases = [
    { name: 'an .xlsx workbook (zip magic PK\\x03\\x04)', bytes: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], says: /xlsx/, hint: /CSV UTF-8/ },
    { name: 'an old .xls workbook (OLE magic)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], says: /\.xls\b/, hint: /CSV UTF-8/ },
    { name: 'a PDF (%PDF)', bytes: [...utf8('%PDF-1.7\n%\u00e2\u00e3\n')], says: /PDF/, hint: /CSV/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} with exit code 2 and a hint`, () => {
      const err = thrown(() => decodeBytes(new Uint8Array(c.bytes), 'statements.xlsx'));
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(c.says);
      expect(err.message).toContain('statements.xlsx');
      expect(err.hint).toMatch(c.hint);
      expect(err.where).toEqual({ file: 'statements.xlsx' });
    });
  }
});

describe('decodeBytes: --encoding', () => {
  it('uses a forced encoding even when detection would choose another', () => {
    const bytes = utf8('text\nCafé\n');
    expect(decodeBytes(bytes, 'a.csv', 'windows-1252')).toEqual({ text: 'text\nCafÃ©\n', encoding: 'windows-1252', bom: false });
  });

  it('reads BOM-less UTF-16LE that detection cannot see (no zero bytes) when forced', () => {
    // CJK text in UTF-16LE has no zero bytes, so only --encoding can say what it is.
    const text = '日本語の声';
    expect(decodeBytes(utf16le(text), 'a.txt').text).not.toBe(text);
    expect(decodeBytes(utf16le(text), 'a.txt', 'utf-16le')).toEqual({ text, encoding: 'utf-16le', bom: false });
  });

  it('strips the BOM when the forced encoding matches it', () => {
    expect(decodeBytes(concat(BOM_UTF8, utf8('a,b\n')), 'a.csv', 'utf-8')).toEqual({ text: 'a,b\n', encoding: 'utf-8', bom: true });
  });

  it('rejects bytes that are not valid in the forced encoding, naming --encoding', () => {
    const err = thrown(() => decodeBytes(new Uint8Array([0x61, 0xa3, 0x0a]), 'ansi.csv', 'utf-8'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('ansi.csv');
    expect(err.message).toContain('UTF-8');
    expect(err.hint).toContain('--encoding');
  });

  it('reports a NUL character (UTF-16 read as UTF-8) with the line it is on', () => {
    const err = thrown(() => decodeBytes(utf16le('a,b\n1,2\n'), 'wide.csv', 'utf-8'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/NUL/);
    expect(err.where).toEqual({ file: 'wide.csv', line: 1 });
    expect(err.hint).toContain('--encoding');
  });
});

describe('decodeBytes: invalid UTF-16', () => {
  it('rejects a lone surrogate after a UTF-16LE BOM', () => {
    const err = thrown(() => decodeBytes(concat(BOM_UTF16LE, [0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]), 'broken.txt'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('broken.txt');
    expect(err.message).toContain('UTF-16LE');
    expect(err.where).toEqual({ file: 'broken.txt' });
    expect(err.hint).toContain('--encoding');
  });

  it('rejects a UTF-16BE file cut off in the middle of a character', () => {
    const err = thrown(() => decodeBytes(concat(BOM_UTF16BE, [0x00, 0x41, 0x00]), 'cut.txt'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('UTF-16BE');
  });
});
