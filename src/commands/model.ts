import { categories, type Category, type Statement, type ThemeSet } from '../core/model.js';
import type { SentenceVectors } from '../theming/meaning.js';
import type { Tagger } from '../theming/tagging.js';
import { wallSize } from '../theming/vectors.js';
import type { ModelCache } from '../session/model-cache.js';
import { cleanName, nameProblem, nameQuestion } from '../model/names.js';
import { type ModelServer, ServerFailure } from '../model/server.js';

/** What a local model server did in one run of `wtfc theme`. */
export interface ModelReport {
  endpoint: string;
  /** Sentence vectors: whether the walls used them, how many texts were sent, how many came from the cache. */
  embeddings?: { model: string; used: boolean; sent: number; cached: number };
  /** Names: how many themes the model named (from the cache or not), and the names that broke the rules. */
  names?: { model: string; written: number; cached: number; refused: { theme: string; name: string; reason: string }[] };
  /** Why the server was given up on, when it was. From there the run used the offline engine. */
  fallback?: string;
  /** Lines of the cache that could not be read, and were dropped. */
  damaged: number;
}

/**
 * The server's sentence vectors for every statement on a wall small enough to be grouped by
 * meaning, from the cache where it has them. Undefined when the server fails: the walls then use
 * the engine's word vectors, as they do with no server.
 */
export async function meaningFromServer(server: ModelServer, cache: ModelCache, statements: readonly Statement[], report: ModelReport): Promise<SentenceVectors | undefined> {
  const model = server.use.embeddings;
  const counts = new Map<Category, number>(categories.map((c) => [c, 0]));
  for (const s of statements) counts.set(s.category, counts.get(s.category)! + 1);
  const texts = [...new Set(statements.filter((s) => counts.get(s.category)! <= wallSize).map((s) => s.text))].sort();
  const vectors = new Map<string, Float32Array>();
  const missing: string[] = [];
  for (const text of texts) {
    const v = cache.vector(model, text);
    if (v) vectors.set(text, v);
    else missing.push(text);
  }
  const done = { model, used: false, sent: 0, cached: vectors.size };
  report.embeddings = done;
  try {
    let asked = missing;
    let fresh = missing.length > 0 ? await server.embed(missing) : [];
    // A model swapped under the same name gives vectors of another length: the cached ones are
    // then asked for again, not used.
    if (fresh.length > 0 && vectors.size > 0 && vectors.values().next().value!.length !== fresh[0]!.length) {
      asked = texts;
      fresh = await server.embed(texts);
    }
    fresh.forEach((v, i) => {
      vectors.set(asked[i]!, v);
      cache.setVector(model, asked[i]!, v);
    });
    done.sent = asked.length;
    done.cached = texts.length - asked.length;
  } catch (err) {
    if (!(err instanceof ServerFailure)) throw err;
    report.fallback ??= err.message;
    return undefined;
  }
  done.used = true;
  return vectors;
}

/**
 * Names the given themes with the server's chat model: each is asked for from the theme's
 * statements, most typical first, and checked by the rules in `nameProblem`, then for being unique
 * in its category. A name that passes becomes the theme's name and draft; one that fails leaves the
 * engine's name, and is reported. Only themes the engine has just made are given: a facilitator's
 * names are never sent, nor changed.
 */
export async function namesFromServer(
  server: ModelServer,
  cache: ModelCache,
  set: ThemeSet,
  fresh: ReadonlySet<string>,
  statements: readonly Statement[],
  tagger: Tagger,
  report: ModelReport,
): Promise<void> {
  const model = server.use.chat;
  const done: NonNullable<ModelReport['names']> = { model, written: 0, cached: 0, refused: [] };
  report.names = done;
  const textOf = new Map(statements.map((s) => [s.id, s.text]));
  for (const category of categories) {
    const themes = set.categories[category].themes.filter((t) => fresh.has(t.id) && !t.locked && !t.edited);
    const proposed = new Map<string, string>();
    for (const theme of themes) {
      const order = [...theme.representative, ...theme.statements.filter((id) => !theme.representative.includes(id))];
      const sent = order.slice(0, server.use.nameStatements).map((id) => textOf.get(id)!);
      const question = nameQuestion(category, sent);
      const key = JSON.stringify([model, question]);
      let name = cache.name(model, key);
      if (name !== undefined) done.cached++;
      else if (server.down !== undefined) break;
      else {
        try {
          name = cleanName(await server.chat(question));
        } catch (err) {
          if (!(err instanceof ServerFailure)) throw err;
          report.fallback ??= err.message;
          break;
        }
        cache.setName(model, key, name, sent);
      }
      proposed.set(theme.id, name);
    }
    const ids = [...proposed.keys()];
    const [tagged] = await tagger.tag([ids.map((id) => proposed.get(id)!)]);
    const accepted = new Map<string, string>();
    ids.forEach((id, i) => {
      const theme = themes.find((t) => t.id === id)!;
      const name = proposed.get(id)!;
      const problem = nameProblem(name, tagged![i]!, theme.statements.map((s) => textOf.get(s)!));
      if (problem) done.refused.push({ theme: id, name, reason: problem });
      else accepted.set(id, name);
    });
    // Unique in the category: a model's name that meets another theme's is given up, until none meet.
    for (;;) {
      const final = set.categories[category].themes.map((t) => ({ id: t.id, name: (accepted.get(t.id) ?? t.name).toLowerCase() }));
      const clash = final.find((x, i) => accepted.has(x.id) && final.some((y, j) => j !== i && y.name === x.name));
      if (!clash) break;
      done.refused.push({ theme: clash.id, name: accepted.get(clash.id)!, reason: 'another theme has that name' });
      accepted.delete(clash.id);
    }
    for (const theme of themes) {
      const name = accepted.get(theme.id);
      if (name === undefined) continue;
      theme.name = name;
      theme.draft = name;
      done.written++;
    }
  }
  done.refused.sort((a, b) => (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
}
