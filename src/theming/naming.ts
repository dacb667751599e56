import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { Category } from '../core/model.js';
import { stemOf, themeWords, wordTable } from './analyse.js';
import { wordLikeness, wordRank } from './embeddings.js';
import { namesPerson } from './persons.js';

/** A statement as the part-of-speech tagger read it: each word as written, its lemma and its tag. */
export interface TaggedText {
  words: string[];
  lemmas: string[];
  tags: string[];
  /** Whether a space comes before each word. */
  spaced: boolean[];
  /** How well or badly each word speaks of a thing on its own, by wink-nlp's sentiment lexicon (-1 to 1). */
  moods: number[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/**
 * wink-nlp's English model ships in its npm package: nothing is downloaded. It takes a fifth of a
 * second to load, so it is loaded on first use, not by every command.
 */
function tagger(): Nlp {
  if (!nlp) {
    const require = createRequire(import.meta.url);
    const load = require('wink-nlp') as typeof winkNLP;
    nlp = load(require('wink-eng-lite-web-model'), ['pos', 'sentiment']);
  }
  return nlp;
}

/** Tags the texts. With no texts, the tagger is not even loaded. */
export function tagTexts(texts: readonly string[]): TaggedText[] {
  if (texts.length === 0) return [];
  const n = tagger();
  const moods = new Map<string, number>();
  const moodOfWord = (word: string) => {
    const lower = word.toLowerCase();
    let mood = moods.get(lower);
    if (mood === undefined) moods.set(lower, (mood = n.readDoc(lower).out(n.its.sentiment) as unknown as number));
    return mood;
  };
  const read = (text: string) => {
    const tokens = n.readDoc(text).tokens();
    return {
      words: tokens.out(n.its.value) as string[],
      lemmas: tokens.out(n.its.lemma as Parameters<typeof tokens.out>[0]) as string[],
      tags: tokens.out(n.its.pos) as string[],
      spaced: (tokens.out(n.its.precedingSpaces) as string[]).map((s) => s.length > 0),
    };
  };
  const out = texts.map((text) => {
    const tagged = read(text);
    const { words, lemmas, tags } = tagged;
    // "dont", "shouldnt": people often leave out the apostrophe, and the tagger splits the word as
    // it splits "don't", into "do" and "nt". The denial is written as "n't", so that every reading
    // that looks for "n't" finds it ("these shouldnt need to wait" asks for no wait).
    for (let i = 1; i < words.length; i++) if (/^nt$/i.test(words[i]!) && lemmas[i] === 'not' && !tagged.spaced[i]) words[i] = "n't";
    // "judging by xxxxx dedication": a name taken out, as files are anonymised, is no word of the theme.
    for (let i = 0; i < words.length; i++) if (/^x{3,}$/i.test(words[i]!)) tags[i] = 'X';
    // "unable re covid restrictions": "re" before a word is "about", never a thing.
    for (let i = 0; i + 1 < words.length; i++) if (/^re$/i.test(words[i]!) && tags[i] === 'NOUN') tags[i] = 'ADP';
    // A capital that only starts a sentence makes the tagger read a word as a name: "Efficient.",
    // "Caring and supportive". Such a word is read again in lower case, and takes that reading
    // unless it is a name there too ("Jill was amazing" keeps Jill).
    const openers = words.flatMap((w, i) => (tags[i] === 'PROPN' && sentenceStart(tagged, i) && /^\p{Lu}\p{Ll}+$/u.test(w) ? [i] : []));
    if (openers.length > 0) {
      let lowered = text;
      let at = 0;
      const starts: number[] = [];
      words.forEach((w) => {
        const found = text.indexOf(w, at);
        starts.push(found);
        at = found < 0 ? at : found + w.length;
      });
      for (const i of openers) {
        const first = words[i]!.charAt(0);
        // (Only where lower case keeps the length, so every other word stays where it was.)
        if (starts[i]! >= 0 && first.toLowerCase().length === 1) lowered = lowered.slice(0, starts[i]!) + first.toLowerCase() + lowered.slice(starts[i]! + 1);
      }
      const lower = read(lowered);
      if (lower.words.length === words.length) {
        for (const i of openers) {
          if (['NOUN', 'PROPN'].includes(lower.tags[i]!)) continue;
          tags[i] = lower.tags[i]!;
          lemmas[i] = lower.lemmas[i]!;
        }
      }
    }
    // "very kind", "so caring": a word a degree adverb leads, with no noun after it, is a quality.
    for (let i = 1; i < words.length; i++) {
      if (tags[i] !== 'NOUN' || !degreeWords.has(words[i - 1]!.toLowerCase())) continue;
      if (i + 1 < words.length && ['NOUN', 'PROPN', 'ADJ'].includes(tags[i + 1]!)) continue;
      tags[i] = 'ADJ';
    }
    // "I'm alright", "it's ok": the tagger can take these for things; they only say how it was.
    for (let i = 0; i < words.length; i++) if (/^(?:alright|ok|okay)$/i.test(words[i]!)) tags[i] = 'ADJ';
    // "very prompt", "they were prompt": a verb's plain form can follow neither "very" nor "was",
    // so the tagger's verb there is a quality.
    for (let i = 1; i < words.length; i++) {
      if (tags[i] !== 'VERB' || words[i]!.toLowerCase() !== lemmas[i]!.toLowerCase()) continue;
      const before = words[i - 1]!.toLowerCase();
      // (Not "I was put at ease", where "put" is a verb whose parts are all alike.)
      const ends = i + 1 >= words.length || tags[i + 1] === 'PUNCT' || tags[i + 1] === 'CCONJ';
      if (plainDegreeWords.has(before) || (ends && tags[i - 1] === 'AUX' && lemmas[i - 1]!.toLowerCase() === 'be' && before !== 'be')) tags[i] = 'ADJ';
    }
    // "nobody rings to tell me", "she calls", "no one rings back", "the nurse who co-ordinates my
    // care": a word in -s right after someone who does it is a verb.
    const doer = (i: number) => doerPronouns.has(words[i]!.toLowerCase()) || (words[i]!.toLowerCase() === 'who' && i > 0) || (words[i]!.toLowerCase() === 'one' && i > 0 && ['no', 'every', 'some', 'any'].includes(words[i - 1]!.toLowerCase()));
    for (let i = 1; i < words.length; i++) {
      if (tags[i] === 'NOUN' && /[^s]s$/.test(words[i]!) && doer(i - 1)) {
        tags[i] = 'VERB';
        lemmas[i] = words[i]!.toLowerCase().slice(0, -1);
      }
    }
    // "the befriending service rings me", "her carer helps us": a word in -s after a thing and
    // before whom it is done to is what that thing does.
    for (let i = 1; i + 1 < words.length; i++) {
      if (tags[i] !== 'NOUN' || !/[^s]s$/.test(words[i]!) || !['NOUN', 'PROPN'].includes(tags[i - 1]!) || !doneToPronouns.has(words[i + 1]!.toLowerCase())) continue;
      const lemma = words[i]!.toLowerCase().slice(0, -1);
      if (read(`they ${lemma} it`).tags[1] !== 'VERB') continue;
      tags[i] = 'VERB';
      lemmas[i] = lemma;
    }
    // "The hospital rings on a Friday", "my daughter visits every week": a word in -s after the
    // thing that starts a sentence, in a sentence with no verb of its own, is what that thing does.
    for (let i = 2; i < words.length; i++) {
      if (tags[i] !== 'NOUN' || !/[^s]s$/.test(words[i]!) || /(?:ch|sh|x|z)es$/.test(words[i]!) || tags[i - 1] !== 'NOUN') continue;
      const opener = words[i - 2]!.toLowerCase();
      if (!(tags[i - 2] === 'DET' || possessives.has(opener)) || !sentenceStart(tagged, i - 2)) continue;
      if (!['ADP', 'DET', 'PRON', 'ADV', 'NUM'].includes(tags[i + 1] ?? '')) continue;
      let end = i + 1;
      while (end < words.length && tags[end] !== 'PUNCT' && tags[end] !== 'SCONJ' && tags[end] !== 'CCONJ') end++;
      const finite = (k: number) => tags[k] === 'AUX' || (tags[k] === 'VERB' && !/ing$/i.test(words[k]!) && tags[k - 1] !== 'PART');
      if (Array.from({ length: end - i - 1 }, (_, k) => i + 1 + k).some(finite)) continue;
      // (A word that is only ever a thing stays one: "the bus drivers on the route".)
      const lemma = words[i]!.toLowerCase().slice(0, -1);
      if (read(`they ${lemma} it`).tags[1] !== 'VERB') continue;
      tags[i] = 'VERB';
      lemmas[i] = lemma;
    }
    // "longer therapy", "a longer wait", "closer parking": a comparative the tagger read as an
    // adverb, right before a thing (or before a word it then read as a verb, after "a"), is a
    // quality of that thing, where its plain form is one ("long", "close"; never "never").
    for (let i = 0; i + 1 < words.length; i++) {
      const lower = words[i]!.toLowerCase();
      if (tags[i] !== 'ADV' || !/^\p{Ll}{3,}er$/u.test(lower) || lemmas[i]!.toLowerCase() !== lower) continue;
      const thing = tags[i + 1] === 'NOUN' || (tags[i + 1] === 'VERB' && (tags[i - 1] === 'DET' || (tags[i - 1] === 'ADV' && tags[i - 2] === 'DET')));
      if (!thing) continue;
      const plain = comparedFrom(lower, (word) => read(`a ${word} thing`).tags[1] === 'ADJ');
      if (plain === undefined) continue;
      tags[i] = 'ADJ';
      lemmas[i] = plain;
      if (tags[i + 1] === 'VERB') {
        tags[i + 1] = 'NOUN';
        lemmas[i + 1] = read(`the ${words[i + 1]!.toLowerCase()}`).lemmas[1]!;
      }
    }
    joinedQualities(words, lemmas, tags);
    return { ...tagged, moods: words.map(moodOfWord) };
  });
  // "very kindly and caring", "Caring and professional people": a word of feeling the other texts
  // read as a quality, standing alone here (nothing before it that a thing takes, no thing after
  // it), is that quality too.
  const qualities = new Set(out.flatMap((t) => t.words.filter((_, i) => t.tags[i] === 'ADJ').map((w) => w.toLowerCase())));
  for (const t of out) {
    t.words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if ((t.tags[i] !== 'NOUN' && t.tags[i] !== 'PROPN') || !qualities.has(lower) || t.moods[i] === 0) return;
      const before = i > 0 ? t.tags[i - 1]! : '';
      if (['DET', 'NUM', 'ADJ', 'NOUN', 'PROPN'].includes(before) || (i > 0 && possessives.has(t.words[i - 1]!.toLowerCase()))) return;
      if (i + 1 < t.words.length && (['NOUN', 'PROPN'].includes(t.tags[i + 1]!) || t.words[i + 1]!.toLowerCase() === 'of')) return;
      t.tags[i] = 'ADJ';
      t.lemmas[i] = lower;
    });
    // "Prompt service.": a verb's plain form that starts a statement of a thing and nothing more,
    // where the wall reads the word as a quality, is that quality.
    if (t.tags[0] === 'VERB' && t.words[0]!.toLowerCase() === t.lemmas[0]!.toLowerCase() && qualities.has(t.words[0]!.toLowerCase()) && t.tags[1] === 'NOUN' && (t.words.length === 2 || t.tags[2] === 'PUNCT')) t.tags[0] = 'ADJ';
    // ("kind and caring", where "kind" was a quality only on the wall's word: "caring" is one too.)
    joinedQualities(t.words, t.lemmas, t.tags);
  }
  return out;
}

/**
 * "caring and supportive", "kind, caring": a bare word joined to a quality is a quality too; so is
 * a verb's plain form that ends the list ("very pleasant and prompt").
 */
function joinedQualities(words: readonly string[], lemmas: readonly string[], tags: string[]): void {
  for (let i = 0; i < words.length; i++) {
    const plainVerb = tags[i] === 'VERB' && words[i]!.toLowerCase() === lemmas[i]!.toLowerCase() && (i + 1 === words.length || tags[i + 1] === 'PUNCT');
    if (tags[i] !== 'NOUN' && tags[i] !== 'PROPN' && !plainVerb) continue;
    if (i > 0 && ['DET', 'NUM', 'ADJ', 'NOUN', 'PROPN'].includes(tags[i - 1]!)) continue;
    if (i > 0 && possessives.has(words[i - 1]!.toLowerCase())) continue;
    if (i + 1 < words.length && ['NOUN', 'PROPN'].includes(tags[i + 1]!)) continue;
    // (A quality that leads a noun, "friendly nurses", says nothing of this word.)
    const joinedTo = (k: number) => k >= 0 && k < words.length && tags[k] === 'ADJ' && !/\d/.test(words[k]!) && !['NOUN', 'PROPN'].includes(tags[k + 1] ?? '');
    const joins = (k: number) => k >= 0 && k < words.length && (tags[k] === 'CCONJ' || words[k] === ',');
    if ((joins(i + 1) && joinedTo(i + 2)) || (joins(i - 1) && joinedTo(i - 2))) tags[i] = 'ADJ';
  }
}

/**
 * The plain form a comparative is made from ("longer" long, "closer" close, "earlier" early,
 * "bigger" big), where `isQuality` takes it; undefined where none is ("never", "rather").
 */
function comparedFrom(word: string, isQuality: (word: string) => boolean): string | undefined {
  const stem = word.slice(0, -2);
  const forms = [stem, `${stem}e`, stem.endsWith('i') ? `${stem.slice(0, -1)}y` : undefined, /(\p{Ll})\1$/u.test(stem) ? stem.slice(0, -1) : undefined];
  return forms.find((f): f is string => f !== undefined && isQuality(f));
}

/** Who does a thing, said alone: what follows in -s is what they do ("nobody rings"). */
const doerPronouns = new Set(['nobody', 'somebody', 'someone', 'everyone', 'everybody', 'anyone', 'anybody', 'he', 'she', 'it']);

/** Degree words that never lead a verb's plain form ("so" and "really" do: "I really need"). */
const plainDegreeWords = new Set(['very', 'extremely', 'incredibly']);

/** Whom something is done to, right after the doing: "rings me", "helps us", never a thing's. */
const doneToPronouns = new Set(['me', 'us', 'him', 'them']);

/** Words that say how much of a quality: what follows them is a quality, not a thing. */
const degreeWords = new Set(['very', 'so', 'really', 'extremely', 'too', 'quite', 'incredibly']);

/** Whether the word at i starts a sentence: the text's first word, or one after a full stop, "!" or "?". */
function sentenceStart(text: { words: string[] }, i: number): boolean {
  if (i === 0) return true;
  return /^[.!?]+$/.test(text.words[i - 1]!);
}

/** A theme's statements for naming: tagged, most typical first. */
export interface NamingInput {
  texts: TaggedText[];
  /** Which texts staff wrote: what staff do ("I can't get to reviews on time") is no name for the people they support. */
  staff?: boolean[];
  /**
   * Themes that each valued a quality of one thing, joined: the qualities, largest theme's first,
   * and the thing as its names said it. The theme is named for them all ("I value helpful and
   * caring staff").
   */
  praise?: Praise;
  /**
   * Themes joined because each valued speed, where it is working: the theme is named for speed where
   * one of its phrases says it ("I value them being prompt", not "I value having my call dealt with").
   */
  speed?: boolean;
}

export interface Praise {
  qualities: string[];
  thing: string;
  /** Qualities said of how the person felt ("made me feel comfortable"), or superlatives: named only where nothing else is. */
  felt?: string[];
}

/** A theme's draft name, and which of its texts (indices into `NamingInput.texts`) say it. */
export interface DraftName {
  draft: string;
  supporting: number[];
  /** The key (word stem) of the thing the theme's strongest idea is about, whether or not its name had to give way to another theme's. */
  idea: string | undefined;
  /** The name the theme would have had if no larger theme had taken it first. */
  wanted: string;
  /**
   * For a name that values a quality of a thing ("I value helpful staff"), the thing's key and
   * the qualities (one, or a join's several).
   */
  praised?: { thing: string; qualities: string[] };
}

/**
 * Draft names for one category's themes: each a first-person sentence that says the theme's
 * shared idea in its people's own words, the way the method asks ("I want to know who is coming",
 * "I value my PA"). No two are the same.
 *
 * A theme's key phrase is found among the phrases its statements use: noun phrases ("the same
 * carers", "direct payments") and what the person does ("wait for the carers", "choose my own
 * PA"). A phrase scores by how many of the theme's statements use its words and how much more
 * than the rest of the category they do; a word only one statement uses counts against it. The
 * phrase is then set in a frame that fits the category and the phrase: "I value …" or "I can …"
 * for what is working, "I want to …" or "I don't want to …" for what is not, "I want …" for the
 * future. Words about the person become first person ("his PA" becomes "my PA").
 */
