import { analyse, syntheticWords } from './analyse.js';

/** A sparse, L2-normalised vector: parallel arrays of feature indices and weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface FeatureSpace {
  /** Feature names: stems, and stem pairs joined by a space. */
  features: string[];
  /** A readable form of each feature, for labels. */
  display: string[];
  /** How many statements use each feature. */
  df: Int32Array;
  vectors: SparseVector[];
}

/**
 * TF-IDF over word stems and adjacent stem pairs, with sublinear term frequency (1 + log tf) and
 * smoothed idf. Features seen in only one statement say nothing about what statements share, so
 * they are dropped. Rows are L2-normalised so a dot product is a cosine.
 */
export interface FeatureOptions {
  bigrams: boolean;
  minDf: number;
}

export function buildFeatureSpace(texts: readonly string[], options: FeatureOptions = { bigrams: true, minDf: 2 }): FeatureSpace {
  const docs = texts.map((t) => {
    const { stems, words } = analyse(t);
    const terms: string[] = [...stems];
    if (options.bigrams) for (let i = 0; i + 1 < stems.length; i++) terms.push(`${stems[i]} ${stems[i + 1]}`);
    return { terms, stems, words };
  });

  const df = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    for (const term of new Set(doc.terms)) df.set(term, (df.get(term) ?? 0) + 1);
    doc.stems.forEach((stem, i) => {
      const counts = surface.get(stem) ?? new Map<string, number>();
      const word = doc.words[i]!;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      surface.set(stem, counts);
    });
  }

  const features = [...df.keys()].filter((t) => df.get(t)! >= options.minDf).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const n = texts.length;
  const idf = features.map((f) => Math.log((1 + n) / (1 + df.get(f)!)) + 1);

  const vectors = docs.map((doc) => {
    const tf = new Map<number, number>();
    for (const term of doc.terms) {
      const i = index.get(term);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const indices = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    const values = Float64Array.from(indices, (i) => (1 + Math.log(tf.get(i)!)) * idf[i]!);
    const norm = Math.hypot(...values);
    if (norm > 0) for (let j = 0; j < values.length; j++) values[j]! /= norm;
    return { indices, values };
  });

  const displayWord = (stem: string) => {
    const counts = surface.get(stem);
    if (!counts) return stem;
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    return syntheticWords[best] ?? best;
  };
  const display = features.map((f) => f.split(' ').map(displayWord).join(' '));
  return { features, display, vectors, df: Int32Array.from(features, (f) => df.get(f)!) };
}

export function dotDense(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.indices.length; j++) s += v.values[j]! * dense[v.indices[j]!]!;
  return s;
}
