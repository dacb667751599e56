import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Io } from '../src/cli/io.js';
import { readBatchFile } from '../src/commands/batch.js';
import { makeContext } from '../src/commands/context.js';
import { mappableFields } from '../src/core/columns.js';
import { type Delimiter, delimiters, parseCsv } from '../src/core/csv.js';
import { type Encoding, decodeBytes, encodings } from '../src/core/decode.js';
import { ingestStatements } from '../src/core/ingest.js';
import { categories, type Category, type Statement, type Theme } from '../src/core/model.js';
import { readVoteFile } from '../src/core/votes.js';
import { ProblemsError, WtfcError } from '../src/errors.js';
import { readHistory } from '../src/session/history.js';
import { parsePlanFile } from '../src/session/plan-file.js';
import { readPriorities } from '../src/session/priorities-file.js';
import { piiTypes } from '../src/core/pii.js';
import { readPiiFile, renderPiiFile } from '../src/session/pii-file.js';
import { parseSettings } from '../src/session/settings.js';
import { parseRejectedFile, parseStatementsFile, renderRejectedCsv } from '../src/session/statements-file.js';
import { parseThemesFile, renderThemesFile } from '../src/session/themes-file.js';
import { parseBallotsFile, parseVotesFile, renderBallotsCsv } from '../src/session/votes-file.js';
import { exampleSession, fixedNow, repoRoot, runInProcess, slow, tempDir, testSecret } from './helpers.js';

/*
 * Fuzzing every reader of untrusted bytes: ingest, vote-file import, batch.yaml and each session
 * file. Whatever the bytes, a reader may only return, or throw a WtfcError (a ProblemsError
 * included) with a message that names the file; never another exception, and never a hang.
 *
 * For each reader, three kinds of input: (a) random bytes and syntax soup; (b) real, valid files
 * from the example session with bytes flipped, lines cut, duplicated and swapped, YAML and CSV
 * syntax, BOMs, NULs, huge numbers, deep nesting, alias bombs and long lines spliced in; (c)
 * generated documents with the right keys and the wrong types, and valid files with values
 * swapped for others. Then the CLI, in-process, on a session with one file mutated.
 *
 * Seeds are fixed. `FUZZ_SEED=N` (or `random`) and `FUZZ_RUNS=M` (a multiplier of the case
 * counts) override them: `npm run fuzz` runs many more cases with a random seed. A failure names
 * the seed to replay it with, prints fast-check's shrunk counterexample, and saves the failing
 * input's bytes to a file.
 */

const seedSetting = process.env.FUZZ_SEED ?? '';
const BASE_SEED = seedSetting === '' ? 20260314 : seedSetting === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedSetting);
const SCALE = Number(process.env.FUZZ_RUNS ?? '1');
if (!Number.isSafeInteger(BASE_SEED)) throw new Error(`FUZZ_SEED=${seedSetting}: expected a whole number, or random`);
if (!(SCALE > 0)) throw new Error(`FUZZ_RUNS=${process.env.FUZZ_RUNS}: expected a multiplier above 0`);
if (seedSetting !== '') console.log(`fuzz: FUZZ_SEED=${BASE_SEED} FUZZ_RUNS=${SCALE}`);

/** A generous bound for one call: a hang guard, not a speed test. */
const HANG_MS = 2000;
/** The same for one whole CLI command, which renders reports and may load the language model. */
const CLI_HANG_MS = 10_000;

const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
let plannedCases = 0;
/** A case budget per test: vitest's timeout grows with FUZZ_RUNS. */
const timeoutFor = (n: number) => 60_000 + n * 40;

// ---------------------------------------------------------------------------------------------
// The oracle

/**
 * A line of a stack trace: `    at fn (/path/file.js:1:2)`, `    at file:///path/file.js:1:2`. Not
 * wtfc's own `  at statements.csv:3`, which says where a problem is.
 */
const stackFrame = /^\s+at (?:async )?(?:[\w$.<>[\] ]+ \((?:file:\/\/|node:|\/|<anonymous>)[^)]*\)|(?:file:\/\/|node:)\S+)$/m;

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.constructor.name}: ${err.message}\n${err.stack ?? ''}`;
  return `a thrown ${typeof err}: ${String(err)}`;
}

function checkWhere(where: { file: string; line?: number; column?: number } | undefined, file: string, what: string): void {
  if (!where) return;
  if (where.file !== file) throw new Error(`${what} names the file ${JSON.stringify(where.file)}, not ${JSON.stringify(file)}`);
  for (const key of ['line', 'column'] as const) {
    const n = where[key];
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw new Error(`${what} has ${key} ${n}: expected a whole number from 1`);
  }
}

function checkMessage(text: string, what: string): void {
  if (text.trim() === '') throw new Error(`${what} is empty`);
  if (/\[object \w+\]/.test(text)) throw new Error(`${what} shows an object, not what the user wrote: ${text}`);
}

/** What a reader may do with bad input: throw a WtfcError with a clear message naming the file. */
function checkTypedError(err: unknown, file: string): void {
  if (!(err instanceof WtfcError)) throw new Error(`threw ${describeError(err)}\ninstead of a WtfcError`);
  checkMessage(err.message, 'the message');
  checkWhere(err.where, file, 'the error');
  if (err instanceof ProblemsError) {
    if (err.problems.length === 0) throw new Error(`"${err.message}" lists no problems`);
    for (const p of err.problems) {
      checkMessage(p.message, 'a problem');
      checkWhere(p.where, file, `the problem "${p.message}"`);
    }
  } else if (!err.message.includes(file) && err.where?.file !== file) {
    throw new Error(`"${err.message}" does not say which file`);
  }
}

/**
 * Runs a reader once: what it threw, if anything, and the time it took: the lesser of the process's
 * CPU time and the clock's. A reader runs on this one thread, so it cannot use more CPU than the
 * clock shows; CPU time beyond that is other threads' (the garbage collector's, a worker's), which
 * once let a quadratic reader pass the growth check under a full run. The clock beyond the CPU
 * time is the machine being busy with other processes.
 */
function measure(fn: () => unknown): { ms: number; threw: boolean; error?: unknown } {
  const clock = performance.now();
  const started = process.cpuUsage();
  let threw = false;
  let error: unknown;
  try {
    fn();
  } catch (err) {
    threw = true;
    error = err;
  }
  const used = process.cpuUsage(started);
  return { ms: Math.min((used.user + used.system) / 1000, performance.now() - clock), threw, error };
}

/**
 * Runs a reader: it must return or throw a typed error, within the hang bound. The bound is on the
 * time `measure` gives, which neither a busy machine nor other threads inflate much; but a cold
 * first run still does. So a case over the bound is measured twice
 * more, and fails only if its least run is over: one slow run on a shared machine may be noise,
 * three are not.
 */
function expectReturnsOrTypedError(file: string, fn: () => unknown): void {
  let r = measure(fn);
  for (let again = 0; again < 2 && r.ms > HANG_MS; again++) {
    const next = measure(fn);
    if (next.ms < r.ms) r = next;
  }
  if (r.ms > HANG_MS) throw new Error(`took ${Math.round(r.ms)} ms of CPU at best of three runs (the bound is ${HANG_MS} ms): a hang, or work that grows too fast with the input`);
  if (r.threw) checkTypedError(r.error, file);
}

/**
 * How a reader's cost grows with its input. The reader is run on a sixteenth of the input and on
 * all of it, and the cost of a byte in each is compared: linear work costs about the same per
 * byte, quadratic work 16 times as much. It fails when a byte of the whole costs more than
 * GROWTH_PER_BYTE times a byte of the sixteenth.
 *
 * Why that limit, measured on the readers here: linear readers came to at most 1.1 times on a quiet
 * machine and 3.7 with four other processes keeping both cores busy, the quadratic reader of the
 * oracle's test to 15.7-15.9 in each (stop 55, with `collect` waiting for the collector's helpers;
 * before it waited, that reader once came under 5 in a CI run). A small input lives and dies
 * in the garbage collector's young generation and a big one does not, so even linear work is
 * not yet a straight line at these sizes (over a span of 4 rather than 16, one cost 10 times as
 * much for 4 times the bytes). yaml's own duplicate-key check, the quadratic that parseYaml
 * replaces, came to 7.2 on 10,000 keys: its linear parsing still weighs a seventh as much there.
 *
 * Each side is the least of three to eight runs, as many of one as of the other. At least three,
 * because one small run slowed by a clock tick or a pause passed a quadratic reader; up to eight
 * while the ratio is over the limit, because with three one linear reader once came to 5.5 while
 * another process kept both cores busy for a minute, its whole input's runs slowed by collecting
 * a large heap each time, and with five one came to 8.1 (a quadratic reader stays over the limit
 * however many runs it is given). A
 * whole input read in under GROWTH_FLOOR_MS is not judged: at that size the ratio is mostly the
 * noise of a few milliseconds, and nothing that small hurts a user.
 */
const GROWTH_PER_BYTE = 5;
const GROWTH_FLOOR_MS = 25;
const GROWTH_ROUNDS = 8;

/**
 * A full garbage collection, where the test workers expose it (`execArgv` in vitest.config.ts),
 * then a pause until the collector's helper threads have finished with it. Their work counts in
 * the process's CPU time, and unwaited for it fell into the next timed run: 10-20 ms of it, which
 * made a small input that takes 1 ms cost several. With both cores busy the clock stretched as
 * much, and in a CI run a quadratic reader passed. So the pause lasts until 10 ms go by in which
 * the process uses almost no CPU while this thread sleeps (at most 300 ms; 10-30 ms here).
 */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let slept = 0; slept < 300; slept += 10) {
    const before = process.cpuUsage();
    Atomics.wait(sleeper, 0, 0, 10);
    const used = process.cpuUsage(before);
    if (used.user + used.system < 200) return;
  }
}

function expectLinearGrowth(read: (input: Input) => unknown, small: Input, whole: Input): void {
  const bytes = whole.bytes.length / small.bytes.length;
  const limit = bytes * GROWTH_PER_BYTE;
  let [a, b] = [Infinity, Infinity];
  for (let round = 0; round < GROWTH_ROUNDS; round++) {
    // The whole first: a cold first run then makes the ratio look worse, which a second round
    // settles, never better, which would pass a quadratic reader. Each run starts from a
    // collected heap (the config exposes gc): a worker that has run many files holds a large one,
    // and a major collection of it falling inside the whole input's runs once made a linear reader
    // cost 129 times as much for 16 times the bytes.
    collect();
    b = Math.min(b, measure(() => read(whole)).ms);
    collect();
    a = Math.min(a, measure(() => read(small)).ms);
    if (b < GROWTH_FLOOR_MS) return;
    // Passed only on the best of three runs a side: the small input takes a millisecond or so,
    // and one run of it that a clock tick or a pause made three times slower passed a quadratic
    // reader at once. (As many runs of each: more of the small alone made a linear reader fail.)
    if (round >= 2 && b / a <= limit) return;
  }
  throw new Error(
    `costs ${(b / a).toFixed(0)} times as much for ${bytes.toFixed(0)} times the bytes (${a.toFixed(1)} ms of CPU, then ${b.toFixed(1)} ms, ` +
      `at best of ${GROWTH_ROUNDS} runs): ${(b / a / bytes).toFixed(1)} times as much a byte, over the limit of ${GROWTH_PER_BYTE}; work that grows faster than the input`,
  );
}

// ---------------------------------------------------------------------------------------------
// Inputs, printed briefly: fast-check shows `how` for a counterexample, and the whole input is
// saved to a file when a property fails.

class Input {
  constructor(
    readonly bytes: Uint8Array,
    readonly how: string,
    /** Picks reader options (encoding, delimiter, --map …) where a reader has any; 0 is the default. */
    readonly variant = 0,
  ) {}

  [fc.toStringMethod](): string {
    const text = Buffer.from(this.bytes).toString('utf8');
    const shown = text.length <= 400 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 200))}… (${this.bytes.length} bytes)`;
    return `${this.how}${this.variant ? ` [variant ${this.variant}]` : ''}: ${shown}`;
  }
}

