import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { makeContext } from '../src/commands/context.js';
import { planIngest } from '../src/commands/ingest.js';
import { streamCsv } from '../src/commands/input.js';
import { CsvReader, type Delimiter, type ParsedCsv, type RawRow, maxFieldChars, parseCsv } from '../src/core/csv.js';
import { csvParseReference } from './csv-reference.js';
import { type Encoding, NotUtf8, StreamDecoder, decodeBytes } from '../src/core/decode.js';
import { ingestStatements } from '../src/core/ingest.js';
import { defaultSettings } from '../src/session/settings.js';
import { renderStatementsCsv, renderStatementsCsvPieces } from '../src/session/statements-file.js';
import { WtfcError } from '../src/errors.js';
import { fixedNow, tempDir, testSecret } from './helpers.js';

/** Ingest's keys for a new session: the test key, nothing redacted. */
const testKeys = { secret: testSecret, stored: true, statements: new Map<string, string>(), rejected: new Set<string>() };

/*
 * Streaming ingest must give exactly what reading the whole file at once gives: the same text, the
 * same rows and lines, the same statements and the same errors, wherever the chunks happen to
 * break. The whole-file functions (decodeBytes, csv-parse, ingestStatements) are the reference.
 */

const RUNS = 300;

/** What a function gave: its value, or the error it threw (as the user would see it). */
type Outcome<T> = { ok: T } | { error: { message: string; where: unknown; hint: unknown; exitCode: number } };

function outcome<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: fn() };
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    return { error: { message: err.message, where: err.where, hint: err.hint, exitCode: err.exitCode } };
  }
}

async function outcomeAsync<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await fn() };
  } catch (err) {
    if (!(err instanceof WtfcError)) throw err;
    return { error: { message: err.message, where: err.where, hint: err.hint, exitCode: err.exitCode } };
  }
}

/** Cuts a string or bytes at the given points (any points: inside a character, a CRLF or a quoted field). */
function cut<T extends string | Uint8Array>(whole: T, points: number[]): T[] {
  const at = [...new Set(points.map((p) => (whole.length === 0 ? 0 : p % (whole.length + 1))))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let from = 0;
  for (const p of [...at, whole.length]) {
    pieces.push(whole.slice(from, p) as T);
    from = p;
  }
  return pieces;
}

const cutsArb = fc.oneof(fc.array(fc.nat(), { maxLength: 12 }), fc.constant(Array.from({ length: 400 }, (_, i) => i)));

/** Every character on its own chunk, or chunks of a fixed small size. */
function everyCut(length: number, size: number): number[] {
  return Array.from({ length: Math.ceil(length / size) }, (_, i) => i * size);
}

// ---------------------------------------------------------------------------------------------
// The CSV reader against csv-parse

function readPieces(pieces: string[], file: string, forced?: Delimiter): ParsedCsv {
  let header: string[] = [];
  let headerLine = 0;
  const rows: RawRow[] = [];
  const reader = new CsvReader(file, forced, {
    header: (h, line) => {
      header = h;
      headerLine = line;
    },
    row: (r) => rows.push(r),
  });
  for (const p of pieces) reader.write(p);
  const end = reader.end();
  expect(end.headerLine).toBe(headerLine);
  return { delimiter: end.delimiter, header, headerLine, rows };
}

// Everything the scanner treats specially, with text around it; errors are meant to be common.
const csvPiece = fc.oneof(
  fc.constantFrom('"', '""', ',', ';', '\t', '|', '\n', '\r', '\r\n', ' ', 'a', 'bc', 'é', '😀', '\u0000', '\uFEFF', '\u00a0'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const messyCsvArb = fc.array(csvPiece, { maxLength: 40 }).map((ps) => ps.join(''));

/** Well-formed CSV: quoted fields with line breaks and quotes inside, blank lines, ragged rows. */
const fieldArb = fc.oneof(
  fc.constantFrom('', ' ', 'x', 'Buses are late', 'café £5', '😀 ok'),
  fc.array(fc.constantFrom('a', ' ', ',', ';', '\t', '"', '\n', '\r\n', '\r', 'é', '😀'), { maxLength: 8 }).map((cs) => cs.join('')),
);
const wellFormedArb = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    finalEol: fc.boolean(),
    rows: fc.array(fc.record({ cells: fc.array(fieldArb, { minLength: 1, maxLength: 4 }), quoteAll: fc.boolean(), blankBefore: fc.boolean() }), { minLength: 1, maxLength: 8 }),
  })
  .map(({ delimiter, eol, bom, finalEol, rows }) => {
    const quote = (v: string, all: boolean) => (all || /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replaceAll('"', '""')}"` : v);
    const lines = rows.map((r) => (r.blankBefore ? eol : '') + r.cells.map((c) => quote(c, r.quoteAll)).join(delimiter));
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol ? eol : '');
  });

