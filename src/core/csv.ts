import { createRequire } from 'node:module';
import type { Options } from 'csv-parse/sync';
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
 * empty columns). Malformed quoting is an error naming the line and column of the bad field. This
 * is `CsvReader` given the whole text at once; the tests hold both to csv-parse's reading.
 */
export function parseCsv(text: string, file: string, forced?: Delimiter): ParsedCsv {
  let header: string[] = [];
  const rows: RawRow[] = [];
  const reader = new CsvReader(file, forced, {
    header: (cells) => {
      header = cells;
    },
    row: (row) => rows.push(row),
  });
  reader.write(text);
  const { delimiter, headerLine } = reader.end();
  return { delimiter, header, headerLine, rows };
}

/** csv-parse's options for `parseCsv`'s reading (used for its error messages, and by the tests as the reference). */
export function parserOptions(delimiter: Delimiter): Options {
  return { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: false, bom: true };
}

function noHeader(file: string) {
  return inputError(`${file} has no header row`, { file }, 'the first row must name the columns');
}

/** What a `CsvReader` hands on: the header once, then each data row as it is read. */
export interface CsvHandler {
  header(header: string[], headerLine: number, delimiter: Delimiter): void;
  row(row: RawRow): void;
}

/**
 * `parseCsv` for text that arrives in chunks: `write` each piece of text as it is decoded, then
 * `end`. The handler gets the header and then every row as soon as its record is complete, exactly
 * as `parseCsv` on the whole text would return them (same delimiter sniffing, same cells, same
 * lines, blank rows skipped), and every error is the one `parseCsv` would throw.
 *
 * Records are cut by a quote-aware scan that follows csv-parse's rules for `parseCsv`'s options
 * (RFC 4180 quoting; CRLF, LF or CR line ends; a BOM skipped), carrying a quoted field, a CRLF or
 * a character split between chunks over to the next chunk. Only the record being read is kept. On
 * a quoting error the reader keeps the rest of the input from the start of the bad record and, at
 * `end`, hands that to csv-parse for its error, so the message names the same line, column and
 * problem as `parseCsv`'s.
 */
export class CsvReader {
  private readonly sniffer: DelimiterSniffer | undefined;
  private pending: string[] = [];
  private delimiter: Delimiter | undefined;
  private scanner: RecordScanner | undefined;
  private held = '';

  constructor(
    private readonly file: string,
    forced: Delimiter | undefined,
    private readonly handler: CsvHandler,
  ) {
    if (forced) this.start(forced);
    else this.sniffer = new DelimiterSniffer();
  }

  write(text: string): void {
    if (text === '') return;
    if (this.scanner) {
      this.feed(text, false);
    } else {
      this.pending.push(text);
      if (this.sniffer!.feed(text)) this.startPending();
    }
  }

  end(): { delimiter: Delimiter; headerLine: number } {
    if (!this.scanner) this.startPending();
    this.feed('', true);
    const scanner = this.scanner!;
    const failed = scanner.failure();
    if (failed) {
      const { rest, startLine, atFileStart } = failed;
      throw csvSyntaxError(csvParseError(rest, this.delimiter!, atFileStart), rest, startLine, this.file, this.delimiter!);
    }
    if (scanner.headerLine === undefined) throw noHeader(this.file);
    return { delimiter: this.delimiter!, headerLine: scanner.headerLine };
  }

  private startPending(): void {
    this.start(this.sniffer!.result());
    const text = this.pending.join('');
    this.pending = [];
    this.feed(text, false);
  }

  private start(delimiter: Delimiter): void {
    this.delimiter = delimiter;
    this.scanner = new RecordScanner(delimiter, this.handler, this.file);
  }

