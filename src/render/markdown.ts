/**
 * Makes user text literal in markdown: no emphasis, links, HTML, headings, list markers or table
 * cells can come out of a statement. CommonMark lets a backslash escape any ASCII punctuation
 * (spec 0.31, section 2.4), so escaping is always safe; line breaks become spaces so a statement
 * stays on its table row or list item.
 */
export function escapeMarkdown(value: unknown): string {
  // Leading spaces would start an indented code block; they carry nothing in a statement.
  const text = String(value ?? '').replace(/\r\n|\r|\n/g, ' ').replace(/^\s+/, '');
  return text
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, '\\&')
    // A leading list marker, numbered item, or a line of - or = (a rule or a heading underline).
    .replace(/^(\s*)([-+=]|\d+[.)])/, (_, space: string, marker: string) => `${space}${marker.replace(/([-+=.)])/, '\\$1')}`)
    .replace(/^(\s*)!/, '$1\\!');
}
