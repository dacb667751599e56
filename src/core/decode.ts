import { inputError } from '../errors.js';

export const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type Encoding = (typeof encodings)[number];

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/**
 * Turns a file's bytes into text. Excel on Windows writes three things: "CSV UTF-8" (UTF-8 with a
 * BOM), "Unicode text" (UTF-16LE with a BOM, tab-separated) and plain "CSV" (the ANSI code page,
 * Windows-1252 in the UK). A BOM decides; otherwise valid UTF-8 is UTF-8, a NUL in every other
 * byte is BOM-less UTF-16, and anything else is read as Windows-1252, which maps every byte.
 */
export function decodeBytes(bytes: Uint8Array, file: string, forced?: Encoding): Decoded {
  const encoding = detectEncoding(bytes, file, forced);
  if (encoding === 'utf-8?') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return decodeAs(bytes, 'windows-1252', file);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) throw nulError(file, lineOf(text, nul));
    return { text, encoding: 'utf-8', bom: false };
  }
  return decodeAs(bytes, encoding, file);
}

/** How many bytes from the start of a file decide its encoding (the BOM-less UTF-16 sniff reads this many). */
export const sniffBytes = 4096;

/**
 * The encoding of a file from its first bytes (at least `sniffBytes` of them, or the whole file):
 * `utf-8?` means "UTF-8 if every byte turns out to be valid UTF-8, else Windows-1252".
 */
function detectEncoding(head: Uint8Array, file: string, forced: Encoding | undefined): Encoding | 'utf-8?' {
  refuseBinary(head, file);
  if (forced) return forced;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return sniffUtf16(head) ?? 'utf-8?';
}

/**
 * Thrown by a `StreamDecoder` that guessed UTF-8 when a later byte proves the file is not UTF-8.
 * The file is then read again from the start as Windows-1252, as `decodeBytes` would read it.
 */
export class NotUtf8 extends Error {
  constructor(readonly file: string) {
    super(`${file} is not UTF-8; read it again as Windows-1252`);
    this.name = 'NotUtf8';
  }
}

/**
 * `decodeBytes` for a file that arrives in chunks: `write` each chunk, then `end`. The text
 * returned, joined, is `decodeBytes(whole file).text`, and every error is the one `decodeBytes`
 * throws: the first `sniffBytes` bytes are held back until the encoding is known, a character split
 * between chunks is decoded whole, and a NUL is reported at `end` (after any invalid byte further
 * on, which `decodeBytes` would report instead). When the guess was UTF-8 and a byte proves
 * otherwise, `write` or `end` throws `NotUtf8`; the caller starts again with `windows-1252`.
 */
export class StreamDecoder {
  private head: Uint8Array[] = [];
  private headLength = 0;
  private mode: Encoding | 'utf-8?' | undefined;
  private decoder: TextDecoder | undefined;
  private newlines = 0;
  private nulLine: number | undefined;
  private bomSeen = false;

  constructor(
    private readonly file: string,
    private readonly forced?: Encoding,
  ) {}

  /** The encoding, once known; `utf-8` may still turn out to be Windows-1252 while `provisional`. */
  get encoding(): Encoding | undefined {
    return this.mode === 'utf-8?' ? 'utf-8' : this.mode;
  }

  get bom(): boolean {
    return this.bomSeen;
  }

  /** True while the encoding is a guess that a later byte may overturn (UTF-8, else Windows-1252). */
  get provisional(): boolean {
    return this.mode === undefined || this.mode === 'utf-8?';
  }

  write(bytes: Uint8Array): string {
    if (this.mode === undefined) {
      this.head.push(bytes);
      this.headLength += bytes.length;
      if (this.headLength < sniffBytes) return '';
      return this.decide();
    }
    return this.decode(bytes, false);
  }

