/** Collapses every run of white space (including line breaks and NBSP) to one space and trims. */
export function normaliseSpace(text: string): string {
  // Most statements are already tidy: single spaces between words, nothing at either end.
  if (!untidySpace.test(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}

/** White space other than a single space between two other characters. */
const untidySpace = /[^\S ]|\s\s|^\s|\s$/u;

/** A header or a category value reduced to lowercase words, with curly quotes straightened. */
export function normaliseLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[\u2018\u2019\u2032`]/g, "'")
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
