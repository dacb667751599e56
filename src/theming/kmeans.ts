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
 * The first grouping, for the classifier rounds to improve. Short statements about one topic
 * tend to share one word ("taxi", "payroll", "rota"), so the starting centres are anchor words:
 * frequent words (used by at least half an average theme's worth of statements) that rarely
 * appear together (no anchor shares more than a fifth of its statements with an earlier one,
 * measured against the smaller of the two). Each anchor's centre is the mean of the statements
 * that use it. When there are fewer anchors than themes, the rest are seeded the k-means++ way
 * (Arthur and Vassilvitskii, 2007): statements far from every centre so far are likelier picks.
 * Every statement then joins its nearest centre, and a few k-means rounds follow. On the
 * evaluation sets this start is steadier and better than k-means++ alone (see docs/engine.md).
 */
export function anchoredStart(vectors: readonly SparseVector[], dim: number, k: number, random: () => number, options: { greedy?: boolean; rounds?: number } = {}): Clustering {
  const n = vectors.length;
  const rounds = options.rounds ?? 5;
  let centres = seedCentres(vectors, dim, k, random, anchorCentres(vectors, dim, k), options.greedy ?? false);
  const assignment = new Int32Array(n);
  const similarity = new Float64Array(n);
  const scores = new Float64Array(k);
  let objective = 0;
  // A few spherical k-means rounds (Dhillon and Modha, 2001) settle the seeds.
  for (let round = 0; round <= rounds; round++) {
    if (round > 0) centres = Centres.of(vectors, dim, assignment, k);
    objective = 0;
    for (let i = 0; i < n; i++) {
      centres.score(vectors[i]!, scores);
      const c = argmax(scores);
      assignment[i] = c;
      similarity[i] = scores[c]!;
      objective += similarity[i]!;
    }
  }
  return { assignment, k, similarity, objective };
}

const anchorOverlap = 0.2;

function anchorCentres(vectors: readonly SparseVector[], dim: number, k: number): SparseVector[] {
  const n = vectors.length;
  const postings: number[][] = Array.from({ length: dim }, () => []);
  vectors.forEach((v, i) => {
    for (const f of v.indices) postings[f]!.push(i);
  });
  const minDf = Math.max(3, Math.floor((0.5 * n) / k));
  const candidates = [...postings.keys()]
    .filter((f) => postings[f]!.length >= minDf)
    .sort((a, b) => postings[b]!.length - postings[a]!.length || a - b);
  const anchors: number[] = [];
  for (const f of candidates) {
    const list = postings[f]!;
    const apart = anchors.every((a) => shared(list, postings[a]!) < anchorOverlap * Math.min(list.length, postings[a]!.length));
    if (apart) anchors.push(f);
    if (anchors.length === k) break;
  }
  return anchors.map((f) => {
    const sum = new Map<number, number>();
    for (const i of postings[f]!) {
      const v = vectors[i]!;
      for (let j = 0; j < v.indices.length; j++) sum.set(v.indices[j]!, (sum.get(v.indices[j]!) ?? 0) + v.values[j]!);
    }
    const indices = Int32Array.from([...sum.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(indices, (x) => sum.get(x)!);
    const norm = Math.hypot(...values);
    for (let j = 0; j < values.length; j++) values[j]! /= norm;
    return { indices, values };
  });
}

/** How many items two ascending lists share. */
function shared(a: readonly number[], b: readonly number[]): number {
  let count = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      count++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return count;
}

/** `fixed` centres first, then k-means++ picks until there are k. */
function seedCentres(vectors: readonly SparseVector[], dim: number, k: number, random: () => number, fixed: readonly SparseVector[], greedy: boolean): Centres {
  const n = vectors.length;
  const centres = new Centres(dim, k);
  const distance = new Float64Array(n).fill(Infinity);
  let total = 0;
  const place = (v: SparseVector, c: number) => {
    centres.add(v, c);
    // Distances are only needed while there are k-means++ picks still to make.
    if (c === k - 1) return;
    // A map of the centre lets the distance update use a plain sparse dot product.
    const dense = new Map<number, number>();
    for (let j = 0; j < v.indices.length; j++) dense.set(v.indices[j]!, v.values[j]!);
    total = 0;
    for (let i = 0; i < n; i++) {
      const u = vectors[i]!;
      let dot = 0;
      for (let j = 0; j < u.indices.length; j++) dot += u.values[j]! * (dense.get(u.indices[j]!) ?? 0);
      const d = Math.max(0, 1 - dot);
      if (d < distance[i]!) distance[i] = d;
      total += distance[i]! * distance[i]!;
    }
  };
  const anchors = fixed.slice(0, k);
  if (anchors.length === k) {
    anchors.forEach((v, c) => centres.add(v, c));
    centres.normalise();
    return centres;
  }
  anchors.forEach(place);
  /** A D² draw: statements far from every centre so far are likelier (the first is uniform). */
  const draw = (c: number): number => {
    const uniform = Math.floor(random() * n);
    if (c === 0 || total <= 0) return uniform;
    let target = random() * total;
    for (let i = 0; i < n; i++) {
      target -= distance[i]! * distance[i]!;
      if (target <= 0) return i;
    }
    return n - 1;
  };
  /** The potential (sum of squared distances) if `v` were added as a centre. */
  const potentialWith = (v: SparseVector): number => {
    const dense = new Map<number, number>();
    for (let j = 0; j < v.indices.length; j++) dense.set(v.indices[j]!, v.values[j]!);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = vectors[i]!;
      let dot = 0;
      for (let j = 0; j < u.indices.length; j++) dot += u.values[j]! * (dense.get(u.indices[j]!) ?? 0);
      const d = Math.min(distance[i]!, Math.max(0, 1 - dot));
      sum += d * d;
    }
    return sum;
  };
  // Greedy k-means++ (as scikit-learn does it): 2 + ln k D² draws per centre, keeping the one that
  // lowers the potential most, which makes a single start less a matter of luck.
  const trials = greedy ? 2 + Math.floor(Math.log(k)) : 1;
  for (let c = fixed.length; c < k; c++) {
    let next = draw(c);
    if (c > 0 && trials > 1) {
      let best = potentialWith(vectors[next]!);
      for (let t = 1; t < trials; t++) {
        const candidate = draw(c);
        const p = potentialWith(vectors[candidate]!);
        if (p < best) {
          best = p;
          next = candidate;
        }
      }
    }
    place(vectors[next]!, c);
  }
  centres.normalise();
  return centres;
}
