import { existsSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, stringify, type Node as YamlNode, type YAMLMap } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';
import { parseYaml } from './yaml.js';
import { readText, writeFileAtomic } from './atomic.js';
import { type Action, type ActionStatus, type Cause, type Plan, type Success, type ThemePlan, actionStatuses } from '../core/plan.js';

export const planVersion = 1;

const header = ` wtfc plan: root causes, success statements and actions for each priority theme.
 Edit it with \`wtfc plan\`, or by hand: the file is checked when it is read. wtfc rewrites it
 on every change, so comments added here are not kept.`;

export function renderPlanFile(plan: Plan): string {
  const body = {
    version: planVersion,
    themes: plan.themes.map((t) => ({
      theme: t.theme,
      name: t.name,
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
/** Reads `plan.yaml`; a missing file is an empty plan. */
export function readPlanFile(path: string, file: string): Plan {
  return existsSync(path) ? parsePlanFile(readText(path), file) : { themes: [] };
}

/** Writes `plan.yaml` (atomically). */
export function writePlanFile(path: string, plan: Plan): void {
  writeFileAtomic(path, renderPlanFile(plan));
}

export function parsePlanFile(source: string, file: string): Plan {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, lineCounter);
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
  // Every key is known, so nothing written here can be dropped when wtfc rewrites the file.
  const known = (map: YAMLMap, keys: readonly string[], owner: string) => {
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!keys.includes(key)) problems.push({ where: where(pair.key), message: `${owner}: unknown key "${key}"`, hint: `expected ${keys.join(', ')}` });
    }
  };
  known(root, ['version', 'themes'], 'the plan');
  const seenThemes = new Map<string, number>();
  const themes: ThemePlan[] = list(root, 'themes').map((t) => {
    known(t, ['theme', 'name', 'causes', 'success', 'actions'], 'a theme plan');
    const theme = text(t, 'theme', 'a theme plan');
    const line = where(t).line;
    if (theme && seenThemes.has(theme)) problems.push({ where: where(t), message: `theme ${theme} is planned twice (first at line ${seenThemes.get(theme)})`, hint: 'put all of its causes, success statements and actions under one entry' });
    else if (theme) seenThemes.set(theme, line ?? 0);
    const nameValue = t.get('name');
    const causeNodes = list(t, 'causes');
    const causes = causeNodes.map((c): Cause => {
      known(c, ['id', 'text', 'because'], 'a cause');
      const because = c.get('because', true);
      const value = isScalar(because) ? because.value : because;
      if (value !== undefined && value !== null && typeof value !== 'string') problems.push({ where: where(because), message: 'because must be the id of another cause, such as c1' });
      return { id: id(c, 'a cause'), text: text(c, 'text', 'a cause'), ...(typeof value === 'string' && value !== '' ? { because: value } : {}) };
    });
    for (const [i, c] of causes.entries()) {
      if (c.because !== undefined && !causes.some((x) => x.id === c.because)) {
        problems.push({ where: where(causeNodes[i]), message: `cause ${c.id} says because ${c.because}, which is not a cause of ${theme}` });
        continue;
      }
      // A chain of "why?" must end: following because from here may not come back here.
      const seen = new Set([c.id]);
      for (let at = c.because; at !== undefined; at = causes.find((x) => x.id === at)?.because) {
        if (seen.has(at)) {
          problems.push({ where: where(causeNodes[i]), message: `cause ${c.id} is part of a loop of because (${[...seen].join(' → ')} → ${at})`, hint: 'each "why?" must lead back to a first cause' });
          break;
        }
        seen.add(at);
      }
    }
    const success = list(t, 'success').map((s): Success => {
      known(s, ['id', 'text'], 'a success statement');
      return { id: id(s, 'a success statement'), text: text(s, 'text', 'a success statement') };
    });
    const actions = list(t, 'actions').map((a): Action => {
      known(a, ['id', 'what', 'who', 'by', 'measure', 'status'], 'an action');
      const owner = `action ${String(a.get('id') ?? '')}`.trim();
      const by = text(a, 'by', owner);
      if (by && !isDate(by)) problems.push({ where: where(a.get('by', true)), message: `${owner}: by "${by}" is not a date written YYYY-MM-DD` });
      const status = String(a.get('status') ?? 'not-started');
      if (!(actionStatuses as readonly string[]).includes(status)) {
        problems.push({ where: where(a.get('status', true)), message: `${owner}: status "${status}" is not one of ${actionStatuses.join(', ')}` });
      }
      return { id: id(a, 'an action'), what: text(a, 'what', owner), who: text(a, 'who', owner), by, measure: text(a, 'measure', owner), status: status as ActionStatus };
    });
    return { theme, name: typeof nameValue === 'string' ? nameValue : '', causes, success, actions };
  });
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s); it was left as it is`, problems.slice(0, 20));
  return { themes };
}

/**
 * Where the plan and the themes have drifted apart: a planned theme that no longer exists (merged
 * away, or replaced by a fresh re-theme), or one whose name has changed since it was planned.
 */
export function planDrift(plan: Plan, names: ReadonlyMap<string, string>): string[] {
  const notes: string[] = [];
  for (const t of plan.themes) {
    const now = names.get(t.theme);
    if (now === undefined) notes.push(`the plan for ${t.theme}${t.name ? ` ("${t.name}")` : ''} names a theme that no longer exists; move its work to the right theme in plan.yaml`);
    else if (t.name !== '' && t.name !== now) notes.push(`${t.theme} was planned as "${t.name}" and is now "${now}": check the plan still fits it`);
  }
  return notes;
}
