import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Delimiter, parseCsv } from '../src/core/csv.js';
import { type Encoding, decodeBytes } from '../src/core/decode.js';
import { type IngestResult, type IngestSource, ingestStatements } from '../src/core/ingest.js';
import { type Category, type Statement, categories } from '../src/core/model.js';
import { testSecret } from './helpers.js';

/*
 * Generated statement files, serialised here (RFC 4180) and encoded here, then read back through
 * the pure path: decodeBytes → parseCsv → ingestStatements. The serialiser is independent of the
 * code under test, so a disagreement is a bug on one side or the other.
 */

const RUNS = 200;

// ---------------------------------------------------------------------------------------------
// Windows-1252, written out from the WHATWG Encoding Standard rather than taken from TextDecoder.

const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];
const cp1252Chars = Array.from({ length: 256 }, (_, b) => String.fromCodePoint(b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b));
const cp1252Byte = new Map(cp1252Chars.map((c, b) => [c, b]));

function encodeCp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const b = cp1252Byte.get(c);
    if (b === undefined) throw new Error(`generator bug: ${JSON.stringify(c)} is not in Windows-1252`);
    return b;
  });
}

// ---------------------------------------------------------------------------------------------
// Generators

type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'windows-1252';
type Column = 'id' | 'text' | 'category' | 'perspective' | 'person';
type IdMode = 'unique' | 'none' | 'messy';

interface GenRecord {
  text: string;
  category: string;
  perspective: string;
  /** Always filled, so no generated record is a blank row (blank rows are skipped, by design). */
  person: string;
  messyId: string;
  quoteAll: boolean;
  blankLineBefore: boolean;
  trailingEmptyCells: number;
}

interface GenFile {
  encoding: FileEncoding;
  delimiter: Delimiter;
  eol: '\n' | '\r\n';
  finalEol: boolean;
  idMode: IdMode;
  columns: Column[];
  headers: Record<Column, string>;
  defaultCategory: Category | undefined;
  records: GenRecord[];
}

const headerAliases: Record<Column, readonly string[]> = {
  id: ['ID', 'Ref', 'id'],
  text: ['Statement', 'Comment', 'I statement', 'Text', 'Statement (in their words)'],
  category: ['Category', 'Type', 'Heading'],
  perspective: ['Who', 'Perspective', 'Role'],
  person: ['Person ref', 'Person'],
};

const categorySpellings = [
  "What's working", 'What’s working', 'working', 'WORKING', 'What is working?',
  'Not working', 'What’s not working', "What's not working", 'NW', 'nw', 'not_working',
  'Important for the future', "What's important for the future", 'future', ' Future ',
];
const categoryJunk = ['', '   ', 'Misc', '???', 'n/a', 'Other stuff'];
const perspectiveSpellings = ['Person', 'person', 'Family carer', 'Mum', 'Staff', 'Support worker', 'Other', 'Advocate', 'Unknown', ''];
const perspectiveJunk = ['Martian', 'xyz', '?'];

const specialPieces = ['"', '""', ',', ';', '\t', '|', '\n', '\r\n', ' ', '  ', "'", '\u00a0', '£', '’', '“', '”', '–', 'é'];
const wordPieces = ['Buses', 'are', 'late', 'my', 'PA', 'staff', 'listen', 'home'];

/** One character of any kind, except NUL (refused as a sign of a wrong encoding) and a lone CR. */
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000' && c !== '\r');
const cp1252Char = fc.constantFrom(...cp1252Chars.filter((c) => c !== '\u0000' && c !== '\r'));

function textArb(encoding: FileEncoding): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom(...specialPieces),
    fc.constantFrom(...wordPieces),
    encoding === 'windows-1252' ? cp1252Char : fc.oneof(cp1252Char, anyChar),
  );
  const free = fc.array(piece, { maxLength: 10 }).map((ps) => ps.join(''));
  // A few fixed sentences, some equal after white space is normalised, so duplicates happen often.
  const common = fc.constantFrom('Buses are late', ' Buses  are late ', 'Buses are\nlate', 'Kind staff', 'Kind staff');
  return fc.oneof({ arbitrary: free, weight: 4 }, { arbitrary: common, weight: 1 });
}

function junkArb(encoding: FileEncoding): fc.Arbitrary<string> {
  const char = encoding === 'windows-1252' ? cp1252Char : anyChar;
  return fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
}

