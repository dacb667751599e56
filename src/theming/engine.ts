import { createHash } from 'node:crypto';
import { type Category, type CategoryThemes, type Perspective, type Statement, type Theme, type ThemeSet, categories } from '../core/model.js';
import { wallWords } from './analyse.js';
import { Centres, type Clustering, anchoredStart } from './kmeans.js';
import { namesPerson } from './persons.js';
import { type Praise, type TaggedText, asksForSpeed, doingsOf, draftNames, joinedPraise, mannerPraise, onlyHowMuch, praisedAlike, praisedQuality, sameThingDone, saysDoingOf, saysWord, speedWords, tagTexts, valuedAlone, valuesSpeed, waitedFor } from './naming.js';
import { defaultRefineOptions, refineByClassification } from './refine.js';
import { seededRandom } from './random.js';
import { type Join, type SentenceVectors, type Similarity, averageLinkage, cutLinkage, cutLinkageSplitting, meanSimilarity, splitLinkage, subSimilarity, throughNeighbours, wallSimilarity } from './meaning.js';
import { type FeatureSpace, buildFeatureSpace, dotDense, wallSize } from './vectors.js';

export interface ThemeOptions {
  /** Themes per category: a number gives exactly that many; 'auto' chooses. */
  themes: 'auto' | number;
  /** Auto mode: statements in smaller groups are left unthemed. */
  minSize: number;
  seed: number;
  /**
   * Sentence vectors from a local model server, by text. A wall that has one for every statement
   * uses them for meaning in place of the word vectors; the rest of the engine is the same.
   */
  meaning?: SentenceVectors;
  /**
   * Told the texts a large category's themes will most likely be named from, as soon as its first
   * grouping is known, so that a tagger in another thread can read them while the grouping is
   * refined (see `tagging.ts`). Only a head start: the themes never depend on it.
   */
  readAhead?: (texts: string[]) => void;
}

export const engineName = 'words-and-meaning';
export const engineVersion = 3;

export const themeIdPrefix: Record<Category, string> = { working: 'w', not_working: 'nw', future: 'f' };

/**
 * Proposes themes for each category separately, as the workshop themes each wall on its own.
 * Statements are sorted by their words first (`themingOrder`), so neither the input order nor the
 * ids change the result.
 */
export function themeStatements(statements: readonly Statement[], options: ThemeOptions): ThemeSet {
  const pending = proposeThemes(statements, options);
  return completeThemes(pending, options, pending.map((p) => tagTexts(p.samples)));
}

/**
 * A category's themes, grouped and measured but not yet named. Naming needs a part-of-speech
 * tagger, which is slow to load, so it is a separate step that can wait for a tagger loaded
 * elsewhere (see `tagging.ts`) while the grouping runs.
 */
export interface PendingCategory {
  category: Category;
  measured: MeasuredGroup[];
  unthemed: string[];
  /** The odd ones out's texts and perspectives, as `unthemed` lists them. */
  leftOver?: { text: string; perspective: Perspective }[];
  /**
   * The texts to tag: the texts the names are made from (each group's most typical statements,
   * group after group), then, on a wall where it is not working, every statement of `wall`.
   */
  samples: string[];
  /** On a wall, how alike each two groups' members are on average (`meanSimilarity`); a group's own is its cohesion. */
  likeness?: number[][];
  /** On a wall, what it was grouped from: a theme whose statements change once themes are named is measured again. */
  wall?: Wall;
  /** The category's statement ids in theming order (`themingOrder`); by id where not given. */
  order?: readonly string[];
}

/** A wall's statements (in theming order), their features and their similarity. */
interface Wall {
  statements: readonly Statement[];
  space: FeatureSpace;
  sim: Similarity;
}

export function proposeThemes(statements: readonly Statement[], options: ThemeOptions): PendingCategory[] {
  return categories.map((category) => {
    const members = statements.filter((s) => s.category === category).sort(themingOrder);
    const { space, groups, unthemed, sim } = groupCategory(members, options);
    const measured = measureGroups(members, space, groups, sim);
    const likeness = sim && groups.map((a) => groups.map((b) => meanSimilarity(sim, a, b)));
    // (The odd ones out are listed by id, as a file lists them.)
    const odd = unthemed.map((i) => members[i]!).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { category, measured, unthemed: odd.map((s) => s.id), leftOver: odd.map((s) => ({ text: s.text, perspective: s.perspective })), samples: [...measured.flatMap((m) => m.sample), ...(sim && category === 'not_working' ? members.map((s) => s.text) : [])], ...(likeness && { likeness }), ...(sim && { wall: { statements: members, space, sim } }), order: members.map((s) => s.id) };
  });
}

/** Names the pending themes, from each category's tagged samples, and numbers them largest first. */
export function completeThemes(pending: readonly PendingCategory[], options: ThemeOptions, tagged: readonly (readonly TaggedText[])[]): ThemeSet {
  const result = {} as Record<Category, CategoryThemes>;
  pending.forEach((p, c) => {
    // (Where it is not working, the wall's statements follow the samples.)
    const sampled = p.measured.reduce((n, m) => n + m.sample.length, 0);
    const samples = tagged[c]!.slice(0, sampled);
    const { measured, texts } = options.themes === 'auto' ? mergeSameIdeas(p.category, p.measured, samples, p.likeness) : { measured: p.measured, texts: samples };
    let described = nameGroups(p.category, measured, texts);
    if (options.themes === 'auto' && p.category === 'not_working' && p.wall) {
      const smallest = Math.max(2, options.minSize);
      described = splitOffDoings(described, tagged[c]!.slice(sampled), p.wall, smallest);
      movedToTheirDoing(described, p.wall, smallest);
      movedToTheWait(described, p.wall, smallest);
    }
    const unthemed = options.themes === 'auto' && p.category === 'working' && p.leftOver ? rehomed(described, p.unthemed, p.leftOver) : p.unthemed;
    const rank = new Map((p.order ?? [...p.measured.flatMap((m) => m.ids)].sort()).map((id, i) => [id, i]));
    const first = (ids: readonly string[]) => Math.min(...ids.map((id) => rank.get(id) ?? Infinity));
    described.sort((a, b) => b.statements.length - a.statements.length || first(a.statements) - first(b.statements));
    const themes = described.map(({ praised: _, idea: __, ...d }, index): Theme => ({
      id: `${themeIdPrefix[p.category]}-${String(index + 1).padStart(2, '0')}`,
      category: p.category,
      name: d.draft,
      ...d,
      locked: false,
      parked: false,
      edited: false,
    }));
    result[p.category] = { themes, unthemed };
  });
  return {
    engine: { name: engineName, version: engineVersion, seed: options.seed, themes: options.themes, minSize: options.minSize },
    categories: result,
  };
}

/**
 * Where it is working, an odd one out that says what a theme is named for belongs there: praise of
 * speed ("Prompt service.", "Swift.") goes to the wall's one theme named for speed, and a quality a
 * theme is named for ("The driver was very friendly") to the largest theme named for it (not one
 * that says only how much, "good"). The shared-words and meaning measures miss such short praise,
 * which shares few words with a theme whose statements say it in other ones. Returns the ids left
 * over; the themes' statements, sizes and perspectives take the rest.
 */
