import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Encoding, NotUtf8, StreamDecoder, decodeBytes } from '../src/core/decode.js';
import { WtfcError } from '../src/errors.js';

/*
 * Streaming ingest must give exactly what reading the whole file at once gives: the same text, the
 * same rows and lines, the same statements and the same errors, wherever the chunks happen to
 * break. The whole-file functions (decodeBytes, parseCsv, ingestStatements) are the reference.
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
