import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { type Category, type Statement, categories } from '../src/core/model.js';
import { syntheticWords } from '../src/theming/analyse.js';
import { wordVectors } from '../src/theming/embeddings.js';
import { pileLimit, themeStatements, wallThemes } from '../src/theming/engine.js';
import { averageLinkage, cutLinkage, cutLinkageSplitting, meaningWeight, sentenceVectors, splitLinkage, throughNeighbours, wallSimilarity } from '../src/theming/meaning.js';
import { tagTexts } from '../src/theming/naming.js';
import { buildFeatureSpace } from '../src/theming/vectors.js';
import { repoRoot } from './helpers.js';

const statement = (id: string, text: string, category: Category = 'not_working'): Statement => ({
  id,
  text,
  category,
  perspective: 'person',
  person: '',
  council: '',
  source: 'test',
  line: 1,
});

/** Three subjects, six statements each; the first letter of an id is its subject. */
const subjects: Record<string, string[]> = {
  T: [
    'The minibus stopped',
    'No lift to the day centre any more',
    'The taxi is late every morning',
    'The bus driver leaves without me',
    'My transport to college was cut',
    'The cab never turns up',
  ],
  C: [
    'The carers rush my shower',
    'Care workers leave after ten minutes',
    'A different carer comes every day',
    'The girls who come never have time to chat',
    'My care worker was moved to another round',
    'The agency carers do not know my routine',
  ],
  M: [
    'The direct payment forms are too hard',
    'My personal budget was cut without warning',
    'I cannot afford the care charges',
    'The bill for my care doubled',
    'Payroll for my PA is a headache',
    'Nobody explained the financial assessment',
  ],
};
const wall = Object.entries(subjects).flatMap(([s, texts]) => texts.map((t, i) => statement(`${s}${i}`, t)));
const themeOf = (set: ReturnType<typeof themeStatements>, id: string) => set.categories.not_working.themes.find((t) => t.statements.includes(id))?.id;

describe('word vectors', () => {
  it('are built with the package and know words that mean alike', () => {
    const vectors = wordVectors();
    expect(vectors, 'dist/vectors/words.bin is made by `npm run build`').toBeDefined();
    const [minibus, taxi, banister] = sentenceVectors(['minibus', 'taxi', 'banister'], vectors!).map((v) => v);
    const cos = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(minibus!, taxi!)).toBeGreaterThan(cos(minibus!, banister!));
  });

  it('give a word\'s rank in English and two words\' likeness from the words alone, the same as from the whole file', async () => {
    vi.resetModules();
    const fresh = await import('../src/theming/embeddings.js');
    const words = ['bar', 'bars', 'staff', 'minibus', 'the'];
    const ranks = words.map((w) => fresh.wordRank(w));
    // Likeness read row by row, before the vectors are read whole.
    const apart = fresh.wordLikeness('communal', 'communication')!;
    const alike = fresh.wordLikeness('arrival', 'arrived')!;
    expect(apart).toBeLessThan(0.45);
    expect(alike).toBeGreaterThan(0.45);
    expect(fresh.wordLikeness('arrival', 'qzxwvk')).toBeUndefined();
    expect(ranks.every((r) => typeof r === 'number')).toBe(true);
    expect(ranks[0]!).toBeLessThan(ranks[1]!);
    expect(fresh.wordRank('qzxwvk')).toBeUndefined();
    expect(ranks).toEqual(words.map((w) => fresh.wordVectors()!.rank(w)));
    expect(ranks).toEqual(words.map((w) => fresh.wordRank(w)));
    expect(fresh.wordLikeness('communal', 'communication')).toBeCloseTo(apart, 6);
    expect(fresh.wordLikeness('arrival', 'arrived')).toBeCloseTo(alike, 6);
  });
});