function rehomed(themes: NamedGroup[], ids: readonly string[], texts: readonly { text: string; perspective: Perspective }[]): string[] {
  const fast = themes.filter((t) => valuesSpeed(t.draft));
  const left: string[] = [];
  ids.forEach((id, i) => {
    const words = texts[i]!.text.toLowerCase().split(/[^\p{L}']+/u);
    if (words.some((w) => denials.has(w) || w.endsWith("n't"))) return void left.push(id);
    // ("Picked me up on time": being on time is speed, as the names have it.)
    const speedy = words.some((w) => speedWords.has(w)) || /\bon time\b|\bpunctual/i.test(texts[i]!.text);
    const home = (fast.length === 1 && speedy ? fast[0] : undefined) ?? [...themes].sort((a, b) => b.size - a.size).find((t) => t.praised?.some((q) => !onlyHowMuch(q) && words.includes(q)));
    if (!home) return void left.push(id);
    home.statements = [...home.statements, id];
    home.size++;
    home.perspectives = { ...home.perspectives, [texts[i]!.perspective]: (home.perspectives[texts[i]!.perspective] ?? 0) + 1 };
  });
  return left;
}

/**
 * Where it is not working, a statement in a theme named for waiting that says the doing another
 * theme is named for goes there: "Answer the phone quicker" and "Took an hour to get through" go
 * from "I don't want to wait hours for an ambulance" to "I want the phone answered quickly" and "I
 * don't want it to take so long to get through". Blind readers read waiting for the phone as
 * another complaint than waiting for help to come, and found such statements in the waiting theme
 * on every ambulance wall. A statement that also names the thing its theme waits for ("the
 * ambulance") stays, and a theme keeps at least `smallest` statements. The themes that change are
 * measured again.
 */
function movedToTheirDoing(themes: NamedGroup[], wall: Wall, smallest: number): void {
  const doings = themes.filter((t) => !asksForSpeed(t.draft));
  for (const from of themes.filter((t) => asksForSpeed(t.draft))) {
    const thing = waitedFor(from.draft);
    movedOut(from, wall, smallest, (text) => (thing !== undefined && saysWord(text, thing) ? undefined : doings.find((t) => saysDoingOf(t.draft, text))));
  }
}

/**
 * Where it is not working, a statement in a theme not named for speed that asks for the thing a
 * theme of waiting waits for to come sooner ("Ambulance could of been quicker", "Getting the
 * ambulance to arrive more quickly") goes to that theme: a blind reader found half of a theme
 * named "I want a good ambulance man" asking for the ambulance sooner, beside the wall's theme of
 * waiting hours for one. A theme keeps at least `smallest` statements, and the themes that change
 * are measured again.
 */
function movedToTheWait(themes: NamedGroup[], wall: Wall, smallest: number): void {
  const waits = themes.filter((t) => asksForSpeed(t.draft) && waitedFor(t.draft) !== undefined);
  for (const from of themes.filter((t) => !asksForSpeed(t.draft))) {
    movedOut(from, wall, smallest, (text) => (asksSooner(text) ? waits.find((t) => saysWord(text, waitedFor(t.draft)!)) : undefined));
  }
}

/**
 * Each statement of a theme goes to the theme `to` gives for its text, while the theme keeps more
 * than `smallest`; the themes that change are measured again.
 */
function movedOut(from: NamedGroup, wall: Wall, smallest: number, to: (text: string) => NamedGroup | undefined): void {
  const textOf = new Map(wall.statements.map((s) => [s.id, s.text]));
  const moved = new Map<NamedGroup, string[]>();
  let left = from.statements.length;
  const at = new Map(wall.statements.map((s, i) => [s.id, i]));
  for (const id of [...from.statements].sort((a, b) => at.get(a)! - at.get(b)!)) {
    if (left <= smallest) break;
    const home = to(textOf.get(id)!);
    if (!home) continue;
    moved.set(home, [...(moved.get(home) ?? []), id]);
    left--;
  }
  if (moved.size === 0) return;
  const gone = new Set([...moved.values()].flat());
  remeasured(from, from.statements.filter((id) => !gone.has(id)), wall);
  for (const [home, ids] of moved) remeasured(home, [...home.statements, ...ids], wall);
}

/** Whether a statement asks for something sooner, or says it waited: "could have been quicker", "arrive more quickly", "waiting for 2hrs". */
function asksSooner(text: string): boolean {
  return /\b(?:quicker|quickly|sooner|faster|speed(?:ier| up)?|wait(?:ed|ing)?)\b/i.test(text);
}

/**
 * Where it is not working, a theme named for waiting whose statements wait for something other
 * than help to come ("Answer the phone quicker", "Waited an hour for my call to be answered") is
 * two complaints: those statements become a theme of their own, named for the doing ("I want the
 * call answered quickly"), where at least `splitOffSize` of them say it (and `smallest` stay), no
 * theme is named for it already, and the wall has fewer themes than a room can vote on. The doing
 * is a verb three or more of the theme's statements share, whose statements are named for a
 * doing and not for speed (waiting for the ambulance to "arrive" is the theme's own complaint).
 * The theme's statements that say the doing, and do not name what the theme waits for, go.
 * `tagged` holds the wall's statements, tagged, as `wall` lists them.
 */
function splitOffDoings(themes: NamedGroup[], tagged: readonly TaggedText[], wall: Wall, smallest: number): NamedGroup[] {
  const index = new Map(wall.statements.map((s, i) => [s.id, i]));
  const result = [...themes];
  for (const from of themes) {
    if (!asksForSpeed(from.draft)) continue;
    // The theme's statements, its representative ones first.
    const members = [...new Set([...from.representative, ...[...from.statements].sort((a, b) => index.get(a)! - index.get(b)!)])].map((id) => index.get(id)!);
    const byDoing = new Map<string, number[]>();
    for (const i of members) for (const doing of doingsOf(tagged[i]!)) byDoing.set(doing, [...(byDoing.get(doing) ?? []), i]);
    const thing = waitedFor(from.draft);
    const says = (draft: string) => (i: number) => saysDoingOf(draft, wall.statements[i]!.text) && !(thing !== undefined && saysWord(wall.statements[i]!.text, thing));
    const split = [...byDoing.entries()]
      .filter(([, by]) => by.length >= 3)
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .map(([, by]) => draftNames('not_working', [{ texts: by.slice(0, sampleSize).map((i) => tagged[i]!) }])[0]!)
      .filter(({ draft }) => !asksForSpeed(draft) && !result.some((t) => t.draft === draft))
      .map(({ draft, idea }) => ({ draft, idea, ids: members.filter(says(draft)).map((i) => wall.statements[i]!.id) }))
      .find(({ ids }) => ids.length >= Math.max(splitOffSize, smallest) && from.statements.length - ids.length >= smallest);
    if (!split) continue;
    const gone = new Set(split.ids);
    // A theme already about the same thing ("I want a good phone call", for "I want the call
    // answered quickly"), or asking for the same done ("I want the phone answered quickly"), takes
    // them: the same complaint twice on a wall is a duplicate.
    const home = result.find((t) => t !== from && ((split.idea !== undefined && t.idea === split.idea) || sameThingDone(t.draft, split.draft)));
    if (!home && result.length >= mostThemes) continue;
    remeasured(from, from.statements.filter((id) => !gone.has(id)), wall);
    if (home) {
      remeasured(home, [...home.statements, ...split.ids], wall);
      // Named again, from its statements, most typical first, unless another theme has the name.
      const named = draftNames('not_working', [{ texts: [...home.representative, ...[...home.statements].sort((a, b) => index.get(a)! - index.get(b)!).filter((id) => !home.representative.includes(id))].slice(0, sampleSize).map((id) => tagged[index.get(id)!]!) }])[0]!;
      if (!result.some((t) => t !== home && t.draft === named.draft)) Object.assign(home, { draft: named.draft, ...(named.idea !== undefined && { idea: named.idea }) });
      continue;
    }
    const part: NamedGroup = { ...from, draft: split.draft, representative: [], ...(split.idea !== undefined && { idea: split.idea }) };
    remeasured(part, split.ids, wall);
    result.push(part);
  }
  return result;
}

/** A theme split off from a theme of waiting has at least this many statements. */
const splitOffSize = 4;

/**
 * A theme given new statements, measured again: its size, perspectives, cohesion and keywords;
 * its representative statements are those it still has, then its most typical others.
 */
function remeasured(theme: NamedGroup, ids: readonly string[], wall: Wall): void {
  const index = new Map(wall.statements.map((s, i) => [s.id, i]));
  const members = ids.map((id) => index.get(id)!).sort((a, b) => a - b);
  const m = measureGroups(wall.statements, wall.space, [members], wall.sim)[0]!;
  const kept = theme.representative.filter((id) => ids.includes(id));
  const representative = [...kept, ...m.representative.filter((id) => !kept.includes(id))].slice(0, 3);
  Object.assign(theme, {
    statements: typicalOrder(representative, m.ordered ?? m.ids),
    size: m.ids.length,
    perspectives: m.perspectives,
    cohesion: round(m.cohesion),
    label: m.keywords.slice(0, 3).join(', '),
    representative,
  });
}

/**
 * A theme's statements as a facilitator reads them: the representative ones, then the rest, the
 * most typical first, so that the shared idea is said at the top and the statements that fit it
 * least are together at the bottom, where they are checked and moved.
 */
function typicalOrder(representative: readonly string[], ordered: readonly string[]): string[] {
  return [...representative, ...ordered.filter((id) => !representative.includes(id))];
}

/** Words that deny what follows: an odd one out that says one is left where it is. */
const denials = new Set(['not', 'no', 'never', 'nothing', 'cannot', 'without']);

/**
 * Automatic mode joins themes that carry the same idea before anyone sees them: two themes whose
 * strongest ideas are about the same thing ("quicker response" and "better response") become one
 * theme, named again. So do two themes that each value a quality of the same thing ("helpful
 * staff", "caring staff"), or the same quality of two things ("helpful staff", "helpful lady"),
 * when their statements are alike enough (`likeness`): a room reads them as one idea, that the
 * staff were kind. So do "helpful crew" and "friendly staff" where a statement calls the crew
 * friendly (`praisedAlike`): on the 22 care_feedback walls that raised automatic ACC from 46.3 to
 * 48.0 and ARI from 29.7 to 32.1. Praise of unlike things ("quick service", "professional
 * service") stays apart.
 */
function mergeSameIdeas(
  category: Category,
  measured: readonly MeasuredGroup[],
  tagged: readonly TaggedText[],
  likeness?: readonly (readonly number[])[],
): { measured: MeasuredGroup[]; texts: TaggedText[] } {
  let at = 0;
  let groups = measured.map((m) => {
    const texts = tagged.slice(at, at + m.sample.length);
    at += m.sample.length;
    return { m, texts };
  });
  let like = likeness?.map((row) => [...row]);
  for (;;) {
    const names = draftNames(
      category,
      groups.map((g) => ({ texts: g.texts, staff: g.m.sampleStaff, ...(g.m.praise && { praise: g.m.praise }), ...(g.m.speed && { speed: true }) })),
    );
    const ideas = names.map((n) => n.idea);
    let pair: [number, number] | undefined;
    for (let a = 0; a < groups.length && !pair; a++) {
      for (let b = a + 1; b < groups.length && !pair; b++) if (ideas[a] !== undefined && ideas[a] === ideas[b]) pair = [a, b];
    }
    // Two themes of one idea that praise one thing ("pleasant drivers", "the caring driver") are
    // named for both their qualities, as a praise join is.
    const praiseOfBoth = ([a, b]: [number, number]) => {
      const [big, small] = (groups[a]!.m.ids.length >= groups[b]!.m.ids.length ? [a, b] : [b, a]).map((g) => groups[g]!.m.praise ?? praiseOf(names[g]!.draft, groups[g]!.texts)) as [Praise, Praise];
      return joinedPraise(big, small, [...groups[a]!.texts, ...groups[b]!.texts]);
    };
    // Praise of people by their names ("I value helpful drivers", "I value friendly staff") is one
    // praise on less likeness than praise of things.
    const praiseLikeness = (a: number, b: number) => ([a, b].every((t) => names[t]!.praised !== undefined && namesPerson(names[t]!.draft.split(' ').at(-1)!)) ? samePeopleLikeness : sameThingLikeness);
    let praise = pair && names[pair[0]]!.praised && names[pair[0]]!.praised!.thing === names[pair[1]]!.praised?.thing ? praiseOfBoth(pair) : undefined;
    for (let a = 0; like && a < groups.length && !pair; a++) {
      for (let b = a + 1; b < groups.length && !pair; b++) {
        const [pa, pb] = [names[a]!.praised, names[b]!.praised];
        // Qualities of one thing ("helpful staff", "caring staff"), one quality of two ("helpful staff", "helpful lady"),
        // or two things the wall praises alike ("helpful crew", "friendly staff", where the crew are "helpful and friendly").
        // (Praise of speed is joined only to praise of speed, below.)
        const alike = pa && pb && valuesSpeed(names[a]!.draft) === valuesSpeed(names[b]!.draft) && (pa.thing === pb.thing || pa.qualities.some((q) => pb.qualities.includes(q)) || praisedAlike(pa, pb, tagged));
        if (!alike || like[a]![b]! < praiseLikeness(a, b) * Math.sqrt(Math.max(0, like[a]![a]! * like[b]![b]!))) continue;
        pair = [a, b];
        praise = praiseOfBoth(pair);
      }
    }
    const sizes = groups.map((g) => g.m.ids.length);
    const typical = like && median(like.map((row, t) => row[t]!));
    // Where it is working, praise of how people were is one praise, however it was said: "I value
    // good care" from "staff are very caring", beside "I value friendly staff".
    const manner = category === 'working' && like && !pair && groups.length > fewestJoined ? groups.map((g, t) => (valuesSpeed(names[t]!.draft) ? undefined : mannerPraise(g.texts, tagged))) : [];
    for (let a = 0; a < manner.length && !pair; a++) {
      for (let b = a + 1; b < manner.length && !pair; b++) {
        const [pa, pb] = [manner[a], manner[b]];
        if (!pa || !pb || like![a]![b]! < praiseLikeness(a, b) * Math.sqrt(Math.max(0, like![a]![a]! * like![b]![b]!))) continue;
        if (joinLikeness(like!, sizes, [a, b]).at(-1)!.at(-1)! < sameMannerCohesion * typical!) continue;
        pair = [a, b];
        const [big, small] = sizes[a]! >= sizes[b]! ? [pa, pb] : [pb, pa];
        praise = joinedPraise(big, small, [...groups[a]!.texts, ...groups[b]!.texts]);
      }
    }
    // Where it is working, a theme that values a thing with nothing said of it ("I value the
    // staff", "I value my health care team") is praise of the thing another theme praises ("I
    // value kind staff").
    for (let a = 0; category === 'working' && like && groups.length > fewestJoined && a < groups.length && !pair; a++) {
      for (let b = 0; b < groups.length && !pair; b++) {
        const praised = names[b]!.praised;
        if (a === b || !praised || valuesSpeed(names[b]!.draft) || valuedAlone(names[a]!.draft) !== praised.thing) continue;
        if (like[a]![b]! < sameThingLikeness * Math.sqrt(Math.max(0, like[a]![a]! * like[b]![b]!))) continue;
        if (joinLikeness(like, sizes, [a, b]).at(-1)!.at(-1)! < sameMannerCohesion * typical!) continue;
        pair = [a, b];
        const theirs = groups[b]!.m.praise ?? praiseOf(names[b]!.draft, groups[b]!.texts);
        praise = joinedPraise(theirs, theirs, [...groups[a]!.texts, ...groups[b]!.texts]);
      }
    }
    // Waiting and wanting it sooner are one complaint: "I don't want to wait hours for an
    // ambulance" and "I want them to get there quicker". Where it works, speed is one praise: "I
    // value a prompt service" and "I value them being quick".
    // (Never into a catch-all: the joined theme's members stay at least half as alike as a
    // theme's typically are.)
    const speedy = category === 'not_working' ? asksForSpeed : category === 'working' ? valuesSpeed : () => false;
    let fast = false;
    for (let a = 0; like && a < groups.length && !pair; a++) {
      for (let b = a + 1; b < groups.length && !pair; b++) {
        // (A theme whose speed name a larger theme took first is named for something else.)
        if (![a, b].every((t) => speedy(names[t]!.draft) || speedy(names[t]!.wanted))) continue;
        // (Where it is not working, the names alone join two themes only where both are named for
        // speed, and name at most one thing waited for.)
        const waited = [a, b].map((t) => (speedy(names[t]!.draft) ? waitedFor(names[t]!.draft) : null));
        const byName = !waited.includes(null) && (waited[0] === undefined || waited[1] === undefined || waited[0] === waited[1]);
        const [least, cohesion] = category === 'working' ? [-Infinity, samePraisedSpeedCohesion] : byName ? [-Infinity, sameWaitCohesion] : [sameSpeedLikeness, sameSpeedCohesion];
        if (like[a]![b]! < least * Math.sqrt(Math.max(0, like[a]![a]! * like[b]![b]!))) continue;
        const joined = joinLikeness(like, sizes, [a, b]).at(-1)!.at(-1)!;
        if (joined >= cohesion * typical!) [pair, fast] = [[a, b], category === 'working'];
      }
    }
    // Where it is not working, asking for the phone to be answered, for the call to be, for more
    // call handlers, and saying it took too long to get through are one complaint (as long as the
    // joined theme's members stay as alike as a join of waits must).
    for (let a = 0; category === 'not_working' && like && a < groups.length && !pair; a++) {
      for (let b = a + 1; b < groups.length && !pair; b++) {
        if (!sameThingDone(names[a]!.draft, names[b]!.draft)) continue;
        if (joinLikeness(like, sizes, [a, b]).at(-1)!.at(-1)! >= sameWaitCohesion * typical!) pair = [a, b];
      }
    }
    if (!pair) break;
    const [x, y] = pair.map((i) => groups[i]!) as [(typeof groups)[0], (typeof groups)[0]];
    const [big, small] = x.m.ids.length >= y.m.ids.length ? [x, y] : [y, x];
    const size = big.m.ids.length + small.m.ids.length;
    const perspectives = { ...big.m.perspectives };
    for (const [k, v] of Object.entries(small.m.perspectives) as [Perspective, number][]) perspectives[k] = (perspectives[k] ?? 0) + v;
    const merged: MeasuredGroup = {
      ids: [...big.m.ids, ...small.m.ids].sort(),
      // (Each theme's statements keep their places, by how far down their own theme they were.)
      ordered: [big.m, small.m].flatMap(({ ordered = [], ids }) => (ordered.length > 0 ? ordered : ids).map((id, k) => ({ id, at: k / ids.length }))).sort((p, q) => p.at - q.at).map((x) => x.id),
      representative: big.m.representative,
      sampleIds: [...big.m.sampleIds, ...small.m.sampleIds],
      sample: [...big.m.sample, ...small.m.sample],
      sampleStaff: [...big.m.sampleStaff, ...small.m.sampleStaff],
      cohesion: (big.m.cohesion * big.m.ids.length + small.m.cohesion * small.m.ids.length) / size,
      keywords: big.m.keywords,
      perspectives,
      // (A theme joined for its idea keeps the praise it was named for.)
      ...((praise ?? big.m.praise) && { praise: praise ?? big.m.praise }),
      // (Joined for speed, it is named for speed, as either theme was.)
      ...((fast || big.m.speed || small.m.speed) && { speed: true }),
    };
    like = like && joinLikeness(like, groups.map((g) => g.m.ids.length), pair);
    groups = [...groups.filter((g) => g !== x && g !== y), { m: merged, texts: [...big.texts, ...small.texts] }];
  }
  return { measured: groups.map((g) => g.m), texts: groups.flatMap((g) => g.texts) };
}

/**
 * Praise of how people were is joined only while a wall has more than this many themes, the fewest
 * a room works with, as near-duplicates are.
 */
const fewestJoined = 6;

/** The quality a theme's name values of a thing, as a join's praise. */
function praiseOf(draft: string, texts: readonly TaggedText[]): Praise {
  const p = praisedQuality(draft, texts)!;
  return { qualities: [p.quality], thing: p.said };
}

/**
 * Two themes that ask for speed (not to wait, or for help to come sooner) are one complaint when
 * their members are at least this alike, as a share of how alike each theme's own members are
 * (their geometric mean). Blind readers marked such pairs as duplicates on three walls of ambulance
 * feedback out of three, at 0.19-0.33; waiting hours for an ambulance and waiting for a phone to be
 * answered ("I don't want it to take so long to get through") is no such pair. On the 22
 * care_feedback walls, before `sameSpeedCohesion`, `walls.py` gave 50.1 / 49.0 / 35.4 at 0.15 and
 * 49.2 / 48.9 / 34.0 at 0.2, against 48.6 / 48.9 / 33.1 with no such joins.
 */
const sameSpeedLikeness = 0.15;

/**
 * A join of two themes that ask for speed must leave its members at least this many times as alike
 * as a theme's members typically are. Without it, waits for patient transport joined waits for an
 * ambulance in a theme of half a wall of 300; at 0.7, the pairs the readers marked stayed apart.
 * With it, `walls.py` gave 49.9 / 49.1 / 35.3.
 */
const sameSpeedCohesion = 0.6;

/**
 * Where it is not working, two themes named for speed, of which at most one names what is waited
 * for (`waitedFor`), or both the same thing, are one complaint however alike their statements
 * are: "Faster arrival." and "Came sooner" share no word with "Waited 3 hours for an ambulance".
 * The joined theme's members must stay at least this many times as alike as a theme's typically
 * are. On the 22 care_feedback walls, `walls.py` gave 52.3 / 49.4 / 39.0 against 51.1 / 49.2 /
 * 36.8 with the likeness asked of every pair; at 0.6, 51.5 / 49.2 / 37.4 (of the four such
 * pairs on those walls, three stayed apart).
 */
const sameWaitCohesion = 0.5;

/**
 * Where it is working, two themes that value speed ("I value a prompt service", "I value them
 * being quick", "I value an efficient service", "I value them arriving quickly") are one praise
 * however alike their statements are: short praise of speed shares few words or none ("Arrived
 * within 15 mins", "Very efficient."), so their names are the evidence. The joined theme's members
 * must stay at least this many times as alike as a theme's typically are. At 0.05 of each theme's
 * own likeness and 0.5 of the typical, speed stayed in two or three themes on walls where blind
 * readers marked them as duplicates; with no likeness asked and 0.25 (and speed praise kept out of
 * other praise), readers preferred the walls on all three they compared (the forty-third
 * reading), and `walls.py` gave 50.9 / 48.9 / 36.5 against 51.1 / 49.1 / 37.0. At 0.35, two
 * speed themes of one wall in 44 still stood apart.
 */
const samePraisedSpeedCohesion = 0.25;

/**
 * Where it is working, two themes that praise how people were must leave the joined theme's
 * members at least this many times as alike as a theme's typically are.
 */
const sameMannerCohesion = 0.5;

/**
 * Two themes that value qualities of one thing are one idea when their members are at least this
 * alike, as a share of how alike each theme's own members are (their geometric mean). On the 22
 * care_feedback walls, such pairs at 0.33-0.52 were one idea to the walls' coders, and pairs at
 * 0.1 or less ("quick service", "professional service") were not.
 */
const sameThingLikeness = 0.3;

/**
 * Two themes whose names praise people ("I value helpful drivers", "I value helpful ambulance
 * staff", "I value friendly staff"), for a quality both give or for how people were, are one idea
 * when their members are at least this alike, as a share of how alike each theme's own are. Short
 * praise of the crew shares few words ("Lovely lads", "Very kind and caring"): on an unseen wall
 * of 80 (the 107th reading) three such themes scored 0.26-0.28 and both readers marked them as
 * duplicates, while praise of people for unlike things scores 0.1 or less. Only where both name
 * people: at 0.2 for all praise, "useful advice" and "I can see the animals" joined the praise of
 * kind staff.
 */
const samePeopleLikeness = 0.2;

/**
 * The likeness of groups after groups a and b are joined: the others keep their order and the join
 * comes last. Likeness is a mean over pairs of members, so the join's follows from the sizes.
 */
function joinLikeness(like: readonly (readonly number[])[], sizes: readonly number[], [a, b]: [number, number]): number[][] {
  const [na, nb] = [sizes[a]!, sizes[b]!];
  const n = na + nb;
  const kept = like.map((_, i) => i).filter((i) => i !== a && i !== b);
  const joined = kept.map((i) => (na * like[a]![i]! + nb * like[b]![i]!) / n);
  const own = (na * (na - 1) * like[a]![a]! + nb * (nb - 1) * like[b]![b]! + 2 * na * nb * like[a]![b]!) / (n * (n - 1));
  return [...kept.map((i, r) => [...kept.map((j) => like[i]![j]!), joined[r]!]), [...joined, own]];
}

/** Themes one category's statements, in this thread. */
export function themeCategory(category: Category, statements: Statement[], options: ThemeOptions): CategoryThemes {
  const p = proposeThemes(statements, options).find((x) => x.category === category)!;
  return completeThemes([p], options, [tagTexts(p.samples)]).categories[category];
}

/**
 * Aligns like texts from several sources (each text's `council`), such as the batch comparison's
 * council themes. Two texts are as alike as their words or their meaning says, whichever says more
 * (two councils may hear of one thing in quite different words); like texts are joined by average
 * linkage while they are alike enough (`alignedEnough`), and each group of two or more is named.
 * Nothing is forced into a group: a text like no other stays alone, in `unthemed`. A source's own
 * texts are different ideas (a council's themes were kept apart by its theming), so a group that
 * holds more than `mostFromOneSource` texts of one source is a catch-all, and a group of one
 * source's texts aligns nothing: each is split where the linkage joined it. `texts` must be in id
 * order.
 */
export function alignTexts(category: Category, texts: readonly Statement[]): CategoryThemes {
  const options: ThemeOptions = { themes: 'auto', minSize: 2, seed: 1 };
  const space = buildFeatureSpace(texts.map((s) => s.text));
  const sim = wallSimilarity(
    texts.map((s) => s.text),
    space,
  );
  const meaning = sim.meaning?.values;
  const either: Similarity = { n: sim.n, values: meaning ? sim.values.map((v, i) => Math.max(v, meaning[i]!)) : sim.values };
  const joins = averageLinkage(either);
  const enough = Math.max(alignedEnough, typicalPlus(either, alignedSpread));
  const made = joins.findIndex(([, , s]) => s < enough);
  const cut = cutLinkageSplitting(joins, texts.length, made < 0 ? joins.length : made, (g) => {
    const perSource = countBy(g, (i) => texts[i]!.council);
    return perSource.size === 1 || Math.max(...perSource.values()) > mostFromOneSource;
  });
  // Each text already speaks for a theme of its own: a group is named from its most typical few.
  const measured = measureGroups(texts, space, cut.filter((g) => g.length > 1), sim).map((m) => ({ ...m, sampleIds: m.sampleIds.slice(0, alignedSample), sample: m.sample.slice(0, alignedSample), sampleStaff: m.sampleStaff.slice(0, alignedSample) }));
  const unthemed = cut.filter((g) => g.length === 1).map((g) => texts[g[0]!]!.id).sort();
  const pending: PendingCategory = { category, measured, unthemed, samples: measured.flatMap((m) => m.sample) };
  // The groups are final, as with a number of themes given: joined for one idea, as a wall's
  // themes are, two of them had put three or more of a council's themes together.
  const aligned = completeThemes([pending], { ...options, themes: Math.max(1, measured.length) }, [tagTexts(pending.samples)]).categories[category];
  // (A cross-council theme lists its councils' themes in their order, not the most typical first.)
  return { ...aligned, themes: aligned.themes.map((t) => ({ ...t, statements: [...t.statements].sort() })) };
}

/**
 * How alike two texts must be, on average over their groups, to be aligned: a cosine of at least
 * 0.25, and more than two texts typically are (`alignedSpread`). On council themes described by
 * their keywords and three statements, themes on one subject in different words scored 0.25-0.45
 * by meaning. Councils of one service hear of the same service, so their themes are alike on
 * average: on councils cut from care_feedback, two council themes were 0.27-0.38 alike on average
 * (0.17-0.20 spread), and at 0.25 a category's themes chained into a few catch-alls.
 */
const alignedEnough = 0.25;

/**
 * Texts are aligned only where they are more alike than the category's texts typically are, by
 * this many standard deviations of their likeness. On three batches of councils cut from
 * care_feedback (`npm run bench:align`), with the split of mixed groups, the statements of a
 * cross-council theme shared their coders' commonest label 51-54% of the time, against 42-44% at
 * 0.25 alone.
 */
const alignedSpread = 0.3;

/**
 * How many of a group's most typical texts its name is made from. Naming reads every sample
 * against the others, so its cost grows with the square of their number: at 25 a group, naming
 * took 26-29 s a category at 150 councils (about 2,600 council themes in 48-59 groups).
 */
const alignedSample = 8;

/** At most this many texts of one source in a group of aligned texts: a source's own duplicate, but no more. */
const mostFromOneSource = 2;

/** The mean likeness of distinct texts, plus `spread` standard deviations. */
function typicalPlus(sim: Similarity, spread: number): number {
  const { n, values } = sim;
  let [sum, squares, count] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      sum += values[i * n + j]!;
      squares += values[i * n + j]! ** 2;
      count++;
    }
  }
  if (count === 0) return -Infinity;
  const mean = sum / count;
  return mean + spread * Math.sqrt(Math.max(0, squares / count - mean * mean));
}

