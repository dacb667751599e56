import { stemOf, syntheticWords, themeWords, wallWords } from './analyse.js';

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
  /** Leave out the words that are empty on a workshop wall (`themeWords`); by default, for up to `wallSize` texts. */
  wall?: boolean;
}

/** Up to this many statements in a category, it is a workshop wall. */
export const wallSize = 500;

export function buildFeatureSpace(texts: readonly string[], options: FeatureOptions = { bigrams: true, minDf: 2 }): FeatureSpace {
  const counted = countTerms(texts, options.bigrams, options.wall ?? texts.length <= wallSize);
  const kept = keptFeatures(counted, options.minDf);
  const vectors = weightedVectors(counted, kept, texts.length);
  const displayWord = spellings(counted);
  const features = kept.map((k) => k.name);
  const display = features.map((f) => f.split(' ').map(displayWord).join(' '));
  return { features, display, vectors, df: Int32Array.from(kept, (k) => k.df) };
}

/** The texts as numbered terms: term t >= 0 is a stem, t < 0 the pair of stems -1 - t. */
interface CountedTerms {
  terms: number[][];
  stemIds: Map<string, number>;
  stemNames: string[];
  /** Each pair's first and second stem. */
  pairFirst: number[];
  pairSecond: number[];
  wordNames: string[];
  wordStem: number[];
  wordCount: number[];
}

/**
 * Words and stems are numbered as they are met; a pair is found by one number made of its two
 * stems' numbers, which is much cheaper than building and hashing a string for every pair in every
 * statement.
 */
function countTerms(texts: readonly string[], bigrams: boolean, wall: boolean): CountedTerms {
  const wordIds = new Map<string, number>();
  const c: CountedTerms = { terms: [], stemIds: new Map(), stemNames: [], pairFirst: [], pairSecond: [], wordNames: [], wordStem: [], wordCount: [] };
  const pairIds = new Map<number, number>();
  for (const text of texts) {
    const doc: number[] = [];
    for (const word of wall ? wallWords(text) : themeWords(text)) {
      let w = wordIds.get(word);
      if (w === undefined) {
        w = c.wordNames.length;
        wordIds.set(word, w);
        c.wordNames.push(word);
        c.wordCount.push(0);
        const stem = stemOf(word);
        let id = c.stemIds.get(stem);
        if (id === undefined) {
          id = c.stemNames.length;
          c.stemIds.set(stem, id);
          c.stemNames.push(stem);
        }
        c.wordStem.push(id);
      }
      c.wordCount[w]!++;
      doc.push(c.wordStem[w]!);
    }
    const stemCount = doc.length;
    if (bigrams) {
      for (let i = 0; i + 1 < stemCount; i++) {
        // Stem numbers stay far below 2^26, so the key is exact.
        const key = doc[i]! * 0x4000000 + doc[i + 1]!;
        let pair = pairIds.get(key);
        if (pair === undefined) {
          pair = c.pairFirst.length;
          pairIds.set(key, pair);
          c.pairFirst.push(doc[i]!);
          c.pairSecond.push(doc[i + 1]!);
        }
        doc.push(-1 - pair);
      }
    }
    c.terms.push(doc);
  }
  return c;
}

/**
 * The terms in at least `minDf` statements, as features. Features are numbered by name within a
 * count, never by input order. The most used come first, so the per-theme tables indexed by
 * feature keep their busiest rows together in memory.
 */
function keptFeatures({ terms, stemNames, pairFirst, pairSecond }: CountedTerms, minDf: number): { name: string; term: number; df: number }[] {
  const stemDf = new Int32Array(stemNames.length);
  const pairDf = new Int32Array(pairFirst.length);
  const seenStem = new Int32Array(stemNames.length).fill(-1);
  const seenPair = new Int32Array(pairFirst.length).fill(-1);
  terms.forEach((doc, d) => {
    for (const t of doc) {
      if (t >= 0) {
        if (seenStem[t] !== d) {
          seenStem[t] = d;
          stemDf[t]!++;
        }
      } else if (seenPair[-1 - t] !== d) {
        seenPair[-1 - t] = d;
        pairDf[-1 - t]!++;
      }
    }
  });
  const kept: { name: string; term: number; df: number }[] = [];
  stemNames.forEach((name, t) => {
    if (stemDf[t]! >= minDf) kept.push({ name, term: t, df: stemDf[t]! });
  });
  pairDf.forEach((df, p) => {
    if (df >= minDf) kept.push({ name: `${stemNames[pairFirst[p]!]} ${stemNames[pairSecond[p]!]}`, term: -1 - p, df });
  });
  kept.sort((x, y) => y.df - x.df || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return kept;
}

/**
 * Each statement's TF-IDF vector, unit length. Every vector's numbers live in two shared arrays,
 * in statement order, so passes over all the statements read memory in sequence.
 */
function weightedVectors({ terms, stemNames, pairFirst }: CountedTerms, kept: readonly { term: number; df: number }[], n: number): SparseVector[] {
  const stemFeature = new Int32Array(stemNames.length).fill(-1);
  const pairFeature = new Int32Array(pairFirst.length).fill(-1);
  kept.forEach((k, f) => {
    if (k.term >= 0) stemFeature[k.term] = f;
    else pairFeature[-1 - k.term] = f;
  });
  const idf = Float64Array.from(kept, (k) => Math.log((1 + n) / (1 + k.df)) + 1);
  let nnz = 0;
  const docFeatures = terms.map((doc) => {
    const fs: number[] = [];
    for (const t of doc) {
      const f = t >= 0 ? stemFeature[t]! : pairFeature[-1 - t]!;
      if (f >= 0) fs.push(f);
    }
    fs.sort((a, b) => a - b);
    for (let j = 0; j < fs.length; j++) if (j === 0 || fs[j] !== fs[j - 1]) nnz++;
    return fs;
  });
  const allIndices = new Int32Array(nnz);
  const allValues = new Float64Array(nnz);
  let at = 0;
  return docFeatures.map((fs): SparseVector => {
    const from = at;
    for (let j = 0; j < fs.length; ) {
      let end = j;
      while (end < fs.length && fs[end] === fs[j]) end++;
      allIndices[at] = fs[j]!;
      allValues[at++] = (1 + Math.log(end - j)) * idf[fs[j]!]!;
      j = end;
    }
    const values = allValues.subarray(from, at);
    let norm = 0;
    for (const w of values) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < values.length; j++) values[j]! /= norm;
    return { indices: allIndices.subarray(from, at), values };
  });
}

/** How each stem is shown: its most used spelling (ties: the first alphabetically). */
function spellings({ stemIds, stemNames, wordNames, wordStem, wordCount }: CountedTerms): (stem: string) => string {
  const spelling: string[] = new Array<string>(stemNames.length);
  const best = new Array<number>(stemNames.length).fill(-1);
  wordNames.forEach((word, w) => {
    const stem = wordStem[w]!;
    const b = best[stem]!;
    if (b < 0 || wordCount[w]! > wordCount[b]! || (wordCount[w] === wordCount[b] && word < wordNames[b]!)) best[stem] = w;
  });
  best.forEach((w, stem) => (spelling[stem] = w < 0 ? stemNames[stem]! : wordNames[w]!));
  return (stem) => {
    const id = stemIds.get(stem);
    const word = id === undefined ? stem : spelling[id]!;
    return syntheticWords[word] ?? word;
  };
}

export function dotDense(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.indices.length; j++) s += v.values[j]! * dense[v.indices[j]!]!;
  return s;
}
