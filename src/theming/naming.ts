import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { Category } from '../core/model.js';
import { syntheticWords } from './analyse.js';

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
    nlp = load(require('wink-eng-lite-web-model'), ['pos']);
  }
  return nlp;
}

const phraseWords = new Set(Object.values(syntheticWords));

/**
 * Nouns that recur in statements about anything (times and amounts, "people", "things"): true to
 * the words, but they say nothing about what a theme is about, so names skip them.
 */
const genericNouns = new Set(
  `time times day days week weeks month months year years hour hours minute minutes night nights
  morning mornings evening evenings weekend weekends today people person thing things lot lots way
  ways bit part end start number place half`.split(/\s+/),
);

/**
 * Which words read as things (nouns) in these statements, by part-of-speech tagging them. A theme
 * is better named by what it is about ("transport", "day centre") than by the verbs and numbers
 * that happen to recur in it ("came", "three").
 */
export function nounTest(texts: readonly string[]): (label: string) => boolean {
  return nounTestFrom(countNouns(texts));
}

/** For each word (lowercased), how often it was tagged a noun, of how often it occurs. */
export type NounCounts = Map<string, { noun: number; total: number }>;

/** Tags the texts. With no texts, the tagger is not even loaded. */
export function countNouns(texts: readonly string[]): NounCounts {
  const counts: NounCounts = new Map();
  if (texts.length === 0) return counts;
  const n = tagger();
  for (const text of texts) {
    const doc = n.readDoc(text);
    const words = doc.tokens().out(n.its.normal) as string[];
    const tags = doc.tokens().out(n.its.pos) as string[];
    words.forEach((w, i) => {
      const c = counts.get(w) ?? { noun: 0, total: 0 };
      c.total++;
      if (tags[i] === 'NOUN' || tags[i] === 'PROPN') c.noun++;
      counts.set(w, c);
    });
  }
  return counts;
}

export function nounTestFrom(counts: NounCounts): (label: string) => boolean {
  const isNoun = (word: string) => {
    const c = counts.get(word.toLowerCase());
    return c !== undefined && c.noun * 2 >= c.total;
  };
  // A pair reads as a thing when its last word does ("reablement team", "day centre").
  return (label) => {
    if (phraseWords.has(label)) return true;
    const last = label.split(' ').at(-1)!;
    return isNoun(last) && !genericNouns.has(label.toLowerCase());
  };
}

function listPhrase(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? 'this';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A first draft of the theme's "I" statement, from the person's side, for the facilitator to edit. */
export function draftName(category: Category, keywords: readonly string[]): string {
  const phrase = listPhrase(keywords.slice(0, 2));
  switch (category) {
    case 'working':
      return `I value ${phrase}`;
    case 'not_working':
      return `I want ${phrase} to work for me`;
    case 'future':
      return `In future I want ${phrase}`;
  }
}
