import type { PiiSpan, PiiType } from '../core/pii.js';
import { findShapes, resolveOverlaps } from './detect.js';
import type { findNames } from './people.js';

/**
 * Where people's words are kept in a session: the statements, the rows ingest turned away, theme
 * names (and the names themes had in earlier states, which the history keeps), the plan, and the
 * session's own name. The screen reads them all, because a name typed into a plan's "who" prints
 * as surely as one in a statement, and a name typed and undone is still in the session's files.
 */
export const textPlaces = ['statement', 'rejected', 'theme', 'history', 'plan', 'settings'] as const;
export type TextPlace = (typeof textPlaces)[number];

/** One text to screen: what holds it (`ref`), where that is, and which of its fields this is. */
export interface TypedText {
  /**
   * A statement's id, or `theme:ID`, `plan:ID`, `rejected:N` (the Nth row of rejected.csv),
   * `history:N` (the state after change N in history.jsonl) or `wtfc.yaml`.
   */
  ref: string;
  place: TextPlace;
  /** The field, where what holds it has several: `name`, `who`, `measure` … */
  field?: string;
  text: string;
}

/** A personal detail found in a text. */
export interface Finding {
  /** What holds it: a statement's id, or a ref as in `TypedText`. (Named for the statements it began with.) */
  statement: string;
  place: TextPlace;
  field?: string;
  type: PiiType;
  span: string;
  /** Where the span starts in the field's text (UTF-16 code units, as JavaScript counts). */
  start: number;
  end: number;
}

/** How a finding's text is named: its ref, and its field where what holds it has several (`plan:a1 who`). */
export { textKey } from './text-key.js';

export interface ScreenOptions {
  /** Names to flag wherever they appear (`pii.names` in wtfc.yaml). */
  names: readonly string[];
  /** What the screen found in texts it has read before (see `screen-cache.ts`). */
  cache?: SpanCache;
}

/** The screen's findings by text, kept between runs. */
export interface SpanCache {
  get(text: string): PiiSpan[] | undefined;
  set(text: string, spans: PiiSpan[]): void;
}

/**
 * The screen's version: a cache of its findings made by another version is not used. Raise it
 * whenever what the screen finds in a text changes.
 */
export const screenVersion = 1;

/** Runs the screen over one text. */
export async function screenText(text: string, options: ScreenOptions): Promise<PiiSpan[]> {
  const { findNames, listedNames, loadTagger } = await import('./people.js');
  const tagger = await loadTagger();
  return resolveOverlaps([...findShapes(text), ...findNames(text, { names: listedNames(options.names), tagger })]);
}

/** Runs the screen over statements, in their order. */
export function screenStatements(statements: readonly { id: string; text: string }[], options: ScreenOptions): Promise<Finding[]> {
  return screenTexts(
    statements.map((st) => ({ ref: st.id, place: 'statement', text: st.text })),
    options,
  );
}

/** Runs the screen over typed texts, in their order. */
export async function screenTexts(texts: readonly TypedText[], options: ScreenOptions): Promise<Finding[]> {
  if (texts.length === 0) return [];
  const cache = options.cache;
  // The name finder and its tagger take a fifth of a second to load: only when a text is not in the cache.
  let names: Parameters<typeof findNames>[1] | undefined;
  let find: typeof findNames | undefined;
  const findings: Finding[] = [];
  for (const t of texts) {
    let spans = cache?.get(t.text);
    if (!spans) {
      if (!find || !names) {
        const people = await import('./people.js');
        find = people.findNames;
        names = { names: people.listedNames(options.names), tagger: await people.loadTagger() };
      }
      spans = resolveOverlaps([...findShapes(t.text), ...find(t.text, names)]);
      cache?.set(t.text, spans);
    }
    for (const s of spans) findings.push({ statement: t.ref, place: t.place, ...(t.field ? { field: t.field } : {}), ...s });
  }
  return findings;
}