const encoder = new TextEncoder();
const bytesOf = (s: string) => encoder.encode(s);
const textOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

/** The saved input of the last failure of the current property (fast-check's last failure is its shrunk counterexample). */
let lastFailure: Input | undefined;

function seedFor(name: string): number {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (BASE_SEED ^ h) >>> 0;
}

function replayNote(name: string): string {
  const saved = lastFailure ? join(tmpdir(), `wtfc-fuzz-${name.replace(/[^a-z0-9]+/gi, '-')}.bin`) : undefined;
  if (saved && lastFailure) writeFileSync(saved, lastFailure.bytes);
  return (
    `fuzz case "${name}" failed. Replay: FUZZ_SEED=${BASE_SEED}${SCALE !== 1 ? ` FUZZ_RUNS=${SCALE}` : ''} npx vitest run tests/fuzz.test.ts -t "${name}"` +
    (saved ? `\nThe failing input's bytes are in ${saved}` : '')
  );
}

function fuzz(name: string, n: number, make: () => fc.Arbitrary<Input>, check: (input: Input) => void): void {
  const numRuns = runs(n);
  plannedCases += numRuns;
  it(
    name,
    () => {
      lastFailure = undefined;
      const property = fc.property(make(), (input) => {
        try {
          check(input);
        } catch (err) {
          lastFailure = input;
          throw err;
        }
      });
      try {
        fc.assert(property, { seed: seedFor(name), numRuns, includeErrorInReport: true });
      } catch (err) {
        throw new Error(`${replayNote(name)}\n${(err as Error).message}`);
      }
    },
    timeoutFor(numRuns),
  );
}

// ---------------------------------------------------------------------------------------------
// (a) Random bytes and syntax soup

const syntaxChars = [
  ':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', '"', "'", ',', ';', '#', '%', '@', '`', '?', '<', '=', '~', '\\',
  '\n', '\r', '\t', ' ', ' ', 'a', 'x', '1', '0', '.', 'é', '\uFEFF', '\u0000', '\u2028', '\u0085', '😀',
];

const randomInput = (): fc.Arbitrary<Input> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 1500 }).map((b) => new Input(b, 'random bytes')),
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => new Input(bytesOf(s), 'random text')),
    fc.string({ unit: fc.constantFrom(...syntaxChars), maxLength: 400 }).map((s) => new Input(bytesOf(s), 'syntax soup')),
  );

const withVariant = (arb: fc.Arbitrary<Input>) => fc.tuple(arb, fc.nat(1000)).map(([i, v]) => new Input(i.bytes, i.how, v));

// ---------------------------------------------------------------------------------------------
// (b) Mutations of valid files

interface Token {
  label: string;
  bytes: Uint8Array;
}

const token = (label: string, bytes: Uint8Array = bytesOf(label)): Token => ({ label: JSON.stringify(label), bytes });
const raw = (label: string, ...b: number[]): Token => ({ label, bytes: Uint8Array.from(b) });

const sharedTokens: Token[] = [
  ...['\n', '\r', '\r\n', '\t', ' ', '    ', '"', "'", ',', ';', '|', '#', '\\', '\uFEFF', '\u0000', '\u2028', '\u0085', '😀', 'é'].map((s) => token(s)),
  ...['9'.repeat(400), '1e400', '-1', '-0', '0', '2026-02-30', 'NaN', 'Infinity', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((s) => token(s)),
  raw('UTF-8 BOM', 0xef, 0xbb, 0xbf),
  raw('UTF-16LE BOM', 0xff, 0xfe),
  raw('UTF-16BE BOM', 0xfe, 0xff),
  raw('NUL byte', 0x00),
  raw('byte 0x80', 0x80),
  raw('byte 0xff', 0xff),
  raw('cut UTF-8', 0xc3),
  raw('UTF-8 surrogate', 0xed, 0xa0, 0x80),
  raw('zip magic', 0x50, 0x4b, 0x03, 0x04),
  raw('PDF magic', 0x25, 0x50, 0x44, 0x46),
  raw('xls magic', 0xd0, 0xcf, 0x11, 0xe0),
];

const billionLaughs =
  'lol0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
  ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x, i) => `lol${i + 1}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]\n`).join('');

const yamlTokens: Token[] = [
  ...sharedTokens,
  ...[': ', ':', '- ', '-', '[', ']', '{', '}', '&a ', '*a', '&b ', '*b', '!', '!!str ', '!!int ', '!!float ', '!!binary ', '!!map ', '!!seq ', '!!set ', '!!omap ', '!!timestamp ', '!local ', '|', '|-', '>', '>+', '? ', '%YAML 1.1\n', '%TAG ! tag:example.com,2000:\n', '---\n', '...\n', '<<: *a\n', '~', 'null', 'true', 'no', 'yes', '.nan', '.inf', '-.inf', '0x1F', '0o17', '12:30:00', '{a: 1, a: 2}', '[*a, *a]', 'x: &a [1]\n'].map((s) => token(s)),
  token(billionLaughs),
];

const csvTokens: Token[] = [
  ...sharedTokens,
  ...['""', '"\n"', '"a""b"', 'x"y', '"open', 'sep=;\n', '=HYPERLINK("x")', ',,,,,,,,', '\n\n\n', 'working', 'not working', 'future', 'person', 'staff', 'nw-01'].map((s) => token(s)),
];

const jsonTokens: Token[] = [
  ...sharedTokens,
  ...['{', '}', '[', ']', ':', 'null', 'true', '[]', '{}', '"seq":', '"state":null', '"themes":[null]', '"statements":null', '"id":1', '1e999', '\\u0000', '\\ud800'].map((s) => token(s)),
];

