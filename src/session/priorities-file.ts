import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ProblemsError } from '../errors.js';

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
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ProblemsError(
      `${file} cannot be read`,
      doc.errors.map((e) => ({ where: { file, line: lineCounter.linePos(e.pos[0]).line }, message: `not valid YAML: ${e.message.split('\n')[0]}` })),
      'run `wtfc prioritise` again to write it afresh',
    );
  }
  const r = (doc.toJS() ?? {}) as Record<string, unknown>;
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  return {
    method: typeof r.method === 'string' ? r.method : undefined,
    category: typeof r.category === 'string' ? r.category : undefined,
    n: typeof r.n === 'number' ? r.n : undefined,
    top: list(r.top),
    included: list(r.included),
  };
}
