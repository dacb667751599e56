import fc from 'fast-check';
import { topicWords } from './fixtures.js';
import { describe, expect, it } from 'vitest';
import { categories, type Category, perspectives, type Statement, type ThemeSet } from '../src/core/model.js';
import { type ThemeOptions, themeStatements } from '../src/theming/engine.js';
import { parseThemesFile, renderThemesFile } from '../src/session/themes-file.js';
import { syntheticWords } from '../src/theming/analyse.js';
import { tagTexts } from '../src/theming/naming.js';

/*
 * Invariants of the theming engine over generated walls. Statements are drawn from a few topic
 * word pools plus noise words, so there is something for the clustering to find and something
 * to get wrong.
 */

const RUNS = 60;

const topics = topicWords;
const noise = ['garden', 'kitchen', 'weekend', 'sister', 'music', 'lunch', 'village', 'phone', 'really', 'because'];
const frames = ['I want', 'I need', 'My', 'The', 'Nobody', 'It is'];

const statementText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...frames),
    fc.nat({ max: topics.length - 1 }).chain((t) => fc.array(fc.constantFrom(...topics[t]!), { minLength: 1, maxLength: 4 })),
    fc.array(fc.constantFrom(...noise), { maxLength: 2 }),
  )
  .map(([frame, words, extra]) => [frame, ...words, ...extra].join(' '));

const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,5}$/);

const statementsArb: fc.Arbitrary<Statement[]> = fc
  .uniqueArray(
    fc.record({
      id: idArb,
      text: statementText,
      category: fc.constantFrom(...categories),
      perspective: fc.constantFrom(...perspectives),
    }),
    { selector: (r) => r.id, minLength: 1, maxLength: 60 },
  )
  .map((rows) => rows.map((r, i) => ({ ...r, person: '', council: '', source: 'gen.csv', line: i + 2 })));

const optionsArb: fc.Arbitrary<ThemeOptions> = fc.record({
  themes: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 1, max: 6 })),
  minSize: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: -1000, max: 1000 }),
});

/** A permutation of the input, from a list of sort keys (ties broken by position). */
const shuffledArb = statementsArb.chain((statements) =>
  fc
    .array(fc.nat(), { minLength: statements.length, maxLength: statements.length })
    .map((keys) => ({
      statements,
      shuffled: statements
        .map((s, i) => ({ s, k: keys[i]!, i }))
        .sort((a, b) => a.k - b.k || b.i - a.i)
        .map((x) => x.s),
    })),
);

const ofCategory = (statements: readonly Statement[], c: Category) => statements.filter((s) => s.category === c);