export function draftNames(category: Category, themes: readonly NamingInput[]): DraftName[] {
  const counts = themes.map((t) => keyCounts(t.texts));
  const wall = themes.flatMap((t) => t.texts);
  const total = themes.reduce((n, t) => n + t.texts.length, 0);
  const df = new Map<string, number>();
  for (const c of counts) for (const [key, n] of c) df.set(key, (df.get(key) ?? 0) + n);
  const ranked = themes.map((theme, t) => {
    const size = theme.texts.length;
    const weight = (key: string) => {
      const count = counts[t]!.get(key) ?? 0;
      if (count < Math.min(2, size)) return 0;
      const coverage = count / size;
      return coverage * Math.log(1 + coverage / (df.get(key)! / total));
    };
    // A name says what the theme is about: its idea must hold one of the theme's strongest words.
    const central = new Set([...counts[t]!.keys()].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1)).slice(0, centralWords));
    return rankPhrases(category, theme.texts, weight, central, theme.staff ?? [], wall);
  });
  // Larger themes choose first; a theme whose best name is taken uses its next best.
  const order = themes.map((_, t) => t).sort((a, b) => themes[b]!.texts.length - themes[a]!.texts.length || a - b);
  const used = new Set<string>();
  const names: DraftName[] = new Array<DraftName>(themes.length);
  for (const t of order) {
    const praise = themes[t]!.praise;
    // Joined praise is said by the qualities that say what ("friendly and kind care", not "good, friendly and kind care").
    const saying = praise && (praise.qualities.some((q) => !emptyPraise.has(q)) ? praise.qualities.filter((q) => !emptyPraise.has(q)) : praise.qualities);
    // (A thing English counts, said only in the singular, takes "a": "I value a professional and helpful service".)
    const joined = praise && { draft: `I value ${praisedThing(listed(saying!.slice(0, 3)), praise.thing, themes[t]!.texts)}`, supporting: supportingAll(themes[t]!.texts, praise.qualities), score: Infinity };
    // How long or when, where it is said by nearly as many statements as the best phrase is: it
    // says more than a phrase of the same words ("I don't want to wait hours for an ambulance"
    // for "I don't want to wait over an hour").
    const timing =
      [timingName(category, themes[t]!.texts), ...(category === 'working' ? [treatedName(themes[t]!.texts), noTroubleName(themes[t]!.texts), noWaitName(themes[t]!.texts)] : [])].find((c) => c !== undefined && (c.supporting.length >= 0.9 * (ranked[t]![0]?.supporting.length ?? 0) || onlyGood(ranked[t]![0])) && !(c.broad && asksForSpeed(ranked[t]![0]?.draft ?? ''))) ??
      (category === 'working' ? undefined : moreOfKind(moreName(themes[t]!.texts), ranked[t]!, themes[t]!.texts)) ??
      (category === 'working' ? undefined : [longerName(themes[t]!.texts)].find((c) => c !== undefined && c.supporting.length >= 0.5 * (ranked[t]![0]?.supporting.length ?? 0))) ??
      [category === 'working' || asksForSpeed(ranked[t]![0]?.draft ?? '') ? undefined : quickerName(themes[t]!.texts)].find((c) => c !== undefined && c.supporting.length >= (ranked[t]![0]?.supporting.length ?? 0));
    // (Joined for speed, a theme of which a third say it came quickly is named so: "I value them
    // arriving quickly", where others said "the response time was excellent".)
    // (So is a theme more than half of which praise speed, joined or not: "Swift.", "Very quick responce".)
    const speedy = themes[t]!.speed || (category === 'working' && praisingSpeed(themes[t]!.texts));
    const arriving = speedy && category === 'working' ? quickArrivalName(themes[t]!.texts, 1 / 3) : undefined;
    const fast = speedy ? [...(arriving ? [arriving] : []), ...(timing ? [timing] : []), ...ranked[t]!].filter((c) => valuesSpeed(c.draft)) : [];
    // (Where no phrase says it, the speed they praise most: "Prompt service.", "was prompt at dealing with".)
    const quality = speedy && category === 'working' && fast.length === 0 ? speedPraised(themes[t]!.texts) : undefined;
    if (quality) fast.push(quality);
    const knowing = category === 'working' ? familyName(themes[t]!.texts) : (knowsMeName(themes[t]!.texts) ?? someoneToName(themes[t]!.texts) ?? (category === 'future' ? peopleWhoName(themes[t]!.texts) : askedName(themes[t]!.texts)));
    const shared = category === 'working' ? undefined : sharedDoing(ranked[t]!, themes[t]!.texts);
    const candidates = [...(joined ? [joined] : []), ...fast, ...(timing ? [timing] : []), ...(knowing ? [knowing] : []), ...(shared ? [shared] : []), ...sharedBeforeDetail(saidWithQuality(category, ranked[t]!, wall), themes[t]!.texts)];
    const found = candidates.find((c) => !used.has(nameKey(c.draft))) ?? typicalName(category, themes[t]!, counts[t]!, df, total, used, wall) ?? fallbackName(category, themes[t]!, used, wall);
    // "the OT's": a plural of letters, written with an apostrophe, is plain in a name ("the OTs").
    const counted = aPlace(agreeing(counting(singularIfUncounted(spelledRight(inLowerCase(found.draft, wall), wall)), themes[t]!.texts)).replace(/\b(\p{Lu}{2,})['\u2019]s$/u, '$1s'));
    const choice = { ...found, draft: (category === 'working' && (whoName(counted, themes[t]!.texts) ?? helpWithName(counted, themes[t]!.texts))) || counted };
    used.add(nameKey(choice.draft));
    const one = !praise && category === 'working' ? praisedQuality(choice.draft, themes[t]!.texts) : undefined;
    const thing = praise ? keysOf(praise.thing)[0] : one?.thing;
    const praised = thing === undefined ? undefined : { thing, qualities: praise ? praise.qualities : [one!.quality] };
    // The strongest idea is the theme's only where two or more of its statements say it: "quicker
    // call back", said once in a theme of arriving sooner, does not make it one with "I want the
    // call answered".
    const strongest = ranked[t]![0];
    const idea = strongest && strongest.supporting.length >= 2 ? strongest.head : undefined;
    names[t] = { draft: choice.draft, supporting: choice.supporting, idea, wanted: candidates[0]?.draft ?? choice.draft, ...(praised !== undefined && { praised }) };
  }
  return names;
}

/**
 * A place said without "a" ("to hospital", "at college") takes one with a quality: "I want a good
 * hospital", never "I want good hospital".
 */
function aPlace(draft: string): string {
  const m = /^(I (?:want|value)) (good|better) (\p{L}+)$/u.exec(draft);
  return m && bareInstitutions.has(m[3]!) && m[3] !== 'work' && m[3] !== 'home' ? `${m[1]} a ${m[2]} ${m[3]}` : draft;
}

/**
 * Where it is working, a thing valued with nothing said of it ("I value information") says less
 * than the same thing valued for a quality a statement gives it ("I value clear information"):
 * that comes first, where it scores at least half as well. Praise that says only how much ("I
 * value good information") does not, nor a word that does not speak well ("a big family") or that
 * the wall mostly uses otherwise ("telephone").
 */
function saidWithQuality(category: Category, ranked: readonly Candidate[], wall: readonly TaggedText[]): Candidate[] {
  const best = ranked[0];
  const thing = best && category === 'working' ? /^I value (?:the |my |an? )?(\p{L}+)$/u.exec(best.draft)?.[1] : undefined;
  if (thing === undefined) return [...ranked];
  const qualified = ranked.find((c) => {
    const quality = new RegExp(`^I value (?:an? )?(\\p{L}+) ${thing}$`, 'u').exec(c.draft)?.[1];
    return quality !== undefined && !emptyPraise.has(quality) && !speedWords.has(quality) && mostlyQuality(quality, wall) && wall.some((t) => t.words.some((w, q) => w.toLowerCase() === quality && speaksWell(t, q))) && c.score >= best!.score / 2;
  });
  return qualified ? [qualified, ...ranked.filter((c) => c !== qualified)] : [...ranked];
}

/**
 * "I want good monthly appointments", from one statement, says that statement's detail where "I
 * want good appointments" says what half the theme's statements share: a thing wanted only good,
 * with words before it that only one statement says, comes after the same thing wanted good
 * alone where at least half the theme (and two) say it.
 */
function sharedBeforeDetail(ranked: readonly Candidate[], texts: readonly TaggedText[]): Candidate[] {
  const good = (c: Candidate) => /^I want (?:an? )?good ((?:\p{L}+ )*)(\p{L}+)$/u.exec(c.draft);
  const shared = ranked.find((c) => good(c)?.[1] === '' && c.supporting.length >= Math.max(2, texts.length / 2));
  if (!shared) return [...ranked];
  const thing = good(shared)![2]!;
  // (A word two statements say is the theme's, though one phrase has it: "online" in "online
  // assessments" and "everything's online now".)
  const saying = (word: string) => texts.filter((t) => t.words.some((w) => w.toLowerCase() === word)).length;
  const detail = (c: Candidate) => {
    const m = good(c);
    return c.supporting.length === 1 && m !== null && m[1] !== '' && m[2] === thing && m[1]!.trim().split(' ').every((w) => saying(w.toLowerCase()) <= 1);
  };
  return [...ranked.filter((c) => !detail(c)), ...ranked.filter(detail)];
}

/** Words that start where or how a doing is done: "work in a café", "work with computers". */
const adjuncts = new Set(['with', 'in', 'at', 'on', 'for', 'from', 'near', 'outside', 'inside', 'around']);

/**
 * "I want to work with computers", one statement's detail, names a theme where most statements
 * want to work, each somewhere else ("work in a café", "part-time work", "a job where I can work
 * with computers"): where the best name is one statement's doing, and its verb is said by at least
 * half the theme (and three) while its other words are that statement's alone, the theme is named
 * for the verb alone, where a statement says the verb with nothing done to ("work in a nursery")
 * and another says the doing as a thing ("part-time work"): "I want to work".
 */
function sharedDoing(ranked: readonly Candidate[], texts: readonly TaggedText[]): Candidate | undefined {
  const best = ranked[0];
  const m = best && best.supporting.length === 1 ? /^I want to (\p{Ll}+) (.+)$/u.exec(best.draft) : null;
  if (!m) return undefined;
  const verb = m[1]!;
  // (Only where the rest says where or how, "with computers", "in a café": a thing done to,
  // "book transport", is what the doing is.)
  if (!adjuncts.has(m[2]!.split(' ')[0]!)) return undefined;
  const key = keysOf(verb)[0];
  if (key === undefined) return undefined;
  const saying = texts.flatMap((t, i) => (textKeys(t).has(key) ? [i] : []));
  if (saying.length < Math.max(3, texts.length / 2)) return undefined;
  // (Its other words are that statement's detail: said by no other statement.)
  const detail = keysOf(m[2]!).filter((k) => k !== key);
  if (detail.some((k) => texts.filter((t) => textKeys(t).has(k)).length > 1)) return undefined;
  // (Said with nothing done to: a preposition, the end of the clause, or "and" after it.)
  const alone = texts.some((t) => t.words.some((w, k) => t.tags[k] === 'VERB' && t.lemmas[k]!.toLowerCase() === verb && (k + 1 >= t.words.length || ['ADP', 'PUNCT', 'CCONJ'].includes(t.tags[k + 1]!))));
  // (And the doing is a thing in itself, said as one by a statement: "part-time work", "a good
  // night's sleep". "I want to live" or "I want to book" says too little.)
  const thing = texts.some((t) => t.words.some((w, k) => t.tags[k] === 'NOUN' && keysOf(w)[0] === key));
  return alone && thing ? { draft: `I want to ${verb}`, supporting: saying, score: best!.score } : undefined;
}

/**
 * Whether a phrase says of its thing only that it should be good ("I want good ambulances"): a
 * theme whose statements mostly say how long it took is better named for that, however many of
 * them name the thing.
 */
function onlyGood(best: Candidate | undefined): boolean {
  return best !== undefined && /^I want (?:an? )?good \p{L}+$/u.test(best.draft);
}

/**
 * Whether a draft name asks for speed: not to wait ("I don't want to wait hours for an
 * ambulance", "I don't want to be kept waiting"), for help to come sooner ("I want them to get
 * there quicker"), or for a quicker thing ("I want quicker response times"). How long the phone
 * took to answer ("I don't want it to take so long to get through") is another complaint.
 */
export function asksForSpeed(draft: string): boolean {
  return speedNames.some((pattern) => pattern.test(draft));
}

/**
 * Whether a draft name values speed, where it is working: "I value them being quick", "I value a
 * prompt service", "I value prompt arrival of paramedics", "I value an efficient service", "I
 * value the ambulance arriving quickly", "I value an excellent response time", "I value not
 * having to wait long". Praise of several qualities ("I value a helpful, prompt and professional
 * service") is praise of people.
 */
export function valuesSpeed(draft: string): boolean {
  return speedPraise.some((pattern) => pattern.test(draft));
}

const speedPraise = [
  /^I value (?:them|the \p{L}+) being (?:quick|prompt|fast|speedy|swift|efficient)$/u,
  // ("I value prompt arrival of paramedics": the arrival of whoever came.)
  /^I value (?:an? )?(?:quick|quicker|prompt|fast|speedy|swift|rapid|efficient) \p{L}+(?: of (?:the )?\p{L}+)?$/u,
  /^I value (?:them|the \p{L}+) arriving (?:quickly|promptly|fast|swiftly)$/u,
  // ("I value an excellent response time": praise of how long it took is praise of speed.)
  /^I value (?:an? |the )?(?:\p{L}+ )?response times?$/u,
  /^I value not having to wait long$/u,
  // ("I value them being on time", "I value being picked up on time": being on time is speed.)
  /^I value (?:them |the \p{L}+ )?(?:being|arriving|coming|turning up) (?:\p{L}+ (?:up )?)?on time$/u,
];

const speedNames = [
  /^I don't want to (?:wait|be kept waiting)\b/,
  /^I want (?:\S+ ){1,3}to (?:arrive|come|get there|get here|get to me|turn up) (?:sooner|quicker|earlier|faster)$/,
  /^I want (?:an? )?(?:quicker|faster|shorter|prompter)\b/,
  /^I want them to be (?:quicker|faster|speedier|prompter)$/,
  // ("Arrived a little quicker": what arrives, wanted there quickly, is wanted sooner.)
  /^I want (?:the |my |an? )?(?:\p{L}+ ){0,2}arrived (?:quickly|sooner|promptly)$/u,
  // ("I want them to be on time": lateness is waiting.)
  /^I want (?:them |the \p{L}+ )?to (?:be|arrive|come|turn up)(?: \p{L}+(?: up)?)? on time$/u,
  /^I don't want them to be late$/,
];

/**
 * Whether two names, where it is not working, carry one complaint about what others do to a thing:
 * both ask for a thing done the same way ("I want the phone answered", "I want the call answered
 * quickly"), or one asks for a thing done and the other names that thing ("I want more call
 * handlers", "I want a good phone call") or says it took too long to get through.
 */
export function sameThingDone(a: string, b: string): boolean {
  // (A participle in -ed, not "a good bed" or "more speed".)
  const [x, y] = [a, b].map((draft) => /^I want (?:the |my |an? )?((?:\p{L}+ ){0,2}\p{L}+) (\p{L}{2,}[^e]ed)(?: quickly| sooner| promptly)?$/u.exec(draft));
  // (What a thing is said to be, "good", is no thing.)
  // (A call and the phone it comes on are one thing here: "I want more telephone operators" asks
  // for the call answered.)
  const thingKeys = (words: string) => keysOf(words.split(' ').filter((w) => !emptyPraise.has(w.toLowerCase())).join(' ')).map((k) => (k === 'call' ? 'phone' : k));
  if (x && y) return x[2] === y[2] || thingKeys(x[1]!).some((k) => thingKeys(y[1]!).includes(k));
  // (Getting through is reaching someone on the phone: "I want to get through to the service" asks
  // for the call answered, and so does "I want more call handlers".)
  const through = (draft: string) => /\bget through\b/.test(draft);
  if (through(a) !== through(b) && (x ?? y ?? thingKeys((through(a) ? b : a).replace(/^I (?:don't )?want (?:to )?/, '')).includes('phone'))) return true;
  const done = x ?? y;
  const other = x ? b : a;
  if (!done) return false;
  // ("I want more people answering the phones": the same deed, asked of more people.)
  const deed = stemOf(done[2]!.toLowerCase());
  if (other.toLowerCase().split(' ').some((w) => /ing$/.test(w) && stemOf(w) === deed)) return true;
  const said = thingKeys(other.replace(/^I (?:don't )?want (?:to )?/, ''));
  return thingKeys(done[1]!).some((k) => said.includes(k));
}

/**
 * The thing a name values with nothing said of it, as a key: "staff" in "I value the staff" and "I
 * value staff", and in "I value my health care team" (a team or the people who gave the care are
 * the staff). Undefined for any other name.
 */
export function valuedAlone(draft: string): string | undefined {
  const thing = /^I value (?:the |my |an? )?(\p{L}+)$/u.exec(draft)?.[1];
  // ("my health care team", "the ambulance team": a team, of whatever kind, is the staff.)
  const team = /^I value (?:the |my |our )?(?:\p{L}+ ){1,2}(\p{L}+)$/u.exec(draft)?.[1];
  if (team !== undefined && praisedPeople.has(team.toLowerCase())) return keysOf('staff')[0];
  return thing === undefined ? undefined : praisedPeople.has(thing.toLowerCase()) ? keysOf('staff')[0] : keysOf(thing)[0];
}

/**
 * What a name that asks for speed says is waited for: "ambulance" in "I don't want to wait hours
 * for an ambulance", "transport" in "I want the transport to arrive sooner" and "I want quicker
 * transport". Undefined where it names only the wait ("I want quicker response times", "I don't
 * want to wait over an hour", "I want them to get there quicker").
 */
export function waitedFor(draft: string): string | undefined {
  const thing =
    /^I don't want to (?:wait|be kept waiting)\b.* for (?:an? |the |my |their )?(\p{L}+)$/u.exec(draft)?.[1] ??
    /^I want (?:an? |the |my )?(\p{L}+) to (?:arrive|come|get there|get here|get to me|turn up) \p{L}+$/u.exec(draft)?.[1] ??
    /^I want (?:an? )?(?:quicker|faster|shorter|prompter) ([\p{L} ]+)$/u.exec(draft)?.[1];
  return thing
    ?.toLowerCase()
    .split(' ')
    .map((word) => word.replace(/s$/, ''))
    .find((word) => !waitWords.has(word));
}

/**
 * Whether a statement says the doing a name asks of others, or says took too long: "Answer the
 * phone quicker" and "waited for my call to be answered" say "I want the phone answered quickly";
 * "Took an hour to get through" says "I don't want it to take so long to get through". False for a
 * name of no such doing.
 */
export function saysDoingOf(draft: string, text: string): boolean {
  // (A thing, then what is done to it, a participle in -ed as `sameThingDone` reads one: "I want a
  // bed" and "I want more speed" name things, whose "ed" is no deed's.)
  const done = /^I want (?:(?:the|my|an?) )?(?!(?:the|my|an?) )(?:\p{L}+ ){1,2}(\p{L}{2,}[^e]ed)(?: quickly| sooner| promptly)?$/u.exec(draft)?.[1];
  const took = /^I don't want it to take so long to (\p{L}+)(?: (\p{L}+))?$/u.exec(draft);
  // ("I want more people answering the phones": the deed, or the thing it is done to, "they rarely
  // pick the phone up".)
  const more = /^I want more (?:\p{L}+ )?(\p{L}+)ing (?:the )?(\p{L}+)$/u.exec(draft);
  if (more) return saysDoingOf(`I want the ${more[2]} ${more[1]}ed`, text) || saysWord(text, more[2]!.replace(/s$/, ''));
  if (done === undefined && took === null) return false;
  const root = done?.replace(/e?d$/, '');
  const forms = took ? verbForms(took[1]!) : undefined;
  const words = text.toLowerCase().split(/[^\p{L}']+/u);
  const isVerb = (w: string) => (root !== undefined ? w.startsWith(root) && w.length <= root.length + 4 : forms!.has(w));
  return words.some((w, i) => isVerb(w) && (!took?.[2] || words.slice(i + 1, i + 3).includes(took[2])));
}

/** Whether a text says a word, or its plural. */
export function saysWord(text: string, word: string): boolean {
  return text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .some((w) => w === word || w === `${word}s` || w === `${word}es`);
}

/** A verb's forms: "get", "gets", "getting", "got". */
function verbForms(verb: string): Set<string> {
  const stem = verb.replace(/e$/, '');
  const doubled = /[^aeiou][aeiou][bdgmnprt]$/.test(verb) ? verb + verb.at(-1) : verb;
  return new Set([verb, `${verb}s`, `${stem}ed`, `${stem}ing`, `${doubled}ing`, `${doubled}ed`, irregularParticiples[verb] ?? `${stem}ed`]);
}

/** Words that name the wait, or who is waited for only as "them", not a thing waited for. */
/** Words for a group of people, which British English says in the plural: "the staff are kind". */
const groupWords = new Set(['staff', 'crew', 'team']);

const waitWords = new Set(['response', 'time', 'arrival', 'wait', 'waiting', 'service', 'them', 'it', 'help', 'hour', 'minute']);

/**
 * "I value my mental health" reads as the person valuing their own health, not what the service
 * did for it: where the theme's statements speak of help or support, it is "I value help with my
 * mental health" (the word they use more). Undefined for any other name, or where they say neither.
 */
function helpWithName(draft: string, texts: readonly TaggedText[]): string | undefined {
  const own = /^I value my ((?:\p{L}+ )?health)$/u.exec(draft)?.[1];
  if (own === undefined) return undefined;
  const saying = (word: RegExp) => texts.filter((t) => t.words.some((w) => word.test(w))).length;
  const [help, support] = [saying(/^help(?:s|ed|ing|ful)?$/i), saying(/^support(?:s|ed|ing|ive)?$/i)];
  if (help === 0 && support === 0) return undefined;
  return `I value ${support > help ? 'support' : 'help'} with my ${own}`;
}

/**
 * A person valued, with how they attend to the person, where the theme's statements share it: "I
 * value my PA, who knows me", where two statements say someone knows them ("she knows my routine",
 * "his PA has known him since school") and in one of them it is the PA who does. Only verbs of
 * knowing and heeding a person (`attending`), which say what is good about someone without a
 * quality word, and only for a thing valued alone ("I value my PA", not "I value helpful staff").
 */
function whoName(draft: string, texts: readonly TaggedText[]): string | undefined {
  const m = /^I value (?:(?:the|my) )?(?:\p{L}+ )?(\p{L}+)$/u.exec(draft);
  if (!m || /^I value (being|having|feeling) /.test(draft) || praisedQuality(draft, texts)) return undefined;
  const thing = keysOf(m[1]!)[0];
  if (thing === undefined) return undefined;
  const statements = new Map<string, number>();
  const byThing = new Set<string>();
  for (const t of texts) {
    const said = new Set<string>();
    t.tags.forEach((tag, i) => {
      const lemma = t.lemmas[i]!.toLowerCase();
      // "I understand the system is busy" is the person's own knowing; "didn't listen" is no praise.
      if (tag !== 'VERB' || attending[lemma] === undefined || personDoes(t, i) || negated(t, i)) return;
      said.add(lemma);
      if (doneBy(t, i, thing)) byThing.add(lemma);
    });
    for (const lemma of said) statements.set(lemma, (statements.get(lemma) ?? 0) + 1);
  }
  const order = Object.keys(attending);
  const best = [...statements]
    .filter(([lemma, n]) => n >= 2 && byThing.has(lemma))
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))[0];
  if (!best) return undefined;
  const [one, many] = attending[best[0]]!;
  // ("the staff, who understand me": a word for a group of people takes the plural, as British English says it.)
  const plural = groupWords.has(m[1]!.toLowerCase()) || texts.some((t) => t.words.some((w, i) => w.toLowerCase() === m[1]!.toLowerCase() && (t.tags[i] === 'NOUN' || t.tags[i] === 'PROPN') && !singular(t, i)));
  return `${draft}, who ${plural ? many : one}`;
}

/**
 * Whether the verb at i is done by the thing (its key): the thing is said shortly before it in the
 * same clause ("his PA has known him"), or "she" or "he" is, after the thing ("My PA has been with
 * me four years. She knows my routine").
 */
function doneBy(text: TaggedText, i: number, thing: string): boolean {
  const isThing = (j: number) => (text.tags[j] === 'NOUN' || text.tags[j] === 'PROPN') && keysOf(text.words[j]!)[0] === thing;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (text.tags[j] === 'PUNCT' || text.tags[j] === 'VERB' || text.tags[j] === 'SCONJ') break;
    if (isThing(j)) return true;
    // ("the hospital staff knew": the nearest thing before the verb is who did it.)
    if (text.tags[j] === 'NOUN' || text.tags[j] === 'PROPN') return false;
    const w = text.words[j]!.toLowerCase();
    if (w === 'she' || w === 'he') return text.words.some((_, k) => k < j && isThing(k));
  }
  return false;
}

/**
 * Where it is working, a theme most of whose statements speak of one of the person's own family
 * ("My mum helps me", "I moved out of my mums", "My mum and dad") values them: "I value my mum". A
 * family member is otherwise never a thing valued ("I value good grandchildren"), nor part of one
 * ("I value my mums number"); family named by a few statements each, in a theme about something
 * else ("I do video calls with my nan"), are not its idea.
 */
function familyName(texts: readonly TaggedText[]): Candidate | undefined {
  const by = new Map<string, Set<number>>();
  texts.forEach((t, at) => {
    // (By the word as written: the tagger's lemma of "mum" is "mom".)
    t.words.forEach((w, k) => {
      const who = w.toLowerCase().replace(/(?:['\u2019]s|s)$/, '');
      if (t.tags[k] !== 'NOUN' || !ownFamily.has(who) || !possessives.has(t.words[k - 1]?.toLowerCase() ?? '')) return;
      // ("They kept my husband relaxed", "lovely with my mum": the family cared for, not valued.)
      const before = t.words[k - 2]?.toLowerCase() ?? '';
      if (t.tags[k + 1] !== 'NOUN' && (t.tags[k - 2] === 'VERB' || caredForBy.has(before))) return;
      by.set(who, (by.get(who) ?? new Set()).add(at));
    });
  });
  const [who, saying] = [...by].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0] ?? ['', new Set<number>()];
  if (saying.size < Math.max(3, texts.length / 2)) return undefined;
  return { draft: `I value my ${who}`, supporting: [...saying].sort((a, b) => a - b), score: Infinity };
}

/** Words before "my mum" that say she was the one cared for: "kind to my mum", "lovely with my mum". */
const caredForBy = new Set(['to', 'with', 'for', 'after', 'towards']);

/** The person's own family, whom a theme of what is working can value. */
const ownFamily = new Set(['husband', 'wife', 'partner', 'son', 'daughter', 'mum', 'mam', 'mom', 'mother', 'dad', 'father', 'parent', 'brother', 'sister', 'nan', 'grandma', 'grandad', 'family']);

/**
 * Where it is wanted, someone who knows the person: "one named person who knows Dad", "a doctor
 * that knows you", "staff who know him" give "I want someone who knows me", where two of the
 * theme's statements, and a quarter, ask for one who knows, understands or listens to them. The
 * one asked for is named where every such statement names it alike ("I want a doctor who knows
 * me", "I want staff who know me").
 */
function knowsMeName(texts: readonly TaggedText[]): Candidate | undefined {
  const asked: { at: number; verb: string; who: string | undefined; many: boolean }[] = [];
  texts.forEach((t, at) => {
    for (let k = 1; k + 2 < t.words.length; k++) {
      const lemma = t.lemmas[k + 1]!.toLowerCase();
      if (!['who', 'that'].includes(t.words[k]!.toLowerCase()) || t.tags[k + 1] !== 'VERB' || attending[lemma] === undefined) continue;
      const whom = t.words[k + 2 + (lemma === 'listen' && t.words[k + 2]?.toLowerCase() === 'to' ? 1 : 0)]?.toLowerCase() ?? '';
      if (!personWords.has(whom) && !possessives.has(whom) && !family.has(whom)) continue;
      // Who is asked for: the thing just before "who" ("one named person", "staff").
      const before = t.tags[k - 1] === 'NOUN' || t.tags[k - 1] === 'PROPN' ? k - 1 : undefined;
      asked.push({ at, verb: lemma, who: before === undefined ? undefined : t.lemmas[before]!.toLowerCase(), many: before !== undefined && (!singular(t, before) || groupWords.has(t.words[before]!.toLowerCase())) });
      return;
    }
  });
  const supporting = [...new Set(asked.map((a) => a.at))];
  if (supporting.length < Math.max(2, texts.length / 4)) return undefined;
  const verbs = new Map<string, number>();
  for (const a of asked) verbs.set(a.verb, (verbs.get(a.verb) ?? 0) + 1);
  const verb = [...verbs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const alike = asked.every((a) => a.who !== undefined && a.who === asked[0]!.who && a.many === asked[0]!.many) && !personWords.has(asked[0]!.who!) && asked[0]!.who !== 'person';
  const [one, many] = attending[verb]!;
  const who = alike ? (asked[0]!.many ? asked[0]!.who! : `${/^[aeiou]/.test(asked[0]!.who!) ? 'an' : 'a'} ${asked[0]!.who}`) : 'someone';
  return { draft: `I want ${who} who ${alike && asked[0]!.many ? many : one}`, supporting, score: Infinity };
}

/**
 * Where it is not working, a theme in which the person asked and nothing came of it: "I've asked
 * for large print three times", "I've asked three times for a second banister and nobody has
 * come" give "I want something done when I ask", where two of the theme's statements, and a
 * third, tell that the person asked (or requested). Each asked for a different thing, so no one
 * thing is the idea; what they share is that the asking went nowhere. (A reader wrote "When I ask
 * for something I want to be taken seriously and get an answer".)
 */
function askedName(texts: readonly TaggedText[]): Candidate | undefined {
  const asking = (t: TaggedText) => t.lemmas.findIndex((l, i) => ['ask', 'request'].includes(l.toLowerCase()) && t.tags[i] === 'VERB' && told(t, i));
  const saying = texts.flatMap((t, at) => (asking(t) >= 0 ? [at] : []));
  if (saying.length < Math.max(2, texts.length / 3)) return undefined;
  // (Two that ask for one thing, "I've asked for large print" twice, want that thing: "I want large print".)
  const things = new Map<string, number>();
  for (const at of saying) {
    const t = texts[at]!;
    const from = asking(t);
    const end = t.tags.findIndex((tag, k) => k > from && tag === 'PUNCT');
    for (const key of new Set(keysOf(t.words.slice(from + 1, end < 0 ? undefined : end).join(' ')))) things.set(key, (things.get(key) ?? 0) + 1);
  }
  if ([...things.values()].some((n) => n >= 2)) return undefined;
  return { draft: 'I want something done when I ask', supporting: saying, score: Infinity };
}

/**
 * Where it is wanted or missed, someone or somewhere for a purpose: "Somewhere to go on a Sunday",
 * "somewhere to go at night" give "I want somewhere to go"; "Someone to come with me to hospital",
 * "Somebody to help me fill the forms in" give "I want someone to help me" (help, where one asks
 * for it, says what the others ask), where two of the theme's statements, and a quarter, ask for
 * the same kind. The doing is the one most of them say, with the little words after it that say to
 * whom ("talk to", "come with me").
 */
function someoneToName(texts: readonly TaggedText[]): Candidate | undefined {
  const asked: { at: number; kind: string; doing: string; verb: string }[] = [];
  texts.forEach((t, at) => {
    for (let k = 0; k + 2 < t.words.length; k++) {
      const word = t.words[k]!.toLowerCase();
      const kind = word === 'somebody' || word === 'someone' ? 'someone' : word === 'somewhere' ? 'somewhere' : undefined;
      if (kind === undefined || t.words[k + 1]!.toLowerCase() !== 'to' || t.tags[k + 2] !== 'VERB') continue;
      const verb = t.lemmas[k + 2]!.toLowerCase();
      const words = [verb];
      for (let j = k + 3; j < t.words.length && j <= k + 4; j++) {
        const w = t.words[j]!.toLowerCase();
        if (!(['ADP', 'PART'].includes(t.tags[j]!) || personWords.has(w)) || w === 'to' && t.tags[j + 1] === 'VERB') break;
        words.push(otherPeople[w] ?? w);
        // ("talk to", "come with me": a word that joins ends with whom it joins.)
        if (personWords.has(w) || j + 1 >= t.words.length || ['PUNCT', 'DET', 'NOUN', 'PROPN', 'NUM'].includes(t.tags[j + 1]!)) break;
      }
      // ("go to the shops": a word that joins a thing said after it is no end.)
      while (words.length > 1 && ['ADP', 'PART'].includes(t.tags[k + 2 + words.length - 1]!) && ['DET', 'NOUN', 'PROPN', 'NUM', 'ADJ'].includes(t.tags[k + 2 + words.length] ?? '') && !['to', 'with'].includes(words.at(-1)!)) words.pop();
      asked.push({ at, kind, doing: words.join(' '), verb });
      return;
    }
  });
  const kinds = new Map<string, number>();
  for (const a of asked) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  const best = [...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!best || best[1] < Math.max(2, texts.length / 4)) return undefined;
  const same = asked.filter((a) => a.kind === best[0]);
  const doings = new Map<string, number>();
  for (const a of same) doings.set(a.doing, (doings.get(a.doing) ?? 0) + 1);
  const helping = same.find((a) => a.verb === 'help');
  const doing = [...doings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  // (A verb that says little alone, "have", says nothing without what it has.)
  const plain = same.find((a) => !lightVerbs.has(a.verb) || a.doing !== a.verb);
  const said = doing[1] >= 2 ? doing[0] : helping ? helping.doing : plain?.doing;
  if (said === undefined || (lightVerbs.has(said) && !['go', 'come'].includes(said))) return undefined;
  return { draft: `I want ${best[0]} to ${said}`, supporting: same.map((a) => a.at), score: Infinity };
}

/**
 * In the future, people who do a thing: "Staff to stay longer", "so staff stay" and "staff who
 * know him, who stay" give "I want staff who stay", where two of the theme's statements, and a
 * quarter, ask for people (a noun `namesPerson` knows: the staff, carers, a worker) who do the same,
 * said after "who", "that" or "to", or straight after the people. The people are named where every
 * such statement names them alike, and are "people" otherwise. What is not working says what
 * people do now ("staff who leave after a month"), so it is no wish there.
 */
function peopleWhoName(texts: readonly TaggedText[]): Candidate | undefined {
  const asked: { at: number; doing: string; who: string; many: boolean; said: string }[] = [];
  texts.forEach((t, at) => {
    for (let k = 1; k + 1 < t.words.length; k++) {
      if (t.tags[k + 1] !== 'VERB' || negated(t, k + 1)) continue;
      const verb = t.lemmas[k + 1]!.toLowerCase();
      if (lightVerbs.has(verb) || wishVerbs.has(verb) || attending[verb] !== undefined || !/^\p{Ll}+$/u.test(verb)) continue;
      // ("so staff stay": the people, then what they do, in its plain form.)
      const plain = ['NOUN', 'PROPN'].includes(t.tags[k]!) && namesPerson(t.words[k]!) && t.words[k + 1]!.toLowerCase() === verb;
      if (!plain && !['who', 'that', 'to'].includes(t.words[k]!.toLowerCase())) continue;
      // Who does it: the people named last before it, in the same sentence ("staff who know him, who stay").
      let j = plain ? k : k - 1;
      while (j >= 0 && k - j <= 6 && !/^[.!?;]$/.test(t.words[j]!) && !(['NOUN', 'PROPN'].includes(t.tags[j]!) && namesPerson(t.words[j]!))) j--;
      if (j < 0 || k - j > 6 || /^[.!?;]$/.test(t.words[j]!)) continue;
      // ("turn up", "come back": a little word that ends the doing goes with it.)
      const after = t.words[k + 2]?.toLowerCase();
      const particle = after !== undefined && ['ADP', 'PART'].includes(t.tags[k + 2]!) && after !== 'to' && (k + 3 >= t.words.length || t.tags[k + 3] === 'PUNCT' || t.tags[k + 3] === 'CCONJ');
      const doing = particle ? `${verb} ${after}` : verb;
      asked.push({ at, doing, who: t.lemmas[j]!.toLowerCase(), many: !singular(t, j) || groupWords.has(t.words[j]!.toLowerCase()), said: t.words[j]!.toLowerCase() });
    }
  });
  const doings = new Map<string, Set<number>>();
  for (const a of asked) doings.set(a.doing, (doings.get(a.doing) ?? new Set()).add(a.at));
  const best = [...doings].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0];
  if (!best || best[1].size < Math.max(2, texts.length / 4)) return undefined;
  const same = asked.filter((a) => a.doing === best[0]);
  const alike = same.every((a) => a.who === same[0]!.who);
  const many = !alike || same.some((a) => a.many);
  const who = alike ? (many ? (same.find((a) => a.many)!.said) : `${/^[aeiou]/.test(same[0]!.who) ? 'an' : 'a'} ${same[0]!.who}`) : 'people';
  const [verb, ...rest] = best[0].split(' ');
  const does = many ? verb! : /(?:s|sh|ch|x|z|o)$/.test(verb!) ? `${verb}es` : /[^aeiou]y$/.test(verb!) ? `${verb!.slice(0, -1)}ies` : `${verb}s`;
  return { draft: `I want ${who} who ${[does, ...rest].join(' ')}`, supporting: [...best[1]].sort((a, b) => a - b), score: Infinity };
}

/** Verbs of knowing and heeding a person, as a name says them of one person and of several. */
const attending: Record<string, [string, string]> = {
  know: ['knows me', 'know me'],
  understand: ['understands me', 'understand me'],
  listen: ['listens to me', 'listen to me'],
  remember: ['remembers me', 'remember me'],
  believe: ['believes me', 'believe me'],
  respect: ['respects me', 'respect me'],
};

/**
 * Whether two themes that value qualities of two things value them alike: a quality one values is
 * said on the wall of the thing the other values ("I value friendly staff" and "I value helpful
 * crew", where a statement praises a "helpful and friendly crew"). Each must value a quality that
 * says what, not only how much: "I value good care" is praise of anything, and joined to "I value
 * kind staff" it made a catch-all of a clean theme.
 */
export function praisedAlike(a: { thing: string; qualities: readonly string[] }, b: { thing: string; qualities: readonly string[] }, wall: readonly TaggedText[]): boolean {
  const saying = (q: string) => !emptyPraise.has(q);
  if (!a.qualities.some(saying) || !b.qualities.some(saying)) return false;
  const praisedOf = (quality: string, thing: string) => {
    const same = (lemma: string) => keysOf(lemma)[0] === thing;
    return saying(quality) && wall.some((t) => t.words.some((w, q) => w.toLowerCase() === quality && t.tags[q] === 'ADJ' && saidOf(t, q, same)));
  };
  return a.qualities.some((q) => praisedOf(q, b.thing)) || b.qualities.some((q) => praisedOf(q, a.thing));
}

/**
 * The quality a name values of a thing, and the thing's key: "I value helpful staff" gives
 * "helpful" and "staff", where the theme's statements use "helpful" as a quality. Undefined for
 * any other name.
 */
export function praisedQuality(draft: string, texts: readonly TaggedText[]): { quality: string; thing: string; said: string } | undefined {
  // ("a helpful ambulance crew": the thing is the last word; the one before says what kind.)
  const m = /^I value (?<det>an? |the )?(?<quality>\p{L}+) (?<said>(?:\p{L}+ )?(?<last>\p{L}+))$/u.exec(draft)?.groups;
  if (!m || ['being', 'having'].includes(m.quality!.toLowerCase())) return undefined;
  const quality = m.quality!.toLowerCase();
  // ("I value the right staff": a word that picks out which is no quality a join can list; "the
  // same carers" is, as the person wants them to come again.)
  if (quality === 'right' || quality === 'wrong') return undefined;
  // ("kind people", "a friendly team": the people praised are the staff.)
  const thing = keysOf(m.last!)[0] ?? (praisedPeople.has(m.last!.toLowerCase()) ? keysOf('staff')[0] : undefined);
  // ("caring staff": the tagger may read the quality as a verb or a name, but it comes before the
  // thing and speaks well of it; "the staff" and "staff care" hold no quality. After "the", only a
  // word read as a quality is one: "the caring driver", but not "the care team".)
  const said = (t: TaggedText, k: number) =>
    t.words[k]!.toLowerCase() === quality && (t.tags[k] === 'ADJ' || (m.det !== 'the ' && moodOfScore(t.moods[k]!) === 'good' && t.words[k + 1]?.toLowerCase() === m.said!.split(' ')[0]!.toLowerCase()));
  if (thing === undefined || !texts.some((t) => t.words.some((_, k) => said(t, k)))) return undefined;
  return { quality, thing, said: m.said! };
}

/**
 * Two themes' praise, joined: the qualities, the larger theme's first, and the thing the joined
 * statements praise most, of the two and the staff. "Helpful drivers" joined to "a kind ambulance
 * crew", where seven statements praise the staff, three the drivers and two the crew, is praise of
 * the staff; the larger theme's thing where none is praised more.
 */
export function joinedPraise(big: Praise, small: Praise, texts: readonly TaggedText[]): Praise {
  const praising = (thing: string) => {
    const key = keysOf(thing).at(-1);
    const same = (lemma: string) => keysOf(lemma)[0] === key;
    return key === undefined ? 0 : texts.filter((t) => t.words.some((_, q) => t.tags[q] === 'ADJ' && moodOfScore(t.moods[q]!) !== 'bad' && saidOf(t, q, same))).length;
  };
  const [thing] = [big.thing, small.thing, 'staff'].map((x) => [x, praising(x)] as const).reduce((best, next) => (next[1] > best[1] ? next : best));
  const qualities = [...new Set([...big.qualities, ...small.qualities])];
  const felt = [...(big.felt ?? []), ...(small.felt ?? [])];
  const ofStaff = qualities.filter((q) => !felt.includes(q));
  return { qualities: ofStaff.length > 0 ? ofStaff : qualities, thing, ...(ofStaff.length === 0 && felt.length > 0 && { felt }) };
}

/**
 * How a theme praises the way people were, where more than half its statements (and two) give a
 * quality that says what, and speaks well ("kind", "caring and supportive", "the staff were very
 * polite"): the qualities said most (three at most, each said by two statements or more, the
 * first even if not), and what they are most said of, or the staff where nothing is named twice.
 * How much ("excellent"), how fast ("prompt": speed has a join of its own), how punctual and how
 * long ("very long") are not such qualities; nor is one said of a doing ("easy to get an
 * appointment"), nor of the person ("I was delighted"), nor one denied. Undefined for any other
 * theme.
 */
export function mannerPraise(texts: readonly TaggedText[], wall: readonly TaggedText[]): Praise | undefined {
  const said = new Map<string, number>();
  const things = new Map<string, number>();
  // Qualities said of how the person felt.
  const felt = new Set<string>();
  let praising = 0;
  for (const t of texts) {
    const qualities = new Set<string>();
    const held = new Set<string>();
    t.words.forEach((w, q) => {
      const quality = w.toLowerCase();
      // ("Kind drivers.": a capital that starts a sentence may be read as a name.)
      const opening = t.tags[q] === 'PROPN' && (q === 0 || /^[.!?]$/.test(t.words[q - 1]!)) && mostlyQuality(quality, wall);
      // ("very caring", "they were caring": the tagger may read a quality in -ing as a doing.)
      const caring = t.tags[q] === 'VERB' && /ing$/.test(quality) && (degreeWords.has(t.words[q - 1]?.toLowerCase() ?? '') || t.lemmas[q - 1]?.toLowerCase() === 'be');
      if ((t.tags[q] !== 'ADJ' && !opening && !caring) || !speaksWell(t, q) || emptyPraise.has(quality) || speedWords.has(quality) || quality === 'punctual' || badWords.has(quality) || negated(t, q)) return;
      if (t.words[q + 1]?.toLowerCase() === 'to' || t.words.slice(Math.max(0, q - 3), q).some((x) => ['i', 'we'].includes(x.toLowerCase()))) return;
      // ("support staff": a word the wall mostly uses as a thing or a doing is no quality; nor is one
      // listed with things, "help & support & respect", or followed by where it came from,
      // "Support from OT".)
      if ((!caring && !mostlyQuality(quality, wall)) || t.tags[q + 1] === 'ADP' || listedWithThing(t, q)) return;
      qualities.add(quality);
      // ("made us feel comfortable", "how comfortable I felt": praise of the staff, but how the
      // person felt, not how the staff were, so no quality to name them by.)
      if (t.lemmas.slice(Math.max(0, q - 3), q).some((l) => l.toLowerCase() === 'feel') || (['i', 'we'].includes(t.words[q + 1]?.toLowerCase() ?? '') && t.lemmas[q + 2]?.toLowerCase() === 'feel')) felt.add(quality);
      t.lemmas.forEach((lemma, k) => {
        const thing = lemma.toLowerCase();
        if (t.tags[k] === 'NOUN' && !fillerNouns.has(thing) && saidOf(t, q, thing)) held.add(thing);
      });
    });
    if (qualities.size === 0) continue;
    praising++;
    for (const q of qualities) said.set(q, (said.get(q) ?? 0) + 1);
    for (const h of held) things.set(h, (things.get(h) ?? 0) + 1);
  }
  if (praising < 2 || praising <= texts.length / 2) return undefined;
  const most = <K>(m: Map<K & string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const said3 = most(said).filter(([, n], i) => i === 0 || n >= 2).slice(0, 3).map(([q]) => q);
  const ofStaff = said3.filter((q) => !felt.has(q) && !superlative(q));
  const [top] = most(things);
  return { qualities: ofStaff.length > 0 ? ofStaff : said3, thing: top && top[1] >= 2 ? top[0] : 'staff', ...(ofStaff.length === 0 && { felt: said3 }) };
}

/**
 * Whether a word is a superlative, which says how much, not how ("the greatest respect", "the
 * kindest"): it ends in "-est" where English has its plain form and its comparative ("great",
 * "greater"; never "honest").
 */
function superlative(word: string): boolean {
  const m = /^(\p{L}+?)(i?)est$/u.exec(word);
  if (!m) return false;
  const [, stem, y] = m as unknown as [string, string, string];
  // ("kindest", "nicest", "biggest", "happiest")
  const pairs = y ? [[`${stem}y`, `${stem}ier`]] : [[stem, `${stem}er`], [`${stem}e`, `${stem}er`], [stem.slice(0, -1), `${stem}er`]];
  return pairs.some(([plain, more]) => plain!.length > 2 && wordRank(plain!) !== undefined && wordRank(more!) !== undefined);
}

/**
 * Whether a quality speaks well: the lexicon says so, or, where it says nothing, the quality is
 * said with "very" or listed with one that does ("very professional", "friendly, polite, patient";
 * but never a word of complaint the lexicon leaves unscored, "very long").
 */
function speaksWell(t: TaggedText, q: number): boolean {
  const mood = moodOfScore(t.moods[q]!);
  if (mood !== 'plain') return mood === 'good';
  const good = (k: number) => t.tags[k] === 'ADJ' && moodOfScore(t.moods[k]!) === 'good';
  const joins = (k: number) => t.tags[k] === 'CCONJ' || t.words[k] === '&' || t.words[k] === ',';
  return degreeWords.has(t.words[q - 1]?.toLowerCase() ?? '') || (joins(q - 1) && good(q - 2)) || (joins(q + 1) && good(q + 2));
}

/**
 * Whether the word at `q` is listed with a thing: "support, help", "advice & support" (or "Help &
 * support", where the tagger reads a statement's first word as a verb).
 */
function listedWithThing(t: TaggedText, q: number): boolean {
  const joins = (k: number) => t.tags[k] === 'CCONJ' || t.words[k] === '&' || t.words[k] === ',';
  const thing = (k: number) => t.tags[k] === 'NOUN' || (k === 0 && t.tags[k] === 'VERB');
  return (joins(q - 1) && thing(q - 2)) || (joins(q + 1) && thing(q + 2) && !thing(q + 3));
}

/** Whether the statements use a word, in lower case, as a quality more often than otherwise (found once per wall). */
function mostlyQuality(word: string, wall: readonly TaggedText[]): boolean {
  let cache = qualityCache.get(wall);
  if (!cache) {
    const as = new Map<string, number>();
    // (A word written with a capital may be read as a name: only its lower-case uses count.)
    for (const t of wall) t.words.forEach((w, k) => w === w.toLowerCase() && as.set(w, (as.get(w) ?? 0) + (t.tags[k] === 'ADJ' ? 1 : -1)));
    qualityCache.set(wall, (cache = new Set([...as].flatMap(([w, n]) => (n > 0 ? [w] : [])))));
  }
  return cache.has(word);
}

const qualityCache = new WeakMap<readonly TaggedText[], Set<string>>();

/** Words that praise speed ("prompt", "quickly"): where it is working, speed praise has a join of its own. */
export const speedWords: ReadonlySet<string> = new Set(['quick', 'quickly', 'quicker', 'prompt', 'promptly', 'fast', 'swift', 'swiftly', 'speedy', 'speedily', 'rapid', 'rapidly', 'efficient', 'efficiently']);

/** Words for the people who gave the care, praised as the staff are: "kind people", "a friendly team". */
const praisedPeople = new Set(['people', 'team', 'everyone', 'everybody']);

/**
 * A name for a theme at least half of whose statements (and two) say how long something took, or
 * that it should have been sooner, where they share what it was:
 * - "took too long to get through", "took 90 minutes to get through" give "I don't want it to
 *   take so long to get through";
 * - "over an hour late", "an hour early", "never on time" give "I want them to be on time" (and
 *   "late", "over an hour late", without "on time", "I don't want them to be late");
 * - "arrived earlier", "please arrive earlier" give "I want them to arrive earlier", and "get
 *   there earlier", "get here quicker" "I want them to get here earlier" (a light verb only with
 *   where it goes).
 * What is working names only being on time: "always on time", "punctual and polite" give "I value
 * them being on time".
 */
function timingName(category: Category, texts: readonly TaggedText[]): Candidate | undefined {
  if (category === 'working') return onTimeName(texts) ?? quickArrivalName(texts);
  const long = new Map<string, Set<number>>();
  const sooner = new Map<string, Set<number>>();
  const comparatives = new Map<string, number>();
  // A doing as a statement says it with where: "get there".
  const said = new Map<string, string>();
  const onTime = new Set<number>();
  // Where each statement says it, for who did it ("the ambulance was late").
  const onTimeAt: [TaggedText, number][] = [];
  const soonerAt = new Map<string, [TaggedText, number][]>();
  // Statements that say "got there sooner": arriving, where others say "came sooner".
  const gotThere: [TaggedText, number, number][] = [];
  let saidOnTime = false;
  let late = 0;
  let early = 0;
  const add = (map: Map<string, Set<number>>, key: string, s: number) => map.set(key, (map.get(key) ?? new Set()).add(s));
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const lemma = (i: number) => t.lemmas[i]!.toLowerCase();
    let tookLong = false;
    let seen: string | undefined;
    for (let i = 0; i < lower.length; i++) {
      // "took a long time to", "too long to", "took 90 minutes to": how long, then what.
      if (lower[i] === 'to' && lengthBefore(t, i)) {
        tookLong = true;
        const doing = doingAt(t, i + 1);
        if (doing) add(long, doing, s);
      }
      if (quickerWords.has(lower[i]!) && !negated(t, i)) {
        for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
          if (t.tags[j] === 'PUNCT' || t.tags[j] === 'CCONJ') break;
          if (t.tags[j] !== 'VERB' || lemma(j) === 'be' || lemma(j) === 'have') continue;
          // "a quicker recovery" is a thing, not a doing.
          if (t.tags[i + 1] === 'NOUN') break;
          const between = lower.slice(j + 1, i);
          // "came sooner" and "arrived sooner" say one thing.
          seen = lemma(j) === 'come' && between.length === 0 ? 'arrive' : lemma(j);
          soonerAt.set(seen, [...(soonerAt.get(seen) ?? []), [t, j]]);
          if (between.length > 0 && between.every((w) => w === 'there' || w === 'here')) {
            said.set(seen, `${seen} ${between.join(' ')}`);
            if (seen === 'get') gotThere.push([t, j, s]);
          }
          // ("got to us earlier" is arriving too, where others say so; alone it says nothing.)
          if (seen === 'get' && between.length === 2 && between[0] === 'to' && personWords.has(between[1]!)) gotThere.push([t, j, s]);
          comparatives.set(lower[i]!, (comparatives.get(lower[i]!) ?? 0) + 1);
          break;
        }
      }
    }
    // "It took too long.", "took so long for the journey home": how long, with nothing done after.
    if (lower.some((w, i) => t.lemmas[i]!.toLowerCase() === 'take' && t.tags[i] === 'VERB' && ['too', 'so'].includes(lower[i + 1] ?? '') && lower[i + 2] === 'long')) tookLong = true;
    if (tookLong) add(long, '', s);
    if (seen) add(sooner, seen, s);
    // "over an hour late", "an hour early at my appointment", "can't be on time".
    const when = lower.findIndex((w, i) => w === 'late' || w === 'early' || (w === 'on' && lower[i + 1] === 'time') || w === 'punctual');
    if (when >= 0) {
      onTime.add(s);
      onTimeAt.push([t, when]);
    }
    if (lower.some((w, i) => w === 'on' && lower[i + 1] === 'time')) saidOnTime = true;
    if (lower.includes('late')) late++;
    if (lower.includes('early')) early++;
  });
  const enough = (n: number) => n >= 2 && n >= texts.length / 2;
  const statements = (map: Map<string, Set<number>>) => new Set([...map.values()].flatMap((x) => [...x]));
  const most = (map: Map<string, Set<number>>) =>
    [...map.entries()].filter(([k]) => k !== '').sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0];
  const took = statements(long);
  if (enough(took.size)) {
    // ("took ages to get a slot", "took two hours to get here": "get" alone says nothing done.)
    for (const verb of lightVerbs) long.delete(verb);
    const [doing, by] = most(long) ?? ['', new Set<number>()];
    const what = by.size >= 2 && by.size >= 0.4 * took.size ? ` to ${doing}` : '';
    return { draft: `I don't want it to take so long${what}`, supporting: [...took].sort((a, b) => a - b), score: Infinity };
  }
  // "On time" where a statement says it; otherwise not late, where they say late more than early.
  if (enough(onTime.size) && (saidOnTime || late >= early)) {
    const who = doerOf(onTimeAt, texts);
    // ("Picked me up a bit later", "pick up on time": what was late, where nothing says who.)
    const deed = who === undefined ? deedToPerson(texts) : undefined;
    const draft = deed ? (saidOnTime ? `I want to be ${deed} on time` : `I don't want to be ${deed} late`) : saidOnTime ? `I want ${who ?? 'them'} to be on time` : `I don't want ${who ?? 'them'} to be late`;
    return { draft, supporting: [...onTime].sort((a, b) => a - b), score: Infinity };
  }
  // "Got there sooner" and "came sooner" say one thing, arriving.
  if (sooner.has('arrive') && gotThere.length > 0) {
    for (const [t, j, s] of gotThere) {
      sooner.get('get')?.delete(s);
      add(sooner, 'arrive', s);
      soonerAt.set('arrive', [...soonerAt.get('arrive')!, [t, j]]);
    }
    if (sooner.get('get')?.size === 0) sooner.delete('get');
  }
  const quicker = statements(sooner);
  if (enough(quicker.size)) {
    const [doing, by] = most(sooner)!;
    const comparative = [...comparatives.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    // The doing two statements share, said with its where ("get there"); a light verb needs one.
    const verb = said.get(doing) ?? (lightVerbs.has(doing) ? undefined : doing);
    if (by.size < 2 || verb === undefined) return undefined;
    return { draft: `I want ${doerOf(soonerAt.get(doing)!, texts) ?? 'them'} to ${verb} ${comparative}`, supporting: [...quicker].sort((a, b) => a - b), score: Infinity };
  }
  return waitName(texts);
}

/**
 * A name for a theme at least half of whose statements (and two) ask for speed with a comparative
 * and nothing done ("Faster", "Faster response", "My call back could have been quicker"): the
 * thing a statement wants quicker, where a thing follows the word ("I want a faster response"),
 * or them to be quicker (where the best phrase does not already ask for speed, "I want quicker
 * response times"). Such a name asks for speed, so the theme can join a theme of waiting.
 */
function quickerName(texts: readonly TaggedText[]): Candidate | undefined {
  const saying: number[] = [];
  const comparatives = new Map<string, number>();
  const things = new Map<string, { statements: number; counted: boolean }>();
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    // ("Answered a little quicker": a doing wanted sooner is named for the doing.)
    const doing = (i: number) => {
      for (let j = i - 1; j >= 0 && j >= i - 3 && t.tags[j] !== 'PUNCT'; j--) if (t.tags[j] === 'VERB' && !['be', 'have'].includes(t.lemmas[j]!.toLowerCase())) return true;
      return false;
    };
    const at = lower.findIndex((w, i) => speedComparatives.has(w) && !negated(t, i) && !doing(i));
    if (at < 0) return;
    saying.push(s);
    comparatives.set(lower[at]!, (comparatives.get(lower[at]!) ?? 0) + 1);
    // ("quicker getting to people": a doing read as a thing is none.)
    if (t.tags[at + 1] !== 'NOUN' || !readable(t.words[at + 1]!) || /ing$/.test(lower[at + 1]!)) return;
    // (As written: "Quicker appointments" wants them all quicker.)
    const thing = lower[at + 1]!;
    const seen = things.get(thing) ?? { statements: 0, counted: false };
    things.set(thing, { statements: seen.statements + 1, counted: seen.counted || (singular(t, at + 1) && countability(thing) === 'counted') });
  });
  if (saying.length < 2 || saying.length < texts.length / 2) return undefined;
  const byCount = <T>(map: Map<string, T>, n: (v: T) => number) => [...map.entries()].sort((a, b) => n(b[1]) - n(a[1]) || (a[0] < b[0] ? -1 : 1))[0];
  const comparative = byCount(comparatives, (n) => n)![0];
  const thing = byCount(things, (v) => v.statements);
  const draft = thing ? `I want ${thing[1].counted ? 'a ' : ''}${comparative} ${thing[0]}` : comparative === 'sooner' ? 'I want them to come sooner' : `I want them to be ${comparative}`;
  return { draft, supporting: saying, score: Infinity };
}

/**
 * A name for a theme at least half of whose statements (and two) wish something lasted longer:
 * "the session could be longer", "longer appointments", "wish they could have stayed longer".
 * The thing the statements most often wish longer, where one says it ("I want longer sessions"),
 * or else the doing ("I want them to stay longer"). A longer wait, or a thing that took longer,
 * is the complaint, not the wish.
 */
function longerName(texts: readonly TaggedText[]): Candidate | undefined {
  const saying: number[] = [];
  const things = new Map<string, { text: TaggedText; at: number; count: number }>();
  const doings = new Map<string, number>();
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const at = lower.findIndex((w, i) => w === 'longer' && lower[i - 1] !== 'no' && !negated(t, i));
    if (at < 0) return;
    // ("took longer", "waited longer", "a longer wait": how long it took is the complaint.)
    const before = t.lemmas.slice(Math.max(0, at - 4), at).map((l) => l.toLowerCase());
    if (before.some((l) => l === 'take' || l === 'wait') || troubleWords.has(lower[at + 1] ?? '') || slowWords.has(lower[at + 1] ?? '')) return;
    saying.push(s);
    // "longer appointments": the thing after it; "the session could be longer": the thing before "be".
    let head = t.tags[at + 1] === 'NOUN' ? at + 1 : -1;
    if (head < 0 && beforeIt(t, at)) {
      for (let j = at - 1; j >= 0 && j >= at - 5 && t.tags[j] !== 'PUNCT'; j--) {
        if (t.tags[j] === 'NOUN') {
          head = j;
          break;
        }
      }
    }
    const lemma = head >= 0 ? t.lemmas[head]!.toLowerCase() : '';
    if (head >= 0 && readable(t.words[head]!) && !timeWords.has(lemma) && !timeSpans.has(lower[head]!) && !ofFamily(lemma) && !personWords.has(lower[head]!)) {
      const seen = things.get(lemma);
      things.set(lemma, { text: seen?.text ?? t, at: seen?.at ?? head, count: (seen?.count ?? 0) + 1 });
      return;
    }
    // "stayed longer", "stay a bit longer": the doing before it.
    for (let j = at - 1; j >= 0 && j >= at - 3 && t.tags[j] !== 'PUNCT'; j--) {
      const verb = t.lemmas[j]!.toLowerCase();
      if (t.tags[j] === 'VERB' && !lightVerbs.has(verb) && !wishVerbs.has(verb) && verb !== 'be' && verb !== 'have') {
        doings.set(verb, (doings.get(verb) ?? 0) + 1);
        break;
      }
    }
  });
  if (saying.length < 2 || saying.length < texts.length / 2) return undefined;
  const thing = [...things.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))[0];
  const doing = [...doings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  // (As written after "longer" ("longer therapy"); wished of one ("the session could be longer"), of them all.)
  const said = thing && thing[1].text.words[thing[1].at]!.toLowerCase();
  const draft = thing ? `I want longer ${thing[1].text.words[thing[1].at - 1]?.toLowerCase() === 'longer' ? said : countedPlural(said!, thing[1].text, thing[1].at)}` : doing ? `I want them to ${doing[0]} longer` : undefined;
  return draft === undefined ? undefined : { draft, supporting: saying, score: Infinity };
}

/** Comparatives that ask for speed. */
const speedComparatives = new Set(['quicker', 'faster', 'sooner', 'speedier', 'prompter']);

/** Spans of time a wait is counted in, as statements say them ("eleven months", "hours"). */
const waitSpans = new Set(['hours', 'days', 'weeks', 'months', 'years']);

/** Spans of time too short to be a wait in themselves: "I waited minutes for the call to be answered". */
const shortUnits = new Set(['minute', 'minutes', 'min', 'mins', 'second', 'seconds', 'secs']);

/** Verbs that say help came: a span counted after one ("arrived 6 hours after the call") is a wait. */
const cameVerbs = new Set(['arrive', 'come', 'attend', 'turn']);

/** Spans as statements shorten them ("3 hrs"), in full. */
const shortSpans = wordTable<string>({ hrs: 'hours', wks: 'weeks', yrs: 'years' });

/**
 * "I don't want to wait months for an assessment", where two statements say they waited, or are
 * waiting, at least half say so or count how long something took, how far ahead it is booked or
 * how long after the call help came ("took five months", "booked six months ahead", "arrived 6
 * hours after the call"), and two of them wait for the same thing
 * ("waiting for an OT assessment", "waiting since the spring for a stairlift assessment"); with
 * how long, where two of the theme's statements count time in the same span ("eleven months",
 * "took four months"). Where they wait for different things, how long alone: "I don't want to wait
 * hours", not "over an hour" where people waited four. Minutes are no span to complain of in a
 * name, and a theme where two wait for others to do something ("for my call to be answered") is
 * named by what they should do.
 */
function waitName(texts: readonly TaggedText[]): Candidate | undefined {
  const waiting: number[] = [];
  const spans = new Map<string, Set<number>>();
  const things = new Map<string, { statements: Set<number>; plurals: string[] }>();
  // Statements that count how long something took ("the financial assessment took five months").
  const counted = new Set<number>();
  let doings = 0;
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const span = (w: string) => shortSpans[w] ?? w;
    for (const w of lower) if (waitSpans.has(span(w))) spans.set(span(w), (spans.get(span(w)) ?? new Set()).add(s));
    // (How long it took, how far ahead, or how long after help was asked for that it came ("arrived
    // 6 hours after the call"): not "a follow-up two months after".)
    const took = t.lemmas.some((l, i) => l.toLowerCase() === 'take' && t.tags[i] === 'VERB');
    const came = t.lemmas.some((l, i) => cameVerbs.has(l.toLowerCase()) && t.tags[i] === 'VERB');
    const count = (i: number) => t.tags[i - 1] === 'NUM' || /^(?:few|several|many)$/.test(lower[i - 1] ?? '');
    const after = (i: number) => came && (lower[i + 1] === 'later' || lower[i + 1] === 'after');
    if (lower.some((w, i) => waitSpans.has(span(w)) && count(i) && (took || lower[i + 1] === 'ahead' || after(i)))) counted.add(s);
    // ("The waiting list": the tagger may read "waiting" as a thing.)
    const at = t.lemmas.findIndex((l, i) => (l.toLowerCase() === 'wait' || lower[i] === 'waiting') && !negated(t, i));
    if (at < 0) return;
    waiting.push(s);
    // What is waited for: the last thing of the words after "for" ("for an adult autism assessment").
    const by = lower.indexOf('for', at + 1);
    if (by < 0 || lower.slice(at + 1, by).some((_, k) => t.tags[at + 1 + k] === 'PUNCT' || t.tags[at + 1 + k] === 'VERB')) return;
    let head = -1;
    // ("for the transport home": "home" after a thing says where it goes, not what it is.)
    for (let j = by + 1; j < lower.length && ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.tags[j]!); j++) if (t.tags[j] === 'NOUN' && !(lower[j] === 'home' && head >= 0)) head = j;
    const thing = head < 0 ? '' : t.lemmas[head]!.toLowerCase();
    // ("waiting for my call to be answered" waits for a doing, not a thing.)
    if (lower[head + 1] === 'to' || lower[by + 1] === 'someone' || lower[by + 1] === 'somebody') doings++;
    if (head < 0 || lower[head + 1] === 'to' || family.has(thing) || fillerNouns.has(thing) || clockWord(thing)) return;
    const entry = things.get(thing) ?? { statements: new Set<number>(), plurals: [] };
    entry.statements.add(s);
    if (!singular(t, head)) entry.plurals.push(lower[head]!);
    things.set(thing, entry);
  });
  // Two say they wait, and half say so or count how long it took: those say the name. So do a
  // third, where two thirds say so or ask for it sooner or say it came late or was delayed ("Got
  // there quicker", "1 1/2 hours late", "a 4 hour delay"): all of them complain of the time taken.
  const saying = [...new Set([...waiting, ...counted])].sort((a, b) => a - b);
  const hurried = texts.flatMap((t, s) => (t.words.some((w, i) => (quickerWords.has(w.toLowerCase()) || /^(?:late|delay(?:ed|s)?)$/i.test(w)) && !negated(t, i)) ? [s] : []));
  const timeTaken = new Set([...saying, ...hurried]).size;
  if (waiting.length < 2 || (saying.length < texts.length / 2 && !(saying.length >= texts.length / 3 && timeTaken >= (2 * texts.length) / 3))) return undefined;
  const broad = saying.length < texts.length / 2;
  // The one most statements say, where two do.
  const most = (counts: [string, number][]) => counts.filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const span = most([...spans].map(([w, by]) => [w, by.size]));
  const thing = most([...things].map(([w, { statements }]) => [w, statements.size]));
  // How long alone, where no two wait for the same thing, nor for others to do something.
  if (thing === undefined) {
    if (span !== undefined && doings < 2) return { draft: `I don't want to wait ${span}`, supporting: saying, score: Infinity, broad };
    // ("Less waiting time", "Waiting times for assessment": how long they wait, whatever for.)
    const timed = waiting.filter((s) => texts[s]!.words.some((w, i) => /^wait(?:ing)?$/i.test(w) && /^times?$/i.test(texts[s]!.words[i + 1] ?? '')));
    return timed.length >= 2 && doings < 2 ? { draft: "I don't want to wait so long", supporting: saying, score: Infinity, broad } : undefined;
  }
  // In the plural as the statements write it, where most of them do.
  const { statements, plurals } = things.get(thing)!;
  const what = plurals.length > statements.size / 2 ? plurals.sort()[0]! : countability(thing) === 'uncounted' ? thing : `a ${thing}`;
  return { draft: `I don't want to wait${span ? ` ${span}` : ''} for ${what}`, supporting: saying, score: Infinity, broad };
}

/**
 * "I value being treated with respect", where a third of the statements (and two) say how they, or
 * the person they speak for, were treated ("treated with dignity and respect", "treated my husband
 * with upmost care"), and two of them name the same way: the one most of them name, or the two
 * ("with kindness and respect"). A way named by quality ("kindness", "dignity") is said by every
 * statement of the theme that says the quality ("Great kindness shown", "People very kind").
 */
function treatedName(texts: readonly TaggedText[]): Candidate | undefined {
  const treated: number[] = [];
  const ways = new Map<string, Set<number>>();
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const at = t.lemmas.findIndex((l, i) => l.toLowerCase() === 'treat' && t.tags[i] === 'VERB' && !negated(t, i));
    const by = at < 0 ? -1 : lower.findIndex((w, i) => w === 'with' && i > at && i <= at + 4);
    if (by < 0) return;
    treated.push(s);
    // "with dignity and respect", "with upmost care": each thing of the list that follows.
    for (let j = by + 1; j < lower.length && (['NOUN', 'ADJ', 'DET', 'CCONJ'].includes(t.tags[j]!) || lower[j] === ','); j++) {
      const way = t.lemmas[j]!.toLowerCase();
      if (t.tags[j] === 'NOUN' && !fillerNouns.has(way)) ways.set(way, (ways.get(way) ?? new Set()).add(s));
    }
  });
  if (treated.length < 2 || treated.length < texts.length / 3) return undefined;
  // A way of treating people, named for a quality, is said by the theme's other statements that say
  // the quality too: "Great kindness shown" and "People very kind", beside "treats me with kindness".
  // ("respect" is a quality where a statement says "respectful".)
  const described = new Set(texts.flatMap((t) => t.words.flatMap((w, i) => (t.tags[i] === 'ADJ' || t.tags[i] === 'ADV' ? keysOf(w).slice(0, 1) : []))));
  const qualities = new Map([...ways.keys()].filter((way) => abstractNoun.test(way) || described.has(keysOf(way)[0] ?? '')).flatMap((way) => keysOf(way).slice(0, 1).map((key) => [key, way] as const)));
  texts.forEach((t, s) => {
    if (treated.includes(s)) return;
    for (const w of t.words) {
      const way = qualities.get(keysOf(w)[0] ?? '');
      if (way !== undefined) ways.get(way)!.add(s);
    }
  });
  const shared = [...ways].filter(([, by]) => by.size >= 2).sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1));
  if (shared.length === 0) return undefined;
  const said = shared.slice(0, 2).map(([way]) => (countability(way) === 'counted' ? `a ${way}` : way)).sort();
  const supporting = [...new Set([...treated, ...shared.slice(0, 2).flatMap(([, by]) => [...by])])].sort((a, b) => a - b);
  return { draft: `I value being treated with ${said.join(' and ')}`, supporting, score: Infinity };
}

