import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Two word lists the screen asks about a word no pattern explained, each read the first time it
 * is needed and kept as a Set:
 *  - people's names: the `humannames` package (MIT), about 197,000 first and last names gathered
 *    from censuses and social media. It is broad (it holds Priyanka, Oluwaseun and Wojciech) and
 *    so also holds words that are names somewhere (Street, Green, Money, The), which is why a word
 *    from it counts as a name only when it is not also an ordinary word.
 *  - ordinary English words: the 85,000 lower-case words of the lexicon in wink-nlp's English
 *    model (`wink-eng-lite-web-model`, MIT, already a dependency for theming). It knows "canteen",
 *    "furnace" and "onions", which compromise's smaller lexicon does not.
 * Reading them takes about 0.3 s and 15 MB of heap for the names and 0.1 s and 8 MB for the
 * English words, once per process; a screen whose texts every other layer explains reads neither.
 */

const require = createRequire(import.meta.url);

let names: Set<string> | undefined;
let english: Set<string> | undefined;

function humanNames(): Set<string> {
  // list.txt has one name a line, with Windows line ends.
  names ??= new Set(readFileSync(require.resolve('humannames/list.txt'), 'utf8').split(/\r?\n/).filter((n) => n !== ''));
  return names;
}

function englishWords(): Set<string> {
  if (!english) {
    // The model's own JSON, through require's cache: theming reads the same file, so a run that
    // has themed already has it parsed. Words with a capital (Jordan, Frank) are proper nouns
    // there and left out: what is kept is the lower-case words.
    const model = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json') as { features: { lexeme: { list: string[] } } };
    english = new Set();
    for (const w of model.features.lexeme.list) {
      const c = w.charCodeAt(0);
      if (c >= 97 && c <= 122) english.add(w);
    }
  }
  return english;
}

/** "Priyanka", "Okafor", "Kowalski": in the list of names, in its usual capitalisation or in any. */
export function isHumanName(word: string): boolean {
  const set = humanNames();
  return set.has(word) || set.has(capitalise(word));
}

/** An ordinary English word, in lower case: "grace", "hull", "crystal"; not "priyanka". */
export function isEnglishWord(word: string): boolean {
  return englishWords().has(word.toLowerCase());
}

function capitalise(word: string): string {
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