function recordArb(encoding: FileEncoding): fc.Arbitrary<GenRecord> {
  return fc.record({
    text: textArb(encoding),
    category: fc.oneof(
      { arbitrary: fc.constantFrom(...categorySpellings), weight: 6 },
      { arbitrary: fc.constantFrom(...categoryJunk), weight: 1 },
      { arbitrary: junkArb(encoding), weight: 1 },
    ),
    perspective: fc.oneof(
      { arbitrary: fc.constantFrom(...perspectiveSpellings), weight: 6 },
      { arbitrary: fc.constantFrom(...perspectiveJunk), weight: 1 },
      { arbitrary: junkArb(encoding), weight: 1 },
    ),
    person: fc.constantFrom('P1', 'P2', ' P3 ', 'P4'),
    messyId: fc.constantFrom('', ' ', 'A', 'B', ' A ', 'S-1'),
    quoteAll: fc.boolean(),
    blankLineBefore: fc.boolean(),
    trailingEmptyCells: fc.nat(2),
  });
}

function fileArb(idModes: readonly IdMode[] = ['unique', 'none', 'messy']): fc.Arbitrary<GenFile> {
  return fc
    .constantFrom<FileEncoding>('utf-8', 'utf-8-bom', 'utf-16le-bom', 'windows-1252')
    .chain((encoding) =>
      fc.record({
        encoding: fc.constant(encoding),
        delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
        eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        finalEol: fc.boolean(),
        idMode: fc.constantFrom(...idModes),
        columns: fc.shuffledSubarray<Column>(['id', 'text', 'category', 'perspective', 'person'], { minLength: 5, maxLength: 5 }),
        headers: fc.record({
          id: fc.constantFrom(...headerAliases.id),
          text: fc.constantFrom(...headerAliases.text),
          category: fc.constantFrom(...headerAliases.category),
          perspective: fc.constantFrom(...headerAliases.perspective),
          person: fc.constantFrom(...headerAliases.person),
        }),
        defaultCategory: fc.option(fc.constantFrom(...categories), { nil: undefined }),
        records: fc.array(recordArb(encoding), { minLength: 1, maxLength: 12 }),
      }),
    );
}

// ---------------------------------------------------------------------------------------------
// Serialising and encoding

const idOf = (file: GenFile, i: number) => (file.idMode === 'unique' ? `R${i + 1}` : file.records[i]!.messyId);

