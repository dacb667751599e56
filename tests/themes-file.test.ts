import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Category, type Perspective, type Statement, type Theme, type ThemeSet, categories } from '../src/core/model.js';
import { ExitCode, ProblemsError } from '../src/errors.js';
import { parseThemesFile, renderThemesFile, renderThemesFileByLibrary } from '../src/session/themes-file.js';

const FILE = 'themes.yaml';
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

function statement(id: string, category: Category, perspective: Perspective, text: string): Statement {
  return { id, text, category, perspective, person: '', council: 'Northmere', source: 'in.csv', line: 2 };
}

const statements: Statement[] = [
  statement('s1', 'working', 'person', 'My PA is kind'),
  statement('s2', 'working', 'family', 'My PA listens to Mum'),
  statement('s3', 'not_working', 'staff', 'Buses are late'),
  statement('s4', 'not_working', 'person', 'The bus never comes'),
  statement('s5', 'not_working', 'person', 'I wait hours for the taxi'),
  statement('s6', 'future', 'other', 'More clubs in the evening'),
];

function theme(id: string, category: Category, name: string, members: string[], extra: Partial<Theme> = {}): Theme {
  const perspectives: Theme['perspectives'] = {};
  for (const m of members) {
    const p = statements.find((s) => s.id === m)!.perspective;
    perspectives[p] = (perspectives[p] ?? 0) + 1;
  }
  return {
    id,
    category,
    name,
    draft: name,
    label: 'kw',
    statements: members,
    representative: members.slice(0, 1),
    size: members.length,
    perspectives,
    cohesion: 0.5,
    locked: false,
    parked: false,
    edited: false,
    ...extra,
  };
}

const set: ThemeSet = {
  engine: { name: 'tfidf-spherical-kmeans', version: 1, seed: 4, themes: 'auto', minSize: 2 },
  categories: {
    working: { themes: [theme('w-1', 'working', 'I have a kind PA', ['s1', 's2'], { label: 'pa, kind', cohesion: 0.62 })], unthemed: [] },
    not_working: {
      themes: [theme('nw-1', 'not_working', 'I can get where I need to go', ['s3', 's4'], { representative: ['s4', 's3'], cohesion: 0.3 })],
      unthemed: ['s5'],
    },
    future: { themes: [], unthemed: ['s6'] },
  },
};

/** The ProblemsError thrown by `fn`; fails the test if `fn` returns or throws anything else. */
function problemsOf(fn: () => unknown): ProblemsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemsError);
    const e = err as ProblemsError;
    expect(e.exitCode).toBe(ExitCode.usage);
    for (const p of e.problems) expect(p.where.file).toBe(FILE);
    return e;
  }
  throw new Error('expected a ProblemsError, but nothing was thrown');
}

const parse = (source: string) => parseThemesFile(source, FILE, statements);

/** The 1-based line of the only line containing `marker`. */
function lineOf(source: string, marker: string): number {
  const found = source.split('\n').flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`fixture bug: "${marker}" is on ${found.length} lines`);
  return found[0]!;
}

// ---------------------------------------------------------------------------------------------

