import { join, relative } from 'node:path';

/**
 * The files of a session, by name, and how paths are shown: kept apart from the readers, so that a
 * command that only needs a path (or `--help`) loads no parser.
 */
export const sessionFileNames = {
  settings: 'wtfc.yaml',
  statements: 'statements.csv',
  rejected: 'rejected.csv',
  themes: 'themes.yaml',
  history: 'history.jsonl',
  votes: 'votes.csv',
  ballots: 'ballots.csv',
  plan: 'plan.yaml',
  planHistory: 'plan-history.jsonl',
  priorities: 'priorities.yaml',
  pii: 'pii.yaml',
  key: 'wtfc.key',
  modelCache: 'model-cache.jsonl',
  screenCache: 'screen-cache.jsonl',
  themesCache: 'themes-cache.json',
  out: 'out',
} as const;

export type SessionPaths = { dir: string } & { [K in keyof typeof sessionFileNames]: string };

export function sessionPaths(dir: string): SessionPaths {
  const paths = { dir } as SessionPaths;
  for (const [key, name] of Object.entries(sessionFileNames)) {
    (paths as Record<string, string>)[key] = join(dir, name);
  }
  return paths;
}


export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
