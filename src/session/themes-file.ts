import { Document, LineCounter, isMap, isScalar, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { type Problem, ProblemsError } from '../errors.js';
import { parseYaml } from './yaml.js';
import { categories, type Category, type CategoryThemes, type Perspective, type Statement, type Theme, type ThemeSet } from '../core/model.js';

export const themesVersion = 1;

const header = ` wtfc themes: proposed by \`wtfc theme\`, yours to edit (or use \`wtfc themes\` and \`wtfc review\`).
 Rename a theme by editing its name (draft is the engine's suggestion). Move a statement by moving
 its id line (the text after # is only a reminder). locked: true keeps a theme exactly as it is
 when statements are re-themed; parked: true leaves it out of prioritising. size and perspectives
 are recounted from the statements when the file is read.`;

/**
 * Writes themes as YAML with each statement's text as a comment beside its id: the bytes of
 * `renderThemesFileByLibrary`, with the statement lists written line by line where every id is
 * plain (`withIdLists`).
 */
export function renderThemesFile(set: ThemeSet, statements: readonly Statement[]): string {
  const textOf = new Map(statements.map((s) => [s.id, s.text]));
  const lists = categories.flatMap((c) => [...set.categories[c].themes.map((t) => t.statements), set.categories[c].unthemed]);
  if (lists.every((ids) => ids.every(isPlainId))) {
    const spliced = withIdLists(themesDocument(set, undefined).toString({ lineWidth: 0 }), lists, textOf);
    if (spliced !== undefined) return spliced;
  }
  return themesDocument(set, textOf).toString({ lineWidth: 0 });
}

/** Writes themes as YAML, every line by the YAML library. */
export function renderThemesFileByLibrary(set: ThemeSet, statements: readonly Statement[]): string {
  return themesDocument(set, new Map(statements.map((s) => [s.id, s.text]))).toString({ lineWidth: 0 });
}

/**
 * The themes as a YAML document. With `textOf`, each statement list holds its ids, each with its
 * text as a comment; without it, the lists are left empty for `withIdLists` to write.
 */
function themesDocument(set: ThemeSet, textOf: ReadonlyMap<string, string> | undefined): Document {
  const body: Record<string, unknown> = {
    version: themesVersion,
    engine: {
      name: set.engine.name,
      version: set.engine.version,
      seed: set.engine.seed,
      themes: set.engine.themes,
      min_size: set.engine.minSize,
      ...(set.engine.model ? { model: set.engine.model } : {}),
    },
  };
  for (const category of categories) {
    const c = set.categories[category];
    body[category] = {
      themes: c.themes.map((t) => ({
        id: t.id,
        name: t.name,
        draft: t.draft,
        locked: t.locked,
        parked: t.parked,
        edited: t.edited,
        label: t.label,
        size: t.size,
        cohesion: t.cohesion,
        perspectives: t.perspectives,
        representative: t.representative,
        statements: textOf ? t.statements : [],
      })),
      unthemed: textOf ? c.unthemed : [],
    };
  }
  const doc = new Document(body);
  doc.commentBefore = header;
  const comment = (node: unknown) => {
    if (!isSeq(node) || !textOf) return;
    for (const item of node.items) {
      if (isScalar(item)) {
        const text = textOf.get(String(item.value));
        if (text !== undefined) item.comment = ` ${snippet(text)}`;
      }
    }
  };
  for (const category of categories) {
    const themes = doc.getIn([category, 'themes'], true);
    if (isSeq(themes)) {
      themes.items.forEach((_, i) => {
        const perspectives = doc.getIn([category, 'themes', i, 'perspectives'], true);
        if (isMap(perspectives)) perspectives.flow = true;
        const representative = doc.getIn([category, 'themes', i, 'representative'], true);
        if (isSeq(representative)) representative.flow = true;
        comment(doc.getIn([category, 'themes', i, 'statements'], true));
      });
    }
    comment(doc.getIn([category, 'unthemed'], true));
  }
  return doc;
}

/**
 * Ids that YAML writes as they are (a word of letters, digits, "-" and "_" that is not a YAML
 * keyword), or as digits in double quotes. Almost every session's ids are one or the other.
 */
const plainWord = /^[A-Za-z][A-Za-z0-9_-]*$/;
const yamlWord = /^(?:true|false|null|True|False|Null|TRUE|FALSE|NULL)$/;
const digits = /^[0-9]+$/;
const isPlainId = (id: string) => (plainWord.test(id) && !yamlWord.test(id)) || digits.test(id);

/**
 * Writes the statement lists that `themesDocument` left empty, in the order the document holds
 * them, exactly as the YAML library writes them; a large session's lists are most of the file,
 * and writing them line by line takes a fraction of the library's time. Every list's key is the
 * last of its map, on a line of its own at its indent, so the lines are found by position and key.
 * Gives undefined if the document does not have exactly those lines.
 */
function withIdLists(text: string, lists: readonly (readonly string[])[], textOf: ReadonlyMap<string, string>): string | undefined {
  const lines = text.split('\n');
  const out: string[] = [];
  let next = 0;
  for (const line of lines) {
    const indent = line === '      statements: []' ? '        ' : line === '  unthemed: []' ? '    ' : undefined;
    if (indent === undefined || next >= lists.length) {
      out.push(line);
      continue;
    }
    const ids = lists[next++]!;
    if (ids.length === 0) {
      out.push(line);
      continue;
    }
    out.push(line.slice(0, -3));
    for (const id of ids) {
      const text = textOf.get(id);
      const scalar = digits.test(id) ? `"${id}"` : id;
      out.push(text === undefined ? `${indent}- ${scalar}` : `${indent}- ${scalar} ${yamlComment(snippet(text))}`);
    }
  }
  return next === lists.length ? out.join('\n') : undefined;
}

/** A one-line comment as the YAML library writes it after a value. */
const yamlComment = (text: string) => (text === '' ? '#' : `# ${text}`);

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
}

