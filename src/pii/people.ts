import type { PiiSpan } from './detect.js';

/**
 * The anonymisation screen's names layer. Three sources, merged by the caller:
 *  - the contexts statements use to name someone: "my son Tom", "my carer, Julie,", a title such as
 *    Mrs or Dr, and "a lady called Brenda". These find names no list holds (Nkechi, Wojciech).
 *  - compromise's part-of-speech tagger, run only on statements holding a word its lexicon knows
 *    as a first name, which tells "Grace comes on Mondays" from "saying grace", and "Will you help"
 *    from "Will helps me".
 *  - the session's own list of names (`pii.names` in wtfc.yaml), found wherever they appear.
 */

const relations = [
  'son', 'daughter', 'husband', 'wife', 'partner', 'carer', 'care worker', 'support worker', 'social worker', 'key worker',
  'keyworker', 'personal assistant', 'pa', 'mum', 'mom', 'mother', 'dad', 'father', 'brother', 'sister', 'grandson',
  'granddaughter', 'grandma', 'grandad', 'nan', 'nana', 'nephew', 'niece', 'friend', 'neighbour', 'boyfriend', 'girlfriend',
  'nurse', 'aunt', 'auntie', 'uncle', 'cousin', 'manager', 'advocate', 'son-in-law', 'daughter-in-law', 'stepson',
  'stepdaughter', 'grandchild', 'child', 'boy', 'girl', 'lad', 'fiancé', 'fiance', 'fiancée', 'colleague', 'therapist',
  'occupational therapist', 'ot', 'doctor', 'gp', 'physio', 'team leader', 'coordinator', 'co-ordinator', 'befriender',
  'volunteer', 'driver', 'cleaner', 'helper', 'worker', 'lodger', 'flatmate', 'landlord', 'landlady',
];
/**
 * Context words match in any case, names only with a capital: the regexes are case-sensitive, and
 * context words are spelled out as [mM][yY].
 */
function anyCase(words: readonly string[]): string {
  const letters = (w: string) => [...w].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === ' ' || c === '-' ? '[-\\s]' : c)).join('');
  return `(?:${words.map(letters).join('|')})`;
}
const relationWords = anyCase(relations);
const determiners = anyCase(['my', 'our', 'his', 'her', 'their', 'your', 'the', "mum's", "dad's", 'mum’s', 'dad’s']);
const describing = `(?:${anyCase(['lovely', 'late', 'eldest', 'oldest', 'youngest', 'older', 'younger', 'little', 'new', 'old', 'main', 'regular', 'usual', 'favourite', 'current', 'previous', 'last', 'other', 'only', 'best', 'adult', 'grown-up', 'twin', 'step'])}\\s+)*`;

/** A capitalised word that could be a name: Tom, O'Brien, McDonald, Mary-Jane, Zoë. */
// A capital, then a small letter (Tom, McDonald, Mary-Jane) or an apostrophe and a capital
// (O'Brien), then at most 40 more letters. No two quantifiers overlap and the tail is bounded, so a
// hostile run of letters cannot make the patterns below backtrack without end.
const nameWord = String.raw`\p{Lu}(?:\p{Ll}|['’]?\p{Lu}\p{Ll})[\p{L}'’-]{0,40}`;
const fullName = `(?:${nameWord})(?:\\s+(?:${nameWord}))?`;

