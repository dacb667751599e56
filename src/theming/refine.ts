import { Centres, argmax } from './kmeans.js';
import type { SparseVector } from './vectors.js';

export interface RefineOptions {
  /** Rounds of train-and-reassign. */
  rounds: number;
  /** Each round trains on a random share, between these bounds, of each theme's most central statements. */
  keepLow: number;
  keepHigh: number;
  /** Additive smoothing of the word weights (Lidstone). */
  smoothing: number;
}

export const defaultRefineOptions: RefineOptions = { rounds: 50, keepLow: 0.5, keepHigh: 0.9, smoothing: 0.1 };

/**
 * Iterative classification (Rakib et al., "Enhancement of short text clustering by iterative
 * classification", NLDB 2020): short texts share few words, so k-means leaves many statements in
 * the wrong theme. Each round keeps the statements closest to their theme's centre as labelled
 * examples, trains a classifier on them, and lets it re-place the others. The classifier here is
 * multinomial naive Bayes over TF-IDF weights, which learns from the whole theme's vocabulary
 * rather than one centre. The share kept is drawn from `random`, so rounds differ but the result
 * is repeatable.
 */
export function refineByClassification(
  vectors: readonly SparseVector[],
  dim: number,
  k: number,
  start: Int32Array,
  random: () => number,
  options: RefineOptions = defaultRefineOptions,
): Int32Array {
  const n = vectors.length;
  const assignment = Int32Array.from(start);
  if (k < 2 || n <= k) return assignment;
  const scores = new Float64Array(k);
  const logp = new Float64Array(dim * k);
  const training = new Uint8Array(n);
  for (let round = 0; round < options.rounds; round++) {
    const centres = Centres.of(vectors, dim, assignment, k);
    const byTheme: { s: number; i: number }[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) {
      centres.score(vectors[i]!, scores);
      byTheme[assignment[i]!]!.push({ s: scores[assignment[i]!]!, i });
    }
    const keep = options.keepLow + (options.keepHigh - options.keepLow) * random();
    training.fill(0);
    for (const members of byTheme) {
      members.sort((a, b) => b.s - a.s || a.i - b.i);
      const m = Math.max(1, Math.ceil(members.length * keep));
      for (let q = 0; q < m && q < members.length; q++) training[members[q]!.i] = 1;
    }
    trainNaiveBayes(vectors, dim, k, assignment, training, options.smoothing, logp);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      if (training[i]) continue;
      scoreNaiveBayes(vectors[i]!, logp, k, scores);
      const c = argmax(scores);
      if (c !== assignment[i]) {
        assignment[i] = c;
        moved++;
      }
    }
    if (moved === 0 && round > 0 && options.keepLow === options.keepHigh) break;
  }
  return assignment;
}

/** Per-theme log word weights, feature-major like `Centres`, into `logp`. */
function trainNaiveBayes(
  vectors: readonly SparseVector[],
  dim: number,
  k: number,
  assignment: Int32Array,
  training: Uint8Array,
  smoothing: number,
  logp: Float64Array,
): void {
  logp.fill(0);
  const totals = new Float64Array(k);
  for (let i = 0; i < vectors.length; i++) {
    if (!training[i]) continue;
    const v = vectors[i]!;
    const c = assignment[i]!;
    for (let j = 0; j < v.indices.length; j++) {
      logp[v.indices[j]! * k + c]! += v.values[j]!;
      totals[c]! += v.values[j]!;
    }
  }
  const denominators = Float64Array.from(totals, (t) => Math.log(t + smoothing * dim));
  for (let f = 0; f < dim; f++) {
    for (let c = 0; c < k; c++) logp[f * k + c] = Math.log(logp[f * k + c]! + smoothing) - denominators[c]!;
  }
}

function scoreNaiveBayes(v: SparseVector, logp: Float64Array, k: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < v.indices.length; j++) {
    const base = v.indices[j]! * k;
    const w = v.values[j]!;
    for (let c = 0; c < k; c++) out[c]! += w * logp[base + c]!;
  }
}