/**
 * "I value them being on time", where at least half the statements (and two) say "on time" or
 * "punctual" ("punctual" where none says "on time").
 */
function onTimeName(texts: readonly TaggedText[]): Candidate | undefined {
  let saidOnTime = false;
  const at: [TaggedText, number][] = [];
  const onTime = texts.flatMap((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const on = lower.findIndex((w, i) => (w === 'on' && lower[i + 1] === 'time' && !negated(t, i)) || /^punctual/.test(w));
    if (on < 0) return [];
    saidOnTime ||= lower[on] === 'on';
    at.push([t, on]);
    return [s];
  });
  if (onTime.length < 2 || onTime.length < texts.length / 2) return undefined;
  const who = doerOf(at, texts);
  const deed = who === undefined ? deedToPerson(texts) : undefined;
  return { draft: deed ? `I value being ${deed} ${saidOnTime ? 'on time' : 'punctually'}` : `I value ${who ?? 'them'} being ${saidOnTime ? 'on time' : 'punctual'}`, supporting: onTime, score: Infinity };
}

/**
 * What the theme's statements say was done to the person, a verb with its particle, where two
 * (and a third) say it: "picked me up", "pick up on time" and "I always get picked up" give
 * "picked up". Being on time is then said of it: "I value being picked up on time", where nothing
 * says who came.
 */
