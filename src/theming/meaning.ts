import { wallWords, wordTable } from './analyse.js';
import { type WordVectors, wordVectors } from './embeddings.js';
import type { FeatureSpace } from './vectors.js';

/**
 * Grouping by meaning, for a workshop-sized wall. Two statements are alike by a blend of the words
 * they share (TF-IDF cosine) and what their words mean (word vectors), so "the minibus stopped" and
 * "no lift to the day centre" can meet though they share no word. The blend is grouped by average
 * linkage, which on walls of 80-300 real statements placed more statements right than k-means on
 * the same features.
 */

/**
 * How much of the similarity is meaning; the rest is shared words. 0.5 since meaning also matches
 * word by word (`alignWords`); on 62 check walls (`care_feedback` and the workshop walls) 0.4 and
 * 0.6 each put fewer statements with their theme's commonest label (52.4% and 52.6%, against 53.0%).
 */
export const meaningWeight = 0.5;

/**
 * Smooth inverse frequency (Arora, Liang and Ma, 2017): a word weighs a / (a + p(word)), so common
 * words count for little. p comes from the word's frequency rank in English, by Zipf's law.
 */
const sifA = 1e-3;
const zipf = (rank: number) => 1 / ((rank + 10) * 13);

/**
 * Each statement's meaning as a unit vector: its theme words' vectors, weighted by how rare they
 * are, summed; then the direction almost any English sentence shares (`WordVectors.common`) is
 * taken out, so what is left tells statements apart. The direction comes from the language, not
 * from the wall: taken from a wall's own statements (as the SIF paper does), it took away the
 * wall's commonest subject with it, and on real walls fewer statements were placed right. A
 * statement with no known word gets a zero vector.
 */
export function sentenceVectors(texts: readonly string[], vectors: WordVectors): Float64Array[] {
  const dims = vectors.dims;
  const common = vectors.common;
  return texts.map((text) => {
    const v = new Float64Array(dims);
    for (const word of wallWords(text)) {
      for (const part of spelledOut(word)) {
        const rank = vectors.rank(part);
        if (rank !== undefined) vectors.add(part, sifA / (sifA + zipf(rank)), v);
      }
    }
    const shared = dotProduct(v, common);
    for (let d = 0; d < dims; d++) v[d]! -= shared * common[d]!;
    normalise(v);
    return v;
  });
}

/** The synonym table's made-up words ("daycentre") looked up as the words they stand for. */
const madeUp = wordTable<string[]>({
  pa: ['assistant'],
  directpayment: ['direct', 'payment'],
  careworker: ['carer'],
  daycentre: ['day', 'centre'],
  socialworker: ['social', 'worker'],
  carerassessment: ['carer', 'assessment'],
  carehome: ['residential', 'nursing'],
  gp: ['doctor'],
});

function spelledOut(word: string): string[] {
  return madeUp[word] ?? [word];
}

function dotProduct(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}

function normalise(v: Float64Array): boolean {
  const norm = Math.sqrt(dotProduct(v, v));
  if (norm === 0) return false;
  for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return true;
}

/** A symmetric n×n similarity, row-major. */
export interface Similarity {
  n: number;
  values: Float64Array;
  /** Meaning alone, when there are word vectors: for statements that share no word with any other. */
  meaning?: Similarity;
}

/** The likeness of some of the statements (`keep`, indices into `sim`), numbered in that order. */
export function subSimilarity(sim: Similarity, keep: readonly number[]): Similarity {
  const n = keep.length;
  const values = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) values[a * n + b] = sim.values[keep[a]! * sim.n + keep[b]!]!;
  return { n, values, ...(sim.meaning && { meaning: subSimilarity(sim.meaning, keep) }) };
}

/**
 * Sentence vectors made elsewhere (a local model server: see `src/model/`), by statement text, each
 * of unit length. A wall uses them in place of its word vectors when every statement has one.
 */
export type SentenceVectors = ReadonlyMap<string, Float32Array>;

