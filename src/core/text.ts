/** Collapses every run of white space (including line breaks and NBSP) to one space and trims. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A header or a category value reduced to lowercase words, with curly quotes straightened. */
export function normaliseLabel(value: string): string {
  return value
    .toLowerCase()
    .replace(/[\u2018\u2019\u2032`]/g, "'")
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
