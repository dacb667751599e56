// Recall and precision of the anonymisation screen on a labelled set of statements.
// Usage: npm run bench:pii [-- FILE.jsonl] [--misses]
// Each line of the file: {"text": "...", "pii": [{"type": "name", "span": "Tom"}]}.
// A finding matches a label when the types agree and the spans overlap. A label names a detail
// once per text, so where its span is written twice ("Precious, who comes Tuesdays … keep Precious
// with me") each place it is written is that detail: a finding on either is right, and finding
// either recalls the label.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { piiTypes } from '../dist/pii/detect.js';
import { screenText } from '../dist/pii/screen.js';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const file = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../tests/fixtures/pii-labelled.jsonl', import.meta.url));
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

const tally = Object.fromEntries(piiTypes.map((t) => [t, { labels: 0, found: 0, findings: 0, right: 0 }]));
const misses = [];
const started = performance.now();
for (const row of rows) {
  const labels = row.pii.map((p) => ({ ...p, at: occurrences(row.text, p.span) }));
  const findings = await screenText(row.text, { names: [] });
  const overlaps = (f, l) => f.type === l.type && l.at.some((start) => f.start < start + l.span.length && start < f.end);
  for (const l of labels) {
    tally[l.type].labels++;
    if (findings.some((f) => overlaps(f, l))) tally[l.type].found++;
    else misses.push(`missed ${l.type} "${l.span}": ${row.text}`);
  }
  for (const f of findings) {
    tally[f.type].findings++;
    if (labels.some((l) => overlaps(f, l))) tally[f.type].right++;
    else misses.push(`false ${f.type} "${f.span}": ${row.text}`);
  }
}
const ms = performance.now() - started;

/** Where `span` starts in `text`, each place it is written. */
function occurrences(text, span) {
  const out = [];
  for (let i = text.indexOf(span); i >= 0; i = text.indexOf(span, i + 1)) out.push(i);
  return out;
}

const pct = (a, b) => (b === 0 ? '–' : ((100 * a) / b).toFixed(1));
const total = { labels: 0, found: 0, findings: 0, right: 0 };
console.log(`${rows.length} statements, ${rows.filter((r) => r.pii.length === 0).length} without personal details (${file})\n`);
console.log('| type | labels | recall % | findings | precision % |');
console.log('|---|---:|---:|---:|---:|');
for (const t of piiTypes) {
  const x = tally[t];
  for (const k of Object.keys(total)) total[k] += x[k];
  console.log(`| ${t} | ${x.labels} | ${pct(x.found, x.labels)} | ${x.findings} | ${pct(x.right, x.findings)} |`);
}
console.log(`| **all** | ${total.labels} | ${pct(total.found, total.labels)} | ${total.findings} | ${pct(total.right, total.findings)} |`);
console.log(`\nscreened in ${ms.toFixed(0)} ms, including loading the tagger`);
if (showMisses) for (const m of misses) console.log(m);