  end(): string {
    const text = this.mode === undefined ? this.decide() : '';
    const rest = text + this.decode(new Uint8Array(0), true);
    if (this.nulLine !== undefined) throw nulError(this.file, this.nulLine);
    return rest;
  }

  private decide(): string {
    const head = this.head.length === 1 ? this.head[0]! : Buffer.concat(this.head);
    this.head = [];
    this.mode = detectEncoding(head, this.file, this.forced);
    if (this.mode === 'utf-8?') this.decoder = new TextDecoder('utf-8', { fatal: true });
    else if (this.mode !== 'windows-1252') this.decoder = new TextDecoder(this.mode, { fatal: true, ignoreBOM: false });
    if (this.mode !== 'utf-8?') this.bomSeen = hasBom(head, this.mode);
    return this.decode(head, false);
  }

  private decode(bytes: Uint8Array, last: boolean): string {
    const mode = this.mode!;
    let text: string;
    if (mode === 'windows-1252') {
      text = decodeWindows1252(bytes);
    } else {
      try {
        text = this.decoder!.decode(bytes, { stream: !last });
      } catch {
        if (mode === 'utf-8?') throw new NotUtf8(this.file);
        throw notValid(this.file, mode);
      }
    }
    // A NUL is refused in every encoding, UTF-8 too: in a statement it is invisible, and it cuts
    // what other programs read of the text short.
    if (this.nulLine === undefined) {
      const nul = text.indexOf('\u0000');
      if (nul >= 0) this.nulLine = this.newlines + lineOf(text, nul);
      else this.newlines += countNewlines(text);
    }
    return text;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function notValid(file: string, encoding: Encoding) {
  return inputError(
    `${file} is not valid ${encoding.toUpperCase()}`,
    { file },
    `save it from Excel as "CSV UTF-8", or name the encoding with --encoding (one of ${encodings.join(', ')})`,
  );
}

function nulError(file: string, line: number) {
  return inputError(
    `${file} contains a NUL character, so it was probably not read with the right encoding`,
    { file, line },
    `name the encoding with --encoding (one of ${encodings.join(', ')})`,
  );
}

function decodeAs(bytes: Uint8Array, encoding: Encoding, file: string): Decoded {
  const bom = hasBom(bytes, encoding);
  let text: string;
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw notValid(file, encoding);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw nulError(file, lineOf(text, nul));
  return { text, encoding, bom };
}

/**
 * Windows-1252 is Latin-1 except for 0x80–0x9F, where it has curly quotes, dashes, € and so on.
 * Node's own TextDecoder decodes it as plain Latin-1 on some versions (nodejs/node#60888), which
 * turns exactly the characters Excel users type into control codes, so the 32 differing bytes are
 * mapped here from the WHATWG Encoding Standard's index (the five unassigned bytes map to C1
 * controls, as that standard says).
 */
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

function hasBom(bytes: Uint8Array, encoding: Encoding): boolean {
  switch (encoding) {
    case 'utf-8':
      return startsWith(bytes, [0xef, 0xbb, 0xbf]);
    case 'utf-16le':
      return startsWith(bytes, [0xff, 0xfe]);
    case 'utf-16be':
      return startsWith(bytes, [0xfe, 0xff]);
    default:
      return false;
  }
}

/** Spreadsheet workbooks and other binary files, named so the user knows to export a CSV. */
function refuseBinary(bytes: Uint8Array, file: string): void {
  const hint = 'in Excel use File > Save As > "CSV UTF-8 (Comma delimited)", then ingest the .csv';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw inputError(`${file} is a zip file, probably an Excel .xlsx workbook, not a CSV`, { file }, hint);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw inputError(`${file} is an old Excel .xls workbook, not a CSV`, { file }, hint);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw inputError(`${file} is a PDF, not a CSV`, { file }, 'export the statements to CSV first');
  }
}

/** BOM-less UTF-16: in mostly-ASCII text, every other byte is zero. */
function sniffUtf16(bytes: Uint8Array): Encoding | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
