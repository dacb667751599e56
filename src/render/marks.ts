import { type Category, type Perspective, categories, perspectives } from '../core/model.js';

/**
 * How the room's handouts mark each wall: a colour and a symbol in a circle, always beside the
 * wall's name, so colour is never the only sign (a grey photocopy and a reader who cannot tell red
 * from green still see ✓, ✗ and ➜). The colours are dark enough for white marks on them and to
 * print in grey as three different tones.
 */
export const categoryMarks: Record<Category, { title: string; symbol: string; colour: string; path: string }> = {
  working: { title: 'What is working', symbol: '✓', colour: '#1b6e3a', path: 'M6.5 12.5l3.8 3.8 7.4-8.6' },
  not_working: { title: 'What is not working', symbol: '✗', colour: '#a3271f', path: 'M7.5 7.5l9 9m0-9l-9 9' },
  future: { title: 'What is important for the future', symbol: '➜', colour: '#1f4e8c', path: 'M6 12h11m-4.5-4.5l4.5 4.5-4.5 4.5' },
};

/** `{{ category.key | mark | raw }}` in an HTML template: the wall's mark as inline SVG. */
export function categoryMark(key: unknown): string {
  const mark = (categories as readonly unknown[]).includes(key) ? categoryMarks[key as Category] : undefined;
  if (!mark) return '';
  return (
    `<svg class="mark" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">` +
    `<circle cx="12" cy="12" r="12" fill="${mark.colour}"/>` +
    `<path d="${mark.path}" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`
  );
}

/** Whose words, in plain words for the room. */
export const plainPerspectives: Record<Perspective, string> = {
  person: 'People who use support',
  family: 'Family and friends',
  staff: 'Staff',
  other: 'Other people',
  unknown: 'Not said',
};

/**
 * "People who use support 3 · Family and friends 2": how many statements each group gave. Each
 * group is held together (no-break spaces), so a line breaks only between groups.
 */
export function plainPerspectivesText(counts: Partial<Record<Perspective, number>>): string {
  return perspectives
    .filter((p) => (counts[p] ?? 0) > 0)
    .map((p) => `${plainPerspectives[p]} ${counts[p]}`.replace(/ /g, '\u00a0'))
    .join('\u00a0· ');
}
