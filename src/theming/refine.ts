import { argmax } from './kmeans.js';
import type { SparseVector } from './vectors.js';

export interface RefineOptions {
  /** Most rounds of train-and-reassign. */
  rounds: number;
  /** Fewest rounds before the rounds may stop because the fit has settled. */
  minRounds: number;
  /** Most rounds of the deterministic finish. */
  polishRounds: number;
  /** Each round trains on a random share, between these bounds, of each theme's most central statements. */
  keepLow: number;
  keepHigh: number;
  /** Additive smoothing of the word weights (Lidstone). */
  smoothing: number;
  /** Return the tightest grouping seen in any round (total cosine to the theme centres), not the last. */
  keepTightest?: boolean;
}

export const defaultRefineOptions: RefineOptions = { rounds: 50, minRounds: 20, polishRounds: 20, keepLow: 0.5, keepHigh: 0.9, smoothing: 0.1 };

/** The fit has settled when the mean of the last 5 rounds is within 0.3% of the mean of the 5 before. */
const settleWindow = 5;
const settleTolerance = 0.003;

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
  const logp = new Float32Array(dim * k);
  const training = new Uint8Array(n);
  const fit = new Float64Array(n);
  let nnz = 0;
  for (const v of vectors) nnz += v.indices.length;
  const touched = new Int32Array(nnz);
  const penalty = new Float64Array(k);
  /** Features seen in this round's training statements. */
  const trained = new Uint8Array(dim);
  // Each theme's summed vector and its squared length, kept up to date as statements move, so a
  // statement's fit (cosine to its theme's centre) costs one sparse dot product per round.
  const sums = new Float64Array(dim * k);
  const lengths = new Float64Array(k);
  const sizes = new Int32Array(k);
  const move = (i: number, from: number, to: number) => {
    const v = vectors[i]!;
    for (let j = 0; j < v.indices.length; j++) {
      const base = v.indices[j]! * k;
      const w = v.values[j]!;
      if (from >= 0) {
        const old = sums[base + from]!;
        sums[base + from] = old - w;
        lengths[from]! += (old - w) * (old - w) - old * old;
      }
      const old = sums[base + to]!;
      sums[base + to] = old + w;
      lengths[to]! += (old + w) * (old + w) - old * old;
    }
    if (from >= 0) sizes[from]!--;
    sizes[to]!++;
  };
  for (let i = 0; i < n; i++) move(i, -1, assignment[i]!);
  let tightest = assignment;
  let tightestFit = -Infinity;
  /** Total fit after each round, to see when the rounds have settled. */
  const history: number[] = [];
  const measure = () => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      const c = assignment[i]!;
      let dot = 0;
      for (let j = 0; j < v.indices.length; j++) dot += v.values[j]! * sums[v.indices[j]! * k + c]!;
      const length = Math.sqrt(Math.max(lengths[c]!, 0));
      fit[i] = length > 0 ? dot / length : 0;
      total += fit[i]!;
    }
    history.push(total);
    if (options.keepTightest && total > tightestFit + 1e-9) {
      tightestFit = total;
      tightest = Int32Array.from(assignment);
    }
  };
  /**
   * One round: train on each theme's `keep` share of most central statements, then let the
   * classifier re-place the others (or, with `everyone`, every statement). Returns how many moved.
   */
  const round = (keep: number, everyone: boolean): number => {
    measure();
    const cut = centralCut(fit, assignment, sizes, k, keep);
    for (let i = 0; i < n; i++) training[i] = fit[i]! >= cut[assignment[i]!]! ? 1 : 0;
    const used = trainNaiveBayes(vectors, dim, k, assignment, training, options.smoothing, logp, touched, penalty, trained);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      if (training[i] && !everyone) continue;
      if (!scoreNaiveBayes(vectors[i]!, logp, penalty, trained, k, scores)) continue;
      const c = argmax(scores);
      if (c !== assignment[i]) {
        move(i, assignment[i]!, c);
        assignment[i] = c;
        moved++;
      }
    }
    for (let q = 0; q < used; q++) logp[touched[q]!] = 0;
    trained.fill(0);
    return moved;
  };
  // The random share keeps statements moving, so the rounds never stop by themselves; they stop
  // once the total fit has settled. A wall searched for its tightest grouping uses every round.
  for (let r = 0; r < options.rounds; r++) {
    const moved = round(options.keepLow + (options.keepHigh - options.keepLow) * random(), false);
    if (moved === 0 && options.keepLow === options.keepHigh) break;
    if (!options.keepTightest && r + 1 >= options.minRounds && settled(history, settleWindow, settleTolerance)) break;
  }
  // A deterministic finish: train on the central `keepHigh` share and re-place every statement,
  // until (almost) none moves, so the result is close to a fixed point of the classifier, not one
  // random round. A few statements on a boundary can swap back and forth for ever (moving them
  // moves the central share), so it stops once no more than one in a thousand move.
  for (let r = 0; r < options.polishRounds && round(options.keepHigh, true) > n / 1000; r++);
  if (!options.keepTightest) return assignment;
  measure();
  return tightest;
}