/**
 * Pairwise similarity of a wall's statements: shared words (the TF-IDF cosine from `space`)
 * blended with meaning: the `given` sentence vectors when they cover the wall, or else the word
 * vectors'. With neither (null vectors) it is the TF-IDF cosine alone. `centre` takes
 * that share of the statements' mean meaning out of each: what every statement on a wall says
 * ("this is about care") then holds fewer of them together in one catch-all. `matchWords` blends in
 * the statements' words matched one by one (`alignWords`), as a wall of statements is grouped.
 */
export function wallSimilarity(
  texts: readonly string[],
  space: FeatureSpace,
  vectors: WordVectors | null = wordVectors() ?? null,
  centre = 0,
  given?: SentenceVectors,
  matchWords = false,
): Similarity {
  const n = texts.length;
  const values = new Float64Array(n * n);
  const dense = new Float64Array(space.features.length);
  const rows = vectors ? weighedAsEnglish(space, vectors) : space.vectors;
  for (let i = 0; i < n; i++) {
    const a = rows[i]!;
    for (let j = 0; j < a.indices.length; j++) dense[a.indices[j]!] = a.values[j]!;
    for (let k = i; k < n; k++) {
      const b = rows[k]!;
      let s = 0;
      for (let j = 0; j < b.indices.length; j++) s += b.values[j]! * dense[b.indices[j]!]!;
      values[i * n + k] = s;
      values[k * n + i] = s;
    }
    for (let j = 0; j < a.indices.length; j++) dense[a.indices[j]!] = 0;
  }
  const fromServer = given && texts.every((t) => given.has(t)) ? texts.map((t) => Float64Array.from(given.get(t)!)) : undefined;
  if (!vectors && !fromServer) return { n, values };
  const sentences = fromServer ?? sentenceVectors(texts, vectors!);
  if (centre > 0) {
    const mean = new Float64Array(sentences[0]?.length ?? 0);
    for (const v of sentences) for (let d = 0; d < mean.length; d++) mean[d]! += v[d]! / n;
    for (const v of sentences) {
      for (let d = 0; d < mean.length; d++) v[d]! -= centre * mean[d]!;
      normalise(v);
    }
  }
  const meaning = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = i; k < n; k++) meaning[i * n + k] = dotProduct(sentences[i]!, sentences[k]!);
  if (matchWords && vectors && !fromServer && n > 2) alignWords(texts, vectors, meaning);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      const m = meaning[i * n + k]!;
      meaning[i * n + k] = m;
      meaning[k * n + i] = m;
      const s = (1 - meaningWeight) * values[i * n + k]! + meaningWeight * m;
      values[i * n + k] = s;
      values[k * n + i] = s;
    }
  }
  return { n, values, meaning: { n, values: meaning } };
}

/**
 * Two statements compared through their neighbourhoods as well as directly: each statement is
 * taken as half itself and half the statements nearest it (its `neighbourCount` most alike, weighed
 * by how alike), and the likeness of two statements is the likeness of those mixtures (P S Pᵀ). A
 * short statement says little, and what it does say may be one word it shares with a statement on
 * another subject; its nearest neighbours say what it is about. (In the spirit of shared-nearest-
 * neighbour similarity, Jarvis and Patrick, 1973.)
 */
export function throughNeighbours(sim: Similarity): Similarity {
  const { n, values } = sim;
  const k = Math.min(neighbourCount, Math.round(Math.sqrt(n)), n - 1);
  if (k < 1) return sim;
  // Each row of P: itself at one half, and its k nearest at the other, weighed by likeness.
  const cols: Int32Array[] = [];
  const weights: Float64Array[] = [];
  const order = Array.from({ length: n }, (_, j) => j);
  for (let i = 0; i < n; i++) {
    const row = values.subarray(i * n, i * n + n);
    const nearest = order.filter((j) => j !== i).sort((a, b) => row[b]! - row[a]! || a - b).slice(0, k);
    const alike = nearest.map((j) => Math.max(0, row[j]!));
    const total = alike.reduce((a, b) => a + b, 0);
    cols.push(Int32Array.from([i, ...nearest]));
    weights.push(Float64Array.from([selfShare, ...alike.map((w) => (total > 0 ? ((1 - selfShare) * w) / total : (1 - selfShare) / k))]));
  }
  // T = P S, then T Pᵀ: each entry mixes k + 1 rows, so the cost is about 2 (k + 1) n^2.
  const mixed = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const out = mixed.subarray(i * n, i * n + n);
    for (let m = 0; m < cols[i]!.length; m++) {
      const w = weights[i]![m]!;
      const from = values.subarray(cols[i]![m]! * n, cols[i]![m]! * n + n);
      for (let j = 0; j < n; j++) out[j]! += w * from[j]!;
    }
  }
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let m = 0; m < cols[j]!.length; m++) s += weights[j]![m]! * mixed[i * n + cols[j]![m]!]!;
      result[i * n + j] = s;
      result[j * n + i] = s;
    }
  }
  return { n, values: result };
}