/**
 * Reads `themes.yaml`, checking it against the session's statements: every problem is reported
 * with its line, and the file is never rewritten while it has problems.
 */
export function parseThemesFile(source: string, file: string, statements: readonly Statement[]): ThemeSet {
  const lineCounter = new LineCounter();
  const doc = parseYaml(source, lineCounter);
  const problems: Problem[] = [];
  const where = (node: unknown) => {
    const range = (node as YamlNode | null | undefined)?.range;
    const pos = lineCounter.linePos(range?.[0] ?? 0);
    return { file, line: pos.line, column: pos.col };
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ where: { file, line: pos.line, column: pos.col }, message: `not valid YAML: ${e.message.split('\n')[0]}` });
  }
  if (problems.length > 0) throw new ProblemsError(`${file} cannot be read`, problems, 'fix the YAML at that line');

  const byId = new Map(statements.map((s) => [s.id, s]));
  const placed = new Map<string, number>();
  const themeIds = new Map<string, number>();
  const root = doc.contents;
  if (!isMap(root)) throw new ProblemsError(`${file} is not a themes file`, [{ where: where(root), message: 'expected keys version, engine, working, not_working, future' }]);

  const version = scalarIn(root, 'version');
  if (typeof version === 'number' && version > themesVersion) {
    problems.push({ where: where(root.get('version', true)), message: `format version ${version}; this wtfc reads up to ${themesVersion}`, hint: 'upgrade wtfc' });
  }
  const engineNode = root.get('engine', true);
  const engine = {
    name: String(isMap(engineNode) ? (scalarIn(engineNode, 'name') ?? 'unknown') : 'unknown'),
    version: Number(isMap(engineNode) ? (scalarIn(engineNode, 'version') ?? 0) : 0),
    seed: Number(isMap(engineNode) ? (scalarIn(engineNode, 'seed') ?? 0) : 0),
    themes: (isMap(engineNode) && typeof scalarIn(engineNode, 'themes') === 'number' ? scalarIn(engineNode, 'themes') : 'auto') as number | 'auto',
    minSize: Number(isMap(engineNode) ? (scalarIn(engineNode, 'min_size') ?? 0) : 0),
  };
  // Which model server's models took part: a note, kept when it can be read.
  const modelNode = isMap(engineNode) ? engineNode.get('model', true) : undefined;
  if (isMap(modelNode)) {
    const model: { embeddings?: string; chat?: string } = {};
    for (const key of ['embeddings', 'chat'] as const) {
      const value = scalarIn(modelNode, key);
      if (typeof value === 'string' && value !== '') model[key] = value;
    }
    if (model.embeddings || model.chat) (engine as ThemeSet['engine']).model = model;
  }

  const place = (id: string, node: unknown, category: Category) => {
    const s = byId.get(id);
    if (!s) {
      problems.push({ where: where(node), message: `unknown statement id "${id}"`, hint: 'it is not in statements.csv; remove the line or fix the id' });
      return false;
    }
    if (s.category !== category) {
      problems.push({ where: where(node), message: `statement ${id} is "${s.category}", not "${category}"`, hint: `move it under ${s.category}` });
      return false;
    }
    const earlier = placed.get(id);
    if (earlier !== undefined) {
      problems.push({ where: where(node), message: `statement ${id} is listed twice (first at line ${earlier})`, hint: 'a statement belongs to one theme; delete one of the lines' });
      return false;
    }
    placed.set(id, where(node).line ?? 0);
    return true;
  };

  const known = new Set(['version', 'engine', ...categories]);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!known.has(key)) problems.push({ where: where(pair.key), message: `unknown key "${key}"`, hint: `expected ${[...known].join(', ')}` });
  }

  const result = {} as Record<Category, CategoryThemes>;
  for (const category of categories) {
    const node = root.get(category, true);
    const out: CategoryThemes = { themes: [], unthemed: [] };
    result[category] = out;
    if (node === undefined || node === null) continue;
    if (!isMap(node)) {
      problems.push({ where: where(node), message: `${category} must hold "themes" and "unthemed"` });
      continue;
    }
    const themesNode = node.get('themes', true);
    if (themesNode !== undefined && themesNode !== null && !isSeq(themesNode)) {
      problems.push({ where: where(themesNode), message: `${category}.themes must be a list of themes` });
    } else if (isSeq(themesNode)) {
      for (const item of themesNode.items) {
        if (!isMap(item)) {
          problems.push({ where: where(item), message: 'a theme must have id, name and statements' });
          continue;
        }
        const theme = readTheme(item as YAMLMap, category, where, problems, place, themeIds, byId);
        if (theme) out.themes.push(theme);
      }
    }
    const unthemedNode = node.get('unthemed', true);
    if (isSeq(unthemedNode)) {
      for (const item of unthemedNode.items) {
        const id = isScalar(item) ? String(item.value) : '';
        if (place(id, item, category)) out.unthemed.push(id);
      }
    } else if (unthemedNode !== undefined && unthemedNode !== null) {
      problems.push({ where: where(unthemedNode), message: `${category}.unthemed must be a list of statement ids` });
    }
  }
  if (problems.length > 0) {
    throw new ProblemsError(`${file} has ${problems.length} problem(s); it was left as it is`, problems.slice(0, 20));
  }
  return { engine, categories: result };
}