/** How many of the items give each key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The groups of one category's statements (indices into them), and the ones left unthemed. */
function groupCategory(statements: readonly Statement[], options: ThemeOptions): { space: FeatureSpace; groups: number[][]; unthemed: number[]; sim?: Similarity } {
  const n = statements.length;
  const space = buildFeatureSpace(statements.map((s) => s.text));
  if (n === 0) return { space, groups: [], unthemed: [] };
  const fixedK = options.themes === 'auto' ? undefined : Math.min(options.themes, n);
  const dim = space.features.length;

  if (fixedK === undefined && n < options.minSize) return { space, groups: [], unthemed: statements.map((_, i) => i) };
  if (fixedK === 1 || (fixedK === undefined && n === 1)) {
    return { space, groups: [statements.map((_, i) => i)], unthemed: [] };
  }
  if (n <= smallSet) {
    const sim = wallSimilarity(
      statements.map((s) => s.text),
      space,
      undefined,
      wallCentre,
      options.meaning,
      true,
    );
    // In automatic mode, a statement that names no subject ("its ok", "yes") is an odd one out, not
    // part of a theme: grouped, such statements, like by nothing, made a theme of their own.
    const speaking = statements.flatMap((s, i) => (fixedK !== undefined || wallWords(s.text).length > 0 ? [i] : []));
    if (speaking.length === n) return { space, sim, ...groupWall(sim, options) };
    const grouped = groupWall(subSimilarity(sim, speaking), options);
    return {
      space,
      sim,
      groups: grouped.groups.map((g) => g.map((i) => speaking[i]!)),
      unthemed: [...grouped.unthemed.map((i) => speaking[i]!), ...statements.flatMap((_, i) => (speaking.includes(i) ? [] : [i]))].sort((a, b) => a - b),
    };
  }
  if (dim === 0) {
    // No two statements share a word. Auto mode: all are odd ones out. A fixed k still gets
    // exactly k themes, dealt out in theming order.
    if (fixedK === undefined) return { space, groups: [], unthemed: statements.map((_, i) => i) };
    const groups: number[][] = Array.from({ length: fixedK }, () => []);
    statements.forEach((_, i) => groups[i % fixedK]!.push(i));
    return { space, groups, unthemed: [] };
  }

  const random = seededRandom(options.seed);
  const readAhead = options.readAhead && ((rows: number[]) => options.readAhead!(rows.map((i) => statements[i]!.text)));
  if (fixedK !== undefined) {
    const c = clusterInto(space, fixedK, random, readAhead);
    const groups: number[][] = Array.from({ length: fixedK }, () => []);
    for (let i = 0; i < n; i++) groups[c.assignment[i]!]!.push(i);
    return { space, groups, unthemed: [] };
  }
  const chosen = chooseK(n <= autoSample ? space : sampleSpace(statements), n, options.minSize, random);
  const c = n <= autoSample ? chosen.clustering : clusterInto(space, chosen.k, random, readAhead);
  return { space, ...settleSmallThemes(space, c, options.minSize) };
}

