import { existsSync } from 'node:fs';
import { readText } from './atomic.js';
import { LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';
import { parseYaml } from './yaml.js';

/** What `wtfc prioritise` recorded: its method, category, N, choices at the cut and the top. */
export interface RecordedPriorities {
  method?: string;
  category?: string;
  n?: number;
  top: string[];
  included: string[];
}

/** Reads `priorities.yaml` if there is one; a damaged file is reported with its line, not guessed at. */
export function readPriorities(path: string, file: string): RecordedPriorities | undefined {
  if (!existsSync(path)) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseYaml(readText(path), lineCounter);
  const hint = 'run `wtfc prioritise` again to write it afresh';
  if (doc.errors.length > 0) {
    throw new ProblemsError(
      `${file} cannot be read`,
      doc.errors.map((e) => ({ where: { file, line: lineCounter.linePos(e.pos[0]).line }, message: `not valid YAML: ${e.message.split('\n')[0]}` })),
      hint,
    );
  }
  // The nodes are read, not doc.toJS(): that follows aliases, and throws on a bad one or a bomb of them.
  const problems: Problem[] = [];
  const where = (node: unknown) => ({ file, line: lineCounter.linePos((node as YamlNode | null)?.range?.[0] ?? 0).line });
  const root = doc.contents;
  if (root !== null && !isMap(root)) problems.push({ where: where(root), message: 'expected keys such as method, category, n and top' });
  const value = (key: string): unknown => {
    const node = isMap(root) ? root.get(key, true) : undefined;
    return isScalar(node) ? node.value : undefined;
  };
  const list = (key: string): string[] => {
    const node = isMap(root) ? root.get(key, true) : undefined;
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
    const ids = isSeq(node) ? node.items.map((item) => (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') ? String(item.value) : undefined)) : [undefined];
    if (ids.some((id) => id === undefined)) problems.push({ where: where(node), message: `${key} must be a list of theme ids` });
    return ids.filter((id): id is string => id !== undefined);
  };
  const method = value('method');
  const category = value('category');
  const n = value('n');
  const top = list('top');
  const included = list('included');
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, hint);
  return {
    method: typeof method === 'string' ? method : undefined,
    category: typeof category === 'string' ? category : undefined,
    n: typeof n === 'number' ? n : undefined,
    top,
    included,
  };
}