describe('theming engine invariants', () => {
  it('places every statement exactly once, in a theme or the unthemed list of its own category', () => {
    fc.assert(
      fc.property(statementsArb, optionsArb, (statements, options) => {
        const set = themeStatements(statements, options);
        for (const c of categories) {
          const expected = ofCategory(statements, c).map((s) => s.id).sort();
          const placed = [...set.categories[c].themes.flatMap((t) => t.statements), ...set.categories[c].unthemed];
          expect(placed.slice().sort()).toEqual(expected);
          for (const t of set.categories[c].themes) {
            expect(t.category).toBe(c);
            expect(t.statements.length).toBeGreaterThan(0);
            expect(t.size).toBe(t.statements.length);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('names every theme with a first-person sentence, unique in its category, whose things are its statements\' words', () => {
    const table = new Set(Object.values(syntheticWords).flatMap((w) => w.toLowerCase().split(' ')));
    fc.assert(
      fc.property(statementsArb, optionsArb, (statements, options) => {
        const set = themeStatements(statements, options);
        const text = new Map(statements.map((s) => [s.id, s.text.toLowerCase()]));
        for (const c of categories) {
          const names = set.categories[c].themes.map((t) => t.name);
          // Unique though a determiner is left out: "I value an ambulance" and "I value ambulance" are one name.
          expect(new Set(names.map((n) => n.toLowerCase().replace(/\b(?:a|an|the|my) /g, ''))).size).toBe(names.length);
          for (const t of set.categories[c].themes) {
            expect(t.name).toMatch(/^I [a-z']+ \S/);
            expect(t.name).not.toMatch(/\d|undefined|\s{2}|\s$/);
            const own = t.statements.map((id) => text.get(id)!).join(' ');
            const [tagged] = tagTexts([t.name]);
            tagged!.words.forEach((w, i) => {
              const word = w.toLowerCase();
              // (The frames' own words name no subject: "I want something done about this", "I value having things explained".)
              if (['NOUN', 'PROPN'].includes(tagged!.tags[i]!) && !['this', 'change', 'something', 'things'].includes(word)) {
                // (A thing the statements name once is named in the plural where several are wanted: "calls" for "call".)
                const singular = [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')];
                expect(own.includes(word) || singular.some((x) => own.includes(x)) || table.has(word) || table.has(word.replace(/s$/, '')), `${t.name}: ${w}`).toBe(true);
              }
            });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives identical themes, and a byte-identical themes.yaml, for a permutation of the input', () => {
    fc.assert(
      fc.property(shuffledArb, optionsArb, ({ statements, shuffled }, options) => {
        const a = themeStatements(statements, options);
        const b = themeStatements(shuffled, options);
        expect(b).toEqual(a);
        expect(renderThemesFile(b, shuffled)).toBe(renderThemesFile(a, statements));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same themes whatever ids the statements carry: another session keys them otherwise', () => {
    const relabelled = statementsArb.chain((statements) =>
      fc.shuffledSubarray(statements.map((_, i) => `k${i}`), { minLength: statements.length, maxLength: statements.length }).map((ids) => ({ statements, relabelled: statements.map((s, i) => ({ ...s, id: ids[i]! })) })),
    );
    fc.assert(
      fc.property(relabelled, optionsArb, ({ statements, relabelled }, options) => {
        const byWords = (set: ThemeSet, from: readonly Statement[]) => {
          const text = new Map(from.map((s) => [s.id, s.text]));
          const words = (ids: readonly string[]) => ids.map((id) => text.get(id)!).sort();
          return categories.map((c) => ({
            themes: set.categories[c].themes.map((t) => [t.id, t.name, words(t.statements)]),
            unthemed: words(set.categories[c].unthemed),
          }));
        };
        expect(byWords(themeStatements(relabelled, options), relabelled)).toEqual(byWords(themeStatements(statements, options), statements));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same theme ids and members on a second run', () => {
    fc.assert(
      fc.property(statementsArb, optionsArb, (statements, options) => {
        const summary = (set: ThemeSet) =>
          categories.map((c) => ({
            themes: set.categories[c].themes.map((t) => [t.id, t.statements, t.name]),
            unthemed: set.categories[c].unthemed,
          }));
        const first = themeStatements(statements, options);
        const second = themeStatements(structuredClone(statements), { ...options });
        expect(summary(second)).toEqual(summary(first));
      }),
      { numRuns: RUNS },
    );
  });

  it('themes: K gives exactly min(K, n) non-empty themes per non-empty category, and nothing unthemed', () => {
    fc.assert(
      fc.property(statementsArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 100 }), (statements, k, seed) => {
        const set = themeStatements(statements, { themes: k, minSize: 3, seed });
        for (const c of categories) {
          const n = ofCategory(statements, c).length;
          const { themes, unthemed } = set.categories[c];
          expect(unthemed).toEqual([]);
          expect(themes).toHaveLength(Math.min(k, n));
          for (const t of themes) expect(t.statements.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives unique theme ids, prefixed by category and numbered from 01', () => {
    const prefix: Record<Category, string> = { working: 'w', not_working: 'nw', future: 'f' };
    fc.assert(
      fc.property(statementsArb, optionsArb, (statements, options) => {
        const set = themeStatements(statements, options);
        const all = categories.flatMap((c) => set.categories[c].themes.map((t) => t.id));
        expect(new Set(all).size).toBe(all.length);
        for (const c of categories) {
          const ids = set.categories[c].themes.map((t) => t.id);
          expect(ids).toEqual(ids.map((_, i) => `${prefix[c]}-${String(i + 1).padStart(2, '0')}`));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips through themes.yaml: parseThemesFile(renderThemesFile(x)) gives x back', () => {
    fc.assert(
      fc.property(statementsArb, optionsArb, (statements, options) => {
        const set = themeStatements(statements, options);
        const back = parseThemesFile(renderThemesFile(set, statements), 'themes.yaml', statements);
        for (const c of categories) {
          const strip = (x: ThemeSet) => x.categories[c].themes.map((t) => ({ id: t.id, name: t.name, statements: t.statements }));
          expect(strip(back)).toEqual(strip(set));
          expect(back.categories[c].unthemed).toEqual(set.categories[c].unthemed);
        }
        // Everything else the file holds comes back too.
        expect(back).toEqual(set);
      }),
      { numRuns: RUNS },
    );
  });
});
