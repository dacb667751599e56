import { type Options, parse } from 'csv-parse/sync';
import { inputError } from '../errors.js';

export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

/** One record of a CSV file, with the line it starts on (1-based, as an editor shows it). */
export interface RawRow {
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: Delimiter;
  header: string[];
  headerLine: number;
  rows: RawRow[];
}

/**
 * Parses CSV text as RFC 4180 with the tolerance real exports need: CRLF, LF or CR line ends (even
 * mixed), quoted line breaks, blank lines (skipped), ragged rows (Excel drops or adds trailing
 * empty columns). Malformed quoting is an error naming the line and column of the bad field.
 */
export function parseCsv(text: string, file: string, forced?: Delimiter): ParsedCsv {
  const delimiter = forced ?? sniffDelimiter(text);
  const bytes = Buffer.from(text, 'utf8');
  const options: Options = { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: false, bom: true };
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
    throw csvSyntaxError(err, bytes, consumed, lines, file, delimiter);
  }
  if (starts.length !== records.length) starts = recordStartsFromParser(bytes, options);
  const rows = records.map((cells, i) => ({ cells, line: starts[i]! })).filter((r) => !isBlank(r.cells));
  const first = rows.shift();
  if (!first) throw inputError(`${file} has no header row`, { file }, 'the first row must name the columns');
  return { delimiter, header: first.cells.map((h) => h.trim()), headerLine: first.line, rows };
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
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

/**
 * The delimiter is the candidate that appears most often, outside quotes, in the first line that
 * has any. A header such as `id;text;category` decides it; a single-column file falls back to ','.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>();
  let inQuotes = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!inQuotes && (delimiters as readonly string[]).includes(ch)) {
      counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
      seen = true;
    } else if (!inQuotes && ch.trim() !== '') seen = true;
  }
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of delimiters) {
    const c = counts.get(d) ?? 0;
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

const quoteHint =
  'check the quotes there: a field that starts with " must end with ", and a " inside a field is written ""';

function csvSyntaxError(err: unknown, bytes: Buffer, recordStart: number, lines: LineCounter, file: string, delimiter: Delimiter) {
  const e = err as { code?: string; message?: string };
  const rest = bytes.subarray(recordStart).toString('utf8');
  const startLine = lines.lineAt(recordStart);
  const found = findBadQuote(rest, delimiter);
  if (found) {
    const line = startLine + found.lineOffset;
    const where = { file, line, column: found.column };
    return found.kind === 'unclosed'
      ? inputError(`${file}: a quoted field is never closed`, where, quoteHint)
      : inputError(`${file}: a quote in the middle of a field`, where, quoteHint);
  }
  const message = typeof e.message === 'string' ? e.message.replace(/ at line \d+.*$/s, '') : String(err);
  return inputError(`${file}: cannot read this CSV: ${message}`, { file, line: startLine }, quoteHint);
}

/**
 * Walks a record the way an RFC 4180 reader does and finds the first quoting mistake: a quote that
 * opens a field and never closes, or a quote after other text in a field.
 */
function findBadQuote(text: string, delimiter: Delimiter): { kind: 'unclosed' | 'stray'; lineOffset: number; column: number } | undefined {
  let line = 0;
  let lineStart = 0;
  let fieldStart = true;
  let inQuotes = false;
  let open = { line: 0, column: 0 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const newline = ch === '\n' || (ch === '\r' && text[i + 1] !== '\n');
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else {
          inQuotes = false;
          const next = text[i + 1];
          if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
            // Text right after a closing quote on a later line than the opening one usually means
            // the opening quote was never closed and this quote opened the next field.
            if (open.line !== line) return { kind: 'unclosed', lineOffset: open.line, column: open.column };
            return { kind: 'stray', lineOffset: line, column: i - lineStart + 2 };
          }
        }
      }
    } else if (ch === '"') {
      if (!fieldStart) return { kind: 'stray', lineOffset: line, column: i - lineStart + 1 };
      inQuotes = true;
      open = { line, column: i - lineStart + 1 };
    } else if (ch === delimiter) {
      fieldStart = true;
      continue;
    } else if (newline) {
      fieldStart = true;
    } else if (ch !== '\r') {
      fieldStart = false;
    }
    if (newline) {
      line++;
      lineStart = i + 1;
    }
  }
  return inQuotes ? { kind: 'unclosed', lineOffset: open.line, column: open.column } : undefined;
}
