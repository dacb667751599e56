import { existsSync } from 'node:fs';
import { readText } from './atomic.js';
import { LineCounter, isMap, isSeq, stringify } from 'yaml';
import { parseYaml } from './yaml.js';
import { type Problem, ProblemsError } from '../errors.js';
import { type PiiType, piiTypes } from '../pii/detect.js';

/** A finding someone has looked at and marked as not a personal detail. */
export interface IgnoredFinding {
  statement: string;
  type: PiiType;
  span: string;
}

/** Reads `pii.yaml`, the screen's memory of false positives. A missing file is an empty list. */
export function readIgnored(path: string, file: string): IgnoredFinding[] {
  if (!existsSync(path)) return [];
  const lineCounter = new LineCounter();
  const doc = parseYaml(readText(path), lineCounter);
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  const problems: Problem[] = doc.errors.map((e) => ({ where: at(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}` }));
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, 'fix the YAML at that line');
  const root = doc.contents;
  if (root === null) return [];
  const list = isMap(root) ? root.get('ignored', true) : undefined;
  if (!isMap(root) || (list !== undefined && list !== null && !isSeq(list))) {
    throw new ProblemsError(`${file} has 1 problem(s)`, [{ where: at(root.range?.[0]), message: 'expected `ignored:` followed by a list' }]);
  }
  const out: IgnoredFinding[] = [];
  for (const item of isSeq(list) ? list.items : []) {
    const where = at((item as { range?: [number] }).range?.[0]);
    const value = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
    if (!value || typeof value.statement !== 'string' || typeof value.span !== 'string' || !(piiTypes as readonly unknown[]).includes(value.type)) {
      problems.push({ where, message: `each entry needs statement, type (one of ${piiTypes.join(', ')}) and span` });
      continue;
    }
    out.push({ statement: value.statement, type: value.type as PiiType, span: value.span });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems, 'fix those entries, or run `wtfc pii unignore` to remove them');
  return out;
}

export function renderIgnored(ignored: readonly IgnoredFinding[]): string {
  const header = '# Findings of `wtfc pii` marked as not personal details, kept so they are not flagged again.\n# `wtfc pii ignore` and `wtfc pii unignore` edit this list.\n';
  return header + stringify({ ignored: ignored.map((i) => ({ statement: i.statement, type: i.type, span: i.span })) }, { lineWidth: 0 });
}

export const sameFinding = (a: { statement: string; type: string; span: string }, b: { statement: string; type: string; span: string }) =>
  a.statement === b.statement && a.type === b.type && a.span === b.span;