/** How many neighbours a statement is compared through (fewer on a small wall: about √n). */
const neighbourCount = 10;

/** How much of a statement is itself when it is compared through its neighbours. */
const selfShare = 0.5;

/**
 * The statements' TF-IDF rows with each word weighed again by how rare it is in English, as the
 * sentence vectors weigh it (SIF), and L2-normalised. Rarity on the wall alone lets a common word
 * that says little ("help", "work", "better") hold a small theme together because few statements
 * on that wall happen to use it. A pair of words weighs as its rarer word. A word the vectors do
 * not know keeps its weight. On the 22 care_feedback walls this raised automatic ACC from 45.0 to
 * 46.3, NMI from 47.1 to 47.4 and ARI from 28.5 to 29.5, with the sentence vectors' own a (1e-3).
 * An a of 2e-3 scored about the same; 3e-4, 6e-4, 4e-3 and 1e-2 helped less or not at all.
 */
function weighedAsEnglish(space: FeatureSpace, vectors: WordVectors): FeatureSpace['vectors'] {
  const weight = space.display.map((feature) =>
    Math.max(
      ...feature.split(' ').map((word) => {
        const rank = vectors.rank(word.toLowerCase());
        return rank === undefined ? 1 : sifA / (sifA + zipf(rank));
      }),
    ),
  );
  return space.vectors.map((v) => {
    const values = Float64Array.from(v.values, (x, j) => x * weight[v.indices[j]!]!);
    normalise(values);
    return { indices: v.indices, values };
  });
}

/**
 * How much of a statement pair's meaning is their words matched one by one (`alignWords`) rather
 * than their summed vectors. On the 22 care_feedback walls, half gave 1 point more ACC and 1.5 more
 * ARI in automatic mode, and 3 more of each at the true number of themes.
 */
const alignShare = 0.5;

/**
 * Blends into `meaning` (the sentence vectors' cosines, upper triangle) how well two statements'
 * words match one by one: each word of one is matched to the word of the other nearest in meaning,
 * and the cosines are averaged both ways, weighted as the sentence vectors weigh words (SIF). A sum
 * of vectors blurs a statement's words together, so "the taxi never came" and "no lift to the day
 * centre" meet only as far as their averages do; matched word by word, "taxi" finds "lift". The
 * matches are put on the scale of the cosines (the same mean and spread over the wall's pairs)
 * before they are blended in, so the rest of the engine's measures keep their meaning.
 */
