import { type SparseVector, dotDense } from './vectors.js';

export interface Clustering {
  /** Cluster of each vector. */
  assignment: Int32Array;
  /** Unit-length centroid of each cluster. */
  centroids: Float64Array[];
  /** Cosine of each vector to its own centroid. */
  similarity: Float64Array;
  /** Sum of `similarity`: higher is tighter. */
  objective: number;
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
    const result = runOnce(vectors, dim, k, random, options.maxIterations ?? 60);
    if (!best || result.objective > best.objective + 1e-12) best = result;
  }
  return best!;
}

function runOnce(vectors: readonly SparseVector[], dim: number, k: number, random: () => number, maxIterations: number): Clustering {
  const n = vectors.length;
  let centroids = seedPlusPlus(vectors, dim, k, random);
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestS = -Infinity;
      for (let c = 0; c < centroids.length; c++) {
        const s = dotDense(vectors[i]!, centroids[c]!);
        if (s > bestS + 1e-12) {
          bestS = s;
          bestC = c;
        }
      }
      if (assignment[i] !== bestC) changed++;
      assignment[i] = bestC;
      similarity[i] = bestS;
    }
    centroids = updateCentroids(vectors, dim, assignment, k, similarity);
    if (changed === 0) break;
  }
  for (let i = 0; i < n; i++) similarity[i] = dotDense(vectors[i]!, centroids[assignment[i]!]!);
  const objective = similarity.reduce((a, b) => a + b, 0);
  return { assignment, centroids, similarity, objective };
}

function addInto(dense: Float64Array, v: SparseVector, weight = 1): void {
  for (let j = 0; j < v.indices.length; j++) dense[v.indices[j]!]! += weight * v.values[j]!;
}

function normalise(dense: Float64Array): void {
  let norm = 0;
  for (let j = 0; j < dense.length; j++) norm += dense[j]! * dense[j]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < dense.length; j++) dense[j]! /= norm;
}

/** Mean direction of each cluster. An empty cluster takes the member that fits its own worst. */
function updateCentroids(
  vectors: readonly SparseVector[],
  dim: number,
  assignment: Int32Array,
  k: number,
  similarity: Float64Array,
): Float64Array[] {
  const centroids = Array.from({ length: k }, () => new Float64Array(dim));
  const sizes = new Int32Array(k);
  for (let i = 0; i < vectors.length; i++) {
    addInto(centroids[assignment[i]!]!, vectors[i]!);
    sizes[assignment[i]!]!++;
  }
  const used = new Set<number>();
  for (let c = 0; c < k; c++) {
    if (sizes[c] === 0) {
      let worst = -1;
      let worstS = Infinity;
      for (let i = 0; i < vectors.length; i++) {
        if (!used.has(i) && sizes[assignment[i]!]! > 1 && similarity[i]! < worstS) {
          worst = i;
          worstS = similarity[i]!;
        }
      }
      if (worst >= 0) {
        used.add(worst);
        addInto(centroids[c]!, vectors[worst]!);
      }
    }
    normalise(centroids[c]!);
  }
  return centroids;
}

function seedPlusPlus(vectors: readonly SparseVector[], dim: number, k: number, random: () => number): Float64Array[] {
  const n = vectors.length;
  const centroids: Float64Array[] = [];
  const distance = new Float64Array(n).fill(Infinity);
  let next = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    const centroid = new Float64Array(dim);
    addInto(centroid, vectors[next]!);
    normalise(centroid);
    centroids.push(centroid);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dotDense(vectors[i]!, centroid));
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
  return centroids;
}
