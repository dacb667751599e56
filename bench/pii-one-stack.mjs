// Would one NLP library do? The anonymisation screen's name finding with wink-nlp (which theming
// already loads) asked in place of compromise, on a labelled set, next to the screen as it is.
// Usage: node bench/pii-one-stack.mjs [FILE.jsonl] [--misses]   (after npm run build)
// wink-nlp's English model has no lexicon of first names, surnames or places, and tags people and
// places alike as proper nouns: here a proper-noun run is a person, and a word is a verb or a noun
// as wink tags it alone. Names only; the other types do not use either library.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { findShapes, resolveOverlaps } from '../dist/pii/detect.js';
import { findNames, loadTagger } from '../dist/pii/people.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../tests/fixtures/pii-labelled.jsonl', import.meta.url));
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

const nlp = winkNLP(model);
const its = nlp.its;
const lexicon = new Set(JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json')), 'utf8')).features.lexeme.list);
const posOf = (() => {
  const seen = new Map();
  return (word) => {
    const w = word.toLowerCase();
    if (!seen.has(w)) seen.set(w, nlp.readDoc(w).tokens().out(its.pos)[0]);
    return seen.get(w);
  };
})();
const wink = {
  people(text) {
    const doc = nlp.readDoc(text);
    const tokens = doc.tokens().out(its.value);
    const pos = doc.tokens().out(its.pos);
    const out = [];
    let at = 0;
    let run;
    tokens.forEach((token, i) => {
      const start = text.indexOf(token, at);
      at = start + token.length;
      if (pos[i] === 'PROPN') {
        if (run) run.text = text.slice(run.start, at);
        else run = { text: token, start };
      } else if (run) {
        out.push(run);
        run = undefined;
      }
    });
    if (run) out.push(run);
    return out;
  },
  isFirstName: () => false,
  knownAsOther: (w) => lexicon.has(w.toLowerCase()) && posOf(w) !== 'PROPN',
  knownAsPlace: () => false,
  isLastName: () => false,
  isVerb: (w) => posOf(w) === 'VERB' || posOf(w) === 'AUX',
  isNoun: (w) => posOf(w) === 'NOUN',
  knows: (w) => lexicon.has(w.toLowerCase()),
};

const occurrences = (text, span) => {
  const out = [];
  for (let i = text.indexOf(span); i >= 0; i = text.indexOf(span, i + 1)) out.push(i);
  return out;
};
const pct = (a, b) => ((100 * a) / b).toFixed(1);
console.log(`${rows.length} statements (${file}); names only\n`);
console.log('| tagger | labels | recall % | findings | precision % |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, tagger] of [['compromise (as shipped)', await loadTagger()], ['wink-nlp in its place', wink]]) {
  const t = { labels: 0, found: 0, findings: 0, right: 0 };
  for (const row of rows) {
    const labels = row.pii.filter((p) => p.type === 'name').map((p) => ({ ...p, at: occurrences(row.text, p.span) }));
    const found = resolveOverlaps([...findShapes(row.text), ...findNames(row.text, { names: undefined, tagger })]).filter((f) => f.type === 'name');
    const overlaps = (f, l) => l.at.some((s) => f.start < s + l.span.length && s < f.end);
    for (const l of labels) {
      t.labels++;
      if (found.some((f) => overlaps(f, l))) t.found++;
      else if (args.includes('--misses')) console.log(`  ${name}: missed "${l.span}": ${row.text}`);
    }
    for (const f of found) {
      t.findings++;
      if (labels.some((l) => overlaps(f, l))) t.right++;
      else if (args.includes('--misses')) console.log(`  ${name}: wrongly "${f.span}": ${row.text}`);
    }
  }
  console.log(`| ${name} | ${t.labels} | ${pct(t.found, t.labels)} | ${t.findings} | ${pct(t.right, t.findings)} |`);
}