function deedToPerson(texts: readonly TaggedText[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of texts) {
    const seen = new Set<string>();
    t.words.forEach((_, i) => {
      const lemma = t.lemmas[i]!.toLowerCase();
      if (t.tags[i] !== 'VERB' || lightVerbs.has(lemma) || wishVerbs.has(lemma)) return;
      const person = personWords.has(t.words[i + 1]?.toLowerCase() ?? '');
      const particle = t.words[i + (person ? 2 : 1)]?.toLowerCase() ?? '';
      if (particles.has(particle) && particle !== 'home') seen.add(`${lemma} ${particle}`);
    });
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  if (n < 2 || n < texts.length / 3) return undefined;
  const [verb, particle] = best.split(' ') as [string, string];
  return `${participle(verb)} ${particle}`;
}

/**
 * The thing most of these statements say did it, where at least two and a third of them name the
 * same one just before the words at their index ("the ambulance arrived", "transport was on
 * time"), with "the" where English counts it: "the ambulance", "transport". Where none does, the
 * thing the whole theme (or `among` its statements) names most, as below.
 */
function doerOf(at: readonly [TaggedText, number][], texts: readonly TaggedText[], among: readonly TaggedText[] = texts): string | undefined {
  const counts = new Map<string, number>();
  for (const [t, i] of at) {
    let j = i - 1;
    while (j >= 0 && ['ADV', 'AUX', 'VERB', 'PART'].includes(t.tags[j]!)) j--;
    // ("Ambulance arrived": a thing that starts a sentence may be read as a name.)
    const start = j === 0 || t.tags[j - 1] === 'PUNCT';
    const thing = t.lemmas[j]?.toLowerCase() ?? '';
    if (j >= 0 && (t.tags[j] === 'NOUN' || (start && t.tags[j] === 'PROPN')) && !family.has(thing) && !fillerNouns.has(thing) && !clockWord(thing)) counts.set(thing, (counts.get(thing) ?? 0) + 1);
  }
  // A thing some statement of the theme writes in lower case, as a thing.
  const written = (thing: string) => texts.some((t) => t.words.some((w, k) => w === thing && t.tags[k] === 'NOUN'));
  const [thing, n] = [...counts].filter(([w]) => written(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  if (n >= 2 && n >= at.length / 3) return countability(thing) === 'uncounted' ? thing : `the ${thing}`;
  // Else the thing a third of the whole theme (and three statements) names, one of them among
  // these ("have used patient transport and it has always been on time"), but never where it
  // went ("got me to hospital on time").
  const named = new Map<string, number>();
  for (const t of among) {
    const seen = new Set<string>();
    t.words.forEach((w, k) => {
      const lemma = t.lemmas[k]!.toLowerCase();
      if (t.tags[k] !== 'NOUN' || w !== w.toLowerCase() || t.tags[k - 1] === 'ADP' || family.has(lemma) || fillerNouns.has(lemma) || clockWord(lemma) || seen.has(lemma)) return;
      seen.add(lemma);
      named.set(lemma, (named.get(lemma) ?? 0) + 1);
    });
  }
  const inThese = (lemma: string) => at.some(([t]) => t.lemmas.some((l, k) => l.toLowerCase() === lemma && t.tags[k] === 'NOUN'));
  const [most, m] = [...named].filter(([w]) => inThese(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  if (m < 3 || m < among.length / 3) return undefined;
  // As the statements write it, not as the tagger's lemma ("centre", not "center").
  const word = texts.flatMap((t) => t.words.filter((w, k) => t.lemmas[k]!.toLowerCase() === most && t.tags[k] === 'NOUN' && !/[^s]s$/i.test(w))).map((w) => w.toLowerCase())[0] ?? most;
  return countability(word) === 'uncounted' ? word : `the ${word}`;
}

/**
 * Whether the word at `i` counts half an hour or less in minutes: "10 minutes", "5minutes", "15
 * mins" (said after it arrived, that is quickly: "arrived in just under 5 minutes", "the ambulance
 * came 10 minutes after I called").
 */
function fewMinutes(lower: readonly string[], i: number): boolean {
  const m = /^(\d+)(mins?|minutes?)?$/.exec(lower[i]!);
  return m !== null && Number(m[1]) <= 30 && (m[2] !== undefined || /^(mins?|minutes?)$/.test(lower[i + 1] ?? ''));
}

/** How long or when, never who: "an hour late", "every time". */
function clockWord(lemma: string): boolean {
  return timeSpans.has(lemma) || timeSpans.has(`${lemma}s`) || timeWords.has(lemma);
}

/** The speed a theme's statements praise most, said of whoever helped ("I value them being prompt"), where two say it. */
function speedPraised(texts: readonly TaggedText[]): Candidate | undefined {
  const said = new Map<string, number[]>();
  texts.forEach((t, s) => {
    const qualities = new Set(t.words.flatMap((w, i) => (speedWords.has(w.toLowerCase()) && !negated(t, i) ? [speedQuality(w.toLowerCase())] : [])));
    for (const q of qualities) said.set(q, [...(said.get(q) ?? []), s]);
  });
  const [quality, supporting] = [...said].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0] ?? ['', []];
  return supporting.length < 2 ? undefined : { draft: `I value them being ${quality}`, supporting, score: Infinity };
}

/** A word of speed as the quality it says: "quickly" and "quicker" say "quick". */
function speedQuality(word: string): string {
  return word === 'quicker' ? 'quick' : word === 'speedily' ? 'speedy' : word.replace(/ly$/, '');
}

/**
 * Whether more than half a theme's statements (and two) praise speed: "Swift.", "dealt with
 * quickly", "very prompt". (At half, a reader kept "I value having things dealt with", seven of
 * its fourteen statements quick, apart from the wall's speed.)
 */
function praisingSpeed(texts: readonly TaggedText[]): boolean {
  const praising = texts.filter((t) => t.words.some((w, i) => speedWords.has(w.toLowerCase()) && !negated(t, i))).length;
  return praising >= 2 && praising > texts.length / 2;
}

/**
 * "I value them arriving quickly", where at least half the statements (a third, in a theme joined
 * for speed; and two) say something came quickly ("arrived within 30 minutes", "arrived 10 minutes
 * after I called", "came quickly", "responded very quickly"), and half of those (and two) say it
 * arrived or came, with the verb they use most.
 */
function quickArrivalName(texts: readonly TaggedText[], share = 1 / 2): Candidate | undefined {
  const quick = new Set<number>();
  const verbs = new Map<string, Set<number>>();
  const said = new Map<string, [TaggedText, number][]>();
  texts.forEach((t, s) => {
    const lower = t.words.map((w) => w.toLowerCase());
    const arrived = (i: number) => t.lemmas.slice(Math.max(0, i - 4), i).some((l, k) => arrivalVerbs.has(l.toLowerCase()) && t.tags[Math.max(0, i - 4) + k] === 'VERB');
    const marks = lower.flatMap((w, i) => (quickMarks.has(w) || (w === 'within' && /^(\d+|half|an|a|minutes?|mins?)$/.test(lower[i + 1] ?? '')) || (w === 'straight' && lower[i + 1] === 'away') || (fewMinutes(lower, i) && arrived(i)) ? [i] : []));
    if (marks.length === 0 || marks.some((i) => negated(t, i))) return;
    quick.add(s);
    for (const i of marks) {
      for (let j = i - 1; j >= 0 && j >= i - (fewMinutes(lower, i) ? 4 : 3); j--) {
        const lemma = t.lemmas[j]!.toLowerCase();
        if (t.tags[j] !== 'VERB' || !(arrivalVerbs.has(lemma) || lemma === 'respond') || verbs.get(lemma)?.has(s)) continue;
        verbs.set(lemma, (verbs.get(lemma) ?? new Set()).add(s));
        said.set(lemma, [...(said.get(lemma) ?? []), [t, j]]);
      }
    }
  });
  if (quick.size < 2 || quick.size < texts.length * share) return undefined;
  const [verb, by] = [...verbs].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0] ?? ['', new Set()];
  if (by.size < 2 || by.size < quick.size / 2) return undefined;
  // (Where only some say it came quickly, what came is found among those: "the service" the others
  // praise did not arrive.)
  const among = share < 1 / 2 ? texts.filter((_, s) => quick.has(s)) : texts;
  return { draft: `I value ${doerOf(said.get(verb)!, texts, among) ?? 'them'} ${presentParticiple(verb)} quickly`, supporting: [...quick].sort((a, b) => a - b), score: Infinity };
}

/**
 * "I value having no problems", where two statements and a third of the theme say there was no
 * trouble ("no problems whatsoever", "never had any bother", "had no complaints"), with the word
 * for it they use most.
 */
function noTroubleName(texts: readonly TaggedText[]): Candidate | undefined {
  const words = new Map<string, number>();
  const supporting: number[] = [];
  texts.forEach((t, s) => {
    const denied = new Set(t.words.flatMap((w, i) => (noneWords.has(w.toLowerCase()) ? [troubleAfter(t, i)] : [])).filter((w) => w !== undefined));
    if (denied.size === 0) return;
    for (const word of denied) words.set(word, (words.get(word) ?? 0) + 1);
    supporting.push(s);
  });
  if (supporting.length < 2 || supporting.length < texts.length / 3) return undefined;
  const [word] = [...words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  return { draft: `I value having no ${word}`, supporting, score: Infinity };
}

/**
 * "I value not having to wait long", where two statements and a third of the theme say they did
 * not wait, or not long ("no wait times", "didn't wait too long on the return journey", "did not
 * have to wait long").
 */
function noWaitName(texts: readonly TaggedText[]): Candidate | undefined {
  const supporting = texts.flatMap((t, s) => (t.lemmas.some((l, i) => (l.toLowerCase() === 'wait' || t.words[i]!.toLowerCase() === 'waiting') && negated(t, i)) ? [s] : []));
  if (supporting.length < 2 || supporting.length < texts.length / 3) return undefined;
  return { draft: 'I value not having to wait long', supporting, score: Infinity };
}

/** The trouble denied within three words of a word of denial at i ("never had any bother"), as it is named ("problems", "bother"). */
function troubleAfter(t: TaggedText, i: number): string | undefined {
  // ("Nothing was a bother", "nothing is too much trouble": the staff were glad to help, which
  // says nothing of trouble the person had.)
  if (t.words[i]!.toLowerCase() === 'nothing' && t.lemmas[i + 1]?.toLowerCase() === 'be') return undefined;
  for (let j = i + 1; j <= i + 3 && j < t.words.length; j++) {
    if (t.tags[j] === 'PUNCT') return undefined;
    const named = troubles[t.words[j]!.toLowerCase()];
    if (named !== undefined) return named;
  }
  return undefined;
}

/** Words of denial: "no problems", "never had any bother", "without any worries". */
const noneWords = new Set(['no', 'never', 'without', 'nothing']);

/** Words for trouble that the person says they did not have, as a name says them. */
const troubles = wordTable<string>({
  problem: 'problems', problems: 'problems', issue: 'problems', issues: 'problems', trouble: 'trouble', bother: 'bother', hassle: 'hassle',
  complaint: 'complaints', complaints: 'complaints', worry: 'worries', worries: 'worries',
});

/** Words that say something came quickly. */
const quickMarks = new Set(['quickly', 'promptly', 'swiftly', 'immediately', 'quick', 'prompt', 'fast', 'soon']);

/** "arriving", "coming", "running". */
function presentParticiple(verb: string): string {
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.at(-1)}ing`;
  return `${verb}ing`;
}

/** Words that say something should have been sooner. */
const quickerWords = new Set(['sooner', 'earlier', 'quicker', 'faster', 'quickly']);

/** Whether the words before "to" at i say how long something took: "took a while", "too long", "took 90 minutes". */
function lengthBefore(t: TaggedText, i: number): boolean {
  const lower = (k: number) => t.words[k]!.toLowerCase();
  if (i > 0 && (lower(i - 1) === 'long' || lower(i - 1) === 'ages') && i > 1 && ['too', 'so', 'to'].includes(lower(i - 2))) return true;
  for (let j = i - 1; j >= 0 && j >= i - 5; j--) {
    if (t.tags[j] === 'PUNCT') return false;
    if (t.lemmas[j]!.toLowerCase() === 'take' && t.tags[j] === 'VERB') {
      // "took a long time to", or "how long it took to".
      const said = (w: string) => ['long', 'while', 'ages', 'forever'].includes(w.toLowerCase()) || timeSpans.has(w.toLowerCase());
      return t.words.slice(j + 1, i).some(said) || t.words.slice(Math.max(0, j - 4), j).some((w) => w.toLowerCase() === 'long' || w.toLowerCase() === 'length');
    }
  }
  return false;
}

/** The doing that starts at i, in its plain form with the particle that follows it: "get through", "connect", "speak". */
function doingAt(t: TaggedText, i: number): string | undefined {
  if (t.tags[i] !== 'VERB') return undefined;
  const verb = t.lemmas[i]!.toLowerCase();
  const next = t.words[i + 1]?.toLowerCase();
  return next !== undefined && particles.has(next) ? `${verb} ${next}` : verb;
}

/**
 * The doings a statement says, other than waiting and arriving: each verb's lemma ("answer"), with
 * its particle where it has one ("get through", "call back"). A light verb alone ("got", "took")
 * says none.
 */
export function doingsOf(t: TaggedText): Set<string> {
  const doings = new Set<string>();
  t.tags.forEach((_, i) => {
    const doing = doingAt(t, i);
    const verb = doing?.split(' ')[0];
    if (doing === undefined || verb === 'wait' || verb === 'arrive' || (doing === verb && lightVerbs.has(verb))) return;
    doings.add(doing);
  });
  return doings;
}

/** Words as a list: "kind", "kind and caring", "kind, helpful and caring". */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Which texts (indices) use any of the words. */
function supportingAll(texts: readonly TaggedText[], words: readonly string[]): number[] {
  return texts.flatMap((t, i) => (t.words.some((w) => words.includes(w.toLowerCase())) ? [i] : []));
}

interface Candidate {
  draft: string;
  score: number;
  supporting: number[];
  /** The key of the phrase's last word that has one: the thing it is about ("response" in "quicker response"). */
  head?: string;
  /** Said by the statements that complain of the time taken, not only those that wait: it names a theme no phrase names for speed. */
  broad?: boolean;
}

/** For each key, how many of the texts use it. */
function keyCounts(texts: readonly TaggedText[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const key of textKeys(text)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const keyCache = new WeakMap<TaggedText, Set<string>>();

/** The keys of a whole text. */
function textKeys(text: TaggedText): Set<string> {
  let keys = keyCache.get(text);
  if (!keys) {
    keys = new Set(keysOf(text.words.join(' ')));
    keyCache.set(text, keys);
  }
  return keys;
}

/** The keys of a statement's words other than its qualities: "helpful" says no one was helped. */
function deedKeys(text: TaggedText): Set<string> {
  let keys = deedKeyCache.get(text);
  if (!keys) {
    keys = new Set(keysOf(text.words.filter((_, i) => text.tags[i] !== 'ADJ').join(' ')));
    deedKeyCache.set(text, keys);
  }
  return keys;
}

const deedKeyCache = new WeakMap<TaggedText, Set<string>>();

/**
 * The words of a phrase that carry a theme, as keys: the stems of its theme words, with the
 * synonym table's folding ("taxi" and "minibus" are both "transport"), as the grouping sees them;
 * less the verbs that carry no subject ("get", "go") and those that frame a wish ("want"); plus
 * the few verbs on the stop list that say what a person does ("know who is coming").
 */
function keysOf(phrase: string): string[] {
  const keys: string[] = [];
  for (const match of phrase.toLowerCase().matchAll(/[\p{L}']+/gu)) if (sayingVerbs.has(match[0])) keys.push(match[0]);
  for (const word of themeWords(phrase, true)) if (!lightVerbs.has(word) && !wishVerbs.has(word) && !lightForms.has(word) && !timeSpans.has(word)) keys.push(stemOf(word));
  return [...new Set(keys)];
}

/**
 * Spans of time: statements group by them (waiting is a subject), but a name says what the wait
 * is for, not "week" or "days".
 */
const timeSpans = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'wk', 'wks', 'weekly', 'month', 'months', 'year', 'years', 'yr', 'yrs', 'today', 'tonight', 'tomorrow', 'yesterday', 'ago']);

/** Words that say which span of time is meant: "last year", "every week", "next month". */
const whichSpan = new Set(['last', 'next', 'this', 'that', 'every', 'each', 'per', 'previous', 'following', 'past', 'coming']);

/** Verbs that carry no subject of their own. */
const lightVerbs = new Set(['be', 'have', 'do', 'get', 'make', 'let', 'take', 'put', 'give', 'keep', 'seem', 'try', 'use', 'come', 'go']);
const lightForms = new Set(['gets', 'got', 'getting', 'comes', 'came', 'coming', 'goes', 'went', 'going', 'gone', 'takes', 'took', 'taking', 'taken', 'makes', 'making', 'gave', 'given', 'giving', 'gives', 'kept', 'keeps', 'keeping', 'puts', 'putting', 'tries', 'tried', 'trying', 'uses', 'used', 'using', 'lets', 'letting']);

/** Verbs that say what a person wants, not what they do: they frame a name, never fill it. */
const wishVerbs = new Set(['want', 'need', 'like', 'wish', 'hope', 'prefer', 'would', 'could', 'should', 'love', 'hate']);

/** Verbs on the stop list that still say what a person does. */
const sayingVerbs = new Set(['know', 'feel', 'tell', 'say', 'think', 'knew', 'felt', 'told', 'said', 'thought', 'knows', 'feels', 'tells', 'says', 'thinks']);

/** What the person does in a statement, when what follows is not an object: "feel safe", "know who is coming". */
const whWords = new Set(['who', 'what', 'when', 'where', 'how', 'why', 'whether', 'if']);
/** The question words that can say what a verb that says little is done to ("do what I like", "go where I want"). */
const objectWh = new Set(['what', 'where', 'how']);
/**
 * The person as the subject of a verb. Not "he", "she" or "they": in a family's statement they are
 * the person, in a person's statement they are the carers, and a name must not mix the two up.
 */
const subjects = new Set(['i', 'we']);
/** A name keeps "the" and "a"; "no", "every" or "this" belong to one statement's case. */
const keptDeterminers = new Set(['the', 'a', 'an']);
const possessives = new Set(['my', 'his', 'her', 'their', 'your', 'our']);
const otherPeople = wordTable<string>({ his: 'my', her: 'my', their: 'my', your: 'my', our: 'my', him: 'me', them: 'me', himself: 'myself', herself: 'myself', themselves: 'myself' });

/**
 * Verbs a person complains of doing. In what is not working, "I don't want to wait for …" says the
 * shared idea where "I want to wait for …" would say its opposite.
 */
const burdenVerbs = new Set(['wait', 'chase', 'repeat', 'rush', 'struggle', 'fight', 'worry', 'explain', 'beg', 'queue', 'ring', 'phone', 'lose', 'miss', 'sit', 'argue', 'fill']);

/**
 * The theme's ideas as draft names, best first. An idea is a phrase's theme words (its keys), so
 * "the taxi", "the minibus" and "transport" are one idea, "transport", and "different carer" and
 * "different carers" another. Each idea is said the way its statements say it most often.
 */
function rankPhrases(
  category: Category,
  texts: readonly TaggedText[],
  weight: (key: string) => number,
  central: ReadonlySet<string>,
  staff: readonly boolean[],
  wall: readonly TaggedText[],
): Candidate[] {
  const ideas = new Map<string, { keys: string[]; head: string | undefined; thing: boolean; done: boolean; score: number; supporting: Set<number>; said: Map<string, { draft: string; count: number; score: number; bare: boolean }> }>();
  const size = texts.length;
  // Where it is not working, the verbs the theme's statements have others do to a thing ("for my
  // call to be answered", "someone to answer the phone").
  const othersDeeds = new Set(category === 'not_working' ? texts.flatMap((t) => [...phrases(t).flatMap((p) => (p.handled !== undefined ? [t.lemmas[p.handled]!.toLowerCase()] : [])), ...peopleDoing(t)]) : []);
  const forms = keyForms(texts);
  const idioms = new Set(texts.flatMap((t) => t.words.flatMap((w, i) => (i >= 2 && t.words[i - 1]!.toLowerCase() === 'to' && t.words[i - 2]!.toLowerCase() === w.toLowerCase() ? [w.toLowerCase()] : []))));
  texts.forEach((text, at) => {
    // A typical statement's phrases count a little more than an outlier's.
    const typical = 1 - (0.2 * at) / Math.max(1, size);
    const spans = phrases(text, category === 'future');
    // "my mind", of "put my mind at ease", is no thing valued alone.
    const settled = new Set(spans.flatMap((p) => (p.owned !== undefined ? [p.owned] : [])));
    for (const said of spans) {
      if (said.verb === undefined && said.done === undefined && said.left === undefined && said.handled === undefined && said.served === undefined && settled.has(said.indices.at(-1)!)) continue;
      // "time to answer phone", where others answer it: the thing is wanted done, not done by the person.
      // (A phone is answered by those it rings for, never by the person: "response time to answer phone".)
      const handled = said.verb !== undefined && (othersDeeds.has(text.lemmas[said.verb]!.toLowerCase()) || answersPhone(text, said)) ? asHandled(text, said) : said;
      const kept = handled && withoutMeasure(text, handled);
      if (!kept) continue;
      // "Not keep me on hold" asks others not to leave the person so: "I don't want to be kept on hold".
      const refused = category === 'not_working' && kept.left !== undefined && kept.owned === undefined && !kept.feel && kept.indices.some((i) => forbidden(text, i));
      const span = refused ? { ...kept, refused } : kept;
      // "a little bit", "on occasion": a phrase whose thing says nothing names nothing.
      // ("Very kind" is a quality, not the filler "kind" of "kind of".)
      const last = span.indices.at(-1)!;
      // (The thing a quality is said of: "our grandchildren are very good", "Sundays are very long".)
      const thingAt = span.quality !== undefined ? span.indices.filter((i) => i !== span.quality).at(-1) : last;
      if (span.verb === undefined && span.done === undefined && span.left === undefined && !span.all && last !== span.quality && last !== span.bare && fillerNouns.has(text.lemmas[last]!.toLowerCase())) continue;
      // "Not show favouritism" asks that there be none: never "I want favouritism".
      if (category === 'not_working' && !span.refused && span.indices.some((i) => forbidden(text, i))) continue;
      // "it's all rush rush": a word said twice over is how it felt, not a thing.
      if (span.indices.some((i, k) => k > 0 && text.words[i]!.toLowerCase() === text.words[span.indices[k - 1]!]!.toLowerCase())) continue;
      // "on behalf of my mum" speaks for someone; it names no thing.
      if (span.indices.some((i) => text.words[i]!.toLowerCase() === 'behalf')) continue;
      // "my husband", "the patient", "the baby": the person and their family are who the service is
      // for, never a thing wanted good or valued.
      if (span.verb === undefined && span.done === undefined && span.left === undefined && thingAt !== undefined && ofFamily(text.lemmas[thingAt]!)) continue;
      // (Where it is working, nor is a family: "they are like a big family, my family" praises the
      // staff. Where it is not, a family can be wanted involved, and "my family" says whose.)
      if (category === 'working' && span.verb === undefined && span.done === undefined && span.left === undefined && thingAt !== undefined && /^famil(?:y|ies)$/i.test(text.words[thingAt]!)) continue;
      // "in the mornings", "since the autumn": when says nothing of what is wanted or valued.
      // ("Sundays are very long" is said of when: never "I want shorter sunday".)
      if (span.verb === undefined && span.done === undefined && span.left === undefined && span.bare === undefined && thingAt !== undefined && timeOfDay(text.lemmas[thingAt]!)) continue;
      // ("Due to COVID", "face to face": why or how, where it is working, is never what is valued.)
      if (span.verb === undefined && span.done === undefined && span.left === undefined && span.bare === undefined && thingAt !== undefined && ((category === 'working' && causeOrWhen(text, thingAt)) || doubled(text, thingAt))) continue;
      // "the social worker we had last year was brilliant": a span of time that says which ("last
      // year", "every week", "this month") is when, not a thing valued brilliant.
      if (span.verb === undefined && span.done === undefined && span.left === undefined && thingAt !== undefined && timeSpans.has(text.words[thingAt]!.toLowerCase()) && whichSpan.has(text.words[thingAt - 1]?.toLowerCase() ?? '')) continue;
      // "ct", "hr": a short word not written as an acronym is no thing a room can read.
      if (span.indices.length === 1 && !readable(text.words[span.indices[0]!]!)) continue;
      // "Dr Howard", "Rampton": a name of a person or a place is no idea, and a person's name is theirs.
      if (span.verb === undefined && span.done === undefined && span.left === undefined && span.bare === undefined && namedOnly(text, span, wall)) continue;
      // "the Newcastle hospitals", "see Dr Howard": a name in a phrase makes it one statement's case.
      if (span.indices.some((i) => i !== span.verb && nameWord(text, i, wall))) continue;
      // "face to face", "door to door": the second word is no verb, and "to" no infinitive, in any
      // statement of the theme that uses the word ("fact to face appointments" too).
      if (span.verb !== undefined && text.words[span.verb - 1]?.toLowerCase() === 'to' && idioms.has(text.words[span.verb]!.toLowerCase())) continue;
      // "late getting": a verb the tagger took for a thing is no thing; nor is "Showing will at all
      // times", a word in -ing that the theme's other statements use as a verb ("showed interest").
      if (span.verb === undefined && span.done === undefined && span.left === undefined && lightForms.has(text.words[span.indices.at(-1)!]!.toLowerCase())) continue;
      if (span.verb === undefined && span.done === undefined && span.left === undefined && span.indices.length === 1 && text.tags[span.indices[0]!] === 'NOUN' && usedAsVerb(text.words[span.indices[0]!]!, texts)) continue;

      const deed = span.handled ?? span.served ?? span.owned;
      // "put my mind at ease", "put my mind at rest": one idea, the person's thing left settled,
      // whatever the words for how.
      const worded = span.owned !== undefined ? [span.owned, span.left!] : deed !== undefined ? [deed, ...span.indices] : span.indices;
      const keys = keysOf(worded.map((i) => text.words[i]).join(' ')).sort();
      const strong = keys.filter((k) => weight(k) > 0);
      if (strong.length === 0 || !keys.some((k) => central.has(k))) continue;
      // "they don't try and change me" does not value change; what is not working is said the
      // other way round anyway ("I can't get out" gives "I want to get out").
      if (category !== 'not_working' && (negated(text, span.indices[0]!) || givenUp(text, span))) continue;
      if (span.verb !== undefined && staff[at]) continue;
      const draft = frame(category, text, span, texts, wall);
      if (draft === undefined) continue;
      const unsupported = keys.length - strong.length;
      const shares = spellingShares(text, worded, forms);
      const base = strong.reduce((sum, k) => sum + weight(k) * Math.min(1, 3 * (shares.get(k) ?? 1)), 0) - 0.12 * unsupported - 0.04 * Math.max(0, span.indices.length - 6);
      // The person's own verb says more than a thing alone ("I want to get to the shops").
      // ("the same carers" says what is wanted of them as a doing does.)
      const doing = span.verb !== undefined || span.done !== undefined || span.left !== undefined || deed !== undefined || span.same === true;
      // (What "we" can or can't do, said by one statement only, is an organisation's case: "we
      // can't recruit minibus drivers", in a theme of late and missing transport, says no more
      // than "transport" does.)
      const lone = span.verb !== undefined && saidByUs(text, span.verb) && keysOf(text.words[span.verb]!).every((k) => weight(k) === 0);
      const score = base * typical * (doing && !lone ? verbPreference[category] : 1);
      const id = `${span.left !== undefined ? 'left' : span.done !== undefined ? 'done' : span.handled !== undefined ? 'handled' : span.served !== undefined ? 'served' : span.same ? 'same' : doing ? 'doing' : 'thing'}:${keys.join(' ')}`;
      let idea = ideas.get(id);
      if (!idea) {
        // "quickly" and "quick" are one idea: a quality's head is its own key, however it was said.
        const manner = span.bare !== undefined ? mannerAdverb(text.words[span.bare]!.toLowerCase()) : undefined;
        const head = manner !== undefined ? keysOf(manner)[0] : [...span.indices].reverse().map((i) => keysOf(text.words[i]!)[0]).find((k) => k !== undefined);
        ideas.set(id, (idea = { keys, head, thing: !doing, done: span.done !== undefined, score, supporting: new Set(), said: new Map() }));
      }
      idea.score = Math.max(idea.score, score);
      idea.supporting.add(at);
      // ("I want better food" is English: a thing English does not count, with a quality the
      // statements give it.)
      const mass = /^I want (?:better|more|less|fewer|\p{L}+er) \p{L}+$/u.test(draft) && countability(text.words[span.indices.at(-1)!]!.toLowerCase()) === 'uncounted';
      // (Nor is a quality valued of one, "I value clear explanation", which takes the plural or "a"
      // its statements give it; but praise that only says how much, "I value excellent service",
      // still comes after what says what.)
      const valued = /^I value (\p{Ll}+) \p{Ll}+$/u.exec(draft);
      const fixed = valued !== null && !emptyPraise.has(valued[1]!) && counting(draft, texts) !== draft;
      const bare = bareSingular(text, span) && !mass && !/^I (value|want) (the|a|an|my) /.test(draft) && !fixed;
      const way = idea.said.get(draft.toLowerCase()) ?? { draft, count: 0, score, bare };
      // "I want job" is not English: a lone singular thing is said with its determiner where a
      // statement gives one.
      way.count += bare ? 0.4 : 1;
      way.score = Math.max(way.score, score);
      idea.said.set(draft.toLowerCase(), way);
    }
  });
  // An idea is stronger for every statement that uses all its words.
  const ranked = [...ideas.values()].map((idea) => {
    // (A deed done to the person is said by a statement that says it was done: "very helpful"
    // does not say "I value being helped".)
    texts.forEach((t, i) => {
      if (idea.keys.every((k) => (idea.done ? deedKeys(t) : textKeys(t)).has(k))) idea.supporting.add(i);
    });
    const ways = [...idea.said.values()].sort((a, b) => b.count - a.count || b.score - a.score || (a.draft < b.draft ? -1 : 1));
    const supporting = [...idea.supporting].sort((a, b) => a - b);
    // A thing people call by several names ("the taxi", "the minibus") is said by the name the
    // synonym table gives them all ("transport").
    // ("the bus" in two statements, "a taxi" and "community transport" in others: one idea, said
    // three ways across the theme, though only "the bus" made a phrase.)
    const common = idea.thing && idea.keys.length === 1 && (ways.length > 1 || (forms.get(idea.keys[0]!)?.size ?? 0) > 1) ? commonNames[idea.keys[0]!] : undefined;
    // A service people depend on, known by several names, is wanted reliable.
    // (One relied on is any: "a GP", "care workers", never "my GP I can rely on".)
    const relied = common?.replace(/^(?:my|the) (?=\S+s$)/, '').replace(/^(?:my|the) /, 'a ');
    const draft = common ? (category === 'not_working' ? `I want ${relied} I can rely on` : thingFrame(category, common)) : ways[0]!.draft;
    // Said only as a lone singular ("I want visit"), an idea reads badly: it comes after others.
    const awkward = !common && ways[0]!.bare ? 0.6 : 1;
    return { draft, supporting, head: idea.head, score: awkward * idea.score * (0.6 + 0.4 * Math.sqrt(supporting.length / size)) };
  });
  return ranked.sort((a, b) => b.score - a.score || (a.draft < b.draft ? -1 : a.draft > b.draft ? 1 : 0));
}

/** Whether a word in -ing is a verb where the theme's statements use its stem ("showing", where one says "showed"). */
function usedAsVerb(word: string, texts: readonly TaggedText[]): boolean {
  if (!/ing$/i.test(word)) return false;
  const stem = stemOf(word.toLowerCase());
  return texts.some((t) => t.words.some((w, k) => t.tags[k] === 'VERB' && stemOf(w.toLowerCase()) === stem));
}

/** For each key of a theme's words, how many of its statements say it with each lemma. */
function keyForms(texts: readonly TaggedText[]): Map<string, Map<string, number>> {
  const forms = new Map<string, Map<string, number>>();
  for (const t of texts) {
    const seen = new Set<string>();
    t.words.forEach((w, i) => {
      const lemma = t.lemmas[i]!.toLowerCase();
      for (const k of keysOf(w)) {
        if (seen.has(`${k} ${lemma}`)) continue;
        seen.add(`${k} ${lemma}`);
        const byLemma = forms.get(k) ?? new Map<string, number>();
        byLemma.set(lemma, (byLemma.get(lemma) ?? 0) + 1);
        forms.set(k, byLemma);
      }
    });
  }
  return forms;
}

/**
 * For each key of the words at `indices`, the share of the theme's uses of that key that say it
 * as this word does, or as a word the vectors find alike ("arrival" and "arrived", at 0.74). A
 * stem can join words that mean different things ("communal" and "communication", at 0.25): a
 * word the theme seldom uses for its key in that sense does not carry the key's weight.
 */
function spellingShares(text: TaggedText, indices: readonly number[], forms: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, number> {
  const shares = new Map<string, number>();
  for (const i of indices) {
    const lemma = text.lemmas[i]!.toLowerCase();
    for (const k of keysOf(text.words[i]!)) {
      const byLemma = forms.get(k);
      if (!byLemma) continue;
      let all = 0;
      let alike = 0;
      for (const [other, n] of byLemma) {
        all += n;
        if (other === lemma || (wordLikeness(other, lemma) ?? 1) >= 0.45) alike += n;
      }
      shares.set(k, Math.max(shares.get(k) ?? 0, alike / all));
    }
  }
  return shares;
}

/**
 * A thing said with a measure of it, as the thing alone: "a bit of a delay" is "a delay", "a lot
 * of questions" "questions". Where nothing follows the measure, the span stays as it is.
 */
function withoutMeasure(text: TaggedText, span: Span): Span {
  if (span.verb !== undefined || span.done !== undefined || span.left !== undefined || span.quality !== undefined || span.bare !== undefined || span.handled !== undefined || span.served !== undefined) return span;
  const of = span.indices.findIndex((i) => text.words[i]!.toLowerCase() === 'of');
  if (of <= 0 || of === span.indices.length - 1) return span;
  const before = span.indices.slice(0, of).filter((i) => !keptDeterminers.has(text.words[i]!.toLowerCase()));
  return before.length > 0 && before.every((i) => fillerNouns.has(text.lemmas[i]!.toLowerCase())) ? { ...span, indices: span.indices.slice(of + 1) } : span;
}

/** Verbs of what someone believes or thinks: nothing is done to what follows them. */
// ("The adapted car means we can go out", "DFG means test": what a thing means is nothing done to what follows.)
const mindVerbs = new Set(['believe', 'think', 'guess', 'suppose', 'hope', 'doubt', 'imagine', 'realise', 'realize', 'reckon', 'assume', 'mean']);

/** A verb phrase as the thing after its verb, which others do to it ("answer the phone"); undefined when no thing follows the verb. */
function asHandled(text: TaggedText, span: Span): Span | undefined {
  const verb = span.verb!;
  const thing = span.indices.filter((i) => i > verb);
  if (thing.length === 0 || thing[0] !== verb + 1 || !['NOUN', 'DET', 'ADJ', 'PRON'].includes(text.tags[verb + 1]!) || !['NOUN', 'PROPN'].includes(text.tags[thing.at(-1)!]!)) return undefined;
  return { indices: thing, handled: verb };
}

/**
 * Whether the word at i is a name: written with a capital inside a sentence, not as an acronym,
 * and never in lower case on the wall ("Howard", "Rampton"; not "Transport" at the start of a
 * sentence, where the wall also says "the transport").
 */
function nameWord(text: TaggedText, i: number, wall: readonly TaggedText[]): boolean {
  const word = text.words[i]!;
  // ("[name] was amazing": a placeholder where a name was taken out is a name too.)
  if (text.words[i - 1] === '[' && text.words[i + 1] === ']') return true;
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const names = wallNames(wall);
  if (names.has(word)) return true;
  // ("Lings Bar Hospital": a capitalised word inside a sentence, beside a name, is part of it.)
  const named = (k: number) => k >= 0 && k < text.words.length && names.has(text.words[k]!);
  return !sentenceStart(text, i) && (named(i - 1) || named(i + 1));
}

const namesCache = new WeakMap<readonly TaggedText[], Set<string>>();

/** The words a wall writes as names, found once per wall: each with a capital inside a sentence, never in lower case. */
function wallNames(wall: readonly TaggedText[]): Set<string> {
  let names = namesCache.get(wall);
  if (names) return names;
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const t of wall) {
    t.words.forEach((w, k) => {
      // Any word has a capital at the start of a sentence: a name has one inside a sentence too.
      if (/^\p{Lu}\p{Ll}+$/u.test(w) && !sentenceStart(t, k)) capitalised.add(w);
      if (!/^\p{Lu}/u.test(w)) {
        lower.add(w);
        lower.add(t.lemmas[k]!);
      }
    });
  }
  names = new Set([...capitalised].filter((w) => !lower.has(w.toLowerCase())));
  namesCache.set(wall, names);
  return names;
}

/** Whether a thing is only a name: its words are names, the titles before them ("Dr") and determiners. */
function namedOnly(text: TaggedText, span: Span, wall: readonly TaggedText[]): boolean {
  const words = span.indices.filter((i) => i !== span.quality && text.tags[i] !== 'DET' && !possessives.has(text.words[i]!.toLowerCase()) && !titles.has(text.words[i]!.toLowerCase().replace(/\.$/, '')));
  return words.length > 0 && words.every((i) => nameWord(text, i, wall));
}

/** Words that go before a person's name. */
const titles = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'mx']);

/**
 * Whether a word can stand as a name's thing: longer than two letters, or an acronym ("GP",
 * "A&E"); never a code with a digit ("B2", "M62"), which names one ward or road, not a thing a
 * room can read.
 */
function readable(word: string): boolean {
  if (/\d/.test(word)) return false;
  return word.length > 2 || (word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word));
}

/** Whether a quality says what a thing is like, not which one it is ("the same staff", "the right care"). */
function describing(quality: string): boolean {
  return !pointingWords.has(quality) && quality !== 'right' && quality !== 'wrong';
}

/** Adjectives that point at a thing rather than say what it is like. */
const pointingWords = new Set(['same', 'whole', 'other', 'certain', 'various', 'several', 'particular', 'usual', 'main', 'general', 'overall', 'entire', 'further', 'additional', 'actual', 'specific', 'recent', 'previous', 'last', 'next', 'first']);

/** Nouns that stand in for a thing without saying what it is. */
const fillerNouns = new Set(['half', 'quarter', 'bit', 'lot', 'thing', 'way', 'stuff', 'occasion', 'kind', 'sort', 'part', 'fact', 'point', 'matter', 'something', 'anything', 'everything', 'nothing', 'one', 'lots', 'bits', 'things', 'ways', 'occasions', 'amount', 'couple', 'aspect', 'aspects',
  // "on behalf of", "at the moment", "for a while", "they did their best", "it was the best": a
  // word that only ever stands in a turn of phrase.
  // ("length of time", "people her own age" too.)
  'behalf', 'moment', 'while', 'best', 'worst', 'length', 'age',
  // ("in regard to certain patients", "with regards to": a way of saying "about".)
  'regard', 'regards',
  // "staff problem", "mental health issues": a problem says nothing of what is wrong, and "I don't
  // want mental health issues" wishes away a person's condition, not a failing of the service.
  'problem', 'problems', 'issue', 'issues',
  // ("three situations of violence", "a category 1 call", "this type of care": a word that only
  // sorts or frames what it speaks of; "I want a good category" named a theme of ambulance waits.)
  'situation', 'situations', 'type', 'types', 'category', 'categories',
  // ("not your fault", "the only fault was the wait": whose fault it was, or was not, says nothing
  // of what went wrong; "I want a good fault" and "I want calmer fault" named two themes.)
  'fault', 'faults']);

/** The synonym table's words, as a name says them (keyed by their stems). */
const commonNames = wordTable<string>({
  pa: 'my PA',
  directpay: 'direct payments',
  carework: 'my care workers',
  daycentr: 'the day centre',
  socialwork: 'my social worker',
  respit: 'respite',
  carerassess: "a carers' assessment",
  gp: 'my GP',
  transport: 'transport',
});

/** How much a verb phrase is preferred to a noun phrase: most where the method turns a complaint or a wish into what the person wants to do. */
const verbPreference: Record<Category, number> = { working: 1.15, not_working: 1.4, future: 1.4 };

/** Whether a noun phrase is a singular noun with no determiner ("job", "different carer"). */
function bareSingular(text: TaggedText, span: Span): boolean {
  if (span.verb !== undefined) return false;
  const first = text.words[span.indices[0]!]!.toLowerCase();
  if (keptDeterminers.has(first) || possessives.has(first)) return false;
  const head = span.indices.at(-1)!;
  const word = text.words[head]!.toLowerCase();
  return (text.tags[head] === 'NOUN' || text.tags[head] === 'PROPN') && text.lemmas[head]!.toLowerCase() === word && !word.endsWith('s');
}

/** How many of a theme's strongest words its name may be built on. */
const centralWords = 4;

/**
 * Whether a thing is said as one the person is rid of: "drug free", "no longer needing to take
 * drugs", "to stop taking illegal drugs". Where it works, that is never the thing valued.
 */
function givenUp(text: TaggedText, span: Span): boolean {
  if (span.verb !== undefined || span.done !== undefined || span.left !== undefined) return false;
  const after = text.words[span.indices.at(-1)! + 1]?.toLowerCase();
  if (after === 'free' || after === '-free') return true;
  for (let j = span.indices[0]! - 1; j >= 0 && j >= span.indices[0]! - 5; j--) {
    if (['PUNCT', 'CCONJ', 'SCONJ'].includes(text.tags[j]!)) return false;
    const lemma = text.lemmas[j]!.toLowerCase();
    if (lemma === 'stop' || lemma === 'quit' || (text.words[j]!.toLowerCase() === 'longer' && text.words[j - 1]?.toLowerCase() === 'no')) return true;
  }
  return false;
}

/** Whether a phrase starting at `at` is denied in its clause: "not", "never", "without" just before it. */
function negated(text: TaggedText, at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 4; j--) {
    const w = text.words[j]!.toLowerCase().replace(/\u2019/g, "'");
    // "they don't try and change me": "try and" is one verb, so the denial reaches past "and".
    const joined = text.tags[j] === 'CCONJ' && j > 0 && ['try', 'go', 'come'].includes(text.lemmas[j - 1]!.toLowerCase());
    if (!joined && (text.tags[j] === 'PUNCT' || text.tags[j] === 'CCONJ' || text.tags[j] === 'SCONJ')) return false;
    if (negations.has(w) || w.endsWith("n't")) return !thanksTo(text, j);
  }
  return false;
}

/**
 * Whether a denial at j is what the person could not have done without a thing: "Without this
 * service I could not attend my appointment", "a service without which I couldn't have attended"
 * say the thing lets them do it.
 */
function thanksTo(text: TaggedText, j: number): boolean {
  const w = text.words[j]!.toLowerCase().replace(/\u2019/g, "'");
  const modal = /^(?:couldn't|wouldn't|can't|cannot)$/.test(w) || (w === 'not' && /^(?:could|would|can)$/i.test(text.words[j - 1] ?? ''));
  if (!modal) return false;
  for (let k = j - 1; k >= 0 && !/^[.!?]$/.test(text.words[k]!); k--) if (text.words[k]!.toLowerCase() === 'without') return true;
  return false;
}

const negations = new Set(['not', "n't", 'never', 'no', 'without', 'nobody', 'nothing', 'none', 'neither', 'nor', 'cannot']);

/**
 * Whether the thing at i is what a statement asks others not to do or give: "Not show
 * favouritism", "Don't employ agency staff", "Please never cancel my visits", "Stop belittling
 * people". The denial opens
 * the clause, so it is a request, not a lack ("no parking", "I did not get an appointment", where
 * the thing is wanted).
 */
function forbidden(text: TaggedText, at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 4; j--) {
    const w = text.words[j]!.toLowerCase().replace(/\u2019/g, "'");
    if (text.tags[j] === 'PUNCT' || text.tags[j] === 'CCONJ' || text.tags[j] === 'SCONJ') return false;
    // ("Stop belittling people", "Please stop cutting back": a request to stop denies the deed.)
    if (w === 'stop' && text.tags[j] === 'VERB') {
      const k = j > 0 && text.words[j - 1]!.toLowerCase() === 'please' ? j - 2 : j - 1;
      return k < 0 || text.tags[k] === 'PUNCT';
    }
    if (w === 'not' || w === 'never' || w === "n't") {
      // "not a good bus service" is a lack, "not having to start again" a wish: a request denies a deed.
      const next = text.words[j + 1]!.toLowerCase();
      if (['DET', 'ADJ', 'PRON', 'ADP', 'PART', 'AUX'].includes(text.tags[j + 1]!) || /ing$/.test(next)) return false;
      let k = j - 1;
      if (k >= 0 && (w === "n't" || w === 'not') && text.lemmas[k]!.toLowerCase() === 'do') k--;
      if (k >= 0 && text.words[k]!.toLowerCase() === 'please') k--;
      return k < 0 || text.tags[k] === 'PUNCT';
    }
  }
  return false;
}

interface Span {
  indices: number[];
  /** The index of the person's verb, for a verb phrase. */
  verb?: number;
  /**
   * The index of a verb that others should do to the person ("listen to us", "staff don't
   * listen", "see me more"): said as what the person wants done, "I want to be listened to".
   */
  done?: number;
  /** For `done`: whether it is asked of others, or missed in them, rather than said to have been done. */
  asked?: boolean;
  /** For a thing said to be something ("the food was cold"): the index of what it was said to be. */
  quality?: number;
  /** Whether that was denied ("the staff were not friendly"). */
  denied?: boolean;
  /** A quality said of nothing named ("Efficient.", "it was quick"): the index of the quality. */
  bare?: number;
  /**
   * How others left the person ("put me at ease", "kept me informed", "made me feel safe"): the
   * index of the verb. The span is the verb and how it left them, without the person.
   */
  left?: number;
  /** For `left`: whether the person was made to feel it ("made me feel safe"). */
  feel?: boolean;
  /** For `left`: the person's own thing it was done to ("put my mind at rest"), if not the person. */
  owned?: number;
  /** For `left`: asked of others not to do ("not keep me on hold"). */
  refused?: boolean;
  /** "the same two or three carers", said without how many: continuity, which only a wish or praise names. */
  same?: boolean;
  /** For `same`: one of the thing ("the same worker"). */
  single?: boolean;
  /**
   * A thing others did, or failed to do, to a thing of the person's ("nobody answered the phone",
   * "the dispatcher decided to send an ambulance"): the index of the verb. The span is the thing.
   */
  handled?: number;
  /** For `handled`: asked of others by a wish that starts the statement ("Pay care staff properly"). */
  imperative?: boolean;
  /**
   * A thing others did for the person, where it worked ("answered my questions", "questions
   * answered clearly", "sorted out my meds"): the index of the verb. The span is the thing.
   */
  served?: number;
  /** For `served`: said without a doer ("questions answered"), which only a verb that takes an object can be. */
  passive?: boolean;
  /** For `served`: done to everything ("explained everything"), so the span is the verb alone. */
  all?: boolean;
}

/** The noun phrases and verb phrases of a statement. */
function phrases(text: TaggedText, wishes = false): Span[] {
  const spans: Span[] = [];
  const n = text.words.length;
  const lower = (i: number) => text.words[i]!.toLowerCase();
  const isNoun = (i: number) => text.tags[i] === 'NOUN' || text.tags[i] === 'PROPN';
  const modifier = (i: number) => isNoun(i) || (text.tags[i] === 'ADJ' && !/\d/.test(text.words[i]!)) || (text.tags[i] === 'PART' && lower(i) === "'s");

  /** The noun phrase starting at i (determiner or possessive, modifiers, a noun last), if there is one. */
  const nounPhrase = (i: number): number[] | undefined => {
    let j = i;
    if (j < n && (keptDeterminers.has(lower(j)) || possessives.has(lower(j)))) j++;
    else if (j < n && text.tags[j] === 'DET') return undefined;
    const from = j;
    // ("with lived experience", "my son's supported living staff": a deed's past form that says what kind of thing.)
    if (j < n && saysWhatKind(text, j)) j++;
    let end = -1;
    // ("the matter more thought": a quality after the thing begins another phrase.)
    while (j < n && modifier(j) && !(end >= from && text.tags[j] === 'ADJ')) {
      if (isNoun(j)) end = j;
      j++;
    }
    if (end < from) return undefined;
    // "the cost of care": one "of" and the noun phrase after it.
    if (end + 2 < n && lower(end + 1) === 'of') {
      const rest = nounPhrase(end + 2);
      if (rest && rest.length <= 3) return range(i, rest.at(-1)!);
    }
    return range(i, end);
  };

  /** The end of a short question after a verb ("who is coming", "what I say"), or `at` if none. */
  const whClauseEnd = (at: number): number => {
    let end = at;
    for (let k = at + 1; k < n && k <= at + 5 && !['PUNCT', 'CCONJ'].includes(text.tags[k]!); k++) {
      if ((text.tags[k] === 'VERB' || isNoun(k)) && text.lemmas[k]!.toLowerCase() !== 'be' && /^\p{L}/u.test(text.words[k]!)) end = k;
    }
    // "who my social worker is": a question that ends in "is" ends there, not a word before.
    const next = end + 1;
    const after = next + 1 < n && text.tags[next + 1] === 'ADV' ? next + 2 : next + 1;
    if (end > at && next < n && text.lemmas[next]!.toLowerCase() === 'be' && /^\p{L}/u.test(text.words[next]!)) {
      if (after >= n || text.tags[after] === 'PUNCT') return next;
      // "when the situation was quite urgent": cut before what the thing was, the clause says
      // nothing whole, so there is none.
      return at;
    }
    return end;
  };

  for (let i = 0; i < n; i++) {
    const np = nounPhrase(i);
    // "the same carers", "the same two or three carers": of people and things that come again,
    // "same" is what is wanted, and how many is not.
    if (lower(i) === 'the' && i + 2 < n && lower(i + 1) === 'same') {
      let k = i + 2;
      while (k < n && (text.tags[k] === 'NUM' || (lower(k) === 'or' && text.tags[k - 1] === 'NUM'))) k++;
      const rest = nounPhrase(k);
      // ("the same worker": one, where the theme speaks of it coming again; see `frame`.)
      if (rest) spans.push({ indices: [i, i + 1, ...rest], same: true, ...(singular(text, rest.at(-1)!) && { single: true }) });
    }
    if (np && (i === 0 || !modifier(i - 1))) {
      // "the same professionalism", "my whole experience": words that point, not describe, are left out.
      spans.push({ indices: np.filter((k) => !(text.tags[k] === 'ADJ' && pointingWords.has(lower(k)))) });
      // "the food was cold", "staff were always so friendly", "the staff were not kind"
      // (Not a thing after "in" or "at": "the girl who comes in the mornings is lovely" says it of the girl.)
      let j = np.at(-1)! + 1;
      const from = i > 0 && (text.tags[i - 1] === 'DET' || possessives.has(lower(i - 1))) ? i - 1 : i;
      if (j < n && text.tags[j] === 'AUX' && text.lemmas[j]!.toLowerCase() === 'be' && text.tags[from - 1] !== 'ADP') {
        j++;
        let denied = false;
        while (j < n && (text.tags[j] === 'ADV' || text.tags[j] === 'PART') && j <= np.at(-1)! + 4) {
          if (negations.has(lower(j)) || lower(j).endsWith("n't")) denied = true;
          j++;
        }
        if (j < n && text.tags[j] === 'ADJ' && !(j + 1 < n && modifier(j + 1))) spans.push({ indices: [...np, j], quality: j, denied });
      }
    }
    const left = leftSo(text, i) ?? leftSoPassive(text, i);
    if (left) spans.push(left);
    // "Efficient.", "It was quick and easy": a quality that leads no noun.
    if (text.tags[i] === 'ADJ' && /^\p{L}+$/u.test(text.words[i]!) && !(i + 1 < n && modifier(i + 1)) && !(i > 0 && modifier(i - 1) && !['ADJ'].includes(text.tags[i - 1]!))) {
      spans.push({ indices: [i], bare: i });
    }
    // "Dealt with quickly", "handled efficiently": how it was done, as a quality ("quick").
    // ("I can honestly say", "I truly believe": how the person says it is no quality of the service.)
    if (text.tags[i] === 'ADV' && mannerAdverb(lower(i)) !== undefined && !(i + 1 < n && (sayingVerbs.has(lower(i + 1)) || mindVerbs.has(text.lemmas[i + 1]!.toLowerCase())))) spans.push({ indices: [i], bare: i });
    if (text.tags[i] === 'VERB' && !wishVerbs.has(text.lemmas[i]!.toLowerCase()) && !lightVerbs.has(text.lemmas[i]!.toLowerCase())) {
      // "Listen to us more", "staff don't listen": asked of others; "they listened to me": done.
      if (othersDo(text, i) && doneToPerson(text, i)) spans.push({ indices: [i], done: i, asked: true });
      else if (personObject(text, i) && !personDoes(text, i) && !negated(text, i)) spans.push({ indices: [i], done: i, asked: false });
      // "I felt listened to", "we were never spoken to": done, or not done, to the person.
      else if (doneToSubject(text, i)) spans.push({ indices: [i], done: i, asked: negated(text, i) });
      // "The staff listened", "the nurse always listens": a verb done to a person by its nature,
      // done by others, with no one after it, is done to the person.
      else if (usualJoins[text.lemmas[i]!.toLowerCase()] !== undefined && othersDoer(text, i) && !negated(text, i) && doneToPerson(text, i)) spans.push({ indices: [i], done: i, asked: false });
    }
    if (text.tags[i] === 'VERB' && !wishVerbs.has(text.lemmas[i]!.toLowerCase()) && !lightVerbs.has(text.lemmas[i]!.toLowerCase()) && !mindVerbs.has(text.lemmas[i]!.toLowerCase()) && othersDoer(text, i)) {
      // "nobody answered the phone": the thing, straight after the verb. (Not what others believe
      // or think: "make people believe medication can make me better" asks nothing done to it.)
      const object = nounPhrase(i + 1);
      const thing = object && text.lemmas[object.at(-1)!]!.toLowerCase();
      // ("return patients home": the people a deed is done to are the person, never a thing wanted
      // done, "I want the patients home returned".)
      if (object && thing && !object.some((k) => personWords.has(lower(k)) || ofFamily(text.lemmas[k]!)) && !timeSpans.has(thing) && !timeWords.has(thing) && !(object.length === 1 && text.tags[object[0]!] === 'PROPN')) spans.push({ indices: object, handled: i });
    }
    if (servedVerb(text, i)) {
      // "answered my questions", "sorted out my meds": the thing, after the verb and its particle.
      const object = nounPhrase(i + 1 < n && particles.has(lower(i + 1)) ? i + 2 : i + 1);
      if (object && thingDone(text, object) && !personDoes(text, i) && othersServed(text, i)) spans.push({ indices: object, served: i });
      // "explained everything", "sorted it all out": the deed is the thing said, done to all of it.
      // ("explained things": "things" is no thing of its own.)
      else if ((!object || !thingDone(text, object)) && allOf(text, i + 1) && !personDoes(text, i) && othersServed(text, i)) spans.push({ indices: [i], served: i, all: true });
      // "my concerns were dealt with", "it was sorted out quickly": said of whatever it was done
      // to, which differs from statement to statement, so the deed is the thing said.
      // (Not "I was spoken to", "my son was seen": a deed done to a person is no thing's.)
      else if (!object && i > 0 && passiveBe.has(lower(i - 1)) && !(i > 1 && (pronounSubjects.has(lower(i - 2)) || kin.has(text.lemmas[i - 2]!.toLowerCase()) || family.has(text.lemmas[i - 2]!.toLowerCase()))) && endsClause(text, i + (i + 1 < n && (particles.has(lower(i + 1)) || stranded.has(lower(i + 1))) ? 2 : 1))) {
        spans.push({ indices: [i], served: i, all: true });
      }
    }
    // "waiting for my call to be answered": what the person waited for others to do to a thing.
    if (np && np.at(-1)! + 3 < n && lower(np.at(-1)! + 1) === 'to' && lower(np.at(-1)! + 2) === 'be') {
      const verb = np.at(-1)! + 3;
      const lemma = text.lemmas[verb]!.toLowerCase();
      if (text.tags[verb] === 'VERB' && lower(verb) !== lemma && !/ing$/.test(lower(verb)) && !lightVerbs.has(lemma) && thingDone(text, np)) spans.push({ indices: np, handled: verb });
    }
    // "My call was answered", "my concerns were dealt with": a thing, then what others did to it.
    // (Where the statements share the thing, it is said: "I value having my call answered".)
    if (np && (i === 0 || !(modifier(i - 1) || text.tags[i - 1] === 'DET' || possessives.has(lower(i - 1))))) {
      const verb = np.at(-1)! + 2;
      if (verb < n && passiveBe.has(lower(verb - 1)) && servedVerb(text, verb) && endsClause(text, verb + (verb + 1 < n && (particles.has(lower(verb + 1)) || stranded.has(lower(verb + 1))) ? 2 : 1)) && thingDone(text, np)) spans.push({ indices: np, served: verb });
    }
    // "Questions answered clearly": a thing, then what was done to it, with no one doing it.
    // ("The man explained everything": a verb with an object after it is done by the thing before it.)
    const after = np ? np.at(-1)! + 2 : n;
    const objectless = after >= n || !['DET', 'NOUN', 'PROPN', 'PRON', 'ADJ', 'NUM'].includes(text.tags[after]!);
    if (np && (i === 0 || text.tags[i - 1] === 'PUNCT') && servedVerb(text, np.at(-1)! + 1) && objectless && thingDone(text, np)) spans.push({ indices: np, served: np.at(-1)! + 1, passive: true });
    // ("an attitude to people": the tagger read "people" as a verb.)
    // ("easy to get an appointment", "I can get help": getting a thing is what the person can do.)
    // ("able to get home" is a way somewhere, as a light verb's phrase already is.)
    const canGet = text.tags[i] === 'VERB' && text.lemmas[i]!.toLowerCase() === 'get' && i >= 2 && i + 1 < n && !directions.has(lower(i + 1)) && ((lower(i - 1) === 'to' && easeWords.has(lower(i - 2))) || ableWords.has(lower(i - 1)));
    // ("Stay on the farm.", "Get a job in town": what is important for the future, said as a
    // statement's first word, is the person's own wish; "Stop closing day centres" asks others.)
    const wished = wishes && sentenceStart(text, i) && lower(i) === text.lemmas[i]!.toLowerCase() && text.tags[i + 1] !== 'VERB' && !/ing$/.test(text.words[i + 1] ?? '');
    // ("Pay care staff properly", "Tell families early": a wish that starts with what is done to
    // the people who give the care, or to families, asks others to do it: "I want care staff paid".)
    const asked = wished && text.tags[i] === 'VERB' && !lightVerbs.has(text.lemmas[i]!.toLowerCase()) ? nounPhrase(i + 1) : undefined;
    if (asked && !possessives.has(lower(asked[0]!)) && (!singular(text, asked.at(-1)!) || groupWords.has(lower(asked.at(-1)!))) && careGivers.has(text.lemmas[asked.at(-1)!]!.toLowerCase().replace(/s$/, ''))) {
      spans.push({ indices: asked, handled: i, imperative: true });
      continue;
    }
    if (text.tags[i] !== 'VERB' || wishVerbs.has(text.lemmas[i]!.toLowerCase()) || personWords.has(lower(i)) || (!personDoes(text, i) && !canGet && !wished)) continue;
    // The verb, then what it is done to: a few small words, then a noun phrase; or a question
    // ("know who is coming"); or how it leaves the person ("feel safe").
    let j = i + 1;
    if (j < n && text.tags[j] === 'ADJ' && linkingVerbs.has(text.lemmas[i]!.toLowerCase()) && !(j + 1 < n && modifier(j + 1))) {
      spans.push({ indices: range(i, j), verb: i });
    }
    if (j < n && whWords.has(lower(j))) {
      // ("an easy thing to do when he's scared": after a verb that says little, "when" or "if"
      // starts a clause of its own, not what is done; "do what I like", "go where I want" are.)
      const end = whClauseEnd(j);
      if (end > j && !(lightVerbs.has(text.lemmas[i]!.toLowerCase()) && !objectWh.has(lower(j)))) spans.push({ indices: range(i, end), verb: i });
      continue;
    }
    // A verb that says little on its own ("get", "go") leads a phrase only on its way somewhere
    // ("get to the shops"): "get the forms" would drop what the person said about them.
    // ("put on a heart monitor" is no way anywhere.)
    if (lightVerbs.has(text.lemmas[i]!.toLowerCase()) && !canGet && !(j < n && text.tags[j] === 'ADP' && directions.has(lower(j)))) continue;
    let small = 0;
    let self = false;
    let clause = false;
    while (j < n && small < 3 && ['ADP', 'PART', 'ADV', 'PRON'].includes(text.tags[j]!) && !possessives.has(lower(j)) && !whWords.has(lower(j))) {
      if (personWords.has(lower(j))) self = true;
      // "someone to talk to at the start": the verb's own word has lost its object, and what follows says when or where.
      if (text.tags[j] === 'ADP' && text.tags[j + 1] === 'ADP' && !particles.has(lower(j))) clause = true;
      if (negations.has(lower(j)) || lower(j).endsWith("n't") || (text.tags[j] === 'PRON' && sayingVerbs.has(text.lemmas[i]!.toLowerCase()))) clause = true;
      j++;
      small++;
    }
    // "take my bag with me to hospital" read as "take with me to hospital": what the person does
    // to themselves is a phrase with its object lost. "I know its not their fault": what follows
    // a denial, or what someone is said to know or think, is a clause of its own, not the object.
    if (self || clause) continue;
    if (j < n && whWords.has(lower(j))) {
      // "listen to what I say"
      const end = whClauseEnd(j);
      if (end > j) spans.push({ indices: range(i, end), verb: i });
      continue;
    }
    const object = nounPhrase(j);
    if (object) spans.push({ indices: range(i, object.at(-1)!), verb: i });
    // "live on my own", "manage on his own": no object, but where and how is said.
    else if (j + 1 < n && possessives.has(lower(j)) && lower(j + 1) === 'own' && !(j + 2 < n && modifier(j + 2))) spans.push({ indices: range(i, j + 1), verb: i });
  }
  return spans;
}

/**
 * How others left the person: "put me at ease", "kept me informed", "keep us updated", "made me
 * feel safe", "put my mind at ease". The verb, then the person (or their mind, or someone of
 * theirs), then a state: a quality, a participle, or a few words of place ("at ease", "in the loop").
 */
function leftSo(text: TaggedText, i: number): Span | undefined {
  const n = text.words.length;
  const lower = (k: number) => text.words[k]!.toLowerCase();
  if (text.tags[i] !== 'VERB' || !leavingVerbs.has(text.lemmas[i]!.toLowerCase())) return undefined;
  let j = i + 1;
  let owned: number | undefined;
  if (j < n && personWords.has(lower(j))) j++;
  else if (j + 1 < n && possessives.has(lower(j)) && text.tags[j + 1] === 'NOUN') {
    // ("kept my husband calm" leaves the person's family so, said as the person.)
    if (!family.has(text.lemmas[j + 1]!.toLowerCase())) owned = j + 1;
    j += 2;
  } else return undefined;
  const feel = text.lemmas[i]!.toLowerCase() === 'make' && j < n && text.lemmas[j]!.toLowerCase() === 'feel';
  if (feel) j++;
  // "made me very comfortable"
  while (j < n && text.tags[j] === 'ADV' && degreeWords.has(lower(j))) j++;
  if (j >= n) return undefined;
  let end: number | undefined;
  if (text.tags[j] === 'ADJ' || (text.tags[j] === 'VERB' && /(?:ed|ing)$/.test(lower(j)))) end = j;
  // ("at ease": the tagger reads "ease" as a verb too.)
  else if (text.tags[j] === 'ADP' && j + 1 < n && (text.tags[j + 1] === 'NOUN' || (text.tags[j + 1] === 'VERB' && lower(j + 1) === text.lemmas[j + 1]!.toLowerCase()))) end = j + 1;
  // "made me feel" alone, or "made me a cup of tea": no state; "made me better" says how much, not how.
  if (end === undefined || (end === j && (emptyPraise.has(lower(j)) || moreWords.has(lower(j)))) || (text.lemmas[i]!.toLowerCase() === 'make' && !feel && text.tags[j] !== 'ADJ')) return undefined;
  const state = range(j, end);
  return { indices: [i, ...state], left: i, feel, ...(owned !== undefined && { owned }) };
}

/**
 * How the person was left, said of them: "I was put at ease", "we were kept informed", "my son was
 * made to feel very comfortable", "Was kept informed". The person, someone of theirs or no one is
 * the subject ("the room was kept clean" leaves no person so).
 */
function leftSoPassive(text: TaggedText, i: number): Span | undefined {
  const n = text.words.length;
  const lower = (k: number) => text.words[k]!.toLowerCase();
  const lemma = text.lemmas[i]!.toLowerCase();
  if (text.tags[i] !== 'VERB' || !leavingVerbs.has(lemma)) return undefined;
  let b = i - 1;
  while (b >= 0 && text.tags[b] === 'ADV') b--;
  if (b < 0 || text.tags[b] !== 'AUX' || text.lemmas[b]!.toLowerCase() !== 'be') return undefined;
  const subject = b - 1;
  const person = subject < 0 || text.tags[subject] === 'PUNCT' || subjects.has(lower(subject)) || lower(subject) === 'he' || lower(subject) === 'she' || family.has(text.lemmas[subject]!.toLowerCase());
  if (!person) return undefined;
  let j = i + 1;
  const feel = lemma === 'make' && j + 1 < n && lower(j) === 'to' && text.lemmas[j + 1]!.toLowerCase() === 'feel';
  if (feel) j += 2;
  while (j < n && text.tags[j] === 'ADV' && degreeWords.has(lower(j))) j++;
  if (j >= n) return undefined;
  let end: number | undefined;
  // ("left alone", "left behind": how one is left may be said as an adverb.)
  if (text.tags[j] === 'ADJ' || (text.tags[j] === 'VERB' && /(?:ed|ing)$/.test(lower(j))) || (lemma === 'leave' && text.tags[j] === 'ADV' && /^\p{L}+$/u.test(text.words[j]!))) end = j;
  else if (text.tags[j] === 'ADP' && j + 1 < n && (text.tags[j + 1] === 'NOUN' || (text.tags[j + 1] === 'VERB' && lower(j + 1) === text.lemmas[j + 1]!.toLowerCase()))) end = j + 1;
  if (end === undefined || (end === j && (emptyPraise.has(lower(j)) || moreWords.has(lower(j)))) || (lemma === 'make' && !feel && text.tags[j] !== 'ADJ')) return undefined;
  return { indices: [i, ...range(j, end)], left: i, feel };
}

/** Verbs that leave the person some way: "put me at ease", "kept me informed", "made me feel safe". */
const leavingVerbs = new Set(['put', 'keep', 'make', 'leave']);

/**
 * Whether the verb at i is something the person does: "I", "we" or the person spoken of ("he",
 * "she", "they") is its subject, or it follows "to" ("I want to see …").
 */
function personDoes(text: TaggedText, i: number): boolean {
  // "I was talked over", "I was not treated with respect": the person is what the verb is done
  // to, not its doer.
  let b = i - 1;
  while (b >= 0 && (text.tags[b] === 'ADV' || text.tags[b] === 'PART' || negations.has(text.words[b]!.toLowerCase()))) b--;
  const before = text.words[b]?.toLowerCase() ?? '';
  if (passiveMarkers.has(before) && text.lemmas[i]!.toLowerCase() !== text.words[i]!.toLowerCase() && !/ing$/i.test(text.words[i]!)) return false;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = text.words[j]!.toLowerCase();
    if (subjects.has(w)) return true;
    // "I want to see …" and "a reason to get up" are the person's doing; "I want people to
    // listen" and "ask them to call" are someone else's.
    if (w === 'to' && text.tags[j] === 'PART') {
      const doer = text.words[j - 1]?.toLowerCase() ?? '';
      const lemma = text.lemmas[j - 1]?.toLowerCase() ?? '';
      // "I want to", "able to", "I'd love to": the person's wish; "a reason to get up" too.
      if (wishingWords.has(lemma) || wishingWords.has(doer)) return !(j >= 2 && passiveMarkers.has(text.words[j - 2]!.toLowerCase())) && !othersWish(text, j - 1);
      // "I want people to listen", "asked them to call": someone else's doing.
      if (text.tags[j - 1] === 'NOUN') {
        for (let k = j - 2; k >= 0 && k >= j - 4; k--) if (askingVerbs.has(text.lemmas[k]!.toLowerCase())) return false;
        return true;
      }
      // "someone calling to see me", "I was asked to answer", "nobody to answer the phone".
      return false;
    }
    if (!['AUX', 'PART', 'ADV'].includes(text.tags[j]!)) return false;
  }
  return false;
}

/**
 * Whether someone other than the person plainly does the verb at i: a thing or person named as its
 * subject ("the dispatcher sent", "staff never answer"), "nobody" or "someone" ("someone to answer
 * the call"), or someone else's wish ("the GP decided to refer"). "He", "she" and "they" can be the
 * person, so they do not count.
 */
function othersDoer(text: TaggedText, i: number): boolean {
  // "staff answering the phone", "hearing aids": a form in -ing says no deed done.
  if (/ing$/i.test(text.words[i]!) || sayingVerbs.has(text.words[i]!.toLowerCase()) || sayingVerbs.has(text.lemmas[i]!.toLowerCase())) return false;
  // "Answered the phone sooner", "Rang back with the time": a statement that starts with what was
  // done, with no one doing it, tells what the service did or should have done.
  if (sentenceStart(text, i) && text.tags[i] === 'VERB' && text.words[i]!.toLowerCase() !== text.lemmas[i]!.toLowerCase()) {
    // ("Automated system was very sensitive": before a thing that goes on to do something, it
    // says what the thing is, not what was done to it.)
    let k = i + 1;
    while (k < text.tags.length && ['NOUN', 'PROPN', 'ADJ'].includes(text.tags[k]!)) k++;
    return k === i + 1 || (text.tags[k] !== 'AUX' && text.tags[k] !== 'VERB');
  }
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = text.words[j]!.toLowerCase();
    if (subjects.has(w) || passiveMarkers.has(w)) return false;
    if (w === 'to' && text.tags[j] === 'PART') {
      const before = text.words[j - 1]?.toLowerCase() ?? '';
      return othersWords.has(before) || othersWish(text, j - 1);
    }
    if (othersWords.has(w)) return true;
    // ("Dad pays the full cost of his care": the person's family do what the person does, so
    // nothing is wanted done to the thing, never "I want the full cost of my care paid".)
    if (text.tags[j] === 'NOUN' || text.tags[j] === 'PROPN') return !ofFamily(text.lemmas[j]!);
    if (!['AUX', 'PART', 'ADV'].includes(text.tags[j]!) && !(negations.has(w) || w.endsWith("n't"))) return false;
  }
  return false;
}

/** Whether the word at i is a deed done, said in the past ("answered", "sorted"), that is no trouble in itself. */
function servedVerb(text: TaggedText, i: number): boolean {
  if (i >= text.words.length || text.tags[i] !== 'VERB') return false;
  const word = text.words[i]!.toLowerCase();
  const lemma = text.lemmas[i]!.toLowerCase();
  // ("received a phone call": what the person was given is theirs, not a deed done to their thing.)
  if (word === lemma || (/ing$/.test(word) && !gerundDeed(text, i)) || lightVerbs.has(lemma) || wishVerbs.has(lemma) || sayingVerbs.has(lemma) || mindVerbs.has(lemma) || badDoings.has(lemma) || forPeople.has(lemma) || lemma === 'receive') return false;
  return moodOfScore(text.moods[i]!) !== 'bad' && !negated(text, i) && !saysWhatKind(text, i);
}

/**
 * Whether a verb's past form says what kind of thing follows it, as a quality does: after "a",
 * "the", a possessive, "with" or "has", and straight before a bare noun ("people with lived
 * experience", "the tutor has lived experience", "my son's supported living staff"), it is no deed done to it.
 */
function saysWhatKind(text: TaggedText, i: number): boolean {
  const before = text.words[i - 1]?.toLowerCase() ?? '';
  const after = i + 1;
  if (text.tags[i] !== 'VERB' || !/ed$/i.test(text.words[i]!) || !['NOUN', 'PROPN', 'ADJ'].includes(text.tags[after] ?? '')) return false;
  return keptDeterminers.has(before) || possessives.has(before) || before === "'s" || text.tags[i - 1] === 'ADP' || /^(?:has|have|had)$/.test(before);
}

/**
 * A deed praised as a doing at the start of a clause, done to all of it or to the person's own
 * thing: "Explaining things very clearly", "[name] explaining things", "Sorting out my meds".
 * (Not "Playing bingo": what the person does with their day is no deed done for them.)
 */
function gerundDeed(text: TaggedText, i: number): boolean {
  if (i > 0 && text.tags[i - 1] !== 'PUNCT') return false;
  const next = i + 1 < text.words.length && particles.has(text.words[i + 1]!.toLowerCase()) ? i + 2 : i + 1;
  return allOf(text, next) || possessives.has(text.words[next]?.toLowerCase() ?? '');
}

/** The verbs a wall's statements use with an object straight after them ("answered my questions"). */
function takesObject(wall: readonly TaggedText[]): Set<string> {
  let verbs = objectCache.get(wall);
  if (!verbs) {
    verbs = new Set();
    for (const t of wall) {
      t.tags.forEach((tag, k) => {
        const next = t.words[k + 1]?.toLowerCase();
        // ("arrived a little late", "came the next day": no object.)
        const thing = t.tags[k + 2] === 'NOUN' && !timeSpans.has(t.lemmas[k + 2]!.toLowerCase()) && !timeWords.has(t.lemmas[k + 2]!.toLowerCase()) && !fillerNouns.has(t.words[k + 2]!.toLowerCase());
        if (tag === 'VERB' && next !== undefined && (keptDeterminers.has(next) || possessives.has(next)) && thing) verbs!.add(t.lemmas[k]!.toLowerCase());
      });
    }
    objectCache.set(wall, verbs);
  }
  return verbs;
}

const objectCache = new WeakMap<readonly TaggedText[], Set<string>>();

/** Deeds done to a person, whatever their object says ("helped my coping", "treated my husband"): those are "being helped". */
const forPeople = new Set(['help', 'support', 'treat', 'care', 'reassure', 'look', 'listen', 'visit', 'see', 'meet', 'welcome', 'thank']);

/** The person the service is for, and their family. */
/**
 * Whether a lemma names the person or their family; "Patients", a capital that starts a sentence,
 * keeps its plural as its lemma.
 */
function ofFamily(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  return family.has(lower) || family.has(lower.replace(/s$/, ''));
}

const family = new Set([
  'husband', 'wife', 'partner', 'son', 'daughter', 'mum', 'mam', 'mom', 'mother', 'dad', 'father', 'parent', 'child', 'baby', 'brother', 'sister', 'grandson', 'granddaughter', 'patient',
  // ("I want a good aunt", "I value good grandchildren", "I want good young adults", "I value wheelchair users": whom the service is for.)
  'aunt', 'auntie', 'uncle', 'niece', 'nephew', 'cousin', 'grandchild', 'grandchildren', 'grandma', 'grandmother', 'grandad', 'granddad', 'grandfather', 'nan', 'nana', 'adult', 'user', 'client', 'pensioner',
]);

/** People a person speaks of as theirs. */
const kin = new Set(['husband', 'wife', 'partner', 'son', 'daughter', 'mum', 'mother', 'dad', 'father', 'child', 'children', 'baby', 'brother', 'sister', 'friend', 'friends', 'man', 'woman', 'lady', 'men', 'women', 'person']);

/** Whether a noun phrase names a thing a deed can be done to: not a person, a time or a filler. */
function thingDone(text: TaggedText, np: readonly number[]): boolean {
  const head = text.words[np.at(-1)!]!.toLowerCase();
  const lemma = text.lemmas[np.at(-1)!]!.toLowerCase();
  return !personWords.has(head) && !kin.has(lemma) && !timeSpans.has(lemma) && !timeWords.has(lemma) && !fillerNouns.has(head) && !(np.length === 1 && text.tags[np[0]!] === 'PROPN');
}

/** Words that say a thing is easy to do ("easy to get an appointment"). */
const easeWords = new Set(['easy', 'easier', 'simple']);

/** Words that say the person can do a thing ("I can get help"). */
const ableWords = new Set(['can', 'could']);

/** The forms of "be" (and "get") that make a passive: "was dealt with", "got sorted". */
const passiveBe = new Set(['was', 'were', 'been', 'is', 'are', 'be', 'being', 'got', 'get', 'gets']);

/** People a passive can be said of: "I was spoken to", "he was seen". */
const pronounSubjects = new Set(['i', 'we', 'he', 'she', 'they', 'you']);

/** Prepositions a passive can end on: "dealt with", "seen to", "looked at". */
const stranded = new Set(['with', 'to', 'at', 'for', 'about']);

/** Whether the clause ends at word i: the end, punctuation, a joining word or a word that says how. */
function endsClause(text: TaggedText, i: number): boolean {
  return i >= text.words.length || ['PUNCT', 'CCONJ', 'SCONJ', 'ADV'].includes(text.tags[i]!);
}

/** Whether the words at i say all of a thing: "everything", "things", "it all", "all of it" (the tagger reads "everything" as a verb). */
function allOf(text: TaggedText, i: number): boolean {
  const at = (k: number) => text.words[k]?.toLowerCase();
  return at(i) === 'everything' || at(i) === 'things' || (at(i) === 'it' && at(i + 1) === 'all') || (at(i) === 'all' && at(i + 1) === 'of' && at(i + 2) === 'it');
}

/** Whether the deed at i was done by others, or by no one named: "they answered", "Answered our questions", never "I sorted". */
function othersServed(text: TaggedText, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const w = text.words[j]!.toLowerCase();
    if (subjects.has(w)) return false;
    if (text.tags[j] === 'PUNCT') return true;
  }
  return true;
}

/**
 * Whether the verb at i is asked of others or missed in them: said as a bare command at the start
 * of a sentence ("Listen to us more"), after "should", "could" or "need to" without the person as
 * its subject ("Dr needs to listen"), or denied of others ("staff don't listen").
 */
function othersDo(text: TaggedText, i: number): boolean {
  const word = text.words[i]!.toLowerCase();
  if (word !== text.lemmas[i]!.toLowerCase()) return false;
  // ("didn’t", with a curly apostrophe, as Word and phones write it.)
  const before = (k: number) => text.words[k]?.toLowerCase().replace(/\u2019/g, "'") ?? '';
  // A command: the verb starts its sentence.
  if (i === 0 || /^[.!?;]$/.test(before(i - 1))) return true;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const w = before(j);
    if (subjects.has(w) || w === 'me' || w === 'myself') return false;
    // ("he could hardly talk": what someone was barely able to do is no deed asked of anyone.)
    if (barely.has(w)) return false;
    if (askedOf.has(w) || (w === 'to' && ['need', 'needs', 'have', 'has', 'ought'].includes(before(j - 1)))) {
      // "I should see", "we need to listen": the person's doing, not others'.
      for (let k = j - 1; k >= 0 && k >= j - 3; k--) if (subjects.has(before(k))) return false;
      return true;
    }
    if (negations.has(w) || w.endsWith("n't")) {
      for (let k = j - 1; k >= 0 && k >= j - 3; k--) {
        if (subjects.has(before(k))) return false;
        // Someone else, named or not: "staff don't", "they never", "nobody".
        if (['NOUN', 'PROPN', 'PRON'].includes(text.tags[k]!) && !possessives.has(before(k))) return true;
      }
      return false;
    }
    if (!['AUX', 'PART', 'ADV'].includes(text.tags[j]!)) return false;
  }
  return false;
}

const askedOf = new Set(['should', 'could', 'must', 'would']);

/** Words that say a deed was barely possible. */
const barely = new Set(['hardly', 'barely', 'scarcely']);

/**
 * Whether what the verb at i is done to is the person: "listen to us", "see me", "help them"; or
 * nothing is said ("Dr needs to listen"), for a verb the theme elsewhere does to the person.
 */
function doneToPerson(text: TaggedText, i: number): boolean {
  let j = i + 1;
  if (j < text.words.length && text.tags[j] === 'ADP') j++;
  const next = text.words[j]?.toLowerCase() ?? '';
  if (personWords.has(next)) return true;
  // "Listen to what the patient is saying": heeding what someone says is heeding them.
  if (next === 'what' && usualJoins[text.lemmas[i]!.toLowerCase()] === text.words[i + 1]?.toLowerCase()) return true;
  // Nothing after it but how, or the end: "listen more", "Dr needs to listen."
  return j >= text.words.length || text.tags[j] === 'PUNCT' || text.tags[j] === 'CCONJ' || (text.tags[j] === 'ADV' && j === i + 1);
}

/**
 * Whether the verb at i is done to the person, said outright: "listened to me", "reassured us";
 * or, for a verb of heeding, to what the person says: "listened to my answers", "listened to what
 * I said" (not "spoke to my husband": the family are others).
 */
function personObject(text: TaggedText, i: number): boolean {
  let j = i + 1;
  if (j < text.words.length && text.tags[j] === 'ADP') j++;
  const next = text.words[j]?.toLowerCase() ?? '';
  if (next === 'me' || next === 'us' || next === 'him' || next === 'her' || next === 'them') return true;
  if (usualJoins[text.lemmas[i]!.toLowerCase()] !== text.words[i + 1]?.toLowerCase()) return false;
  if (next === 'what') return true;
  return (next === 'my' || next === 'our') && text.tags[j + 1] === 'NOUN' && !family.has(text.lemmas[j + 1]!.toLowerCase());
}

/**
 * Whether the verb at i says what was done to the statement's subject, with its preposition left
 * at the end: "I felt listened to", "we were never spoken to", "he was attended to".
 */
function doneToSubject(text: TaggedText, i: number): boolean {
  const n = text.words.length;
  const lower = (k: number) => text.words[k]!.toLowerCase();
  if (text.tags[i] !== 'VERB' || lower(i) === text.lemmas[i]!.toLowerCase() || lower(i).endsWith('ing')) return false;
  // "listened to." ends there; "treated with respect" says how (`mannerOf`).
  const how = lower(i + 1 < n ? i + 1 : i) === 'with' && ['NOUN', 'DET', 'ADJ'].includes(text.tags[i + 2] ?? '');
  if (!how && (text.tags[i + 1] !== 'ADP' || !(i + 2 >= n || ['PUNCT', 'CCONJ'].includes(text.tags[i + 2]!)))) return false;
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    if (passiveLeads.has(lower(j))) return true;
    if (!['ADV', 'PART', 'ADJ', 'VERB', 'CCONJ'].includes(text.tags[j]!)) return false;
  }
  return false;
}

/** Words that lead a verb done to the subject: "felt listened to", "was spoken to". */
const passiveLeads = new Set(['felt', 'feel', 'feels', 'was', 'were', 'am', 'is', 'are', 'been', 'being', 'get', 'got', 'getting']);

/** Words for the person, or the people, a thing is done to. */
const personWords = new Set(['me', 'us', 'you', 'him', 'her', 'them', 'people', 'patients', 'patient', 'families', 'family', 'carers']);

/**
 * Whether the person asks not to do what the verb at i says: "not having to start from scratch",
 * "I don't want to repeat my story", "no need to chase them"; or is made to do it, which is the
 * complaint where it is not working: "having to go through the same questions", "I have to ring
 * every day".
 */
function notWanted(text: TaggedText, i: number): boolean {
  if (text.words[i - 1]?.toLowerCase() !== 'to') return false;
  const lead = text.lemmas[i - 2]?.toLowerCase() ?? '';
  if (!['have', 'want', 'need'].includes(lead)) return false;
  return lead === 'have' || negated(text, i - 2) || (text.words[i - 3]?.toLowerCase() === 'no' && lead === 'need');
}

/**
 * Words after what the person was made to do that are the complaint itself: "I've had to pay my PA
 * late" is no complaint of paying, nor "we had to pay privately" of paying at all. Said in the name
 * with the deed (" late"), or "" where none follows the word at i.
 */
const complaintManners = new Set(['late', 'early', 'alone', 'myself', 'ourselves', 'privately']);
function howMadeTo(text: TaggedText, i: number): string {
  const next = text.words[i + 1]?.toLowerCase();
  return next !== undefined && complaintManners.has(next) ? ` ${next}` : '';
}

/** Whether "we" do the verb at i: "we can't recruit", "we have to close cases". */
function saidByUs(text: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (['ADV', 'AUX', 'PART'].includes(text.tags[j]!) || /^(?:can|could|cannot|can't|have|has|had|to|need|try|tries|tried)$/.test(text.words[j]!.toLowerCase()))) j--;
  return text.words[j]?.toLowerCase() === 'we';
}

/** The helper of a deed done ("I've asked", "we have phoned"), which tells it as plainly as "I asked". */
const perfect = new Set(['have', "'ve", '’ve', 'has', 'had', "'d", 've']);

/** Whether the verb at i tells what the person did: "I" or "we" just before it, and no denial ("I can't get out" is a wish). */
function told(text: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.tags[j] === 'ADV' || (text.tags[j] === 'AUX' && perfect.has(text.words[j]!.toLowerCase()))) && !negations.has(text.words[j]!.toLowerCase())) j--;
  const subject = text.words[j]?.toLowerCase();
  return (subject === 'i' || subject === 'we') && !negated(text, i);
}

/** Words that say where a light verb goes: "get to the shops", "go out with friends". */
const directions = new Set(['to', 'into', 'out', 'back', 'through', 'round', 'around', 'home', 'up', 'down', 'in', 'over', 'from', 'off', 'away', 'outside', 'onto']);

/** Verbs that say how a person is, with an adjective: "feel safe", "stay independent". */
const linkingVerbs = new Set(['feel', 'stay', 'be', 'become', 'keep', 'remain', 'get', 'look']);

/** Words before "to" that make what follows the person's own wish or doing: "I want to", "able to". */
const wishingWords = new Set(['want', 'need', 'like', 'love', 'hope', 'wish', 'able', 'unable', 'have', 'try', 'get', 'go', 'going', 'prefer', 'use', 'start', 'learn', 'manage', 'afford', 'choose', 'decide', 'plan', 'would', 'chance', 'reason', 'way', 'somewhere', 'something']);

/**
 * Whether the wish or attempt at k is someone else's: "the dispatcher decided to send", "staff
 * tried to help". The person's own ("I decided to move") has "I" or "we" as its subject.
 */
function othersWish(text: TaggedText, k: number): boolean {
  if (text.tags[k] !== 'VERB' && text.tags[k] !== 'AUX') return false;
  // "Staff showed patience in trying to understand my needs": an attempt after a preposition is
  // made by whoever its clause starts with.
  if (/ing$/i.test(text.words[k]!) && text.tags[k - 1] === 'ADP') {
    let start = k - 1;
    while (start > 0 && text.tags[start - 1] !== 'PUNCT' && text.tags[start - 1] !== 'SCONJ') start--;
    const w = text.words[start]!.toLowerCase();
    return !subjects.has(w) && (text.tags[start] === 'NOUN' || text.tags[start] === 'PROPN' || othersWords.has(w) || (pronounSubjects.has(w) && w !== 'you'));
  }
  for (let j = k - 1; j >= 0 && j >= k - 4; j--) {
    const w = text.words[j]!.toLowerCase();
    if (subjects.has(w)) return false;
    if (text.tags[j] === 'NOUN' || text.tags[j] === 'PROPN' || othersWords.has(w)) return true;
    if (!['AUX', 'PART', 'ADV'].includes(text.tags[j]!)) return false;
  }
  return false;
}

/**
 * What people are said to be doing to a thing, however the tagger read it: "more people answering
 * the phones", "staff answering calls" (the tagger reads "answering" as a thing). The verb's plain
 * forms it may have: "answer"; "making" gives "mak" and "make".
 */
function peopleDoing(t: TaggedText): string[] {
  return t.words.flatMap((w, k) => {
    const lower = w.toLowerCase();
    if (k === 0 || !/^\p{L}{3,}ing$/u.test(lower) || !doingPeople.has(t.words[k - 1]!.toLowerCase())) return [];
    if (!['DET', 'NOUN', 'PROPN', 'VERB'].includes(t.tags[k + 1] ?? '') && !possessives.has(t.words[k + 1]?.toLowerCase() ?? '')) return [];
    const stem = lower.slice(0, -3);
    return [stem, `${stem}e`, ...(/(\p{L})\1$/u.test(stem) ? [stem.slice(0, -1)] : [])];
  });
}

/** Whether a span answers the phone ("answer phone", "answer the call"): a deed of those the person rings. */
function answersPhone(text: TaggedText, span: Span): boolean {
  return text.lemmas[span.verb!]!.toLowerCase() === 'answer' && ['phone', 'telephone', 'call', 'line'].includes(text.lemmas[span.indices.at(-1)!]!.toLowerCase());
}

/** Who is said to be doing a thing, said before it: "people answering the phones". */
const doingPeople = new Set(['people', 'staff', 'someone', 'somebody', 'nobody', 'anyone', 'anybody']);

/** Someone who is not the person: "someone", "nobody". */
const othersWords = new Set(['someone', 'somebody', 'nobody']);

/** The people a wish can ask something to be done to, in the plural: those who give the care, and families. */
const careGivers = new Set(['staff', 'carer', 'worker', 'careworker', 'nurse', 'doctor', 'professional', 'family', 'parent', 'people']);

/** How long, not what: "wait a long time" does nothing to a thing. */
const timeWords = new Set(['time', 'while', 'ages', 'age', 'moment', 'second', 'seconds']);

/** Times of day, week and year, and the start of things: when something happens, never the thing a name is about ("I want the autumn"). */
const timesOfDay = new Set(['morning', 'afternoon', 'evening', 'night', 'weekend', 'weekday', 'spring', 'summer', 'autumn', 'winter', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start', 'beginning']);

/** Whether a lemma is a time of day, week or year, in either number ("Sundays", whose lemma the tagger leaves plural as a name's). */
function timeOfDay(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  return timesOfDay.has(lower) || timesOfDay.has(lower.replace(/s$/, ''));
}

/** Verbs that ask someone else to do a thing: "I want people to listen". */
const askingVerbs = new Set(['want', 'need', 'like', 'ask', 'tell', 'expect', 'allow', 'encourage', 'wish', 'beg', 'remind']);
const passiveMarkers = new Set(['was', 'were', 'been', 'being', 'be', 'is', 'are', 'am', "'m", 'get', 'got', 'gets', 'getting']);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** The span as words in the person's own voice: their verb in its plain form, "my" for "his". */
function voiced(text: TaggedText, span: Span): string | undefined {
  // "I'm", "they've" inside a phrase: a broken piece of a sentence, not a name.
  if (span.indices.some((i) => /^(?:i|you|we|they|he|she|it)['’]/i.test(text.words[i]!))) return undefined;
  if (span.indices.some((i) => othersOwn(text, i))) return undefined;
  const words = span.indices.map((i) => {
    const word = text.words[i]!.replace(/[\u2018\u2019]/g, "'");
    const lower = word.toLowerCase();
    if (i === span.verb) return text.lemmas[i]!.toLowerCase();
    if (lower === 'i') return 'I';
    if (otherPeople[lower]) return otherPeople[lower];
    // Acronyms keep their capitals, and so do names but at the start of a sentence, where any
    // word has one; other words are lower case inside a sentence.
    const acronym = word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word);
    const name = text.tags[i] === 'PROPN' && i > 0 && !/^[.!?]$/.test(text.words[i - 1]!);
    return acronym || name ? word : lower;
  });
  let out = '';
  span.indices.forEach((i, k) => (out += (k > 0 && text.spaced[i] ? ' ' : '') + words[k]));
  if (/\d/.test(out)) return undefined;
  return out;
}

/**
 * Whether the word at i is "their" in a statement that also speaks of "they" or "them": "thank
 * them for all their hard work". Then it is most likely the others' and not the person's, so it
 * is never the person's "my".
 */
function othersOwn(text: TaggedText, i: number): boolean {
  return text.words[i]!.toLowerCase() === 'their' && text.words.some((w) => ['they', 'them'].includes(w.toLowerCase()));
}

/** Sets a phrase in the first-person frame that fits the category and the phrase. */
function frame(category: Category, text: TaggedText, span: Span, theme: readonly TaggedText[], wall: readonly TaggedText[]): string | undefined {
  if (span.left !== undefined) return leftFrame(category, text, span);
  // ("asked the same questions" is no wish: where it is not working, "different" says it.)
  if (span.same) {
    const said = voiced(text, span);
    // "the same worker" is continuity where the theme speaks of the worker changing or staying;
    // "the same problem" is not.
    if (span.single && !changingTalk(theme, text.lemmas[span.indices.at(-1)!]!.toLowerCase())) return undefined;
    return category === 'not_working' || !said ? undefined : thingFrame(category, said);
  }
  if (span.done !== undefined) {
    // What others should do, where it is not working or wanted; what they did, where it works.
    if (category === 'working') return span.asked ? undefined : doneFrame(text, span.done, theme, 'I value being', 2);
    return span.asked ? doneFrame(text, span.done, theme, 'I want to be', 1) : undefined;
  }
  if (span.bare !== undefined) return category === 'working' ? bareQualityFrame(text, span.bare, theme, wall) : undefined;
  if (span.handled !== undefined) return category === 'not_working' ? handledFrame(text, span, slowTalk(theme)) : category === 'future' && span.imperative ? handledFrame(text, span) : undefined;
  if (span.served !== undefined) {
    // "Help arrived quickly" is no help done to: a verb read as done to a thing must be seen with an object somewhere on the wall.
    if (span.passive && !takesObject(wall).has(text.lemmas[span.served]!.toLowerCase())) return undefined;
    return category === 'working' ? servedFrame(text, span) : undefined;
  }
  let phrase = voiced(text, span);
  if (!phrase) return undefined;
  if (span.verb !== undefined) {
    const verb = text.lemmas[span.verb]!.toLowerCase();
    // "wait for ambulance": a lone thing after "for", "to" or "with" takes the determiner the
    // theme's statements give it ("wait for an ambulance").
    const last = span.indices.at(-1)!;
    // ("see dentist", "get appointment": one thing English counts, seen or had, straight after the
    // verb, takes one too, or "a".)
    const object = last === span.verb + 1 && oneOfVerbs.has(verb) && countability(text.lemmas[last]!.toLowerCase()) === 'counted';
    if ((object || (last - 1 > span.verb && text.tags[last - 1] === 'ADP')) && text.tags[last] === 'NOUN' && singular(text, last) && !bareInstitutions.has(text.words[last]!.toLowerCase())) {
      const thing = text.words[last]!.toLowerCase();
      const det = givenDeterminer(thing, theme) ?? (object ? 'a' : undefined);
      if (det && phrase.endsWith(` ${thing}`)) phrase = `${phrase.slice(0, phrase.length - thing.length)}${det === 'a' && /^[aeiou]/.test(thing) ? 'an' : det} ${thing}`;
    }
    switch (category) {
      case 'working':
        // ("commitment to treat my brother": care given to the person's family is the staff's deed, not the person's.)
        if (forPeople.has(verb) && family.has(text.lemmas[last]!.toLowerCase())) return undefined;
        // ("I think the service is wonderful": what the person thinks or says is how they put it, not what they can do.)
        if (mindVerbs.has(verb) || verb === 'say' || verb === 'tell') return undefined;
        return `I can ${phrase}`;
      case 'not_working':
        // ("wait for a while" is how long, said the way the method says it: "so long".)
        // (Nor is "waited minutes" a wait of minutes: minutes are said of how long it felt.)
        if (burdenVerbs.has(verb) && (text.lemmas[last]!.toLowerCase() === 'while' || shortUnits.has(text.words[last]!.toLowerCase()))) return `I don't want to ${verb} so long`;
        if (burdenVerbs.has(verb) || notWanted(text, span.verb)) return `I don't want to ${phrase}${howMadeTo(text, last)}`;
        // "I face medical problem", "we went to A&E": what happened is told, not wished for.
        return told(text, span.verb) ? undefined : `I want to ${phrase}`;
      case 'future':
        return `I want to ${phrase}`;
    }
  }
  if (span.quality !== undefined) return qualityFrame(category, text, span, theme);
  const mood = moodOf(text, span);
  // What works, or what is wanted, is not a complaint ("I value problems").
  if (category !== 'not_working' && mood === 'bad') return undefined;
  if (category === 'not_working') return complaintFrame(text, span, phrase, theme, mood);
  // "I value ambulance" says nothing of why: a lone thing takes the quality its statements praise
  // it for most ("I value quick ambulances"), if they share one.
  const head = text.lemmas[span.indices.at(-1)!]!.toLowerCase();
  // "I value the staff" too, where the statements share what was good about them: "I value friendly
  // staff"; and a plural said with no determiner ("Paramedics were fast"), which is the same thing.
  const first = text.words[span.indices[0]!]!.toLowerCase();
  const plainThing = bareSingular(text, span) || ((first === 'the' || !(keptDeterminers.has(first) || possessives.has(first))) && span.indices.every((i) => text.tags[i] !== 'ADJ'));
  const quality = category === 'working' && plainThing && !abstractNoun.test(head) ? (sharedQuality(theme, head) ?? variedQualities(theme, head)) : undefined;
  if (quality) {
    // ("good service" is "friendly service": bare praise gives way to the quality.)
    const thing = phrase.replace(/^the /i, '').split(' ').filter((w, k, all) => k === all.length - 1 || !emptyPraise.has(w.toLowerCase())).join(' ');
    // ("friendly staff" already says it.)
    return thingFrame(category, thing.toLowerCase().split(' ').includes(quality) ? thing : qualified(quality, thing, text, span.indices.at(-1)!, theme));
  }
  // "I value good" says nothing: bare praise is said of the thing the theme speaks of most ("I value
  // good service"). A quality that says something ("caring") is left as the statements say it.
  if (category === 'working' && span.indices.length === 1 && emptyPraise.has(text.words[span.indices[0]!]!.toLowerCase())) {
    const thing = commonThing(theme, head);
    return thing ? thingFrame(category, qualified(phrase, thing.phrase, thing.text, thing.at, theme)) : undefined;
  }
  return thingFrame(category, withDeterminer(text, span, phrase, theme, wall));
}

/**
 * A quality said of nothing named ("Efficient.", "it was quick and easy") is said of the thing the
 * wall's statements most often give it ("I value efficient staff"), when two or more do. Praise
 * that says only how much ("excellent") names nothing.
 */
function bareQualityFrame(text: TaggedText, at: number, theme: readonly TaggedText[], wall: readonly TaggedText[]): string | undefined {
  const word = text.words[at]!.toLowerCase();
  const quality = text.tags[at] === 'ADV' ? mannerAdverb(word) : word;
  if (quality === undefined || emptyPraise.has(quality) || moodOfScore(text.moods[at]!) === 'bad' || negated(text, at)) return undefined;
  // A quality the theme hardly shares is one statement's remark ("quick" and "quickly" are one).
  const says = (t: TaggedText, k: number) => (t.tags[k] === 'ADJ' && t.words[k]!.toLowerCase() === quality) || (t.tags[k] === 'ADV' && mannerAdverb(t.words[k]!.toLowerCase()) === quality);
  if (theme.filter((t) => t.words.some((_, k) => says(t, k))).length < Math.min(2, theme.length)) return undefined;
  // The wall's, unless the theme never speaks of it and one of its own statements gives the
  // quality a thing ("Efficient service when I needed it", in a theme that never names the
  // paramedics the wall calls efficient).
  const wallHolder = qualityHolder(quality, wall);
  const named = (h: { text: TaggedText; at: number }) => theme.some((t) => t.lemmas.some((l, k) => l.toLowerCase() === h.text.lemmas[h.at]!.toLowerCase() && t.tags[k] === 'NOUN'));
  const best = wallHolder && !named(wallHolder) ? (qualityHolder(quality, theme, 1) ?? wallHolder) : wallHolder;
  if (!best) {
    // Given to no thing the wall names twice, the quality is said of whoever gave the help, where
    // two statements say it of them ("They were very prompt", "Very professional"): "I value them
    // being prompt". Never where it is said of a thing ("a normal adult environment"), a place
    // ("back to normal") or a doing ("easy to get to the centre").
    // (How a thing was done, "dealt with quickly", "responded very quickly to my call", is said of them too.)
    // ("I felt so safe", "make me feel safe": how the person felt is theirs, not a quality of others.)
    const felt = (t: TaggedText, k: number) => {
      let j = k - 1;
      while (j >= 0 && t.tags[j] === 'ADV') j--;
      return j >= 0 && t.lemmas[j]!.toLowerCase() === 'feel';
    };
    // ("I like my flat": a word after "my" is a thing the tagger took for a quality.)
    const ofThem = (t: TaggedText, k: number) => says(t, k) && !felt(t, k) && (t.tags[k] === 'ADV' || (t.tags[k - 1] !== 'ADP' && t.tags[k - 1] !== 'DET' && !possessives.has(t.words[k - 1]?.toLowerCase() ?? '') && !['NOUN', 'PROPN'].includes(t.tags[k + 1] ?? '') && t.words[k + 1]?.toLowerCase() !== 'to'));
    // ("I felt so safe", "brought home safely": where the person says they felt it, the theme is
    // how they felt, "I value feeling safe", not a quality of the staff.)
    if (theme.some((t) => t.words.some((_, k) => says(t, k) && felt(t, k))) && theme.filter((t) => t.words.some((_, k) => says(t, k))).length >= 2) return `I value feeling ${quality}`;
    // ("Being involved at every stage", "I was involved": the person was so, not the staff.)
    const was = (t: TaggedText, k: number) => {
      let j = k - 1;
      while (j >= 0 && t.tags[j] === 'ADV') j--;
      const w = t.words[j]?.toLowerCase() ?? '';
      return (w === 'being' && (j === 0 || t.tags[j - 1] === 'PUNCT')) || (['was', 'am', "'m", '’m'].includes(w) && t.words[j - 1]?.toLowerCase() === 'i');
    };
    if (theme.some((t) => t.words.some((_, k) => says(t, k) && was(t, k))) && theme.filter((t) => t.words.some((_, k) => says(t, k))).length >= 2) return `I value being ${quality}`;
    return theme.filter((t) => t.words.some((_, k) => ofThem(t, k))).length < 2 ? undefined : `I value them being ${quality}`;
  }
  return `I value ${qualified(quality, best.text.words[best.at]!.toLowerCase(), best.text, best.at, theme)}`;
}

const holderCache = new WeakMap<readonly TaggedText[], Map<string, { text: TaggedText; at: number } | undefined>>();

/**
 * The thing a wall's statements most often give a quality, or the one the wall praises most where
 * several are given it once each; undefined where no thing is given it `least` times (twice), or
 * praised so often. Found once per wall and quality: a wall asks for the same quality from many themes.
 */
function qualityHolder(quality: string, wall: readonly TaggedText[], least = 2): { text: TaggedText; at: number } | undefined {
  let cache = holderCache.get(wall);
  if (!cache) holderCache.set(wall, (cache = new Map()));
  const key = `${quality} ${least}`;
  if (cache.has(key)) return cache.get(key);
  const things = new Map<string, { n: number; text: TaggedText; at: number }>();
  for (const t of wall) {
    const seen = new Set<string>();
    t.words.forEach((w, q) => {
      if (w.toLowerCase() !== quality || t.tags[q] !== 'ADJ' || negated(t, q)) return;
      for (let k = 0; k < t.words.length; k++) {
        const lemma = t.lemmas[k]!.toLowerCase();
        if (t.tags[k] !== 'NOUN' || seen.has(lemma) || fillerNouns.has(lemma) || !readable(t.words[k]!) || stemOf(lemma) === stemOf(quality) || !saidOf(t, q, lemma)) continue;
        seen.add(lemma);
        const c = things.get(lemma) ?? { n: 0, text: t, at: k };
        c.n++;
        things.set(lemma, c);
      }
    });
  }
  // Said of several things once each, it goes with the one the wall praises most.
  const praised = (thing: string) => wall.filter((t) => t.words.some((w, q) => t.tags[q] === 'ADJ' && moodOfScore(t.moods[q]!) === 'good' && saidOf(t, q, thing))).length;
  let best: { n: number; text: TaggedText; at: number; praise: number } | undefined;
  for (const [thing, c] of things) {
    const candidate = { ...c, praise: praised(thing) };
    if (!best || c.n > best.n || (c.n === best.n && candidate.praise > best.praise)) best = candidate;
  }
  const holder = best && (best.n >= least || best.praise >= least) ? { text: best.text, at: best.at } : undefined;
  cache.set(key, holder);
  return holder;
}

/**
 * What others failed to do to a thing, as what the person wants done: "nobody answers the phone"
 * gives "I want the phone answered", "the GP never read the file" "I want the file read". A verb
 * that is itself the trouble ("they lost my notes", "cancelled my visit") is not wanted done.
 */
function handledFrame(text: TaggedText, span: Span, slow = false): string | undefined {
  const verb = span.handled!;
  // (A wish that asks it of others is a wish whatever its verb's mood: "Pay care staff properly".)
  if ((!span.imperative && moodOfScore(text.moods[verb]!) === 'bad') || badDoings.has(text.lemmas[verb]!.toLowerCase())) return undefined;
  const thing = voiced(text, { indices: span.indices.filter((i) => text.tags[i] !== 'ADJ' || moodOfScore(text.moods[i]!) !== 'bad') });
  if (!thing) return undefined;
  // ("care staff", said as a plural, takes no "the" as "carers" does not.)
  const determined = keptDeterminers.has(thing.split(' ')[0]!.toLowerCase()) || possessives.has(thing.split(' ')[0]!.toLowerCase()) || /s$/.test(thing) || groupWords.has(thing.split(' ').at(-1)!.toLowerCase());
  // "pick the phone up": the verb's particle, after its thing and ending its clause, stays with it
  // ("picked up"); "return patients home in the dark" has none.
  const at = span.indices.at(-1)! + 1;
  const after = text.words[at]?.toLowerCase() ?? '';
  const ends = at + 1 >= text.words.length || ['PUNCT', 'CCONJ', 'SCONJ'].includes(text.tags[at + 1]!) || whWords.has(text.words[at + 1]!.toLowerCase());
  const particle = particles.has(after) && ends ? ` ${after}` : '';
  return `I want ${determined ? '' : 'the '}${thing} ${participle(text.lemmas[verb]!.toLowerCase())}${particle}${slow ? ' quickly' : ''}`;
}

/**
 * Whether at least two of the theme's statements speak of the thing coming again or changing:
 * "the same worker", "a new worker", "a different carer", "another one", "a named worker".
 */
function changingTalk(theme: readonly TaggedText[], lemma: string): boolean {
  return theme.filter((t) => t.lemmas.some((l, i) => l.toLowerCase() === lemma && precededBy(t, i, changingWords))).length >= 2;
}

const changingWords = new Set(['same', 'new', 'different', 'another', 'named', 'regular', 'usual']);

/**
 * Whether a theme's statements are mostly about slowness: at least two, and two in five, say how
 * long it took ("waited all day", "far too long", "2 hours on the phone") or ask for it sooner
 * ("answer phone quicker").
 */
function slowTalk(theme: readonly TaggedText[]): boolean {
  const slow = theme.filter((t) =>
    t.words.some((w, i) => {
      const lower = w.toLowerCase();
      return t.lemmas[i]!.toLowerCase() === 'wait' || slowWords.has(lower) || (timeSpans.has(lower) && /^(?:\d+|a|an|few|several|many)$/i.test(t.words[i - 1] ?? ''));
    }),
  ).length;
  return slow >= 2 && slow >= 0.4 * theme.length;
}

/** Words that say something took long, or should be quicker. */
const slowWords = new Set(['long', 'longer', 'slow', 'slowly', 'ages', 'delay', 'delays', 'delayed', 'quicker', 'quickly', 'faster', 'sooner', 'promptly', 'speed']);

/**
 * A thing others did for the person, where it worked: "answered my questions" gives "I value
 * having my questions answered", "sorted out my meds" "I value having my meds sorted out".
 */
function servedFrame(text: TaggedText, span: Span): string | undefined {
  const verb = span.served!;
  if (span.all) {
    const after = text.words[verb + 1]?.toLowerCase() ?? '';
    const with_ = particles.has(after) || (stranded.has(after) && endsClause(text, verb + 2)) ? ` ${after}` : '';
    return `I value having things ${participle(text.lemmas[verb]!.toLowerCase())}${with_}`;
  }
  // "our many questions" is "my questions": how many, or how good, is not the deed.
  const thing = voiced(text, { indices: span.indices.filter((i) => text.tags[i] !== 'ADJ') });
  if (!thing) return undefined;
  const next = text.words[verb + 1]?.toLowerCase() ?? '';
  const particle = (particles.has(next) || (stranded.has(next) && endsClause(text, verb + 2))) && span.indices[0] !== verb + 1 ? ` ${next}` : '';
  return `I value having ${thing} ${participle(text.lemmas[verb]!.toLowerCase())}${particle}`;
}

/** Words for the person's own condition, which no service gives: "health", "wellbeing". */
const ownStates = new Set(['health', 'wellbeing', 'well-being']);

/** Doings that are themselves the trouble, whatever their mood: nobody wants their visit cancelled. */
const badDoings = new Set(['cancel', 'lose', 'miss', 'forget', 'ignore', 'refuse', 'cut', 'stop', 'close', 'reduce', 'delay', 'waste', 'change', 'move', 'rush', 'end', 'block', 'deny', 'reject', 'drop', 'leave', 'break', 'damage', 'charge']);

/**
 * How others left the person, as the person says it: "I value being put at ease", "I value
 * feeling safe"; where it is not working, "I want to be kept informed", or, of a state nobody
 * wants, "I don't want to be kept waiting".
 */
function leftFrame(category: Category, text: TaggedText, span: Span): string | undefined {
  const state = voiced(text, { indices: span.indices.slice(1) });
  if (!state) return undefined;
  // (Where it is not working, being left some way is the complaint: "I was left bleeding".)
  const bad = span.indices.slice(1).some((k) => moodOfScore(text.moods[k]!) === 'bad') || /waiting$/.test(state) || (category === 'not_working' && text.lemmas[span.left!]!.toLowerCase() === 'leave');
  const verb = participle(text.lemmas[span.left!]!.toLowerCase());
  if (span.refused) return `I don't want to be ${verb} ${state}`;
  // "put my mind at rest": the person's own thing, left so.
  if (span.owned !== undefined) {
    const thing = text.words[span.owned]!.toLowerCase();
    if (span.feel || bad) return undefined;
    return category === 'working' ? `I value having my ${thing} ${verb} ${state}` : `I want my ${thing} ${verb} ${state}`;
  }
  const being = span.feel ? `feel ${state}` : `be ${verb} ${state}`;
  if (category === 'working') return bad ? undefined : span.feel ? `I value feeling ${state}` : `I value being ${verb} ${state}`;
  return bad ? (category === 'not_working' ? `I don't want to ${being}` : undefined) : `I want to ${being}`;
}

/** The quality an adverb of manner says ("quickly" is "quick", "easily" "easy"), if it is one. */
function mannerAdverb(word: string): string | undefined {
  if (!/ly$/.test(word) || word.length <= 5 || emptyPraise.has(word)) return undefined;
  const adjective = word.endsWith('ily') ? `${word.slice(0, -3)}y` : word.slice(0, -2);
  return emptyPraise.has(adjective) ? undefined : adjective;
}

/** The thing most of a theme's statements speak of, other than `not`, as a statement writes it. */
function commonThing(theme: readonly TaggedText[], not: string): { text: TaggedText; at: number; phrase: string } | undefined {
  const counts = new Map<string, { n: number; text: TaggedText; at: number }>();
  for (const t of theme) {
    const seen = new Set<string>();
    t.tags.forEach((tag, i) => {
      const lemma = t.lemmas[i]!.toLowerCase();
      if (tag !== 'NOUN' || lemma === not || seen.has(lemma) || fillerNouns.has(lemma) || lemma.length < 3 || keysOf(lemma).length === 0 || emptyPraise.has(lemma)) return;
      seen.add(lemma);
      const c = counts.get(lemma) ?? { n: 0, text: t, at: i };
      c.n++;
      counts.set(lemma, c);
    });
  }
  let best: { n: number; text: TaggedText; at: number } | undefined;
  for (const c of counts.values()) if (c.n >= 2 && (!best || c.n > best.n)) best = c;
  return best && { text: best.text, at: best.at, phrase: best.text.words[best.at]!.toLowerCase() };
}

/**
 * What others should do to the person, as what the person wants done: "listen to us" and "staff
 * don't listen" give "I want to be listened to"; "see me more" gives "I want to be seen". What
 * works is said as what was done: "they listened to me" gives "I value being listened to", when
 * at least `least` statements say it. A verb that the theme's statements never do to a person
 * ("answer the phone") names nothing here.
 */
function doneFrame(text: TaggedText, i: number, theme: readonly TaggedText[], lead: string, least: number): string | undefined {
  const lemma = text.lemmas[i]!.toLowerCase();
  // How the theme's statements join the verb to the person: "listen to us", "see me".
  const joins = new Map<string, number>();
  const usual = usualJoins[lemma];
  for (const t of theme) {
    t.lemmas.forEach((l, k) => {
      if (l.toLowerCase() !== lemma || t.tags[k] !== 'VERB') return;
      // ("The staff listened": done to the person, joined as English joins it.)
      if (usual !== undefined && othersDoer(t, k) && !negated(t, k) && doneToPerson(t, k) && !personWords.has(t.words[k + 1]?.toLowerCase() ?? '') && t.tags[k + 1] !== 'ADP') {
        joins.set(usual, (joins.get(usual) ?? 0) + 1);
        return;
      }
      const a = t.words[k + 1]?.toLowerCase() ?? '';
      const b = t.words[k + 2]?.toLowerCase() ?? '';
      // "picked me up", "rang me back": the particle after the person stays with the verb. A
      // word that is also a preposition says where when a thing follows it ("treating patients in
      // Crisis" is no "treated in").
      if (personWords.has(a)) {
        const particle = particles.has(b) && !(prepositionalParticles.has(b) && startsPhrase(t, k + 3)) ? b : '';
        joins.set(particle, (joins.get(particle) ?? 0) + 1);
      }
      // ("listened to my answers", "listened to what I said": heeding what the person says.)
      else if (usual !== undefined && a === usual && personObject(t, k)) joins.set(usual, (joins.get(usual) ?? 0) + 1);
      // ("I was treated with respect": "with" says how, in `mannerOf`, and joins nothing.)
      // ("rang about her care": "her" before a thing is whose the thing is, not whom it was done to;
      // "rings for me" is done on the person's behalf, to someone else.)
      else if (t.tags[k + 1] === 'ADP' && ((personWords.has(b) && a !== 'for' && !['NOUN', 'PROPN', 'ADJ'].includes(t.tags[k + 3] ?? '')) || (doneToSubject(t, k) && a !== 'with'))) joins.set(a, (joins.get(a) ?? 0) + 1);
      else if (a === 'with' && doneToSubject(t, k)) joins.set('', (joins.get('') ?? 0) + 1);
    });
  }
  let best: string | undefined;
  for (const [join, n] of joins) if (best === undefined || n > joins.get(best)!) best = join;
  if (best === undefined || [...joins.values()].reduce((a, b) => a + b, 0) < least) {
    // "The doctor didn't listen", "they never listen": asked of others, a verb done to a person
    // by its nature, said with no one after it, is done to the person, joined as English joins
    // it. (What works must say who it was done to: "glad to talk to her" is the person talking.)
    if (usual === undefined || least > 1) return undefined;
    best = usual;
  }
  const how = mannerOf(lemma, theme);
  const purpose = best ? undefined : purposeOf(lemma, theme);
  // ("I want to be sent" says nowhere: a verb that sends the person somewhere says where, as the
  // statements say it should be, "to the right clinic", or names nothing.)
  const where = sendingVerbs.has(lemma) ? rightPlace(lemma, theme) : '';
  if (where === undefined) return undefined;
  return `${lead} ${participle(lemma)}${best ? ` ${best}` : ''}${where}${purpose ? ` to ${purpose}` : ''}${how.length > 0 ? ` with ${listed(how)}` : ''}`;
}

/** Verbs that send a person somewhere. */
const sendingVerbs = new Set(['send', 'refer', 'direct', 'signpost', 'transfer']);

/**
 * Where the theme's statements say a person should have been sent: "sent to the wrong shop",
 * "send people to the correct clinic" give " to the right clinic" (the first such place said).
 * Undefined where none says which place was right or wrong.
 */
function rightPlace(lemma: string, theme: readonly TaggedText[]): string | undefined {
  for (const t of theme) {
    for (let k = 0; k < t.words.length; k++) {
      if (t.lemmas[k]!.toLowerCase() !== lemma || t.tags[k] !== 'VERB') continue;
      const to = t.words.findIndex((w, j) => j > k && j <= k + 4 && w.toLowerCase() === 'to');
      if (to < 0 || !['the', 'a'].includes(t.words[to + 1]?.toLowerCase() ?? '') || !rightOrWrong.has(t.words[to + 2]?.toLowerCase() ?? '')) continue;
      const place = t.words[to + 3];
      if (place !== undefined && t.tags[to + 3] === 'NOUN') return ` to the right ${place.toLowerCase()}`;
    }
  }
  return undefined;
}

const rightOrWrong = new Set(['right', 'correct', 'wrong', 'proper', 'appropriate']);

/**
 * What two of the theme's statements, and a quarter, say a verb done to the person helped them
 * do: "helped me understand", "helping me to understand my illness" give "understand" ("I value
 * being helped to understand"). Undefined where fewer say the same.
 */
function purposeOf(lemma: string, theme: readonly TaggedText[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of theme) {
    const said = new Set<string>();
    t.lemmas.forEach((l, k) => {
      if (l.toLowerCase() !== lemma || t.tags[k] !== 'VERB' || !personWords.has(t.words[k + 1]?.toLowerCase() ?? '') || negated(t, k)) return;
      const at = t.words[k + 2]?.toLowerCase() === 'to' ? k + 3 : k + 2;
      const verb = t.lemmas[at]?.toLowerCase();
      if (verb !== undefined && t.tags[at] === 'VERB' && !lightVerbs.has(verb) && !wishVerbs.has(verb) && readable(t.words[at]!)) said.add(verb);
    });
    for (const verb of said) counts.set(verb, (counts.get(verb) ?? 0) + 1);
  }
  const [verb, n] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  return n >= 2 && n >= theme.length / 4 ? verb : undefined;
}

/** Verbs done to a person by their nature, with the word that joins them to the person ("listened to"). */
const usualJoins = wordTable<string>({ listen: 'to', talk: 'to', speak: 'to', attend: 'to' });

/**
 * How the theme's statements say a thing was done to the person, where two or more say it: the
 * things after "with" ("treated with respect", "treat me with kindness and dignity"), the two
 * said most.
 */
function mannerOf(lemma: string, theme: readonly TaggedText[]): string[] {
  const counts = new Map<string, number>();
  for (const t of theme) {
    const seen = new Set<string>();
    t.lemmas.forEach((l, k) => {
      if (l.toLowerCase() !== lemma || t.tags[k] !== 'VERB') return;
      let at = k + 1;
      if (personWords.has(t.words[at]?.toLowerCase() ?? '')) at++;
      if (t.words[at]?.toLowerCase() !== 'with') return;
      for (let j = at + 1; j < t.words.length && j <= at + 6; j++) {
        if (t.tags[j] === 'NOUN') seen.add(t.lemmas[j]!.toLowerCase());
        else if (!(t.tags[j] === 'ADJ' || t.tags[j] === 'ADV' || t.tags[j] === 'DET' || t.tags[j] === 'CCONJ' || t.words[j] === ',')) break;
      }
    });
    for (const thing of seen) counts.set(thing, (counts.get(thing) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([thing]) => thing);
}

const particles = new Set(['up', 'back', 'out', 'off', 'home', 'through', 'in', 'round', 'over', 'down']);

/** Particles that are prepositions too: before a thing they say where ("in Crisis", "through the door"). */
const prepositionalParticles = new Set(['in', 'through', 'round', 'over', 'down']);

/** Whether a noun phrase starts at i: a determiner, a number, a quality, a name or a thing. */
function startsPhrase(text: TaggedText, i: number): boolean {
  return ['DET', 'NUM', 'ADJ', 'NOUN', 'PROPN', 'PRON'].includes(text.tags[i] ?? '');
}

/** The past participle of a verb: "listen" → "listened", "see" → "seen", "stop" → "stopped". */
function participle(verb: string): string {
  const irregular = irregularParticiples[verb];
  if (irregular) return irregular;
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  // One short vowel before one consonant, stressed: "stop", "plan" (not "listen", "visit").
  if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(verb)) return `${verb}${verb.at(-1)}ed`;
  return `${verb}ed`;
}

const irregularParticiples = wordTable<string>({
  see: 'seen', tell: 'told', hear: 'heard', understand: 'understood', give: 'given', take: 'taken', show: 'shown', speak: 'spoken',
  keep: 'kept', say: 'said', leave: 'left', find: 'found', feel: 'felt', know: 'known', get: 'got', put: 'put', send: 'sent', meet: 'met',
  make: 'made', pay: 'paid', bring: 'brought', think: 'thought', hold: 'held', let: 'let', teach: 'taught', catch: 'caught',
  choose: 'chosen', forget: 'forgotten', write: 'written', ring: 'rung', buy: 'bought', read: 'read', set: 'set', drive: 'driven',
  deal: 'dealt', mean: 'meant', build: 'built', lend: 'lent', sell: 'sold', seek: 'sought', fight: 'fought', win: 'won',
});

/**
 * A thing that is not working, said as what the person wants instead:
 * - a shortage becomes enough: "shortage of staff" gives "I want enough staff";
 * - something that is itself the trouble is not wanted: "I don't want a long wait", "I don't want delays"; a
 *   trouble the person does, said alone, is not wanted done: "the wait" gives "I don't want to wait";
 * - a thing spoken of badly is wanted better, without the complaint's words: "poor communication"
 *   gives "I want better communication";
 * - a good thing is wanted: "I want respect";
 * - any other thing is wanted to be relied on, or better: "I want transport I can rely on",
 *   "I want a ward I can rely on".
 */
function complaintFrame(text: TaggedText, span: Span, phrase: string, theme: readonly TaggedText[], mood: Mood): string | undefined {
  const lower = (i: number) => text.words[i]!.toLowerCase();
  const of = span.indices.findIndex((i) => lower(i) === 'of');
  if (of > 0 && span.indices.slice(0, of).some((i) => shortWords.has(lower(i)))) {
    const rest = voiced(text, { indices: span.indices.slice(of + 1).filter((i) => text.tags[i] !== 'DET') });
    return rest ? `I want enough ${rest}` : undefined;
  }
  // "more food choices", "extra staff": already said as a want.
  const first = span.indices.find((i) => !keptDeterminers.has(lower(i)) && !possessives.has(lower(i)));
  if (first !== undefined && moreWords.has(lower(first))) {
    const wanted = voiced(text, { indices: span.indices.filter((i) => i >= first) });
    // "less restrictions" is said "fewer restrictions".
    if (wanted && lower(first) === 'less' && !singular(text, span.indices.at(-1)!)) return `I want ${wanted.replace(/^less /, 'fewer ')}`;
    return wanted && `I want ${/er$/.test(lower(first)) ? countedPlural(wanted, text, span.indices.at(-1)!) : wanted}`;
  }
  const head = span.indices.at(-1)!;
  // "longer therapy", "longer appointments": more of a thing that lasts is a wish. A longer wait
  // or journey is the complaint, and "a longer time" says nothing of what.
  const lasting = (lemma: string) => !troubleWords.has(lemma) && !slowWords.has(lemma) && lemma !== 'journey';
  if (first !== undefined && lower(first) === 'longer' && text.tags[first] === 'ADJ' && lasting(text.lemmas[head]!.toLowerCase())) {
    if (timeWords.has(text.lemmas[head]!.toLowerCase()) || timeSpans.has(lower(head))) return undefined;
    const wanted = voiced(text, { indices: span.indices.filter((i) => i >= first) });
    return wanted && `I want ${wanted}`;
  }
  if (troubleWords.has(lower(head)) || troubleWords.has(text.lemmas[head]!.toLowerCase()) || (mood === 'bad' && eventNoun(text, head))) {
    // "the wait", "a worry" alone is what the person does not want to do: "I don't want to wait".
    const doing = text.lemmas[head]!.toLowerCase();
    if (burdenVerbs.has(doing) && span.indices.every((i) => i === head || text.tags[i] === 'DET')) return `I don't want to ${doing}`;
    return `I don't want ${withDeterminer(text, span, phrase, theme)}`;
  }
  // "a waste of funds", "a lack of beds": the thing before "of" is what the phrase is, and one bad
  // in itself is never wanted better.
  const core = of > 0 ? span.indices[of - 1]! : head;
  if (core !== head && (text.tags[core] === 'NOUN' || text.tags[core] === 'PROPN') && (moodOfScore(text.moods[core]!) === 'bad' || badWords.has(lower(core)) || troubleWords.has(text.lemmas[core]!.toLowerCase()))) return undefined;
  if (mood === 'good') return `I want ${withDeterminer(text, span, phrase, theme)}`;
  // "different carers every week" is wanted the same, where the theme says it more than once
  // ("carers change every week" says it too); "a different approach" is itself a wish.
  const changing = span.indices.find((i) => text.tags[i] === 'ADJ' && lower(i) === 'different');
  // (The tagger may read "change" after the thing as a noun: "Agency carers change every week".)
  const changed = (t: TaggedText, k: number) => /^chang(?:e|es|ed|ing)$/.test(t.words[k]!.toLowerCase()) && (t.tags[k] === 'VERB' || ['NOUN', 'PROPN'].includes(t.tags[k - 1] ?? '')) && !negated(t, k);
  const saysChange = (t: TaggedText) => t.words.some((w, k) => (w.toLowerCase() === 'different' && t.tags[k] === 'ADJ') || changed(t, k));
  // ("a different approach", however much of it the phrase holds, asks for one; "a different
  // girl every day" does not.)
  const opens = span.indices[0]!;
  const asked = changing !== undefined && (articles.has(lower(opens)) || articles.has(text.words[opens - 1]?.toLowerCase() ?? '')) && !text.words.slice(span.indices.at(-1)! + 1, span.indices.at(-1)! + 3).some((w) => /^(every|each)$/i.test(w));
  if (changing !== undefined && !asked && theme.filter(saysChange).length >= 2) {
    const rest = voiced(text, { indices: span.indices.filter((i) => i > changing) });
    if (rest) return `I want the same ${rest}`;
  }
  // "rude staff" is wanted kind, "cold food" hot.
  const complaint = span.indices.find((i) => text.tags[i] === 'ADJ' && opposites[lower(i)] !== undefined);
  if (complaint !== undefined) {
    const rest = voiced(text, { indices: span.indices.filter((i) => i > complaint) });
    // ("the wrong people": what is wanted is "the right people", never "right people".)
    if (rest) return `I want ${opposites[lower(complaint)] === 'right' ? 'the right' : opposites[lower(complaint)]} ${rest.replace(/^the /, '')}`;
  }
  // ("It's a different girl every day" is never "I want a good girl".)
  if (changing !== undefined) {
    const wished = asked && voiced(text, { indices: span.indices.filter((i) => i >= changing) });
    return wished ? `I want a ${wished}` : undefined;
  }
  // The thing itself, without what was wrong with it.
  const plain = { indices: span.indices.filter((i) => text.tags[i] !== 'ADJ' || !(badWords.has(lower(i)) || moreWords.has(lower(i)) || moodOfScore(text.moods[i]!) === 'bad' || lower(i) === 'new')) };
  const said = voiced(text, plain);
  if (!said || plain.indices.length === 0) return undefined;
  // ("I want good mental health" wishes for the person's own condition, not for anything the
  // service does: the medication, the assessment or the support the statements speak of.)
  if (ownStates.has(text.lemmas[head]!.toLowerCase())) return undefined;
  // "long waiting times", "the response time": how long it took is wanted shorter, or quicker.
  const sooner = speedWish(text, plain.indices, theme);
  if (sooner) return sooner;
  // "I want better heart attack": a thing bad in itself is not wanted better.
  // (A lone thing English counts is wanted better in the plural: "I want better emergency calls".)
  // ("difficulty answering questions": a difficulty anywhere in the phrase is no thing wanted better.)
  if (mood === 'bad') return moodOfScore(text.moods[head]!) === 'bad' || plain.indices.some((i) => /^difficult(?:y|ies)$/.test(lower(i))) ? undefined : `I want better ${countedPlural(said.replace(/^(the|a|an|my) /, ''), text, head)}`;
  // What the theme's statements most often say is wrong with the thing, the other way round:
  // "the paramedic was rude", "a dismissive paramedic" give "I want kind paramedics".
  const wanted = commonOpposite(text.words[head]!.toLowerCase(), theme);
  if (wanted) return `I want ${plainWish(wanted, theme, text.lemmas[head]!.toLowerCase())} ${said.replace(/^(the|a|an|my) /, '')}`;
  // A long phrase in a frame of its own reads as one statement's case, not the shared idea.
  if (plain.indices.filter((i) => text.tags[i] !== 'DET' && !possessives.has(lower(i))).length > 2) return undefined;
  // Relied on only where the theme's statements speak of the thing letting them down: late,
  // cancelled, not turning up. Otherwise more of it, where they ask for more, or good.
  // (A lone thing English counts takes the plural there: "I want appointments I can rely on", never "I want appointment I can rely on".)
  // ("I want my GP I can rely on" is not English: one relied on is any, "I want GPs I can rely on".)
  if (reliabilityTalk(theme)) {
    const relied = withDeterminer(text, plain, said, theme).replace(/^my /, '');
    // (Nor is "I want review meeting I can rely on", nor "I want the bus I can rely on": any thing
    // said in the singular that English may count is said in the plural.)
    const any = relied.replace(/^the /, '');
    const word = text.words[head]!;
    const lone = !/^an? /.test(any) && any.split(' ').at(-1)!.toLowerCase() === word.toLowerCase() && singular(text, head) && countability(text.lemmas[head]!.toLowerCase()) !== 'uncounted';
    return `I want ${lone ? `${any.slice(0, any.length - word.length)}${pluralOf(any.slice(any.length - word.length))}` : relied} I can rely on`;
  }
  const bare = said.replace(/^(the|a|an|my) /, '');
  // "easier transport" already says how it should be: never "good easier transport".
  if (plain.indices.some((i) => text.tags[i] === 'ADJ' && /er$/.test(lower(i)))) return `I want ${bare}`;
  // ("too many questions": how many is not the thing, "I want fewer questions".)
  if (askedFewer(text.lemmas[head]!.toLowerCase(), theme)) return `I want ${countability(text.lemmas[head]!.toLowerCase()) === 'uncounted' ? 'less' : 'fewer'} ${pluralIfCounted(bare.replace(/^(?:many|much) /, ''), text, head, theme)}`;
  if (askedMore(text.lemmas[head]!.toLowerCase(), theme)) return `I want more ${pluralIfCounted(bare, text, head, theme)}`;
  // "no interpreter", "I need large print": a thing the statements say is missing is wanted as it
  // is; "no money left", "not enough money": enough of it.
  const missing = saidMissing(text.lemmas[head]!.toLowerCase(), theme);
  if (missing) return `I want ${missing === 'enough' ? 'enough ' : ''}${pluralIfCounted(bare, text, head, theme)}`;
  // "could be better", "arrive sooner", "a quicker response": how the theme's statements say it
  // should be, where they share it, rather than a bare "good".
  const wish = sharedComparative(theme, text.lemmas[head]!.toLowerCase());
  return `I want ${qualified(wish ?? 'good', bare, text, head, theme)}`;
}

/**
 * How long something took, as the person wants it: "waiting time" and "wait times" give "I want
 * shorter waiting times", "response time" gives "I want quicker response times", and "the
 * response" "I want a quicker response" (or quicker response times, where a statement of the theme
 * speaks of them). Never "I want better waiting times": nobody wants a wait better, only shorter.
 * Undefined for any other thing.
 */
function speedWish(text: TaggedText, indices: readonly number[], theme: readonly TaggedText[]): string | undefined {
  const lower = (i: number) => text.words[i]!.toLowerCase();
  const head = indices.at(-1)!;
  // "the waiting list", "waiting lists": a wait, wanted shorter.
  if (/^lists?$/.test(lower(head)) && indices.length >= 2 && /^wait(?:ing)?$/.test(lower(indices.at(-2)!))) return 'I want shorter waiting lists';
  const timed = /^times?$/.test(lower(head)) || (lower(head) === 'response' && theme.some((t) => t.words.some((w, k) => w.toLowerCase() === 'response' && /^times?$/i.test(t.words[k + 1] ?? ''))));
  const what = /^times?$/.test(lower(head)) ? indices.at(-2) : head;
  if (what === undefined) return undefined;
  const wish = tookWords[lower(what)];
  if (!wish || (!timed && lower(what) !== 'response')) return undefined;
  if (!timed) return `I want a ${wish} ${lower(what)}`;
  return `I want ${wish} ${/^wait/.test(lower(what)) ? 'waiting' : lower(what)} times`;
}

/** What a wait or a response is wanted to be, by the word that says which. */
const tookWords: Readonly<Record<string, string>> = { wait: 'shorter', waiting: 'shorter', response: 'quicker', arrival: 'quicker', answering: 'quicker' };

/**
 * Whether at least two of the theme's statements (and a fifth of them) speak of something letting
 * the person down: late, cancelled, not turning up, not on time, unreliable.
 */
function reliabilityTalk(theme: readonly TaggedText[]): boolean {
  let n = 0;
  for (const t of theme) {
    const lower = t.words.map((w) => w.toLowerCase());
    const said = lower.some(
      (w, i) =>
        letDown.has(w) ||
        letDown.has(t.lemmas[i]!.toLowerCase()) ||
        (w === 'on' && lower[i + 1] === 'time') ||
        // "doesn't come", "never turned up", "didn't arrive"
        (arrivalVerbs.has(t.lemmas[i]!.toLowerCase()) && t.tags[i] === 'VERB' && negated(t, i)),
    );
    if (said) n++;
  }
  return n >= 2 && n >= theme.length / 5;
}

const arrivalVerbs = new Set(['come', 'arrive', 'turn', 'show', 'attend', 'visit', 'run', 'happen']);
const letDown = new Set(['late', 'later', 'lateness', 'cancel', 'cancelled', 'canceled', 'cancellation', 'cancellations', 'unreliable', 'reliable', 'reliability', 'punctual', 'punctuality', 'no-show', 'missed']);

/** Whether at least two of the theme's statements ask for more of the thing: "more staff", "more activities". */
function askedMore(lemma: string, theme: readonly TaggedText[]): boolean {
  let n = 0;
  for (const t of theme) {
    // ("more call handlers" asks for more handlers, not more calls.)
    if (t.lemmas.some((l, i) => (l.toLowerCase() === lemma && (t.tags[i] === 'NOUN' || t.tags[i] === 'PROPN') && ((precededBy(t, i, moreAsked) && t.tags[i + 1] !== 'NOUN') || saidShort(t, i))) || shortOf(t, i, lemma))) n++;
  }
  return n >= 2;
}

/**
 * Whether at least two of the theme's statements, and a quarter, say the thing is missing or
 * needed ("there's no interpreter", "I need large print"): "enough" where one
 * of them says there is not enough of it ("not enough money", "no money left").
 */
function saidMissing(lemma: string, theme: readonly TaggedText[]): 'enough' | 'plain' | undefined {
  const at = (t: TaggedText, words: ReadonlySet<string>) => t.lemmas.some((l, i) => l.toLowerCase() === lemma && (t.tags[i] === 'NOUN' || t.tags[i] === 'PROPN') && t.tags[i + 1] !== 'NOUN' && precededBy(t, i, words));
  const short = theme.filter((t) => at(t, enoughWords)).length;
  const n = theme.filter((t) => at(t, enoughWords) || at(t, missingWords) || t.lemmas.some((l, i) => l.toLowerCase() === lemma && (t.tags[i] === 'NOUN' || t.tags[i] === 'PROPN') && t.tags[i + 1] !== 'NOUN' && askedFor(t, i))).length;
  if (n < 2 || n < theme.length / 4) return undefined;
  return short > 0 ? 'enough' : 'plain';
}

const enoughWords = new Set(['enough']);

/**
 * "I've asked for large print", "requested a ramp": where it is not working, a thing asked for is
 * one the person does not have.
 */
function askedFor(t: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (t.tags[j] === 'ADJ' || t.tags[j] === 'DET' || t.tags[j] === 'NOUN')) j--;
  const lemma = (k: number) => t.lemmas[k]?.toLowerCase() ?? '';
  return (t.words[j]?.toLowerCase() === 'for' && ['ask', 'beg', 'apply'].includes(lemma(j - 1))) || lemma(j) === 'request';
}

/** ("Assess me without medication" asks to be spared it: "without" is no want of a thing.) */
const missingWords = new Set(['no', 'need', 'needs', 'needed']);

/** "a lack of staff", "shortage of beds", "staff shortages": too few of the thing at i. */
function saidShort(t: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (t.tags[j] === 'ADJ' || t.tags[j] === 'DET')) j--;
  if (t.words[j]?.toLowerCase() === 'of' && shortWords.has(t.words[j - 1]?.toLowerCase() ?? '')) return true;
  return /^shortages?$/.test(t.words[i + 1]?.toLowerCase() ?? '');
}