describe('grouping by meaning', () => {
  it('"the minibus stopped" and "no lift to the day centre" share no word but land together', () => {
    const texts = ['The minibus stopped', 'No lift to the day centre any more'];
    expect(buildFeatureSpace(texts).features).toEqual([]);
    for (const themes of ['auto', 3] as const) {
      const set = themeStatements(wall, { themes, minSize: 3, seed: 1 });
      expect(themeOf(set, 'T0'), `themes: ${themes}`).toBeDefined();
      expect(themeOf(set, 'T0'), `themes: ${themes}`).toBe(themeOf(set, 'T1'));
    }
  });

  it('matches words one by one: a statement meets its like in other words more than its summed vector says', () => {
    // The pairs say one thing in other words; each is padded with words about something else, which
    // blur a summed vector but leave a word-by-word match standing.
    const texts = [
      'The taxi never came so I missed the whole morning at college',
      'No lift again this week',
      'My carer was moved to another round without any warning',
      'A different care worker every day',
      'The forms for my budget are too long',
      'Paperwork takes hours',
    ];
    const space = buildFeatureSpace(texts);
    const summed = wallSimilarity(texts, space, undefined, 0.5).meaning!;
    const matched = wallSimilarity(texts, space, undefined, 0.5, undefined, true).meaning!;
    const at = (s: typeof summed, i: number, k: number) => s.values[i * s.n + k]!;
    // Each like pair gains on the pairs across subjects.
    const margin = (s: typeof summed, i: number, k: number) => at(s, i, k) - Math.max(...[0, 1, 2, 3, 4, 5].filter((j) => Math.floor(j / 2) !== Math.floor(i / 2)).map((j) => at(s, i, j)));
    for (const [i, k] of [[0, 1], [2, 3]] as const) expect(margin(matched, i, k), texts[i]).toBeGreaterThan(margin(summed, i, k));
  });

  it('a shared word counts as much as it is rare in English: "podiatrist" holds two statements together more than "help"', () => {
    // The first statement shares "podiatrist" with the second and "help" with the third; on this
    // wall both words are used twice, so rarity on the wall alone cannot tell them apart.
    const texts = ['Help from the podiatrist', 'The podiatrist was kind', 'No help with the forms'];
    const sim = wallSimilarity(texts, buildFeatureSpace(texts));
    const words = (i: number, k: number) => (sim.values[i * 3 + k]! - meaningWeight * sim.meaning!.values[i * 3 + k]!) / (1 - meaningWeight);
    expect(words(0, 1)).toBeGreaterThan(words(0, 2) + 0.1);
    // Without word vectors there is no English to weigh words by: the two shared words count alike.
    const plain = wallSimilarity(texts, buildFeatureSpace(texts), null);
    expect(plain.values[1]).toBeCloseTo(plain.values[2]!, 10);
  });

  it('with a number of themes given, a statement that shares one odd word with another subject stays with its own', () => {
    const subjectsOf = {
      m: ['The minibus was late again', 'The minibus driver was rude to me', 'The minibus never came on Monday', 'The minibus broke down on the way', 'Waiting for the minibus in the rain', 'The minibus had a xylophone'],
      d: ['The dinners are always cold', 'Cold dinners every single day', 'The dinners taste bland', 'Dinners arrive cold and late', 'The dinners are far too small', 'The dinners came with a xylophone'],
    };
    const two = Object.entries(subjectsOf).flatMap(([s, texts]) => texts.map((t, i) => statement(`${s}${i}`, t)));
    // (Compared directly, the two statements with the xylophone are joined first, and the dinners'
    // one ends up in the minibus's theme.)
    const set = themeStatements(two, { themes: 2, minSize: 1, seed: 1 });
    for (const t of set.categories.not_working.themes) expect(new Set(t.statements.map((id) => id[0])).size).toBe(1);
  });

  it('lists a theme\'s representative statements first, then the rest, the most typical first: the one that fits least is last', () => {
    const minibus = ['The minibus was late again', 'The minibus driver was rude to me', 'The minibus never came on Monday', 'The minibus broke down on the way', 'Waiting for the minibus in the rain'];
    const dinners = ['The dinners are always cold', 'Cold dinners every single day', 'The dinners taste bland', 'Dinners arrive cold and late', 'The dinners are far too small'];
    const both = [...minibus.map((t, i) => statement(`m${i}`, t)), ...dinners.map((t, i) => statement(`d${i}`, t)), statement('x', 'My dinner came cold on the minibus')];
    const set = themeStatements(both, { themes: 2, minSize: 1, seed: 1 });
    const meals = set.categories.not_working.themes.find((t) => t.statements.includes('d0'))!;
    expect(meals.statements.slice(0, 3)).toEqual(meals.representative);
    expect(meals.statements.at(-1)).toBe('x');
    // The same under any order of the rows.
    expect(themeStatements([...both].reverse(), { themes: 2, minSize: 1, seed: 1 })).toEqual(set);
  });

  it('at the true number of themes, each subject is one theme', () => {
    const set = themeStatements(wall, { themes: 3, minSize: 3, seed: 1 });
    for (const t of set.categories.not_working.themes) expect(new Set(t.statements.map((id) => id[0])).size).toBe(1);
  });

  const sharingOnly = {
    '"three times"': [
      statement('T6', 'The taxi was late three times this month'),
      statement('M6', 'I rang about my bill three times'),
      statement('C6', 'Three times the carer forgot my tablets'),
    ],
    '"till" and "actually", which say when and how sure, not what': [
      statement('T8', 'Actually the taxi sat outside till ten'),
      statement('M8', 'I waited till Friday and actually paid the bill'),
      statement('C8', 'Actually the carer stayed till the tablets were taken'),
    ],
    '"dont" typed without its apostrophe': [
      statement('T7', 'The bus dont come and I cant get there'),
      statement('M7', 'I dont get my money and I cant pay'),
      statement('C7', 'I dont like it, I cant have the same carer'),
      statement('X7', 'I dont want it, I cant stand it'),
    ],
  };
  for (const [words, unrelated] of Object.entries(sharingOnly)) {
    it(`${words} does not hold unrelated statements together`, () => {
      const set = themeStatements([...wall, ...unrelated], { themes: 'auto', minSize: 3, seed: 1 });
      const themes = unrelated.map((s) => themeOf(set, s.id)).filter((t) => t !== undefined);
      expect(new Set(themes).size).toBe(themes.length);
    });
  }

  it('a statement that says only a verdict ("its ok", "Good.", "yes") names no subject, and goes to the odd ones out', () => {
    const verdicts = [statement('V1', 'its ok'), statement('V2', 'Good.'), statement('V3', 'yes'), statement('V4', 'I am happy')];
    const set = themeStatements([...wall, ...verdicts], { themes: 'auto', minSize: 3, seed: 1 });
    expect(set.categories.not_working.unthemed).toEqual(expect.arrayContaining(['V1', 'V2', 'V3', 'V4']));
    // Asked for a number of themes, every statement is in one, as before.
    expect(themeStatements([...wall, ...verdicts], { themes: 4, minSize: 3, seed: 1 }).categories.not_working.unthemed).toEqual([]);
  });

  it('splits a group where it was last joined, into parts that divide it exactly, even a group joined by hand', () => {
    const values = Float64Array.from([1, 0.9, 0.1, 0.2, 0.9, 1, 0.1, 0.1, 0.1, 0.1, 1, 0.8, 0.2, 0.1, 0.8, 1]);
    const joins = averageLinkage({ n: 4, values });
    expect(splitLinkage(joins, 4, [0, 1, 2, 3])).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(splitLinkage(joins, 4, [0, 1])).toEqual([[0], [1]]);
    // Not a group the linkage made: statements 0, 1 and 3.
    const parts = splitLinkage(joins, 4, [0, 1, 3])!;
    expect([...parts[0], ...parts[1]].sort()).toEqual([0, 1, 3]);
    expect(parts[0].length).toBeGreaterThan(0);
    expect(parts[1].length).toBeGreaterThan(0);
    expect(splitLinkage(joins, 4, [2])).toBeUndefined();
  });

  it('cuts the linkage and splits each group where it was joined while told to, as cutting and splitting again and again would', () => {
    // Twelve statements, alike by how close their numbers are: the linkage chains them.
    const n = 12;
    const values = Float64Array.from({ length: n * n }, (_, k) => 1 / (1 + Math.abs(Math.floor(k / n) - (k % n)) + (Math.floor(k / n) * (k % n)) / 50));
    const joins = averageLinkage({ n, values });
    for (const kept of [0, 5, 9, 11]) {
      expect(cutLinkageSplitting(joins, n, kept, () => false)).toEqual(cutLinkage(joins, n, n - kept));
      // Split while a group holds more than three: the same as splitting by hand until none does.
      let byHand = cutLinkage(joins, n, n - kept);
      for (let big = byHand.find((g) => g.length > 3); big; big = byHand.find((g) => g.length > 3)) byHand = [...byHand.filter((g) => g !== big), ...splitLinkage(joins, n, big)!];
      expect(cutLinkageSplitting(joins, n, kept, (g) => g.length > 3)).toEqual(byHand.sort((a, b) => a[0]! - b[0]!));
    }
  });

  it('compares statements through their neighbourhoods, so one strong link to another subject does not take a statement there', () => {
    // Two subjects of eight statements, alike at 0.5 within and 0.05 across; statements 0 and 8
    // share one word that makes them 0.7 alike, more than either is like its own subject.
    const n = 16;
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = i === j ? 1 : i < 8 === j < 8 ? 0.5 : 0.05;
    values[8] = values[8 * n] = 0.7;
    const subjects = [
      [0, 1, 2, 3, 4, 5, 6, 7],
      [8, 9, 10, 11, 12, 13, 14, 15],
    ];
    // Directly, the pair is joined first, and one of them ends up with the other subject.
    expect(cutLinkage(averageLinkage({ n, values }), n, 2)).not.toEqual(subjects);
    const through = throughNeighbours({ n, values });
    expect(cutLinkage(averageLinkage(through), n, 2)).toEqual(subjects);
    // Each is now more like its own subject than like the other of the pair, and the likeness is symmetric.
    expect(through.values[1]!).toBeGreaterThan(through.values[8]!);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(through.values[i * n + j]).toBeCloseTo(through.values[j * n + i]!, 12);
  });

  it('average linkage joins the most alike first and gives exactly k groups', () => {
    const values = Float64Array.from([1, 0.9, 0.1, 0.2, 0.9, 1, 0.1, 0.1, 0.1, 0.1, 1, 0.8, 0.2, 0.1, 0.8, 1]);
    const joins = averageLinkage({ n: 4, values });
    expect(joins.map(([a, b]) => [a, b])).toEqual([
      [0, 1],
      [2, 3],
      [0, 2],
    ]);
    // How alike each join's two groups were: then, on average, the four of them.
    expect(joins.map(([, , s]) => s)).toEqual([0.9, 0.8, 0.125]);
    expect(cutLinkage(joins, 4, 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(cutLinkage(joins, 4, 4)).toEqual([[0], [1], [2], [3]]);
    expect(cutLinkage(joins, 4, 1)).toEqual([[0, 1, 2, 3]]);
  });
});

describe('walls sized for a workshop', () => {
  it('automatic mode aims at 6 to 15 themes for 50 to 300 statements, fewer on a small wall', () => {
    expect(wallThemes(50, 3)).toBe(8);
    expect(wallThemes(80, 3)).toBe(11);
    expect(wallThemes(150, 3)).toBe(15);
    expect(wallThemes(300, 3)).toBe(15);
    expect(wallThemes(16, 3)).toBe(5);
    expect(wallThemes(5, 3)).toBe(1);
    expect(pileLimit(80)).toBe(8);
    expect(pileLimit(16)).toBe(4);
  });

  it('a small mixed wall gives a few honest themes and a small odd-ones-out pile', () => {
    const mixed = [
      'I want to learn to cook',
      'I want a job in a shop',
      'I want to see my grandchildren more',
      'I want to live near my sister',
      'I want a garden',
      'I want to go swimming',
      'I want to cook my own meals',
      'I want paid work',
      'I want my family to visit',
      'I want to go on holiday',
      'I want a dog',
      'I want to learn to read',
      'I want to go to the football',
      'I want to get a job',
      'I want my own front door',
      'I want to sing in a choir',
    ].map((t, i) => statement(`f${String(i).padStart(2, '0')}`, t, 'future'));
    const c = themeStatements(mixed, { themes: 'auto', minSize: 3, seed: 1 }).categories.future;
    expect(c.themes.length).toBeGreaterThanOrEqual(2);
    expect(c.unthemed.length).toBeLessThanOrEqual(pileLimit(mixed.length));
    for (const t of c.themes) expect(t.size).toBeGreaterThanOrEqual(3);
    expect(new Set(c.themes.map((t) => t.name)).size).toBe(c.themes.length);
  });
});

describe('names on the example wall', () => {
  const rows = parse(readFileSync(join(repoRoot, 'examples', 'northmere', 'statements.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const category = (label: string): Category => (/not/i.test(label) ? 'not_working' : /future/i.test(label) ? 'future' : 'working');
  const statements = rows.map((r) => statement(r.Ref!, r.Statement!, category(r.Category!)));
  const set = themeStatements(statements, { themes: 'auto', minSize: 3, seed: 1 });
  const text = new Map(statements.map((s) => [s.id, s.text]));

  it('has statements in every category, so the checks below check something', () => {
    for (const c of categories) expect(set.categories[c].themes.length).toBeGreaterThan(2);
  });

  it('every name is a first-person sentence, unique in its category, with no numbers', () => {
    for (const c of categories) {
      const names = set.categories[c].themes.map((t) => t.name);
      // Unique though a determiner is left out: "I value an ambulance" and "I value ambulance" are one name.
      expect(new Set(names.map((n) => n.toLowerCase().replace(/\b(?:a|an|the|my) /g, ''))).size).toBe(names.length);
      for (const n of names) {
        expect(n).toMatch(/^I [a-z']+ /);
        expect(n).not.toMatch(/\d|\s{2}|\s$|undefined/);
      }
    }
  });

  it('the things a name speaks of are in its theme\'s statements, or are the synonym table\'s words for them', () => {
    const table = new Set(Object.values(syntheticWords).flatMap((w) => w.toLowerCase().split(' ')));
    const unsupported: string[] = [];
    for (const c of categories) {
      for (const t of set.categories[c].themes) {
        const own = t.statements.map((id) => text.get(id)!.toLowerCase()).join(' ');
        const [tagged] = tagTexts([t.name]);
        tagged!.words.forEach((w, i) => {
          if (!['NOUN', 'PROPN'].includes(tagged!.tags[i]!)) return;
          const word = w.toLowerCase();
          if (!own.includes(word) && !table.has(word) && !table.has(word.replace(/s$/, ''))) unsupported.push(`${t.id} "${t.name}": ${w}`);
        });
      }
    }
    expect(unsupported).toEqual([]);
  });

  it('the representative statements are the theme\'s own, and come first among those that say its name', () => {
    for (const c of categories) {
      for (const t of set.categories[c].themes) {
        expect(t.representative.length).toBe(Math.min(3, t.size));
        for (const r of t.representative) expect(t.statements).toContain(r);
      }
    }
  });
});

describe('without the word vectors', () => {
  it('wtfc theme says once that statements were grouped by their words alone', async () => {
    const { printTheme, makePrinter } = await import('../src/cli/print.js');
    const { Chalk } = await import('chalk');
    const lines: string[] = [];
    const io = { stdout: { write: (s: string) => lines.push(`out:${s}`) }, stderr: { write: (s: string) => lines.push(`err:${s}`) } };
    const p = makePrinter(io as never, new Chalk({ level: 0 }), { json: false, quiet: false });
    const empty = { themes: [], unthemed: [] };
    const summary = {
      file: 'themes.yaml',
      mode: 'fresh' as const,
      categories: Object.fromEntries(categories.map((c) => [c, { statements: 0, themes: 0, unthemed: 0, unthemedShare: 0 }])) as never,
      themes: { engine: { name: 'words-and-meaning', version: 3, seed: 1, themes: 'auto' as const, minSize: 3 }, categories: { working: empty, not_working: empty, future: empty } },
      meaning: false,
    };
    printTheme(p, summary);
    expect(lines.filter((l) => l.includes('word vectors'))).toEqual([expect.stringMatching(/^err:Note: .*grouped by their words alone/)]);
    lines.length = 0;
    printTheme(p, { ...summary, meaning: true });
    expect(lines.some((l) => l.includes('word vectors'))).toBe(false);
  });

  it('groups by shared words alone and still gives exactly k themes', () => {
    const texts = wall.map((s) => s.text);
    const sim = wallSimilarity(texts, buildFeatureSpace(texts), null);
    expect(sim.meaning).toBeUndefined();
    expect(cutLinkage(averageLinkage(sim), texts.length, 3)).toHaveLength(3);
  });
});

describe('words that are also names of JavaScript properties', () => {
  it('are words like any other: "constructor", "toString" and "__proto__" find nothing in the engine\'s tables', () => {
    const texts = ['The constructor is broken', 'The constructor never came', 'toString and valueOf', '__proto__ constructor hasOwnProperty'];
    const set = themeStatements(
      texts.map((t, i) => statement(`j${i}`, t, 'working')),
      { themes: 2, minSize: 1, seed: 1 },
    );
    for (const t of set.categories.working.themes) {
      expect(t.name).not.toMatch(/function|native code|\[object/);
      expect(t.label).not.toMatch(/function|native code|\[object/);
    }
  });
});