function alignWords(texts: readonly string[], vectors: WordVectors, meaning: Float64Array): void {
  const n = texts.length;
  const dims = vectors.dims;
  const common = vectors.common;
  // The wall's words as unit vectors (less the common direction), each once; each statement as its
  // words' places in that list, and their weights.
  const places = new Map<string, number>();
  const rows: Float64Array[] = [];
  const statements = texts.map((text) => {
    const words: number[] = [];
    const weights: number[] = [];
    for (const word of wallWords(text)) {
      for (const part of spelledOut(word)) {
        const rank = vectors.rank(part);
        if (rank === undefined) continue;
        let at = places.get(part);
        if (at === undefined) {
          const v = new Float64Array(dims);
          vectors.add(part, 1, v);
          const shared = dotProduct(v, common);
          for (let d = 0; d < dims; d++) v[d]! -= shared * common[d]!;
          at = normalise(v) ? rows.push(v) - 1 : -1;
          places.set(part, at);
        }
        if (at < 0) continue;
        words.push(at);
        weights.push(sifA / (sifA + zipf(rank)));
      }
    }
    const total = weights.reduce((a, b) => a + b, 0);
    return { words, weights, total };
  });
  // Each pair of the wall's words compared once: a wall of 500 statements has a few thousand words.
  const u = rows.length;
  const cosine = new Float64Array(u * u);
  for (let x = 0; x < u; x++) {
    for (let y = x; y < u; y++) {
      const c = dotProduct(rows[x]!, rows[y]!);
      cosine[x * u + y] = c;
      cosine[y * u + x] = c;
    }
  }
  const aligned = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = statements[i]!;
    for (let k = i + 1; k < n; k++) {
      const b = statements[k]!;
      if (a.words.length === 0 || b.words.length === 0) continue;
      const bestA = new Float64Array(a.words.length);
      const bestB = new Float64Array(b.words.length);
      for (let x = 0; x < a.words.length; x++) {
        const row = a.words[x]! * u;
        for (let y = 0; y < b.words.length; y++) {
          const c = cosine[row + b.words[y]!]!;
          if (c > bestA[x]!) bestA[x] = c;
          if (c > bestB[y]!) bestB[y] = c;
        }
      }
      let sa = 0;
      let sb = 0;
      for (let x = 0; x < a.words.length; x++) sa += a.weights[x]! * bestA[x]!;
      for (let y = 0; y < b.words.length; y++) sb += b.weights[y]! * bestB[y]!;
      aligned[i * n + k] = 0.5 * (sa / a.total + sb / b.total);
    }
  }
  const spread = (m: Float64Array) => {
    let sum = 0;
    let squares = 0;
    const pairs = (n * (n - 1)) / 2;
    for (let i = 0; i < n; i++) {
      for (let k = i + 1; k < n; k++) {
        sum += m[i * n + k]!;
        squares += m[i * n + k]! ** 2;
      }
    }
    const mean = sum / pairs;
    return { mean, sd: Math.sqrt(Math.max(0, squares / pairs - mean * mean)) };
  };
  const to = spread(meaning);
  const from = spread(aligned);
  if (from.sd === 0) return;
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const scaled = to.mean + ((aligned[i * n + k]! - from.mean) / from.sd) * to.sd;
      meaning[i * n + k] = (1 - alignShare) * meaning[i * n + k]! + alignShare * scaled;
    }
  }
}

/** The mean similarity between two groups, or of a group within itself (pairs of distinct members). */
export function meanSimilarity(sim: Similarity, a: readonly number[], b: readonly number[]): number {
  let total = 0;
  let pairs = 0;
  for (const i of a) {
    for (const j of b) {
      if (i === j) continue;
      total += sim.values[i * sim.n + j]!;
      pairs++;
    }
  }
  return pairs === 0 ? 0 : total / pairs;
}

/** A join of two groups, named by their first members, and how alike their members were on average. */
export type Join = [keep: number, gone: number, similarity: number];

/**
 * Average-linkage agglomerative clustering: start with every statement alone and keep joining the
 * two groups whose members are most alike on average. Returns the joins in order, each as the two
 * groups' first members (a group is named by its lowest index), so the grouping can be cut at any
 * number of groups (`cutLinkage`). Ties join the pair with the lowest indices, so the result
 * depends only on the order of the statements, which the engine fixes.
 */
