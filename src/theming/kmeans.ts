import type { SparseVector } from './vectors.js';

export interface Clustering {
  /** Cluster of each vector. */
  assignment: Int32Array;
  /** Number of clusters. */
  k: number;
  /** Cosine of each vector to its own cluster's centre. */
  similarity: Float64Array;
  /** Sum of `similarity`: higher is tighter. */
  objective: number;
}

/**
 * Unit-length cluster centres, stored feature-major (`[feature * k + cluster]`), so scoring a
 * sparse vector against every centre walks memory in order.
 */
export class Centres {
  readonly data: Float32Array;
  constructor(
    readonly dim: number,
    readonly k: number,
  ) {
    this.data = new Float32Array(dim * k);
  }

  /** Dot product of `v` with every centre, into `out`. */
  score(v: SparseVector, out: Float64Array): void {
    out.fill(0);
    const { data, k } = this;
    for (let j = 0; j < v.indices.length; j++) {
      const base = v.indices[j]! * k;
      const w = v.values[j]!;
      for (let c = 0; c < k; c++) out[c]! += w * data[base + c]!;
    }
  }

  /** Dot product of `v` with one centre. */
  scoreOne(v: SparseVector, cluster: number): number {
    const { data, k } = this;
    let s = 0;
    for (let j = 0; j < v.indices.length; j++) s += v.values[j]! * data[v.indices[j]! * k + cluster]!;
    return s;
  }

  add(v: SparseVector, cluster: number): void {
    const { data, k } = this;
    for (let j = 0; j < v.indices.length; j++) data[v.indices[j]! * k + cluster]! += v.values[j]!;
  }

  /** Scales every centre to unit length; returns which centres were empty. */
  normalise(): boolean[] {
    const { data, k, dim } = this;
    const norms = new Float64Array(k);
    for (let f = 0; f < dim; f++) for (let c = 0; c < k; c++) norms[c]! += data[f * k + c]! ** 2;
    for (let c = 0; c < k; c++) norms[c] = Math.sqrt(norms[c]!);
    for (let f = 0; f < dim; f++) for (let c = 0; c < k; c++) if (norms[c]! > 0) data[f * k + c]! /= norms[c]!;
    return Array.from(norms, (x) => x === 0);
  }

  static of(vectors: readonly SparseVector[], dim: number, assignment: Int32Array, k: number): Centres {
    const centres = new Centres(dim, k);
    for (let i = 0; i < vectors.length; i++) centres.add(vectors[i]!, assignment[i]!);
    centres.normalise();
    return centres;
  }
}

/** Index of the largest value; the lowest index wins a tie, so results never depend on chance. */
export function argmax(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if (values[c]! > values[best]!) best = c;
  return best;
}

/**
 * Spherical k-means (Dhillon and Modha, 2001): k-means on the unit sphere with cosine similarity,
 * the usual choice for TF-IDF text. k-means++ seeding (Arthur and Vassilvitskii, 2007) and several
 * restarts, keeping the tightest; `random` is seeded, so the result is repeatable.
 */
export function sphericalKMeans(
  vectors: readonly SparseVector[],
  dim: number,
  k: number,
  random: () => number,
  options: { restarts?: number; maxIterations?: number } = {},
): Clustering {
  const restarts = options.restarts ?? 5;
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = runOnce(vectors, dim, k, random, options.maxIterations ?? 40);
    if (!best || result.objective > best.objective + 1e-9) best = result;
  }
  return best!;
}

function runOnce(vectors: readonly SparseVector[], dim: number, k: number, random: () => number, maxIterations: number): Clustering {
  const n = vectors.length;
  let centres = seedPlusPlus(vectors, dim, k, random);
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  const scores = new Float64Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      centres.score(vectors[i]!, scores);
      const c = argmax(scores);
      if (assignment[i] !== c) changed++;
      assignment[i] = c;
      similarity[i] = scores[c]!;
    }
    centres = recentre(vectors, dim, assignment, k, similarity);
    // Stop when (almost) nothing moves: the last few reassignments rarely change the themes.
    if (changed <= n * 0.001) break;
  }
  for (let i = 0; i < n; i++) {
    centres.score(vectors[i]!, scores);
    similarity[i] = scores[assignment[i]!]!;
  }
  let objective = 0;
  for (let i = 0; i < n; i++) objective += similarity[i]!;
  return { assignment, k, similarity, objective };
}

/** New centres from the members. An empty cluster takes the statement that fits its own worst. */
function recentre(vectors: readonly SparseVector[], dim: number, assignment: Int32Array, k: number, similarity: Float64Array): Centres {
  const centres = new Centres(dim, k);
  const sizes = new Int32Array(k);
  for (let i = 0; i < vectors.length; i++) {
    centres.add(vectors[i]!, assignment[i]!);
    sizes[assignment[i]!]!++;
  }
  for (let c = 0; c < k; c++) {
    if (sizes[c] !== 0) continue;
    let worst = -1;
    for (let i = 0; i < vectors.length; i++) {
      if (sizes[assignment[i]!]! > 1 && (worst < 0 || similarity[i]! < similarity[worst]!)) worst = i;
    }
    if (worst < 0) continue;
    sizes[assignment[worst]!]!--;
    assignment[worst] = c;
    sizes[c] = 1;
    similarity[worst] = 1;
    centres.add(vectors[worst]!, c);
  }
  // Moving a statement into an empty cluster leaves a trace in its old centre's sum; recompute.
  return sizes.some((s) => s === 0) ? centres : Centres.of(vectors, dim, assignment, k);
}

function seedPlusPlus(vectors: readonly SparseVector[], dim: number, k: number, random: () => number): Centres {
  const n = vectors.length;
  const centres = new Centres(dim, k);
  const distance = new Float64Array(n).fill(Infinity);
  let next = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    const v = vectors[next]!;
    // A one-hot-per-centre copy lets the distance update use a plain sparse dot product.
    const dense = new Map<number, number>();
    for (let j = 0; j < v.indices.length; j++) dense.set(v.indices[j]!, v.values[j]!);
    centres.add(v, c);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const u = vectors[i]!;
      let dot = 0;
      for (let j = 0; j < u.indices.length; j++) dot += u.values[j]! * (dense.get(u.indices[j]!) ?? 0);
      const d = Math.max(0, 1 - dot);
      if (d < distance[i]!) distance[i] = d;
      total += distance[i]! * distance[i]!;
    }
    if (total === 0) {
      next = Math.floor(random() * n);
      continue;
    }
    let target = random() * total;
    next = n - 1;
    for (let i = 0; i < n; i++) {
      target -= distance[i]! * distance[i]!;
      if (target <= 0) {
        next = i;
        break;
      }
    }
  }
  centres.normalise();
  return centres;
}
