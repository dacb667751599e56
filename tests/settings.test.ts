import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.js';
import { categories } from '../src/core/model.js';
import { ExitCode, ProblemsError, formatProblem } from '../src/errors.js';
import { piiPolicies, type Settings } from '../src/core/settings.js';
import { defaultSettings, parseSettings, renderSettings, settingsVersion } from '../src/session/settings.js';

const FILE = 'wtfc.yaml';
const FALLBACK_DATE = '2026-03-14';
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** The ProblemsError thrown by `fn`; fails the test if `fn` returns or throws anything else. */
function problemsOf(fn: () => unknown): ProblemsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemsError);
    const e = err as ProblemsError;
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.exitCode).toBe(2);
    for (const p of e.problems) expect(p.where.file).toBe(FILE);
    return e;
  }
  throw new Error('expected a ProblemsError, but nothing was thrown');
}

const parse = (source: string) => parseSettings(source, FILE, FALLBACK_DATE);
const linesOf = (e: ProblemsError) => e.problems.map((p) => p.where.line);

// ---------------------------------------------------------------------------------------------

describe('renderSettings → parseSettings', () => {
  const date = fc
    .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const positive = fc.integer({ min: 1, max: 2_000_000_000 });
  // Names and councils: any Unicode, with the characters that YAML and JSON quoting care about.
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', "'", '\\', ':', '#', '\n', '\r', '\t', ' ', '-', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 30,
  });
  const settings: fc.Arbitrary<Settings> = fc.record({
    version: fc.integer({ min: -5, max: settingsVersion }),
    name: text,
    council: text,
    date,
    ingest: fc.record({ maxTextLength: positive, topTwo: positive, maxFileMb: positive, maxRows: positive, values: fc.constantFrom<Record<string, string>>({}, { 'Could be better': 'not_working' }, { Grandson: 'family', 'Not good': 'not_working' }) }),
    pii: fc.record({
      policy: fc.constantFrom(...piiPolicies),
      names: fc.array(text.map((n) => n.trim()).filter((n) => n !== ''), { maxLength: 4 }),
    }),
    theme: fc.record({
      themes: fc.oneof(fc.constant('auto' as const), positive),
      minSize: positive,
      seed: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
    }),
    prioritise: fc.record({
      category: fc.constantFrom(...categories),
      top: positive,
      dots: fc.integer({ min: 1, max: 100 }),
      weights: fc.record({ person: fc.integer({ min: 1, max: 9 }), staff: fc.double({ min: 0.1, max: 5, noNaN: true }) }, { requiredKeys: [] }),
    }),
    model: fc.record({
      endpoint: fc.constantFrom('', 'http://127.0.0.1:11434/v1', 'https://models.example.org:8443/v1'),
      embeddings: fc.constantFrom('', 'nomic-embed-text', 'bge "m3"'),
      chat: fc.constantFrom('', 'llama3.1:8b', 'qwen2.5:7b-instruct'),
      allowRemote: fc.boolean(),
      timeoutSeconds: fc.oneof(positive.filter((n) => n <= 3600), fc.constantFrom(0.5, 2.5)),
      totalSeconds: fc.oneof(positive.filter((n) => n <= 3600), fc.constantFrom(0.25, 900)),
      nameStatements: positive,
    }),
  });

  it('gives back every value it wrote', () => {
    fc.assert(
      fc.property(settings, (s) => {
        // A different fallback date proves the date came from the file, not the fallback.
        expect(parseSettings(renderSettings(s), FILE, '1999-01-01')).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back a name full of YAML and markdown syntax exactly', () => {
    const s = {
      ...defaultSettings({ name: 'Carers: "Spring" # 1 — [draft] & *more*', council: "O'Brien\nCounty", date: '2026-03-14' }),
      theme: { themes: 7, minSize: 2, seed: -3 },
    };
    expect(parse(renderSettings(s))).toEqual(s);
  });
});

describe('renderSettings: the defaults, spelled out', () => {
  const defaults = defaultSettings({ name: 'Carers', council: 'Northmere', date: '2026-03-14' });
  const rendered = renderSettings(defaults);
  const byKey = new Map(
    rendered
      .split('\n')
      .map((l) => /^\s*([a-z_]+):\s*(.*?)\s*(?:#\s*(.*))?$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, { value: m[2]!, comment: m[3] ?? '' }]),
  );

  const expected: [string, string][] = [
    ['version', '1'],
    ['name', '"Carers"'],
    ['council', '"Northmere"'],
    ['date', '"2026-03-14"'],
    ['max_text_length', '400'],
    ['top_two', '2'],
    ['themes', 'auto'],
    ['min_size', '3'],
    ['seed', '1'],
    ['category', 'not_working'],
    ['top', '3'],
    ['max_file_mb', '1024'],
    ['max_rows', '2000000'],
    ['policy', 'block'],
    ['names', '[]'],
  ];
  for (const [key, value] of expected) {
    it(`writes ${key}: ${value} with a comment saying what it does`, () => {
      const entry = byKey.get(key);
      expect(entry, `${key} is missing from the rendered settings`).toBeDefined();
      expect(entry!.value).toBe(value);
      expect(entry!.comment.length).toBeGreaterThan(10);
    });
  }

  it('nests the keys under ingest, theme and prioritise, and reads back as the defaults', () => {
    expect(rendered).toMatch(/^ingest:\n {2}max_text_length: 400 .*\n {2}top_two: 2 /m);
    expect(rendered).toMatch(/^theme:\n {2}themes: auto .*\n {2}min_size: 3 .*\n {2}seed: 1 /m);
    expect(rendered).toMatch(/^prioritise:\n {2}category: not_working .*\n {2}top: 3 /m);
    expect(parse(rendered)).toEqual(defaults);
  });

  it('ends with a newline and starts with a comment', () => {
    expect(rendered.startsWith('#')).toBe(true);
    expect(rendered.endsWith('\n')).toBe(true);
    expect(rendered.endsWith('\n\n')).toBe(false);
  });
});

describe('parseSettings: missing keys take defaults', () => {
  it('an empty file is all defaults, with the fallback date', () => {
    expect(parse('')).toEqual(defaultSettings({ name: '', council: '', date: FALLBACK_DATE }));
  });

  it('a file of comments only is all defaults', () => {
    expect(parse('# nothing here yet\n\n# still nothing\n')).toEqual(defaultSettings({ name: '', council: '', date: FALLBACK_DATE }));
  });

  it('a partial file keeps what it says and fills the rest', () => {
    const s = parse(lines('name: "Carers"', 'theme:', '  seed: 7', 'prioritise:', '  top: 5'));
    expect(s).toEqual({
      version: settingsVersion,
      name: 'Carers',
      council: '',
      date: FALLBACK_DATE,
      ingest: { maxTextLength: 400, topTwo: 2, maxFileMb: 1024, maxRows: 2_000_000, values: {} },
      pii: { policy: 'block', names: [] },
      theme: { themes: 'auto', minSize: 3, seed: 7 },
      prioritise: { category: 'not_working', top: 5, dots: 5, weights: {} },
      model: { endpoint: '', embeddings: '', chat: '', allowRemote: false, timeoutSeconds: 60, totalSeconds: 900, nameStatements: 12 },
    });
  });

  it('an empty section takes its defaults', () => {
    const s = parse(lines('ingest:', 'theme:', '  themes: 4', 'prioritise:'));
    expect(s.ingest).toEqual({ maxTextLength: 400, topTwo: 2, maxFileMb: 1024, maxRows: 2_000_000, values: {} });
    expect(s.theme).toEqual({ themes: 4, minSize: 3, seed: 1 });
    expect(s.prioritise).toEqual({ category: 'not_working', top: 3, dots: 5, weights: {} });
  });

  it('accepts an unquoted date as the text it is', () => {
    expect(parse('date: 2025-11-02\n').date).toBe('2025-11-02');
  });
});

describe('parseSettings: every problem at once, with its line', () => {
  it('reports unknown keys, wrong types, a bad date and an unknown category together', () => {
    const source = lines(
      'name: "Carers"', //          1
      'colour: blue', //            2  unknown key
      'date: "14/03/2026"', //      3  bad date
      'theme:', //                  4
      '  min_size: zero', //        5  wrong type
      '  seed: 1', //               6
      '  flavour: mint', //         7  unknown nested key
      'prioritise:', //             8
      '  category: not_wrking', //  9  unknown category
      '  top: 0', //               10  not above 0
    );
    const e = problemsOf(() => parse(source));
    expect(linesOf(e)).toEqual([2, 3, 5, 7, 9, 10]);
    const [colour, date, minSize, flavour, category, top] = e.problems;
    expect(colour!.message).toBe('unknown setting "colour"');
    expect(colour!.hint).toContain('prioritise');
    expect(date!.message).toMatch(/^date must be a date written YYYY-MM-DD/);
    expect(minSize!.message).toBe('theme.min_size must be a whole number above 0');
    expect(flavour!.message).toBe('unknown setting "theme.flavour"');
    expect(flavour!.hint).toBe('known here: themes, min_size, seed');
    expect(category!.message).toBe('prioritise.category must be one of working, not_working, future');
    expect(top!.message).toBe('prioritise.top must be a whole number above 0');
    expect(e.message).toBe('wtfc.yaml has 6 problem(s)');
    // file:line:column, pointing at the value that is wrong
    expect(formatProblem(minSize!)).toBe('wtfc.yaml:5:13: theme.min_size must be a whole number above 0');
  });

  const cases: { name: string; source: string; line: number; message: RegExp }[] = [
    { name: 'an unknown key', source: lines('name: "A"', 'council: "B"', 'colour: blue'), line: 3, message: /^unknown setting "colour"$/ },
    { name: 'an unknown key in a section', source: lines('ingest:', '  max_text_length: 300', '  max_len: 3'), line: 3, message: /^unknown setting "ingest\.max_len"$/ },
    { name: 'min_size: zero', source: lines('theme:', '  min_size: zero'), line: 2, message: /^theme\.min_size must be a whole number above 0$/ },
    { name: 'a fractional seed', source: lines('theme:', '  themes: auto', '  seed: 1.5'), line: 3, message: /^theme\.seed must be a whole number$/ },
    { name: 'themes: some', source: lines('theme:', '  themes: some'), line: 2, message: /^theme\.themes must be auto or a whole number above 0$/ },
    { name: 'themes: 0', source: lines('theme:', '  themes: 0'), line: 2, message: /^theme\.themes must be auto or a whole number above 0$/ },
    { name: 'a negative max_text_length', source: lines('ingest:', '  max_text_length: -1'), line: 2, message: /^ingest\.max_text_length must be a whole number above 0$/ },
    { name: 'a number as the name', source: lines('# title', 'name: 42'), line: 2, message: /^name must be text/ },
    { name: 'a section given a value', source: lines('name: "A"', 'ingest: 5'), line: 2, message: /^ingest must hold settings \(max_text_length, top_two, max_file_mb, max_rows, values\)$/ },
    { name: 'a date in the wrong order', source: lines('date: "14/03/2026"'), line: 1, message: /^date must be a date written YYYY-MM-DD/ },
    { name: 'month 13', source: lines('name: "A"', 'date: "2026-13-01"'), line: 2, message: /^date must be a date/ },
    { name: 'the 30th of February', source: lines('name: "A"', '', 'date: "2026-02-30"'), line: 3, message: /^date must be a date/ },
    { name: 'an unknown category', source: lines('prioritise:', '  top: 2', '  category: important'), line: 3, message: /^prioritise\.category must be one of working, not_working, future$/ },
    { name: 'a version that is not a number', source: lines('version: two'), line: 1, message: /^version must be a whole number$/ },
    { name: 'a list instead of settings', source: lines('- name', '- council'), line: 1, message: /^must be a list of settings/ },
    // Found while fuzzing: values the file accepted that broke a command. A dots allowance of two
    // billion ran render out of memory (a box per dot on the ballot); two weights of 1e308 added
    // up to Infinity, so every weighted score was NaN and nothing went forward.
    { name: 'dots of two billion', source: lines('prioritise:', '  dots: 2000000000'), line: 2, message: /^prioritise\.dots must be a whole number from 1 to 100$/ },
    { name: 'a weight of 1e308', source: lines('prioritise:', '  weights: { person: 1e308 }'), line: 2, message: /^prioritise\.weights\.person must be a number above 0 and at most 1000/ },
    { name: 'a weight of .inf', source: lines('prioritise:', '  weights:', '    staff: .inf'), line: 3, message: /^prioritise\.weights\.staff must be a number above 0 and at most 1000/ },
    // Found by fuzzing: keys named like Object's methods were looked up on its prototype, and crashed.
    { name: 'a key named valueOf', source: lines('name: "A"', 'valueOf: 1'), line: 2, message: /^unknown setting "valueOf"$/ },
    { name: 'a key named hasOwnProperty', source: lines('hasOwnProperty: 1'), line: 1, message: /^unknown setting "hasOwnProperty"$/ },
    { name: 'a key named constructor', source: lines('constructor: 1'), line: 1, message: /^unknown setting "constructor"$/ },
    { name: 'a key named __proto__', source: lines('__proto__: { a: 1 }'), line: 1, message: /^unknown setting "__proto__"$/ },
    { name: 'a section key named toString', source: lines('pii:', '  toString: 0'), line: 2, message: /^unknown setting "pii\.toString"$/ },
  ];
  for (const c of cases) {
    it(`reports ${c.name} at line ${c.line}`, () => {
      const e = problemsOf(() => parse(c.source));
      expect(e.problems).toHaveLength(1);
      expect(e.problems[0]!.where.line).toBe(c.line);
      expect(e.problems[0]!.message).toMatch(c.message);
    });
  }
});

describe('parseSettings: broken YAML', () => {
  it('reports a mis-indented key at its line', () => {
    const e = problemsOf(() => parse(lines('theme:', '  min_size: 3', ' seed: 1', 'prioritise:', '  top: 3')));
    expect(e.message).toBe('wtfc.yaml cannot be read');
    expect(e.problems.length).toBeGreaterThanOrEqual(1);
    expect(e.problems[0]!.where.line).toBe(3);
    expect(e.problems[0]!.message).toMatch(/^not valid YAML: /);
    expect(e.hint).toBe('fix the YAML at that line');
  });

  it('reports a key written twice at the second one', () => {
    const e = problemsOf(() => parse(lines('name: "A"', 'council: "B"', 'name: "C"')));
    expect(e.problems[0]!.where.line).toBe(3);
    expect(e.problems[0]!.message).toMatch(/^not valid YAML: .*unique/);
  });

  it('reports a key written twice in a section and in a flow map, each at its line', () => {
    const e = problemsOf(() => parse(lines('theme:', '  seed: 1', '  seed: 2', 'prioritise: { top: 1, top: 2 }')));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([
      [3, 'not valid YAML: Map keys must be unique'],
      [4, 'not valid YAML: Map keys must be unique'],
    ]);
  });

  // Found by fuzzing: yaml's uniqueKeys compared every key with every other, so 50,000 keys took
  // over a minute and 20,000 about ten seconds. The bound is a hang guard, not a speed test.
  it('reads a file of 20,000 keys in linear time', () => {
    const started = process.cpuUsage();
    const e = problemsOf(() => parse(Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')));
    expect(e.problems[0]!.message).toBe('unknown setting "k0"');
    // CPU time, which a busy machine does not inflate as it does the clock.
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });

  it('keeps each YAML message to one line', () => {
    const e = problemsOf(() => parse(lines('theme:', '  min_size: 3', ' seed: 1')));
    for (const p of e.problems) expect(p.message).not.toContain('\n');
  });
});

describe('parseSettings: a file from a newer wtfc', () => {
  it('refuses it, naming the version line', () => {
    const newer = renderSettings(defaultSettings({ name: 'A', council: 'B', date: '2026-03-14' })).replace(
      /^version: 1 /m,
      `version: ${settingsVersion + 1} `,
    );
    // The rendered file starts with a comment, so `version:` is on line 2.
    expect(newer.split('\n')[1]).toMatch(/^version: 2 /);
    const e = problemsOf(() => parse(newer));
    expect(e.message).toBe('wtfc.yaml was written by a newer wtfc');
    expect(e.hint).toBe('upgrade wtfc');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.message).toBe(`format version ${settingsVersion + 1}; this wtfc reads up to ${settingsVersion}`);
    expect(e.problems[0]!.where.line).toBe(2);
  });

  it('says "newer wtfc" even when the newer file has settings this wtfc does not know', () => {
    // A newer format is exactly when keys appear that this version has never heard of; the
    // useful message is "upgrade wtfc", not a list of unknown settings.
    const e = problemsOf(() => parse(lines(`version: ${settingsVersion + 1}`, 'name: "A"', 'theme:', '  engine: embeddings')));
    expect(e.message).toBe('wtfc.yaml was written by a newer wtfc');
    expect(e.hint).toBe('upgrade wtfc');
  });

  it('reads an older or equal version', () => {
    expect(parse(lines(`version: ${settingsVersion}`, 'name: "A"')).name).toBe('A');
    expect(parse(lines('version: 0')).version).toBe(0);
  });
});

describe('parseSettings: the pii section', () => {
  it('reads a policy and a list of names', () => {
    const s = parse(lines('pii:', '  policy: mask', '  names: [Julie, "Tom Smith"]'));
    expect(s.pii).toEqual({ policy: 'mask', names: ['Julie', 'Tom Smith'] });
  });

  it('refuses an unknown policy and a name that is not text, at their lines', () => {
    const e = (() => {
      try {
        parse(lines('pii:', '  policy: hide', '  names:', '    - Julie', '    - 3'));
      } catch (err) {
        return err as ProblemsError;
      }
      throw new Error('expected a ProblemsError');
    })();
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([
      [2, 'pii.policy must be one of block, mask, warn'],
      [4, 'pii.names must be a list of names, e.g. [Julie, "Tom Smith"]'],
    ]);
  });
});

describe('docs/session-files.md', () => {
  it('shows wtfc.yaml exactly as init writes it, every setting and comment', () => {
    const readme = readFileSync(join(repoRoot, 'docs', 'session-files.md'), 'utf8');
    const block = /```yaml\n(# wtfc session settings\.[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(renderSettings(defaultSettings({ name: 'Northmere: support at home', council: 'Northmere', date: '2026-11-26' })));
  });
});