/** "short staffed": "short" before a form of the thing. */
function shortOf(t: TaggedText, i: number, lemma: string): boolean {
  return t.words[i]!.toLowerCase() === 'short' && i + 1 < t.words.length && stemOf(t.words[i + 1]!.toLowerCase()) === stemOf(lemma);
}

const moreAsked = new Set(['more', 'extra', 'enough']);

/**
 * "I want more sessions and groups", where at least a third of a theme's statements (and three)
 * ask for more of something ("More off ward sessions", "more therapies", "more groups please"),
 * named for the one or two things most of them ask for, each asked by two or more.
 */
function moreName(texts: readonly TaggedText[]): Candidate | undefined {
  const asking = new Set<number>();
  const things = new Map<string, { by: Set<number>; said: string; kinds: Set<string> }>();
  texts.forEach((t, s) => {
    t.words.forEach((w, i) => {
      if (!moreAsked.has(w.toLowerCase()) || w.toLowerCase() === 'enough') return;
      // The thing asked for: the first noun within three words, over its modifiers ("more off ward sessions").
      for (let j = i + 1; j < t.words.length && j <= i + 4; j++) {
        // ("off ward sessions": the tagger may read a modifier as a verb, but not straight after "more".)
        if (t.tags[j] === 'PUNCT' || t.tags[j] === 'CCONJ' || t.tags[j] === 'AUX' || (t.tags[j] === 'VERB' && j === i + 1)) return;
        // ("more people answering the phones": a word in -ing after a noun says what they do.)
        const doing = t.tags[j] === 'NOUN' && /ing$/.test(t.words[j + 1] ?? '') && ['NOUN', 'VERB'].includes(t.tags[j + 1]!) ? doingPhrase(t, j + 1) : undefined;
        if (t.tags[j] !== 'NOUN' || (t.tags[j + 1] === 'NOUN' && j + 1 <= i + 4 && !doing)) continue;
        const lemma = t.lemmas[j]!.toLowerCase();
        if (family.has(lemma) || fillerNouns.has(lemma) || clockWord(lemma) || !readable(t.words[j]!)) return;
        asking.add(s);
        const thing = things.get(lemma) ?? { by: new Set<number>(), said: t.words[j]!.toLowerCase(), kinds: new Set<string>() };
        thing.by.add(s);
        // ("more call handlers": the nouns before the thing say what kind it is.)
        let k = j;
        while (k - 1 > i && t.tags[k - 1] === 'NOUN') k--;
        thing.kinds.add(t.words.slice(k, j).join(' ').toLowerCase());
        if (!singular(t, j) && !thing.said.includes(' ')) thing.said = t.words[j]!.toLowerCase();
        if (doing) thing.said = `${t.words[j]!.toLowerCase()} ${doing}`;
        things.set(lemma, thing);
        return;
      }
    });
  });
  if (asking.size < 3 || asking.size < texts.length / 3) return undefined;
  const top = [...things.values()].filter((x) => x.by.size >= 2).sort((a, b) => b.by.size - a.by.size || (a.said < b.said ? -1 : 1)).slice(0, 2);
  if (top.length === 0) return undefined;
  // (What people are wanted for is said alone: "more people answering the phones", not "more
  // operators and people answering the phones".)
  const doing = top.find((x) => x.said.includes(' '));
  // (Of a kind every statement that asks for it names: "more call handlers", never "more handlers".)
  const said = doing ? [doing.said] : top.map((x) => (x.kinds.size === 1 && [...x.kinds][0] !== '' ? `${[...x.kinds][0]} ${x.said}` : x.said));
  return { draft: `I want more ${said.join(' and ')}`, supporting: [...asking].sort((a, b) => a - b), score: Infinity };
}