/**
 * A workshop-sized wall is grouped by meaning (see `meaning.ts`). `--themes K` cuts the grouping at
 * exactly K, grouping the statements as alike as their neighbourhoods are (`throughNeighbours`):
 * on real walls that placed more statements with their subject. Automatic mode groups by their own
 * likeness, which its rules below were set by and measure. It cuts the grouping at a number a room
 * can work with (`wallThemes`), then settles the groups too small to be themes: their statements
 * join the theme they fit, or, when they fit none well, go to the odd-ones-out pile, which is kept
 * small (`pileLimit`); and every statement is refitted to the theme it is most like (`refitted`).
 */
function groupWall(sim: Similarity, options: ThemeOptions): { groups: number[][]; unthemed: number[] } {
  const n = sim.n;
  const joins = averageLinkage(options.themes === 'auto' ? sim : throughNeighbours(sim));
  if (options.themes !== 'auto') return { groups: cutLinkage(joins, n, Math.min(options.themes, n)), unthemed: [] };
  // Cut where the groups big enough to be themes number what the room can work with: cutting
  // into more pieces leaves more small ones, which settle into themes or the pile.
  const target = wallThemes(n, options.minSize);
  const smallest = Math.max(2, options.minSize);
  const themesIn = (groups: number[][]) => groups.filter((g) => g.length >= smallest).length;
  let cut = cutLinkage(joins, n, target);
  for (let k = target + 1; k <= Math.min(n, 3 * target) && themesIn(cut) < target; k++) {
    const finer = cutLinkage(joins, n, k);
    if (themesIn(finer) > themesIn(cut)) cut = finer;
  }
  // A catch-all is no theme: a group over a theme's fair share (`catchAllSize`), whose members are
  // much less alike than a theme's members typically are, is split where the linkage joined it. If
  // that makes more themes than a room can take, the two most alike other themes are joined.
  const kept = new Set<number[]>();
  for (let round = 0; round < n; round++) {
    const themes = cut.filter((g) => g.length >= smallest);
    const cohesion = themes.map((g) => meanSimilarity(sim, g, g));
    const typical = median(cohesion);
    const catchAll = themes.findIndex((g, t) => !kept.has(g) && g.length >= catchAllSize * Math.max(smallest, n / target) && cohesion[t]! < catchAllCohesion * typical);
    if (catchAll < 0) break;
    const whole = themes[catchAll]!;
    const parts = splitLinkage(joins, n, whole);
    if (!parts) {
      kept.add(whole);
      continue;
    }
    const next = [...cut.filter((g) => g !== whole), ...parts];
    const nextThemes = next.filter((g) => g.length >= smallest);
    if (nextThemes.length <= mostThemes) {
      cut = next;
      continue;
    }
    const pair = mostAlike(sim, nextThemes, (x, y) => !(parts.includes(x) && parts.includes(y)));
    if (!pair) {
      kept.add(whole);
      continue;
    }
    const [a, b] = pair;
    cut = [...next.filter((g) => g !== nextThemes[a] && g !== nextThemes[b]), [...nextThemes[a]!, ...nextThemes[b]!].sort((x, y) => x - y)];
  }
  cut = withoutGrabBags(sim, joins, cut, smallest);
  cut = withoutNearDuplicates(sim, cut, smallest, Math.min(6, target));
  return settleWall(sim, cut, options.minSize);
}

