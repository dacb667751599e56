/**
 * The key of the text a finding is in: its holder (a statement's id, theme:ID, plan:ID, …) and,
 * where the holder has several texts, the field. Kept apart from the screen, so that printing a
 * report of findings does not load the screen's name lists.
 */
export const textKey = (f: { statement: string; field?: string }): string => (f.field ? `${f.statement} ${f.field}` : f.statement);