/** What people do, from the word in -ing at i to the end of its thing: "answering the phones". */
function doingPhrase(t: TaggedText, i: number): string | undefined {
  const words = [t.words[i]!.toLowerCase()];
  let k = i + 1;
  if (['DET', 'PRON'].includes(t.tags[k] ?? '') || possessives.has(t.words[k]?.toLowerCase() ?? '')) words.push(t.words[k++]!.toLowerCase());
  const start = k;
  while (k < t.words.length && ['ADJ', 'NOUN'].includes(t.tags[k]!) && k < start + 3) words.push(t.words[k++]!.toLowerCase());
  return k === start || !readable(t.words[k - 1]!) ? undefined : words.join(' ');
}

/**
 * What a third of a theme's statements ask more of, said with what kind where two of them ask for
 * it so and a third of them name the kind ("I want more food choices", not "I want more choices").
 */
function moreOfKind(more: Candidate | undefined, ranked: readonly Candidate[], texts: readonly TaggedText[]): Candidate | undefined {
  if (!more) return undefined;
  const thing = more.draft.split(' ').at(-1)!;
  const naming = (word: string) => texts.filter((t) => t.words.some((w) => w.toLowerCase() === word)).length;
  const kind = ranked.find((c) => {
    const m = /^I want more (\p{L}+) (\p{L}+)$/u.exec(c.draft);
    return m !== null && m[2] === thing && c.supporting.length >= 2 && naming(m[1]!.toLowerCase()) >= Math.max(2, texts.length / 3);
  });
  if (kind) return { ...more, draft: kind.draft };
  // "More food choices", in a theme where most statements speak of food and others ask for "more
  // options": what the theme is about is the kind, said as a statement that asks more of it says it.
  const things = new Map<string, Set<number>>();
  texts.forEach((t, s) => t.tags.forEach((tag, i) => (tag === 'NOUN' || tag === 'PROPN') && things.set(t.lemmas[i]!.toLowerCase(), (things.get(t.lemmas[i]!.toLowerCase()) ?? new Set()).add(s))));
  const [main, by] = [...things].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0] ?? ['', new Set<number>()];
  if (by.size < Math.max(3, texts.length / 2) || more.draft.split(' ').slice(3).some((w) => keysOf(w)[0] === keysOf(main)[0])) return more;
  for (const t of texts) {
    const lower = t.words.map((w) => w.toLowerCase());
    for (let i = 0; i + 2 < lower.length; i++) {
      if (moreAsked.has(lower[i]!) && lower[i] !== 'enough' && t.tags[i + 1] === 'NOUN' && t.lemmas[i + 1]!.toLowerCase() === main && t.tags[i + 2] === 'NOUN' && t.tags[i + 3] !== 'NOUN') {
        return { ...more, draft: `I want more ${lower[i + 1]} ${lower[i + 2]}` };
      }
    }
  }
  // Where none asks for more of it so, "I want more options" says what a third of the theme asks
  // and nothing of what it is about: the theme is named as if none asked for more ("I want better
  // food").
  return undefined;
}

