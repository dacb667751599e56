import { type Delimiter, delimiters } from '../core/csv.js';
import { type Encoding, encodings } from '../core/decode.js';
import { type Category, categories, isCategory } from '../core/model.js';
import { type PiiPolicy, piiPolicies } from '../core/settings.js';
import { WtfcError } from '../errors.js';

/**
 * The values of flags that several commands take, each read one way: what a person may write, and
 * the message when it is not one of them.
 */

/** A whole number above 0: `--top`, `--themes`, `--min-size`, `--jobs`. */
export function positive(value: string, flag: string, or = ''): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new WtfcError(`${flag} ${value}: expected a whole number above 0${or}`);
  return n;
}

/** Any whole number: `--seed`. */
export function integer(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new WtfcError(`${flag} ${value}: expected a whole number`);
  return n;
}

/** `--category`, as people write it: "Not working", "not-working" and "not_working" are one. */
export function parseCategory(value: string): Category {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (isCategory(v)) return v;
  throw new WtfcError(`--category ${value}: not a category`, { hint: `use ${orList(categories)}` });
}

/** `--encoding`, with the names Excel and Windows users know it by (utf8, ansi, cp1252, latin1). */
export function parseEncoding(value: string | undefined): Encoding | undefined {
  return parseChoice<Encoding>(value, encodings, '--encoding');
}

function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const aliases: Record<string, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', cp1252: 'windows-1252', ansi: 'windows-1252', latin1: 'windows-1252' };
  const resolved = (aliases[v] ?? v) as T;
  if (choices.includes(resolved)) return resolved;
  throw new WtfcError(`${flag} ${value}: not supported`, { hint: `use one of ${choices.join(', ')}` });
}

/** The delimiters by the names `--delimiter` takes (the character itself is taken too). */
export const delimiterNames: Readonly<Record<string, Delimiter>> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' };

export function parseDelimiter(value: string | undefined): Delimiter | undefined {
  if (value === undefined) return undefined;
  const named: Record<string, Delimiter> = { ...delimiterNames, '\\t': '\t' };
  const d = (named[value.toLowerCase()] ?? value) as Delimiter;
  if ((delimiters as readonly string[]).includes(d)) return d;
  throw new WtfcError(`--delimiter ${value}: not supported`, { hint: `use ${orList(Object.keys(delimiterNames))}` });
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** `--pii POLICY`: this run's policy in place of wtfc.yaml's. */
export function parsePiiPolicy(value: string | undefined): PiiPolicy | undefined {
  if (value === undefined) return undefined;
  if ((piiPolicies as readonly string[]).includes(value)) return value as PiiPolicy;
  throw new WtfcError(`--pii ${value}: expected ${orList(piiPolicies)}`, { hint: 'see `wtfc pii --help` for what each does' });
}
