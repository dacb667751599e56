import { LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';
import { parseYaml } from './yaml.js';
import { categories, perspectives } from '../core/model.js';
import { readValueMeanings } from '../core/values.js';
import { type Settings, piiPolicies } from '../core/settings.js';

export const settingsVersion = 1;

export function defaultSettings(init: { name: string; council: string; date: string }): Settings {
  return {
    version: settingsVersion,
    name: init.name,
    council: init.council,
    date: init.date,
    ingest: { maxTextLength: 400, topTwo: 2, maxFileMb: 1024, maxRows: 2_000_000, values: {} },
    pii: { policy: 'block', names: [] },
    theme: { themes: 'auto', minSize: 3, seed: 1 },
    prioritise: { category: 'not_working', top: 3, dots: 5, weights: {} },
    model: { endpoint: '', embeddings: '', chat: '', allowRemote: false, timeoutSeconds: 60, totalSeconds: 900, nameStatements: 12 },
  };
}

/** Writes settings as commented YAML that a facilitator can edit by hand. */
export function renderSettings(s: Settings): string {
  const q = (v: string) => JSON.stringify(v);
  const lines: [string, string][] = [
    [`version: ${s.version}`, 'format of this file; wtfc sets it'],
    [`name: ${q(s.name)}`, 'the session title on reports and handouts'],
    [`council: ${q(s.council)}`, 'council for statements whose rows do not name one'],
    [`date: ${q(s.date)}`, 'the session date (YYYY-MM-DD); outputs print this, not today'],
    ['ingest:', ''],
    [`  max_text_length: ${s.ingest.maxTextLength}`, 'warn about statements longer than this (characters)'],
    [`  top_two: ${s.ingest.topTwo}`, 'warn when one person gives more statements than this in one category'],
    [`  max_file_mb: ${s.ingest.maxFileMb}`, 'refuse an input file larger than this many megabytes'],
    [`  max_rows: ${s.ingest.maxRows}`, 'refuse an ingest of more rows than this'],
    [`  values:${Object.keys(s.ingest.values).length === 0 ? ' {}' : ''}`, 'what your own labels mean, e.g. "Could be better": not_working, Grandson: family'],
    ...Object.entries(s.ingest.values).map(([label, meaning]): [string, string] => [`    ${q(label)}: ${meaning}`, '']),
    ['pii:', ''],
    [`  policy: ${s.pii.policy}`, 'personal details found in statements: block, mask or warn (see `wtfc pii`)'],
    [`  names: ${s.pii.names.length === 0 ? '[]' : `[${s.pii.names.map(q).join(', ')}]`}`, 'names to flag wherever they appear'],
    ['theme:', ''],
    [`  themes: ${s.theme.themes}`, 'themes per category: auto, or a number'],
    [`  min_size: ${s.theme.minSize}`, 'auto mode: statements in smaller groups are left unthemed'],
    [`  seed: ${s.theme.seed}`, 'the same statements and seed always give the same themes'],
    ['prioritise:', ''],
    [`  category: ${s.prioritise.category}`, 'the wall whose themes are prioritised'],
    [`  top: ${s.prioritise.top}`, 'how many priorities go forward to the plan'],
    [`  dots: ${s.prioritise.dots}`, 'dots each voter may place'],
    [`  weights:${Object.keys(s.prioritise.weights).length === 0 ? ' {}' : ''}`, 'weighted method: each group’s total weight, e.g. person: 2 (default: equal)'],
    ...perspectives
      .filter((p) => s.prioritise.weights[p] !== undefined)
      .map((p): [string, string] => [`    ${p}: ${s.prioritise.weights[p]}`, '']),
    ['model:', ''],
    [`  endpoint: ${q(s.model.endpoint)}`, 'a local model server, e.g. http://127.0.0.1:11434/v1 (see docs/local-model.md); "" for none'],
    [`  embeddings: ${q(s.model.embeddings)}`, 'its model for grouping by meaning, e.g. nomic-embed-text; "" for none'],
    [`  chat: ${q(s.model.chat)}`, 'its model for writing theme names, e.g. llama3.1:8b; "" for none'],
    [`  allow_remote: ${s.model.allowRemote}`, 'false: an endpoint that is not this machine is refused'],
    [`  timeout_seconds: ${s.model.timeoutSeconds}`, 'a request slower than this ends the server’s use for the run'],
    [`  total_seconds: ${s.model.totalSeconds}`, 'the most time one run spends on the server; then the offline engine does the rest'],
    [`  name_statements: ${s.model.nameStatements}`, 'statements sent to name a theme, most typical first'],
  ];
  const width = Math.max(...lines.map(([l]) => l.length)) + 2;
  const body = lines.map(([l, c]) => (c ? `${l.padEnd(width)}# ${c}` : l)).join('\n');
  return `# wtfc session settings. Edit any value; \`wtfc status\` checks the file.\n${body}\n`;
}

type Check = (value: unknown) => string | undefined;

const positiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'must be a whole number above 0');
const anyInt: Check = (v) => (Number.isInteger(v) ? undefined : 'must be a whole number');
const text: Check = (v) => (typeof v === 'string' ? undefined : 'must be text (put it in quotes)');
// Date.parse rolls 2026-02-30 over into March, so the date must come back unchanged.
const date: Check = (v) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v)
    ? undefined
    : 'must be a date written YYYY-MM-DD, in quotes';
