import { existsSync } from 'node:fs';
import { readText, writeFileAtomic } from './atomic.js';
import { LineCounter, isMap, isScalar, isSeq, stringify, visit, type Node as YamlNode } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';
import { parseYaml } from './yaml.js';
import { categories } from '../core/model.js';
import { methodNames, type Prioritisation } from '../core/prioritise.js';

const recordKeys = new Set(['version', 'recorded', 'method', 'category', 'n', 'top', 'tie_at_cut', 'included', 'ranking']);

/** What `wtfc prioritise` recorded: its method, category, N, choices at the cut and the top. */
export interface RecordedPriorities {
  method?: string;
  category?: string;
  n?: number;
  top: string[];
  included: string[];
}

/** Writes `priorities.yaml` (atomically): what `wtfc prioritise` chose, and when. */
export function writePriorities(path: string, p: Prioritisation, now: Date): void {
  writeFileAtomic(path, renderPrioritiesFile(p, now));
}

export function renderPrioritiesFile(p: Prioritisation, now: Date): string {
  const body = {
    version: 1,
    recorded: now.toISOString(),
    method: p.method,
    category: p.category,
    n: p.n,
    top: p.top.map((r) => r.themeId),
    tie_at_cut: p.tieAtCut,
    included: p.included,
    ranking: p.ranking.map((r) => ({ rank: r.rank, theme: r.themeId, name: r.themeName, score: r.score })),
  };
  return `# wtfc priorities: written by \`wtfc prioritise\`; the plan works on the themes under top.\n${stringify(body, { lineWidth: 0 })}`;
}

/** Reads `priorities.yaml` if there is one; a damaged file is reported with its line, not guessed at. */
export function readPriorities(path: string, file: string): RecordedPriorities | undefined {
  return existsSync(path) ? parsePriorities(readText(path), file) : undefined;
}

/** `priorities.yaml`'s text as the choices it records. */
export function parsePriorities(source: string, file: string): RecordedPriorities {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, lineCounter);
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
  // What `wtfc prioritise` writes, and nothing else: a file of other keys is not a record of it.
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!recordKeys.has(key)) problems.push({ where: where(pair.key), message: `unknown key "${key}"` });
    }
    if (typeof method !== 'string' || !(methodNames as readonly string[]).includes(method)) problems.push({ where: where(root.get('method', true) ?? root), message: `method must be one of ${methodNames.join(', ')}` });
    if (typeof category !== 'string' || !(categories as readonly string[]).includes(category)) problems.push({ where: where(root.get('category', true) ?? root), message: `category must be one of ${categories.join(', ')}` });
    if (root.get('top', true) === undefined) problems.push({ where: where(root), message: 'top is missing: the themes going forward' });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, hint);
  return {
    method: typeof method === 'string' ? method : undefined,
    category: typeof category === 'string' ? category : undefined,
    n: typeof n === 'number' ? n : undefined,
    top,
    included,
  };
}

/**
 * The file with every text in it passed through `mask`, comments kept, or undefined when `mask`
 * changes none: redaction uses it, as the ranking keeps a copy of each theme's name.
 */
export function maskPrioritiesFile(source: string, mask: (text: string) => string): string | undefined {
  const doc = parseYaml(source, new LineCounter());
  let changed = false;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const masked = mask(node.value);
      if (masked !== node.value) [node.value, changed] = [masked, true];
    },
  });
  return changed ? doc.toString({ lineWidth: 0 }) : undefined;
}