/** Words that follow these contexts with a capital letter but are not anyone's name. */
const notNames = new Set(
  [
    'i', 'im', "i'm", 'i’m', "i've", 'i’ve', "i'd", "i'll", 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
    'sunday', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'january', 'february',
    'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'christmas', 'easter',
    'nhs', 'gp', 'council', 'social', 'services', 'care', 'age', 'uk', 'the', 'a', 'an', 'and', 'but', 'or', 'who', 'which',
    'that', 'he', 'she', 'they', 'we', 'it', 'here', 'there', 'everything', 'nothing', 'something', 'team', 'muslim',
    'christian', 'hindu', 'sikh', 'jewish', 'catholic', 'buddhist', 'deaf', 'blind', 'disabled', 'autistic', 'sorry',
    'not', 'fine', 'happy', 'lucky', 'grateful', 'worried', 'scared', 'lonely', 'tired', 'sure', 'glad', 'afraid',
    'office', 'centre', 'center', 'hospital', 'surgery', 'trust', 'carers', 'support', 'helpline', 'direct', 'payments',
    'mind', 'mencap', 'scope', 'tesco', 'asda', 'sainsburys', 'sainsbury’s', "sainsbury's", 'boots', 'morrisons', 'lidl',
    'aldi', 'co-op', 'coop', 'facebook', 'whatsapp', 'zoom', 'teams', 'skype', 'google', 'amazon', 'english', 'british',
    'welsh', 'scottish', 'irish', 'polish', 'urdu', 'punjabi', 'bengali', 'gujarati', 'arabic', 'my', 'your', 'our', 'their',
    'his', 'her', 'mum', 'dad', 'mam', 'nan', 'gran', 'grandma', 'grandad', 'granny', 'sir', 'madam', 'ok', 'okay', 'yes', 'no',
  ].map((w) => w.toLowerCase()),
);

const contextPatterns: RegExp[] = [
  // "my son Tom", "my carer, Julie,", "my social worker Kelly Jones", "our lovely carer Mo"
  new RegExp(String.raw`\b${determiners}\s+${describing}${relationWords}(?:\s*[,(–-]\s*|\s+)(${fullName})`, 'gu'),
  // "I'm Nkechi Obi", "my name is Brenda"
  new RegExp(String.raw`\b(?:I['’]m|I\s+am)\s+(${fullName})(?=\s*(?:[,.;:!?)]|$|and\b|from\b|\p{Ll}+\s))`, 'gu'),

  // "my name is Brenda"
  new RegExp(String.raw`\b${anyCase(['name is', "name's", 'name’s'])}\s+(${fullName})`, 'gu'),
];
/**
 * "a lady called Brenda", "someone named Mo". "Called" is also a verb ("I called Adult Social
 * Care") and things have names too ("a group called Friendship Circle"), so after a pronoun only a
 * known first name counts, and after a word for a thing, nothing does.
 */
const called = new RegExp(String.raw`\b(called|named)\s+(${fullName})`, 'gu');
const callerBefore = /\b(?:I|we|they|he|she|you|who|have|has|had|never|always|just|then|finally|eventually|and)\s+$/i;
const thingBefore = new RegExp(
  String.raw`\b(?:home|group|club|place|centre|center|charity|app|service|scheme|company|agency|organisation|organization|street|road|village|town|shop|cafe|café|pub|website|site|programme|program|project|course|class|team|house|ward|unit|estate|building|hall|church|school|book|film|show|game|song|thing|device|system|form|card|pass|bus|taxi|firm|provider|network|forum|line|list|hub|space|garden|room|flat|block|area|ward)s?\s+(?:is\s+|was\s+)?$`,
  'i',
);

const supports = new RegExp(
  String.raw`\b(?:support|supporting|supported|care\s+for|caring\s+for|cared\s+for|look\s+after|looking\s+after|looked\s+after|visit|visiting)\s+(${fullName})`,
  'gu',
);

/**
 * "Nkechi, my key worker,", "Julie is my carer", "Julie my carer". The name comes first, where a
 * sentence's first word also stands ("Sometimes, my carer is late"), so a word the lexicon knows as
 * something other than a name is not taken.
 */
const namedThenRelation = new RegExp(
  String.raw`(?<![\p{L}'’])(${nameWord})(?:\s*,\s*|\s+(?:is|was|has\s+been)\s+|\s+)${determiners}\s+${describing}${relationWords}\b`,
  'gu',
);