describe('CsvReader: any chunking reads like csv-parse on the whole text', () => {
  const same = (text: string, points: number[], forced?: Delimiter) => {
    const whole = outcome(() => csvParseReference(text, 'f.csv', forced));
    const streamed = outcome(() => readPieces(cut(text, points), 'f.csv', forced));
    expect(streamed).toEqual(whole);
  };

  it('parseCsv, the reader given the whole text at once: the same result or the same error', () => {
    fc.assert(
      fc.property(fc.oneof(wellFormedArb, messyCsvArb), (text) => {
        expect(outcome(() => parseCsv(text, 'f.csv'))).toEqual(outcome(() => csvParseReference(text, 'f.csv')));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('well-formed files: the same header, rows, cells and lines', () => {
    fc.assert(fc.property(wellFormedArb, cutsArb, (text, points) => same(text, points)), { numRuns: RUNS });
  });

  it('any text, errors included: the same result or the same error (message, file:line:column, hint)', () => {
    fc.assert(fc.property(messyCsvArb, cutsArb, (text, points) => same(text, points)), { numRuns: RUNS * 3 });
  });

  it('with a forced delimiter', () => {
    fc.assert(
      fc.property(messyCsvArb, cutsArb, fc.constantFrom<Delimiter>(',', ';', '\t', '|'), (text, points, d) => same(text, points, d)),
      { numRuns: RUNS },
    );
  });

  it('a quoted field with line breaks split at every character', () => {
    const text = 'id,text,who\r\n1,"first line\nsecond, with ""quotes""\r\nthird",staff\r\n2,plain,person\r\n';
    const expected = csvParseReference(text, 'f.csv');
    expect(expected.rows[0]!.cells[1]).toBe('first line\nsecond, with "quotes"\r\nthird');
    expect(expected.rows[1]!.line).toBe(5);
    for (const size of [1, 2, 3, 5, 7]) expect(readPieces(cut(text, everyCut(text.length, size)), 'f.csv')).toEqual(expected);
  });

  it('fields longer than the reader keeps in one string, split anywhere, quotes and all', () => {
    // A quoted field of 300,000 characters with quotes and line breaks inside, an unquoted one of
    // 200,000, and a quoting mistake after a long field, which must be reported where it is.
    const long = `${'a ""b"", c\n'.repeat(30_000)}`;
    const good = `id,text,who\n1,"${long}",staff\n2,${'x'.repeat(200_000)},person\n3,short,family\n`;
    const bad = `id,text\n1,"${'y'.repeat(150_000)}" oops,x\n`;
    for (const text of [good, bad]) {
      const whole = outcome(() => csvParseReference(text, 'f.csv'));
      for (const size of [4096, 65_537, 256 * 1024]) expect(outcome(() => readPieces(cut(text, everyCut(text.length, size)), 'f.csv'))).toEqual(whole);
    }
  });

  it('a field over 1 MB is refused at the line it starts on', () => {
    const text = `id,text\n1,ok\n2,"${'z'.repeat(maxFieldChars + 10)}"\n`;
    const e = outcome(() => readPieces(cut(text, everyCut(text.length, 256 * 1024)), 'f.csv'));
    expect(e).toMatchObject({ error: { message: 'f.csv: the field that starts on line 3 is longer than 1 MB' } });
  });

  it('a CRLF split between two chunks is one line end, not two', () => {
    const text = 'id,text\r\n1,a\r\n2,b\r\n';
    const points = [text.indexOf('\r') + 1, text.indexOf('\r', 10) + 1];
    const csv = readPieces(cut(text, points), 'f.csv');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['1', 'a'] },
      { line: 3, cells: ['2', 'b'] },
    ]);
  });

  it('an unclosed quote is reported at the line and column it opens, however the text is cut', () => {
    const text = 'id,text\n1,ok\n2,"a\nb"\n3,"never closed\n4,more\n';
    const whole = outcome(() => csvParseReference(text, 'bad.csv'));
    expect(whole).toMatchObject({ error: { where: { file: 'bad.csv', line: 5, column: 3 } } });
    for (const size of [1, 2, 4, 9]) expect(outcome(() => readPieces(cut(text, everyCut(text.length, size)), 'bad.csv'))).toEqual(whole);
  });
});

// ---------------------------------------------------------------------------------------------
// The decoder against decodeBytes

/** Streams bytes through StreamDecoder, starting again as Windows-1252 when the UTF-8 guess fails, as ingest does. */
function decodePieces(pieces: Uint8Array[], file: string, forced?: Encoding) {
  let encoding = forced;
  for (;;) {
    const d = new StreamDecoder(file, encoding);
    try {
      let text = '';
      for (const p of pieces) text += d.write(p);
      text += d.end();
      return { text, encoding: d.encoding, bom: d.bom };
    } catch (err) {
      if (err instanceof NotUtf8 && encoding === undefined) {
        encoding = 'windows-1252';
        continue;
      }
      throw err;
    }
  }
}

const textArb = fc.string({ unit: fc.oneof(fc.constantFrom('a', ',', '\n', '\r', '"', 'é', '£', '’', '😀', '日', '\u0000'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 });
const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  textArb.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
  textArb.map((t) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]))),
  textArb.map((t) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))),
  textArb.map((t) => new Uint8Array(Buffer.from(t, 'utf16le'))),
  textArb.map((t) => new Uint8Array(Buffer.from(t, 'utf16le').swap16())),
  // Mostly valid UTF-8 with a Windows-1252 byte somewhere: the guess is overturned late.
  fc.tuple(textArb, fc.constantFrom(0xa3, 0x92, 0x80, 0xe9), textArb).map(([a, b, c]) => new Uint8Array(Buffer.concat([Buffer.from(a, 'utf8'), Buffer.from([b]), Buffer.from(c, 'latin1')]))),
);
const forcedArb = fc.option(fc.constantFrom<Encoding>('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'), { nil: undefined });

