/** Collapses every run of white space (including line breaks and NBSP) to one space and trims. */
export function normaliseSpace(text: string): string {
  // Most statements are already tidy: single spaces between words, nothing at either end.
  if (!untidySpace.test(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}

/** White space other than a single space between two other characters. */
const untidySpace = /[^\S ]|\s\s|^\s|\s$/u;

/** A header or a category value reduced to lowercase words, with curly quotes straightened. */
export function normaliseLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[\u2018\u2019\u2032`]/g, "'")
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Text a person typed, made safe to show on a terminal on one line: control characters (an escape
 * sequence would move the cursor, recolour the screen or retitle the window), line breaks and the
 * marks that reverse text direction are written as visible escapes such as `\x1b`, `\n` and
 * `\u202e`. The text in the session's files is not changed.
 */
export function terminalText(text: string): string {
  if (!unsafeForTerminal.test(text)) return text;
  return text.replace(unsafeForTerminalAll, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = ch.codePointAt(0)!;
    return named[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}
const unsafeChars = '[\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]';
const unsafeForTerminal = new RegExp(unsafeChars, 'u');
const unsafeForTerminalAll = new RegExp(unsafeChars, 'gu');

/** Every string in a printed model made safe with `terminalText`; numbers and the rest as they are. */
export function terminalModel<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((v) => terminalModel(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalModel(v)])) as T;
  }
  return value;
}

/** "1 theme", "3 themes"; `many` for a word whose plural is not made with "s" ("odd ones out"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