/** Tokens too big for a dictionary: deep nesting and long lines, sized by the generator. */
const bigToken = (syntax: 'yaml' | 'csv' | 'json'): fc.Arbitrary<Token> =>
  fc.tuple(fc.constantFrom('nest', 'long', 'lines'), fc.integer({ min: 1, max: 1000 })).map(([kind, n]) => {
    if (kind === 'long') return { label: `${n * 30} x's`, bytes: bytesOf('x'.repeat(n * 30)) };
    if (kind === 'lines') return { label: `${n} short lines`, bytes: bytesOf(syntax === 'csv' ? 'a,b\n'.repeat(n) : syntax === 'json' ? '{}\n'.repeat(n) : `k${n}: 1\n`.repeat(n)) };
    const open = syntax === 'json' ? '{"a":' : syntax === 'yaml' ? '[{a: ' : '"';
    return { label: `${n} × ${open}`, bytes: bytesOf(open.repeat(n)) };
  });

type Op =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; token: Token }
  | { op: 'replace-word'; at: number; token: Token }
  | { op: 'duplicate-line'; line: number; times: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'indent'; line: number; by: number };

function opArb(tokens: Token[], syntax: 'yaml' | 'csv' | 'json'): fc.Arbitrary<Op> {
  const at = fc.nat();
  const tok = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: bigToken(syntax) });
  return fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ op: fc.constant('truncate' as const), at }),
    fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ op: fc.constant('insert' as const), at, token: tok }),
    fc.record({ op: fc.constant('replace-word' as const), at, token: tok }),
    fc.record({
      op: fc.constant('duplicate-line' as const),
      line: fc.nat(),
      times: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: 21, max: 2000 }) }),
    }),
    fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  );
}

function showOp(o: Op): string {
  switch (o.op) {
    case 'flip':
      return `flip bit ${o.bit} at ${o.at}`;
    case 'truncate':
      return `truncate at ${o.at}`;
    case 'delete':
      return `delete ${o.length} at ${o.at}`;
    case 'insert':
      return `insert ${o.token.label} at ${o.at}`;
    case 'replace-word':
      return `replace the word at ${o.at} with ${o.token.label}`;
    case 'duplicate-line':
      return `line ${o.line} ×${o.times + 1}`;
    case 'swap-lines':
      return `swap lines ${o.a} and ${o.b}`;
    case 'indent':
      return `indent line ${o.line} by ${o.by}`;
  }
}

const isWordByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2e || b >= 0x80;

function splitLines(b: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) {
      lines.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  lines.push(b.subarray(start));
  return lines;
}

function applyOp(b: Uint8Array, o: Op): Uint8Array {
  const at = (n: number) => (b.length === 0 ? 0 : n % (b.length + 1));
  switch (o.op) {
    case 'flip': {
      if (b.length === 0) return b;
      const out = Uint8Array.from(b);
      out[o.at % b.length]! ^= 1 << o.bit;
      return out;
    }
    case 'truncate':
      return b.subarray(0, at(o.at));
    case 'delete': {
      const i = at(o.at);
      return concat(b.subarray(0, i), b.subarray(i + o.length));
    }
    case 'insert': {
      const i = at(o.at);
      return concat(b.subarray(0, i), o.token.bytes, b.subarray(i));
    }
    case 'replace-word': {
      let i = at(o.at);
      let j = i;
      while (i > 0 && isWordByte(b[i - 1]!)) i--;
      while (j < b.length && isWordByte(b[j]!)) j++;
      return concat(b.subarray(0, i), o.token.bytes, b.subarray(j));
    }
    case 'duplicate-line': {
      const lines = splitLines(b);
      const i = o.line % lines.length;
      const line = lines[i]!.length > 0 && lines[i]![lines[i]!.length - 1] !== 0x0a ? concat(lines[i]!, bytesOf('\n')) : lines[i]!;
      // Many short lines, or a few long ones: at most about 100 kB more.
      const times = Math.max(1, Math.min(o.times, Math.floor(100_000 / Math.max(1, line.length))));
      return concat(...lines.slice(0, i), ...Array<Uint8Array>(times).fill(line), ...lines.slice(i));
    }
    case 'swap-lines': {
      const lines = splitLines(b);
      const x = o.a % lines.length;
      const y = o.b % lines.length;
      [lines[x], lines[y]] = [lines[y]!, lines[x]!];
      return concat(...lines);
    }
    case 'indent': {
      const lines = splitLines(b);
      const i = o.line % lines.length;
      const line = lines[i]!;
      lines[i] = o.by >= 0 ? concat(bytesOf(' '.repeat(o.by)), line) : line.subarray(Math.min(-o.by, line.findIndex((c) => c !== 0x20) < 0 ? line.length : line.findIndex((c) => c !== 0x20)));
      return concat(...lines);
    }
  }
}

interface Base {
  name: string;
  bytes: Uint8Array;
}

function mutationInput(bases: Base[], tokens: Token[], syntax: 'yaml' | 'csv' | 'json'): fc.Arbitrary<Input> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(opArb(tokens, syntax), { minLength: 1, maxLength: 5 }))
    .map(([base, ops]) => new Input(ops.reduce(applyOp, base.bytes), `${base.name}: ${ops.map(showOp).join('; ')}`));
}

// ---------------------------------------------------------------------------------------------
// (c) Grammar-aware inputs: documents with the right keys and wrong types, and valid files with
// values swapped for others.

const oddStrings = [
  '', ' ', '0', '-1', '1e400', '9'.repeat(30), '.nan', 'null', '~', 'true', 'yes', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', 'valueOf', '2026-02-30', '2026-03-14', '[]', '{}', '"', "'", '*a', '&a', '!!binary', 'é', '😀', '\u0000',
  '\uFEFF', 'a\nb', 'a\r\nb', ' padded ', 'x'.repeat(2000),
];
const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...oddStrings),
);
const keyArb = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...oddStrings.slice(0, 20)));
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  ),
}));
/** Right-typed most of the time, anything at all otherwise. */
const maybe = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: anyValue });
const optionalRecord = (model: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(model, { requiredKeys: [] }), fc.option(fc.dictionary(keyArb, anyValue, { maxKeys: 2 }), { freq: 4 })).map(([r, extra]) => ({ ...r, ...(extra ?? {}) }));

/** A chain of lists that are all the same object: YAML writes it with anchors and aliases, a billion laughs in a few lines. */
const aliasBomb = fc.integer({ min: 2, max: 12 }).map((depth) => {
  let node: unknown = ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol'];
  for (let i = 0; i < depth; i++) node = Array<unknown>(9).fill(node);
  return node;
});

type YamlStyle = 'block' | 'flow' | 'json' | 'crlf' | 'bom';
const yamlStyle = fc.constantFrom<YamlStyle>('block', 'flow', 'json', 'crlf', 'bom');

function writeYaml(value: unknown, style: YamlStyle): string {
  if (style === 'json' && !hasShared(value)) {
    try {
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'null';
    } catch {
      // a shared subtree is fine for YAML, not for JSON: fall through to YAML
    }
  }
  const text = stringifyYaml(value, { collectionStyle: style === 'flow' ? 'flow' : 'any', lineWidth: 0 });
  return style === 'crlf' ? text.replace(/\n/g, '\r\n') : style === 'bom' ? `\uFEFF${text}` : text;
}

const yamlInput = (how: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Input> =>
  fc.tuple(value, yamlStyle).map(([v, style]) => new Input(bytesOf(writeYaml(v, style)), `${how} (${style})`));

/** Every place in a parsed document, as a path of keys and indexes; a subtree in two places is listed once. */
function pathsOf(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = [], seen = new Set<unknown>()): (string | number)[][] {
  out.push(path);
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out, seen));
  else for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out, seen);
  return out;
}

/** Whether `target` can be reached from `from`: putting `from` inside `target` would make a cycle. */
function reaches(from: unknown, target: unknown, seen = new Set<unknown>()): boolean {
  if (from === target) return true;
  if (from === null || typeof from !== 'object' || seen.has(from)) return false;
  seen.add(from);
  return Object.values(from).some((v) => reaches(v, target, seen));
}

/** Whether some subtree appears in two places (JSON would write it out twice, and a bomb 9^12 times). */
function hasShared(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  return Object.values(value).some((v) => hasShared(v, seen));
}

type Edit = { at: number; kind: 'replace' | 'delete' | 'duplicate' | 'share'; value: unknown };
const editArb = (bombs: boolean) =>
  fc.record({ at: fc.nat(), kind: fc.constantFrom<Edit['kind']>('replace', 'replace', 'delete', 'duplicate', 'share'), value: bombs ? fc.oneof({ weight: 9, arbitrary: anyValue }, { weight: 1, arbitrary: aliasBomb }) : anyValue });

