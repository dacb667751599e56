import { parse } from 'csv-parse/sync';
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
 * Parses CSV text as RFC 4180 with the tolerance real exports need: CRLF or LF, quoted line
 * breaks, blank lines (skipped), ragged rows (Excel drops or adds trailing empty columns).
 * Malformed quoting is an error that names the line and column where the bad field starts.
 */
export function parseCsv(text: string, file: string, forced?: Delimiter): ParsedCsv {
  const delimiter = forced ?? sniffDelimiter(text);
  let lastEnd = 0;
  const starts: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      on_record: (cells, context) => {
        starts.push(lastEnd + 1);
        lastEnd = context.lines;
        return cells;
      },
    });
  } catch (err) {
    throw csvSyntaxError(err, text, file, lastEnd + 1, delimiter);
  }
  const rows = records.map((cells, i) => ({ cells, line: starts[i]! })).filter((r) => !isBlank(r.cells));
  const first = rows.shift();
  if (!first) throw inputError(`${file} has no header row`, { file }, 'the first row must name the columns');
  return { delimiter, header: first.cells.map((h) => h.trim()), headerLine: first.line, rows };
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
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

interface CsvParseError {
  code?: string;
  lines?: number;
  message?: string;
}

function csvSyntaxError(err: unknown, text: string, file: string, recordStart: number, delimiter: Delimiter) {
  const e = err as CsvParseError;
  const hint =
    'check the quotes on that line: a field that starts with " must end with ", and a " inside a field is written ""';
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    const column = openingQuoteColumn(text, recordStart, delimiter);
    return inputError(`${file}: a quoted field is never closed`, { file, line: recordStart, column }, hint);
  }
  if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE') {
    const line = e.lines ?? recordStart;
    const column = firstQuoteColumn(text, line);
    return inputError(`${file}: a quote in the middle of a field`, { file, line, column }, hint);
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  return inputError(`${file}: cannot read this CSV: ${message}`, { file, line: e.lines ?? recordStart }, hint);
}

/** Column (1-based) of the first quote that opens a field on the given line. */
function openingQuoteColumn(text: string, line: number, delimiter: Delimiter): number | undefined {
  const lineText = lineTextAt(text, line);
  if (lineText === undefined) return undefined;
  for (let i = 0; i < lineText.length; i++) {
    if (lineText[i] === '"' && (i === 0 || lineText[i - 1] === delimiter)) return i + 1;
  }
  return firstQuoteColumn(text, line);
}

function firstQuoteColumn(text: string, line: number): number | undefined {
  const lineText = lineTextAt(text, line);
  const i = lineText?.indexOf('"') ?? -1;
  return i >= 0 ? i + 1 : undefined;
}

function lineTextAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
}
