import { type Options, parse } from 'csv-parse/sync';
import { type Delimiter, type ParsedCsv, csvSyntaxError, parserOptions, sniffDelimiter } from '../src/core/csv.js';
import { inputError } from '../src/errors.js';

/**
 * csv-parse's reading of a whole CSV text, with the line each record starts on: the reference that
 * wtfc's own reader (`parseCsv`, `CsvReader`) is held to, cell for cell, line for line and error
 * for error. It was wtfc's whole-file parser before the session files were read with the faster
 * scanner.
 */
export function csvParseReference(text: string, file: string, forced?: Delimiter): ParsedCsv {
  const delimiter = forced ?? sniffDelimiter(text);
  const bytes = Buffer.from(text, 'utf8');
  const options = parserOptions(delimiter);
  let records: string[][];
  let starts: number[] = [];
  try {
    records = parse(bytes, options) as string[][];
    starts = recordStarts(bytes);
  } catch (err) {
    records = [];
    starts = [];
    // Parse again, following each record, to say where the bad one is.
    const lines = new LineCounter(bytes);
    let consumed = 0;
    try {
      parse(bytes, {
        ...options,
        on_record: (cells, context) => {
          lines.lineAt(consumed);
          consumed = context.bytes;
          return cells;
        },
      });
    } catch {
      // the same error as before
    }
    throw csvSyntaxError(err, bytes.subarray(consumed).toString('utf8'), lines.lineAt(consumed), file, delimiter);
  }
  if (starts.length !== records.length) starts = recordStartsFromParser(bytes, options);
  const rows = records.map((cells, i) => ({ cells, line: starts[i]! })).filter((r) => !isBlank(r.cells));
  const first = rows.shift();
  if (!first) throw inputError(`${file} has no header row`, { file }, 'the first row must name the columns');
  return { delimiter, header: first.cells.map((h) => h.trim()), headerLine: first.line, rows };
}

/**
 * The line each record starts on, by a scan that follows quotes as RFC 4180 does: a line break
 * inside quotes continues the record. Much faster than asking the parser record by record.
 */
function recordStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < bytes.length; i++) {
    if (atStart) {
      starts.push(line);
      atStart = false;
    }
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a || b === 0x0d) {
      if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
      line++;
      if (!quoted) atStart = true;
    }
  }
  return starts;
}

/**
 * The same from the parser itself: csv-parse reports how many bytes it has consumed at the end of
 * each record, and the next record starts there. (Its own line count is not used: it counts a
 * CRLF inside quotes as two lines.) Used when the quick scan disagrees with the parser.
 */
function recordStartsFromParser(bytes: Buffer, options: Options): number[] {
  const lines = new LineCounter(bytes);
  const starts: number[] = [];
  let consumed = 0;
  parse(bytes, {
    ...options,
    on_record: (cells, context) => {
      starts.push(lines.lineAt(consumed));
      consumed = context.bytes;
      return cells;
    },
  });
  return starts;
}

/** Line numbers of byte offsets, for offsets asked in increasing order. CRLF, LF and CR each end a line. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly bytes: Uint8Array) {}

  lineAt(offset: number): number {
    const b = this.bytes;
    for (; this.pos < offset && this.pos < b.length; this.pos++) {
      if (b[this.pos] === 0x0a || (b[this.pos] === 0x0d && b[this.pos + 1] !== 0x0a)) this.line++;
    }
    return this.line;
  }
}


function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