/** Applies edits to a copy of a parsed document: a value replaced, a key or item deleted or repeated, or one subtree put in two places (an alias). */
function editTree(doc: unknown, edits: Edit[]): { root: unknown; how: string[] } {
  let root = structuredClone(doc);
  const how: string[] = [];
  const show = (v: unknown) => {
    if (hasShared(v)) return 'an alias bomb';
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  };
  for (const e of edits) {
    const paths = pathsOf(root);
    const path = paths[e.at % paths.length]!;
    const at = path.join('.') || '(the whole document)';
    if (path.length === 0) {
      if (e.kind === 'replace') {
        root = e.value;
        how.push(`${at} = ${show(e.value)}`);
      }
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((node, k) => node[k], root);
    const key = path.at(-1)!;
    if (e.kind === 'replace') {
      parent[key] = e.value;
      how.push(`${at} = ${show(e.value)}`);
    } else if (e.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      how.push(`delete ${at}`);
    } else if (e.kind === 'duplicate' && Array.isArray(parent)) {
      parent.splice(key as number, 0, parent[key as number]);
      how.push(`repeat ${at}`);
    } else if (e.kind === 'share') {
      const otherPath = paths[(e.at >>> 3) % paths.length]!;
      const other = otherPath.reduce<any>((node, k) => node[k], root);
      if (!reaches(other, parent)) {
        parent[key] = other;
        how.push(`${at} = *${otherPath.join('.') || '(the whole document)'}`);
      }
    }
  }
  return { root, how };
}

const editedYaml = (bases: Base[]): fc.Arbitrary<Input> => {
  const parsed = bases.map((b) => ({ name: b.name, doc: parseYaml(textOf(b.bytes)) as unknown }));
  return fc
    .tuple(fc.constantFrom(...parsed), fc.array(editArb(true), { minLength: 1, maxLength: 4 }), yamlStyle)
    .map(([b, edits, style]) => {
      const { root, how } = editTree(b.doc, edits);
      return new Input(bytesOf(writeYaml(root, style)), `${b.name} with ${how.join('; ') || 'nothing'} changed (${style})`);
    });
};

const editedJsonLines = (bases: Base[]): fc.Arbitrary<Input> => {
  const parsed = bases.map((b) => ({ name: b.name, lines: textOf(b.bytes).split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) }));
  return fc
    .tuple(fc.constantFrom(...parsed), fc.nat(), fc.array(editArb(false), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([b, which, edits, finalNewline]) => {
      const line = which % b.lines.length;
      const { root, how } = editTree(b.lines[line], edits);
      const lines = b.lines.map((l, i) => (i === line ? root : l));
      const text = lines.map((l) => JSON.stringify(l) ?? 'null').join('\n') + (finalNewline ? '\n' : '');
      return new Input(bytesOf(text), `${b.name}, line ${line + 1} with ${how.join('; ') || 'nothing'} changed`);
    });
};

/** CSV cells: real values for the file, and anything else. */
const cellArb = (pool: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: fc.string({ maxLength: 15 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '|', '\n', '\r', ' ', 'a', '1'), maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(...oddStrings) },
  );

type Quoting = 'rfc' | 'always' | 'never' | 'sloppy';
interface CsvShape {
  delimiter: Delimiter;
  eol: '\n' | '\r\n' | '\r';
  quoting: Quoting;
  finalEol: boolean;
}
const csvShape: fc.Arbitrary<CsvShape> = fc.record({
  delimiter: fc.oneof({ weight: 4, arbitrary: fc.constant<Delimiter>(',') }, { weight: 1, arbitrary: fc.constantFrom(...delimiters) }),
  eol: fc.constantFrom<CsvShape['eol']>('\n', '\r\n', '\r'),
  quoting: fc.constantFrom<Quoting>('rfc', 'rfc', 'always', 'never', 'sloppy'),
  finalEol: fc.boolean(),
});

function writeCsv(rows: string[][], shape: CsvShape): string {
  const field = (c: string, i: number) => {
    const needs = /["\r\n]/.test(c) || c.includes(shape.delimiter);
    if (shape.quoting === 'never') return c;
    if (shape.quoting === 'sloppy') return i % 3 === 0 ? `"${c}"` : c;
    if (shape.quoting === 'always' || needs) return `"${c.replace(/"/g, '""')}"`;
    return c;
  };
  return rows.map((r) => r.map(field).join(shape.delimiter)).join(shape.eol) + (shape.finalEol ? shape.eol : '');
}

const csvInput = (how: string, header: fc.Arbitrary<readonly string[]>, pool: readonly string[]): fc.Arbitrary<Input> =>
  fc
    .tuple(header, fc.array(fc.array(cellArb(pool), { maxLength: 10 }), { maxLength: 25 }), csvShape)
    .map(([h, rows, shape]) => new Input(bytesOf(writeCsv([[...h], ...rows], shape)), `${how} (${JSON.stringify(shape)})`));

/** A right header most of the time: exact, reordered, with a column dropped or added. */
const headerArb = (columns: readonly string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant([...columns]) },
    { weight: 1, arbitrary: fc.shuffledSubarray([...columns], { minLength: 1 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constant([...columns]), fc.string({ maxLength: 6 })).map(([c, x]) => [...c, x]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...columns), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 10 }) },
  );

const editedCsv = (bases: Base[], pool: readonly string[]): fc.Arbitrary<Input> => {
  const parsed = bases.map((b) => ({ name: b.name, rows: parseCsvSync(Buffer.from(b.bytes), { relax_column_count: true, bom: true }) as string[][] }));
  return fc
    .tuple(fc.constantFrom(...parsed), fc.array(fc.tuple(fc.nat(), fc.nat(), cellArb(pool)), { minLength: 1, maxLength: 6 }), csvShape)
    .map(([b, edits, shape]) => {
      const rows = b.rows.map((r) => [...r]);
      for (const [r, c, value] of edits) {
        const row = rows[r % rows.length]!;
        row[c % (row.length + 1)] = value;
      }
      return new Input(bytesOf(writeCsv(rows, shape)), `${b.name} with ${edits.length} cell(s) changed (${JSON.stringify(shape)})`);
    });
};

// ---------------------------------------------------------------------------------------------
// The readers, and what they are fed