/** True when the mean of the last `window` values is within `tolerance` (relative) of the mean of the `window` before. */
function settled(history: readonly number[], window: number, tolerance: number): boolean {
  if (history.length < 2 * window) return false;
  let recent = 0;
  let before = 0;
  for (let i = 0; i < window; i++) {
    recent += history[history.length - 1 - i]!;
    before += history[history.length - 1 - window - i]!;
  }
  return Math.abs(recent - before) <= tolerance * Math.abs(before);
}

/**
 * For each theme, the fit (cosine to the centre) above which a statement is among the `keep`
 * share most central. Ties at the cut are all kept, so the result never depends on order.
 */
function centralCut(fit: Float64Array, assignment: Int32Array, sizes: Int32Array, k: number, keep: number): Float64Array {
  const offsets = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) offsets[c + 1] = offsets[c]! + sizes[c]!;
  const sorted = new Float64Array(fit.length);
  const fill = offsets.slice(0, k);
  for (let i = 0; i < fit.length; i++) sorted[fill[assignment[i]!]!++] = fit[i]!;
  const cut = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const members = sorted.subarray(offsets[c]!, offsets[c + 1]!).sort();
    const m = Math.max(1, Math.ceil(members.length * keep));
    cut[c] = members.length === 0 ? Infinity : members[members.length - m]!;
  }
  return cut;
}

/**
 * Per-theme log word weights, feature-major like `Centres`, into `logp`, minus the share every
 * theme has in common. Naive Bayes scores a statement as sum(w * log((n_fc + a) / (N_c + a * dim))).
 * Split as sum(w * log((n_fc + a) / a)) - W * log((N_c + a * dim) / a) plus a term equal for every
 * theme, the first part is zero wherever a word never occurs in a theme, so only the words that
 * occur need a logarithm. `touched` lists those places, to clear them for the next round.
 */
function trainNaiveBayes(
  vectors: readonly SparseVector[],
  dim: number,
  k: number,
  assignment: Int32Array,
  training: Uint8Array,
  smoothing: number,
  logp: Float32Array,
  touched: Int32Array,
  penalty: Float64Array,
  trained: Uint8Array,
): number {
  let count = 0;
  const totals = new Float64Array(k);
  for (let i = 0; i < vectors.length; i++) {
    if (!training[i]) continue;
    const v = vectors[i]!;
    const c = assignment[i]!;
    for (let j = 0; j < v.indices.length; j++) {
      const at = v.indices[j]! * k + c;
      if (logp[at] === 0) touched[count++] = at;
      trained[v.indices[j]!] = 1;
      logp[at]! += v.values[j]!;
      totals[c]! += v.values[j]!;
    }
  }
  for (let q = 0; q < count; q++) {
    const at = touched[q]!;
    logp[at] = Math.log1p(logp[at]! / smoothing);
  }
  for (let c = 0; c < k; c++) penalty[c] = Math.log1p(totals[c]! / (smoothing * dim));
  return count;
}

/**
 * Scores `v` against every theme into `out`. Returns false when none of its words occurs in the
 * training statements: the scores would then only reflect theme sizes, which is no evidence.
 */
function scoreNaiveBayes(v: SparseVector, logp: Float32Array, penalty: Float64Array, trained: Uint8Array, k: number, out: Float64Array): boolean {
  let weight = 0;
  for (let j = 0; j < v.values.length; j++) weight += v.values[j]!;
  for (let c = 0; c < k; c++) out[c] = -weight * penalty[c]!;
  let evidence = false;
  for (let j = 0; j < v.indices.length; j++) {
    const f = v.indices[j]!;
    if (!trained[f]) continue;
    evidence = true;
    const base = f * k;
    const w = v.values[j]!;
    for (let c = 0; c < k; c++) out[c]! += w * logp[base + c]!;
  }
  return evidence;
}