// A ballot draws a box per dot: 2,000,000,000 of them ran render out of memory.
const dotsAllowance: Check = (v) => (Number.isInteger(v) && (v as number) > 0 && (v as number) <= 100 ? undefined : 'must be a whole number from 1 to 100');
// Weights are relative; two of 1e308 added up to Infinity, and every weighted score became NaN.
const weight: Check = (v) =>
  typeof v === 'number' && v > 0 && v <= 1000 ? undefined : 'must be a number above 0 and at most 1000 (weights are relative: person: 2 gives that group twice the say)';
const themesCount: Check = (v) => (v === 'auto' || positiveInt(v) === undefined ? undefined : 'must be auto or a whole number above 0');
const piiPolicy: Check = (v) =>
  typeof v === 'string' && (piiPolicies as readonly string[]).includes(v) ? undefined : `must be one of ${piiPolicies.join(', ')}`;
const names: Check = (v) =>
  Array.isArray(v) && v.every((n) => typeof n === 'string' && n.trim() !== '') ? undefined : 'must be a list of names, e.g. [Julie, "Tom Smith"]';
const flag: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const seconds: Check = (v) => (typeof v === 'number' && v > 0 && v <= 3600 ? undefined : 'must be a number of seconds above 0 and at most 3600');
const optionalText: Check = (v) => (v === null || typeof v === 'string' ? undefined : 'must be text (put it in quotes), or "" for none');
const endpoint: Check = (v) => {
  if (v === null || v === '') return undefined;
  if (typeof v !== 'string') return 'must be a web address in quotes, or "" for none';
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must start with http:// or https://';
  } catch {
    return 'must be a web address such as "http://127.0.0.1:11434/v1", or "" for none';
  }
};
const valueMeanings: Check = (v) => {
  if (v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return 'must list labels and what they mean, e.g. "Could be better": not_working';
  for (const [label, meaning] of Object.entries(v as Record<string, unknown>)) {
    if (typeof meaning !== 'string') return `must give a category or perspective for "${label}"`;
    try {
      readValueMeanings([[label, meaning]], (_pair, message) => {
        throw new Error(message);
      });
    } catch (err) {
      return `"${label}": ${(err as Error).message}`;
    }
  }
  return undefined;
};
const category: Check = (v) =>
  typeof v === 'string' && (categories as readonly string[]).includes(v) ? undefined : `must be one of ${categories.join(', ')}`;

/** The schema: YAML key → [check, where it goes]. Every key is optional; missing ones take defaults. */
const schema = {
  version: anyInt,
  name: text,
  council: text,
  date,
  ingest: { max_text_length: positiveInt, top_two: positiveInt, max_file_mb: positiveInt, max_rows: positiveInt, values: valueMeanings },
  pii: { policy: piiPolicy, names },
  theme: { themes: themesCount, min_size: positiveInt, seed: anyInt },
  prioritise: { category, top: positiveInt, dots: dotsAllowance, weights: Object.fromEntries(perspectives.map((p) => [p, weight])) },
  model: { endpoint, embeddings: optionalText, chat: optionalText, allow_remote: flag, timeout_seconds: seconds, total_seconds: seconds, name_statements: positiveInt },
} as const;

/**
 * Reads `wtfc.yaml`. Every problem is reported with its line, all at once, so a hand edit can be
 * fixed in one go.
 */
export function parseSettings(source: string, file: string, fallbackDate: string): Settings {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, lineCounter);
  const problems: Problem[] = [];
  const at = (node: YamlNode | null | undefined, offset?: number) => {
    const pos = lineCounter.linePos(offset ?? node?.range?.[0] ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ where: { file, line: pos.line, column: pos.col }, message: `not valid YAML: ${firstLine(e.message)}` });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, 'fix the YAML at that line');

  const settings = defaultSettings({ name: '', council: '', date: fallbackDate });
  const values: Record<string, unknown> = {};
  const root = doc.contents;
  // A newer format is reported on its own: its other keys may be ones this wtfc cannot know.
  const versionNode = isMap(root) ? root.get('version', true) : undefined;
  if (isScalar(versionNode) && typeof versionNode.value === 'number' && versionNode.value > settingsVersion) {
    throw new ProblemsError(`${file} was written by a newer wtfc`, [
      { where: at(versionNode as YamlNode), message: `format version ${versionNode.value}; this wtfc reads up to ${settingsVersion}` },
    ], 'upgrade wtfc');
  }
  if (root !== null && !isMap(root)) {
    problems.push({ where: at(root), message: 'must be a list of settings (key: value)' });
  } else if (root) {
    walk(root, schema, '', values, problems, at);
  }
  if (problems.length > 0) throw new ProblemsError(`${file} has ${problems.length} problem(s)`, problems);

  const get = <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
  const version = get('version', settingsVersion);
  return {
    version,
    name: get('name', settings.name),
    council: get('council', settings.council),
    date: get('date', settings.date),
    ingest: {
      maxTextLength: get('ingest.max_text_length', settings.ingest.maxTextLength),
      topTwo: get('ingest.top_two', settings.ingest.topTwo),
      maxFileMb: get('ingest.max_file_mb', settings.ingest.maxFileMb),
      maxRows: get('ingest.max_rows', settings.ingest.maxRows),
      values: get<Record<string, string> | null>('ingest.values', settings.ingest.values) ?? {},
    },
    pii: {
      policy: get('pii.policy', settings.pii.policy),
      names: get<string[]>('pii.names', settings.pii.names).map((n) => n.trim()),
    },
    theme: {
      themes: get('theme.themes', settings.theme.themes),
      minSize: get('theme.min_size', settings.theme.minSize),
      seed: get('theme.seed', settings.theme.seed),
    },
    prioritise: {
      category: get('prioritise.category', settings.prioritise.category),
      top: get('prioritise.top', settings.prioritise.top),
      dots: get('prioritise.dots', settings.prioritise.dots),
      weights: Object.fromEntries(perspectives.filter((p) => `prioritise.weights.${p}` in values).map((p) => [p, values[`prioritise.weights.${p}`] as number])),
    },
    model: {
      endpoint: (get<string | null>('model.endpoint', settings.model.endpoint) ?? '').trim(),
      embeddings: (get<string | null>('model.embeddings', settings.model.embeddings) ?? '').trim(),
      chat: (get<string | null>('model.chat', settings.model.chat) ?? '').trim(),
      allowRemote: get('model.allow_remote', settings.model.allowRemote),
      timeoutSeconds: get('model.timeout_seconds', settings.model.timeoutSeconds),
      totalSeconds: get('model.total_seconds', settings.model.totalSeconds),
      nameStatements: get('model.name_statements', settings.model.nameStatements),
    },
  };
}

