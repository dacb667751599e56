import { stemmer } from 'stemmer';

/**
 * Words that carry no theme in a WTfC statement. Beside ordinary English function words, the
 * first-person frame of every statement ("I want", "I need", "my") is noise: every statement has it.
 * So are the same words typed without their apostrophe ("I dont like", "cant", "im"), as people
 * often write them: kept, they held a wall's complaints together by "dont" alone.
 */
const stopWords = new Set(
  `a about above after again against all also always am an and any are aren't as at be because been
  before being below between both but by can can't cannot could couldn't did didn't do does doesn't
  doing don't down during each even ever every few for from further get gets getting got had hadn't has
  hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
  i i'd i'll i'm i've if in into is isn't it it's its itself just let's like lot lots made make makes
  many me might more most much must mustn't my myself need needs needed never no nor not now of off
  often on once one only or other ought our ours ourselves out over own really same shan't she she'd
  she'll she's should shouldn't so some still such than that that's the their theirs them themselves
  then there there's these they they'd they'll they're they've thing things think this those though
  through to too under until up upon us very want wanted wants was wasn't way we we'd we'll we're
  we've well were weren't what what's when when's where where's which while who who's whom why why's
  will with won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
  feel felt know knew go going goes went say says said tell told seem seems able bit quite lot
  sometimes usually already almost enough
  dont didnt doesnt cant couldnt wouldnt shouldnt isnt wasnt arent werent havent hasnt hadnt wont
  im ive youre theyre thats theres whats`.split(/\s+/),
);

/**
 * Words that carry no theme on a workshop wall, beside the stop words: words that say how many or
 * how often ("three times", "twice"), who in general ("anyone", "someone", "without"), and words
 * that only join, hedge or ask politely ("till", "actually", "maybe", "please"). Statements on
 * quite different subjects share them, and a theme held together by them is no theme: "till" held
 * a wall's fall at night, a five-month wait for a ramp and late carers together. How long something
 * takes stays ("hours", "weeks"): waiting is a subject. On a large set of other kinds of text the
 * engine keeps them: there, "someone used my card" or "how many times" can be the subject (banking77
 * lost 2.5 ACC without the first two kinds, and 1.1 without the third).
 */
const wallOnlyWords = new Set(
  `two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
  hundred hundreds thousand thousands twice time times people person thing things everything
  something anything nothing nobody without within anyone anybody everyone everybody someone somebody else
  another
  till til since actually maybe perhaps probably please anymore however although whilst unless whether`.split(/\s+/),
);

/** A word that carries no theme: a stop word, or on a wall (`wall`) a word that is empty there. */
export function isFillerWord(word: string, wall = false): boolean {
  return stopWords.has(word) || (wall && wallOnlyWords.has(word));
}

/**
 * A small social-care synonym table, applied to the lowercased text before words are split, so
 * that the different names people use for one thing count as one feature. Each entry is a pattern
 * and the word it becomes (with "get through", the words). Sources: common usage in council WTfC
 * reports and Think Local Act Personal's care and support jargon buster.
 */
