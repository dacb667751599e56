#!/usr/bin/env node
// npm run bench:align — how `wtfc batch` aligns council themes across councils, scored by the
// coders' labels of the evaluation kit's care_feedback set. The set's statements are dealt, by a
// seeded shuffle, into councils of one site each (three batches: 3 councils a site of 80
// statements a category, 5 of 40, 2 of 130); each batch runs through `wtfc batch`, and each
// cross-council theme is read back with the council themes it joins (themes.csv's council_themes).
//   node bench/align.mjs [--eval DIR]
// Purity: how often a cross-council theme's statements share their commonest label (the council
// themes' own purity beside it). Pairs: of two council themes of two councils with the same
// commonest label, how often they are in one cross-council theme (recall), and of two so joined,
// how often their commonest labels are the same (precision).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml } from 'yaml';

const { values: options } = parseArgs({ options: { eval: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const evalDir = resolve(root, options.eval ?? process.env.WTFC_EVAL_DIR ?? '../shared/eval');
const bin = join(root, 'bin', 'wtfc.js');
const rows = parse(readFileSync(join(evalDir, 'data', 'care_feedback', 'statements.csv')), { columns: true });

/** A shuffle that is the same every run: mulberry32, seeded from the text. */
function shuffled(items, seedText) {
  let seed = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const commonest = (labels) => {
  const counts = new Map();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
};
const pct = (x) => (100 * x).toFixed(1);

const batches = [
  { per: 80, councils: 3 },
  { per: 40, councils: 5 },
  { per: 130, councils: 2 },
];
console.log('| councils | statements a category | council themes | cross-council themes (2+ councils) | largest (council themes) | over 2 of one council | purity | council themes\' own | pairs recall | pairs precision | seconds |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const b of batches) {
  const dir = mkdtempSync(join(tmpdir(), 'wtfc-align-'));
  try {
    const input = [];
    const labelOf = new Map();
    for (const site of [...new Set(rows.map((r) => r.site))].sort()) {
      for (const category of [...new Set(rows.map((r) => r.category))].sort()) {
        const pool = shuffled(rows.filter((r) => r.site === site && r.category === category), `${site}|${category}|${b.per}`);
        for (let c = 0; c < b.councils; c++) {
          for (const r of pool.slice(c * b.per, (c + 1) * b.per)) {
            input.push({ council: `${site}-${c + 1}`, text: r.text, category });
            labelOf.set(r.text.trim(), r.label);
          }
        }
      }
    }
    writeFileSync(join(dir, 'councils.csv'), stringify(input, { header: true, columns: ['council', 'text', 'category'] }));
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, 'batch', join(dir, 'councils.csv'), '--out', join(dir, 'out'), '--quiet', '--pii', 'warn'], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`wtfc batch failed (${run.status}):\n${run.stderr}`);
    // Each council theme: its statements' labels, by council and theme id.
    const themeLabels = new Map();
    const councils = [...new Set(input.map((r) => r.council))];
    for (const council of councils) {
      const session = join(dir, 'out', council.toLowerCase(), 'session');
      const text = new Map(parse(readFileSync(join(session, 'statements.csv')), { columns: true }).map((r) => [r.id, r.text.trim()]));
      const themes = parseYaml(readFileSync(join(session, 'themes.yaml'), 'utf8'));
      for (const category of ['working', 'not_working']) {
        for (const t of themes[category]?.themes ?? []) themeLabels.set(`${council}\u0000${t.id}`, { category, council, labels: t.statements.map((id) => labelOf.get(text.get(id)) ?? '') });
      }
    }
    const cross = parse(readFileSync(join(dir, 'out', 'comparison', 'themes.csv')), { columns: true }).map((r) => ({
      category: r.category,
      members: r.council_themes.split('; ').flatMap((part) => {
        const at = part.lastIndexOf(': ');
        return part.slice(at + 2).split(' ').map((id) => `${part.slice(0, at)}\u0000${id}`);
      }),
    }));
    const crossOf = new Map(cross.flatMap((x, i) => x.members.map((m) => [m, i])));
    let [same, joined, joinedSame, pure, own, statements] = [0, 0, 0, 0, 0, 0];
    for (const x of cross.filter((c) => c.members.length > 1)) {
      const labels = x.members.flatMap((m) => themeLabels.get(m).labels);
      pure += commonest(labels)[1];
      own += x.members.reduce((n, m) => n + commonest(themeLabels.get(m).labels)[1], 0);
      statements += labels.length;
    }
    const keys = [...themeLabels.keys()];
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const [a, c] = [themeLabels.get(keys[i]), themeLabels.get(keys[j])];
        if (a.category !== c.category || a.council === c.council) continue;
        const alike = commonest(a.labels)[0] === commonest(c.labels)[0];
        const together = crossOf.get(keys[i]) === crossOf.get(keys[j]);
        if (alike) same++;
        if (together) joined++;
        if (alike && together) joinedSame++;
      }
    }
    const recurring = cross.filter((x) => new Set(x.members.map((m) => themeLabels.get(m).council)).size > 1);
    const overTwo = cross.filter((x) => Math.max(...councils.map((c) => x.members.filter((m) => themeLabels.get(m).council === c).length)) > 2);
    console.log(
      `| ${councils.length} | ${b.per} | ${themeLabels.size} | ${recurring.length} | ${Math.max(...cross.map((x) => x.members.length))} | ${overTwo.length} | ${pct(pure / statements)} | ${pct(own / statements)} | ${pct(joinedSame / same)} | ${pct(joined ? joinedSame / joined : 0)} | ${seconds.toFixed(1)} |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