describe('renderThemesFile → parseThemesFile', () => {
  it('reads back the theme set it wrote', () => {
    expect(parse(renderThemesFile(set, statements))).toEqual(set);
  });

  it('writes each statement text as a comment beside its id', () => {
    const text = renderThemesFile(set, statements);
    expect(text).toMatch(/^ {8}- s1 # My PA is kind$/m);
    expect(text).toMatch(/^ {4}- s5 # I wait hours for the taxi$/m);
  });
});

describe('renderThemesFile: the statement lists written line by line', () => {
  // Ids of every shape: plain words and digits take the fast route; the rest go through the library.
  const id = fc.oneof(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/),
    fc.stringMatching(/^[0-9]{1,6}$/),
    fc.constantFrom('true', 'Null', 'yes', '~', '1e3', '-x', 'a b', 'a: b', '#x', "it's", ''),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 120 }),
    fc.constantFrom('', '   ', 'a # b', 'line one\nline two', 'tab\there', 'ends with #', '\u2028split\u2029', 'x'.repeat(95), '"quoted": yes'),
  );
  const name = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('I want: this', 'line\nbreak', '"quoted"', '- dash', 'yes'));
  const sessionOf = fc.uniqueArray(fc.record({ id, text, category: fc.constantFrom(...categories) }), { selector: (s) => s.id, maxLength: 30 }).chain((rows) =>
    fc.tuple(fc.constant(rows), fc.array(fc.nat(3), { minLength: rows.length, maxLength: rows.length }), fc.array(name, { minLength: 4, maxLength: 4 }), fc.boolean()),
  );

  it("gives the YAML library's bytes for any ids, texts and names", () => {
    fc.assert(
      fc.property(sessionOf, ([rows, slots, names, missingText]) => {
        const all = rows.map((r) => statement(r.id, r.category, 'person', r.text));
        const set: ThemeSet = { engine: { name: 'e', version: 3, seed: 1, themes: 'auto', minSize: 3 }, categories: { working: { themes: [], unthemed: [] }, not_working: { themes: [], unthemed: [] }, future: { themes: [], unthemed: [] } } };
        for (const c of categories) {
          const members = rows.flatMap((r, i) => (r.category === c ? [{ id: r.id, slot: slots[i]! }] : []));
          // Slot 0 is unthemed; slots 1-3 are up to three themes, one of which may be left empty.
          set.categories[c].unthemed = members.filter((m) => m.slot === 0).map((m) => m.id);
          set.categories[c].themes = [1, 2, 3].map((slot) => ({
            id: `${c}-${slot}`, category: c, name: names[slot]!, draft: names[0]!, label: 'kw', statements: members.filter((m) => m.slot === slot).map((m) => m.id),
            representative: [], size: 0, perspectives: {}, cohesion: 0.5, locked: false, parked: slot === 2, edited: false,
          }));
        }
        // A statement the session no longer has is written without a comment.
        const known = missingText ? all.slice(1) : all;
        expect(renderThemesFile(set, known)).toBe(renderThemesFileByLibrary(set, known));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same bytes as the library on a real session, with numbers for ids', () => {
    const numbered = statements.map((s, i) => ({ ...s, id: String(10 + i) }));
    const renumber = (ids: string[]) => ids.map((x) => String(10 + statements.findIndex((s) => s.id === x)));
    const copy: ThemeSet = structuredClone(set);
    for (const c of categories) {
      for (const t of copy.categories[c].themes) t.statements = renumber(t.statements);
      copy.categories[c].unthemed = renumber(copy.categories[c].unthemed);
    }
    const text = renderThemesFile(copy, numbered);
    expect(text).toBe(renderThemesFileByLibrary(copy, numbered));
    expect(text).toMatch(/^ {8}- "10" # My PA is kind$/m);
  });
});

describe('parseThemesFile: a hand-edited file', () => {
  it('accepts a renamed theme and a statement moved to unthemed, recounting the theme', () => {
    const original = renderThemesFile(set, statements);
    const edited = original
      .replace('name: I have a kind PA', 'name: "I trust my PA: she listens"')
      // Move s1 from theme w-1 to working's unthemed list, as the file's header says to.
      .replace('        - s1 # My PA is kind\n', '')
      .replace(/(working:\n[\s\S]*?\n {2})unthemed: \[\]/, '$1unthemed:\n    - s1 # moved by hand');
    expect(edited).not.toBe(original);
    const result = parse(edited);
    const w1 = result.categories.working.themes[0]!;
    expect(w1.name).toBe('I trust my PA: she listens');
    // A name that differs from the engine's draft was written by a person.
    expect(w1.draft).toBe('I have a kind PA');
    expect(w1.edited).toBe(true);
    expect(w1.statements).toEqual(['s2']);
    expect(w1.size).toBe(1);
    expect(w1.perspectives).toEqual({ family: 1 });
    // s1 was the representative quote; a statement that left the theme cannot stand for it.
    expect(w1.representative).toEqual([]);
    expect(result.categories.working.unthemed).toEqual(['s1']);
    // Nothing else moved.
    expect(result.categories.not_working).toEqual(set.categories.not_working);
    expect(result.categories.future).toEqual(set.categories.future);
  });

  it('recounts size and perspectives from the statements, ignoring what the file says', () => {
    const source = lines(
      'version: 1',
      'not_working:',
      '  themes:',
      '    - id: nw-1',
      '      name: I can get where I need to go',
      '      size: 99',
      '      perspectives: { staff: 50, family: 7 }',
      '      representative: [ s9, s4 ]',
      '      statements:',
      '        - s3',
      '        - s4',
      '        - s5',
    );
    const t = parse(source).categories.not_working.themes[0]!;
    expect(t.size).toBe(3);
    expect(t.statements).toEqual(['s3', 's4', 's5']);
    expect(t.perspectives).toEqual({ staff: 1, person: 2 });
    expect(t.representative).toEqual(['s4']);
  });

  it('accepts a file that leaves out a category, as empty', () => {
    const result = parse(lines('version: 1', 'future:', '  unthemed:', '    - s6'));
    expect(result.categories.future).toEqual({ themes: [], unthemed: ['s6'] });
    expect(result.categories.working).toEqual({ themes: [], unthemed: [] });
  });
});

describe('parseThemesFile: problems, each with its line', () => {
  it('reports an unknown statement id at its line', () => {
    const source = lines(
      'version: 1', //            1
      'working:', //              2
      '  themes:', //             3
      '    - id: w-1', //         4
      '      name: I have a PA', // 5
      '      statements:', //     6
      '        - s1', //          7
      '        - s99', //         8
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where.line).toBe(8);
    expect(e.problems[0]!.message).toBe('unknown statement id "s99"');
  });

  it('reports a statement listed twice at the second line, naming the first', () => {
    const source = lines(
      'working:', //               1
      '  themes:', //              2
      '    - id: w-1', //          3
      '      name: A', //          4
      '      statements:', //      5
      '        - s1', //           6
      '    - id: w-2', //          7
      '      name: B', //          8
      '      statements:', //      9
      '        - s2', //          10
      '        - s1', //          11
      '  unthemed:', //           12
      '    - s2', //              13
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([
      [11, 'statement s1 is listed twice (first at line 6)'],
      [13, 'statement s2 is listed twice (first at line 10)'],
    ]);
  });

  it('reports a statement under the wrong category, naming the right one', () => {
    const source = lines(
      'working:', //               1
      '  themes:', //              2
      '    - id: w-1', //          3
      '      name: A', //          4
      '      statements:', //      5
      '        - s1', //           6
      '        - s3', //           7 (s3 is not_working)
      '  unthemed:', //            8
      '    - s6', //               9 (s6 is future)
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems.map((p) => p.where.line)).toEqual([7, 9]);
    expect(e.problems[0]!.message).toBe('statement s3 is "not_working", not "working"');
    expect(e.problems[0]!.hint).toBe('move it under not_working');
    expect(e.problems[1]!.message).toBe('statement s6 is "future", not "working"');
  });

  it('reports a duplicate theme id at the second one, naming the first line', () => {
    const source = lines(
      'working:', //               1
      '  themes:', //              2
      '    - id: w-1', //          3
      '      name: A', //          4
      '      statements: [ s1 ]', // 5
      '    - id: w-1', //          6
      '      name: B', //          7
      '      statements: [ s2 ]', // 8
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where.line).toBe(6);
    expect(e.problems[0]!.message).toBe('theme id w-1 is used twice (first at line 3)');
  });

  it('reports a duplicate theme id across categories', () => {
    const source = lines(
      'working:', //               1
      '  themes:', //              2
      '    - id: t-1', //          3
      '      name: A', //          4
      '      statements: [ s1 ]', // 5
      'not_working:', //           6
      '  themes:', //              7
      '    - id: t-1', //          8
      '      name: B', //          9
      '      statements: [ s3 ]', // 10
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([[8, 'theme id t-1 is used twice (first at line 3)']]);
  });

  it('reports a theme with no name, or an empty one, at the theme', () => {
    const source = lines(
      'working:', //               1
      '  themes:', //              2
      '    - id: w-1', //          3
      '      statements: [ s1 ]', // 4
      '    - id: w-2', //          5
      '      name: "  "', //       6
      '      statements: [ s2 ]', // 7
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([
      [3, 'theme w-1 has no name'],
      [5, 'theme w-2 has no name'],
    ]);
  });

  it('reports a theme with no id', () => {
    const source = lines('working:', '  themes:', '    - name: A', '      statements: [ s1 ]');
    const e = problemsOf(() => parse(source));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([[3, 'a theme has no id']]);
  });

  it('reports an unknown top-level key, such as a misspelt category', () => {
    const source = lines(
      'version: 1', //            1
      'working:', //              2
      '  unthemed: [ s1, s2 ]', // 3
      'not-working:', //          4
      '  unthemed: [ s3 ]', //    5
    );
    const e = problemsOf(() => parse(source));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.where.line).toBe(4);
    expect(e.problems[0]!.message).toBe('unknown key "not-working"');
    expect(e.problems[0]!.hint).toContain('not_working');
  });

  it('reports broken YAML at its line, before checking anything else', () => {
    const source = lines(
      'version: 1', //            1
      'working:', //              2
      '  themes:', //             3
      '    - id: w-1', //         4
      '      name: A', //         5
      '     statements:', //      6 (one space short)
      '        - s99', //         7 (unknown, but never reached)
    );
    const e = problemsOf(() => parse(source));
    expect(e.message).toBe('themes.yaml cannot be read');
    expect(e.problems[0]!.where.line).toBe(6);
    expect(e.problems[0]!.message).toMatch(/^not valid YAML: /);
    expect(e.problems.some((p) => p.message.includes('s99'))).toBe(false);
  });

  it('reports a key written twice as broken YAML at the second one', () => {
    const source = lines('version: 1', 'working:', '  unthemed: [ s1 ]', '  unthemed: [ s2 ]');
    const e = problemsOf(() => parse(source));
    expect(e.problems[0]!.where.line).toBe(4);
    expect(e.problems[0]!.message).toMatch(/^not valid YAML: .*unique/);
  });

  it('reports a newer format version at its line', () => {
    const e = problemsOf(() => parse(lines('# hand edited', 'version: 2', 'future:', '  unthemed: [ s6 ]')));
    expect(e.problems.map((p) => [p.where.line, p.message])).toEqual([[2, 'format version 2; this wtfc reads up to 1']]);
  });

  it('reports every problem in one go', () => {
    const original = renderThemesFile(set, statements);
    const edited = original
      .replace('name: I have a kind PA', 'name: ""')
      .replace('        - s4 # The bus never comes', '        - s4 # The bus never comes\n        - s42 # typo')
      .replace('    - s5 # I wait hours for the taxi', '    - s5 # I wait hours for the taxi\n    - s3 # also here')
      .replace('future:', 'colour: blue\nfuture:');
    const e = problemsOf(() => parse(edited));
    expect(e.message).toBe('themes.yaml has 4 problem(s); it was left as it is');
    const found = e.problems.map((p) => [p.where.line, p.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        [lineOf(edited, 'id: w-1'), 'theme w-1 has no name'],
        [lineOf(edited, '- s42'), 'unknown statement id "s42"'],
        [lineOf(edited, '- s3 # also here'), `statement s3 is listed twice (first at line ${lineOf(edited, '- s3 # Buses')})`],
        [lineOf(edited, 'colour: blue'), 'unknown key "colour"'],
      ]),
    );
    expect(found).toHaveLength(4);
  });
});