/**
 * A small theme (under twice the smallest) whose members are less than 0.8 times as alike as a
 * theme's members typically are is a grab-bag, held together by a word or two that say nothing of
 * a shared idea: blind readers score such themes 1 or 2 for coherence. Where a larger theme, itself
 * less alike than is typical, splits where the linkage joined it into two parts each big enough to
 * be a theme, the grab-bag's statements are set loose, to join the theme they fit or the odd ones
 * out (`settleWall`), and that theme is split in its place, so the wall keeps its number of
 * themes. A grab-bag with no such theme to split stays as it is.
 */
export function withoutGrabBags(sim: Similarity, joins: readonly Join[], cut: readonly number[][], smallest: number): number[][] {
  const n = sim.n;
  let groups = [...cut];
  const kept = new Set<readonly number[]>();
  for (let round = 0; round < n; round++) {
    const themes = groups.filter((g) => g.length >= smallest);
    const cohesion = themes.map((g) => meanSimilarity(sim, g, g));
    const typical = median(cohesion);
    const bag = themes.find((g, t) => !kept.has(g) && g.length < 2 * smallest && cohesion[t]! < grabBagCohesion * typical);
    if (bag === undefined) break;
    const split = themes
      .map((g, t) => ({ g, likeness: cohesion[t]! / typical }))
      .filter((x) => x.g !== bag && x.g.length >= 2 * smallest && x.likeness < 1)
      .sort((x, y) => x.likeness - y.likeness)
      .map(({ g }) => ({ g, parts: splitLinkage(joins, n, g) }))
      .find((x) => x.parts !== undefined && x.parts.every((p) => p.length >= smallest));
    if (!split) {
      kept.add(bag);
      continue;
    }
    groups = [...groups.filter((g) => g !== bag && g !== split.g), ...bag.map((i) => [i]), ...split.parts!];
  }
  return groups;
}

/**
 * Two themes that carry one idea are one theme before anyone sees them: while the wall has more
 * than `fewest` themes, the two themes whose members are most alike across the pair, against how
 * alike each theme's own members are (their geometric mean), are joined where that is at least
 * one half and the joined theme's members are still at least 0.7 times as alike as a theme's
 * typically are (a join that made a catch-all would be undone by the catch-all rule). On the 22
 * care_feedback walls this joined, for example, a theme of slow ambulances to the theme of waiting
 * hours for one, and "I want good staffing levels" to "I want more staff"; blind readers preferred
 * the joined walls on both walls they compared (the twenty-seventh reading), with fewer duplicates
 * and five minutes less work each, and `walls.py` gave 47.8 / 48.2 / 32.2 against 48.1 / 48.4 /
 * 32.6: the walls' coders often file a slow ambulance and a long wait under different labels.
 */
