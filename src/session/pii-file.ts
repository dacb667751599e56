import { existsSync } from 'node:fs';
import { readText, writeFileAtomic } from './atomic.js';
import { LineCounter, isMap, isSeq, stringify } from 'yaml';
import { parseYaml } from './yaml.js';
import { type Problem, ProblemsError } from '../errors.js';
import { type PiiType, piiTypes } from '../core/pii.js';

/** A finding someone has looked at and marked as not a personal detail. */
export interface IgnoredFinding {
  statement: string;
  type: PiiType;
  span: string;
}

/**
 * A text since redacted, remembered by a keyed fingerprint of what it said before (never the words
 * themselves), so that ingesting its input again does not bring the detail back.
 */
export interface RedactedText {
  /** What held it: a statement's id, or `rejected:N`. */
  of: string;
  /** 64 hex digits: see `fingerprint` in core/ids.ts. */
  fingerprint: string;
}

/** `pii.yaml`: the screen's memory of false positives, and of what was redacted. */
export interface PiiFile {
  ignored: IgnoredFinding[];
  redacted: RedactedText[];
}

/** Reads `pii.yaml`. A missing file is empty lists. */
export function readPiiFile(path: string, file: string): PiiFile {
  return existsSync(path) ? parsePiiFile(readText(path), file) : { ignored: [], redacted: [] };
}

/** `pii.yaml`'s text as its lists, checked, with every problem at its line. */
export function parsePiiFile(source: string, file: string): PiiFile {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, lineCounter);
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  const problems: Problem[] = doc.errors.map((e) => ({ where: at(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` }));
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, 'fix the YAML at that line');
  const root = doc.contents;
  if (root === null) return { ignored: [], redacted: [] };
  const list = (key: string) => (isMap(root) ? root.get(key, true) : undefined);
  const [ignoredList, redactedList] = [list('ignored'), list('redacted')];
  const notAList = (x: unknown) => x !== undefined && x !== null && !isSeq(x);
  if (!isMap(root) || notAList(ignoredList) || notAList(redactedList)) {
    throw new ProblemsError(`${file} has 1 problem(s)`, [{ where: at(root.range?.[0]), message: 'expected `ignored:` and `redacted:`, each followed by a list' }]);
  }
  const entries = (x: unknown) => (isSeq(x) ? x.items.map((item) => ({ where: at((item as { range?: [number] }).range?.[0]), value: isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined })) : []);
  const out: PiiFile = { ignored: [], redacted: [] };
  for (const { where, value } of entries(ignoredList)) {
    if (!value || typeof value.statement !== 'string' || typeof value.span !== 'string' || !(piiTypes as readonly unknown[]).includes(value.type)) {
      problems.push({ where, message: `each entry of ignored needs statement, type (one of ${piiTypes.join(', ')}) and span` });
      continue;
    }
    out.ignored.push({ statement: value.statement, type: value.type as PiiType, span: value.span });
  }
  for (const { where, value } of entries(redactedList)) {
    if (!value || typeof value.of !== 'string' || typeof value.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(value.fingerprint)) {
      problems.push({ where, message: 'each entry of redacted needs of (what held it) and fingerprint (64 hexadecimal digits)' });
      continue;
    }
    out.redacted.push({ of: value.of, fingerprint: value.fingerprint });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems, 'fix those entries, or run `wtfc pii unignore` to remove an ignored one');
  return out;
}

/** Writes `pii.yaml` (atomically). */
export function writePiiFile(path: string, pii: PiiFile): void {
  writeFileAtomic(path, renderPiiFile(pii));
}

export function renderPiiFile(pii: PiiFile): string {
  const ignored =
    '# Findings of `wtfc pii` marked as not personal details, kept so they are not flagged again.\n# `wtfc pii ignore` and `wtfc pii unignore` edit this list.\n' +
    stringify({ ignored: pii.ignored.map((i) => ({ statement: i.statement, type: i.type, span: i.span })) }, { lineWidth: 0 });
  if (pii.redacted.length === 0) return ignored;
  const redacted =
    '# Texts `wtfc pii redact` changed, by a fingerprint of what they said before (keyed with wtfc.key;\n# it reveals nothing of the words). A row that says the same again is not ingested again.\n' +
    stringify({ redacted: pii.redacted.map((r) => ({ of: r.of, fingerprint: r.fingerprint })) }, { lineWidth: 0 });
  return `${ignored}${redacted}`;
}

export const sameFinding = (a: { statement: string; type: string; span: string }, b: { statement: string; type: string; span: string }) =>
  a.statement === b.statement && a.type === b.type && a.span === b.span;