export function averageLinkage(sim: Similarity): Join[] {
  const n = sim.n;
  const between = Float64Array.from(sim.values);
  const size = new Int32Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const joins: Join[] = [];
  // Each group's most similar other group, so a join does not rescan every pair.
  const nearest = new Int32Array(n).fill(-1);
  const findNearest = (i: number) => {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (j === i || !alive[j]) continue;
      if (best < 0 || between[i * n + j]! > between[i * n + best]!) best = j;
    }
    nearest[i] = best;
  };
  for (let i = 0; i < n; i++) findNearest(i);
  for (let count = n; count > 1; count--) {
    let a = -1;
    for (let i = 0; i < n; i++) {
      if (!alive[i] || nearest[i]! < 0) continue;
      const s = between[i * n + nearest[i]!]!;
      if (a < 0 || s > between[a * n + nearest[a]!]!) a = i;
    }
    const b0 = nearest[a]!;
    const height = between[a * n + b0]!;
    const [keep, gone] = a < b0 ? [a, b0] : [b0, a];
    for (let j = 0; j < n; j++) {
      if (!alive[j] || j === keep || j === gone) continue;
      const s = (between[keep * n + j]! * size[keep]! + between[gone * n + j]! * size[gone]!) / (size[keep]! + size[gone]!);
      between[keep * n + j] = s;
      between[j * n + keep] = s;
    }
    size[keep]! += size[gone]!;
    alive[gone] = 0;
    joins.push([keep, gone, height]);
    for (let j = 0; j < n; j++) {
      if (!alive[j]) continue;
      if (j === keep || nearest[j] === keep || nearest[j] === gone) findNearest(j);
      else if (between[j * n + keep]! > between[j * n + nearest[j]!]!) nearest[j] = keep;
    }
  }
  return joins;
}

/** The groups left when the first n - k joins are made: members ascending, groups by first member. */
export function cutLinkage(joins: readonly Join[], n: number, k: number): number[][] {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (const [keep, gone] of joins.slice(0, Math.max(0, n - Math.max(1, k)))) {
    members[keep] = members[keep]!.concat(members[gone]!);
    members[gone] = [];
  }
  return members.filter((m) => m.length > 0).map((m) => m.sort((x, y) => x - y));
}

/**
 * The groups left when the first `kept` joins are made, each split where the linkage joined it for
 * as long as `split` says its members must be (members ascending, groups by first member). The
 * same as cutting and then splitting with `splitLinkage` again and again, but each split is one
 * step down the linkage's tree, so a group that comes apart one member at a time costs no more
 * than its members once each.
 */
export function cutLinkageSplitting(joins: readonly Join[], n: number, kept: number, split: (members: number[]) => boolean): number[][] {
  // The tree of the kept joins: node n + t joins the nodes its two groups were before join t.
  const children: [number, number][] = [];
  const nodeOf = Array.from({ length: n }, (_, i) => i);
  const gone = new Set<number>();
  for (const [keep, away] of joins.slice(0, kept)) {
    children.push([nodeOf[keep]!, nodeOf[away]!]);
    nodeOf[keep] = n + children.length - 1;
    gone.add(away);
  }
  const leaves = (node: number): number[] => {
    const out: number[] = [];
    const stack = [node];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < n) out.push(x);
      else stack.push(...children[x - n]!);
    }
    return out.sort((a, b) => a - b);
  };
  const groups: number[][] = [];
  const todo = nodeOf.filter((_, i) => !gone.has(i));
  while (todo.length > 0) {
    const node = todo.pop()!;
    const members = leaves(node);
    if (node >= n && split(members)) todo.push(...children[node - n]!);
    else groups.push(members);
  }
  return groups.sort((a, b) => a[0]! - b[0]!);
}

/**
 * Splits a group where the linkage last joined two of its members: the members that were already
 * with the first of the two, and the rest (members ascending). The group need not be one the
 * linkage made (it may be two joined by hand); the parts always divide it exactly.
 */
export function splitLinkage(joins: readonly Join[], n: number, group: readonly number[]): [number[], number[]] | undefined {
  if (group.length < 2) return undefined;
  const inGroup = new Set(group);
  let last = -1;
  joins.forEach(([keep, gone], t) => {
    if (inGroup.has(keep) && inGroup.has(gone)) last = t;
  });
  if (last < 0) return undefined;
  const before = cutLinkage(joins.slice(0, last), n, n - last);
  const withKeep = new Set(before.find((m) => m.includes(joins[last]![0]))!);
  const a = group.filter((i) => withKeep.has(i)).sort((x, y) => x - y);
  const b = group.filter((i) => !withKeep.has(i)).sort((x, y) => x - y);
  return [a, b];
}
