import { type Category, type Perspective, categories, perspectives } from './model.js';
import { normaliseLabel } from './text.js';

/**
 * The ways spreadsheets write the three categories. Matching is on normalised labels (lowercase,
 * apostrophes and punctuation dropped), so "What's Not Working?" and "what’s not working" agree.
 */
const categoryAliases: Record<Category, readonly string[]> = {
  working: [
    'working', 'whats working', 'what is working', 'what works', 'works', 'w', 'going well',
    'what is going well', 'whats going well', 'positive', 'positives', 'strengths',
  ],
  not_working: [
    'not working', 'not_working', 'notworking', 'whats not working', 'what is not working', 'nw',
    'isnt working', 'whats isnt working', 'what isnt working', 'doesnt work', 'what doesnt work',
    'not going well', 'problems', 'barriers', 'negative', 'negatives',
  ],
  future: [
    'future', 'important for the future', 'whats important for the future',
    'what is important for the future', 'important to me for the future', 'important in the future',
    'for the future', 'the future', 'f', 'hopes', 'hopes for the future', 'what matters for the future',
    'important future', 'future wishes', 'wishes',
  ],
};

const perspectiveAliases: Record<Perspective, readonly string[]> = {
  person: [
    'person', 'p', 'self', 'me', 'individual', 'service user', 'user', 'client', 'customer', 'citizen',
    'person who draws on support', 'person drawing on support', 'people who draw on support',
    'person receiving support', 'person supported', 'supported person', 'adult', 'resident',
  ],
  family: [
    'family', 'fam', 'family carer', 'family member', 'carer', 'unpaid carer', 'parent', 'parent carer',
    'relative', 'mum', 'mother', 'dad', 'father', 'son', 'daughter', 'partner', 'spouse', 'husband',
    'wife', 'sibling', 'brother', 'sister', 'grandparent', 'guardian',
  ],
  staff: [
    'staff', 's', 'worker', 'support worker', 'care worker', 'professional', 'practitioner',
    'social worker', 'provider', 'provider staff', 'council staff', 'manager', 'nurse', 'ot',
    'occupational therapist', 'pa', 'personal assistant', 'employee', 'team member',
  ],
  other: ['other', 'o', 'advocate', 'friend', 'neighbour', 'volunteer', 'commissioner', 'peer'],
  unknown: ['unknown', 'not known', 'not recorded', 'n a', 'na', 'unspecified', 'prefer not to say'],
};

function buildIndex<K extends string>(aliases: Record<K, readonly string[]>): Map<string, K> {
  const index = new Map<string, K>();
  for (const [key, list] of Object.entries(aliases) as [K, readonly string[]][]) {
    index.set(normaliseLabel(key), key);
    for (const alias of list) index.set(normaliseLabel(alias), key);
  }
  return index;
}

const categoryIndex = buildIndex(categoryAliases);
const perspectiveIndex = buildIndex(perspectiveAliases);

/** The category a cell names, or undefined when it names none. */
export function normaliseCategory(value: string): Category | undefined {
  const label = normaliseLabel(value);
  const exact = categoryIndex.get(label);
  if (exact) return exact;
  // Longer forms such as "What's not working for you at the moment": "not" decides first.
  const words = ` ${label} `;
  if (/ (not|isnt|doesnt|arent) work/.test(words)) return 'not_working';
  if (/ future /.test(words)) return 'future';
  if (/ work(ing|s)? /.test(words)) return 'working';
  return undefined;
}

/** The perspective a cell names; an empty cell is 'unknown'. */
export function normalisePerspective(value: string): Perspective | undefined {
  const label = normaliseLabel(value);
  if (label === '') return 'unknown';
  const exact = perspectiveIndex.get(label);
  if (exact) return exact;
  const words = label.split(' ');
  // "Family carer (mum)", "Staff - provider": the first word that names a perspective decides.
  for (const word of words) {
    const hit = perspectiveIndex.get(word);
    if (hit && word.length > 1) return hit;
  }
  return undefined;
}

export const categoryChoices = categories.join(', ');
export const perspectiveChoices = perspectives.join(', ');

/**
 * What a session says its own labels mean (`--value "Could be better=not_working"`, or
 * `ingest.values` in wtfc.yaml), by normalised label. The field is known from the meaning: a
 * category's name or a perspective's.
 */
export interface ValueMeanings {
  category: ReadonlyMap<string, Category>;
  perspective: ReadonlyMap<string, Perspective>;
}

export const noValueMeanings: ValueMeanings = { category: new Map(), perspective: new Map() };

/**
 * Reads "label=meaning" pairs. Returns the meanings, or throws with the pair that is wrong: one
 * without `=`, or whose meaning is neither a category nor a perspective.
 */
export function readValueMeanings(pairs: readonly (readonly [string, string])[], problem: (pair: readonly [string, string], message: string) => never): ValueMeanings {
  const category = new Map<string, Category>();
  const perspective = new Map<string, Perspective>();
  for (const pair of pairs) {
    const [label, meaning] = pair;
    const key = normaliseLabel(label);
    if (key === '') problem(pair, 'the label is empty');
    const asCategory = normaliseCategory(meaning);
    const asPerspective = (perspectives as readonly string[]).includes(meaning.trim()) ? (meaning.trim() as Perspective) : undefined;
    if (asCategory && categoryIndex.get(normaliseLabel(meaning)) !== undefined) category.set(key, asCategory);
    else if (asPerspective) perspective.set(key, asPerspective);
    else problem(pair, `"${meaning}" is not a category (${categories.join(', ')}) or a perspective (${perspectives.join(', ')})`);
  }
  return { category, perspective };
}