describe('StreamDecoder: any chunking decodes like decodeBytes on the whole file', () => {
  it('the same text, encoding and BOM, or the same error', () => {
    fc.assert(
      fc.property(bytesArb, cutsArb, forcedArb, (bytes, points, forced) => {
        const whole = outcome(() => decodeBytes(bytes, 'f.csv', forced));
        expect(outcome(() => decodePieces(cut(bytes, points), 'f.csv', forced))).toEqual(whole);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('long files, where the encoding is decided on the first 4,096 bytes', () => {
    const long = fc.tuple(fc.constantFrom('utf-8', 'utf-16le', 'cp1252'), fc.integer({ min: 3000, max: 6000 }), fc.nat(), textArb).map(([kind, n, at, extra]) => {
      const body = `id,text\n${'1,Café “quoted” – fine\n'.repeat(n / 20)}${extra}`;
      if (kind === 'utf-16le') return new Uint8Array(Buffer.from(body, 'utf16le'));
      const bytes = Buffer.from(body, 'utf8');
      // One Windows-1252 byte at a random place after the first 4,096.
      if (kind === 'cp1252') bytes[4096 + (at % (bytes.length - 4096))] = 0x92;
      return new Uint8Array(bytes);
    });
    fc.assert(
      fc.property(long, fc.array(fc.nat(), { maxLength: 20 }), (bytes, points) => {
        const whole = outcome(() => decodeBytes(bytes, 'f.csv'));
        expect(outcome(() => decodePieces(cut(bytes, points), 'f.csv'))).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });

  it('a bad byte after a NUL is the error, as when the whole file is decoded first', () => {
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,\u0000\n', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]));
    const utf8 = new Uint8Array(Buffer.concat([Buffer.from('a,b\n1,\u0000\n', 'utf8'), Buffer.from([0xff])]));
    for (const [bytes, forced] of [[utf16, undefined], [utf8, 'utf-8']] as const) {
      const whole = outcome(() => decodeBytes(bytes, 'f.csv', forced));
      expect(whole).toMatchObject({ error: { message: expect.stringContaining('is not valid') } });
      for (const size of [1, 2, 3, 64]) expect(outcome(() => decodePieces(cut(bytes, everyCut(bytes.length, size)), 'f.csv', forced))).toEqual(whole);
    }
  });

  it('a multi-byte UTF-8 character split between chunks is decoded whole', () => {
    const bytes = new Uint8Array(Buffer.from('text\n£5 – 😀 café\n', 'utf8'));
    for (let size = 1; size <= 4; size++) {
      expect(decodePieces(cut(bytes, everyCut(bytes.length, size)), 'f.csv')).toEqual({ text: 'text\n£5 – 😀 café\n', encoding: 'utf-8', bom: false });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Reading files and standard input, through the real chunked reader

function ioFor(cwd: string, stdin: Uint8Array[] = []): Io {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: Object.assign(Readable.from(stdin.map((b) => Buffer.from(b))), { isTTY: false }),
    env: {},
    cwd,
    now: fixedNow,
  };
}

async function streamFile(dir: string, file: string, chunkBytes: number, stdin?: Uint8Array[]): Promise<ParsedCsv & { encoding: Encoding }> {
  let header: string[] = [];
  let rows: RawRow[] = [];
  let starts = 0;
  const r = await streamCsv(
    makeContext(ioFor(dir, stdin), dir),
    file,
    undefined,
    undefined,
    () => {
      starts++;
      rows = [];
      return { header: (h) => (header = h), row: (row) => rows.push(row) };
    },
    { chunkBytes },
  );
  expect(starts).toBeLessThanOrEqual(2);
  return { delimiter: r.delimiter, header, headerLine: r.headerLine, rows, encoding: r.encoding };
}

describe('streamCsv: files and standard input in tiny chunks', () => {
  const fileArb = fc.oneof(
    wellFormedArb.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
    wellFormedArb.map((t) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))),
    // UTF-8 until a Windows-1252 byte near the end: read once as UTF-8, then again from the start.
    fc.tuple(wellFormedArb, fc.constantFrom(0xa3, 0x92, 0x96)).map(([t, b]) => new Uint8Array(Buffer.concat([Buffer.from(`a,b\n"${t.replaceAll('"', '')}`, 'utf8'), Buffer.from([b]), Buffer.from('"\n')]))),
  );

  it('gives what decodeBytes and csv-parse give for the whole file, from a file and from stdin', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fileArb, fc.integer({ min: 1, max: 9 }), async (bytes, chunkBytes) => {
        writeFileSync(join(dir, 'in.csv'), bytes);
        const whole = outcome(() => {
          const d = decodeBytes(bytes, 'in.csv');
          return { ...csvParseReference(d.text, 'in.csv'), encoding: d.encoding };
        });
        expect(await outcomeAsync(() => streamFile(dir, 'in.csv', chunkBytes))).toEqual(whole);
        const wholeStdin = outcome(() => {
          const d = decodeBytes(bytes, 'stdin');
          return { ...csvParseReference(d.text, 'stdin'), encoding: d.encoding };
        });
        expect(await outcomeAsync(() => streamFile(dir, '-', chunkBytes, cut(bytes, everyCut(bytes.length, chunkBytes))))).toEqual(wholeStdin);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a file that turns out not to be UTF-8 again, as Windows-1252', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from(`text\n${'Café is fine\n'.repeat(400)}It cost `, 'utf8'), Buffer.from([0xa3]), Buffer.from('40\n')]);
    writeFileSync(join(dir, 'ansi.csv'), bytes);
    const csv = await streamFile(dir, 'ansi.csv', 64);
    expect(csv.encoding).toBe('windows-1252');
    expect(csv.rows.at(-1)).toEqual({ line: 402, cells: ['It cost £40'] });
    expect(csv.rows[0]!.cells).toEqual(['CafÃ© is fine']);
  });
});

// ---------------------------------------------------------------------------------------------
// Ingest, end to end

describe('planIngest in tiny chunks gives the statements ingestStatements gives for the whole file', () => {
  const cell = fc.oneof(fc.constantFrom('Buses are late', ' Buses  are\nlate ', 'Kind staff', 'Café “good”', '', '  '), fc.string({ maxLength: 6 }));
  const rowArb = fc.record({
    id: fc.constantFrom('', 'A', 'B', ' A ', 'S1'),
    text: cell,
    category: fc.constantFrom('working', 'NW', "What's important for the future", 'Misc', ''),
    who: fc.constantFrom('Person', 'Family carer', 'Staff', '', 'Martian'),
    person: fc.constantFrom('P1', 'P2', ' P3 ', ''),
  });
  const csvArb = fc.tuple(fc.array(rowArb, { minLength: 1, maxLength: 15 }), fc.constantFrom('\n', '\r\n')).map(([rows, eol]) => {
    const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
    return `ID,Statement,Category,Who,Person ref${eol}${rows.map((r) => [r.id, r.text, r.category, r.who, r.person].map(q).join(',')).join(eol)}${eol}`;
  });

  it('the same statements, duplicates, rejections and warnings, and the same statements.csv bytes', async () => {
    const dir = tempDir();
    const settings = defaultSettings({ name: '', council: 'Northmere', date: '2026-03-14' });
    await fc.assert(
      fc.asyncProperty(csvArb, csvArb, fc.integer({ min: 1, max: 7 }), async (a, b, chunkBytes) => {
        writeFileSync(join(dir, 'a.csv'), a);
        writeFileSync(join(dir, 'b.csv'), b);
        const ctx = makeContext(ioFor(dir), dir);
        const plan = await planIngest(ctx, ['a.csv', 'b.csv'], {}, { statements: [], settings }, testKeys, { chunkBytes });
        const whole = ingestStatements(
          [
            { file: 'a.csv', source: 'a.csv', csv: csvParseReference(a, 'a.csv') },
            { file: 'b.csv', source: 'b.csv', csv: csvParseReference(b, 'b.csv') },
          ],
          [],
          { maps: {}, council: 'Northmere', maxTextLength: settings.ingest.maxTextLength, topTwo: settings.ingest.topTwo, secret: testSecret },
        );
        expect(plan.result).toEqual(whole);
        expect([...renderStatementsCsvPieces(plan.result.added, 3)].join('')).toBe(renderStatementsCsv(whole.added));
      }),
      { numRuns: 100 },
    );
  });
});

describe('planIngest reports the error reading the whole files would, in the same order', () => {
  // Files that cannot be read (bad quotes, no header), files whose columns cannot be made out, and good ones.
  const fileArb = fc.oneof(
    fc.constant('Statement,Category\nBuses are late,nw\n'),
    fc.constant('Colour,Size\nred,big\n'),
    fc.constant('Statement,Who\nBuses are late,Person\n'),
    fc.constant('Statement,Category\n"never closed,nw\nmore,working\n'),
    fc.constant(' \n,,\n'),
    messyCsvArb,
  );

  it('for any mix of good and bad files', async () => {
    const dir = tempDir();
    const settings = defaultSettings({ name: '', council: '', date: '2026-03-14' });
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 5 }), async (texts, chunkBytes) => {
        const names = texts.map((_, i) => `f${i}.csv`);
        texts.forEach((t, i) => writeFileSync(join(dir, names[i]!), t));
        const whole = outcome(() => {
          // Before streaming: every file read and parsed first, then each ingested in turn.
          const sources = texts.map((t, i) => ({ file: names[i]!, source: names[i]!, csv: csvParseReference(decodeBytes(Buffer.from(t), names[i]!).text, names[i]!) }));
          return ingestStatements(sources, [], { maps: {}, maxTextLength: 400, topTwo: 2, secret: testSecret }).added.length;
        });
        const streamed = await outcomeAsync(async () => {
          const plan = await planIngest(makeContext(ioFor(dir), dir), names, {}, { statements: [], settings }, testKeys, { chunkBytes });
          return plan.result.added.length;
        });
        expect(streamed).toEqual(whole);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('renderStatementsCsvPieces', () => {
  it('writes exactly what renderStatementsCsv writes, in pieces', () => {
    const statement = fc.record({
      id: fc.string(),
      text: fc.string({ unit: fc.oneof(fc.constantFrom('"', ',', '\n', '\r', ' ', ';', '=', '+', '-', '@', "'", '\t'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
      category: fc.constantFrom('working' as const, 'not_working' as const, 'future' as const),
      perspective: fc.constantFrom('person' as const, 'family' as const, 'staff' as const, 'other' as const, 'unknown' as const),
      person: fc.string(),
      council: fc.string(),
      source: fc.string(),
      line: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (statements, size) => {
        expect([...renderStatementsCsvPieces(statements, size)].join('')).toBe(renderStatementsCsv(statements));
      }),
      { numRuns: RUNS },
    );
  });
});