const synonyms: readonly [RegExp, string][] = [
  [/\bpersonal assistants?\b|\bp\.?a\.?s?\b(?=[\s,.;:!?)]|$)/g, ' pa '],
  [/\b(?:direct payments?|personal budgets?|individual budgets?)\b/g, ' directpayment '],
  [/\b(?:care workers?|support workers?|carers? from the agency|home carers?|careworkers?)\b/g, ' careworker '],
  [/\b(?:day centres?|day services?|day opportunit(?:y|ies)|day care)\b/g, ' daycentre '],
  [/\b(?:social workers?|care managers?)\b/g, ' socialworker '],
  [/\b(?:short breaks?|respite care|respite)\b/g, ' respite '],
  [/\b(?:carers'? assessments?|carer assessments?)\b/g, ' carerassessment '],
  // A care home is not the person's own home ("stay in my own home", "sent home from hospital").
  [/\b(?:care homes?|nursing homes?|residential homes?|residential care)\b/g, ' carehome '],
  [/\b(?:gps?|doctors?|surgery)\b/g, ' gp '],
  [/\b(?:taxis?|cabs?|minibus(?:es)?|buses|bus)\b/g, ' transport '],
  [/\btelephones?\b/g, ' phone '],
  // "Took an hour to get through", "couldn't get through to anyone": reaching someone on the phone
  // (not "got through a hard time", where a thing follows).
  [/\b(get|gets|getting|got) through\b(?=\s*(?:to\b|on\b|and\b|was\b|[.,/!?;]|$))/g, ' $1 through phone '],
];

/**
 * On a wall, "time" holds nothing together ("three times"), so "on time" would be left as nothing:
 * it is folded with "punctual" first. On a larger set of other text "time" stays, and so does
 * "on time" (banking77 lost 0.7 ACC with it folded).
 */
const onTime = /\b(?:on time|punctual(?:ly|ity)?)\b/g;

/** Any of the synonym table's patterns: most statements have none, and one test is cheaper than nine replaces. */
const anySynonym = new RegExp(synonyms.map(([pattern]) => pattern.source).join('|'));

const wordPattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const allDigits = /^\d+$/;

/** Statements repeat words a great deal; stemming each distinct word once saves most of the work. */
const stems = new Map<string, string>();
export function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    // The stemmer undoes a doubled consonant ("hopping", "hop"), but "ff" is how "staff" and
    // "stuff" are spelt: "staffing" and "staffed" keep it, so that they meet "staff".
    if (stem.endsWith('f') && !stem.endsWith('ff') && word.startsWith(`${stem}f`)) stem = `${stem}f`;
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

/**
 * The words of a statement that can carry a theme: lowercased, synonyms folded, stop words dropped;
 * on a wall (`wall`), the words that are empty there too.
 */
export function themeWords(text: string, wall = false): string[] {
  let t = ` ${text.toLowerCase().replace(/[\u2018\u2019]/g, "'")} `;
  if (anySynonym.test(t)) for (const [pattern, replacement] of synonyms) t = t.replace(pattern, replacement);
  if (wall) t = t.replace(onTime, ' punctual ');
  const words: string[] = [];
  for (const word of t.match(wordPattern) ?? []) {
    if (word.length < 2 || isFillerWord(word, wall) || allDigits.test(word)) continue;
    words.push(word.endsWith("'s") ? word.slice(0, -2) : word);
  }
  return words;
}

/**
 * Words that only say how good or bad something was, or yes or no. A wall's statement that says
 * nothing else ("its ok", "Good.", "yes", "I am happy") names no subject: grouped by these words,
 * such answers held themes together on walls of people's own writing, and readers sent them to the
 * odd ones out.
 */
const verdictWords = new Set(
  `good great excellent brilliant fantastic amazing lovely wonderful nice fine ok okay alright happy
  pleased glad bad poor terrible awful rubbish sad unhappy yes yeah no nope sure thanks thank`.split(/\s+/),
);

/** A wall statement's words, as `themeWords` gives them; none where it says only a verdict (`verdictWords`). */
export function wallWords(text: string): string[] {
  const words = themeWords(text, true);
  return words.every((w) => verdictWords.has(w)) ? [] : words;
}

/** The words of a statement, as `themeWords` gives them, and their stems. */
export function analyse(text: string, wall = false): { stems: string[]; words: string[] } {
  const words = themeWords(text, wall);
  return { stems: words.map(stemOf), words };
}

/**
 * A table looked up by words people wrote: it has no prototype, so a statement that says
 * "constructor" or "toString" finds nothing there rather than one of Object's own properties.
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Words the synonym table made up, spelled back out for labels. */
export const syntheticWords: Readonly<Record<string, string>> = wordTable({
  pa: 'PAs',
  directpayment: 'direct payments',
  careworker: 'care workers',
  daycentre: 'day centre',
  socialworker: 'social worker',
  respite: 'respite',
  carerassessment: "carers' assessment",
  carehome: 'care home',
  gp: 'GP',
  transport: 'transport',
});