export function withoutNearDuplicates(sim: Similarity, cut: readonly number[][], smallest: number, fewest: number): number[][] {
  let groups = [...cut];
  for (;;) {
    const themes = groups.filter((g) => g.length >= smallest);
    if (themes.length <= fewest) return groups;
    const own = themes.map((g) => meanSimilarity(sim, g, g));
    const typical = median(own);
    let best: [number, number] | undefined;
    let bestLikeness = nearDuplicateLikeness;
    for (let a = 0; a < themes.length; a++) {
      for (let b = a + 1; b < themes.length; b++) {
        const likeness = meanSimilarity(sim, themes[a]!, themes[b]!) / Math.sqrt(Math.max(1e-12, own[a]! * own[b]!));
        if (likeness < bestLikeness) continue;
        const joined = [...themes[a]!, ...themes[b]!];
        if (meanSimilarity(sim, joined, joined) < nearDuplicateCohesion * typical) continue;
        [bestLikeness, best] = [likeness, [a, b]];
      }
    }
    if (!best) return groups;
    const [x, y] = [themes[best[0]]!, themes[best[1]]!];
    groups = [...groups.filter((g) => g !== x && g !== y), [...x, ...y].sort((i, j) => i - j)];
  }
}

/** Two themes are near-duplicates when their members are at least half as alike across the pair as within each. */
const nearDuplicateLikeness = 0.5;

/** A join of near-duplicates must leave its members at least 0.7 times as alike as a theme's typically are. */
const nearDuplicateCohesion = 0.7;

/** A small theme is a grab-bag when its members are less than 0.8 times as alike as a theme's typically are. */
const grabBagCohesion = 0.8;

/** The two groups (indices into `groups`) whose members are most alike on average, of the pairs `allowed`. */
function mostAlike(sim: Similarity, groups: readonly number[][], allowed: (a: number[], b: number[]) => boolean): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestScore = -Infinity;
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      if (!allowed(groups[a]!, groups[b]!)) continue;
      const score = meanSimilarity(sim, groups[a]!, groups[b]!);
      if (score > bestScore) [bestScore, best] = [score, [a, b]];
    }
  }
  return best;
}

/**
 * How much of a wall's mean meaning is taken out of each statement's (see `wallSimilarity`). At 0.5
 * the largest theme on the 22 care_feedback walls held 25% of a wall on average, against 31%, and
 * Northmere's largest "not working" group at 11 themes 14 statements, against 36.
 */
const wallCentre = 0.5;

/** The most themes automatic mode gives a wall: a room can vote on about that many. */
const mostThemes = 15;

/** A group is a catch-all when its members are less than 0.8 times as alike as a theme's typically are. */
const catchAllCohesion = 0.8;

/**
 * A group can be a catch-all from 1.2 times a theme's fair share of the wall (n over the themes it
 * is cut into). At twice, a group of 13 on a wall of 90 held being seen sooner, more leave and a
 * feeding tube under "I want to see a doctor"; at 1.2 it was split, blind readers preferred the walls on both walls they
 * compared (the thirtieth reading), with 2-3 fewer misfits and five minutes less work each, and
 * `walls.py` gave 48.6 / 48.9 / 33.1 against 48.0 / 48.5 / 32.5.
 */
const catchAllSize = 1.2;

/**
 * How many themes automatic mode cuts a wall into: about 1.2 × √n, at most 15 (a room can vote on
 * that many), at least 6 when the wall has statements enough, and never more than could each reach
 * the minimum size. 80 statements give 11 themes, 150 or more give 15, 16 give 5.
 */
export function wallThemes(n: number, minSize: number): number {
  const most = Math.max(1, Math.floor(n / Math.max(1, minSize)));
  return Math.max(1, Math.min(mostThemes, most, Math.max(Math.round(1.2 * Math.sqrt(n)), Math.min(6, most))));
}

/** The odd-ones-out pile holds at most a tenth of a wall; on a small wall, up to 4 (or a quarter). */
export function pileLimit(n: number): number {
  return Math.max(Math.floor(n / 10), Math.min(4, Math.floor(n / 4)));
}

function settleWall(sim: Similarity, cut: number[][], minSize: number): { groups: number[][]; unthemed: number[] } {
  // One statement alone is an odd one out, not a theme, whatever the minimum size.
  const smallest = Math.max(2, minSize);
  let groups = cut.filter((g) => g.length >= smallest);
  const loose = cut.filter((g) => g.length < smallest).flat();
  if (groups.length === 0) {
    // Nothing on the wall comes together: every statement is an odd one out.
    return { groups: [], unthemed: loose.sort((a, b) => a - b) };
  }
  // How well a statement fits its best theme, against how well a theme's members typically fit
  // theirs on this wall (the median). By meaning as well as words: a statement that shares no
  // word with any other ("no lift to the day centre") can still plainly belong.
  const fitOf = (s: Similarity) => {
    const typical = median(groups.flatMap((g) => g.map((i) => meanSimilarity(s, [i], g))));
    return (i: number, t: number) => (typical > 0 ? meanSimilarity(s, [i], groups[t]!) / typical : 0);
  };
  const byWords = fitOf(sim);
  const byMeaning = sim.meaning ? fitOf(sim.meaning) : undefined;
  const fits = loose
    .map((i) => {
      const scores = groups.map((g) => meanSimilarity(sim, [i], g));
      let best = 0;
      for (let t = 1; t < scores.length; t++) if (scores[t]! > scores[best]!) best = t;
      return { i, best, fit: Math.max(byWords(i, best), byMeaning?.(i, best) ?? 0) };
    })
    .sort((a, b) => a.fit - b.fit || a.i - b.i);
  const pile: number[] = [];
  const limit = pileLimit(sim.n);
  const joined = groups.map((g) => [...g]);
  for (const f of fits) {
    if (pile.length < limit && f.fit < poorFit) pile.push(f.i);
    else joined[f.best]!.push(f.i);
  }
  groups = joined.map((g) => g.sort((a, b) => a - b));
  groups = refitted(sim, groups, smallest);
  // What room the pile has left takes the members that fit their own theme worst, when they fit
  // it poorly: a theme is clearer without a statement about something else.
  {
    const members = groups
      .flatMap((g, t) => (g.length > smallest ? g.map((i) => ({ i, t, fit: Math.max(byWords(i, t), byMeaning?.(i, t) ?? 0) })) : []))
      .filter((m) => m.fit < poorFit)
      .sort((a, b) => a.fit - b.fit || a.i - b.i);
    const taken = new Set<number>();
    const left = groups.map((g) => g.length);
    for (const m of members) {
      if (pile.length >= limit) break;
      if (left[m.t]! <= smallest) continue;
      left[m.t]!--;
      taken.add(m.i);
      pile.push(m.i);
    }
    groups = groups.map((g) => g.filter((i) => !taken.has(i)));
  }
  return pileThemes(sim, groups, pile, smallest);
}

/**
 * A theme can hide in the odd-ones-out pile: statements that fit no theme, but fit each other.
 * "Less pointless restrictions", "Relax the shielding restrictions" and "Less jail" each fit no
 * theme of their wall, and a blind reader asked for them as one. While the wall has fewer than
 * `mostThemes` themes, the pile's `smallest` statements most alike are a theme where they are
 * clearly more alike than a theme's members typically are (`pileThemeCohesion`), each fits the rest
 * (`poorFit`), and no theme already carries their idea (`nearDuplicateLikeness`). The theme takes
 * in what else of the pile fits it and keeps it that alike.
 */
export function pileThemes(sim: Similarity, themes: readonly number[][], pile: readonly number[], smallest: number): { groups: number[][]; unthemed: number[] } {
  const groups = [...themes];
  const own = groups.map((g) => meanSimilarity(sim, g, g));
  const typical = median(own);
  const alike = (g: readonly number[]) => meanSimilarity(sim, g, g);
  // Each member fits the rest as a statement must fit a theme to join it: by words or by meaning,
  // at least half as well as a theme's members typically fit theirs (`settleWall`).
  const memberFit = (s: Similarity) => median(themes.flatMap((g) => g.map((i) => meanSimilarity(s, [i], g))));
  const typicalFit: [Similarity, number][] = [sim, ...(sim.meaning ? [sim.meaning] : [])].map((s) => [s, memberFit(s)]);
  const fits = (g: readonly number[]) => g.every((i) => typicalFit.some(([s, fit]) => fit > 0 && meanSimilarity(s, [i], g) >= poorFit * fit));
  // A group repeats a theme whose members are at least half as alike to its own as each are within.
  const carried = (g: readonly number[]) => themes.some((t, k) => meanSimilarity(sim, g, t) / Math.sqrt(Math.max(1e-12, alike(g) * own[k]!)) >= nearDuplicateLikeness);
  /** The group grown from `seed` by the statements of `from` that keep it most alike, up to `size`. */
  const grown = (seed: number[], from: readonly number[], size: number): number[] => {
    let group = seed;
    while (group.length < size) {
      const next = from
        .filter((i) => !group.includes(i))
        .map((i) => ({ i, likeness: alike([...group, i]) }))
        .sort((a, b) => b.likeness - a.likeness || a.i - b.i)[0];
      if (!next || next.likeness < pileThemeCohesion * typical || !fits([...group, next.i])) break;
      group = [...group, next.i];
    }
    return group;
  };
  let rest = [...pile].sort((a, b) => a - b);
  while (groups.length < mostThemes && rest.length >= smallest && typical > 0) {
    // Every pair of the pile, grown to a theme's size; the most alike that is not a theme already.
    let best: number[] | undefined;
    let bestLikeness = 0;
    for (let a = 0; a < rest.length; a++) {
      for (let b = a + 1; b < rest.length; b++) {
        const group = grown([rest[a]!, rest[b]!], rest, smallest);
        const likeness = alike(group);
        // (With a smallest theme of two, the pair itself must be alike enough.)
        if (group.length < smallest || likeness < pileThemeCohesion * typical || !fits(group)) continue;
        if ((best === undefined || likeness > bestLikeness) && !carried(group)) [bestLikeness, best] = [likeness, group];
      }
    }
    if (!best) break;
    const found = new Set(grown(best, rest, rest.length));
    groups.push([...found].sort((a, b) => a - b));
    rest = rest.filter((i) => !found.has(i));
  }
  return { groups, unthemed: rest };
}