/** A title and a name: Mrs O'Brien, Dr Ahmed, Mr. Khan. The span keeps the title. */
const titled = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?:${fullName})`, 'gu');
/** Titles that are also words ("Sister Act", "Nurse Practitioner"): only before a known first name. */
const softTitled = new RegExp(String.raw`\b(?:Sister|Nurse|Auntie|Aunty|Uncle|Father)\s+(${nameWord})`, 'gu');

/** Words compromise knows as first names; loaded with the tagger. */
type Tagger = {
  people(text: string): { text: string; start: number }[];
  isFirstName(word: string): boolean;
  /** The lexicon knows the word, and not as a name: a place, a team, a verb. */
  knownAsOther(word: string): boolean;
};

let tagger: Promise<Tagger> | undefined;

/** Loads compromise's tagger once; it takes a few hundred milliseconds, so only when asked. */
export function loadTagger(): Promise<Tagger> {
  tagger ??= import('compromise/two').then(({ default: nlp }) => {
    const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    const nameTags = /^(?:FirstName|MaleName|FemaleName|Person)$/;
    const tagsOf = (word: string) => {
      const tags = lexicon[word.toLowerCase()];
      return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
    };
    return {
      isFirstName: (word) => tagsOf(word).some((t) => nameTags.test(t)),
      knownAsOther: (word) => {
        const tags = tagsOf(word);
        return tags.length > 0 && !tags.some((t) => nameTags.test(t));
      },
      people: (text) =>
        (nlp(text).match('#Honorific? #Person+').json({ offset: true }) as { text: string; offset: { start: number } }[]).map((p) => ({
          text: p.text,
          start: p.offset.start,
        })),
    };
  });
  return tagger;
}

export interface NameOptions {
  /** Names from wtfc.yaml, matched as whole words in any case: see `listedNames`. */
  names: RegExp | undefined;
  tagger: Tagger;
}

/** One pattern for the session's list of names, built once per screen. */
export function listedNames(names: readonly string[]): RegExp | undefined {
  const usable = names.map((n) => n.trim()).filter((n) => n !== '');
  if (usable.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${usable.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Names in one text. */
export function findNames(text: string, options: NameOptions): PiiSpan[] {
  const out: PiiSpan[] = [];
  const push = (start: number, value: string) => {
    const trimmed = trimName(value);
    if (trimmed === '') return;
    out.push({ type: 'name', span: trimmed, start, end: start + trimmed.length });
  };
  // Every context pattern needs a capitalised word that could be a name; most statements have
  // none, and skipping them keeps a screen of a million statements to seconds.
  const capitalised = mayHoldName(text, options.tagger);
  if (capitalised) contextNames(text, options, push);
  if (capitalised || relationWord.test(text)) taggedNames(text, options, push);
  if (options.names) for (const m of text.matchAll(options.names)) push(m.index, m[0]);
  return out;
}

/**
 * A capitalised word that is not just a sentence's first word: inside a sentence, or first but not
 * a word the lexicon knows as something else ("Julie my carer…", not "Staff say…").
 */
function mayHoldName(text: string, tagger: Tagger): boolean {
  for (const m of text.matchAll(capitalisedWord)) {
    const before = text.slice(0, m.index).trimEnd();
    const first = before === '' || /[.!?:"“(]$/.test(before);
    if (!first || !tagger.knownAsOther(m[0])) return true;
  }
  return false;
}
const capitalisedWord = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{Ll}'’][\p{L}'’-]*/gu;
const relationWord = new RegExp(`\\b${relationWords}\\b`, 'u');

function contextNames(text: string, options: NameOptions, push: (start: number, value: string) => void): void {
  for (const re of contextPatterns) {
    for (const m of text.matchAll(re)) {
      const value = m[1]!;
      const words = value.split(/\s+/);
      if (notNames.has(bare(words[0]!))) continue;
      // A surname is kept only when it is not an ordinary word ("my carer Julie Comes" is rare).
      const surname = words.length > 1 && !notNames.has(bare(words[1]!));
      push(m.index + m[0].lastIndexOf(value), surname ? value : words[0]!);
    }
  }
  for (const m of text.matchAll(namedThenRelation)) {
    const value = m[1]!;
    // Adverbs the lexicon derives rather than lists: "Honestly, my son…", "Luckily my daughter…".
    const adverb = /ly$/i.test(value) && !options.tagger.isFirstName(value);
    if (notNames.has(bare(value)) || options.tagger.knownAsOther(value) || adverb) continue;
    push(m.index + m[0].indexOf(value), value);
  }
  for (const m of text.matchAll(called)) {
    const value = m[2]!;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (thingBefore.test(before) || /^\p{Lu}+$/u.test(value.split(/\s+/)[0]!)) continue;
    if (callerBefore.test(before) && !options.tagger.isFirstName(value.split(/\s+/)[0]!)) continue;
    const words = value.split(/\s+/);
    if (notNames.has(bare(words[0]!))) continue;
    const surname = words.length > 1 && !notNames.has(bare(words[1]!));
    push(m.index + m[0].lastIndexOf(value), surname ? value : words[0]!);
  }
  for (const m of text.matchAll(titled)) push(m.index, m[0]);
  for (const m of text.matchAll(softTitled)) if (options.tagger.isFirstName(m[1]!)) push(m.index, m[0]);
  // Staff speaking of the people they support: "I'm supporting Aled". Not "I support Manchester
  // United": a word the lexicon knows as something else is not taken for a name here.
  for (const m of text.matchAll(supports)) {
    const first = m[1]!.split(/\s+/)[0]!;
    if (notNames.has(bare(first)) || options.tagger.knownAsOther(first)) continue;
    push(m.index + m[0].lastIndexOf(m[1]!), m[1]!);
  }
}

function taggedNames(text: string, options: NameOptions, push: (start: number, value: string) => void): void {
  // Lower-case names in a relation context ("my son tom") and names with no context ("Julie comes
  // on Tuesdays") are left to the tagger, asked only when the text holds a first name it knows.
  const words = text.match(/[\p{L}'’]+/gu) ?? [];
  if (words.some((w) => options.tagger.isFirstName(bare(w)))) {
    for (const p of options.tagger.people(text)) {
      // The tagger's text keeps punctuation before the name ("“Grace Jones”"); its start does not.
      const text_ = p.text.replace(/^[^\p{L}]+/u, '');
      const offset = leadingLowercase(text_);
      const value = capitalisedRun(text_.slice(offset));
      if (!/\p{Lu}/u.test(value) && !inRelationContext(text, p.start + offset)) continue;
      if (notNames.has(bare(value)) || partOfPlaceName(text, p.start + offset, value)) continue;
      push(p.start + offset, value);
    }
  }
}

/** "St John's hospice", "Grace Court", "Hope House": a first name inside the name of a place. */
const placeWord = String.raw`\s+(?:Court|House|Lodge|Road|Street|Lane|Avenue|Close|Drive|Park|Gardens|Centre|Center|Hall|Hospice|Hospital|Surgery|Ward|Unit|Place|Way|Terrace|Crescent|Square|Green|View|Manor|Cottage|Home|Homes|School|College|Church|Chapel|Trust|Foundation|Medical|Practice|Clinic|Library|Singers|Carols)\b`;
const placeWordNext = new RegExp(`^${placeWord}`, 'i');
const placeWordWithin = new RegExp(placeWord, 'i');
function partOfPlaceName(text: string, start: number, value: string): boolean {
  const saint = /\b(?:St|Saint|St\.)\s+$/.test(text.slice(Math.max(0, start - 7), start));
  return saint || placeWordNext.test(text.slice(start + value.length)) || placeWordWithin.test(` ${value.split(/\s+/).slice(1).join(' ')}`);
}

/** Strips what a name match can carry with it: trailing punctuation and a possessive 's. */
function trimName(value: string): string {
  const end = /[\s,.;:!?)\]}"”'’]+$/u;
  return value.replace(end, '').replace(/['’]s$/u, '').replace(end, '');
}

/** "Jack" from "Jack help": the tagger's person runs on into the next word at times. */
function capitalisedRun(value: string): string {
  const words = value.split(/(\s+)/);
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return words[0] ?? '';
  let end = 1;
  while (end + 1 < words.length && /^\p{Lu}/u.test(words[end + 1]!)) end += 2;
  return words.slice(0, end).join('');
}

/** "miss Tom" from "I miss Tom": the tagger reads the verb as a title. */
function leadingLowercase(value: string): number {
  const m = /^(?:\p{Ll}+\s+)+(?=\p{Lu})/u.exec(value);
  return m ? m[0].length : 0;
}

const relationBefore = new RegExp(String.raw`\b${determiners}\s+${describing}${relationWords}\s*,?\s*(?:${anyCase(['is called', 'was called', "'s called", '’s called', 'called', 'named'])}\s+)?$`, 'u');
function inRelationContext(text: string, start: number): boolean {
  return relationBefore.test(text.slice(Math.max(0, start - 60), start));
}

function bare(word: string): string {
  return word.toLowerCase().replace(/['’]s$/u, '').replace(/[^\p{L}'’-]/gu, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