  /**
   * `parseCsv` parses the UTF-8 bytes of the text, so an unpaired surrogate reads back as U+FFFD;
   * a pair split between two chunks is joined first.
   */
  private feed(text: string, last: boolean): void {
    let t = this.held + text;
    this.held = '';
    if (!last) {
      const code = t.charCodeAt(t.length - 1);
      if (code >= 0xd800 && code <= 0xdbff) {
        this.held = t.slice(-1);
        t = t.slice(0, -1);
      }
    }
    const wellFormed = t as unknown as { isWellFormed(): boolean; toWellFormed(): string };
    if (!wellFormed.isWellFormed()) t = wellFormed.toWellFormed();
    this.scanner!.scan(t, last);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts text into records as csv-parse does with `parseCsv`'s options: a field that starts with a
 * quote runs to a quote followed by the delimiter, a line end, a NUL or the end of the text (two
 * quotes inside are one quote); a quote anywhere else in a field, or any other character after a
 * closing quote, is an error. CRLF, LF and CR end records. Lines are counted as `LineCounter`
 * counts them, line breaks inside quotes included.
 */
class RecordScanner {
  /** Text from the start of the record being read. */
  private buf = '';
  /** Where the scan goes on from, in `buf`. */
  private pos = 0;
  /** Where the unread part of the current field starts, in `buf`. */
  private segStart = 0;
  private quoting = false;
  private wasQuoting = false;
  /** The current field's pieces so far, when it is quoted. */
  private parts: string[] = [];
  private partsLength = 0;
  private record: string[] = [];
  private line = 1;
  private recordLine = 1;
  private started = false;
  private bomSkipped = false;
  private records = 0;
  private failed: { rest: string[]; startLine: number; atFileStart: boolean } | undefined;
  /**
   * The start of the open record, once moved out of `buf`: a field that runs over many chunks
   * would otherwise make `buf` longer with each one, and every scan of it start again from its
   * beginning (16 MB took 11 s, 64 MB a minute).
   */
  private dropped: string[] = [];
  headerLine: number | undefined;

  constructor(
    private readonly delimiter: Delimiter,
    private readonly handler: CsvHandler,
    private readonly file: string,
  ) {}

  failure(): { rest: string; startLine: number; atFileStart: boolean } | undefined {
    return this.failed && { ...this.failed, rest: this.failed.rest.join('') };
  }

  scan(text: string, last: boolean): void {
    if (this.failed) {
      this.failed.rest.push(text);
      return;
    }
    if (!this.started && text !== '') {
      this.started = true;
      // csv-parse skips a BOM at the start (`bom: true`).
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.bomSkipped = true;
      }
    }
    this.buf = this.buf === '' ? text : this.buf + text;
    this.run(last);
    if (last && !this.failed) this.finish();
  }

  private run(last: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    const delimiter = this.delimiter.charCodeAt(0);
    let pos = this.pos;
    let recordStart = 0;
    while (pos < len) {
      if (this.quoting) {
        // Inside quotes: on to the next quote, counting line breaks on the way.
        let c = 0;
        for (; pos < len; pos++) {
          c = buf.charCodeAt(pos);
          if (c === QUOTE || c === CR || c === LF) break;
        }
        if (pos >= len) break;
        if (c === LF) {
          this.line++;
          pos++;
          continue;
        }
        if (pos + 1 >= len && !last) break; // a CR or a quote: what it means depends on the next character
        const next = pos + 1 < len ? buf.charCodeAt(pos + 1) : -1;
        if (c === CR) {
          if (next !== LF) this.line++;
          pos++;
        } else if (next === QUOTE) {
          this.addPart(buf.slice(this.segStart, pos + 1));
          pos += 2;
          this.segStart = pos;
        } else if (next === -1 || next === delimiter || next === CR || next === LF || next === 0) {
          this.addPart(buf.slice(this.segStart, pos));
          this.quoting = false;
          this.wasQuoting = true;
          pos++;
          this.segStart = pos;
        } else {
          this.fail(buf, recordStart);
          return;
        }
      } else {
        let c = 0;
        for (; pos < len; pos++) {
          c = buf.charCodeAt(pos);
          if (c === delimiter || c === CR || c === LF || c === QUOTE) break;
        }
        if (pos >= len) break;
        if (c === QUOTE) {
          if (this.partsLength + pos - this.segStart > 0) {
            this.fail(buf, recordStart);
            return;
          }
          this.quoting = true;
          pos++;
          this.segStart = pos;
        } else if (c === delimiter) {
          this.endField(buf, pos);
          pos++;
          this.segStart = pos;
        } else {
          if (c === CR && pos + 1 >= len && !last) break; // CR, or the start of a CRLF?
          this.endField(buf, pos);
          pos += c === CR && pos + 1 < len && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
          this.line++;
          this.endRecord();
          recordStart = pos;
          this.segStart = pos;
          this.recordLine = this.line;
        }
      }
    }
    // Keep only the record being read.
    this.buf = recordStart === 0 ? buf : buf.slice(recordStart);
    this.pos = pos - recordStart;
    this.segStart -= recordStart;
    if (this.buf.length > keptInBuffer) this.moveOut();
  }

  /** Moves what the scan has read of the open record out of `buf`: the field so far into its parts, the rest into `dropped`. */
  private moveOut(): void {
    if (this.pos > this.segStart) {
      this.addPart(this.buf.slice(this.segStart, this.pos));
      this.segStart = this.pos;
    }
    if (this.partsLength > maxFieldChars) throw fieldTooLong(this.file, this.recordLine);
    this.dropped.push(this.buf.slice(0, this.segStart));
    this.buf = this.buf.slice(this.segStart);
    this.pos -= this.segStart;
    this.segStart = 0;
  }

  /** The end of the text: csv-parse ends the last record unless nothing at all is in it. */
  private finish(): void {
    if (this.quoting) {
      this.fail(this.buf, 0);
      return;
    }
    if (this.wasQuoting || this.record.length !== 0 || this.partsLength + this.pos - this.segStart > 0) {
      this.endField(this.buf, this.pos);
      this.endRecord();
    }
    this.buf = '';
    this.pos = 0;
    this.segStart = 0;
  }

  private addPart(part: string): void {
    this.parts.push(part);
    this.partsLength += part.length;
  }

  private endField(buf: string, end: number): void {
    const tail = buf.slice(this.segStart, end);
    if (tail.length + this.partsLength > maxFieldChars) throw fieldTooLong(this.file, this.recordLine);
    if (this.parts.length === 0) {
      this.record.push(tail);
    } else {
      this.parts.push(tail);
      this.record.push(this.parts.join(''));
      this.parts = [];
      this.partsLength = 0;
    }
    this.wasQuoting = false;
  }

  private endRecord(): void {
    const cells = this.record;
    this.record = [];
    this.dropped = [];
    this.records++;
    if (isBlank(cells)) return;
    const line = this.recordLine;
    if (this.headerLine === undefined) {
      this.headerLine = line;
      this.handler.header(
        cells.map((h) => h.trim()),
        line,
        this.delimiter,
      );
    } else {
      this.handler.row({ line, cells });
    }
  }

  /** A quoting error in the record that starts at `recordStart`: the rest of the text is kept for the message. */
  private fail(buf: string, recordStart: number): void {
    const atFileStart = this.records === 0;
    const rest = (atFileStart && this.bomSkipped ? '\ufeff' : '') + (recordStart === 0 ? this.dropped.join('') : '') + buf.slice(recordStart);
    this.failed = { rest: [rest], startLine: this.recordLine, atFileStart };
    this.buf = '';
  }
}

/** How much of an open record the scanner keeps in one string before moving it out. */
const keptInBuffer = 1 << 16;

/**
 * The longest field wtfc reads: a statement is a sentence or two, and a field of many megabytes is
 * a file gone wrong (a quote never closed, bytes that are not text), which would otherwise fill
 * the memory before anything said so.
 */
export const maxFieldChars = 1 << 20;

function fieldTooLong(file: string, line: number) {
  return inputError(`${file}: the field that starts on line ${line} is longer than 1 MB`, { file, line }, 'a statement is a sentence or two: look for a quote that is never closed, or save the file again as CSV');
}

/** csv-parse's own error for text that starts at a record and has a quoting error in it. */
function csvParseError(rest: string, delimiter: Delimiter, atFileStart: boolean): unknown {
  // Loaded here, not at the top: a file that reads cleanly never needs it.
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
  try {
    parse(Buffer.from(rest, 'utf8'), { ...parserOptions(delimiter), bom: atFileStart });
  } catch (err) {
    return err;
  }
  throw new Error('wtfc and csv-parse disagree about where this file has a quoting mistake: please report it with the file');
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * The delimiter is the candidate that appears most often, outside quotes, in the first line that
 * has any. A header such as `id;text;category` decides it; a single-column file falls back to ','.
 */
export function sniffDelimiter(text: string): Delimiter {
  const sniffer = new DelimiterSniffer();
  sniffer.feed(text);
  return sniffer.result();
}

/** `sniffDelimiter` a piece of text at a time: `feed` says when it has seen enough. */
class DelimiterSniffer {
  private readonly counts = new Map<Delimiter, number>();
  private inQuotes = false;
  private seen = false;
  private done = false;

  /** Reads more text; true once the first line with anything on it has ended. */
  feed(text: string): boolean {
    if (this.done) return true;
    const counts = this.counts;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '"') this.inQuotes = !this.inQuotes;
      else if (!this.inQuotes && (ch === '\n' || ch === '\r')) {
        if (this.seen) {
          this.done = true;
          return true;
        }
      } else if (!this.inQuotes && (delimiters as readonly string[]).includes(ch)) {
        counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
        this.seen = true;
      } else if (!this.inQuotes && ch.trim() !== '') this.seen = true;
    }
    return false;
  }

  result(): Delimiter {
    let best: Delimiter = ',';
    let bestCount = 0;
    for (const d of delimiters) {
      const c = this.counts.get(d) ?? 0;
      if (c > bestCount) {
        best = d;
        bestCount = c;
      }
    }
    return best;
  }
}

const quoteHint =
  'check the quotes there: a field that starts with " must end with ", and a " inside a field is written ""';

/** The error for a CSV the parser gave up on; `rest` is the text from the start of the failed record to the end. */
export function csvSyntaxError(err: unknown, rest: string, startLine: number, file: string, delimiter: Delimiter) {
  const e = err as { code?: string; message?: string };
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