/**
 * Whether at least two of the theme's statements ask for less of the thing, or say there is too
 * much of it: "less questions", "fewer forms", "far too many questions", "so much paperwork".
 */
function askedFewer(lemma: string, theme: readonly TaggedText[]): boolean {
  let n = 0;
  for (const t of theme) {
    const said = t.lemmas.some((l, i) => {
      if (l.toLowerCase() !== lemma || (t.tags[i] !== 'NOUN' && t.tags[i] !== 'PROPN')) return false;
      if (precededBy(t, i, lessAsked)) return true;
      const many = t.words[i - 1]?.toLowerCase();
      return (many === 'many' || many === 'much') && tooWords.has(t.words[i - 2]?.toLowerCase() ?? '');
    }) || t.words.some((w, q) => needless.has(w.toLowerCase()) && saidOf(t, q, lemma));
    if (said) n++;
  }
  return n >= 2;
}

const lessAsked = new Set(['less', 'fewer']);
/** Words that say a thing was more than was needed: "unnecessary questions", "the questions were pointless". */
const needless = new Set(['unnecessary', 'needless', 'pointless', 'irrelevant', 'excessive']);
const tooWords = new Set(['too', 'so']);

/** Whether a word from `set` comes just before the noun at i, over its modifiers. */
function precededBy(t: TaggedText, i: number, set: ReadonlySet<string>): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    if (set.has(t.words[j]!.toLowerCase())) return true;
    if (t.tags[j] !== 'ADJ' && t.tags[j] !== 'NOUN') return false;
  }
  return false;
}

/**
 * "good food", "good ambulances", "a good ward": a thing with a quality, said the way the theme's
 * statements count it (a thing they speak of in the plural is wanted in the plural; one they
 * give "a" takes "a"; one they give neither is said as it is).
 */
function qualified(quality: string, thing: string, text: TaggedText, head: number, theme: readonly TaggedText[]): string {
  const counted = pluralIfCounted(thing, text, head, theme);
  if (counted !== thing) return `${quality} ${counted}`;
  const lemma = text.lemmas[head]!.toLowerCase();
  // "a staff member" gives "staff" no "a": only where the thing ends its phrase.
  const withA = theme.some((t) => t.lemmas.some((l, i) => l.toLowerCase() === lemma && i > 0 && t.tags[i + 1] !== 'NOUN' && precededBy(t, i, articles)));
  if (withA && singular(text, head)) return `${/^[aeiou]/i.test(quality) ? 'an' : 'a'} ${quality} ${thing}`;
  return /er$/.test(quality) ? `${quality} ${countedPlural(thing, text, head)}` : `${quality} ${thing}`;
}

/**
 * "Quicker call" is not English: a lone singular thing English counts, wanted better, is wanted
 * in the plural ("quicker calls", "faster response times"). A longer phrase ("quicker response
 * system") is left as it is.
 */
function countedPlural(phrase: string, text: TaggedText, head: number): string {
  const word = text.words[head]!.toLowerCase();
  const words = phrase.toLowerCase().split(' ');
  if (!singular(text, head) || words.at(-1) !== word || words.length > 2 || countability(text.lemmas[head]!.toLowerCase()) !== 'counted') return phrase;
  // (An acronym keeps its capitals: "GPs".)
  return `${phrase.slice(0, phrase.length - word.length)}${pluralOf(phrase.slice(phrase.length - word.length))}`;
}

/** A regular English plural: "calls", "buses", "activities". */
function pluralOf(word: string): string {
  return /(s|sh|ch|x)$/.test(word) ? `${word}es` : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
}

const articles = new Set(['a', 'an']);

/**
 * A singular thing that the theme's statements also speak of in the plural, in the plural:
 * "ambulance" → "ambulances"; never "staffs", where one statement wrote it, as English does not
 * count staff.
 */
function pluralIfCounted(thing: string, text: TaggedText, head: number, theme: readonly TaggedText[]): string {
  return countability(text.lemmas[head]!.toLowerCase()) === 'uncounted' ? thing : pluralOnWall(thing, text, head, theme);
}

/** A singular thing in the plural that the texts use for it, where any does. */
function pluralOnWall(thing: string, text: TaggedText, head: number, theme: readonly TaggedText[]): string {
  const word = text.words[head]!.toLowerCase();
  const lemma = text.lemmas[head]!.toLowerCase();
  if (!singular(text, head) || !thing.toLowerCase().endsWith(word)) return thing;
  const plurals = new Set([`${lemma}s`, `${lemma}es`, ...(/[^aeiou]y$/.test(lemma) ? [`${lemma.slice(0, -1)}ies`] : [])]);
  for (const t of theme) {
    const i = t.words.findIndex((w, k) => plurals.has(w.toLowerCase()) && (t.tags[k] === 'NOUN' || t.tags[k] === 'PROPN'));
    if (i >= 0) return thing.slice(0, thing.length - word.length) + t.words[i]!.toLowerCase();
  }
  return thing;
}

/** A thing as the texts say it in the plural, where any of them does ("drivers" for "driver"); otherwise as it is. */
/**
 * A join's qualities and thing: the thing in the plural its statements use ("helpful and friendly
 * drivers"), or with "a" where English counts it and they say it only in the singular ("a
 * professional and helpful service").
 */
function praisedThing(qualities: string, thing: string, texts: readonly TaggedText[]): string {
  const said = inPlural(thing, texts);
  if (said !== thing || countability(thing.toLowerCase().split(' ').at(-1)!) !== 'counted') return `${qualities} ${said}`;
  return `${/^[aeiou]/i.test(qualities) ? 'an' : 'a'} ${qualities} ${said}`;
}

function inPlural(thing: string, texts: readonly TaggedText[]): string {
  const lemma = thing.toLowerCase();
  for (const t of texts) {
    const i = t.words.findIndex((w, k) => t.lemmas[k]!.toLowerCase() === lemma && w.toLowerCase() !== lemma && t.tags[k] === 'NOUN' && !singular(t, k));
    if (i >= 0) return t.words[i]!.toLowerCase();
  }
  return thing;
}

/** The opposite of the word of complaint that at least two statements using `word` share, if any. */
function commonOpposite(word: string, theme: readonly TaggedText[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of theme) {
    const lower = t.words.map((w) => w.toLowerCase());
    if (!lower.includes(word)) continue;
    const seen = new Set(lower.filter((w, i) => t.tags[i] === 'ADJ' && opposites[w] !== undefined).map((w) => opposites[w]!));
    for (const o of seen) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [o, c] of counts) if (c >= 2 && (best === undefined || c > counts.get(best)! || (c === counts.get(best) && o < best))) best = o;
  return best;
}

/**
 * The comparative a theme's statements share, when at least two of them say it (one of them with
 * the thing, unless it is of speed) and either a quarter of the theme does or each of those also
 * names the thing: "better", "quicker", "sooner"
 * said as an adjective ("the food could be better", "a quicker arrival", "arrive sooner"). One
 * that speaks badly ("worse", "longer") or only of amount ("more", "less") is no wish, and an
 * adverb that says how something is done ("lift patients better") is not said of the thing.
 */
function sharedComparative(theme: readonly TaggedText[], thing: string): string | undefined {
  // ("Faster response" names the thing of "response times".)
  const compounds = new Set(theme.flatMap((t) => t.lemmas.flatMap((l, k) => (k > 0 && l.toLowerCase() === thing && t.tags[k - 1] === 'NOUN' ? [t.lemmas[k - 1]!.toLowerCase()] : []))));
  const counts = new Map<string, number>();
  const withThing = new Map<string, number>();
  for (const t of theme) {
    const seen = new Set<string>();
    t.words.forEach((w, i) => {
      const lower = w.toLowerCase();
      const adjective = t.tags[i] === 'ADJ' && (t.tags[i + 1] === 'NOUN' || beforeIt(t, i));
      if (!adjective && !(t.tags[i] === 'ADV' && adverbComparatives.has(lower))) return;
      // ("my parents who are getting older": how old people are is no wish of a thing.)
      if (moreAsked.has(lower) || lower === 'more' || lower === 'less' || badWords.has(lower) || moodOfScore(t.moods[i]!) === 'bad' || /^(?:older|elder|younger)$/.test(lower)) return;
      const lemma = t.lemmas[i]!.toLowerCase();
      if (lower === 'better' || (lemma !== lower && /er$/.test(lower)) || adverbComparatives.has(lower)) seen.add(adjectiveComparatives[lower] ?? lower);
    });
    const named = t.lemmas.some((l) => l.toLowerCase() === thing || compounds.has(l.toLowerCase()));
    for (const c of seen) {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      if (named) withThing.set(c, (withThing.get(c) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [c, n] of counts) {
    // (One no statement says with the thing is another thing's: "Bigger meals", "the reception
    // could be bigger" wish nothing of the food. Speed is wished of the whole service: "got there
    // quicker", "arrive sooner" give "quicker response times".)
    if (n < 2 || (n < theme.length / 4 && withThing.get(c) !== n) || (!withThing.has(c) && !adverbComparatives.has(c))) continue;
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best) && c < best)) best = c;
  }
  return best;
}

