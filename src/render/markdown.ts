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
    // A leading list marker or numbered item (only when a space or the end follows, as CommonMark
    // asks: "11.61" and "-5" stay as they are), or a line of - or = (a rule or a heading underline).
    .replace(/^[-=\s]+$|^[-+=](?=\s|$)|^\d{1,9}[.)](?=\s|$)/, (marker) => marker.replace(/([-+=.)])/, '\\$1'))
    .replace(/^!/, '\\!');
}

/** Makes text literal in HTML: for the outputs of HTML templates, and for attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
