import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify, type Node as YamlNode, type YAMLMap } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';

export const actionStatuses = ['not-started', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** A root cause: the answer to one "why?". `because` names the cause it explains, making a chain. */
export interface Cause {
  id: string;
  text: string;
  because?: string;
}

/** What good would look like, as an "I" statement. */
export interface Success {
  id: string;
  text: string;
}

export interface Action {
  id: string;
  what: string;
  who: string;
  /** YYYY-MM-DD. */
  by: string;
  /** How we'll know. */
  measure: string;
  status: ActionStatus;
}

export interface ThemePlan {
  theme: string;
  causes: Cause[];
  success: Success[];
  actions: Action[];
}

export interface Plan {
  themes: ThemePlan[];
}

export const planVersion = 1;

const header = ` wtfc plan: root causes, success statements and actions for each priority theme.
 Edit it with \`wtfc plan\` (or by hand: the file is checked when it is read).`;

export function renderPlanFile(plan: Plan): string {
  const body = {
    version: planVersion,
    themes: plan.themes.map((t) => ({
      theme: t.theme,
      causes: t.causes.map((c) => (c.because ? { id: c.id, text: c.text, because: c.because } : { id: c.id, text: c.text })),
      success: t.success.map((s) => ({ id: s.id, text: s.text })),
      actions: t.actions.map((a) => ({ id: a.id, what: a.what, who: a.who, by: a.by, measure: a.measure, status: a.status })),
    })),
  };
  return `${header
    .split('\n')
    .map((l) => `#${l}`)
    .join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}

/** Reads `plan.yaml`, reporting every problem with its line; a file with problems is never rewritten. */
export function parsePlanFile(source: string, file: string): Plan {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  const where = (node: unknown) => ({ file, line: lineCounter.linePos((node as YamlNode | undefined)?.range?.[0] ?? 0).line });
  for (const e of doc.errors) problems.push({ where: { file, line: lineCounter.linePos(e.pos[0]).line }, message: `not valid YAML: ${e.message.split('\n')[0]}` });
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, 'fix the YAML at that line');
  const root = doc.contents;
  if (root === null || root === undefined) return { themes: [] };
  if (!isMap(root)) throw new ProblemsError(`${file} is not a plan`, [{ where: where(root), message: 'expected keys version and themes' }]);
  const text = (map: YAMLMap, key: string, owner: string): string => {
    const node = map.get(key, true);
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
    problems.push({ where: where(node ?? map), message: `${owner} has no ${key}` });
    return '';
  };
  const ids = new Map<string, number>();
  const id = (map: YAMLMap, owner: string): string => {
    const value = text(map, 'id', owner);
    const line = where(map.get('id', true) ?? map).line;
    if (value && ids.has(value)) problems.push({ where: { file, line }, message: `id ${value} is used twice (first at line ${ids.get(value)})` });
    else if (value) ids.set(value, line ?? 0);
    return value;
  };
  const list = (map: YAMLMap, key: string): YAMLMap[] => {
    const node = map.get(key, true);
    if (node === undefined || node === null) return [];
    if (!isSeq(node)) {
      problems.push({ where: where(node), message: `${key} must be a list` });
      return [];
    }
    return node.items.filter((item): item is YAMLMap => {
      if (isMap(item)) return true;
      problems.push({ where: where(item), message: `each of ${key} must have its fields (id, text, …)` });
      return false;
    });
  };
  const themes: ThemePlan[] = list(root, 'themes').map((t) => {
    const theme = text(t, 'theme', 'a theme plan');
    const causes = list(t, 'causes').map((c): Cause => {
      const because = c.get('because');
      return { id: id(c, 'a cause'), text: text(c, 'text', 'a cause'), ...(typeof because === 'string' && because !== '' ? { because } : {}) };
    });
    for (const [i, c] of causes.entries()) {
      if (c.because !== undefined && !causes.some((x) => x.id === c.because)) {
        problems.push({ where: where(list(t, 'causes')[i]), message: `cause ${c.id} says because ${c.because}, which is not a cause of ${theme}` });
      }
    }
    const success = list(t, 'success').map((s): Success => ({ id: id(s, 'a success statement'), text: text(s, 'text', 'a success statement') }));
    const actions = list(t, 'actions').map((a): Action => {
      const owner = `action ${String(a.get('id') ?? '')}`.trim();
      const by = text(a, 'by', owner);
      if (by && !isDate(by)) problems.push({ where: where(a.get('by', true)), message: `${owner}: by "${by}" is not a date written YYYY-MM-DD` });
      const status = String(a.get('status') ?? 'not-started');
      if (!(actionStatuses as readonly string[]).includes(status)) {
        problems.push({ where: where(a.get('status', true)), message: `${owner}: status "${status}" is not one of ${actionStatuses.join(', ')}` });
      }
      return { id: id(a, 'an action'), what: text(a, 'what', owner), who: text(a, 'who', owner), by, measure: text(a, 'measure', owner), status: status as ActionStatus };
    });
    return { theme, causes, success, actions };
  });
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s); it was left as it is`, problems.slice(0, 20));
  return { themes };
}
