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
  refuseBinary(bytes, file);
  if (forced) return decodeAs(bytes, forced, file);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeAs(bytes, 'utf-8', file);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeAs(bytes, 'utf-16le', file);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeAs(bytes, 'utf-16be', file);
  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeAs(bytes, utf16, file);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return decodeAs(bytes, 'windows-1252', file);
  }
}

function decodeAs(bytes: Uint8Array, encoding: Encoding, file: string): Decoded {
  const bom = hasBom(bytes, encoding);
  let text: string;
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw inputError(
      `${file} is not valid ${encoding.toUpperCase()}`,
      { file },
      `save it from Excel as "CSV UTF-8", or name the encoding with --encoding (one of ${encodings.join(', ')})`,
    );
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = lineOf(text, nul);
    throw inputError(
      `${file} contains a NUL character, so it was probably not read with the right encoding`,
      { file, line },
      `name the encoding with --encoding (one of ${encodings.join(', ')})`,
    );
  }
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