const work = tempDir();
let caseNo = 0;
/** For readers that take a path: each case writes its bytes to a fresh file. */
function writeCase(name: string, bytes: Uint8Array): string {
  const path = join(work, `${caseNo++ % 50}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

const pick = <T>(variant: number, choices: readonly T[]): T => choices[variant % choices.length]!;

interface Session {
  dir: string;
  statements: Statement[];
  themes: Theme[];
  file: (name: string) => Uint8Array;
}
let session: Session;
const example = (...parts: string[]) => Uint8Array.from(readFileSync(join(repoRoot, 'examples', ...parts)));

beforeAll(async () => {
  const dir = join(await exampleSession(), 's');
  const file = (name: string) => Uint8Array.from(readFileSync(join(dir, name)));
  const statements = parseStatementsFile(textOf(file('statements.csv')), 'statements.csv');
  const set = parseThemesFile(textOf(file('themes.yaml')), 'themes.yaml', statements);
  session = { dir, statements, themes: categories.flatMap((c) => set.categories[c].themes), file };
  // Changes to undo, ballots, and rejected rows, for the CLI layer.
  const step = async (...argv: string[]) => expect((await runInProcess([...argv, '-C', dir, '-q'], { cwd: work })).code).toBe(0);
  writeFileSync(join(work, 'ranked.csv'), 'voter,perspective,rank1,rank2,rank3\nZed,person,nw-01,nw-02,nw-03\nYan,family,nw-05,nw-01\n');
  writeFileSync(join(work, 'rejects.csv'), 'text,category,perspective\nI want to be asked,nonsense,person\n,working,staff\n');
  await step('themes', 'rename', 'w-01', 'I choose who helps me');
  await step('themes', 'lock', 'nw-02');
  await step('votes', 'import', join(work, 'ranked.csv'));
  await step('ingest', join(work, 'rejects.csv'));
}, 120_000);

/** A smaller themes file than the example's, to keep each case quick: two themes a category. */
function smallThemes(): Uint8Array {
  const set = parseThemesFile(textOf(session.file('themes.yaml')), 'themes.yaml', session.statements);
  for (const c of categories) {
    set.categories[c].themes = set.categories[c].themes.slice(0, 2);
    set.categories[c].unthemed = set.categories[c].unthemed.slice(0, 3);
  }
  return bytesOf(renderThemesFile(set, session.statements));
}

interface Reader {
  name: string;
  /** The file name the reader is given, which every message must name. */
  file: string;
  syntax: 'yaml' | 'csv' | 'json';
  read: (input: Input) => void;
  bases: () => Base[];
  grammar: () => fc.Arbitrary<Input>;
  /** Case counts for (a), (b) and (c). */
  runs: [number, number, number];
}

const themeIds = () => session.themes.map((t) => t.id);
const statementIds = () => session.statements.map((s) => s.id);
const base = (name: string, bytes: Uint8Array): Base => ({ name, bytes });

const themeArb = () =>
  optionalRecord({
    id: maybe(fc.constantFrom(...themeIds(), 'x-01')),
    name: maybe(fc.string({ maxLength: 30 })),
    draft: maybe(fc.string({ maxLength: 30 })),
    locked: maybe(fc.boolean()),
    parked: maybe(fc.boolean()),
    edited: maybe(fc.boolean()),
    label: maybe(fc.string({ maxLength: 20 })),
    size: maybe(fc.nat()),
    cohesion: maybe(fc.double()),
    perspectives: maybe(fc.dictionary(fc.constantFrom('person', 'family', 'staff', 'other', 'unknown'), fc.nat())),
    representative: maybe(fc.array(fc.constantFrom(...statementIds()), { maxLength: 3 })),
    statements: maybe(fc.array(fc.constantFrom(...statementIds()), { maxLength: 6 })),
  });

const readers: Reader[] = [
  {
    name: 'wtfc.yaml',
    file: 'wtfc.yaml',
    syntax: 'yaml',
    read: (i) => parseSettings(textOf(i.bytes), 'wtfc.yaml', '2026-03-14'),
    bases: () => [base('wtfc.yaml', session.file('wtfc.yaml'))],
    grammar: () =>
      fc.oneof(
        yamlInput(
          'settings',
          optionalRecord({
            version: maybe(fc.integer({ min: -1, max: 3 })),
            name: maybe(fc.string()),
            council: maybe(fc.string()),
            date: maybe(fc.constantFrom('2026-03-14', '2026-02-30', '1999-12-31', '0000-01-01', '99999-01-01')),
            ingest: maybe(optionalRecord({ max_text_length: maybe(fc.integer()), top_two: maybe(fc.integer()), max_file_mb: maybe(fc.integer()), max_rows: maybe(fc.integer()) })),
            pii: maybe(optionalRecord({ policy: maybe(fc.constantFrom('block', 'mask', 'warn')), names: maybe(fc.array(fc.string(), { maxLength: 3 })) })),
            theme: maybe(optionalRecord({ themes: maybe(fc.oneof(fc.constant('auto'), fc.integer())), min_size: maybe(fc.integer()), seed: maybe(fc.integer()) })),
            prioritise: maybe(
              optionalRecord({
                category: maybe(fc.constantFrom(...categories)),
                top: maybe(fc.integer()),
                dots: maybe(fc.integer()),
                weights: maybe(fc.dictionary(fc.constantFrom('person', 'family', 'staff', 'other', 'unknown', 'toString'), maybe(fc.double()))),
              }),
            ),
          }),
        ),
        editedYaml([base('wtfc.yaml', session.file('wtfc.yaml'))]),
      ),
    runs: [300, 400, 300],
  },
  {
    name: 'themes.yaml',
    file: 'themes.yaml',
    syntax: 'yaml',
    read: (i) => parseThemesFile(textOf(i.bytes), 'themes.yaml', session.statements),
    bases: () => [base('themes.yaml (two themes a category)', smallThemes())],
    grammar: () => {
      const category = optionalRecord({ themes: maybe(fc.array(maybe(themeArb()), { maxLength: 4 })), unthemed: maybe(fc.array(fc.constantFrom(...statementIds()), { maxLength: 4 })) });
      return fc.oneof(
        yamlInput(
          'themes',
          optionalRecord({
            version: maybe(fc.integer({ min: 0, max: 3 })),
            engine: maybe(optionalRecord({ name: maybe(fc.string()), version: maybe(fc.nat()), seed: maybe(fc.integer()), themes: maybe(fc.oneof(fc.constant('auto'), fc.nat())), min_size: maybe(fc.nat()) })),
            working: maybe(category),
            not_working: maybe(category),
            future: maybe(category),
          }),
        ),
        editedYaml([base('themes.yaml (two themes a category)', smallThemes())]),
      );
    },
    runs: [250, 300, 300],
  },
  {
    name: 'plan.yaml',
    file: 'plan.yaml',
    syntax: 'yaml',
    read: (i) => parsePlanFile(textOf(i.bytes), 'plan.yaml'),
    bases: () => [base('plan.yaml', session.file('plan.yaml'))],
    grammar: () => {
      const id = fc.constantFrom('c1', 'c2', 's1', 'a1', 'x');
      const cause = optionalRecord({ id: maybe(id), text: maybe(fc.string()), because: maybe(id) });
      const action = optionalRecord({
        id: maybe(id),
        what: maybe(fc.string()),
        who: maybe(fc.string()),
        by: maybe(fc.constantFrom('2027-02-28', '2027-02-30', 'soon')),
        measure: maybe(fc.string()),
        status: maybe(fc.constantFrom('not-started', 'in-progress', 'done', 'maybe')),
      });
      const themePlan = optionalRecord({
        theme: maybe(fc.constantFrom(...themeIds())),
        name: maybe(fc.string()),
        causes: maybe(fc.array(maybe(cause), { maxLength: 4 })),
        success: maybe(fc.array(maybe(optionalRecord({ id: maybe(id), text: maybe(fc.string()) })), { maxLength: 3 })),
        actions: maybe(fc.array(maybe(action), { maxLength: 3 })),
      });
      return fc.oneof(
        yamlInput('plan', optionalRecord({ version: maybe(fc.nat(3)), themes: maybe(fc.array(maybe(themePlan), { maxLength: 3 })) })),
        editedYaml([base('plan.yaml', session.file('plan.yaml'))]),
      );
    },
    runs: [400, 400, 300],
  },
  {
    name: 'priorities.yaml',
    file: 'priorities.yaml',
    syntax: 'yaml',
    read: (i) => readPriorities(writeCase('priorities.yaml', i.bytes), 'priorities.yaml'),
    bases: () => [base('priorities.yaml', session.file('priorities.yaml'))],
    grammar: () =>
      fc.oneof(
        yamlInput(
          'priorities',
          optionalRecord({
            version: maybe(fc.nat(3)),
            recorded: maybe(fc.string()),
            method: maybe(fc.constantFrom('count', 'dots', 'weighted', 'borda', 'schulze')),
            category: maybe(fc.constantFrom(...categories)),
            n: maybe(fc.nat(10)),
            top: fc.oneof(maybe(fc.array(fc.constantFrom(...themeIds()), { maxLength: 4 })), aliasBomb),
            tie_at_cut: maybe(fc.boolean()),
            included: maybe(fc.array(fc.constantFrom(...themeIds()), { maxLength: 2 })),
            ranking: maybe(fc.array(optionalRecord({ rank: maybe(fc.nat()), theme: maybe(fc.constantFrom(...themeIds())), name: maybe(fc.string()), score: maybe(fc.double()) }), { maxLength: 4 })),
          }),
        ),
        editedYaml([base('priorities.yaml', session.file('priorities.yaml'))]),
      ),
    runs: [300, 350, 300],
  },
  {
    name: 'pii.yaml',
    file: 'pii.yaml',
    syntax: 'yaml',
    read: (i) => readPiiFile(writeCase('pii.yaml', i.bytes), 'pii.yaml'),
    bases: () => [
      base(
        'pii.yaml',
        bytesOf(
          renderPiiFile({
            ignored: [
              { statement: statementIds()[0]!, type: 'name', span: 'Grace' },
              { statement: statementIds()[1]!, type: 'phone', span: '0161 496 0000' },
            ],
            redacted: [{ of: statementIds()[2]!, fingerprint: 'ab'.repeat(32) }],
          }),
        ),
      ),
    ],
    grammar: () =>
      yamlInput(
        'pii',
        optionalRecord({
          ignored: fc.oneof(
            maybe(fc.array(optionalRecord({ statement: maybe(fc.constantFrom(...statementIds(), 'x')), type: maybe(fc.constantFrom(...piiTypes, 'ssn')), span: maybe(fc.string()) }), { maxLength: 4 })),
            aliasBomb,
          ),
          redacted: fc.oneof(
            maybe(fc.array(optionalRecord({ of: maybe(fc.constantFrom(...statementIds(), 'rejected:1')), fingerprint: maybe(fc.constantFrom('ab'.repeat(32), 'AB', 'x')) }), { maxLength: 4 })),
            aliasBomb,
          ),
        }),
      ),
    runs: [300, 300, 300],
  },
  {
    name: 'history.jsonl',
    file: 'history.jsonl',
    syntax: 'json',
    read: (i) => readHistory(writeCase('history.jsonl', i.bytes), 'history.jsonl'),
    bases: () => [base('history.jsonl', session.file('history.jsonl'))],
    grammar: () => {
      const entry = optionalRecord({
        seq: maybe(fc.nat(10)),
        at: maybe(fc.string()),
        action: maybe(fc.constantFrom('theme', 'rename', 'merge', 'undo', 'hand-edit', 'start')),
        summary: maybe(fc.string()),
        undoes: maybe(fc.nat(10)),
        state: maybe(
          optionalRecord({
            engine: anyValue,
            categories: maybe(
              optionalRecord(
                Object.fromEntries(categories.map((c) => [c, maybe(optionalRecord({ themes: maybe(fc.array(maybe(themeArb()), { maxLength: 3 })), unthemed: maybe(fc.array(fc.string(), { maxLength: 3 })) }))])),
              ),
            ),
          }),
        ),
      });
      const lines = fc.array(fc.oneof({ weight: 4, arbitrary: entry.map((e) => JSON.stringify(e)) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), { maxLength: 5 });
      return fc.oneof(
        fc.tuple(lines, fc.boolean()).map(([ls, nl]) => new Input(bytesOf(ls.join('\n') + (nl ? '\n' : '')), 'history lines')),
        editedJsonLines([base('history.jsonl', session.file('history.jsonl'))]),
      );
    },
    runs: [300, 350, 300],
  },
  {
    name: 'statements.csv',
    file: 'statements.csv',
    syntax: 'csv',
    read: (i) => parseStatementsFile(textOf(i.bytes), 'statements.csv'),
    bases: () => [base('statements.csv', session.file('statements.csv').subarray(0, 3000))].map((b) => ({ ...b, bytes: wholeLines(b.bytes) })),
    grammar: () => {
      const pool = ['NM-001', 'NM-002', 's-1a2b3c4d', 'I want help', ...categories, 'person', 'family', 'staff', 'other', 'unknown', 'P001', 'Northmere', 'statements.csv', '2', '12'];
      const columns = ['id', 'text', 'category', 'perspective', 'person', 'council', 'source', 'line'];
      return fc.oneof(csvInput('statements', headerArb(columns), pool), editedCsv([base('statements.csv', wholeLines(session.file('statements.csv').subarray(0, 3000)))], pool));
    },
    runs: [400, 400, 350],
  },
  {
    name: 'rejected.csv',
    file: 'rejected.csv',
    syntax: 'csv',
    read: (i) => parseRejectedFile(textOf(i.bytes), 'rejected.csv'),
    bases: () => [base('rejected.csv', rejectedCsv())],
    grammar: () => {
      const pool = ['a.csv', '2', 'empty text', 'duplicate of NM-001', '', 'I want help', ...categories, 'person', 'P1', 'Northmere'];
      const columns = ['source', 'line', 'reason', 'id', 'text', 'category', 'perspective', 'person', 'council'];
      return fc.oneof(csvInput('rejected', headerArb(columns), pool), editedCsv([base('rejected.csv', rejectedCsv())], pool));
    },
    runs: [400, 350, 350],
  },
  {
    name: 'votes.csv',
    file: 'votes.csv',
    syntax: 'csv',
    read: (i) => parseVotesFile(textOf(i.bytes), 'votes.csv'),
    bases: () => [base('votes.csv', session.file('votes.csv'))],
    grammar: () => {
      const pool = ['Ann', 'Bilal', 'person', 'family', 'staff', 'nw-01', 'nw-02', '0', '3', '-1', '1.5', 'votes.csv', '2'];
      const columns = ['voter', 'perspective', 'theme', 'dots', 'source', 'line'];
      return fc.oneof(csvInput('votes', headerArb(columns), pool), editedCsv([base('votes.csv', session.file('votes.csv'))], pool));
    },
    runs: [400, 350, 350],
  },
  {
    name: 'ballots.csv',
    file: 'ballots.csv',
    syntax: 'csv',
    read: (i) => parseBallotsFile(textOf(i.bytes), 'ballots.csv'),
    bases: () => [base('ballots.csv', ballotsCsv())],
    grammar: () => {
      const pool = ['Zed', 'Yan', 'person', 'family', '1', '2', '3', '0', '01', 'nw-01', 'nw-05', 'ranked.csv', '2'];
      const columns = ['voter', 'perspective', 'rank', 'theme', 'source', 'line'];
      return fc.oneof(csvInput('ballots', headerArb(columns), pool), editedCsv([base('ballots.csv', ballotsCsv())], pool));
    },
    runs: [400, 350, 400],
  },
  {
    name: 'batch.yaml',
    file: 'batch.yaml',
    syntax: 'yaml',
    read: (i) => {
      writeFileSync(join(batchDir(), 'batch.yaml'), i.bytes);
      const { councils } = readBatchFile(makeContext(quietIo(batchDir()), undefined), 'batch.yaml', {});
      // What it accepts, the run reads: every path must be a file.
      for (const path of councils.flatMap((c) => [...c.files, ...(c.votes ? [c.votes] : [])])) {
        if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`readBatchFile accepted ${path}, which is not a file`);
      }
    },
    bases: () => [base('batch.yaml', bytesOf(batchYaml))],
    grammar: () => {
      const path = fc.constantFrom('north.csv', 'votes.csv', 'nope.csv', '.', 'sub', '', '../north.csv', 'north.csv\u0000x');
      const council = optionalRecord({ name: maybe(fc.string({ maxLength: 12 })), files: maybe(fc.array(maybe(path), { maxLength: 3 })), votes: maybe(path), themes: maybe(fc.oneof(fc.constant('auto'), fc.nat(20))) });
      return fc.oneof(
        yamlInput('batch', optionalRecord({ out: maybe(fc.constantFrom('councils', '.', 'north.csv', '')), councils: maybe(fc.array(maybe(council), { maxLength: 3 })) })),
        editedYaml([base('batch.yaml', bytesOf(batchYaml))]),
      );
    },
    runs: [250, 350, 300],
  },
  {
    name: 'ingest',
    file: 'input.csv',
    syntax: 'csv',
    read: (i) => {
      const v = i.variant;
      const encoding = pick(v, [undefined, undefined, ...encodings]) as Encoding | undefined;
      const delimiter = pick(v >> 3, [undefined, undefined, ...delimiters]) as Delimiter | undefined;
      const decoded = decodeBytes(i.bytes, 'input.csv', encoding);
      const csv = parseCsv(decoded.text, 'input.csv', delimiter);
      const field = pick(v >> 6, [undefined, ...mappableFields]);
      const header = csv.header.length > 0 ? pick(v >> 2, csv.header) : 'x';
      ingestStatements([{ file: 'input.csv', source: 'input.csv', csv }], pick(v >> 1, [[], session.statements]), {
        maps: field ? { [field]: pick(v >> 4, [header, 'No such column']) } : {},
        category: pick(v >> 5, [undefined, ...categories]) as Category | undefined,
        council: pick(v >> 7, [undefined, 'Northmere']),
        maxTextLength: pick(v, [400, 1]),
        topTwo: pick(v >> 2, [2, 1]),
        secret: testSecret,
      });
    },
    bases: () => [
      base('examples/northmere/statements.csv', example('northmere', 'statements.csv').subarray(0, 2500)),
      base('examples/northmere/wide-excel.csv (Windows-1252)', example('northmere', 'wide-excel.csv')),
      base('examples/eastbrook/statements.txt (UTF-16LE, tabs)', example('eastbrook', 'statements.txt').subarray(0, 3000)),
    ],
    grammar: () => {
      const headers = [
        'id', 'text', 'Statement', 'What they said', 'category', 'Type', 'perspective', 'Who', 'person', 'Person ref', 'council', 'Local authority',
        "What's working", "What's not working", "What's important for the future", 'Comments', 'Notes',
      ];
      const pool = ['working', 'not working', "What's working?", 'future', 'Future', 'person', 'Family carer (mum)', 'staff', 'x', '', 'P001', 'Northmere', 'I want help', '• one\n• two', '1) a\n2) b'];
      const header = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...headers) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), { minLength: 1, maxLength: 7 });
      return withVariant(
        fc.oneof(
          fc
            .tuple(csvInput('statements', header, pool), fc.constantFrom('utf-8', 'utf-8 BOM', 'utf-16le BOM', 'utf-16be BOM', 'utf-16le', 'latin1'))
            .map(([input, enc]) => new Input(encode(textOf(input.bytes), enc), `${input.how}, ${enc}`)),
          editedCsv([base('examples/northmere/statements.csv', wholeLines(example('northmere', 'statements.csv').subarray(0, 2500)))], pool),
        ),
      );
    },
    runs: [500, 600, 600],
  },
  {
    name: 'votes import',
    file: 'tally.csv',
    syntax: 'csv',
    read: (i) => {
      const v = i.variant;
      const decoded = decodeBytes(i.bytes, 'tally.csv', pick(v, [undefined, undefined, ...encodings]) as Encoding | undefined);
      const csv = parseCsv(decoded.text, 'tally.csv', pick(v >> 3, [undefined, undefined, ...delimiters]) as Delimiter | undefined);
      readVoteFile(csv, 'tally.csv', 'tally.csv', { themes: session.themes, allowance: pick(v >> 1, [5, 1, 1000]), voters: new Map(pick(v >> 2, [[], [['Ann', 'votes.csv:2']]]) as [string, string][]) });
    },
    bases: () => [base('examples/northmere/votes.csv', example('northmere', 'votes.csv')), base('ranked.csv', bytesOf(rankedCsv)), base('wide.csv', bytesOf(wideVotesCsv()))],
    grammar: () => {
      const headers = ['voter', 'perspective', 'theme', 'dots', 'rank1', 'rank2', 'Rank 3', 'rank_10', 'group', 'name', 'votes', 'nw-01', 'nw-02', 'w-01'];
      const pool = ['Ann', 'Bilal', 'Zed', 'person', 'family', 'staff', 'Parent carer', 'nw-01', 'NW-02', 'w-01', 'nw-99', '0', '2', '5', '6', '-1', '1.5', '99999999999999999999'];
      const header = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...headers, ...session.themes.slice(0, 3).map((t) => t.name)) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { minLength: 1, maxLength: 7 });
      return withVariant(fc.oneof(csvInput('tally', header, pool), editedCsv([base('votes.csv', example('northmere', 'votes.csv')), base('ranked.csv', bytesOf(rankedCsv))], pool)));
    },
    runs: [400, 500, 500],
  },
];

const rankedCsv = 'voter,perspective,rank1,rank2,rank3\nZed,person,nw-01,nw-02,nw-03\nYan,family,nw-05,nw-01,\n';
const wideVotesCsv = () => `voter,perspective,nw-01,nw-02,${session.themes.find((t) => t.id === 'nw-03')!.name}\nAnn,person,2,3,\nBo,staff,,1,4\n`;
const batchYaml = 'out: councils\ncouncils:\n  - name: Northmere\n    files: [north.csv]\n    votes: votes.csv\n    themes: 4\n  - name: Eastbrook\n    files: [north.csv, sub/east.csv]\n';

let batchDirPath: string | undefined;
function batchDir(): string {
  batchDirPath ??= tempDir({ 'north.csv': example('northmere', 'statements.csv'), 'votes.csv': example('northmere', 'votes.csv'), 'sub/east.csv': 'text,category\nI want help,future\n' });
  return batchDirPath;
}

function quietIo(cwd: string): Io {
  return { stdout: { write: () => true }, stderr: { write: () => true }, stdin: Object.assign([], { isTTY: false }) as unknown as Io['stdin'], env: {}, cwd, now: fixedNow };
}

function rejectedCsv(): Uint8Array {
  const row = (reason: string, text: string) => ({ source: 'reviews.csv', line: 3, reason, id: '', text, category: 'working', perspective: 'person', person: 'P1', council: 'Northmere' });
  return bytesOf(renderRejectedCsv([row('empty text', ''), row('unknown category "nonsense"', 'I want to be asked, "properly"'), row('duplicate of NM-001', 'line one\nline two')]));
}

function ballotsCsv(): Uint8Array {
  return bytesOf(
    renderBallotsCsv([
      { voter: 'Zed', perspective: 'person', ranking: ['nw-01', 'nw-02', 'nw-03'], source: 'ranked.csv', line: 2 },
      { voter: 'Yan', perspective: 'family', ranking: ['nw-05', 'nw-01'], source: 'ranked.csv', line: 3 },
    ]),
  );
}

/** A prefix of a file cut at its last line break, so it is still valid. */
function wholeLines(b: Uint8Array): Uint8Array {
  const end = b.lastIndexOf(0x0a);
  return end < 0 ? b : b.subarray(0, end + 1);
}

function encode(text: string, encoding: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  switch (encoding) {
    case 'utf-8 BOM':
      return bytesOf(`\uFEFF${text}`);
    case 'utf-16le BOM':
      return concat(Uint8Array.of(0xff, 0xfe), le);
    case 'utf-16le':
      return Uint8Array.from(le);
    case 'utf-16be BOM': {
      const be = Buffer.from(le);
      be.swap16();
      return concat(Uint8Array.of(0xfe, 0xff), be);
    }
    case 'latin1':
      return Uint8Array.from(Buffer.from(text, 'latin1'));
    default:
      return bytesOf(text);
  }
}

// ---------------------------------------------------------------------------------------------
// The properties

for (const reader of readers) {
  const tokens = reader.syntax === 'yaml' ? yamlTokens : reader.syntax === 'json' ? jsonTokens : csvTokens;
  const variants = reader.name === 'ingest' || reader.name === 'votes import';
  describe(`fuzz: ${reader.name}`, slow, () => {
    const check = (input: Input) => expectReturnsOrTypedError(reader.file, () => reader.read(input));
    fuzz(`${reader.name}: random bytes`, reader.runs[0], () => (variants ? withVariant(randomInput()) : randomInput()), check);
    fuzz(
      `${reader.name}: mutated valid files`,
      reader.runs[1],
      () => {
        const m = mutationInput(reader.bases(), tokens, reader.syntax);
        return variants ? withVariant(m) : m;
      },
      check,
    );
    fuzz(`${reader.name}: generated documents`, reader.runs[2], () => reader.grammar(), check);
  });
}

// ---------------------------------------------------------------------------------------------
// Big inputs: whatever grows with the input must grow about linearly. Each is a few hundred
// kilobytes to a few megabytes, which real files can reach. Each is read whole, within the hang
// guard, and its cost is compared with a sixteenth of it: a quadratic reader fails on the ratio
// long before it fails on the clock.

/**
 * A big input: what it is, its size n, and how to make it at any size; the growth check makes it
 * at n / 16. n 0 is one input, checked against the bound only: a billion laughs has one size, and
 * nesting stops at the parser's stack (about 800 levels), so its cost does not follow n.
 */
type BigCase = [what: string, n: number, make: (n: number) => string];

describe('fuzz: big inputs stay within the hang guard and grow linearly', slow, () => {
  it('starts each timed run from a collected heap (vitest.config.ts exposes gc to the workers)', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('function');
  });
  // Sizes at which linear work takes a fraction of a second, and quadratic work seconds. (The
  // regression tests beside each reader use bigger ones.)
  const yamlBig: BigCase[] = [
    ['10,000 keys in one map', 10_000, (n) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n')],
    ['10,000 items in one list', 10_000, (n) => `top:\n${'  - nw-01\n'.repeat(n)}`],
    ['10,000 copies of one key', 10_000, (n) => 'name: x\n'.repeat(n)],
    ['5,000 levels of flow nesting', 0, () => `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['1,000 levels of block nesting', 0, () => Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
    ['a 1 MB line', 1_000_000, (n) => `name: ${'x'.repeat(n)}`],
    ['a billion laughs', 0, () => billionLaughs],
    ['2,000 anchors, each alias to the one before', 2000, (n) => Array.from({ length: n }, (_, i) => `k${i}: &a${i} [${i > 0 ? `*a${i - 1}` : '1'}]`).join('\n')],
  ];
  const csvBig: BigCase[] = [
    ['20,000 rows', 20_000, (n) => `id,text,category,perspective\n${'x,I want help,working,person\n'.repeat(n)}`],
    ['20,000 columns', 20_000, (n) => `${'a,'.repeat(n)}\n${'1,'.repeat(n)}\n`],
    ['a 1 MB field', 1_000_000, (n) => `text,category\n"${'x'.repeat(n)}",working\n`],
    ['20,000 unclosed quotes', 20_000, (n) => `text,category\n${'"a,working\n'.repeat(n)}`],
    ['20,000 stray quotes', 20_000, (n) => `text,category\n${'a"b,working\n'.repeat(n)}`],
    // csv-parse builds an error object for every short row, even when told to allow them: linear, but slow.
    ['5,000 blank lines', 5000, (n) => `text,category\n${'\n'.repeat(n)}x,working\n`],
    ['20,000 CRs', 20_000, (n) => `text,category\r${'x,working\r'.repeat(n)}`],
  ];
  const jsonBig: BigCase[] = [
    ['20,000 damaged lines', 20_000, (n) => 'x\n'.repeat(n)],
    ['100,000 blank lines and one damaged', 100_000, (n) => `${'\n'.repeat(n)}x\n{}`],
    ['5,000 levels of nesting', 0, () => `${'['.repeat(5000)}${']'.repeat(5000)}\n{}\n`],
  ];
  for (const reader of readers) {
    const cases = reader.syntax === 'yaml' ? yamlBig : reader.syntax === 'json' ? jsonBig : csvBig;
    for (const [what, n, make] of cases) {
      plannedCases++;
      it(`${reader.name}: ${what}`, () => {
        const input = new Input(bytesOf(make(n)), what);
        lastFailure = input;
        expectReturnsOrTypedError(reader.file, () => reader.read(input));
        if (n > 0) expectLinearGrowth(reader.read, new Input(bytesOf(make(Math.round(n / 16))), `${what}, a sixteenth of it`), input);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// The CLI, in-process: a session with one file mutated, and the commands that read it.

interface CliTarget {
  /** The file that is replaced: in the session (s/NAME), or an input file beside it. */
  file: string;
  /** The reader whose inputs feed it. */
  reader: string;
  commands: string[][];
}

const allCommands = [['status'], ['themes', 'list'], ['plan', 'show'], ['render'], ['prioritise'], ['votes', 'import', 'tally.csv'], ['ingest', 'input.csv'], ['themes', 'undo']];
const cliTargets: CliTarget[] = [
  { file: 's/wtfc.yaml', reader: 'wtfc.yaml', commands: allCommands },
  { file: 's/statements.csv', reader: 'statements.csv', commands: allCommands },
  { file: 's/rejected.csv', reader: 'rejected.csv', commands: [['ingest', 'input.csv'], ['status']] },
  { file: 's/themes.yaml', reader: 'themes.yaml', commands: allCommands },
  { file: 's/history.jsonl', reader: 'history.jsonl', commands: [['themes', 'list'], ['themes', 'undo'], ['votes', 'import', 'tally.csv'], ['status'], ['prioritise']] },
  { file: 's/votes.csv', reader: 'votes.csv', commands: [['prioritise'], ['render'], ['status'], ['votes', 'import', 'tally.csv']] },
  { file: 's/ballots.csv', reader: 'ballots.csv', commands: [['prioritise', '--method', 'schulze'], ['render'], ['status'], ['votes', 'import', 'ranked.csv']] },
  { file: 's/plan.yaml', reader: 'plan.yaml', commands: [['plan', 'show'], ['status'], ['render'], ['plan', 'status', 'a1', 'in-progress']] },
  { file: 's/priorities.yaml', reader: 'priorities.yaml', commands: [['status'], ['render'], ['plan', 'show'], ['plan', 'action', 'nw-01', '--what', 'x', '--who', 'y', '--by', '2027-01-01', '--measure', 'z']] },
  { file: 's/pii.yaml', reader: 'pii.yaml', commands: [['pii'], ['render'], ['status'], ['pii', 'unignore', 'x'], ['export', 'assignments']] },
  { file: 'input.csv', reader: 'ingest', commands: [['ingest', 'input.csv'], ['ingest', 'input.csv', '--category', 'working', '--strict']] },
  { file: 'tally.csv', reader: 'votes import', commands: [['votes', 'import', 'tally.csv'], ['votes', 'import', 'tally.csv', '--replace']] },
];

describe('fuzz: the CLI never crashes on a damaged session', slow, () => {
  for (const target of cliTargets) {
    const name = `cli: ${target.file}`;
    const numRuns = runs(25);
    plannedCases += numRuns;
    it(
      name,
      async () => {
        const reader = readers.find((r) => r.name === target.reader)!;
        const tokens = reader.syntax === 'yaml' ? yamlTokens : reader.syntax === 'json' ? jsonTokens : csvTokens;
        const real = target.file.startsWith('s/') && existsSync(join(session.dir, target.file.slice(2))) ? [base(target.file, session.file(target.file.slice(2)))] : reader.bases();
        const inputs = fc.oneof(randomInput(), mutationInput(real, tokens, reader.syntax), reader.grammar(), reader.grammar());
        const cases = fc.tuple(inputs, fc.constantFrom(...target.commands));
        lastFailure = undefined;
        try {
          await fc.assert(
            fc.asyncProperty(cases, async ([input, command]) => {
              try {
                await runCase(target, input, command);
              } catch (err) {
                lastFailure = input;
                throw err;
              }
            }),
            { seed: seedFor(name), numRuns, includeErrorInReport: true },
          );
        } catch (err) {
          throw new Error(`${replayNote(name)}\n${(err as Error).message}`);
        }
      },
      timeoutFor(numRuns * 20),
    );
  }
});

async function runCase(target: CliTarget, input: Input, command: string[]): Promise<void> {
  const dir = join(work, `cli-${caseNo++}`);
  mkdirSync(dir);
  cpSync(session.dir, join(dir, 's'), { recursive: true, filter: (src) => !src.endsWith('/out') });
  writeFileSync(join(dir, 'input.csv'), example('northmere', 'wide-excel.csv'));
  writeFileSync(join(dir, 'tally.csv'), example('northmere', 'votes.csv'));
  writeFileSync(join(dir, 'ranked.csv'), rankedCsv);
  writeFileSync(join(dir, target.file), input.bytes);
  // CPU time (of the whole process: the command's worker threads too), which a busy machine does not inflate.
  const started = process.cpuUsage();
  const r = await runInProcess([...command, '-C', 's'], { cwd: dir });
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  const what = `wtfc ${command.join(' ')} exited ${r.code}\nstderr:\n${r.stderr}`;
  if (ms > CLI_HANG_MS) throw new Error(`${what}\ntook ${Math.round(ms)} ms of CPU (the bound is ${CLI_HANG_MS} ms)`);
  if (![0, 1, 2].includes(r.code)) throw new Error(`${what}\nexpected exit 0, 1 or 2`);
  if (stackFrame.test(r.stderr) || stackFrame.test(r.stdout)) throw new Error(`${what}\nprinted a stack trace`);
  if (r.stderr.includes('internal error')) throw new Error(`${what}\nreported an internal error`);
  if (r.code !== 0 && r.stderr.trim() === '') throw new Error(`${what}\nfailed without a message`);
  if (/\[object \w+\]/.test(r.stderr)) throw new Error(`${what}\nshows an object, not what the user wrote`);
}

describe('fuzz: the oracle itself', slow, () => {
  it('accepts a return, or a WtfcError that names the file; refuses anything else', () => {
    const fails = (fn: () => unknown) => () => expectReturnsOrTypedError('f.csv', fn);
    const raise = (err: unknown) => () => {
      throw err;
    };
    expect(fails(() => 1)).not.toThrow();
    expect(fails(raise(new WtfcError('f.csv is bad')))).not.toThrow();
    expect(fails(raise(new WtfcError('bad', { where: { file: 'f.csv', line: 2 } })))).not.toThrow();
    expect(fails(raise(new ProblemsError('bad', [{ where: { file: 'f.csv', line: 2 }, message: 'x' }])))).not.toThrow();
    expect(fails(raise(new TypeError('x')))).toThrow(/instead of a WtfcError/);
    expect(fails(raise('a string'))).toThrow(/instead of a WtfcError/);
    expect(fails(raise(new WtfcError(' ')))).toThrow(/empty/);
    expect(fails(raise(new WtfcError('bad')))).toThrow(/does not say which file/);
    expect(fails(raise(new WtfcError('f.csv: [object Object]')))).toThrow(/shows an object/);
    expect(fails(raise(new ProblemsError('bad', [])))).toThrow(/lists no problems/);
    expect(fails(raise(new ProblemsError('bad', [{ where: { file: 'f.csv', line: 0 }, message: 'x' }])))).toThrow(/line 0/);
    expect(fails(raise(new ProblemsError('bad', [{ where: { file: 'g.csv' }, message: 'x' }])))).toThrow(/names the file "g.csv"/);
  });

  it('fails a reader whose cost grows as the square of its input, and passes a linear one', () => {
    const work = (steps: number) => {
      let x = 0;
      for (let i = 0; i < steps; i++) x = (x + i) % 1_000_003;
      return x;
    };
    const [small, whole] = [new Input(new Uint8Array(1_000), 'small'), new Input(new Uint8Array(16_000), 'whole')];
    // About 50 ms of work for the whole input, so that it is judged.
    expect(() => expectLinearGrowth((i) => work(i.bytes.length * 4_000), small, whole)).not.toThrow();
    expect(() => expectLinearGrowth((i) => work(i.bytes.length ** 2 / 4), small, whole)).toThrow(/costs \d+ times as much for 16 times the bytes/);
  });

  it('tells a stack trace from wtfc\'s own pointer to a line', () => {
    expect(stackFrame.test('wtfc: error: x\n    at Alias.toJSON (/work/node_modules/yaml/dist/nodes/Alias.js:79:19)\n')).toBe(true);
    expect(stackFrame.test('    at file:///work/dist/cli/main.js:12:3')).toBe(true);
    expect(stackFrame.test('wtfc: error: s/plan.yaml has 1 problem(s)\n  at s/plan.yaml:3:5\n')).toBe(false);
  });
});

it('runs at least 10,000 cases', slow, () => {
  expect(plannedCases).toBeGreaterThanOrEqual(runs(10_000));
});