function scalarIn(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

function readTheme(
  item: YAMLMap,
  category: Category,
  where: (node: unknown) => Problem['where'],
  problems: Problem[],
  place: (id: string, node: unknown, category: Category) => boolean,
  themeIds: Map<string, number>,
  byId: Map<string, Statement>,
): Theme | undefined {
  // A name or id that YAML reads as a number (name: 2024) is still text to a person.
  const text = (key: string) => {
    const value = scalarIn(item, key);
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  };
  const id = text('id');
  const name = text('name');
  if (typeof id !== 'string' || id.trim() === '') {
    problems.push({ where: where(item), message: 'a theme has no id', hint: 'give it an id such as nw-12' });
    return undefined;
  }
  const earlier = themeIds.get(id);
  if (earlier !== undefined) {
    problems.push({ where: where(item.get('id', true)), message: `theme id ${id} is used twice (first at line ${earlier})`, hint: 'theme ids must be unique' });
    return undefined;
  }
  themeIds.set(id, where(item).line ?? 0);
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push({ where: where(item), message: `theme ${id} has no name`, hint: 'write its "I" statement as name: "I …"' });
  }
  const members: string[] = [];
  const list = item.get('statements', true);
  if (isSeq(list)) {
    for (const node of list.items) {
      const sid = isScalar(node) ? String(node.value) : '';
      if (place(sid, node, category)) members.push(sid);
    }
  } else if (list !== undefined && list !== null) {
    problems.push({ where: where(list), message: `theme ${id}: statements must be a list of ids` });
  }
  const repNode = item.get('representative', true);
  const representative = isSeq(repNode) ? repNode.items.map((n) => (isScalar(n) ? String(n.value) : '')) : [];
  const cohesion = scalarIn(item, 'cohesion');
  const draft = scalarIn(item, 'draft');
  const flag = (key: string): boolean => {
    const node = item.get(key, true);
    if (node === undefined || node === null) return false;
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'boolean') return value;
    problems.push({ where: where(node), message: `theme ${id}: ${key} must be true or false`, hint: `write ${key}: true or ${key}: false` });
    return false;
  };
  const written = typeof name === 'string' ? name : '';
  return themeAsRead(
    {
      id,
      category,
      name: written,
      draft: typeof draft === 'string' ? draft : written,
      locked: flag('locked'),
      parked: flag('parked'),
      edited: flag('edited'),
      label: String(scalarIn(item, 'label') ?? ''),
      statements: members,
      representative,
      cohesion: typeof cohesion === 'number' ? cohesion : 0,
    },
    byId,
  );
}