type Schema = { readonly [key: string]: Check | Schema };

function walk(
  map: YamlNode,
  shape: Schema,
  prefix: string,
  values: Record<string, unknown>,
  problems: Problem[],
  at: (node: YamlNode | null | undefined) => Problem['where'],
): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const path = prefix ? `${prefix}.${key}` : key;
    // Own keys only: `valueOf:` or `constructor:` must be unknown settings, not Object's methods.
    const expected = Object.hasOwn(shape, key) ? shape[key] : undefined;
    const valueNode = pair.value as YamlNode | null;
    if (expected === undefined) {
      const known = Object.keys(shape).join(', ');
      problems.push({ where: at(keyNode), message: `unknown setting "${path}"`, hint: `known here: ${known}` });
      continue;
    }
    if (typeof expected === 'function') {
      const value = isScalar(valueNode)
        ? valueNode.value
        : isMap(valueNode)
          ? (valueNode.toJSON() as unknown)
          : isSeq(valueNode)
          ? valueNode.items.map((item) => (isScalar(item) ? item.value : undefined))
          : valueNode === null
            ? null
            : undefined;
      const problem = expected(value);
      if (problem) problems.push({ where: at(valueNode ?? keyNode), message: `${path} ${problem}` });
      else values[path] = value;
    } else if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) {
      continue;
    } else if (!isMap(valueNode)) {
      problems.push({ where: at(valueNode), message: `${path} must hold settings (${Object.keys(expected).join(', ')})` });
    } else {
      walk(valueNode, expected, path, values, problems, at);
    }
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * The same file with its `name` and `council` changed, and everything else (comments, hand edits)
 * as it was. Redaction uses it: a personal detail typed into the session's name leaves the file,
 * not the facilitator's notes in it. The source has been read by `parseSettings` already.
 */
export function replaceSettingsTexts(source: string, texts: Pick<Settings, 'name' | 'council'>): string {
  const doc = parseYaml(source, new LineCounter());
  for (const key of ['name', 'council'] as const) if (doc.get(key) !== texts[key]) doc.set(key, texts[key]);
  return doc.toString({ lineWidth: 0 });
}
