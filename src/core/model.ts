/** The three walls of a WTfC workshop (Bennett and Sanderson, DH 2009). */
export const categories = ['working', 'not_working', 'future'] as const;
export type Category = (typeof categories)[number];

export const categoryTitles: Record<Category, string> = {
  working: "What's working",
  not_working: "What's not working",
  future: "What's important for the future",
};

/** Whose words a statement is: the person who draws on support, family, staff, or someone else. */
export const perspectives = ['person', 'family', 'staff', 'other', 'unknown'] as const;
export type Perspective = (typeof perspectives)[number];

/** A statement as held in `statements.csv`. The header order is part of the file contract. */
export interface Statement {
  id: string;
  text: string;
  category: Category;
  perspective: Perspective;
  /** Pseudonymous reference to the person the statement is about; '' when not given. */
  person: string;
  council: string;
  /** The input file's name (not its path), or 'stdin'. */
  source: string;
  /** The line the statement's row starts on in the source; 0 when unknown. */
  line: number;
}

export const statementColumns = ['id', 'text', 'category', 'perspective', 'person', 'council', 'source', 'line'] as const;

export function isCategory(value: string): value is Category {
  return (categories as readonly string[]).includes(value);
}

export function isPerspective(value: string): value is Perspective {
  return (perspectives as readonly string[]).includes(value);
}