/**
 * A theme as the file reads: its fields in one order, the representatives that are members, the
 * size and perspectives counted from the statements, and a name that differs from the draft
 * marked edited (a person wrote it, whichever way it was changed).
 */
function themeAsRead(t: Omit<Theme, 'size' | 'perspectives'>, byId: ReadonlyMap<string, Statement>): Theme {
  const perspectives: Partial<Record<Perspective, number>> = {};
  for (const sid of t.statements) {
    const p = byId.get(sid)!.perspective;
    perspectives[p] = (perspectives[p] ?? 0) + 1;
  }
  return {
    id: t.id,
    category: t.category,
    name: t.name,
    draft: t.draft,
    locked: t.locked,
    parked: t.parked,
    edited: t.edited || t.name !== t.draft,
    label: t.label,
    statements: t.statements,
    representative: t.representative.filter((r) => t.statements.includes(r)),
    size: t.statements.length,
    perspectives,
    cohesion: t.cohesion,
  };
}

/**
 * What `parseThemesFile` reads back from `renderThemesFile(set, statements)`, without writing or
 * parsing the YAML: the same themes, field for field and in the same order, so that JSON made from
 * either is the same byte for byte. The themes cache keeps this. (The tests hold the two together.)
 */
export function themeSetAsRead(set: ThemeSet, statements: readonly Statement[]): ThemeSet {
  const byId = new Map(statements.map((s) => [s.id, s]));
  const model = set.engine.model && {
    ...(set.engine.model.embeddings ? { embeddings: set.engine.model.embeddings } : {}),
    ...(set.engine.model.chat ? { chat: set.engine.model.chat } : {}),
  };
  const { name, version, seed, themes, minSize } = set.engine;
  const categoriesRead = {} as Record<Category, CategoryThemes>;
  for (const category of categories) {
    const c = set.categories[category];
    categoriesRead[category] = { themes: c.themes.map((t) => themeAsRead({ ...t, category }, byId)), unthemed: [...c.unthemed] };
  }
  return {
    engine: { name, version, seed, themes, minSize, ...(model && (model.embeddings || model.chat) ? { model } : {}) },
    categories: categoriesRead,
  };
}