/**
 * Average linkage never undoes a join, so a statement joined early to one group, for a word it
 * shares with it, stays there even when the wall's finished themes show it is more like another.
 * Each theme's members are looked at again, theme by theme, and one more alike on average to
 * another theme than to the rest of its own moves there, in rounds until none moves (at most
 * `refitRounds`). Average likeness is the linkage's own measure, so this finishes what it began. A
 * theme keeps at least `smallest` members.
 */
export function refitted(sim: Similarity, themes: readonly number[][], smallest: number): number[][] {
  const groups = themes.map((g) => [...g]);
  for (let round = 0; round < refitRounds; round++) {
    let moved = false;
    for (let t = 0; t < groups.length; t++) {
      for (const i of [...groups[t]!]) {
        if (groups[t]!.length <= smallest) break;
        let best = t;
        let likeness = meanSimilarity(sim, [i], groups[t]!);
        for (let u = 0; u < groups.length; u++) {
          const there = u === t ? likeness : meanSimilarity(sim, [i], groups[u]!);
          if (there > likeness) [best, likeness] = [u, there];
        }
        if (best === t) continue;
        groups[t] = groups[t]!.filter((j) => j !== i);
        groups[best]!.push(i);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return groups.map((g) => g.sort((a, b) => a - b));
}

/** Refitting settles in two to five rounds on most walls; a few statements can swap for ever. */
const refitRounds = 10;

/** A theme found in the pile must be 1.1 times as alike as a theme's members typically are. */
const pileThemeCohesion = 1.1;

/** A statement fits a theme poorly when it is less than half as like it as a theme's members typically are. */
const poorFit = 0.5;

/**
 * Choosing k tries every candidate, so on a large set it looks at a sample: the statements whose
 * words hash lowest. The sample depends only on the words, never on the input order or the ids.
 */
const autoSample = 2000;

function sampleSpace(statements: readonly Statement[]): FeatureSpace {
  const hash = (text: string) => createHash('sha1').update(text).digest('hex');
  const sample = statements
    .map((s) => ({ s, h: hash(s.text) }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .slice(0, autoSample)
    .map((x) => x.s.text);
  return buildFeatureSpace(sample);
}

/**
 * Auto mode keeps only themes of at least `minSize`. The members of a smaller one move to the
 * theme they fit best among those left, if they share any word with it; otherwise, and for any
 * statement that shares no word with its own theme, they are the method's odd ones out.
 */
function settleSmallThemes(space: FeatureSpace, c: Clustering, minSize: number): { groups: number[][]; unthemed: number[] } {
  const assignment = Int32Array.from(c.assignment);
  const alive = new Array<boolean>(c.k).fill(true);
  const unthemed = new Set<number>();
  const dim = space.features.length;
  for (;;) {
    const sizes = new Int32Array(c.k);
    for (let i = 0; i < assignment.length; i++) if (!unthemed.has(i)) sizes[assignment[i]!]!++;
    let smallest = -1;
    for (let t = 0; t < c.k; t++) {
      if (alive[t] && sizes[t]! < minSize && (smallest < 0 || sizes[t]! < sizes[smallest]!)) smallest = t;
    }
    if (smallest < 0) break;
    alive[smallest] = false;
    if (!alive.some(Boolean)) {
      for (let i = 0; i < assignment.length; i++) unthemed.add(i);
      break;
    }
    const centres = Centres.of(space.vectors.map((v, i) => (unthemed.has(i) ? emptyVector : v)), dim, assignment, c.k);
    const scores = new Float64Array(c.k);
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] !== smallest || unthemed.has(i)) continue;
      centres.score(space.vectors[i]!, scores);
      let best = -1;
      for (let t = 0; t < c.k; t++) if (alive[t] && scores[t]! > 0 && (best < 0 || scores[t]! > scores[best]!)) best = t;
      if (best < 0) unthemed.add(i);
      else assignment[i] = best;
    }
  }
  const final = withSimilarity(space, assignment, c.k);
  const groups: number[][] = Array.from({ length: c.k }, () => []);
  for (let i = 0; i < assignment.length; i++) {
    if (unthemed.has(i) || final.similarity[i]! <= 0) unthemed.add(i);
    else groups[assignment[i]!]!.push(i);
  }
  return { groups: groups.filter((g) => g.length > 0), unthemed: [...unthemed].sort((a, b) => a - b) };
}

const emptyVector = { indices: new Int32Array(0), values: new Float64Array(0) };

/**
 * Automatic number of themes, by the simplified silhouette (each statement's cosine distance to
 * its own theme's centre against the nearest other centre), over k from 2 to the most themes that
 * could each reach the minimum size, capped at 20 (a workshop wall holds no more).
 */
function chooseK(space: FeatureSpace, n: number, minSize: number, random: () => number): { k: number; clustering: Clustering } {
  const maxK = Math.max(2, Math.min(20, Math.floor(n / minSize)));
  const tried: { k: number; clustering: Clustering; score: number }[] = [];
  for (let k = 2; k <= maxK; k++) {
    const clustering = clusterInto(space, k, random);
    const settled = settleSmallThemes(space, clustering, minSize);
    tried.push({ k, clustering, score: settledSilhouette(space, settled.groups) });
  }
  // Fewer, broader themes are easier for a room to work with: take the smallest k that scores
  // within 5% of the best.
  const best = Math.max(...tried.map((t) => t.score));
  return tried.find((t) => t.score >= best - 0.05 * Math.abs(best))!;
}

/**
 * An anchored start, then iterative classification to re-place what the start got wrong. Every
 * one of the k themes ends up with at least one statement.
 */
/**
 * `readAhead`, if given, is told the rows most typical of each group of the first start (up to
 * `sampleSize` a group): most of them are still the most typical once the groups are refined, and
 * so are what the themes will be named from.
 */
export function clusterInto(space: FeatureSpace, k: number, random: () => number, readAhead?: (rows: number[]) => void): Clustering {
  const dim = space.features.length;
  // A workshop-sized wall is cheap to cluster, so try several starts and keep the tightest.
  const starts = space.vectors.length <= smallSet ? 5 : 1;
  let best: Clustering | undefined;
  for (let s = 0; s < starts; s++) {
    // A wall tried from several starts is left to chance at each; a single start is chosen greedily.
    const start = anchoredStart(space.vectors, dim, k, random, { greedy: starts === 1 });
    if (readAhead && s === 0) {
      const groups: number[][] = Array.from({ length: k }, () => []);
      start.assignment.forEach((c, i) => groups[c]!.push(i));
      readAhead(groups.flatMap((members) => byTypicality(space, members).slice(0, sampleSize).map((x) => x.i)));
    }
    const assignment = refineByClassification(space.vectors, dim, k, start.assignment, random, {
      ...defaultRefineOptions,
      keepTightest: starts > 1,
    });
    fillEmptyThemes(space, assignment, k);
    const result = withSimilarity(space, assignment, k);
    if (!best || result.objective > best.objective + 1e-9) best = result;
  }
  return best!;
}

/**
 * Up to this many statements in a category, it is a wall: grouped by meaning (`groupWall`). A
 * larger set is grouped by k-means on its words.
 */
const smallSet = wallSize;

/** How many of a theme's most typical statements its name is made from. */
const sampleSize = 25;

/** Gives an empty theme the statement that fits its own theme worst, taken from a theme of two or more. */
function fillEmptyThemes(space: FeatureSpace, assignment: Int32Array, k: number): void {
  const sizes = new Int32Array(k);
  for (const c of assignment) sizes[c]!++;
  for (let empty = sizes.indexOf(0); empty >= 0; empty = sizes.indexOf(0)) {
    const { similarity } = withSimilarity(space, assignment, k);
    let worst = -1;
    for (let i = 0; i < assignment.length; i++) {
      if (sizes[assignment[i]!]! > 1 && (worst < 0 || similarity[i]! < similarity[worst]!)) worst = i;
    }
    if (worst < 0) return;
    sizes[assignment[worst]!]!--;
    assignment[worst] = empty;
    sizes[empty] = 1;
  }
}

function withSimilarity(space: FeatureSpace, assignment: Int32Array, k: number): Clustering {
  const centres = Centres.of(space.vectors, space.features.length, assignment, k);
  const scores = new Float64Array(k);
  const similarity = new Float64Array(assignment.length);
  let objective = 0;
  for (let i = 0; i < assignment.length; i++) {
    centres.score(space.vectors[i]!, scores);
    similarity[i] = scores[assignment[i]!]!;
    objective += similarity[i]!;
  }
  return { assignment, k, similarity, objective };
}

/**
 * The simplified silhouette of a settled grouping, over every statement: an unthemed statement
 * scores 0, so a k that leaves many odd ones out scores lower.
 */
function settledSilhouette(space: FeatureSpace, groups: number[][]): number {
  const n = space.vectors.length;
  const k = groups.length;
  if (k === 0) return 0;
  const assignment = new Int32Array(n).fill(-1);
  groups.forEach((g, t) => g.forEach((i) => (assignment[i] = t)));
  const members = Int32Array.from(assignment, (t) => (t < 0 ? 0 : t));
  // Centres from the themed statements only: give each unthemed one an empty vector.
  const centres = Centres.of(space.vectors.map((v, i) => (assignment[i]! < 0 ? emptyVector : v)), space.features.length, members, k);
  const scores = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = assignment[i]!;
    if (own < 0) continue;
    centres.score(space.vectors[i]!, scores);
    const a = 1 - scores[own]!;
    let nearest = 0;
    for (let j = 0; j < k; j++) if (j !== own) nearest = Math.max(nearest, scores[j]!);
    const b = 1 - nearest;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/** What the engine says about a group of statements: everything in a theme but its id, name and flags. */
export type GroupDescription = Pick<Theme, 'draft' | 'label' | 'statements' | 'representative' | 'size' | 'perspectives' | 'cohesion'>;

/** A group measured against its centre, before naming. */
export interface MeasuredGroup {
  ids: string[];
  /** Its statements, the most typical first (where not given, as `ids`). */
  ordered?: string[];
  representative: string[];
  /** Its most typical statements, most typical first, and their texts: what its name is made from. */
  sampleIds: string[];
  sample: string[];
  /** Which of the samples staff wrote. */
  sampleStaff: boolean[];
  cohesion: number;
  keywords: string[];
  perspectives: Partial<Record<Perspective, number>>;
  /** Set where automatic mode joined themes that each valued a quality of one thing (see `mergeSameIdeas`). */
  praise?: Praise;
  /** Set where automatic mode joined themes that each valued speed, where it is working (see `mergeSameIdeas`). */
  speed?: boolean;
}

/**
 * Describes groups of one category's statements (indices into `statements`), each on its own: its
 * representative statements, cohesion, keywords and draft name. `space` is the category's
 * feature space; by default it is built from `statements`.
 */
export function describeGroups(
  category: Category,
  statements: readonly Statement[],
  space: FeatureSpace = buildFeatureSpace(statements.map((s) => s.text)),
  groups: readonly number[][],
): GroupDescription[] {
  const measured = measureGroups(statements, space, groups);
  return nameGroups(category, measured, tagTexts(measured.flatMap((m) => m.sample)));
}

/** How alike each member is to its group's centre (the cosine with the mean of their vectors). */
function centreLikeness(space: FeatureSpace, members: readonly number[]): { i: number; s: number }[] {
  const dim = space.features.length;
  const centroid = new Float64Array(dim);
  for (const i of members) {
    const v = space.vectors[i]!;
    for (let j = 0; j < v.indices.length; j++) centroid[v.indices[j]!]! += v.values[j]!;
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += centroid[j]! * centroid[j]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < dim; j++) centroid[j]! /= norm;
  return members.map((i) => ({ i, s: dotDense(space.vectors[i]!, centroid) }));
}

const typicalFirst = (a: { i: number; s: number }, b: { i: number; s: number }) => b.s - a.s || a.i - b.i;

/** A group's members, the most typical (nearest its centre) first. */
const byTypicality = (space: FeatureSpace, members: readonly number[]) => centreLikeness(space, members).sort(typicalFirst);

/**
 * Measures each group against its centre. Its statements are ranked by how typical they are: on a
 * wall, by their mean similarity to the other members (shared words and meaning, `sim`); on a
 * large set, by their cosine to the group's TF-IDF centre.
 */
function measureGroups(statements: readonly Statement[], space: FeatureSpace, groups: readonly number[][], sim?: Similarity): MeasuredGroup[] {
  return groups.map((members) => {
    const sims = centreLikeness(space, members);
    const ranked = sim && members.length > 1 ? members.map((i) => ({ i, s: meanSimilarity(sim, [i], members) })).sort(typicalFirst) : [...sims].sort(typicalFirst);
    const cohesion = sims.length ? sims.reduce((t, x) => t + x.s, 0) / sims.length : 0;
    const perspectives: Partial<Record<Perspective, number>> = {};
    for (const i of members) {
      const p = statements[i]!.perspective;
      perspectives[p] = (perspectives[p] ?? 0) + 1;
    }
    return {
      ids: members.map((i) => statements[i]!.id),
      ordered: ranked.map((x) => statements[x.i]!.id),
      representative: ranked.slice(0, 3).map((x) => statements[x.i]!.id),
      sampleIds: ranked.slice(0, sampleSize).map((x) => statements[x.i]!.id),
      sample: ranked.slice(0, sampleSize).map((x) => statements[x.i]!.text),
      sampleStaff: ranked.slice(0, sampleSize).map((x) => statements[x.i]!.perspective === 'staff'),
      cohesion,
      keywords: topKeywords(space, members),
      perspectives,
    };
  });
}

/**
 * Names each group from its tagged samples (`tagged` holds every group's samples, group after
 * group). The representative statements are the most typical of those that say the name's idea,
 * then the most typical of the rest: what a facilitator would read out to explain the theme.
 */
function nameGroups(category: Category, measured: readonly MeasuredGroup[], tagged: readonly TaggedText[]): NamedGroup[] {
  let at = 0;
  const inputs = measured.map((m) => {
    const texts = tagged.slice(at, at + m.sample.length);
    at += m.sample.length;
    return { texts, staff: m.sampleStaff, ...(m.praise && { praise: m.praise }), ...(m.speed && { speed: true }) };
  });
  const names = draftNames(category, inputs);
  return measured.map((t, g) => {
    const saying = names[g]!.supporting.slice(0, 3).map((i) => t.sampleIds[i]!);
    const found = [...saying, ...t.sampleIds.filter((id) => !saying.includes(id))].slice(0, 3);
    const representative = found.length > 0 ? found : t.representative;
    return {
      draft: names[g]!.draft,
      label: t.keywords.slice(0, 3).join(', '),
      statements: typicalOrder(representative, t.ordered ?? t.ids),
      representative,
      size: t.ids.length,
      perspectives: t.perspectives,
      cohesion: round(t.cohesion),
      ...(names[g]!.praised && { praised: names[g]!.praised!.qualities }),
      ...(names[g]!.idea !== undefined && { idea: names[g]!.idea }),
    };
  });
}

/** A group's description, the qualities its name values, if any, and the thing its name is about (its strongest idea). */
type NamedGroup = GroupDescription & { praised?: string[]; idea?: string };

/**
 * The order statements are grouped in: by their words, and by id only where two say the same. The
 * grouping's first seeds are drawn in this order, and on a small wall the result depends on it
 * (on the four-topic test wall, 38 of 40 random orders put at least one statement in the wrong
 * theme). By id, the same file gave other themes in every new session: a statement that comes
 * with no id gets one keyed with the session's secret (core/ids.ts). By their words, the same
 * statements are grouped the same way in any session, whatever their ids.
 */
export function themingOrder(a: Statement, b: Statement): number {
  return a.text < b.text ? -1 : a.text > b.text ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The words that most set a theme apart: each feature scores coverage x log(lift), where coverage
 * is the share of the theme's statements that use it and lift is that share over its share in the
 * whole category. A word used by only one statement of a larger theme is not a label. A single
 * word already inside a chosen pair is skipped.
 */
function topKeywords(space: FeatureSpace, members: number[]): string[] {
  const n = space.vectors.length;
  const inTheme = new Map<number, number>();
  for (const i of members) {
    for (const f of space.vectors[i]!.indices) inTheme.set(f, (inTheme.get(f) ?? 0) + 1);
  }
  const minCount = members.length > 2 ? 2 : 1;
  const scored = [...inTheme.entries()]
    .filter(([, count]) => count >= minCount)
    .map(([f, count]) => {
      const coverage = count / members.length;
      const lift = coverage / (space.df[f]! / n);
      return { f, score: coverage * Math.log(lift) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.f - b.f);
  // Compare features by their stems, so "direct payments" is seen inside "direct payments forms".
  const chosen: string[][] = [];
  const labels: string[] = [];
  for (const { f } of scored) {
    const stems = space.features[f]!.split(' ');
    const overlaps = (a: string[], b: string[]) => a.every((x) => b.includes(x)) || b.every((x) => a.includes(x));
    if (chosen.some((c) => overlaps(c, stems))) continue;
    chosen.push(stems);
    labels.push(space.display[f]!);
    if (labels.length === 10) break;
  }
  return labels;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
