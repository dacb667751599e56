import { type PiiSpan, type PiiType, findShapes, resolveOverlaps } from './detect.js';
import { findNames, listedNames, loadTagger } from './people.js';

/** A personal detail found in a statement. */
export interface Finding {
  statement: string;
  type: PiiType;
  span: string;
  /** Where the span starts in the statement's text (UTF-16 code units, as JavaScript counts). */
  start: number;
  end: number;
}

export interface ScreenOptions {
  /** Names to flag wherever they appear (`pii.names` in wtfc.yaml). */
  names: readonly string[];
}

/** Runs the screen over one text. */
export async function screenText(text: string, options: ScreenOptions): Promise<PiiSpan[]> {
  const tagger = await loadTagger();
  return resolveOverlaps([...findShapes(text), ...findNames(text, { names: listedNames(options.names), tagger })]);
}

/** Runs the screen over statements, in their order. */
export async function screenStatements(
  statements: readonly { id: string; text: string }[],
  options: ScreenOptions,
): Promise<Finding[]> {
  if (statements.length === 0) return [];
  const names = { names: listedNames(options.names), tagger: await loadTagger() };
  const findings: Finding[] = [];
  for (const st of statements) {
    const spans = resolveOverlaps([...findShapes(st.text), ...findNames(st.text, names)]);
    for (const s of spans) findings.push({ statement: st.id, ...s });
  }
  return findings;
}
