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

/** A theme as the session keeps it: `themes.yaml`, its history, and every command that reads them. */
export interface Theme {
  id: string;
  category: Category;
  /** The "I" statement the room works with: the draft until a facilitator renames it. */
  name: string;
  /** The engine's draft "I" statement. */
  draft: string;
  /** Short keyword label. */
  label: string;
  statements: string[];
  /** Up to three statement ids, closest to the theme's centre first. */
  representative: string[];
  size: number;
  perspectives: Partial<Record<Perspective, number>>;
  /** Mean cosine similarity of members to the theme's centre, 0 to 1. */
  cohesion: number;
  /** Reviewed: re-theming and edits leave it exactly as it is until it is unlocked. */
  locked: boolean;
  /** Kept, but left out of prioritising. */
  parked: boolean;
  /** A facilitator has changed it (renamed, merged, split, moved statements, parked): re-theming keeps it. */
  edited: boolean;
}

export interface CategoryThemes {
  themes: Theme[];
  /** The method's "odd ones out": statements that fit no theme. */
  unthemed: string[];
}

export interface ThemeSet {
  engine: {
    name: string;
    version: number;
    seed: number;
    themes: 'auto' | number;
    minSize: number;
    /** The models of a local model server that gave the themes' meaning or names, when one did. */
    model?: { embeddings?: string; chat?: string };
  };
  categories: Record<Category, CategoryThemes>;
}