function quoteField(value: string, delimiter: string, quoteAll: boolean): string {
  const needsQuotes = quoteAll || value.includes('"') || value.includes(delimiter) || /[\r\n]/.test(value);
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The CSV text, and the line (1-based, as an editor counts) each record starts on. */
function serialise(file: GenFile): { text: string; startLines: number[] } {
  const columns = file.columns.filter((c) => c !== 'id' || file.idMode !== 'none');
  const d = file.delimiter;
  let text = columns.map((c) => file.headers[c]).join(d) + file.eol;
  let line = 2;
  const startLines: number[] = [];
  file.records.forEach((r, i) => {
    if (r.blankLineBefore) {
      text += file.eol;
      line++;
    }
    startLines.push(line);
    const value: Record<Column, string> = { id: idOf(file, i), text: r.text, category: r.category, perspective: r.perspective, person: r.person };
    const row = columns.map((c) => quoteField(value[c], d, r.quoteAll)).join(d) + d.repeat(r.trailingEmptyCells);
    text += row;
    line += (row.match(/\n/g) ?? []).length;
    if (i < file.records.length - 1 || file.finalEol) {
      text += file.eol;
      line++;
    }
  });
  return { text, startLines };
}

function encode(text: string, encoding: FileEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf-8-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    case 'utf-16le-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    case 'windows-1252':
      return encodeCp1252(text);
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface Read {
  source: IngestSource;
  serialised: string;
  decoded: string;
  startLines: number[];
}

const FILE = 'statements.csv';

function readGenerated(file: GenFile): Read {
  const { text, startLines } = serialise(file);
  const bytes = encode(text, file.encoding);
  // Windows-1252 bytes that also happen to be valid UTF-8 (say "Ã©") are truly ambiguous; a user
  // would name the encoding, so the test does too. Pure ASCII is the same either way.
  const forced: Encoding | undefined =
    file.encoding === 'windows-1252' && isValidUtf8(bytes) && bytes.some((b) => b >= 0x80) ? 'windows-1252' : undefined;
  const decoded = decodeBytes(bytes, FILE, forced).text;
  return { source: { file: FILE, source: FILE, csv: parseCsv(decoded, FILE) }, serialised: text, decoded, startLines };
}

function ingestGenerated(file: GenFile, sources: IngestSource[], existing: readonly Statement[] = []): IngestResult {
  return ingestStatements(sources, existing, { maps: {}, category: file.defaultCategory, maxTextLength: 500, topTwo: 2, secret: testSecret });
}

const isUnicode = (f: GenFile) => f.encoding !== 'windows-1252';

// ---------------------------------------------------------------------------------------------

describe('ingest properties over generated CSV files', () => {
  it('(1) accounts for every data row: read = added + duplicates + rejected = number of records', () => {
    fc.assert(
      fc.property(fileArb(), (file) => {
        const { source } = readGenerated(file);
        expect(source.csv.delimiter).toBe(file.delimiter);
        const r = ingestGenerated(file, [source]);
        expect(r.read).toBe(file.records.length);
        expect(r.added.length + r.duplicates.length + r.rejected.length).toBe(r.read);
        expect(r.files).toEqual([expect.objectContaining({ read: r.read, added: r.added.length, duplicates: r.duplicates.length, rejected: r.rejected.length })]);
      }),
      { numRuns: RUNS },
    );
  });

  it('(2) ingesting the same file again adds nothing and finds every earlier statement again', () => {
    fc.assert(
      fc.property(fileArb(), (file) => {
        const { source } = readGenerated(file);
        const first = ingestGenerated(file, [source]);
        const second = ingestGenerated(file, [source], first.added);
        expect(second.added).toEqual([]);
        expect(second.duplicates).toHaveLength(first.added.length + first.duplicates.length);
        expect(second.rejected).toEqual(first.rejected);
        const idAtLine = new Map(first.added.map((s) => [s.line, s.id]));
        for (const d of second.duplicates) {
          if (idAtLine.has(d.line)) expect(d).toMatchObject({ of: idAtLine.get(d.line), kind: 'again' });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(3a) keeps the text of every added statement byte for byte (UTF-8, UTF-8 with BOM, UTF-16LE)', () => {
    fc.assert(
      fc.property(fileArb(['unique']).filter(isUnicode), (file) => {
        const { source, serialised, decoded } = readGenerated(file);
        expect(decoded).toBe(serialised);
        const r = ingestGenerated(file, [source]);
        for (const s of r.added) {
          expect(s.id).toMatch(/^R\d+$/);
          expect(s.text).toBe(file.records[Number(s.id.slice(1)) - 1]!.text);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(3b) keeps the text of every added statement byte for byte (Windows-1252)', () => {
    fc.assert(
      fc.property(
        fileArb(['unique']).filter((f) => !isUnicode(f)),
        (file) => {
          const { source, serialised, decoded } = readGenerated(file);
          expect(decoded).toBe(serialised);
          const r = ingestGenerated(file, [source]);
          for (const s of r.added) expect(s.text).toBe(file.records[Number(s.id.slice(1)) - 1]!.text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('(4) shuffling the rows never changes the set of ids added', () => {
    const fileAndOrder = fileArb(['none']).chain((file) =>
      fc.tuple(
        fc.constant(file),
        fc.shuffledSubarray([...file.records.keys()], { minLength: file.records.length, maxLength: file.records.length }),
      ),
    );
    fc.assert(
      fc.property(fileAndOrder, ([file, order]) => {
        const shuffled: GenFile = { ...file, records: order.map((i) => file.records[i]!) };
        const a = ingestGenerated(file, [readGenerated(file).source]);
        const b = ingestGenerated(shuffled, [readGenerated(shuffled).source]);
        expect(new Set(b.added.map((s) => s.id))).toEqual(new Set(a.added.map((s) => s.id)));
        expect([b.added.length, b.duplicates.length, b.rejected.length]).toEqual([a.added.length, a.duplicates.length, a.rejected.length]);
      }),
      { numRuns: RUNS },
    );
  });

  it('(5) records the line each row starts on, for added and rejected rows alike', () => {
    fc.assert(
      fc.property(fileArb(['unique']), (file) => {
        const { source, startLines } = readGenerated(file);
        expect(source.csv.rows.map((row) => row.line)).toEqual(startLines);
        const r = ingestGenerated(file, [source]);
        for (const s of r.added) expect(s.line).toBe(startLines[Number(s.id.slice(1)) - 1]);
        for (const x of r.rejected) expect(x.line).toBe(startLines[Number(x.id.slice(1)) - 1]);
      }),
      { numRuns: RUNS },
    );
  });
});