/** Whether a form of "be" comes shortly before the word at i: "could be better", "been a little quicker". */
function beforeIt(t: TaggedText, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) if (t.lemmas[j]!.toLowerCase() === 'be') return true;
  return false;
}

/** Comparatives the tagger keeps whole ("faster", not "fast"). */
const adverbComparatives = new Set(['sooner', 'faster', 'earlier', 'quicker', 'easier', 'clearer']);
/** An adverb's comparative said of a thing: "arrive sooner" is a sooner arrival, said "quicker". */
const adjectiveComparatives: Record<string, string> = { sooner: 'quicker' };

/**
 * A thing said to be something: "staff were friendly" is valued as "friendly staff"; "the food was
 * cold", where it is not working, is wanted the other way: "I want hot food", "I want the
 * ambulance on time". A quality with no known opposite names nothing.
 */
function qualityFrame(category: Category, text: TaggedText, span: Span, theme: readonly TaggedText[]): string | undefined {
  const quality = text.words[span.quality!]!.toLowerCase();
  // "My whole experience was brilliant" values a brilliant experience: the quality said comes
  // before the thing, so a possessive and the thing's other qualities give way to it.
  const indices = span.indices.filter((i) => i !== span.quality && text.tags[i] !== 'DET');
  const moved = category === 'working' && indices.length > 0 && possessives.has(text.words[indices[0]!]!.toLowerCase());
  const named = { indices: moved ? indices.filter((i) => !possessives.has(text.words[i]!.toLowerCase()) && text.tags[i] !== 'ADJ') : indices };
  const thing = voiced(text, named);
  if (!thing) return undefined;
  const mood = moodOfScore(text.moods[span.quality!]!);
  if (category === 'working') {
    if (span.denied || mood !== 'good') return undefined;
    // "The lunch club is good": praise that says only how good, of one thing English counts, values
    // the thing as the statements give it ("I value the lunch club"), never "good lunch club".
    const head = indices.at(-1)!;
    if (emptyPraise.has(quality) && singular(text, head) && countability(text.lemmas[head]!.toLowerCase()) !== 'uncounted' && named.indices.length > 0) {
      const given = withDeterminer(text, named, thing, theme);
      if (given !== thing) return `I value ${given}`;
    }
    return `I value ${quality} ${thing}`;
  }
  if (category !== 'not_working') return undefined;
  // "the staff were not friendly": what they were not is what is wanted.
  // "the food isn't very good", where others say it "could be better": "I want better food".
  if (span.denied) return mood === 'good' ? `I want ${(quality === 'good' && sharedComparative(theme, text.lemmas[indices.at(-1)!]!.toLowerCase())) || quality} ${thing}` : undefined;
  if (quality === 'late' || quality === 'later') return `I want ${withDeterminer(text, { indices: span.indices.filter((i) => i !== span.quality) }, thing, theme)} on time`;
  const opposite = opposites[quality];
  return opposite ? `I want ${plainWish(opposite, theme, text.lemmas[indices.at(-1)!]!.toLowerCase())} ${thing}` : undefined;
}

/**
 * "Good", the other way round from "bad" or "poor", says less than the statements' own wish where
 * they share one: "the food was very bad" and "the food could be better" give "I want better food".
 */
function plainWish(opposite: string, theme: readonly TaggedText[], thing: string): string {
  return opposite === 'good' ? (sharedComparative(theme, thing) ?? opposite) : opposite;
}

/**
 * The quality a theme's statements praise most, when at least two of them (and a fifth) share it:
 * an adjective that speaks well ("friendly", "quick") or its adverb ("quickly"), but not bare
 * praise ("great", "excellent"), which says nothing of what was good.
 */
/**
 * The qualities the theme's statements praise a thing for, where no one quality is shared but two
 * or more statements each praise it for one that says what ("compassionate care", "caring,
 * professional care"): the three said most, listed, most said first ("compassionate and
 * professional"). Praise that says only how much ("good", "excellent") says nothing here.
 */
function variedQualities(theme: readonly TaggedText[], thing: string): string | undefined {
  const counts = new Map<string, number>();
  let praising = 0;
  for (const t of theme) {
    const seen = new Set<string>();
    t.words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if (t.tags[i] !== 'ADJ' || !/^\p{L}+$/u.test(lower) || emptyPraise.has(lower) || !describing(lower) || moodOfScore(t.moods[i]!) !== 'good' || negated(t, i) || stemOf(lower) === stemOf(thing)) return;
      if (saidOf(t, i, thing)) seen.add(lower);
    });
    if (seen.size > 0) praising++;
    for (const q of seen) counts.set(q, (counts.get(q) ?? 0) + 1);
  }
  if (praising < 2) return undefined;
  const most = [...counts].sort((a, b) => b[1] - a[1]).map(([q]) => q);
  return listed(most.slice(0, 3));
}

function sharedQuality(theme: readonly TaggedText[], thing: string): string | undefined {
  const counts = new Map<string, number>();
  const withThing = new Set<string>();
  const plain = new Set<string>();
  for (const t of theme) {
    const seen = new Set<string>();
    t.words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if (moodOfScore(t.moods[i]!) === 'bad' || emptyPraise.has(lower)) return;
      let quality: string | undefined;
      if (t.tags[i] === 'ADJ' && /^\p{L}+$/u.test(lower) && !negated(t, i)) quality = lower;
      else if (t.tags[i] === 'ADV' && /ly$/.test(lower) && lower.length > 5 && !negated(t, i)) {
        const adjective = lower.endsWith('ily') ? `${lower.slice(0, -3)}y` : lower.slice(0, -2);
        if (!emptyPraise.has(adjective)) quality = adjective;
      }
      // "informative information", "caring care": a quality of the thing's own stem says nothing more.
      if (quality === undefined || stemOf(quality) === stemOf(thing)) return;
      seen.add(quality);
      if (moodOfScore(t.moods[i]!) !== 'good') plain.add(quality);
      if (saidOf(t, i, thing)) withThing.add(quality);
    });
    for (const q of seen) counts.set(q, (counts.get(q) ?? 0) + 1);
  }
  // The thing itself must be praised for it in at least one statement: "an easy family" is not.
  let best: string | undefined;
  // A quality that is not praise in itself ("efficient", "quick") must be shared more widely.
  for (const [q, c] of counts) if (c >= 2 && c >= theme.length / (plain.has(q) ? 3 : 5) && withThing.has(q) && (best === undefined || c > counts.get(best)! || (c === counts.get(best) && q < best))) best = q;
  return best;
}

/**
 * Whether the quality at q is said of the thing in this statement: it leads it ("kind staff",
 * "kind and caring staff"), or the thing is said to be it ("the staff were always so kind").
 */
function saidOf(t: TaggedText, q: number, thing: string | ((lemma: string) => boolean)): boolean {
  const same = typeof thing === 'string' ? (lemma: string) => lemma === thing : thing;
  const is = (k: number) => t.lemmas[k] !== undefined && same(t.lemmas[k]!.toLowerCase()) && (t.tags[k] === 'NOUN' || t.tags[k] === 'PROPN');
  for (let k = q + 1; k < t.words.length && k <= q + 4; k++) {
    // ("helpful ambulance crew": a noun before another says what kind; the thing is the last.)
    if ((t.tags[k] === 'NOUN' || t.tags[k] === 'PROPN') && (t.tags[k + 1] === 'NOUN' || t.tags[k + 1] === 'PROPN')) continue;
    if (is(k)) return true;
    if (!(t.tags[k] === 'ADJ' || t.tags[k] === 'CCONJ' || t.words[k] === ',')) break;
  }
  // ("Brilliant" mid-sentence is read as a name.)
  for (let k = q - 1; k >= 0 && k >= q - 5; k--) {
    // "staff so kind", "I found staff all efficient", "Staff very helpful" (a thing that starts a
    // statement may be read as a name)
    if (is(k)) return true;
    if (['ADV', 'PART', 'ADJ', 'CCONJ', 'PROPN'].includes(t.tags[k]!) || t.words[k] === ',' || t.words[k]!.toLowerCase() === 'all') continue;
    if (t.tags[k] !== 'AUX' || t.lemmas[k]!.toLowerCase() !== 'be') return false;
    // "the lady I spoke to was very helpful": the thing is the subject, a few words back.
    for (let s = k - 1; s >= 0 && s >= k - 6 && !/^[.!?;]$/.test(t.words[s]!); s--) if (is(s)) return true;
    return false;
  }
  return false;
}

/** A noun that is itself a quality ("efficiency", "kindness"): it needs no other. */
const abstractNoun = /(?:ness|ity|ency|ancy|ance|ence|ism|ship|dom|ion)$/;

/** Whether a word of praise says only how much ("excellent", "good"), not what. */
export function onlyHowMuch(word: string): boolean {
  return emptyPraise.has(word);
}

/** Praise that says how much, not what: no name is built on it. */
const emptyPraise = new Set([
  'good', 'great', 'excellent', 'brilliant', 'fantastic', 'amazing', 'lovely', 'wonderful', 'superb', 'perfect', 'nice', 'fine', 'ok', 'okay', 'alright',
  'best', 'better', 'outstanding', 'exceptional', 'awesome', 'fabulous', 'marvellous', 'marvelous', 'terrific', 'happy', 'pleased', 'glad',
  'thankful', 'grateful', 'extremely', 'absolutely', 'totally', 'truly', 'highly', 'definitely', 'certainly', 'especially', 'particularly',
  'generally', 'usually', 'actually', 'fully', 'completely', 'entirely', 'really', 'very', 'well', 'top', 'first',
]);

/** "a appointment", as one statement wrote it, is "an appointment" in a name. */
function agreeing(draft: string): string {
  return draft.replace(/\ba (?=[aeio])/g, 'an ');
}

/**
 * A name whose thing is one singular noun that English counts, with no determiner ("I value coffee
 * bar", "I want good ward"), takes one: "the" for a thing valued, "a" for one wanted ("I value the
 * coffee bar", "I want a bed", "I want a good ward"). A quality valued ("I value efficient
 * service") or wanted more of ("I want better judgment", "I want more leave") is left as it is.
 */
function counting(draft: string, texts: readonly TaggedText[]): string {
  const doing = /^(I can (?:get|have|book|see)) ((?:\p{L}+ ){0,2})(\p{Ll}+)$/u.exec(draft);
  if (doing) return gotCounted(draft, doing[1]!, doing[2]!, doing[3]!, texts);
  // "I value supportive CPN": a name in capitals that the statements count or own takes their
  // determiner ("my CPN" gives "I value my supportive CPN"; "the NHS" stays as it is).
  const letters = /^(I value|I want) ((?:\p{Ll}+ ){0,2})(\p{Lu}{2,})$/u.exec(draft);
  if (letters) {
    const [, lead, before, noun] = letters as unknown as [string, string, string, string];
    const first = before.split(' ')[0]!;
    const det = keptDeterminers.has(first) || possessives.has(first) ? undefined : givenDeterminer(noun.toLowerCase(), texts);
    if (det === 'my') return `${lead} my ${before}${noun}`;
    // ("the GP surgery": a thing valued that the statements give "the" takes it, "I value the GP".)
    if (det === 'the' && lead === 'I value') return `${lead} the ${before}${noun}`;
    if (det === 'a') return `${lead} ${/^[aeiou]/i.test(before || noun) ? 'an' : 'a'} ${before}${noun}`;
    // ("I want good GP": one of those English counts, wanted good, is wanted as one.)
    if ((det === undefined || det === 'the') && lead === 'I want' && before !== '' && !keptDeterminers.has(first) && !possessives.has(first) && countability(noun.toLowerCase()) === 'counted') return `${lead} ${/^[aeiou]/i.test(before) ? 'an' : 'a'} ${before}${noun}`;
    return draft;
  }
  const m = /^(I value|I want) ((?:\p{Ll}+ ){0,2})(\p{Ll}+)$/u.exec(draft);
  if (!m) return draft;
  const [, lead, before, noun] = m as unknown as [string, string, string, string];
  const first = before.split(' ')[0]!;
  if (keptDeterminers.has(first) || possessives.has(first) || first === 'no' || first === 'to' || first === 'having' || first === 'being') return draft;
  // ("peace of mind": the thing after "of" is not the one counted; "I value the peace of mind" is not English.)
  if (/\bof $/.test(before)) return draft;
  const tagged = (word: string, tags: readonly string[]) => texts.some((t) => t.words.some((w, i) => w.toLowerCase() === word && tags.includes(t.tags[i]!)));
  // ("good" in "I want good ward" may be the frame's own word, in no statement.)
  const quality = first !== '' && !tagged(first, ['NOUN']);
  if (quality && (moreWords.has(first) || /er$/.test(first))) return draft;
  if (quality && lead === 'I value') return valuedCounted(draft, lead, before, noun, texts);
  if (!texts.some((t) => t.words.some((w, i) => w.toLowerCase() === noun && t.tags[i] === 'NOUN' && singular(t, i))) || countability(noun) !== 'counted') return draft;
  if (lead === 'I value') return `${lead} the ${before}${noun}`;
  // ("Communication, communication": a noun English may count, that these statements never count, is not wanted as one.)
  if (!texts.some((t) => t.lemmas.some((l, i) => l.toLowerCase() === noun && t.tags[i] === 'NOUN' && (!singular(t, i) || determined(t, i))))) return draft;
  const det = /^[aeiou]/.test(before || noun) ? 'an' : 'a';
  return `${lead} ${det} ${before}${noun}`;
}

/**
 * "I can get GP appointment" lacks its article: a thing got that English counts, which the
 * statements say only in the singular, takes "a" ("I can get a GP appointment").
 */
function gotCounted(draft: string, lead: string, before: string, noun: string, texts: readonly TaggedText[]): string {
  const first = before.split(' ')[0]!.toLowerCase();
  if (keptDeterminers.has(first) || possessives.has(first) || ['no', 'to', 'more', 'some', 'any'].includes(first)) return draft;
  // ("I can get through the service": a thing already given its determiner after a little word takes no other.)
  if (before.split(' ').some((w) => keptDeterminers.has(w.toLowerCase()) || possessives.has(w.toLowerCase()))) return draft;
  if (countability(noun) !== 'counted') return draft;
  const said = texts.flatMap((t) => t.words.flatMap((w, i) => (w.toLowerCase() === noun && t.tags[i] === 'NOUN' ? [singular(t, i)] : [])));
  if (said.length === 0 || said.some((one) => !one)) return draft;
  return `${lead} ${/^[aeiou]/i.test(before || noun) ? 'an' : 'a'} ${before}${noun}`;
}

/**
 * "I value helpful ambulance crew" lacks its article: a quality valued of a thing English counts,
 * said in the singular, is valued in the plural the statements use ("I value reassuring call
 * handlers"), or else with "a" ("I value a quick response").
 */
function valuedCounted(draft: string, lead: string, before: string, noun: string, texts: readonly TaggedText[]): string {
  if (countability(noun) !== 'counted' || !texts.some((t) => t.words.some((w, i) => w.toLowerCase() === noun && t.tags[i] === 'NOUN' && singular(t, i)))) return draft;
  const plurals = new Set([`${noun}s`, `${noun}es`, ...(/[^aeiou]y$/.test(noun) ? [`${noun.slice(0, -1)}ies`] : [])]);
  const plural = texts.flatMap((t) => t.words.filter((w, i) => plurals.has(w.toLowerCase()) && t.tags[i] === 'NOUN'))[0];
  if (plural) return `${lead} ${before}${plural.toLowerCase()}`;
  return `${lead} ${/^[aeiou]/.test(before) ? 'an' : 'a'} ${before}${noun}`;
}

/**
 * "I want good Ambulance crews": a word a statement wrote with a capital only because it began a
 * sentence is written in lower case in a name, where the wall writes it so too. A word the wall
 * only ever writes with a capital (a name, "Rampton") keeps it, and so does an acronym ("RAF").
 */
function inLowerCase(draft: string, wall: readonly TaggedText[]): string {
  // Words with capitals side by side are one name ("Health Visitor"): lower case for all or none.
  return draft.replace(/(?<=\s)\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*\b/gu, (words) => {
    const lower = words.toLowerCase();
    return lower.split(' ').every((w) => wall.some((t) => t.words.includes(w))) ? lower : words;
  });
}

/**
 * "I want a good explaination", "I value quick responce": a word English does not know, one letter
 * from a word it does with the same first letter, is said as that word in a name, where the wall
 * writes that word in lower case (not a name, "Caroline" for "careline") or it is common in English
 * (among the 5,000 most frequent words) and the misspelling is one statement's. Of several such
 * words, the most common. Words with a capital (names, acronyms) and short words ("dnar")
 * are left as they were written; the statements always keep their own words.
 */
function spelledRight(draft: string, wall: readonly TaggedText[]): string {
  return draft.replace(/\b\p{Ll}{5,}\b/gu, (word) => {
    if (wordRank(word) !== undefined) return word;
    const said = (w: string) => wall.filter((t) => t.words.some((x) => x === w)).length;
    let best: string | undefined;
    let bestRank = Infinity;
    for (const near of oneLetterFrom(word)) {
      const rank = wordRank(near);
      if (rank === undefined || rank >= bestRank || near[0] !== word[0]) continue;
      if (said(near) > 0 || (rank < 5_000 && said(word) <= 1)) [best, bestRank] = [near, rank];
    }
    return best ?? word;
  });
}

/** Every word one letter from `word`: a letter left out, two swapped, one changed or one added. */
function oneLetterFrom(word: string): Set<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const near = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    if (b) near.add(a + b.slice(1));
    if (b.length > 1) near.add(a + b[1] + b[0] + b.slice(2));
    for (const c of letters) {
      if (b) near.add(a + c + b.slice(1));
      near.add(a + c + b);
    }
  }
  near.delete(word);
  return near;
}

/**
 * "I value staffs": a thing English hardly ever counts ("staff", "advice", "equipment": its plural
 * is more than twenty times rarer than it) is named in the singular, whatever a statement or two
 * wrote ("the male staffs", "NHS staffs"). "Evenings" (a tenth as common as "evening") stays.
 */
function singularIfUncounted(draft: string): string {
  const m = /^(.* )(\p{Ll}+[^s\W])s$/u.exec(draft);
  if (!m) return draft;
  const [one, many] = [wordRank(m[2]!), wordRank(`${m[2]}s`)];
  return one !== undefined && (many === undefined || (one + 10) / (many + 10) < 0.05) ? `${m[1]}${m[2]}` : draft;
}

/**
 * Whether English counts a noun, by how often it uses the noun and its plural: the word vectors
 * rank words by frequency. A plural ranked no more than four times further down the list than the
 * noun is counted ("bar", "trip", "ward", "bed"); one unknown there, or more than eight times
 * further down, is not ("staff", "food", "advice", "parking"). Between the two ("respect",
 * "treatment", "hospital") English does both, and so does this: undefined. Undefined too without
 * the vectors.
 */
function countability(noun: string): 'counted' | 'uncounted' | undefined {
  const rank = wordRank(noun);
  if (rank === undefined) return undefined;
  const plurals = [`${noun}s`, `${noun}es`, ...(/[^aeiou]y$/.test(noun) ? [`${noun.slice(0, -1)}ies`] : []), ...(irregularPlurals[noun] !== undefined ? [irregularPlurals[noun]!] : [])].flatMap((p) => wordRank(p) ?? []);
  const ratio = plurals.length === 0 ? 0 : (rank + 10) / (Math.min(...plurals) + 10);
  return ratio >= 0.25 ? 'counted' : ratio < 0.12 ? 'uncounted' : undefined;
}

/** Plurals English does not make with -s ("a polite person", as "polite people" is counted). */
const irregularPlurals = wordTable<string>({ person: 'people', man: 'men', woman: 'women', child: 'children' });

/** Whether a determiner or a possessive comes before the noun at i, perhaps with its qualities between ("the main ward", "my room"). */
function determined(text: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.tags[j] === 'ADJ' || text.tags[j] === 'NOUN')) j--;
  const before = text.words[j]?.toLowerCase() ?? '';
  return keptDeterminers.has(before) || possessives.has(before);
}

/** Whether the noun at i is said in the singular: its lemma as written, and no plural ending. */
function singular(text: TaggedText, i: number): boolean {
  const word = text.words[i]!.toLowerCase();
  return word === text.lemmas[i]!.toLowerCase() && !(/[^s]s$/.test(word) && word.length > 3);
}

/**
 * Plain English opposites of words of complaint, so that what is not working can be said as what
 * is wanted ("rude staff" → "kind staff").
 */
const opposites = wordTable<string>({
  rude: 'kind', unkind: 'kind', unfriendly: 'friendly', unhelpful: 'helpful', uncaring: 'caring', dismissive: 'respectful',
  disrespectful: 'respectful', slow: 'quicker', long: 'shorter', cold: 'hot', dirty: 'clean', noisy: 'quiet', loud: 'quiet',
  wrong: 'right', poor: 'good', bad: 'good', awful: 'good', terrible: 'good', confusing: 'clear', unclear: 'clear', inconsistent: 'consistent',
  unreliable: 'reliable', expensive: 'affordable', unsafe: 'safe', uncomfortable: 'comfortable', boring: 'interesting',
  limited: 'more', rushed: 'unhurried', busy: 'calmer', impersonal: 'personal', cramped: 'roomier', inaccessible: 'accessible',
});

/** A thing, as what a person values or wants. */
function thingFrame(category: Category, thing: string): string {
  return category === 'working' ? `I value ${thing}` : `I want ${thing}`;
}

type Mood = 'good' | 'bad' | 'plain';

/**
 * Whether a phrase speaks well or badly of its thing, by wink-nlp's sentiment lexicon and a few
 * words of complaint the lexicon does not score ("long", "late", "wait").
 */
function moodOf(text: TaggedText, span: Span): Mood {
  const words = span.indices.map((i) => text.words[i]!.toLowerCase());
  if (words.some((w) => badWords.has(w) || troubleWords.has(w))) return 'bad';
  // "crisis support", "a dementia cafe", "crisis beds": a thing named before another thing says
  // what that thing is for, and says nothing bad of it.
  // (A name's word is no such thing: "Urgent Care Centre" is urgent care, wherever it is.)
  const last = span.indices.at(-1)!;
  const isNoun = (i: number) => text.tags[i] === 'NOUN' || (text.tags[i] === 'PROPN' && sentenceStart(text, i));
  return moodOfScore(span.indices.reduce((sum, i) => sum + (i !== last && isNoun(i) && (isNoun(last) || text.tags[last] === 'PROPN') ? Math.max(0, text.moods[i]!) : text.moods[i]!), 0));
}

function moodOfScore(score: number): Mood {
  return score < -0.1 ? 'bad' : score > 0.2 ? 'good' : 'plain';
}

/** A noun for something that happens ("arrival", "discharge"), which "late" or "no" makes a trouble. */
function eventNoun(text: TaggedText, i: number): boolean {
  return /(?:al|ion|ment|ure|ing)$/.test(text.words[i]!.toLowerCase());
}

/** Words that already ask for more of a thing. */
const moreWords = new Set(['more', 'extra', 'enough', 'better', 'fewer', 'less', 'quicker', 'faster', 'shorter']);

/** Words that say a thing is missing: a shortage of staff is a want of enough staff. */
const shortWords = new Set(['shortage', 'shortages', 'lack', 'lacking', 'short']);

/** Things that are themselves the trouble: nobody wants more of them, or better ones. */
const troubleWords = new Set(['wait', 'waits', 'waiting', 'delay', 'delays', 'error', 'errors', 'mistake', 'mistakes', 'noise', 'pain', 'complaint', 'complaints', 'restriction', 'restrictions', 'cancellation', 'cancellations', 'mix-up', 'confusion', 'stress', 'worry', 'worries', 'concern', 'concerns', 'queue', 'queues']);

/** Words of complaint that the sentiment lexicon leaves unscored. */
const badWords = new Set(['long', 'longer', 'late', 'later', 'slow', 'slower', 'cold', 'cancelled', 'missed', 'no', 'not', 'never', 'nobody', 'lack', 'shortage', 'poor', 'rude', 'dirty', 'broken', 'unhelpful', 'understaffed']);

/**
 * A bare noun phrase gets the determiner the theme's statements use with its noun most often:
 * "my PA" where people wrote "my PA", "the day centre" where they wrote "the day centre".
 */
function withDeterminer(text: TaggedText, span: Span, phrase: string, theme: readonly TaggedText[], wall: readonly TaggedText[] = theme): string {
  const first = span.indices[0]!;
  if (keptDeterminers.has(text.words[first]!.toLowerCase()) || possessives.has(text.words[first]!.toLowerCase())) return phrase;
  const head = text.words[span.indices.at(-1)!]!.toLowerCase();
  const seen = new Map<string, number>();
  for (const t of theme) {
    t.words.forEach((w, i) => {
      if (w.toLowerCase() !== head) return;
      // Walk back over the modifiers to the word before the phrase.
      let j = i - 1;
      while (j >= 0 && ['ADJ', 'NOUN', 'PROPN'].includes(t.tags[j]!)) j--;
      const before = j >= 0 ? t.words[j]!.toLowerCase() : '';
      if (j >= 0 && othersOwn(t, j)) return;
      const det = possessives.has(before) ? 'my' : before === 'the' ? 'the' : before === 'a' || before === 'an' ? 'a' : '';
      seen.set(det, (seen.get(det) ?? 0) + 1);
    });
  }
  let best = '';
  for (const [det, count] of seen) if (count > (seen.get(best) ?? 0)) best = det;
  // A lone singular thing ("I value ambulance") is not English: it takes the determiner the
  // theme's statements give it at all, or "the" where the wall also counts it ("ambulances"); a
  // thing never counted ("health", "advice") stays as it is.
  const at = span.indices.at(-1)!;
  if (best === '' && span.indices.length === 1 && singular(text, at)) {
    let given = '';
    for (const [det, count] of seen) if (det !== '' && count > (seen.get(given) ?? 0)) given = det;
    best = given || (pluralOnWall(phrase, text, at, wall) !== phrase ? 'the' : '');
  }
  // "a" only with a thing said in the singular ("a bed", not "a beds").
  if (best === 'a') return singular(text, span.indices.at(-1)!) ? `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}` : phrase;
  return best ? `${best} ${phrase}` : phrase;
}

/** Places said without a determiner after "to", "in" or "from" in British English: "get to hospital", "go to college". */
/** Verbs whose thing is one of its kind: "see a dentist", "get an appointment", "have a shower". */
const oneOfVerbs = new Set(['see', 'get', 'have', 'find', 'book', 'meet', 'visit', 'need']);

const bareInstitutions = new Set(['hospital', 'school', 'college', 'university', 'work', 'home', 'bed', 'church', 'prison', 'court', 'town', 'class']);

/** Words that point at a thing ("this house", "those carers"): the thing, as "the" says it. */
const demonstratives = new Set(['this', 'that', 'these', 'those']);

/**
 * The determiner the theme's statements most often give a thing, straight before it: "a", "the" or
 * "my"; none if they give none. With `head`, only where the thing ends its phrase: the "a" of "a
 * health visitor" is not the determiner of "health".
 */
function givenDeterminer(thing: string, theme: readonly TaggedText[], head = false): string | undefined {
  const seen = new Map<string, number>();
  for (const t of theme) {
    t.words.forEach((w, i) => {
      if (w.toLowerCase() !== thing || i === 0 || othersOwn(t, i - 1)) return;
      if (head && ['NOUN', 'PROPN'].includes(t.tags[i + 1] ?? '')) return;
      const before = t.words[i - 1]!.toLowerCase();
      // ("this house", "that ward": a thing pointed at is the thing.)
      const det = possessives.has(before) ? 'my' : before === 'the' || demonstratives.has(before) ? 'the' : before === 'a' || before === 'an' ? 'a' : undefined;
      if (det) seen.set(det, (seen.get(det) ?? 0) + 1);
    });
  }
  return [...seen].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/**
 * Where no phrase is said by two of a theme's statements, a doing said by one of its three most
 * typical statements, in the frame that fits it ("They could have kept me informed" gives "I want
 * to be kept informed"): one statement's words that a facilitator would read out to explain the
 * theme say more than one statement's lone word ("I want question").
 */
function typicalName(category: Category, theme: NamingInput, counts: ReadonlyMap<string, number>, df: ReadonlyMap<string, number>, total: number, used: ReadonlySet<string>, wall: readonly TaggedText[]): Candidate | undefined {
  const size = theme.texts.length;
  const weight = (key: string) => {
    const coverage = (counts.get(key) ?? 0) / size;
    return coverage === 0 ? 0 : coverage * Math.log(1 + coverage / (df.get(key)! / total));
  };
  const typical = theme.texts.slice(0, typicalNamers);
  // Only a doing: one statement's thing, wanted "good" ("I want good chest"), says no more than its word.
  return rankPhrases(category, typical, weight, new Set(counts.keys()), (theme.staff ?? []).slice(0, typicalNamers), wall).find((c) => doingName.test(c.draft) && !used.has(nameKey(c.draft)));
}

/**
 * Whether the thing at i is why or when something happened, not what: "due to COVID", "because of
 * the snow", "during lockdown". Where it is working, that is never what is valued: "I value COVID"
 * had named two themes, from "Due to COVID everything was done over the telephone". (Where it is
 * not, the cause can be the complaint: "due to poor staffing".)
 */
function causeOrWhen(text: TaggedText, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text.tags[j] === 'DET' || text.tags[j] === 'ADJ')) j--;
  const w = (k: number) => text.words[k]?.toLowerCase() ?? '';
  return w(j) === 'during' || (w(j) === 'to' && ['due', 'owing'].includes(w(j - 1))) || (w(j) === 'of' && w(j - 1) === 'because');
}

/** Whether the word at i is one of a pair that says how, not what: "face to face", "door to door", "back to back". */
function doubled(text: TaggedText, i: number): boolean {
  const w = (k: number) => text.words[k]?.toLowerCase() ?? '';
  return (w(i + 1) === 'to' && w(i + 2) === w(i)) || (w(i - 1) === 'to' && w(i - 2) === w(i));
}

/** A name that says a doing: what the person does, or what is done to them. */
const doingName = /^I (?:(?:don't )?want (?:to|them to) |can |value (?:being|having|feeling|them) )/;

/** How many of a theme's most typical statements a name from one statement's words may come from. */
const typicalNamers = 3;

/** When no phrase of a theme is free, its commonest things in the category's frame. */
function fallbackName(category: Category, theme: NamingInput, used: ReadonlySet<string>, wall: readonly TaggedText[]): Candidate {
  const counts = new Map<string, number>();
  // An acronym keeps its capitals ("CT", not "ct").
  const written = new Map<string, string>();
  for (const text of theme.texts) {
    const seen = new Set<string>();
    text.words.forEach((w, i) => {
      const word = w.toLowerCase();
      // Nothing bad in itself is valued, or wanted ("I want attack").
      const fits = category === 'not_working' ? moodOfScore(text.moods[i]!) !== 'bad' && !forbidden(text, i) : !(troubleWords.has(word) || badWords.has(word) || moodOfScore(text.moods[i]!) === 'bad' || negated(text, i) || givenUp(text, { indices: [i] }));
      if ((text.tags[i] === 'NOUN' || text.tags[i] === 'PROPN') && fits && readable(w) && !nameWord(text, i, wall) && !fillerNouns.has(word) && !timeOfDay(text.lemmas[i]!) && !ofFamily(text.lemmas[i]!) && !(category === 'working' && causeOrWhen(text, i)) && !doubled(text, i) && keysOf(word).length > 0 && !seen.has(word)) {
        seen.add(word);
        counts.set(word, (counts.get(word) ?? 0) + 1);
        if (w.length > 1 && w === w.toUpperCase()) written.set(word, w);
      }
    });
  }
  // "I want appointment" is not English: a lone thing takes the determiner the statements give it
  // ("my appointment"), or, where they give none and English counts it, "a" ("I want a call", from
  // "Call time was over 7 mins"), or "the" for what is valued.
  const determined = (w: string) => {
    const det = givenDeterminer(w, theme.texts, true) ?? (w === w.toLowerCase() && countability(w) === 'counted' ? (category === 'working' ? 'the' : 'a') : undefined);
    return det ? `${det === 'a' && /^[aeiou]/.test(w) ? 'an' : det} ${w}` : w;
  };
  const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1)).map((w) => written.get(w) ?? determined(w));
  const tries = [...words.map((w) => [w]), ...words.slice(1).map((w) => [words[0]!, w])];
  for (const t of tries) {
    const draft = defaultFrame(category, t.join(' and '));
    if (!used.has(nameKey(draft))) return { draft, score: 0, supporting: [] };
  }
  // Nothing in the theme makes a name: a plain one that says so, for the room to write.
  const plain = category === 'working' ? plainWorking : plainWanting;
  let draft = plain.find((p) => !used.has(nameKey(p))) ?? plain[0]!;
  while (used.has(nameKey(draft))) draft = `${draft}, too`;
  return { draft, score: 0, supporting: [] };
}

/**
 * A name as the names it must differ from see it: "I value an ambulance" and "I value ambulance"
 * are one name, and so are "I value excellent service", "I value great service" and "I value the
 * service": praise that says only how much says nothing more.
 */
function nameKey(draft: string): string {
  return draft
    .toLowerCase()
    .replace(/\b(?:a|an|the|my) /g, '')
    .split(' ')
    .filter((w) => !emptyPraise.has(w))
    .join(' ');
}

const plainWorking = ['I value this', 'I value this too', 'I value this as well', 'I want to keep this', 'I want this to stay'];
const plainWanting = ['I want this to change', 'I want this to be better', 'I want something done about this', 'I want this sorted', 'I want this to work for me'];

function defaultFrame(category: Category, phrase: string): string {
  return category === 'working' ? `I value ${phrase}` : `I want ${phrase}`;
}
